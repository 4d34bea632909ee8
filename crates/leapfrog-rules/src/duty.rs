//! Import duties by layer: every tariff and trade-remedy rule whose scope covers the line and
//! origin, at its rate on the entry date, "as assessed" and "after refunds" (a layer a court
//! struck down, or a remedy that ended without an order, is refunded).

use crate::book::RuleBook;
use crate::date::Date;
use leapfrog_data::Rule;
use serde::Serialize;

/// A good entering the United States.
#[derive(Debug, Clone)]
pub struct Import<'s> {
    /// The country of origin (a region id).
    pub origin: &'s str,
    /// The tariff line, digits with or without dots (8507.60.0010).
    pub hts: &'s str,
    pub entry: Date,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DutyLayer {
    pub rule: String,
    pub title: String,
    pub parameter: String,
    pub as_assessed: f64,
    pub after_refunds: f64,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_reason: Option<String>,
    pub citation: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Duties {
    pub origin: String,
    pub hts: String,
    pub entry: Date,
    pub layers: Vec<DutyLayer>,
    pub total_as_assessed: f64,
    pub total_after_refunds: f64,
}

const DUTY_KINDS: [&str; 2] = ["tariff", "trade-remedy"];
/// Statuses under which a duty is collected at entry.
const COLLECTED: [&str; 3] = ["in force", "struck down", "unknown"];

fn digits(hts: &str) -> String {
    hts.chars().filter(char::is_ascii_digit).collect()
}

fn scope<'r>(rule: &'r Rule, prefix: &str) -> impl Iterator<Item = &'r str> {
    let prefix = prefix.to_string();
    rule.applies_to
        .iter()
        .filter_map(move |s| s.strip_prefix(prefix.as_str()))
}

fn covers(rule: &Rule, import: &Import) -> bool {
    let line = digits(import.hts);
    let hts_ok = scope(rule, "hts:").any(|h| h == "all" || line.starts_with(&digits(h)));
    let origins: Vec<&str> = scope(rule, "origin:").collect();
    let origin_ok = origins.is_empty() || origins.contains(&import.origin);
    let exempt = rule.exempt.iter().any(|e| {
        e.strip_prefix("origin:") == Some(import.origin)
            || e.strip_prefix("hts:")
                .is_some_and(|h| line.starts_with(&digits(h)))
    });
    hts_ok && origin_ok && !exempt
}

/// The duties on `import`, layer by layer.
pub fn duties(book: &RuleBook, import: &Import) -> Duties {
    let layers: Vec<DutyLayer> = book
        .rules()
        .filter(|r| DUTY_KINDS.contains(&r.kind.as_str()) && covers(r, import))
        .flat_map(|r| layers_of(book, r, import))
        .collect();
    Duties {
        origin: import.origin.to_string(),
        hts: import.hts.to_string(),
        entry: import.entry,
        total_as_assessed: layers.iter().map(|l| l.as_assessed).sum(),
        total_after_refunds: layers.iter().map(|l| l.after_refunds).sum(),
        layers,
    }
}

fn layers_of(book: &RuleBook, rule: &Rule, import: &Import) -> Vec<DutyLayer> {
    let status = book.status_at(rule, import.entry);
    let collected = COLLECTED.contains(&status.status.as_str());
    let refund = refund_after(rule);
    rule.parameters
        .iter()
        .filter(|p| p.name.starts_with("rate"))
        .filter_map(|p| {
            let v = book.value_at(rule, &p.name, import.entry)?;
            let rate = if collected { v.value } else { 0.0 };
            (rate > 0.0).then(|| DutyLayer {
                rule: rule.id.clone(),
                title: rule.title.clone(),
                parameter: p.name.clone(),
                as_assessed: rate,
                after_refunds: if refund.is_some() { 0.0 } else { rate },
                status: status.status.clone(),
                refund_reason: refund.clone(),
                citation: rule.citation.clone(),
                source: v.source.clone(),
            })
        })
        .collect()
}

/// Why a duty collected under the rule is refunded: a span that orders refunds (a court
/// striking the duty down, an investigation ending without an order) covers every entry the
/// duty was collected on, before or after the span's date.
fn refund_after(rule: &Rule) -> Option<String> {
    rule.status.iter().find(|s| s.refund).map(|s| {
        format!(
            "{} on {}{}",
            s.status,
            s.from,
            s.reason
                .as_deref()
                .map_or(String::new(), |r| format!(": {r}"))
        )
    })
}
