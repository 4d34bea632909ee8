//! The report's sections, in reading order. HTML, Markdown and JSON all walk `sections`, so a
//! section added there appears in every rendering; a section is its own file implementing
//! `Section`.

use crate::Assessment;

pub(crate) trait Section {
    /// The section's key in report.json.
    fn key(&self) -> &'static str;
    /// The report group (an id of [`GROUPS`]) the section's HTML sits in.
    fn group(&self) -> &'static str;
    /// The section as HTML.
    fn html(&self) -> maud::Markup;
    /// The section's HTML split by group, for a section whose parts sit in different places
    /// of the page (its validation in the appendix, say); by default all of it in its group.
    fn parts(&self) -> Vec<(&'static str, maud::Markup)> {
        vec![(self.group(), self.html())]
    }
    /// Appends the section as Markdown (tables where the HTML has charts).
    fn markdown(&self, m: &mut String);
    /// The section's data, as report.json carries it.
    fn json(&self) -> &dyn erased_serde::Serialize;
}

/// The page's groups, in reading order: the answers first, then the evidence they rest on,
/// validation and known gaps at the back. (id, title) — the id is the HTML anchor the table of
/// contents links to.
pub(crate) const GROUPS: [(&str, &str); 14] = [
    ("brief", "The answers"),
    ("backcast", "The past, reproduced first"),
    ("policy", "Policy scenarios"),
    ("leap", "Catch up or leap"),
    ("missions", "Sectors and missions"),
    ("scaleup", "Scale-up"),
    ("ip", "Inventions and licences"),
    ("supply", "Supply chains"),
    ("market", "Market: capex, learning, concentration"),
    ("cell", "Cells"),
    ("factory", "Factories"),
    (
        "appendix-validation",
        "Appendix: validation against published figures",
    ),
    ("appendix-gaps", "Appendix: known gaps"),
    ("sources", "Sources"),
];

/// Every section of the assessment, in the order the report reads (the order of [`GROUPS`]).
pub(crate) fn sections(a: &Assessment) -> [&dyn Section; 12] {
    [
        &a.summary,
        &a.policy,
        &a.sectors,
        &a.sector_fit,
        &a.scaleup,
        &a.ip,
        &a.supply,
        &a.capex,
        &a.learning,
        &a.capacity,
        &a.chemistry,
        &a.factory,
    ]
}

#[cfg(test)]
mod tests {
    use super::sections;
    use leapfrog_data::Dataset;

    /// One assessment for every test here (it runs some thousands of policy runs).
    fn assessment() -> &'static crate::Assessment {
        static ASSESSMENT: std::sync::OnceLock<crate::Assessment> = std::sync::OnceLock::new();
        ASSESSMENT.get_or_init(|| {
            let data = Dataset::embedded().expect("embedded data is valid");
            crate::assess(&data).expect("the embedded assessment runs")
        })
    }

    #[test]
    fn each_section_renders_markdown_as_snapshotted() {
        let a = assessment();
        for s in sections(a) {
            let mut m = String::new();
            s.markdown(&mut m);
            insta::assert_snapshot!(format!("section_{}_markdown", s.key()), m);
        }
    }

    #[test]
    fn each_section_opens_with_a_heading_in_html_and_markdown() {
        let a = assessment();
        for s in sections(a) {
            let (mut h, mut m) = (String::new(), String::new());
            h.push_str(&s.html().into_string());
            s.markdown(&mut m);
            assert!(
                h.starts_with("<h2>"),
                "{}: {}",
                s.key(),
                &h[..h.len().min(60)]
            );
            assert!(
                m.trim_start().starts_with("## "),
                "{}: {}",
                s.key(),
                &m[..m.len().min(60)]
            );
        }
    }

    #[test]
    fn report_json_carries_the_sections_in_reading_order() {
        let a = assessment();
        let json = serde_json::to_string_pretty(a).expect("serializes");
        // Top-level keys are the lines indented by exactly two spaces.
        let top: Vec<&str> = json
            .lines()
            .filter(|l| l.starts_with("  \""))
            .filter_map(|l| l[3..].split('"').next())
            .collect();
        let keys: Vec<String> = ["title", "generator", "dataset"]
            .into_iter()
            .map(str::to_string)
            .chain(sections(a).iter().map(|s| s.key().to_string()))
            .chain(["sources".to_string()])
            .collect();
        assert_eq!(top, keys);
    }

    /// The page opens with a table of contents linking every group, and the groups appear with
    /// those ids in the brief's order: answers, the backcast, policy, leap, missions, scale-up,
    /// IP, supply, market, cell, factory, the appendices and the sources.
    #[test]
    fn the_page_has_contents_and_its_groups_in_order() {
        let html = crate::render_html(assessment());
        let ids = [
            "brief",
            "backcast",
            "policy",
            "leap",
            "missions",
            "scaleup",
            "ip",
            "supply",
            "market",
            "cell",
            "factory",
            "appendix-validation",
            "appendix-gaps",
            "sources",
        ];
        let nav = &html[html.find("<nav>").expect("a <nav>")..html.find("</nav>").unwrap()];
        let mut last = 0;
        for id in ids {
            assert!(nav.contains(&format!("href=\"#{id}\"")), "nav lacks {id}");
            let at = html
                .find(&format!("<section id=\"{id}\">"))
                .unwrap_or_else(|| panic!("no section {id}"));
            assert!(at > last, "{id} out of order");
            last = at;
        }
        // Every group opens with a heading.
        for id in ids {
            let at = html.find(&format!("<section id=\"{id}\">")).unwrap();
            let rest = &html[at + format!("<section id=\"{id}\">").len()..];
            assert!(
                rest.starts_with("<h2>"),
                "{id}: {}",
                &rest[..rest.len().min(60)]
            );
        }
    }

    /// Every chart stands alone: a visible title and axis text (labels with units).
    #[test]
    fn every_chart_has_a_visible_title_and_axis_text() {
        let html = crate::render_html(assessment());
        let charts: Vec<&str> = html.split("<svg ").skip(1).collect();
        assert!(charts.len() > 10, "{} charts", charts.len());
        for c in charts {
            let c = &c[..c.find("</svg>").unwrap_or(c.len())];
            let title = c
                .split(r#"class="ttl">"#)
                .nth(1)
                .and_then(|t| t.split('<').next())
                .unwrap_or("");
            assert!(
                !title.trim().is_empty(),
                "a chart without a visible title: {}",
                &c[..c.len().min(160)]
            );
            assert!(c.contains(r#"class="axis""#), "no axis text in `{title}`");
        }
    }
}
