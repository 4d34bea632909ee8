//! Checks for licence chains: every party, technology and country exists; dates read; each
//! kind of event carries what it needs; no licence before the technology's first patent; no
//! cycle of licences and sublicences.

use super::schema::*;
use crate::check::{validate_with, Checker};
use crate::error::IssueKind;
use crate::locate::Step;

validate_with!(IpTechnology => ip_technology, IpOrganisation => ip_organisation, IpEvent => ip_event, IpDeal => ip_deal);

/// Who may hold title to a funded invention.
pub const TITLE_HOLDER_KINDS: &[&str] = &[
    "small-business",
    "nonprofit",
    "large-business",
    "government",
];

/// Where a licence's rights run.
pub const TERRITORIES: &[&str] = &["us", "ex-us", "worldwide"];

const ORGANISATION_STATUSES: &[&str] = &["closed", "acquired", "bankrupt"];

const ORGANISATION_KINDS: &[&str] = &[
    "university",
    "laboratory",
    "company",
    "government",
    "consortium",
];

impl Checker<'_> {
    fn ip_deal(&mut self, d: &IpDeal) {
        for (key, c) in [
            ("licensee_country", &d.licensee_country),
            ("licensee_parent_country", &d.licensee_parent_country),
        ] {
            let exists = self.data.region(c).is_some();
            self.reference(d, &[Step::Key(key)], c, exists, "region");
        }
        if IpDate::parse(&d.date).is_none() {
            self.push(
                d,
                &[Step::Key("date")],
                IssueKind::OutOfRange,
                format!("\"{}\"", d.date),
                "YYYY, YYYY-MM, YYYY-MM-DD or a decade such as 1970s",
            );
        }
        for (key, c) in [
            ("licensor_country", &d.licensor_country),
            ("licensor_parent_country", &d.licensor_parent_country),
        ] {
            if let Some(c) = c {
                let exists = self.data.region(c).is_some();
                self.reference(d, &[Step::Key(key)], c, exists, "region");
            }
        }
        for (key, value, allowed) in [
            (
                "title_holder_kind",
                &d.title_holder_kind,
                TITLE_HOLDER_KINDS,
            ),
            ("territory", &d.territory, TERRITORIES),
        ] {
            if let Some(v) = value.as_ref().filter(|v| !allowed.contains(&v.as_str())) {
                self.push(
                    d,
                    &[Step::Key(key)],
                    IssueKind::OutOfRange,
                    format!("\"{v}\""),
                    &format!("one of {}", allowed.join(", ")),
                );
            }
        }
        if let Some(date) = &d.funding_agreement_date {
            self.ip_day(d, &[Step::Key("funding_agreement_date")], date);
        }
        for (k, t) in d.control_terms.iter().enumerate() {
            if !crate::rules::EFFECTIVE_CONTROL_TERMS.contains(&t.as_str()) {
                self.push(
                    d,
                    &[Step::Key("control_terms"), Step::Item(k)],
                    IssueKind::OutOfRange,
                    format!("\"{t}\""),
                    &format!(
                        "one of {}",
                        crate::rules::EFFECTIVE_CONTROL_TERMS.join(", ")
                    ),
                );
            }
        }
        if let Some(c) = &d.change_of_control {
            let exists = self.data.region(&c.acquirer_country).is_some();
            self.reference(
                d,
                &[
                    Step::Key("change_of_control"),
                    Step::Key("acquirer_country"),
                ],
                &c.acquirer_country,
                exists,
                "region",
            );
            self.ip_day(
                d,
                &[Step::Key("change_of_control"), Step::Key("date")],
                &c.date,
            );
        }
        if let Some(w) = &d.waiver {
            self.ip_day(d, &[Step::Key("waiver"), Step::Key("date")], &w.date);
            self.source(
                d,
                &[Step::Key("waiver"), Step::Key("source")],
                &w.source,
                None,
            );
        }
    }

    /// A full date YYYY-MM-DD.
    fn ip_day(&mut self, d: &IpDeal, steps: &[Step], date: &str) {
        let day = IpDate::parse(date).filter(|p| p.start == p.end);
        if day.is_none() {
            self.push(
                d,
                steps,
                IssueKind::OutOfRange,
                format!("\"{date}\""),
                "a date YYYY-MM-DD",
            );
        }
    }

    fn ip_technology(&mut self, t: &IpTechnology) {
        self.source(t, &[Step::Key("source")], &t.source, t.note.as_ref());
        for (k, c) in t.supply_chains.iter().enumerate() {
            let exists = self.data.supply_chain(c).is_some();
            self.reference(
                t,
                &[Step::Key("supply_chains"), Step::Item(k)],
                c,
                exists,
                "supply_chain",
            );
        }
    }

    fn ip_organisation(&mut self, o: &IpOrganisation) {
        self.source(o, &[Step::Key("source")], &o.source, o.note.as_ref());
        if !ORGANISATION_KINDS.contains(&o.kind.as_str()) {
            self.push(
                o,
                &[Step::Key("kind")],
                IssueKind::OutOfRange,
                format!("\"{}\"", o.kind),
                &format!("one of {}", ORGANISATION_KINDS.join(", ")),
            );
        }
        for (key, c) in [
            ("country", &o.country),
            ("parent_country", &o.parent_country),
        ] {
            if let Some(c) = c {
                let exists = self.data.region(c).is_some();
                self.reference(o, &[Step::Key(key)], c, exists, "region");
            }
        }
        if let Some(st) = &o.status {
            if !ORGANISATION_STATUSES.contains(&st.status.as_str()) {
                self.push(
                    o,
                    &[Step::Key("status"), Step::Key("status")],
                    IssueKind::OutOfRange,
                    format!("\"{}\"", st.status),
                    &format!("one of {}", ORGANISATION_STATUSES.join(", ")),
                );
            }
            if IpDate::parse(&st.date).is_none() {
                self.push(
                    o,
                    &[Step::Key("status"), Step::Key("date")],
                    IssueKind::OutOfRange,
                    format!("\"{}\"", st.date),
                    "YYYY, YYYY-MM or YYYY-MM-DD",
                );
            }
            self.source(
                o,
                &[Step::Key("status"), Step::Key("source")],
                &st.source,
                None,
            );
        }
        if o.public && o.country.is_none() {
            self.push(o, &[Step::Key("country")], IssueKind::MissingField, "absent".into(), "a public organisation's country of incorporation (or public = false with the source that says it is not public)");
        }
    }

    fn ip_event(&mut self, e: &IpEvent) {
        self.source(e, &[Step::Key("source")], &e.source, e.note.as_ref());
        let exists = self.data.ip_technology(&e.technology).is_some();
        self.reference(
            e,
            &[Step::Key("technology")],
            &e.technology,
            exists,
            "ip_technology",
        );
        for (key, org) in [
            ("by", Some(&e.by)),
            ("to", e.to.as_ref()),
            ("approved_by", e.approved_by.as_ref()),
        ] {
            if let Some(org) = org {
                let exists = self.data.ip_organisation(org).is_some();
                self.reference(e, &[Step::Key(key)], org, exists, "ip_organisation");
            }
        }
        for (k, c) in e.jurisdictions.iter().enumerate() {
            let exists = self.data.region(c).is_some();
            self.reference(
                e,
                &[Step::Key("jurisdictions"), Step::Item(k)],
                c,
                exists,
                "region",
            );
        }
        if let Some(c) = &e.country {
            let exists = self.data.region(c).is_some();
            self.reference(e, &[Step::Key("country")], c, exists, "region");
        }
        let Some(date) = IpDate::parse(&e.date) else {
            self.push(
                e,
                &[Step::Key("date")],
                IssueKind::OutOfRange,
                format!("\"{}\"", e.date),
                "YYYY, YYYY-MM, YYYY-MM-DD or a decade such as 1970s",
            );
            return;
        };
        self.ip_event_needs(e);
        self.ip_licence_after_patent(e, date);
        self.ip_no_cycle(e);
    }

    fn ip_event_needs(&mut self, e: &IpEvent) {
        use IpEventKind::*;
        let needs_to = matches!(e.kind, Licence | Sublicence | Transfer | Acquisition);
        if needs_to && e.to.is_none() {
            self.push(
                e,
                &[Step::Key("to")],
                IssueKind::MissingField,
                "absent".into(),
                "the other party of a licence, sublicence, transfer or acquisition",
            );
        }
        if e.kind == Manufacturing && e.country.is_none() {
            self.push(
                e,
                &[Step::Key("country")],
                IssueKind::MissingField,
                "absent".into(),
                "where manufacturing at scale happened",
            );
        }
        if e.kind == Patent && e.jurisdictions.is_empty() {
            self.push(
                e,
                &[Step::Key("jurisdictions")],
                IssueKind::MissingField,
                "absent".into(),
                "the countries the patent was filed in",
            );
        }
    }

    /// A licence cannot come before the technology's first patent filing.
    fn ip_licence_after_patent(&mut self, e: &IpEvent, date: IpDate) {
        if !matches!(
            e.kind,
            IpEventKind::Licence | IpEventKind::Sublicence | IpEventKind::Transfer
        ) {
            return;
        }
        let first_patent = self
            .data
            .ip_events
            .iter()
            .filter(|p| p.technology == e.technology && p.kind == IpEventKind::Patent)
            .filter_map(|p| IpDate::parse(&p.date).map(|d| (d, p.date.clone())))
            .min();
        if let Some((patent, text)) = first_patent {
            if date.end < patent.start {
                self.push(
                    e,
                    &[Step::Key("date")],
                    IssueKind::OutOfRange,
                    format!("\"{}\"", e.date),
                    &format!("on or after the technology's first patent filing ({text})"),
                );
            }
        }
    }

    /// Licences, sublicences and transfers of one technology must not lead back to where they
    /// started.
    fn ip_no_cycle(&mut self, e: &IpEvent) {
        let Some(to) = &e.to else { return };
        if !matches!(
            e.kind,
            IpEventKind::Licence | IpEventKind::Sublicence | IpEventKind::Transfer
        ) {
            return;
        }
        let edges: Vec<(&str, &str)> = self
            .data
            .ip_events
            .iter()
            .filter(|x| x.technology == e.technology && x.id != e.id)
            .filter(|x| {
                matches!(
                    x.kind,
                    IpEventKind::Licence | IpEventKind::Sublicence | IpEventKind::Transfer
                )
            })
            .filter_map(|x| x.to.as_deref().map(|t| (x.by.as_str(), t)))
            .collect();
        // Does the licensee reach the licensor through the other grants?
        let mut seen = vec![to.as_str()];
        let mut frontier = vec![to.as_str()];
        while let Some(n) = frontier.pop() {
            if n == e.by {
                self.push(e, &[Step::Key("to")], IssueKind::OutOfRange, format!("\"{to}\""), "a licensee that does not grant the rights back to the licensor through other licences (a cycle)");
                return;
            }
            for (a, b) in &edges {
                if *a == n && !seen.contains(b) {
                    seen.push(b);
                    frontier.push(b);
                }
            }
        }
    }
}
