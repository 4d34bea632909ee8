//! `leapfrog ip check`: the same first-lever checks on licences a user plans.

use leapfrog_data::IpDeal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct DealFinding {
    pub deal: String,
    pub check: &'static str,
    /// `flag` (the lever's concern) or `note` (worth knowing, not a concern by itself).
    pub severity: &'static str,
    pub finding: String,
}

/// Flags publicly funded IP going to a foreign-incorporated or foreign-controlled licensee
/// without a U.S. manufacturing condition, and sublicensing rights without one.
pub fn check_deals(deals: &[IpDeal]) -> Vec<DealFinding> {
    let mut out = Vec::new();
    for d in deals {
        let foreign: Vec<&str> = [
            d.licensee_country.as_str(),
            d.licensee_parent_country.as_str(),
        ]
        .into_iter()
        .filter(|c| *c != crate::US)
        .collect();
        if d.publicly_funded && !foreign.is_empty() {
            let (severity, text) = if d.manufacturing_condition {
                ("note", "publicly funded IP to a licensee incorporated or controlled abroad, with a U.S. manufacturing condition")
            } else {
                ("flag", "publicly funded IP to a licensee incorporated or controlled abroad, with no U.S. manufacturing condition")
            };
            out.push(DealFinding {
                deal: d.id.clone(),
                check: "publicly-funded-ip-licensed-abroad",
                severity,
                finding: format!(
                    "{text} ({} to {}, {})",
                    d.licensor,
                    d.licensee,
                    foreign.join(", ")
                ),
            });
        }
        if d.sublicensing_allowed && !d.manufacturing_condition {
            out.push(DealFinding {
                deal: d.id.clone(),
                check: "sublicensing-without-domestic-manufacturing",
                severity: "flag",
                finding: format!(
                    "{} may sublicense with no U.S. manufacturing condition",
                    d.licensee
                ),
            });
        }
    }
    out
}
