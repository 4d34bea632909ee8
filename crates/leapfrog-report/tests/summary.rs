//! The summary's findings are computed: changing an input in a data folder changes the
//! finding that rests on it.

use leapfrog_data::Dataset;
use leapfrog_report::assess;

fn finding_on(data: &Dataset, section: &str) -> String {
    let a = assess(data).unwrap();
    a.summary
        .findings
        .iter()
        .find(|f| f.section == section)
        .map(|f| f.text.clone())
        .unwrap()
}

#[test]
fn a_changed_share_changes_the_concentration_finding() {
    let embedded = Dataset::embedded().unwrap();
    let before = finding_on(&embedded, "capacity");
    assert!(before.contains("68.4%"), "{before}");
    let dir = std::env::temp_dir().join(format!("leapfrog-summary-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("shares.toml"),
        "[[share_table]]\nid = \"cell-capacity-china-2024\"\ntitle = \"China's share of global Li-ion manufacturing capacity, 2024\"\ndimension = \"country\"\nyear = 2024\nunit = \"share\"\nsource = \"volta-2024\"\nentries = [\n  { key = \"CN\", value = 0.5 },\n  { key = \"other\", value = 0.5 },\n]\n",
    )
    .unwrap();
    let changed = Dataset::with_overrides(&dir).unwrap();
    let after = finding_on(&changed, "capacity");
    assert!(after.contains("50.0%") && after.contains("2500"), "{after}");
}

#[test]
fn every_question_has_a_finding_with_computed_figures() {
    let a = assess(&Dataset::embedded().unwrap()).unwrap();
    for q in 1..=3u8 {
        let findings: Vec<_> = a
            .summary
            .findings
            .iter()
            .filter(|f| f.question == q)
            .collect();
        assert!(!findings.is_empty(), "question {q}");
        assert!(
            findings
                .iter()
                .all(|f| !f.figures.is_empty() && !f.sources.is_empty()),
            "question {q}"
        );
    }
}

/// Every citation in the HTML report resolves to a bibliography entry, and no source points at
/// a file outside the repository (offline: nothing is fetched).
#[test]
fn every_citation_resolves_and_no_source_points_outside_the_repository() {
    let data = Dataset::embedded().unwrap();
    let html = leapfrog_report::render_html(&assess(&data).unwrap());
    let anchors = |prefix: &str| -> std::collections::BTreeSet<String> {
        html.split(prefix)
            .skip(1)
            .filter_map(|rest| rest.split('"').next().map(str::to_string))
            .collect()
    };
    let cited = anchors("href=\"#src-");
    let entries = anchors("id=\"src-");
    let missing: Vec<_> = cited.difference(&entries).collect();
    assert!(
        missing.is_empty(),
        "citations without a bibliography entry: {missing:?}"
    );
    for s in &data.sources {
        let text = format!("{} {} {}", s.title, s.publisher, s.locator);
        assert!(
            !text.contains("shared/") && !text.contains("../"),
            "{}: {text}",
            s.id
        );
    }
}
