//! Battery-enabled sectors: market size, growth, horizon and what drives innovation in each.

use crate::html::src;
use crate::section::Section;
use crate::svg::fmt;
use leapfrog_data::Sector;
use maud::{html, Markup};
use std::fmt::Write;

impl Section for Vec<Sector> {
    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn key(&self) -> &'static str {
        "sectors"
    }

    fn group(&self) -> &'static str {
        "missions"
    }

    fn html(&self) -> Markup {
        html(self)
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

fn html(sectors: &[Sector]) -> Markup {
    html! {
        h2 { "Battery-enabled sectors" }
        table {
            tr { th { "sector" } th { "market, G$" } th { "growth/yr" } th { "horizon" } th { "what drives innovation" } th { "source" } }
            @for s in sectors {
                tr {
                    td { (s.name) }
                    td.n { (size(s.market_size_busd, s.market_year)) }
                    td.n { (growth(s.growth_rate_per_year)) }
                    td.n { (size(s.horizon_size_busd, s.horizon_year)) }
                    td { (s.drivers.join(", ")) }
                    td { (src(&s.source)) }
                }
            }
        }
    }
}
