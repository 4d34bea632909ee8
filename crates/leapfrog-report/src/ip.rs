//! Where U.S. battery inventions went: each technology's licence chain as a timeline (red
//! where the event happened abroad), its exits from U.S. jurisdiction and control, where it
//! scaled, and the first-lever findings.

use crate::html::{chart, src};
use crate::section::Section;
use crate::svg::{timeline, TimelineMark};
use leapfrog_data::{Dataset, IpDate};
use leapfrog_ip::{chains, Chain, Exit};
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

/// The scaled country's share of a supply stage (location basis), from the supply layer.
#[derive(Debug, Serialize)]
pub struct CountryShare {
    pub technology: String,
    pub country: String,
    pub chain: String,
    pub stage: &'static str,
    pub year: i32,
    /// Absent when the stage's table does not list the country (it is within "other").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    pub source: String,
}

impl CountryShare {
    fn shown(&self) -> String {
        self.share.map_or("not listed (within other)".into(), |v| {
            format!("{:.0}%", 100.0 * v)
        })
    }
}

#[derive(Debug, Serialize)]
pub struct IpSection {
    pub chains: Vec<Chain>,
    /// Where each technology scaled abroad, that country's share of its supply stages now.
    pub where_it_sits: Vec<CountryShare>,
    /// Per chain, each event's year range and whether it happened outside the U.S., for the
    /// timelines.
    #[serde(skip)]
    marks: Vec<Vec<(f64, f64, String, bool)>>,
}

pub(crate) fn section(data: &Dataset) -> Result<IpSection, crate::ReportError> {
    let chains = chains(data)?;
    let marks = chains.iter().map(|c| marks_of(data, c)).collect();
    let where_it_sits = shares(data, &chains)?;
    Ok(IpSection {
        chains,
        where_it_sits,
        marks,
    })
}

fn shares(data: &Dataset, chains: &[Chain]) -> Result<Vec<CountryShare>, crate::ReportError> {
    let model = leapfrog_supply::SupplyModel::load(data)?;
    let mut out = Vec::new();
    for c in chains {
        let (Some(scaled), Some(t)) = (&c.scaled_abroad, data.ip_technology(&c.technology)) else {
            continue;
        };
        for id in &t.supply_chains {
            for stage in &model.chain(id)?.stages {
                out.push(CountryShare {
                    technology: c.technology.clone(),
                    country: scaled.country.clone(),
                    chain: id.clone(),
                    stage: stage.stage.id(),
                    year: stage.year,
                    share: stage
                        .shares(leapfrog_supply::Basis::Location)
                        .iter()
                        .find(|(c, _)| *c == scaled.country)
                        .map(|(_, v)| *v),
                    source: stage.source.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// An event is abroad when it happened in, or went to a party of, a country other than the
/// United States.
fn marks_of(data: &Dataset, c: &Chain) -> Vec<(f64, f64, String, bool)> {
    c.timeline
        .iter()
        .filter_map(|s| {
            let e = data.ip_events.iter().find(|e| e.id == s.id)?;
            let d = IpDate::parse(&e.date)?;
            let country = |org: &str| data.ip_organisation(org).and_then(|o| o.country.clone());
            // An acquisition goes abroad with its buyer; a grant with its recipient.
            let party = if e.kind == leapfrog_data::IpEventKind::Acquisition {
                Some(e.by.as_str())
            } else {
                e.to.as_deref()
            };
            let abroad = e.country.as_deref().map(|c| c != "US").unwrap_or(false)
                || party.and_then(country).is_some_and(|c| c != "US")
                || (party.is_none()
                    && e.country.is_none()
                    && country(&e.by).is_some_and(|c| c != "US"));
            let label = format!(
                "{} {}: {}",
                s.date,
                format!("{:?}", s.kind).to_lowercase(),
                s.to.clone().unwrap_or_else(|| s.by.clone())
            );
            Some((
                f64::from(d.start / 10_000),
                f64::from(d.end / 10_000),
                label,
                abroad,
            ))
        })
        .collect()
}

fn aspect(a: leapfrog_rules::Aspect) -> &'static str {
    match a {
        leapfrog_rules::Aspect::Jurisdiction => "jurisdiction",
        leapfrog_rules::Aspect::Control => "control",
    }
}

fn exit(e: &Option<Exit>) -> String {
    e.as_ref().map_or("not left".into(), |e| {
        format!("{} — {} ({})", e.date, e.to, e.country)
    })
}

const INTRO: &str = "Each chain from the data (data/ip.toml), one invention each: jurisdiction leaves the United States with the first licence or transfer to a holder incorporated abroad; control with the first holder or sublicensee whose ultimate parent is abroad (acquisitions included). Red marks happened abroad. Findings come from the rules evaluator's licence checks (data/rules.toml): jurisdiction findings (publicly funded IP granted to a licensee incorporated abroad, sublicences without a U.S.-manufacturing condition, manufacturing where no patent was filed) and control findings (U.S.-incorporated licensees owned abroad, foreign acquisitions under CFIUS) are told apart, each a violation, flag or note.";

impl Section for IpSection {
    fn key(&self) -> &'static str {
        "ip"
    }

    fn group(&self) -> &'static str {
        "ip"
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn html(&self) -> Markup {
        html! {
            h2 { "Where U.S. battery inventions went" }
            p.note { (INTRO) }
            table {
                tr { th { "technology" } th { "U.S. invention" } th { "left U.S. jurisdiction" } th { "left U.S. control" } th { "scaled abroad" } }
                @for c in &self.chains {
                    tr {
                        td { (c.name) }
                        td { (c.us_invention.as_ref().map_or("-".into(), |s| format!("{} {}", s.date, s.by))) }
                        td { (exit(&c.left_us_jurisdiction)) }
                        td { (exit(&c.left_us_control)) }
                        td { (scaled(c)) }
                    }
                }
            }
            h3 { "Where each scaled, now" }
            table {
                tr { th { "technology" } th { "country" } th { "supply stage" } th { "year" } th { "its share" } th { "source" } }
                @for w in &self.where_it_sits {
                    tr {
                        td { (w.technology) } td { (w.country) } td { (w.chain) " / " (w.stage) }
                        td.n { (w.year) } td.n { (w.shown()) } td { (src(&w.source)) }
                    }
                }
            }
            @for (c, marks) in self.chains.iter().zip(&self.marks) {
                @let m: Vec<TimelineMark> = marks.iter().map(|(a, b, l, x)| TimelineMark { from_year: *a, to_year: *b, label: l.clone(), abroad: *x }).collect();
                (chart(timeline(&c.name, &m)))
                @if !c.statuses.is_empty() {
                    p.note {
                        @for st in &c.statuses {
                            (st.organisation) " " (st.status) " (" (st.date) ")" @if let Some(f) = &st.ip_fate { ": " (f) } " " (src(&st.source)) ". "
                        }
                    }
                }
                @if !c.findings.is_empty() {
                    ul {
                        @for f in &c.findings {
                            li { (f.severity.name()) ", " (aspect(f.aspect)) ": " (f.check) " (" (f.date) "): " (f.finding) " " (src(&f.source)) }
                        }
                    }
                }
            }
        }
    }

    fn markdown(&self, m: &mut String) {
        let _ = write!(m, "\n## Where U.S. battery inventions went\n\n{INTRO}\n\n| technology | U.S. invention | left U.S. jurisdiction | left U.S. control | scaled abroad |\n|---|---|---|---|---|\n");
        for c in &self.chains {
            let _ = writeln!(
                m,
                "| {} | {} | {} | {} | {} |",
                c.name,
                c.us_invention
                    .as_ref()
                    .map_or("-".into(), |s| format!("{} {}", s.date, s.by)),
                exit(&c.left_us_jurisdiction),
                exit(&c.left_us_control),
                scaled(c),
            );
        }
        m.push_str("\n| technology | country | supply stage | year | its share | source |\n|---|---|---|---:|---:|---|\n");
        for w in &self.where_it_sits {
            let _ = writeln!(
                m,
                "| {} | {} | {} / {} | {} | {} | {} |",
                w.technology,
                w.country,
                w.chain,
                w.stage,
                w.year,
                w.shown(),
                w.source
            );
        }
        for c in self.chains.iter().filter(|c| !c.findings.is_empty()) {
            let _ = write!(m, "\n**{}**\n\n", c.name);
            for f in &c.findings {
                let _ = writeln!(
                    m,
                    "- {}, {}: {} ({}): {} [{}]",
                    f.severity.name(),
                    aspect(f.aspect),
                    f.check,
                    f.date,
                    f.finding,
                    f.source
                );
            }
            for st in &c.statuses {
                let _ = writeln!(
                    m,
                    "- {} {} ({}){} [{}]",
                    st.organisation,
                    st.status,
                    st.date,
                    st.ip_fate
                        .as_deref()
                        .map_or(String::new(), |f| format!(": {f}")),
                    st.source
                );
            }
        }
    }
}

/// Where the chain scaled abroad; where it has not, whether it still can: "not yet" only while
/// no party to it has closed or gone bankrupt.
fn scaled(c: &leapfrog_ip::Chain) -> String {
    if let Some(s) = &c.scaled_abroad {
        return format!("{} {} ({})", s.date, s.by, s.country);
    }
    let ended: Vec<String> = c
        .statuses
        .iter()
        .filter(|st| st.status == "closed" || st.status == "bankrupt")
        .map(|st| format!("{} {} {}", st.organisation, st.status, st.date))
        .collect();
    if ended.is_empty() {
        "not yet".into()
    } else {
        format!("no: {}", ended.join("; "))
    }
}
