//! 45X for a battery plant, year by year: where it makes, what it makes, whether its owner is
//! a prohibited foreign entity, and its material assistance cost ratio against the threshold
//! for the year of sale.

use crate::book::RuleBook;
use crate::date::Date;
use crate::entity::{percent, EntityRules};
use crate::RulesError;
use leapfrog_data::{Component, Plant};
use serde::Serialize;

pub const CREDIT_RULE: &str = "45x";
pub const BATTERY_MACR_RULE: &str = "45x-macr-battery";

/// Cell or module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Product {
    Cell,
    Module,
}

/// One test of eligibility: what was asked, the answer, why, and the rule behind it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Decision {
    pub test: String,
    pub passed: bool,
    pub reason: String,
    pub rule: String,
    pub citation: String,
}

/// The material assistance cost ratio of a product, from its own direct materials.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Macr {
    pub total_usd_per_kwh: f64,
    pub prohibited_usd_per_kwh: f64,
    pub ratio: f64,
    /// Each component with whether its supplier is a prohibited foreign entity, and why.
    pub components: Vec<ComponentFinding>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ComponentFinding {
    pub name: String,
    pub cost_usd_per_kwh: f64,
    pub supplier: String,
    pub prohibited: bool,
    pub reasons: Vec<String>,
}

/// 45X in one year of sale.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CreditYear {
    pub year: i32,
    pub credit_usd_per_kwh: f64,
    /// The statute's amount before the tests, after its phase-down.
    pub amount_usd_per_kwh: f64,
    pub phase_factor: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub macr: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    pub decisions: Vec<Decision>,
    /// The components bought from prohibited foreign entities, and why each supplier is one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prohibited_components: Vec<ComponentFinding>,
}

/// The credit's phase-down by year of sale, with the full-value years extendable (a lever).
#[derive(Debug, Clone, Serialize)]
pub struct CreditPhase {
    points: Vec<(i32, f64)>,
}

impl CreditPhase {
    pub fn load(book: &RuleBook) -> Result<CreditPhase, RulesError> {
        let rule = book.rule(CREDIT_RULE)?;
        let points = book.yearly(rule, "phase_factor");
        if points.is_empty() {
            return Err(RulesError::Parameter {
                rule: CREDIT_RULE.into(),
                name: "phase_factor".into(),
                date: book.as_of,
            });
        }
        Ok(CreditPhase { points })
    }

    /// The factor for a year of sale; `full_until` moves the last full-value year later and
    /// the phase-down with it (the statute's own schedule when it is not later).
    pub fn factor(&self, year: i32, full_until: Option<i32>) -> f64 {
        // Each point holds from its year until the next: full value lasts until the year
        // before the first reduced point.
        let last_full = self
            .points
            .iter()
            .find(|(_, f)| *f < 1.0)
            .map_or(i32::MAX, |(y, _)| y - 1);
        let shift = full_until.map_or(0, |u| u.saturating_sub(last_full).max(0));
        if full_until.is_some_and(|u| year <= u) {
            return 1.0;
        }
        step(&self.points, year - shift)
    }
}

/// The value of a step function of years: the last point at or before `year`, the first
/// before it.
pub(crate) fn step(points: &[(i32, f64)], year: i32) -> f64 {
    points
        .iter()
        .take_while(|(y, _)| *y <= year)
        .last()
        .or(points.first())
        .map_or(0.0, |(_, v)| *v)
}

/// The least material assistance cost ratio for a year (None before the test applies).
pub fn threshold(book: &RuleBook, rule_id: &str, year: i32) -> Result<Option<f64>, RulesError> {
    let rule = book.rule(rule_id)?;
    Ok(book
        .value_at(rule, "threshold", Date::mid_year(year))
        .map(|v| v.value))
}

/// The ratio from a product's own direct materials and each supplier's status in `year`.
pub fn macr(rules: &EntityRules, components: &[Component], year: i32) -> Macr {
    let findings: Vec<ComponentFinding> = components
        .iter()
        .map(|c| {
            let test = rules.test(&c.supplier, &[], year);
            let reasons = test
                .specified
                .iter()
                .map(|r| format!("specified foreign entity: {r}"))
                .chain(
                    test.foreign_influenced
                        .iter()
                        .map(|r| format!("foreign-influenced entity: {r}")),
                )
                .collect();
            ComponentFinding {
                name: c.name.clone(),
                cost_usd_per_kwh: c.cost_usd_per_kwh,
                supplier: c.supplier.name.clone(),
                prohibited: test.prohibited(),
                reasons,
            }
        })
        .collect();
    let total: f64 = findings.iter().map(|f| f.cost_usd_per_kwh).sum();
    let prohibited: f64 = findings
        .iter()
        .filter(|f| f.prohibited)
        .map(|f| f.cost_usd_per_kwh)
        .sum();
    Macr {
        total_usd_per_kwh: total,
        prohibited_usd_per_kwh: prohibited,
        ratio: if total > 0.0 {
            (total - prohibited) / total
        } else {
            0.0
        },
        components: findings,
    }
}

/// Evaluates 45X for `plant` making `product`, year by year.
pub struct CreditEvaluator<'a> {
    book: &'a RuleBook<'a>,
    entities: EntityRules<'a>,
    phase: CreditPhase,
}

impl<'a> CreditEvaluator<'a> {
    pub fn new(book: &'a RuleBook<'a>, reading: Option<&str>) -> Result<Self, RulesError> {
        Ok(CreditEvaluator {
            book,
            entities: EntityRules::load(book, reading)?,
            phase: CreditPhase::load(book)?,
        })
    }

    pub fn entities(&self) -> &EntityRules<'a> {
        &self.entities
    }

    pub fn year(
        &self,
        plant: &Plant,
        product: Product,
        year: i32,
        full_until: Option<i32>,
    ) -> Result<CreditYear, RulesError> {
        let credit = self.book.rule(CREDIT_RULE)?;
        let cite = |rule: &str| -> Result<String, RulesError> {
            Ok(self.book.rule(rule)?.citation.clone())
        };
        let date = Date::mid_year(year);
        let per_kwh = match product {
            Product::Cell => "cell_usd_per_kwh",
            Product::Module => "module_usd_per_kwh",
        };
        let base = self
            .book
            .value_at(credit, per_kwh, date)
            .map_or(0.0, |v| v.value);
        let phase_factor = if base > 0.0 {
            self.phase.factor(year, full_until)
        } else {
            0.0
        };
        let amount = base * phase_factor;
        let mut decisions = Vec::new();
        let mut decide = |test: &str, passed: bool, reason: String, rule: &str| {
            decisions.push(Decision {
                test: test.into(),
                passed,
                reason,
                rule: rule.into(),
                citation: cite(rule).unwrap_or_default(),
            });
        };
        decide(
            "sold while the credit applies",
            amount > 0.0,
            if base == 0.0 {
                format!("no {per_kwh} amount for components sold in {year}")
            } else {
                format!(
                    "{} $/kWh at {} of full value for {year}",
                    fmt(base),
                    percent(phase_factor)
                )
            },
            CREDIT_RULE,
        );
        let us = plant.site_country == credit.jurisdiction;
        decide(
            "produced in the United States",
            us,
            format!("made in {}", plant.site_country),
            CREDIT_RULE,
        );
        if product == Product::Cell {
            let min = self.book.require(credit, "min_cell_wh_per_l", date)?;
            if let Some(wh_per_l) = plant.cell_wh_per_l {
                decide(
                    "battery cell energy density",
                    wh_per_l >= min,
                    format!("{} Wh/L against at least {}", fmt(wh_per_l), fmt(min)),
                    CREDIT_RULE,
                );
            }
        }
        let (macr, threshold, prohibited_components) =
            self.foreign_entity_tests(plant, year, &mut decide)?;
        let passed = us && decisions_pass(&decisions);
        Ok(CreditYear {
            year,
            credit_usd_per_kwh: if passed { amount } else { 0.0 },
            amount_usd_per_kwh: amount,
            phase_factor,
            macr,
            threshold,
            decisions,
            prohibited_components,
        })
    }

    #[allow(clippy::type_complexity)]
    fn foreign_entity_tests(
        &self,
        plant: &Plant,
        year: i32,
        decide: &mut dyn FnMut(&str, bool, String, &str),
    ) -> Result<(Option<f64>, Option<f64>, Vec<ComponentFinding>), RulesError> {
        let fe = crate::book::FOREIGN_ENTITY_RULE;
        if !self.entities.applies_in(year) {
            decide(
                "prohibited foreign entity",
                true,
                format!(
                    "the taxpayer tests apply to taxable years beginning after {}",
                    self.entities.enacted
                ),
                fe,
            );
        } else {
            let owner = self.entities.test(&plant.owner, &plant.licences, year);
            let specified = owner.specified.join("; ");
            decide(
                "taxpayer is not a specified foreign entity",
                owner.specified.is_empty(),
                if specified.is_empty() {
                    format!("{}: none of the tests met", owner.name)
                } else {
                    format!("{}: {specified}", owner.name)
                },
                fe,
            );
            let influenced = owner.foreign_influenced.join("; ");
            decide(
                "taxpayer is not a foreign-influenced entity",
                owner.foreign_influenced.is_empty(),
                if influenced.is_empty() {
                    format!("{}: none of the tests met in {year}", owner.name)
                } else {
                    format!("{}: {influenced}", owner.name)
                },
                fe,
            );
        }
        let Some(min) = threshold(self.book, BATTERY_MACR_RULE, year)? else {
            decide(
                "material assistance",
                true,
                format!("no threshold for components sold in {year}"),
                BATTERY_MACR_RULE,
            );
            return Ok((None, None, Vec::new()));
        };
        let ratio = macr(&self.entities, &plant.components, year);
        let named: Vec<String> = ratio
            .components
            .iter()
            .filter(|c| c.prohibited)
            .map(|c| {
                format!(
                    "{} {} $/kWh from {}",
                    c.name,
                    fmt(c.cost_usd_per_kwh),
                    c.supplier
                )
            })
            .collect();
        decide(
            "material assistance cost ratio",
            ratio.ratio >= min,
            format!(
                "({} - {}) / {} = {:.3} against at least {:.2} for {year}{}",
                fmt(ratio.total_usd_per_kwh),
                fmt(ratio.prohibited_usd_per_kwh),
                fmt(ratio.total_usd_per_kwh),
                ratio.ratio,
                min,
                if named.is_empty() {
                    String::new()
                } else {
                    format!("; prohibited: {}", named.join(", "))
                }
            ),
            BATTERY_MACR_RULE,
        );
        let prohibited = ratio
            .components
            .into_iter()
            .filter(|c| c.prohibited)
            .collect();
        Ok((Some(ratio.ratio), Some(min), prohibited))
    }
}

fn decisions_pass(d: &[Decision]) -> bool {
    d.iter().all(|d| d.passed)
}

/// A number as a reader writes it: no trailing zeros.
pub(crate) fn fmt(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}
