//! The brief: each of the assessment's three questions answered in a sentence built from the
//! report's own figures and the thresholds stated in the data, with an enumerated verdict,
//! the figures it rests on, and what would change it: for each driver (a value in the data),
//! its current value and the value at which the verdict flips.

use crate::policy::{REPORT_RUNS, SEED};
use crate::summary::QUESTIONS;
use crate::Assessment;
use leapfrog_data::Dataset;
use leapfrog_policy::leap::leap_map;
use leapfrog_policy::montecarlo::Band;
use leapfrog_policy::{monte_carlo, Levers, Settings};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub question: &'static str,
    /// One or two sentences made from the figures below and the data's thresholds.
    pub answer: String,
    /// The answer's category, one of `verdicts`.
    pub verdict: &'static str,
    pub verdicts: Vec<&'static str>,
    pub figures: Vec<AnswerFigure>,
    pub what_would_change_it: Vec<Switch>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerFigure {
    pub name: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub source: String,
    /// The 10th-90th percentile band across Monte Carlo runs, where the figure has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
    /// The id of the finding in `summary.findings` that states the figure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
}

/// A driver of a verdict: a value in the data and the value at which the verdict flips.
#[derive(Debug, Clone, Serialize)]
pub struct Switch {
    /// The data file and the path of the value inside it.
    pub file: &'static str,
    pub driver: String,
    pub current: f64,
    /// None where no value in the driver's documented range flips the verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub switching_value: Option<f64>,
    pub source: String,
    pub note: String,
    /// A value that must move with the driver to keep the data valid: it takes 1 minus the
    /// driver's value (a share table's remainder).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<String>,
}

/// The three answers, in the questions' order.
pub(crate) fn answers(data: &Dataset, a: &Assessment) -> Result<Vec<Answer>, crate::ReportError> {
    let mut out = Vec::new();
    out.extend(dependence(data, a));
    out.push(strategy(data, a)?);
    out.extend(inventions(a));
    Ok(out)
}

/// The finding that carries the figure `name`, if the summary states it.
fn finding_with<'a>(a: &'a Assessment, name: &str) -> Option<&'a crate::summary::Finding> {
    a.summary
        .findings
        .iter()
        .find(|f| f.figures.iter().any(|x| x.name == name))
}

/// The value of the figure `name` in finding `f`.
fn figure_in(f: &crate::summary::Finding, name: &str) -> Option<f64> {
    f.figures.iter().find(|x| x.name == name).map(|x| x.value)
}

/// The id of the finding that carries the figure `name`.
fn finding_id(a: &Assessment, name: &str) -> Option<String> {
    finding_with(a, name).map(|f| f.id.clone())
}

fn pct(v: f64) -> String {
    format!("{:.1}%", 100.0 * v)
}

/// Q1: a dependence to worry about when one country holds at least the data's dependence share
/// of world cell capacity (the EU's single-country benchmark).
fn dependence(data: &Dataset, a: &Assessment) -> Option<Answer> {
    let settings = data.policy_settings.first()?;
    let threshold = settings.dependence_share;
    let t = crate::summary::latest_country_table(a)?;
    let share = t.china_share;
    let worry = share >= threshold;
    let lfp = a
        .supply
        .shocks
        .iter()
        .flat_map(|s| s.chemistries.iter().map(move |c| (s, c)))
        .filter(|(_, c)| c.chemistry == "LFP-G")
        .max_by(|x, y| {
            x.1.increase_first_year_usd_per_kwh
                .total_cmp(&y.1.increase_first_year_usd_per_kwh)
        });
    let shock_words = lfp.map_or(String::new(), |(s, c)| {
        format!(
            " A {:.0}% cut by {} of {} would raise LFP cells, the chemistry of most grid storage and China's EVs, by {:.0} $/kWh in the first year ({:.0}-{:.0} over the supply model's price responses).",
            100.0 * s.shock.cut,
            s.shock.country,
            s.chain_name.to_lowercase(),
            c.increase_first_year_usd_per_kwh,
            c.increase_first_year_low_usd_per_kwh,
            c.increase_first_year_high_usd_per_kwh
        )
    });
    let answer = format!(
        "{}: China holds {} of world Li-ion cell capacity ({}), {} the {} that the EU set as its benchmark for the most of a strategic raw material it should take from one country (a target, not a legal limit), the line the brief takes for a dependence to worry about.{shock_words}",
        if worry { "Yes" } else { "No" },
        pct(share),
        t.year,
        if worry { "above" } else { "below" },
        pct(threshold),
    );
    // A share table sums to 1: China's entry moves with the remainder (`other`), so the verdict
    // flips where the entry equals the threshold.
    let entry = t.concentration.shares.iter().find(|(k, _)| k == "CN")?;
    let only_other = t
        .concentration
        .shares
        .iter()
        .all(|(k, _)| k == "CN" || k == "other");
    let mut figures = vec![
        AnswerFigure {
            name: "china_share_of_cell_capacity",
            value: share,
            unit: "fraction",
            source: t.source.clone(),
            band: None,
            finding: finding_id(a, "china_share"),
        },
        AnswerFigure {
            name: "dependence_share",
            value: threshold,
            unit: "fraction",
            source: settings.dependence_source.clone(),
            band: None,
            finding: None,
        },
    ];
    if let Some((s, c)) = lfp {
        figures.push(AnswerFigure {
            name: "lfp_cell_cost_increase_first_year",
            value: c.increase_first_year_usd_per_kwh,
            unit: "usd_per_kwh",
            source: s.source.clone(),
            band: Some(Band {
                p10: c.increase_first_year_low_usd_per_kwh,
                p50: c.increase_first_year_usd_per_kwh,
                p90: c.increase_first_year_high_usd_per_kwh,
            }),
            finding: None,
        });
    }
    Some(Answer {
        question: QUESTIONS[0],
        answer,
        verdict: if worry { "yes" } else { "no" },
        verdicts: vec!["yes", "no"],
        figures,
        what_would_change_it: vec![Switch {
            file: "data/shares.toml",
            driver: format!("share_table[id={}].entries[key=CN].value", t.id),
            current: entry.1,
            switching_value: Some(threshold),
            source: t.source.clone(),
            note: format!("China's share of world cell capacity in {}", t.year),
            balance: only_other
                .then(|| format!("share_table[id={}].entries[key=other].value", t.id)),
        }],
    })
}

/// The package the strategy answer reads, and the lever it moves.
const PACKAGE: &str = "tcip-package";
const LEAD_LEVER: &str = "procurement:grid-storage:NaNFM-HC";

/// Q2: which strategy gives U.S. plants the larger share of their sectors' supply in 2045
/// under the assessment's package: catching up (LFP and NMC for EVs) or leading (new
/// chemistries in the new sectors, weighted by GWh); and whether the new sectors are won.
fn strategy(data: &Dataset, a: &Assessment) -> Result<Answer, crate::ReportError> {
    let c = &a.policy.leap.comparison;
    let leap_ahead = c.lead_share_2045 > c.catch_up_share_2045;
    let verdict = if leap_ahead { "leap" } else { "catch-up" };
    let tornado_top = a
        .policy
        .scenarios
        .iter()
        .find(|s| s.package == PACKAGE)
        .and_then(|s| s.tornado.first())
        .map_or(String::new(), |t| {
            format!(" The input that moves the U.S. share most is {}.", t.input)
        });
    let answer = format!(
        "{} under the assessment's package: catching up on LFP and NMC gives U.S. plants {} of EV supply in 2045 and {:.0} B$ of value added over 2025-2045, leading with new chemistries {} of the new sectors' supply by GWh and {:.1} B$; the new sectors are {} (that takes {}), and the package costs {:.0} B$ over current law for 2025-2045.{tornado_top}",
        if leap_ahead { "Leap" } else { "Catch up" },
        pct(c.catch_up_share_2045),
        c.catch_up_value_added_busd,
        pct(c.lead_share_2045),
        c.lead_value_added_busd,
        if c.won { "won" } else { "not won" },
        pct(c.won_share),
        a.policy.attribution.whole_package.added.fiscal_busd,
    );
    let model = &a.policy.model;
    let pkg = data.policy_package(PACKAGE).ok_or_else(|| {
        crate::ReportError::Empty(format!("the brief needs the {PACKAGE} package"))
    })?;
    let current = pkg
        .levers
        .iter()
        .find(|l| l.name == LEAD_LEVER)
        .map_or(0.0, |l| l.value);
    let high = leapfrog_data::PROCUREMENT_MAX_GWH_PER_YEAR;
    let gap = |gwh: f64| -> Result<f64, crate::ReportError> {
        let levers = Levers::resolve(data, model, Some(pkg), &[(LEAD_LEVER.into(), gwh)])?;
        let settings = Settings {
            runs: REPORT_RUNS,
            seed: SEED,
            threads: 2,
        };
        let c = leap_map(model, &monte_carlo(model, &levers, settings)?).comparison;
        Ok(c.lead_share_2045 - c.catch_up_share_2045)
    };
    // A data folder in which the lever cannot be moved (its chemistry not followed into grid
    // storage, say) still gets its report; the driver says why it has no switching value.
    // The package as it stands is the report's own run: its gap is known.
    let at_current = c.lead_share_2045 - c.catch_up_share_2045;
    let (switching_value, why_not) = match flip_point(&gap, (current, at_current), high) {
        Ok(v) => (v, String::new()),
        Err(e) => (None, format!("; not evaluated: {e}")),
    };
    let figures = vec![
        AnswerFigure {
            name: "catch_up_share_2045",
            value: c.catch_up_share_2045,
            unit: "fraction",
            source: "tcip-2025".into(),
            band: None,
            finding: finding_id(a, "catch_up_share_2045"),
        },
        AnswerFigure {
            name: "lead_share_2045",
            value: c.lead_share_2045,
            unit: "fraction",
            source: "tcip-2025".into(),
            band: None,
            finding: finding_id(a, "lead_share_2045"),
        },
        AnswerFigure {
            name: "catch_up_value_added",
            value: c.catch_up_value_added_busd,
            unit: "busd",
            source: "tcip-2025".into(),
            band: None,
            finding: finding_id(a, "catch_up_share_2045"),
        },
        AnswerFigure {
            name: "package_added_fiscal_cost",
            value: a.policy.attribution.whole_package.added.fiscal_busd,
            unit: "busd",
            source: "usc-45x".into(),
            band: None,
            finding: None,
        },
    ];
    Ok(Answer {
        question: QUESTIONS[1],
        answer,
        verdict,
        verdicts: vec!["catch-up", "leap"],
        figures,
        what_would_change_it: vec![Switch {
            file: "data/policy.toml",
            driver: format!("policy_package[id={PACKAGE}].levers[name={LEAD_LEVER}].value"),
            current,
            switching_value,
            source: "assumption".into(),
            note: format!(
                "GWh a year of federal procurement of sodium-ion grid storage at which leading gives U.S. plants as large a share in 2045 as catching up ({} runs, seed {}, as the report){why_not}",
                REPORT_RUNS, SEED
            ),
            balance: None,
        }],
    })
}

/// The value between `from` (with `f` there already known) and `to` at which `f` changes
/// sign, by bisection, on the side where it has changed (None when it keeps its sign at `to`).
fn flip_point(
    f: &dyn Fn(f64) -> Result<f64, crate::ReportError>,
    (from, at_from): (f64, f64),
    to: f64,
) -> Result<Option<f64>, crate::ReportError> {
    let side = |v: f64| v > 0.0;
    let start = side(at_from);
    if side(f(to)?) == start {
        return Ok(None);
    }
    let (mut lo, mut hi) = (from, to);
    // Each halving costs one Monte Carlo; 14 leave the flip within 1e-4 of the range (0.6 GWh a
    // year for procurement), well inside the distances a reader would move a driver by.
    for _ in 0..14 {
        let mid = 0.5 * (lo + hi);
        if side(f(mid)?) == start {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(Some(hi))
}

/// Q3: where the data's U.S. inventions were made at scale, and the capital between a
/// start-up's pilot line and a plant.
fn inventions(a: &Assessment) -> Option<Answer> {
    let f = finding_with(a, "startup_capital")?;
    let (startup, incumbent) = (
        figure_in(f, "startup_capital")?,
        figure_in(f, "incumbent_capital")?,
    );
    let ip = finding_with(a, "us_inventions")?;
    let gap = startup > incumbent;
    let answer = format!(
        "By the licence and by the money between pilot and plant: of {:.0} U.S. inventions in the data, {:.0} left U.S. jurisdiction, every one by a licence or transfer the U.S. side granted, and {:.0} scaled abroad. A start-up needs {:.0} M$ to take a new chemistry from pilot line to a 20 GWh U.S. plant, {:.1}x an established maker's {:.0} M$ for the same plant{}.",
        figure_in(ip, "us_inventions")?,
        figure_in(ip, "left_us_jurisdiction")?,
        figure_in(ip, "scaled_abroad")?,
        startup,
        startup / incumbent,
        incumbent,
        if gap { ": the missing middle binds" } else { "" }
    );
    Some(Answer {
        question: QUESTIONS[2],
        answer,
        verdict: if gap {
            "missing-middle"
        } else {
            "licence-only"
        },
        verdicts: vec!["missing-middle", "licence-only"],
        figures: vec![
            AnswerFigure {
                name: "startup_capital",
                value: startup,
                unit: "musd",
                source: "porsche-2025".into(),
                band: None,
                finding: Some(f.id.clone()),
            },
            AnswerFigure {
                name: "incumbent_capital",
                value: incumbent,
                unit: "musd",
                source: "batpac-v5".into(),
                band: None,
                finding: Some(f.id.clone()),
            },
        ],
        what_would_change_it: Vec::new(),
    })
}
