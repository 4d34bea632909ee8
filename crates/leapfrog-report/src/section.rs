//! The report's sections, in reading order. HTML, Markdown and JSON all walk `sections`, so a
//! section added there appears in every rendering; a section is its own file implementing
//! `Section`.

use crate::Assessment;

pub(crate) trait Section {
    /// The section's key in report.json.
    fn key(&self) -> &'static str;
    /// The section as HTML.
    fn html(&self) -> maud::Markup;
    /// Appends the section as Markdown (tables where the HTML has charts).
    fn markdown(&self, m: &mut String);
    /// The section's data, as report.json carries it.
    fn json(&self) -> &dyn erased_serde::Serialize;
}

/// Every section of the assessment, in the order the report reads.
pub(crate) fn sections(a: &Assessment) -> [&dyn Section; 12] {
    [
        &a.summary,
        &a.capex,
        &a.learning,
        &a.capacity,
        &a.chemistry,
        &a.factory,
        &a.supply,
        &a.sectors,
        &a.sector_fit,
        &a.ip,
        &a.scaleup,
        &a.policy,
    ]
}

#[cfg(test)]
mod tests {
    use super::sections;
    use leapfrog_data::Dataset;

    fn assessment() -> crate::Assessment {
        let data = Dataset::embedded().expect("embedded data is valid");
        crate::assess(&data).expect("the embedded assessment runs")
    }

    #[test]
    fn each_section_renders_markdown_as_snapshotted() {
        let a = assessment();
        for s in sections(&a) {
            let mut m = String::new();
            s.markdown(&mut m);
            insta::assert_snapshot!(format!("section_{}_markdown", s.key()), m);
        }
    }

    #[test]
    fn each_section_opens_with_a_heading_in_html_and_markdown() {
        let a = assessment();
        for s in sections(&a) {
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
        let json = serde_json::to_string_pretty(&a).expect("serializes");
        // Top-level keys are the lines indented by exactly two spaces.
        let top: Vec<&str> = json
            .lines()
            .filter(|l| l.starts_with("  \""))
            .filter_map(|l| l[3..].split('"').next())
            .collect();
        let keys: Vec<String> = ["title", "generator", "dataset"]
            .into_iter()
            .map(str::to_string)
            .chain(sections(&a).iter().map(|s| s.key().to_string()))
            .chain(["sources".to_string()])
            .collect();
        assert_eq!(top, keys);
    }

    /// Every chart stands alone: a visible title and axis text (labels with units).
    #[test]
    fn every_chart_has_a_visible_title_and_axis_text() {
        let html = crate::render_html(&assessment());
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
