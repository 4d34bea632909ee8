//! 48E for an energy storage project: the material assistance threshold for the year its
//! construction began, its own ratio, and its owner's foreign-entity tests.

use crate::book::{RuleBook, FOREIGN_ENTITY_RULE};
use crate::credit::{macr, threshold, Decision, Macr};
use crate::entity::EntityRules;
use crate::RulesError;
use leapfrog_data::StorageProject;
use serde::Serialize;

pub const STORAGE_MACR_RULE: &str = "48e-storage-macr";

#[derive(Debug, Clone, Serialize)]
pub struct StorageResult {
    pub construction_start: String,
    pub year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    pub macr: Macr,
    pub eligible: bool,
    pub decisions: Vec<Decision>,
}

/// Evaluates a storage project whose construction began in `year` (the project's own date
/// unless the caller asks about another year).
pub fn evaluate_storage(
    book: &RuleBook,
    project: &StorageProject,
    year: i32,
    reading: Option<&str>,
) -> Result<StorageResult, RulesError> {
    let entities = EntityRules::load(book, reading)?;
    let rule = book.rule(STORAGE_MACR_RULE)?;
    let fe = book.rule(FOREIGN_ENTITY_RULE)?;
    let min = threshold(book, STORAGE_MACR_RULE, year)?;
    let ratio = macr(&entities, &project.components, year);
    let mut decisions = Vec::new();
    if entities.applies_in(year) {
        let owner = entities.test(&project.owner, &project.licences, year);
        let why: Vec<String> = owner
            .specified
            .iter()
            .chain(&owner.foreign_influenced)
            .cloned()
            .collect();
        decisions.push(Decision {
            test: "taxpayer is not a prohibited foreign entity".into(),
            passed: why.is_empty(),
            reason: if why.is_empty() {
                format!("{}: none of the tests met", owner.name)
            } else {
                format!("{}: {}", owner.name, why.join("; "))
            },
            rule: fe.id.clone(),
            citation: fe.citation.clone(),
        });
    }
    decisions.push(Decision {
        test: "material assistance cost ratio".into(),
        passed: min.is_none_or(|m| ratio.ratio >= m),
        reason: match min {
            Some(m) => format!(
                "{:.3} against at least {:.2} for construction beginning in {year}",
                ratio.ratio, m
            ),
            None => format!("no threshold for construction beginning in {year}"),
        },
        rule: rule.id.clone(),
        citation: rule.citation.clone(),
    });
    Ok(StorageResult {
        construction_start: project.construction_start.clone(),
        year,
        threshold: min,
        eligible: decisions.iter().all(|d| d.passed),
        macr: ratio,
        decisions,
    })
}
