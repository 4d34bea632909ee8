//! `leapfrog ip check`: a user's planned licences through the rules evaluator's licence
//! checks (leapfrog-rules), the same checks the chains run.

use leapfrog_data::{Dataset, IpDate, IpDeal};
use leapfrog_rules::{
    Aspect, ChangeOfControl, Date, LicenceChecks, LicenceFacts, RuleBook, Severity,
};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct DealFinding {
    pub deal: String,
    pub check: &'static str,
    /// `violation` (breaks a rule as written), `flag` (a risk to act on) or `note`.
    pub severity: Severity,
    /// `jurisdiction` (where the licensee is incorporated and makes) or `control` (who owns
    /// or directs it).
    pub aspect: Aspect,
    pub finding: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

/// A full date, or the first day of a coarser one (`2026` reads as 2026-01-01).
pub(crate) fn day(text: &str) -> Option<Date> {
    let d = IpDate::parse(text)?;
    let (y, m, dd) = (d.start / 10_000, d.start / 100 % 100, d.start % 100);
    Date::new(i32::try_from(y).ok()?, m, dd)
}

/// The facts of a deal as the licence checks read them.
fn facts(d: &IpDeal) -> LicenceFacts<'_> {
    LicenceFacts {
        licensor: &d.licensor,
        licensor_country: d.licensor_country.as_deref(),
        licensee: &d.licensee,
        licensee_country: Some(&d.licensee_country),
        licensee_parent_country: Some(&d.licensee_parent_country),
        publicly_funded: d.publicly_funded,
        funder: d.funder.as_deref(),
        title_holder_kind: d.title_holder_kind.as_deref(),
        funding_agreement_date: d.funding_agreement_date.as_deref().and_then(day),
        date: day(&d.date),
        exclusive: Some(d.exclusive),
        territory: d.territory.as_deref(),
        manufacturing_condition: Some(d.manufacturing_condition),
        sublicensing: Some(d.sublicensing_allowed),
        approved_sublicence: d.approved_sublicence,
        control_terms: &d.control_terms,
        waiver: d.waiver.is_some(),
        field_of_use: d.field_of_use.as_deref(),
        change_of_control: d.change_of_control.as_ref().map(|c| ChangeOfControl {
            acquirer: &c.acquirer,
            acquirer_country: &c.acquirer_country,
            date: day(&c.date),
            in_bankruptcy: c.in_bankruptcy,
        }),
    }
}

/// Every finding on every deal, most severe first within each deal.
pub fn check_deals(data: &Dataset, deals: &[IpDeal]) -> Result<Vec<DealFinding>, crate::IpError> {
    let book = RuleBook::load(data)?;
    let checks = LicenceChecks::new(&book)?;
    let mut out = Vec::new();
    for d in deals {
        let mut found = checks.check(&facts(d));
        found.sort_by_key(|f| std::cmp::Reverse(f.severity));
        out.extend(found.into_iter().map(|f| DealFinding {
            deal: d.id.clone(),
            check: f.check,
            severity: f.severity,
            aspect: f.aspect,
            finding: f.finding,
            rule: f.rule,
            citation: f.citation,
        }));
    }
    Ok(out)
}
