//! The report's opening: the assessment's three questions, each answered by findings whose
//! figures come from the sections below (never typed), with the sources behind them and a
//! confidence note where a finding rests on assumptions.

use crate::section::Section;
use crate::svg::fmt;
use crate::Assessment;
use leapfrog_mission::Status;
use maud::{html, Markup};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: &'static str,
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// `q{question}-{n}`, n counting the question's findings from 1: what an answer cites.
    pub id: String,
    /// 1: should the U.S. worry about depending on China; 2: what is a competitive strategy;
    /// 3: how does the U.S. avoid losing its next inventions.
    pub question: u8,
    pub text: String,
    pub figures: Vec<Figure>,
    pub sources: Vec<String>,
    /// The report section the finding rests on.
    pub section: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The day the report was made (YYYY-MM-DD, UTC): `SOURCE_DATE_EPOCH` when set, so that a
    /// build can be reproduced, else the clock.
    pub generated: String,
    /// The date the data describe.
    pub data_as_of: DataAsOf,
    pub questions: [&'static str; 3],
    /// The brief: each question answered from the figures (crate::answers).
    pub answers: Vec<crate::answers::Answer>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DataAsOf {
    /// The last date the rules applied (credits, duties, controls) describe.
    pub rules: String,
    /// The year of the newest source in the bibliography.
    pub newest_source_year: i32,
}

impl Summary {
    /// No findings yet: the assessment adds them once its sections exist.
    pub(crate) fn empty(generated: String, data_as_of: DataAsOf) -> Summary {
        Summary {
            generated,
            data_as_of,
            questions: QUESTIONS,
            answers: Vec::new(),
            findings: Vec::new(),
        }
    }
}

/// Today's date (UTC) as YYYY-MM-DD, or the date of `SOURCE_DATE_EPOCH` (whole seconds since
/// 1970-01-01 UTC) when it is set.
pub fn generated_date() -> Result<String, crate::ReportError> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<i64>().map_err(|_| {
            crate::ReportError::Empty(format!(
                "SOURCE_DATE_EPOCH = \"{v}\"; allowed: whole seconds since 1970-01-01 UTC"
            ))
        })?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    Ok(civil_date(seconds.div_euclid(86_400)))
}

/// The proleptic Gregorian date of a day count from 1970-01-01 (Hinnant's civil_from_days).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

pub(crate) const QUESTIONS: [&str; 3] = [
    "Should the United States worry about depending on China for batteries?",
    "What is a competitive strategy?",
    "How does the United States avoid losing its next inventions to scale-up abroad?",
];

fn figure(name: impl Into<String>, value: f64, unit: &'static str, source: &str) -> Figure {
    Figure {
        name: name.into(),
        value,
        unit,
        source: source.to_string(),
    }
}

fn sources_of(figures: &[Figure]) -> Vec<String> {
    let mut s: Vec<String> = figures.iter().map(|f| f.source.clone()).collect();
    s.sort();
    s.dedup();
    s
}

fn finding(
    question: u8,
    section: &'static str,
    text: String,
    figures: Vec<Figure>,
    confidence: Option<String>,
) -> Finding {
    Finding {
        id: String::new(),
        question,
        sources: sources_of(&figures),
        text,
        figures,
        section,
        confidence,
    }
}

/// The findings, from the assessment's computed sections.
pub(crate) fn findings(a: &Assessment) -> Vec<Finding> {
    let mut findings = Vec::new();
    findings.extend(concentration(a));
    findings.extend(shock(a));
    findings.extend(data_checks(a));
    findings.extend(capex_gap(a));
    findings.extend(attribution(a));
    findings.extend(learning(a));
    findings.extend(sector_fit(a));
    findings.extend(policy(a));
    findings.extend(ip(a));
    findings.extend(scaleup(a));
    for q in 1..=3 {
        for (n, f) in findings.iter_mut().filter(|f| f.question == q).enumerate() {
            f.id = format!("q{q}-{}", n + 1);
        }
    }
    findings
}

/// Q1: the latest table of manufacturing capacity by country.
fn concentration(a: &Assessment) -> Option<Finding> {
    let t = latest_country_table(a)?;
    // `other` counts as atomistic in the index, so where the table names no other holder the
    // index is China's share squared: a floor, and the sentence says so.
    let hhi_words = if t
        .concentration
        .shares
        .iter()
        .any(|(k, _)| k != "CN" && k != "other")
    {
        "the Herfindahl index of that market is"
    } else {
        "the table names no other country, so the Herfindahl index is at least China's share squared,"
    };
    Some(finding(
        1,
        "capacity",
        format!(
            "China holds {:.1}% in the latest table of shares by country ({}); {hhi_words} {:.0}.",
            100.0 * t.china_share,
            if t.title.contains(&t.year.to_string()) {
                t.title.clone()
            } else {
                format!("{}, {}", t.title, t.year)
            },
            t.concentration.hhi
        ),
        vec![
            figure("china_share", t.china_share, "fraction", &t.source),
            figure("hhi", t.concentration.hhi, "index", &t.source),
        ],
        None,
    ))
}

/// The latest table of shares by country (others are by company): what Q1 reads.
pub(crate) fn latest_country_table(a: &Assessment) -> Option<&crate::capacity::CapacityTable> {
    a.capacity
        .iter()
        .filter(|t| t.dimension == "country")
        .max_by_key(|t| t.year)
}

/// Q1: the largest first-year cost increase among the supply section's export-cut scenarios.
fn shock(a: &Assessment) -> Option<Finding> {
    let (s, c) = a
        .supply
        .shocks
        .iter()
        .flat_map(|s| s.chemistries.iter().map(move |c| (s, c)))
        .max_by(|x, y| {
            x.1.increase_first_year_usd_per_kwh
                .total_cmp(&y.1.increase_first_year_usd_per_kwh)
        })?;
    Some(finding(
        1,
        "supply",
        format!(
            "A {:.0}% cut by {} of {} ({}) would raise {}'s cells by {} $/kWh in the first year and leave {} GWh unbuildable.",
            100.0 * s.shock.cut,
            s.shock.country,
            s.chain_name,
            s.shock.stage.id(),
            c.chemistry,
            fmt(c.increase_first_year_usd_per_kwh),
            fmt(s.gwh_lost_first_year)
        ),
        vec![
            figure("country_share", s.country_share, "fraction", &s.source),
            figure("cell_cost_increase_first_year", c.increase_first_year_usd_per_kwh, "usd_per_kwh", &s.source),
            figure("gwh_lost_first_year", s.gwh_lost_first_year, "gwh", &s.source),
        ],
        Some("price response and demand are the supply model's scenario assumptions".into()),
    ))
}

/// Q2: the capex gap between CATL's recent expansions and the non-Chinese plants.
fn capex_gap(a: &Assessment) -> Option<Finding> {
    let cmp = &a.capex.comparisons;
    let (low, high) = (
        cmp.iter().min_by(|x, y| {
            x.stats
                .weighted_musd_per_gwh
                .total_cmp(&y.stats.weighted_musd_per_gwh)
        })?,
        cmp.iter().max_by(|x, y| {
            x.stats
                .weighted_musd_per_gwh
                .total_cmp(&y.stats.weighted_musd_per_gwh)
        })?,
    );
    let ratio = high.stats.weighted_musd_per_gwh / low.stats.weighted_musd_per_gwh;
    let published = |c: &crate::capex::Comparison| {
        c.published_musd_per_gwh
            .map_or(String::new(), |p| format!(" (the assessment: {})", fmt(p)))
    };
    Some(finding(
        2,
        "capex",
        format!(
            "{} cost {} M$/GWh{}, {:.1}× the {} M$/GWh{} of {}: an entrant building the same plant pays more for every GWh before it makes a cell.",
            high.label,
            fmt(high.stats.weighted_musd_per_gwh),
            published(high),
            ratio,
            fmt(low.stats.weighted_musd_per_gwh),
            published(low),
            low.label
        ),
        vec![
            figure("entrant_capex", high.stats.weighted_musd_per_gwh, "musd_per_gwh", &high.source),
            figure("incumbent_capex", low.stats.weighted_musd_per_gwh, "musd_per_gwh", &low.source),
        ],
        None,
    ))
}

/// Q2: the learning rate that keeps an incumbent ahead.
fn learning(a: &Assessment) -> Option<Finding> {
    let l = a.learning.first()?;
    let fit = l.fit_sourced.as_ref().unwrap_or(&l.fit);
    Some(finding(
        2,
        "learning",
        format!(
            "Cost falls {:.0}% per doubling of cumulative output (published estimate); fitted on the data's own sourced years it is {:.0}%: an entrant on the incumbent's curve must double its output many times to catch up.",
            100.0 * l.headline.learning_rate,
            100.0 * fit.learning_rate
        ),
        vec![
            figure("headline_learning_rate", l.headline.learning_rate, "fraction", &l.headline.source),
            figure("fitted_learning_rate", fit.learning_rate, "fraction", &l.source),
        ],
        Some("the fit's cumulative totals rest on an assumed pre-2014 base".into()),
    ))
}

/// Q2: where the sector fit says a non-EV market is open, and where nothing in the data fits.
fn sector_fit(a: &Assessment) -> Vec<Finding> {
    let f = &a.sector_fit.fit;
    let mut out = Vec::new();
    for sector in &f.sectors {
        let cells: Vec<_> = f.cells.iter().filter(|c| &c.sector == sector).collect();
        let feasible = feasible_in(a, sector);
        let leader = f.leaders.iter().find(|l| &l.sector == sector);
        let source = a
            .sector_fit
            .worked
            .iter()
            .find(|w| &w.sector == sector)
            .map_or("tcip-2025".to_string(), |w| w.mission_source.clone());
        let uncertain: Vec<&str> = cells
            .iter()
            .filter(|c| c.status == Status::Uncertain)
            .map(|c| c.chemistry.as_str())
            .collect();
        // An uncertain verdict is neither a pass nor a failure: said apart, never counted.
        let undecided = if uncertain.is_empty() {
            String::new()
        } else {
            format!(
                " {} more ({}) {} uncertain: the verdict rests on a model run outside its tested range, or the ageing band straddles the requirement.",
                uncertain.len(),
                uncertain.join(", "),
                if uncertain.len() == 1 { "is" } else { "are" }
            )
        };
        let text = if feasible.is_empty() && uncertain.is_empty() {
            let closest = cells
                .iter()
                .filter(|c| c.status == Status::Infeasible)
                .max_by(|x, y| {
                    x.margin
                        .unwrap_or(-1.0)
                        .total_cmp(&y.margin.unwrap_or(-1.0))
                });
            match closest {
                Some(c) => format!(
                    "No couple in the data does the {sector} preset mission: the closest, {}, misses {} by {:.0}%.",
                    c.chemistry,
                    c.decisive.clone().unwrap_or_default(),
                    -100.0 * c.margin.unwrap_or(0.0)
                ),
                None => continue,
            }
        } else if feasible.is_empty() {
            format!("No couple in the data is shown to do the {sector} preset mission.{undecided}")
        } else {
            let best = leader.and_then(|l| l.by_headline.as_ref());
            format!(
                "{} of {} couples do the {sector} preset mission ({}){}.{undecided}",
                feasible.len(),
                cells.len(),
                feasible.join(", "),
                best.map_or(String::new(), |(c, n, v)| format!(
                    "; best on {n}: {c} at {}",
                    fmt(*v)
                ))
            )
        };
        let figures = vec![figure(
            format!("{sector}_feasible_couples"),
            feasible.len() as f64,
            "count",
            &source,
        )];
        out.push(finding(
            2,
            "sector_fit",
            text,
            figures,
            Some("preset missions carry assumptions named in data/missions.toml".into()),
        ));
    }
    out
}

/// Q3: how the U.S. inventions in the data left, and how fast.
fn ip(a: &Assessment) -> Vec<Finding> {
    let chains = &a.ip.chains;
    let invented: Vec<_> = chains.iter().filter(|c| c.us_invention.is_some()).collect();
    let left: Vec<_> = invented
        .iter()
        .filter(|c| c.left_us_jurisdiction.is_some())
        .collect();
    let scaled: Vec<_> = invented
        .iter()
        .filter(|c| c.scaled_abroad.is_some())
        .collect();
    let via_licence = left.len();
    let all_findings = || chains.iter().flat_map(|c| c.findings.iter());
    let public_abroad = all_findings()
        .filter(|f| f.check == "publicly-funded-ip-licensed-abroad")
        .count();
    let control_notes = all_findings()
        .filter(|f| f.check == "publicly-funded-ip-to-foreign-controlled-us-licensee")
        .count();
    let acquisitions = all_findings()
        .filter(|f| f.check == "cfius-change-of-control")
        .count();
    let no_patent = chains
        .iter()
        .filter(|c| {
            c.findings
                .iter()
                .any(|f| f.check == "no-patent-where-manufactured")
        })
        .count();
    let sources: Vec<String> = left
        .iter()
        .filter_map(|c| c.left_us_jurisdiction.as_ref().map(|e| e.source.clone()))
        .collect();
    let source = sources
        .first()
        .cloned()
        .unwrap_or_else(|| "tcip-2025".into());
    vec![
        finding(
            3,
            "ip",
            format!(
                "Of {} U.S. inventions in the data, {} left U.S. jurisdiction, every one by a licence or transfer the U.S. side granted, and {} scaled abroad; {} grants put publicly funded IP under a foreign jurisdiction, {} more went to U.S.-incorporated licensees owned abroad (within U.S. jurisdiction, a control note), and {} took publicly funded rights with them (CFIUS findings).",
                invented.len(),
                via_licence,
                scaled.len(),
                public_abroad,
                control_notes,
                if acquisitions == 1 {
                    "1 foreign acquisition".to_string()
                } else {
                    format!("{acquisitions} foreign acquisitions")
                }
            ),
            vec![
                figure("us_inventions", invented.len() as f64, "count", &source),
                figure("left_us_jurisdiction", via_licence as f64, "count", &source),
                figure("scaled_abroad", scaled.len() as f64, "count", &source),
                figure("publicly_funded_grants_abroad", public_abroad as f64, "count", &source),
                figure("publicly_funded_grants_foreign_controlled_us", control_notes as f64, "count", &source),
                figure("foreign_acquisitions_of_funded_rights", acquisitions as f64, "count", &source),
            ],
            None,
        ),
        finding(
            3,
            "ip",
            format!(
                "In {no_patent} of those chains the technology was made at scale where no patent had been filed: the licence, not the patent, is the lever that decides where a U.S. invention is made."
            ),
            vec![figure("chains_made_where_unpatented", no_patent as f64, "count", &source)],
            None,
        ),
    ]
}

impl Section for Summary {
    fn key(&self) -> &'static str {
        "summary"
    }

    fn group(&self) -> &'static str {
        "brief"
    }

    fn json(&self) -> &dyn erased_serde::Serialize {
        self
    }

    fn html(&self) -> Markup {
        html! {
            h2 { "The answers" }
            @for (k, a) in self.answers.iter().enumerate() {
                div.answer id={ "answer-" (k + 1) } {
                    h3 { (k + 1) ". " (a.question) }
                    p { b { "Verdict: " (a.verdict) "." } " " (a.answer) }
                    @if !a.what_would_change_it.is_empty() {
                        p.note {
                            "What would change it: "
                            @for (i, s) in a.what_would_change_it.iter().enumerate() {
                                @if i > 0 { "; " }
                                (switch_text(s))
                            }
                            "."
                        }
                    }
                }
            }
            h3 { "The findings behind the answers" }
            @for (k, q) in self.questions.iter().enumerate() {
                h4 { (k + 1) ". " (q) }
                ul {
                    @for f in self.findings.iter().filter(|f| usize::from(f.question) == k + 1) {
                        li {
                            (f.text) " "
                            span.src { "[" (f.section) "; " (f.sources.join(", ")) "]" }
                            @if let Some(c) = &f.confidence { " " span.note { "(" (c) ")" } }
                        }
                    }
                }
            }
        }
    }

    fn markdown(&self, m: &mut String) {
        m.push_str("\n## The answers\n");
        for (k, a) in self.answers.iter().enumerate() {
            let _ = write!(
                m,
                "\n### {}. {}\n\n**Verdict: {}.** {}\n",
                k + 1,
                a.question,
                a.verdict,
                a.answer
            );
            let switches: Vec<String> = a.what_would_change_it.iter().map(switch_text).collect();
            if !switches.is_empty() {
                let _ = write!(m, "\nWhat would change it: {}.\n", switches.join("; "));
            }
        }
        m.push_str("\n### The findings behind the answers\n");
        for (k, q) in self.questions.iter().enumerate() {
            let _ = write!(m, "\n#### {}. {q}\n\n", k + 1);
            for f in self
                .findings
                .iter()
                .filter(|f| usize::from(f.question) == k + 1)
            {
                let _ = write!(m, "- {} [{}; {}]", f.text, f.section, f.sources.join(", "));
                if let Some(c) = &f.confidence {
                    let _ = write!(m, " ({c})");
                }
                m.push('\n');
            }
        }
    }
}

/// A driver in words: where it is, what it is now and where the verdict flips.
fn switch_text(s: &crate::answers::Switch) -> String {
    match s.switching_value {
        Some(v) => format!(
            "{} in {} is {} and the verdict flips at {} ({})",
            s.driver,
            s.file,
            plain(s.current),
            plain(v),
            s.note
        ),
        None => format!(
            "{} in {} is {}; no value in its range flips the verdict ({})",
            s.driver,
            s.file,
            plain(s.current),
            s.note
        ),
    }
}

/// A data value as one would type it: whole above 100, else to three decimals without
/// trailing zeros.
fn plain(v: f64) -> String {
    if v.abs() >= 100.0 {
        return format!("{v:.0}");
    }
    let text = format!("{v:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The couples that do `sector`'s preset mission, in the fit's order.
fn feasible_in<'a>(a: &'a Assessment, sector: &str) -> Vec<&'a str> {
    a.sector_fit
        .fit
        .cells
        .iter()
        .filter(|c| c.sector == sector && c.status == Status::Feasible)
        .map(|c| c.chemistry.as_str())
        .collect()
}

/// Q2: catching up on today's chemistries against leading with new ones, from the policy
/// section's Monte Carlo under the assessment's package, and whether U.S. LFP ever reaches
/// China's cost under current law.
fn policy(a: &Assessment) -> Vec<Finding> {
    let p = &a.policy;
    let c = &p.leap.comparison;
    let mut out = Vec::new();
    if let Some(base) = p.scenarios.iter().find(|s| s.package == "baseline") {
        if let (Some(lfp), Some(ratio)) = (
            base.parity.iter().find(|x| x.chemistry == "LFP-G"),
            base.lfp_cost_ratio.last(),
        ) {
            out.push(finding(
                2,
                "policy",
                format!(
                    "Under current law U.S. LFP cells reach China's cost by {} in {:.0} of {} runs; in {} they still cost {:.2}x China's (median; 10th-90th percentile {:.2}-{:.2}x).",
                    base.years.last().copied().unwrap_or_default(),
                    (lfp.share_of_runs * p.runs as f64).round(),
                    p.runs,
                    base.years.last().copied().unwrap_or_default(),
                    ratio.p50,
                    ratio.p10,
                    ratio.p90
                ),
                vec![
                    figure("lfp_parity_share_of_runs", lfp.share_of_runs, "fraction", "usc-45x"),
                    figure("lfp_cost_ratio_2045", ratio.p50, "ratio", "tcip-2025"),
                ],
                Some("Rests on assumed spill-overs (10% of other regions' experience counts as a producer's own) and on the factory layer's regional factors; the tornado shows which inputs move the outcome.".into()),
            ));
        }
    }
    out.push(finding(
        2,
        "policy",
        format!(
            "Under the assessment's six-lever package, catching up on LFP and NMC for EVs gives U.S. plants {:.1}% of EV supply in 2045 and {} B$ of sales over 2025-2045; leading with new chemistries in {} gives them {:.1}% of those sectors' supply, weighted by each sector's GWh ({:.1}% as a plain mean of the sectors), and {} B$ (medians of {} runs): {}.",
            100.0 * c.catch_up_share_2045,
            fmt(c.catch_up_value_busd),
            c.lead_sectors.join(", "),
            100.0 * c.lead_share_2045,
            100.0 * c.lead_share_2045_unweighted,
            fmt(c.lead_value_busd),
            p.runs,
            lead_verdict(c)
        ),
        vec![
            figure("catch_up_share_2045", c.catch_up_share_2045, "fraction", "tcip-2025"),
            figure("catch_up_value", c.catch_up_value_busd, "busd", "tcip-2025"),
            figure("lead_share_2045", c.lead_share_2045, "fraction", "tcip-2025"),
            figure("lead_value", c.lead_value_busd, "busd", "tcip-2025"),
        ],
        Some(lead_confidence(a, &c.lead_sectors)),
    ));
    out
}

/// What the comparison says, read from its figures and the data's definition of "won"
/// (policy_settings.won_share) rather than assumed.
fn lead_verdict(c: &leapfrog_policy::leap::Comparison) -> String {
    let larger_share = c.lead_share_2045 > c.catch_up_share_2045;
    let smaller_value = c.lead_value_busd < c.catch_up_value_busd;
    let threshold = format!("{:.0}%", 100.0 * c.won_share);
    match (c.won, larger_share, smaller_value) {
        (true, _, true) => format!("the new sectors are won (at least {threshold} of their supply by GWh), but they are worth less than catching up"),
        (true, _, false) => format!("the new sectors are won (at least {threshold} of their supply by GWh), and they are worth more"),
        (false, true, _) => format!("leading gives a larger share than catching up, but the new sectors are not won (that takes {threshold} of their supply by GWh)"),
        (false, false, _) => format!("under this package leading wins no larger share than catching up, and the new sectors are not won (that takes {threshold} of their supply by GWh)"),
    }
}

/// What the lead-sector comparison rests on, with each lead sector that no chemistry the policy
/// model follows can serve named from the mission layer's verdicts rather than assumed.
fn lead_confidence(a: &Assessment, lead_sectors: &[String]) -> String {
    let mut note = "Lever sizes in the package and the demand of the new sectors are assumptions (data/policy.toml)".to_string();
    for sector in lead_sectors {
        let verdicts: Vec<&str> = a
            .policy
            .leap
            .rows
            .iter()
            .filter(|r| &r.sector == sector)
            .map(|r| r.fit)
            .collect();
        if verdicts.contains(&"feasible") {
            continue;
        }
        let _ = if verdicts.contains(&"not-evaluated") {
            write!(note, "; no chemistry the model follows passes the {sector} mission, so its supply goes to chemistries the mission layer could not evaluate")
        } else {
            write!(note, "; no chemistry the model follows passes the {sector} mission, so the model serves none of its demand")
        };
    }
    note.push('.');
    note
}

/// Q3: the missing middle in dollars and years, from the scale-up section's start-up path.
fn scaleup(a: &Assessment) -> Option<Finding> {
    let start = a.scaleup.paths.iter().find(|p| {
        p.result.path == "startup-us"
            && p.result.equipment_control.is_none()
            && p.result.variant == "conventional"
    })?;
    let incumbent = a
        .scaleup
        .paths
        .iter()
        .find(|p| p.result.path == "incumbent-lfp-us")?;
    let years = |p: &crate::scaleup::PathSummary| {
        p.result.months_to_last_nameplate.map(|m| m as f64 / 12.0)
    };
    let (ys, yi) = (years(start)?, years(incumbent)?);
    Some(finding(
        3,
        "scaleup",
        format!(
            "A start-up taking {} from pilot line to a 20 GWh plant in the U.S. needs {} M$ of capital (capex, operating losses at the incumbent's price and working capital) and {:.1} years; an established maker's 20 GWh LFP plant needs {} M$ and {:.1} years: that difference is the missing middle the assessment describes.",
            start.result.chemistry,
            fmt(start.result.capital_needed_musd),
            ys,
            fmt(incumbent.result.capital_needed_musd),
            yi
        ),
        vec![
            figure("startup_capital", start.result.capital_needed_musd, "musd", "porsche-2025"),
            figure("startup_years", ys, "years", "porsche-2025"),
            figure("incumbent_capital", incumbent.result.capital_needed_musd, "musd", "batpac-v5"),
            figure("incumbent_years", yi, "years", "batpac-v5"),
        ],
        Some("Stage sizes, build times, gates and financing rates of the path are assumptions; the scrap ramp is Porsche Consulting's.".into()),
    ))
}

/// Q1: where the supply data cannot describe today's supply: demand above a table's world
/// output, tables older than the stale line.
fn data_checks(a: &Assessment) -> Option<Finding> {
    let bad: Vec<&crate::supply::DemandCheck> = a
        .supply
        .demand_checks
        .iter()
        .filter(|c| c.problem.is_some())
        .collect();
    let worst = bad
        .iter()
        .filter_map(|c| c.demand_over_world.map(|x| (c, x)))
        .max_by(|x, y| x.1.total_cmp(&y.1));
    let stale: Vec<String> = bad
        .iter()
        .filter(|c| c.stale)
        .map(|c| format!("{} {} ({})", c.chain, c.stage, c.year))
        .collect();
    if bad.is_empty() {
        return None;
    }
    let mut text = format!("{} of the {} supply stages the demand check uses rest on data that cannot describe today's supply", bad.len(), a.supply.demand_checks.len());
    if let Some((c, x)) = worst {
        let _ = write!(
            text,
            "; {} {} demand is {:.1}x its {} table's world output",
            c.chain, c.stage, x, c.year
        );
    }
    if !stale.is_empty() {
        let _ = write!(text, "; stale tables: {}", stale.join(", "));
    }
    text.push_str(
        ": their China shares describe an earlier market than the demand they are set against.",
    );
    let mut figures = vec![figure(
        "stages_flagged",
        bad.len() as f64,
        "count",
        "assumption",
    )];
    if let Some((_, x)) = worst {
        figures.push(figure("worst_demand_over_world", x, "ratio", "assumption"));
    }
    Some(finding(1, "supply", text, figures, Some("The flags are the model's own consistency checks on the data, not a source's statement.".into())))
}

/// Q2: what makes the U.S.-China cell cost gap, from the factory section's attribution (region
/// parameters switched one at a time; the terms sum to the gap).
fn attribution(a: &Assessment) -> Option<Finding> {
    let g = &a.factory.regional_gap;
    let gap = g.cell_cost_usd_per_kwh.0 - g.cell_cost_usd_per_kwh.1;
    let mut terms: Vec<&leapfrog_factory::GapTerm> = g.terms.iter().collect();
    terms.sort_by(|x, y| x.cell_cost_usd_per_kwh.total_cmp(&y.cell_cost_usd_per_kwh));
    let (first, second) = (terms.first()?, terms.get(1)?);
    let share = |t: &leapfrog_factory::GapTerm| {
        if gap.abs() > 0.0 {
            -t.cell_cost_usd_per_kwh / gap
        } else {
            0.0
        }
    };
    Some(finding(
        2,
        "factory",
        format!(
            "The same NMC811 cell costs {} $/kWh in {} and {} in {}: {:.0}% of the {} $/kWh gap is {} and {:.0}% is {}; the rest is the other factors of place.",
            fmt(g.cell_cost_usd_per_kwh.0),
            g.from_region,
            fmt(g.cell_cost_usd_per_kwh.1),
            g.to_region,
            100.0 * share(first),
            fmt(gap),
            factor_words(first.parameter),
            100.0 * share(second),
            factor_words(second.parameter)
        ),
        vec![
            figure("cell_cost_from", g.cell_cost_usd_per_kwh.0, "usd_per_kwh", "batpac-v5"),
            figure("cell_cost_to", g.cell_cost_usd_per_kwh.1, "usd_per_kwh", "batpac-v5"),
            figure(format!("{}_share", first.parameter), share(first), "fraction", "batpac-v5"),
            figure(format!("{}_share", second.parameter), share(second), "fraction", "batpac-v5"),
        ],
        Some("Materials are priced alike in both places by construction (one price basis), so the gap is the plant's and the place's alone; the shares depend on the order the factors are switched in (the factory section's table gives it); and they rest on the region figures in data/factory_regions.toml, of which China's equipment multiplier and building cost carry the most weight (see the factory section's sensitivity).".into()),
    ))
}

/// A region factor in words (the factory layer's parameter names are for data, not prose).
fn factor_words(parameter: &str) -> String {
    match parameter {
        "equipment_cost_multiplier" => "the price of equipment".into(),
        "building_usd_per_m2" => "the cost of buildings".into(),
        "labour_usd_per_h" => "the cost of labour".into(),
        "electricity_usd_per_kwh" => "the price of electricity".into(),
        "cost_of_capital" => "the cost of capital".into(),
        "construction_years" => "construction time".into(),
        other => other.replace('_', " "),
    }
}

#[cfg(test)]
mod date_tests {
    use super::civil_date;

    /// Day counts against dates known from the calendar: the epoch, a leap day, and
    /// 1,700,000,000 s (2023-11-14 22:13:20 UTC).
    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(1_700_000_000 / 86_400), "2023-11-14");
        assert_eq!(civil_date(-1), "1969-12-31");
    }
}
