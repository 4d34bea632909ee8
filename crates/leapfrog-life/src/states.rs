//! The state equations of BLAST-Lite's model forms: each gives a state's change over a step of
//! its independent variable (days or equivalent full cycles) from the state's current value, so
//! a changing stress moves along the curve from where the battery is (path consistency).

/// Trajectory y = k·x^p.
pub fn power(y0: f64, dx: f64, k: f64, p: f64) -> f64 {
    if dx == 0.0 {
        return 0.0;
    }
    if y0 == 0.0 {
        return k * dx.powf(p);
    }
    k * p * (y0 / k).powf((p - 1.0) / p) * dx
}

/// Trajectory y = (k·x)^p.
pub fn power_b(y0: f64, dx: f64, k: f64, p: f64) -> f64 {
    if dx == 0.0 {
        return 0.0;
    }
    if y0 == 0.0 {
        return (k * dx).powf(p);
    }
    let z = y0.powf(1.0 / p) / k;
    p * (k * z).powf(p) / z * dx
}

/// Trajectory y = 2·y∞·(1/2 − 1/(1 + exp((k·x)^p))).
pub fn sigmoid(y0: f64, dx: f64, y_inf: f64, k: f64, p: f64) -> f64 {
    if dx == 0.0 {
        return 0.0;
    }
    if y0 == 0.0 {
        return 2.0 * y_inf * (0.5 - 1.0 / (1.0 + (k * dx).powf(p).exp()));
    }
    let x_inv = (1.0 / k) * (-(2.0 * y_inf / (y0 - y_inf)) - 1.0).ln().powf(1.0 / p);
    let z = (k * x_inv).powf(p);
    let dydx = 2.0 * y_inf * p * z.exp() * z / (x_inv * (z.exp() + 1.0).powi(2));
    dydx * dx
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stepping the state equation along x retraces the trajectory it integrates.
    #[test]
    fn steps_retrace_their_trajectories() {
        let (k, p) = (0.01, 0.5);
        let (mut y, mut yb, mut ys) = (0.0, 0.0, 0.0);
        for _ in 0..1000 {
            y += power(y, 0.1, k, p);
            yb += power_b(yb, 0.1, k, p);
            ys += sigmoid(ys, 0.1, 0.2, 0.05, 1.5);
        }
        let x: f64 = 100.0;
        assert!((y - k * x.powf(p)).abs() / (k * x.powf(p)) < 0.01, "{y}");
        assert!(
            (yb - (k * x).powf(p)).abs() / (k * x).powf(p) < 0.01,
            "{yb}"
        );
        let s = 2.0 * 0.2 * (0.5 - 1.0 / (1.0 + (0.05 * x).powf(1.5).exp()));
        assert!((ys - s).abs() / s < 0.02, "{ys} vs {s}");
    }
}
