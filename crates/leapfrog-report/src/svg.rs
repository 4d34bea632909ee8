//! Minimal inline-SVG charts: horizontal bars with reference lines, and a log-log scatter
//! with a fitted line. Written by hand so the report needs no fonts or plotting crates.

use std::fmt::Write;

pub struct Bar {
    pub label: String,
    pub value: f64,
    /// CSS class deciding the colour (`cn`, `other`, `neutral`).
    pub class: &'static str,
}

pub struct Marker {
    pub value: f64,
    pub label: String,
}

const LABEL_W: f64 = 260.0;
const PLOT_W: f64 = 420.0;
const ROW_H: f64 = 18.0;

/// Horizontal bars with the default legend: red is China, any other colour elsewhere (no
/// legend when all bars share one colour).
pub fn bars(title: &str, unit: &str, bars: &[Bar], markers: &[Marker]) -> String {
    let classes: Vec<&'static str> = bars.iter().map(|b| b.class).fold(Vec::new(), |mut v, c| {
        if !v.contains(&c) {
            v.push(c);
        }
        v
    });
    let legend: Vec<(&'static str, &str)> = if classes.len() > 1 && classes.contains(&"cn") {
        classes
            .iter()
            .map(|c| (*c, if *c == "cn" { "China" } else { "elsewhere" }))
            .collect()
    } else {
        Vec::new()
    };
    bars_legend(title, unit, bars, markers, &legend)
}

/// Horizontal bars with reference lines and a legend of what each colour means. Labels get the
/// width the longest needs; reference lines are drawn first and value labels over them on a
/// white halo, so no line crosses a figure; a negative value is not drawn but flagged.
pub fn bars_legend(
    title: &str,
    unit: &str,
    bars: &[Bar],
    markers: &[Marker],
    legend: &[(&'static str, &str)],
) -> String {
    let max = bars
        .iter()
        .map(|b| b.value)
        .chain(markers.iter().map(|m| m.value))
        .fold(0.0, f64::max)
        .max(1e-9)
        * 1.1;
    let label_w = bars
        .iter()
        .map(|b| text_width(&b.label) + 12.0)
        .fold(LABEL_W, f64::max);
    let height = 40.0 + ROW_H * bars.len() as f64 + 30.0;
    let width = (label_w + PLOT_W + 80.0).max(text_width(title) + 10.0);
    let x = |v: f64| label_w + PLOT_W * v / max;
    let mut s = header(width, height, title);
    let bottom = 30.0 + ROW_H * bars.len() as f64;
    for m in markers {
        let _ = write!(
            s,
            r#"<line x1="{0:.1}" y1="24" x2="{0:.1}" y2="{1:.1}" class="mark"/><text x="{0:.1}" y="{2:.1}" class="mlbl" text-anchor="middle">{3}</text>"#,
            x(m.value),
            bottom,
            bottom + 14.0,
            esc(&m.label)
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = 30.0 + ROW_H * i as f64;
        let shown = if b.value < 0.0 {
            format!("{} (below zero: not drawn)", fmt(b.value))
        } else {
            fmt(b.value)
        };
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="lbl" text-anchor="end">{}</text><rect x="{label_w:.1}" y="{:.1}" width="{:.1}" height="{:.1}" class="{}"/><text x="{:.1}" y="{:.1}" class="val">{}</text>"#,
            label_w - 6.0,
            y + 12.0,
            esc(&b.label),
            y + 2.0,
            (x(b.value.max(0.0)) - label_w).max(0.5),
            ROW_H - 4.0,
            b.class,
            x(b.value.max(0.0)) + 4.0,
            y + 12.0,
            shown
        );
    }
    let mut lx = 4.0;
    for (class, meaning) in legend {
        let _ = write!(
            s,
            r#"<rect x="{lx:.1}" y="{:.1}" width="10" height="8" class="{class}"/><text x="{:.1}" y="{:.1}" class="lbl">{}</text>"#,
            bottom + 21.0,
            lx + 14.0,
            bottom + 28.0,
            esc(meaning)
        );
        lx += 24.0 + text_width(meaning);
    }
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text></svg>"#,
        (label_w + PLOT_W / 2.0).max(lx + text_width(unit) / 2.0 + 8.0),
        bottom + 28.0,
        esc(unit)
    );
    s
}

/// One row of a stacked share bar: segments (label, share 0-1, CSS class) left to right.
pub struct StackRow {
    pub label: String,
    pub segments: Vec<(String, f64, &'static str)>,
    pub note: String,
}

/// Horizontal 100% bars, one per row, segment labels inside when they fit.
pub fn stacked(title: &str, rows: &[StackRow]) -> String {
    let label_w = rows
        .iter()
        .map(|r| text_width(&r.label) + 12.0)
        .fold(LABEL_W, f64::max);
    let note_w = rows
        .iter()
        .map(|r| text_width(&r.note) + 8.0)
        .fold(120.0, f64::max);
    let height = 40.0 + ROW_H * rows.len() as f64 + 30.0;
    let width = (label_w + PLOT_W + note_w).max(text_width(title) + 10.0);
    let mut s = header(width, height, title);
    for (i, r) in rows.iter().enumerate() {
        let y = 30.0 + ROW_H * i as f64;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="lbl" text-anchor="end">{}</text>"#,
            label_w - 6.0,
            y + 12.0,
            esc(&r.label)
        );
        let mut x = label_w;
        for (label, share, class) in &r.segments {
            let w = PLOT_W * share.clamp(0.0, 1.0);
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" class="{class}" stroke="white"/>"#,
                y + 2.0,
                ROW_H - 4.0
            );
            if w > text_width(label) + 4.0 {
                let _ = write!(
                    s,
                    r#"<text x="{:.1}" y="{:.1}" class="val" text-anchor="middle">{}</text>"#,
                    x + w / 2.0,
                    y + 12.0,
                    esc(label)
                );
            }
            x += w;
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="val">{}</text>"#,
            label_w + PLOT_W + 4.0,
            y + 12.0,
            esc(&r.note)
        );
    }
    let bottom = 30.0 + ROW_H * rows.len() as f64;
    let _ = write!(
        s,
        r#"<text x="{label_w:.1}" y="{:.1}" class="axis" text-anchor="middle">0%</text><text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">100%</text><text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">share of the stage, % (segments labelled where they fit)</text></svg>"#,
        bottom + 12.0,
        label_w + PLOT_W,
        bottom + 12.0,
        label_w + PLOT_W / 2.0,
        bottom + 26.0
    );
    s
}

pub struct XY {
    pub x: f64,
    pub y: f64,
    pub label: String,
    pub hollow: bool,
}

/// Log-log scatter with the line y = fit(x) drawn across the data's x-range.
pub fn loglog(
    title: &str,
    x_unit: &str,
    y_unit: &str,
    points: &[XY],
    fit: &dyn Fn(f64) -> f64,
) -> String {
    let (w, h, left, top, pw, ph) = (700.0, 380.0, 70.0, 30.0, 600.0, 300.0);
    let lx: Vec<f64> = points.iter().map(|p| p.x.log10()).collect();
    let ly: Vec<f64> = points.iter().map(|p| p.y.log10()).collect();
    let (x0, x1) = (decade_floor(&lx), decade_ceil(&lx));
    let (y0, y1) = (decade_floor(&ly), decade_ceil(&ly));
    let sx = |v: f64| left + pw * (v.log10() - x0) / (x1 - x0);
    let sy = |v: f64| top + ph * (1.0 - (v.log10() - y0) / (y1 - y0));
    let mut s = header(w, h, title);
    let _ = write!(
        s,
        r#"<rect x="{left}" y="{top}" width="{pw}" height="{ph}" class="frame"/>"#
    );
    for d in x0 as i32..=x1 as i32 {
        let v = 10f64.powi(d);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text>"#,
            sx(v),
            top + ph + 16.0,
            fmt(v)
        );
    }
    for d in y0 as i32..=y1 as i32 {
        let v = 10f64.powi(d);
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="end">{}</text>"#,
            left - 6.0,
            sy(v) + 4.0,
            fmt(v)
        );
    }
    let (xa, xb) = (
        points.iter().map(|p| p.x).fold(f64::INFINITY, f64::min),
        points.iter().map(|p| p.x).fold(0.0, f64::max),
    );
    let _ = write!(
        s,
        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="fit"/>"#,
        sx(xa),
        sy(fit(xa)),
        sx(xb),
        sy(fit(xb))
    );
    for p in points {
        let class = if p.hollow { "pt hollow" } else { "pt" };
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="4" class="{class}"><title>{}</title></circle>"#,
            sx(p.x),
            sy(p.y),
            esc(&p.label)
        );
    }
    close_with_axis_titles(s, (left, top, pw, ph), h, x_unit, y_unit)
}

/// One dated mark on a timeline: its year range, a label and whether it is outside the U.S.
pub struct TimelineMark {
    pub from_year: f64,
    pub to_year: f64,
    pub label: String,
    pub abroad: bool,
}

/// A timeline: one row per mark, a dot at a year or a bar over a range (a decade), red where
/// the event happened outside the United States.
pub fn timeline(title: &str, marks: &[TimelineMark]) -> String {
    let (row, left, top) = (18.0, 60.0, 30.0);
    let widest = marks
        .iter()
        .map(|m| text_width(&m.label))
        .fold(0.0, f64::max);
    let w = (left + 380.0 + 10.0 + widest + 10.0)
        .max(900.0)
        .max(text_width(title) + 10.0);
    let h = top + row * marks.len() as f64 + 30.0;
    let lo = marks
        .iter()
        .map(|m| m.from_year)
        .fold(f64::INFINITY, f64::min)
        .floor()
        - 1.0;
    let hi = marks
        .iter()
        .map(|m| m.to_year)
        .fold(f64::NEG_INFINITY, f64::max)
        .ceil()
        + 1.0;
    let (lo, hi) = if lo.is_finite() && hi > lo {
        (lo, hi)
    } else {
        (2000.0, 2001.0)
    };
    let plot = 380.0;
    let x = |y: f64| left + (y - lo) / (hi - lo) * plot;
    let mut s = header(w, h, title);
    for (k, m) in marks.iter().enumerate() {
        let y = top + row * k as f64 + row / 2.0;
        let class = if m.abroad { "cn" } else { "other" };
        let (a, b) = (x(m.from_year), x(m.to_year + 1.0).max(x(m.from_year) + 4.0));
        s += &format!(
            r#"<rect class="{class}" x="{a:.1}" y="{:.1}" width="{:.1}" height="8"/>"#,
            y - 4.0,
            b - a
        );
        s += &format!(
            r#"<text x="{:.1}" y="{:.1}" class="lbl">{}</text>"#,
            left + plot + 10.0,
            y + 3.0,
            esc(&m.label)
        );
    }
    let base = top + row * marks.len() as f64 + 6.0;
    s += &format!(
        r#"<line class="frame" x1="{left}" y1="{base:.1}" x2="{:.1}" y2="{base:.1}"/>"#,
        left + plot
    );
    let step = ((hi - lo) / 6.0).ceil().max(1.0);
    let mut year = lo;
    while year <= hi {
        s += &format!(
            r#"<text x="{:.1}" y="{:.1}" class="axis">{year:.0}</text>"#,
            x(year) - 12.0,
            base + 14.0
        );
        year += step;
    }
    s + "</svg>"
}

/// One scenario on a fan chart: its name, CSS class, and (year, p10, p50, p90) points.
pub struct Fan {
    pub label: String,
    pub class: &'static str,
    pub points: Vec<(f64, f64, f64, f64)>,
}

/// Fan chart: for each scenario the 10th-90th percentile band and the median line, with a
/// visible title, axis labels and a legend.
/// Fan charts (median line, 10th-90th percentile band) by year, with `parity` drawn as a dashed
/// line across the plot where a ratio's parity means something (a cost ratio of 1).
pub fn fan(
    title: &str,
    x_unit: &str,
    y_unit: &str,
    fans: &[Fan],
    parity: Option<(f64, &str)>,
) -> String {
    let (w, h, left, top, pw, ph) = (700.0, 360.0, 70.0, 40.0, 560.0, 260.0);
    let all = || fans.iter().flat_map(|f| f.points.iter());
    let (x0, x1) = (
        all().map(|p| p.0).fold(f64::INFINITY, f64::min),
        all().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max),
    );
    let y0 = all().map(|p| p.1).fold(f64::INFINITY, f64::min).min(0.0);
    let top_value = all()
        .map(|p| p.3)
        .fold(f64::NEG_INFINITY, f64::max)
        .max(parity.map_or(f64::NEG_INFINITY, |p| p.0))
        .max(y0 + 1e-9);
    let step_y = nice_step((top_value - y0) / 4.0);
    let y1 = y0 + step_y * ((top_value - y0) / step_y).ceil().max(1.0);
    let (x0, x1) = if x1 > x0 { (x0, x1) } else { (x0, x0 + 1.0) };
    let sx = |v: f64| left + pw * (v - x0) / (x1 - x0);
    let sy = |v: f64| top + ph * (1.0 - (v - y0) / (y1 - y0));
    let mut s = header(w, h, title);
    let _ = write!(
        s,
        r#"<rect x="{left}" y="{top}" width="{pw}" height="{ph}" class="frame"/>"#
    );
    let ticks = ((y1 - y0) / step_y).round() as usize;
    for i in 0..=ticks {
        let v = y0 + step_y * i as f64;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="end">{}</text>"#,
            left - 6.0,
            sy(v) + 4.0,
            fmt(v)
        );
    }
    if let Some((value, label)) = parity {
        let y = sy(value);
        let _ = write!(
            s,
            r#"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" class="mark"/><text x="{:.1}" y="{:.1}" class="mlbl" text-anchor="end">{}</text>"#,
            left + pw,
            left + pw - 4.0,
            y - 4.0,
            esc(label)
        );
    }
    let step = ((x1 - x0) / 4.0).ceil().max(1.0);
    let mut x = x0;
    while x <= x1 + 1e-9 {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{x:.0}</text>"#,
            sx(x),
            top + ph + 16.0
        );
        x += step;
    }
    for (i, f) in fans.iter().enumerate() {
        let upper: Vec<String> = f
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", sx(p.0), sy(p.3)))
            .collect();
        let lower: Vec<String> = f
            .points
            .iter()
            .rev()
            .map(|p| format!("{:.1},{:.1}", sx(p.0), sy(p.1)))
            .collect();
        let median: Vec<String> = f
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", sx(p.0), sy(p.2)))
            .collect();
        let _ = write!(
            s,
            r#"<polygon points="{} {}" class="{} band" opacity="0.25"/><polyline points="{}" class="{} median" fill="none"/>"#,
            upper.join(" "),
            lower.join(" "),
            f.class,
            median.join(" "),
            f.class
        );
        let ly = top + 14.0 + 16.0 * i as f64;
        let _ = write!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="12" height="8" class="{}"/><text x="{:.1}" y="{:.1}" class="lbl">{}</text>"#,
            left + 8.0,
            ly - 8.0,
            f.class,
            left + 24.0,
            ly,
            esc(&format!("{} (median, 10th-90th percentile)", f.label))
        );
    }
    close_with_axis_titles(s, (left, top, pw, ph), h, x_unit, y_unit)
}

/// The 1, 2 or 5 times a power of ten at or above `rough`: an axis step a reader can add up.
fn nice_step(rough: f64) -> f64 {
    if !(rough > 0.0 && rough.is_finite()) {
        return 1.0;
    }
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

/// The x title under a plot and the y title turned along its left side, then the chart's end.
fn close_with_axis_titles(
    mut s: String,
    (left, top, pw, ph): (f64, f64, f64, f64),
    h: f64,
    x_unit: &str,
    y_unit: &str,
) -> String {
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" class="axis" text-anchor="middle">{}</text><text x="14" y="{:.1}" class="axis" transform="rotate(-90 14 {:.1})" text-anchor="middle">{}</text></svg>"#,
        left + pw / 2.0,
        h - 8.0,
        esc(x_unit),
        top + ph / 2.0,
        top + ph / 2.0,
        esc(y_unit)
    );
    s
}

/// The opening of a chart: its size, its accessible title and the same title as visible text.
fn header(w: f64, h: f64, title: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-label="{0}"><title>{0}</title><text x="4" y="14" class="ttl">{0}</text>"#,
        esc(title)
    )
}

/// Width in px a label of this many characters needs at the charts' 10-11 px font.
fn text_width(s: &str) -> f64 {
    6.2 * s.chars().count() as f64
}

fn decade_floor(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min).floor()
}

fn decade_ceil(v: &[f64]) -> f64 {
    let c = v.iter().copied().fold(f64::NEG_INFINITY, f64::max).ceil();
    if c <= decade_floor(v) {
        c + 1.0
    } else {
        c
    }
}

pub fn fmt(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
