//! Licences as the law reads them: Bayh-Dole's preference for U.S. industry (35 U.S.C. 204),
//! DOE's 2021 Science and Energy determination, CFIUS review of a foreign change of control,
//! effective control of a licensee by a specified foreign entity (26 U.S.C. 7701(a)(51)(D)),
//! China's technology-export catalogue, and where the licensee sits (jurisdiction: where it is
//! incorporated; control: who owns it). `leapfrog ip check` and the IP chains both call this.

use crate::book::{RuleBook, FOREIGN_ENTITY_RULE};
use crate::date::Date;
use crate::RulesError;
use serde::Serialize;

/// How much a finding matters: it breaks a rule as written, is a risk an officer must act on,
/// or is worth knowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Note,
    Flag,
    Violation,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Flag => "flag",
            Severity::Violation => "violation",
        }
    }
}

/// Whether a finding is about where the licensee is (jurisdiction) or who owns it (control).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aspect {
    Jurisdiction,
    Control,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LicenceFinding {
    pub check: &'static str,
    pub severity: Severity,
    pub aspect: Aspect,
    pub finding: String,
    /// The rule applied (data/rules.toml), when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

/// A foreign acquisition of the licensee (or title holder).
#[derive(Debug, Clone)]
pub struct ChangeOfControl<'a> {
    pub acquirer: &'a str,
    pub acquirer_country: &'a str,
    pub date: Option<Date>,
    pub in_bankruptcy: bool,
}

/// What the checks read of a licence (a user's deal or a chain's grant). `None` is "not
/// stated": a check that needs it says it could not decide.
#[derive(Debug, Clone, Default)]
pub struct LicenceFacts<'a> {
    pub licensor: &'a str,
    pub licensor_country: Option<&'a str>,
    pub licensee: &'a str,
    pub licensee_country: Option<&'a str>,
    pub licensee_parent_country: Option<&'a str>,
    pub publicly_funded: bool,
    pub funder: Option<&'a str>,
    /// small-business, nonprofit, large-business or government.
    pub title_holder_kind: Option<&'a str>,
    pub funding_agreement_date: Option<Date>,
    pub date: Option<Date>,
    pub exclusive: Option<bool>,
    /// us, ex-us or worldwide.
    pub territory: Option<&'a str>,
    pub manufacturing_condition: Option<bool>,
    pub sublicensing: Option<bool>,
    pub approved_sublicence: Option<bool>,
    pub control_terms: &'a [String],
    pub waiver: bool,
    pub field_of_use: Option<&'a str>,
    pub change_of_control: Option<ChangeOfControl<'a>>,
}

const US: &str = "US";

/// The licence checks, with the rules they apply.
pub struct LicenceChecks<'a> {
    book: &'a RuleBook<'a>,
    covered: Vec<&'a str>,
    dec_from: Date,
    enacted: Date,
}

impl<'a> LicenceChecks<'a> {
    pub fn new(book: &'a RuleBook<'a>) -> Result<Self, RulesError> {
        let dec = book.rule("doe-sne-dec-2021")?;
        let fe = book.rule(FOREIGN_ENTITY_RULE)?;
        Ok(LicenceChecks {
            book,
            covered: book.covered_nations()?,
            dec_from: crate::book::parse(&dec.effective_from)?,
            enacted: crate::book::parse(&fe.effective_from)?,
        })
    }

    fn covered(&self, country: Option<&str>) -> bool {
        country.is_some_and(|c| self.covered.contains(&c))
    }

    fn finding(
        &self,
        check: &'static str,
        severity: Severity,
        aspect: Aspect,
        rule: Option<&str>,
        finding: String,
    ) -> LicenceFinding {
        LicenceFinding {
            check,
            severity,
            aspect,
            finding,
            rule: rule.map(str::to_string),
            citation: rule
                .and_then(|r| self.book.rule(r).ok())
                .map(|r| r.citation.clone()),
        }
    }

    /// Every finding on one licence.
    pub fn check(&self, l: &LicenceFacts) -> Vec<LicenceFinding> {
        let mut out = Vec::new();
        out.extend(self.where_it_goes(l));
        out.extend(self.section_204(l));
        out.extend(self.doe_determination(l));
        out.extend(self.change_of_control(l));
        out.extend(self.effective_control(l));
        out.extend(self.technology_export(l));
        out.extend(self.sublicensing(l));
        out
    }

    /// Jurisdiction (where the licensee is incorporated) and control (its parent) for
    /// publicly funded IP.
    pub fn where_it_goes(&self, l: &LicenceFacts) -> Option<LicenceFinding> {
        if !l.publicly_funded {
            return None;
        }
        let home = l.licensee_country?;
        let parent = l.licensee_parent_country.unwrap_or(home);
        let condition = l.manufacturing_condition == Some(true);
        if home == US {
            return (parent != US).then(|| {
                let covered = self.covered(Some(parent));
                self.finding(
                    "publicly-funded-ip-to-foreign-controlled-us-licensee",
                    if covered { Severity::Flag } else { Severity::Note },
                    Aspect::Control,
                    covered.then_some(FOREIGN_ENTITY_RULE),
                    format!(
                        "{} is incorporated in the U.S. (within U.S. jurisdiction) and controlled from {parent}{}",
                        l.licensee,
                        if covered { ", a covered nation" } else { "" }
                    ),
                )
            });
        }
        let covered = self.covered(Some(home));
        let severity = if covered || !condition {
            Severity::Flag
        } else {
            Severity::Note
        };
        // A licence whose terms are not public is not read as a licence without the condition.
        let none = match l.manufacturing_condition {
            Some(false) => "with no U.S. manufacturing condition",
            _ => "with no U.S. manufacturing condition on record",
        };
        let why = match (covered, condition) {
            (true, true) => format!(
                "incorporated in {home}, a covered nation: its U.S. manufacturing condition cannot be enforced there"
            ),
            (true, false) => format!("incorporated in {home}, a covered nation, {none}"),
            (false, true) => format!("incorporated in {home}, with a U.S. manufacturing condition"),
            (false, false) => format!("incorporated in {home}, {none}"),
        };
        Some(self.finding(
            "publicly-funded-ip-licensed-abroad",
            severity,
            Aspect::Jurisdiction,
            None,
            format!(
                "publicly funded IP from {} to {}: {why}",
                l.licensor, l.licensee
            ),
        ))
    }

    /// 35 U.S.C. 204: a small business or nonprofit title holder (or its assignee) may not grant
    /// an exclusive right to use or sell in the U.S. without substantial U.S. manufacture,
    /// unless the agency waives it.
    fn section_204(&self, l: &LicenceFacts) -> Option<LicenceFinding> {
        const RULE: &str = "bayh-dole-204";
        if !l.publicly_funded || l.exclusive != Some(true) {
            return None;
        }
        let undecided = |what: &str| {
            Some(self.finding(
                "bayh-dole-204",
                Severity::Note,
                Aspect::Jurisdiction,
                Some(RULE),
                format!("could not decide 35 U.S.C. 204: {what} not given"),
            ))
        };
        let Some(kind) = l.title_holder_kind else {
            return undecided(
                "the title holder's kind (small-business, nonprofit, large-business, government)",
            );
        };
        if !matches!(kind, "small-business" | "nonprofit") {
            return None;
        }
        let Some(territory) = l.territory else {
            return undecided("the territory (us, ex-us, worldwide)");
        };
        if territory == "ex-us" || l.waiver || l.manufacturing_condition == Some(true) {
            return None;
        }
        if l.manufacturing_condition.is_none() {
            return undecided("whether the licence binds substantial U.S. manufacture");
        }
        Some(self.finding(
            "bayh-dole-204",
            Severity::Violation,
            Aspect::Jurisdiction,
            Some(RULE),
            format!(
                "an exclusive licence of U.S. rights ({territory}) from a {kind} title holder to {} with no substantial-U.S.-manufacture agreement and no waiver",
                l.licensee
            ),
        ))
    }

    /// DOE's Science and Energy determination: from 1 October 2021, every licensee of a DOE
    /// S&E subject invention commits to substantial U.S. manufacture, for sales anywhere.
    fn doe_determination(&self, l: &LicenceFacts) -> Option<LicenceFinding> {
        const RULE: &str = "doe-sne-dec-2021";
        let doe = l.funder.is_some_and(|f| {
            let f = f.to_lowercase();
            f.contains("doe") || f.contains("department of energy")
        });
        if !l.publicly_funded || !doe || l.waiver {
            return None;
        }
        let Some(agreement) = l.funding_agreement_date else {
            return Some(self.finding(
                "doe-determination",
                Severity::Note,
                Aspect::Jurisdiction,
                Some(RULE),
                "could not decide DOE's 2021 determination: the funding agreement's date not given".into(),
            ));
        };
        if agreement < self.dec_from || l.manufacturing_condition == Some(true) {
            return None;
        }
        Some(self.finding(
            "doe-determination",
            Severity::Violation,
            Aspect::Jurisdiction,
            Some(RULE),
            format!(
                "a licence ({}) to {} under a DOE Science and Energy funding agreement of {agreement} without the U.S.-manufacturing commitment and no waiver",
                match l.exclusive {
                    Some(true) => "exclusive",
                    Some(false) => "non-exclusive",
                    None => "exclusivity not stated",
                },
                l.licensee
            ),
        ))
    }

    /// A foreign acquirer of a publicly funded licensee: CFIUS review, and under the DOE
    /// determination the rights are suspended until DOE approves.
    pub fn change_of_control(&self, l: &LicenceFacts) -> Vec<LicenceFinding> {
        let Some(c) = &l.change_of_control else {
            return Vec::new();
        };
        if c.acquirer_country == US {
            return Vec::new();
        }
        let mut out = vec![self.finding(
            "cfius-change-of-control",
            Severity::Flag,
            Aspect::Control,
            Some("cfius"),
            format!(
                "{} ({}{}) acquires {}{}{}: a covered transaction for CFIUS review",
                c.acquirer,
                c.acquirer_country,
                if self.covered(Some(c.acquirer_country)) {
                    ", a covered nation"
                } else {
                    ""
                },
                l.licensee,
                c.date.map_or(String::new(), |d| format!(" on {d}")),
                if c.in_bankruptcy {
                    ", a transfer in bankruptcy: the publicly funded IP goes with the assets"
                } else {
                    ""
                }
            ),
        )];
        let dec = l.funding_agreement_date.is_some_and(|d| d >= self.dec_from);
        if l.publicly_funded && dec {
            out.push(self.finding(
                "doe-determination-change-of-control",
                Severity::Flag,
                Aspect::Control,
                Some("doe-sne-dec-2021"),
                format!(
                    "a change of controlling interest in {}: its rights under the DOE Science and Energy funding agreement are suspended until DOE approves in writing",
                    l.licensee
                ),
            ));
        }
        out
    }

    /// An inbound licence from a specified foreign entity to a U.S. plant: effective control
    /// costs the licensee 45X.
    fn effective_control(&self, l: &LicenceFacts) -> Option<LicenceFinding> {
        let specified = self.covered(l.licensor_country)
            || l.date
                .or(Some(self.book.as_of))
                .and_then(|d| self.book.listed(l.licensor, d))
                .is_some();
        if !specified || l.licensee_country != Some(US) {
            return None;
        }
        if !l.control_terms.is_empty() {
            return Some(self.finding(
                "effective-control",
                Severity::Flag,
                Aspect::Control,
                Some(FOREIGN_ENTITY_RULE),
                format!(
                    "{} is a specified foreign entity and the licence gives it effective control ({}): a payment under it in one taxable year makes {} a foreign-influenced entity the next, with no 45X",
                    l.licensor,
                    l.control_terms.join(", "),
                    l.licensee
                ),
            ));
        }
        let after = l.date.is_some_and(|d| d >= self.enacted);
        Some(self.finding(
            "effective-control",
            Severity::Note,
            Aspect::Control,
            Some(FOREIGN_ENTITY_RULE),
            format!(
                "{} is a specified foreign entity; the licence lists no effective-control term{}",
                l.licensor,
                if after {
                    format!(
                        ", but read literally item (gg) makes any licence entered or modified from {} effective control, which would cost {} 45X",
                        self.enacted, l.licensee
                    )
                } else {
                    String::new()
                }
            ),
        ))
    }

    /// China restricts the export of LFP and LMFP cathode and lithium-processing technology:
    /// an inbound licence of it from a Chinese licensor needs a Chinese export licence.
    fn technology_export(&self, l: &LicenceFacts) -> Option<LicenceFinding> {
        const RULE: &str = "mofcom-2025-catalogue";
        if l.licensor_country != Some("CN") || l.licensee_country == Some("CN") {
            return None;
        }
        let field = l.field_of_use?.to_lowercase();
        let restricted = [
            "lfp",
            "lmfp",
            "iron phosphate",
            "lithium extraction",
            "lithium processing",
        ]
        .iter()
        .any(|t| field.contains(t));
        let in_force = self
            .book
            .rule(RULE)
            .is_ok_and(|r| self.book.in_force(r, l.date.unwrap_or(self.book.as_of)));
        (restricted && in_force).then(|| {
            self.finding(
                "china-technology-export",
                Severity::Note,
                Aspect::Control,
                Some(RULE),
                format!(
                    "{} licensing {field} technology out of China needs a Chinese technology-export licence",
                    l.licensor
                ),
            )
        })
    }

    fn sublicensing(&self, l: &LicenceFacts) -> Option<LicenceFinding> {
        (l.sublicensing == Some(true)
            && l.manufacturing_condition != Some(true)
            && l.approved_sublicence != Some(true))
        .then(|| {
            self.finding(
                "sublicensing-without-domestic-manufacturing",
                Severity::Flag,
                Aspect::Jurisdiction,
                None,
                format!(
                    "{} may sublicense with no U.S. manufacturing condition",
                    l.licensee
                ),
            )
        })
    }
}
