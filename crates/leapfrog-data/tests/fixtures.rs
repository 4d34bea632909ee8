//! Every check family has a fixture folder of bad records; each folder, layered over the
//! embedded data, must fail with the issues snapshotted here: kind, file and line, field.

use leapfrog_data::load::{embedded_layer, folder_layer};
use leapfrog_data::{DataError, Dataset, IssueKind};
use std::path::Path;

const FAMILIES: &[(&str, IssueKind)] = &[
    ("out-of-range", IssueKind::OutOfRange),
    ("dangling-reference", IssueKind::DanglingReference),
    ("duplicate-id", IssueKind::DuplicateId),
    ("missing-source", IssueKind::MissingSource),
    ("unknown-source", IssueKind::UnknownSource),
    ("unknown-key", IssueKind::UnknownKey),
    ("missing-field", IssueKind::MissingField),
    ("syntax", IssueKind::Syntax),
    ("cross-field", IssueKind::OutOfRange),
];

fn issues(family: &str) -> Vec<leapfrog_data::Issue> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(family);
    let layer = folder_layer(&dir).expect("fixture folder is readable");
    match Dataset::from_layers(&[embedded_layer(), layer]) {
        Ok(_) => panic!("fixture `{family}` passed validation"),
        Err(DataError::Invalid(issues)) => issues,
        Err(e) => panic!("fixture `{family}`: {e}"),
    }
}

#[test]
fn every_family_fails_where_its_snapshot_says() {
    for &(family, kind) in FAMILIES {
        let found = issues(family);
        assert!(
            found.iter().any(|i| i.kind == kind),
            "`{family}` raised no {kind} issue: {found:?}"
        );
        let listing: Vec<String> = found
            .iter()
            .map(|i| {
                let file = Path::new(&i.file)
                    .file_name()
                    .map_or(i.file.clone(), |f| f.to_string_lossy().into_owned());
                let line = i.line.map_or("-".into(), |l| l.to_string());
                format!("{} | {file}:{line} | {}", i.kind, i.field)
            })
            .collect();
        insta::assert_snapshot!(family, listing.join("\n"));
    }
}

#[test]
fn no_declared_range_admits_a_non_finite_number() {
    use leapfrog_data::{Bounded, CostModel, Couple, FactoryRegion, Project};
    let ranges = Couple::BOUNDS
        .iter()
        .map(|b| b.range)
        .chain(CostModel::BOUNDS.iter().map(|b| b.range))
        .chain(FactoryRegion::BOUNDS.iter().map(|b| b.range))
        .chain(Project::BOUNDS.iter().map(|b| b.range));
    for r in ranges {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(!r.admits(v), "{r:?} admits {v}");
        }
    }
    assert!(Project::bound("capacity_gwh").is_some());
}
