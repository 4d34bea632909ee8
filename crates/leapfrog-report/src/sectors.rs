//! Battery-enabled sectors: market size, growth, horizon and what drives innovation in each.

use crate::section::Section;
use crate::svg::{esc, fmt};
use leapfrog_data::Sector;
use std::fmt::Write;

impl Section for Vec<Sector> {
    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn key(&self) -> &'static str {
        "sectors"
    }

    fn html(&self, h: &mut String, src: &dyn Fn(&str) -> String) {
        html(self, h, src);
    }

    fn markdown(&self, m: &mut String) {
        m.push_str("\n## Battery-enabled sectors\n\n| sector | market, G$ | growth/yr | horizon | what drives innovation | source |\n|---|---:|---:|---:|---|---|\n");
        for s in self {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} | {} |",
                s.name,
                size(s.market_size_busd, s.market_year),
                growth(s.growth_rate_per_year),
                size(s.horizon_size_busd, s.horizon_year),
                s.drivers.join(", "),
                s.source
            );
        }
    }
}

fn size(value: Option<f64>, year: Option<i32>) -> String {
    match (value, year) {
        (Some(v), Some(y)) => format!("{} ({y})", fmt(v)),
        _ => "-".into(),
    }
}

fn growth(rate: Option<f64>) -> String {
    rate.map_or("-".into(), |g| format!("{:.0}%", 100.0 * g))
}

fn html(sectors: &[Sector], h: &mut String, src: &dyn Fn(&str) -> String) {
    h.push_str("<h2>Battery-enabled sectors</h2><table><tr><th>sector</th><th>market, G$</th><th>growth/yr</th><th>horizon</th><th>what drives innovation</th><th>source</th></tr>");
    for s in sectors {
        let market = size(s.market_size_busd, s.market_year);
        let growth = growth(s.growth_rate_per_year);
        let horizon = size(s.horizon_size_busd, s.horizon_year);
        let _ = write!(h, "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td>{}</td><td>{}</td></tr>", esc(&s.name), market, growth, horizon, esc(&s.drivers.join(", ")), src(&s.source));
    }
    h.push_str("</table>");
}
