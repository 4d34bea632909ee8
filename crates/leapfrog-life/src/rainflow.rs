//! Rainflow cycle counting (ASTM E1049-85, section 5.4.4), with the reversal and cycle order of
//! the `rainflow` package BLAST-Lite bundles, so breakpoints fall where BLAST-Lite's do.

/// The reversal points of a series, as (index, value): the first and last points, and each
/// point where the slope changes sign. A flat run reports its last point.
pub fn reversals(series: &[f64]) -> Vec<(usize, f64)> {
    let mut out = Vec::new();
    if series.len() < 2 {
        return out;
    }
    let (mut x, mut d_last) = (series[1], series[1] - series[0]);
    out.push((0, series[0]));
    let mut last_index = None;
    for (index, &x_next) in series.iter().enumerate().skip(2).map(|(i, v)| (i - 1, v)) {
        last_index = Some(index);
        if x_next == x {
            continue;
        }
        let d_next = x_next - x;
        if d_last * d_next < 0.0 {
            out.push((index, x));
        }
        x = x_next;
        d_last = d_next;
    }
    if let Some(index) = last_index {
        out.push((index + 1, series[series.len() - 1]));
    }
    out
}

/// One counted cycle: its range, mean, count (1 full, 0.5 half) and the indices it spans.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cycle {
    pub range: f64,
    pub mean: f64,
    pub count: f64,
    pub start: usize,
    pub end: usize,
}

fn cycle(p1: (usize, f64), p2: (usize, f64), count: f64) -> Cycle {
    Cycle {
        range: (p1.1 - p2.1).abs(),
        mean: 0.5 * (p1.1 + p2.1),
        count,
        start: p1.0,
        end: p2.0,
    }
}

/// Every cycle of the series, in the order the algorithm closes them.
pub fn extract_cycles(series: &[f64]) -> Vec<Cycle> {
    let mut out = Vec::new();
    let mut points: std::collections::VecDeque<(usize, f64)> = Default::default();
    for point in reversals(series) {
        points.push_back(point);
        while points.len() >= 3 {
            let n = points.len();
            let (x1, x2, x3) = (points[n - 3].1, points[n - 2].1, points[n - 1].1);
            if (x3 - x2).abs() < (x2 - x1).abs() {
                break;
            }
            if n == 3 {
                out.push(cycle(points[0], points[1], 0.5));
                points.pop_front();
            } else {
                out.push(cycle(points[n - 3], points[n - 2], 1.0));
                let last = points[n - 1];
                points.truncate(n - 3);
                points.push_back(last);
            }
        }
    }
    while points.len() > 1 {
        out.push(cycle(points[0], points[1], 0.5));
        points.pop_front();
    }
    out
}

/// The total cycle count of a series (full cycles 1, half cycles 0.5).
pub fn count_cycles(series: &[f64]) -> f64 {
    extract_cycles(series).iter().map(|c| c.count).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ASTM E1049-85 figure 6's load history: 2 full cycles of range 6? The standard's worked
    /// example -2, 1, -3, 5, -1, 3, -4, 4, -2 counts ranges 3 (0.5), 4 (1.5 cycles), 6 (0.5),
    /// 8 (1.0), 9 (0.5).
    #[test]
    fn counts_the_astm_example() {
        let series = [-2.0, 1.0, -3.0, 5.0, -1.0, 3.0, -4.0, 4.0, -2.0];
        let mut by_range: std::collections::BTreeMap<u64, f64> = Default::default();
        for c in extract_cycles(&series) {
            *by_range.entry(c.range as u64).or_default() += c.count;
        }
        let expected = [(3, 0.5), (4, 1.5), (6, 0.5), (8, 1.0), (9, 0.5)];
        assert_eq!(by_range.into_iter().collect::<Vec<_>>(), expected);
    }

    #[test]
    fn a_flat_run_reports_its_last_point() {
        let r = reversals(&[0.0, 1.0, 1.0, 1.0, 0.0]);
        assert_eq!(r, vec![(0, 0.0), (3, 1.0), (4, 0.0)]);
    }
}
