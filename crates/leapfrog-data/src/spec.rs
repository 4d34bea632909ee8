//! User spec files checked by the dataset's own rules: a mission spec is one `[[mission]]`
//! record with its keys at the top level.

use crate::check::Checker;
use crate::dataset::Dataset;
use crate::error::{DataError, Issue, IssueKind};
use crate::keyed::Origin;
use crate::mission::Mission;

/// Reads a mission spec file (`file` names it in errors): its keys at the top level, checked
/// against the same rules as a preset, each problem located at its line. A spec without an
/// `id` takes the file's stem; it needs no `source`.
pub fn read_spec(data: &Dataset, file: &str, text: &str) -> Result<Mission, DataError> {
    let mut mission: Mission = toml::from_str(text).map_err(|e| {
        syntax(
            file,
            text,
            &e,
            "a TOML table of mission keys (see `leapfrog mission --help`)",
        )
    })?;
    if mission.id.is_empty() {
        mission.id = std::path::Path::new(file)
            .file_stem()
            .map_or("spec".into(), |s| s.to_string_lossy().into_owned());
    }
    mission.origin = Origin {
        file: file.to_string(),
        index: 0,
    };
    // Locating a key works on `[[mission]]` records: check the spec as one, then move each
    // line back over the header line added here.
    let located = format!("[[mission]]\n{text}");
    let mut checker = Checker::with_spec(data, file, &located);
    checker.key(&mission);
    crate::check::Validate::validate(&mission, &mut checker);
    let issues: Vec<Issue> = checker
        .into_issues()
        .into_iter()
        .map(|mut i| {
            if i.file == file {
                i.line = i.line.map(|l| l.saturating_sub(1).max(1));
            }
            i
        })
        .collect();
    if issues.is_empty() {
        Ok(mission)
    } else {
        Err(DataError::Invalid(issues))
    }
}

/// Checks a simulation parameter set built outside the data (a BPX import) by the rules the
/// data's own sets follow; problems name the set's file (no line: it is not TOML).
pub fn check_sim_set(
    data: &Dataset,
    set: &crate::sim::SimParameterSet,
    file: &str,
) -> Result<(), DataError> {
    let mut checker = Checker::new(data);
    let mut located = set.clone();
    located.origin = Origin {
        file: file.to_string(),
        index: 0,
    };
    checker.key(&located);
    checker.bounds(&located);
    crate::check::Validate::validate(&located, &mut checker);
    let issues = checker.into_issues();
    if issues.is_empty() {
        Ok(())
    } else {
        Err(DataError::Invalid(issues))
    }
}

/// Reads planned licences (`[[ip_deal]]` tables) from a user's file and checks them by the
/// data's own rules, each problem located at its line.
pub fn read_deals(
    data: &Dataset,
    file: &str,
    text: &str,
) -> Result<Vec<crate::ip::IpDeal>, DataError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Deals {
        #[serde(default)]
        ip_deal: Vec<crate::ip::IpDeal>,
    }
    let parsed: Deals = toml::from_str(text).map_err(|e| {
        syntax(
            file,
            text,
            &e,
            "[[ip_deal]] tables (see `leapfrog ip check --help`)",
        )
    })?;
    let mut deals = parsed.ip_deal;
    let mut checker = Checker::with_spec(data, file, text);
    for (index, d) in deals.iter_mut().enumerate() {
        d.origin = Origin {
            file: file.to_string(),
            index,
        };
    }
    for d in &deals {
        checker.key(d);
        crate::check::Validate::validate(d, &mut checker);
    }
    let issues = checker.into_issues();
    if issues.is_empty() {
        Ok(deals)
    } else {
        Err(DataError::Invalid(issues))
    }
}

/// A user file that is not valid TOML, located at the line the parser stopped.
fn syntax(file: &str, text: &str, e: &toml::de::Error, allowed: &str) -> DataError {
    DataError::Invalid(vec![Issue {
        kind: IssueKind::Syntax,
        file: file.to_string(),
        line: e.span().map(|s| crate::locate::offset_line(text, s.start)),
        field: "-".into(),
        value: e.message().to_string(),
        allowed: allowed.into(),
    }])
}
