//! User spec files checked by the dataset's own rules: a mission spec is one `[[mission]]`
//! record with its keys at the top level, a scale-up path one `[[scaleup_path]]`.

use crate::bounds::Bounded;
use crate::check::Checker;
use crate::dataset::Dataset;
use crate::error::{DataError, Issue, IssueKind};
use crate::keyed::Keyed;
use crate::keyed::Origin;
use crate::mission::Mission;
use crate::policy::PolicyPackage;
use crate::scaleup::ScaleupPath;

/// Reads a mission spec file (`file` names it in errors): its keys at the top level, checked
/// against the same rules as a preset, each problem located at its line. A spec without an
/// `id` takes the file's stem; it needs no `source`.
pub fn read_spec(data: &Dataset, file: &str, text: &str) -> Result<Mission, DataError> {
    read_top_level(
        data,
        file,
        text,
        "a TOML table of mission keys (see `leapfrog mission --help`)",
        |m: &mut Mission| &mut m.id,
        &[],
    )
}

/// Reads a scale-up path file: the keys of one `[[scaleup_path]]` at the top level (stages as
/// `[[stages]]` tables), checked by the rules the data's paths follow, each problem at its line.
pub fn read_path_spec(data: &Dataset, file: &str, text: &str) -> Result<ScaleupPath, DataError> {
    read_top_level(
        data,
        file,
        text,
        "a TOML table of scale-up path keys with [[stages]] tables (see `leapfrog scaleup --help`)",
        |p: &mut ScaleupPath| &mut p.id,
        &["stages"],
    )
}

/// Reads a scenario file: a policy package's keys at the top level (`levers = [...]`, an
/// optional `name`), checked by the rules the data's packages follow.
pub fn read_package_spec(
    data: &Dataset,
    file: &str,
    text: &str,
) -> Result<PolicyPackage, DataError> {
    read_top_level(
        data,
        file,
        text,
        "a TOML table with levers = [{ name = \"...\", value = ... }, ...] (see `leapfrog scenario --help`)",
        |p: &mut PolicyPackage| &mut p.id,
        &[],
    )
}

/// Reads a plant file for `rules check --plant`: a plant's keys at the top level (`owner` as
/// a table, the direct materials as `[[components]]`, licences in as `[[licences]]`).
pub fn read_plant_spec(
    data: &Dataset,
    file: &str,
    text: &str,
) -> Result<crate::rules::Plant, DataError> {
    read_top_level(
        data,
        file,
        text,
        "a TOML table of plant keys with an owner table and [[components]] tables (see `leapfrog rules check --help`)",
        |p: &mut crate::rules::Plant| &mut p.id,
        &["components", "licences"],
    )
}

/// Reads a storage project file for `rules check --project`, in the plant file's form.
pub fn read_project_spec(
    data: &Dataset,
    file: &str,
    text: &str,
) -> Result<crate::rules::StorageProject, DataError> {
    read_top_level(
        data,
        file,
        text,
        "a TOML table of storage project keys with an owner table and [[components]] tables (see `leapfrog rules check --help`)",
        |p: &mut crate::rules::StorageProject| &mut p.id,
        &["components", "licences"],
    )
}

/// One record of kind `T` written with its keys at the top level of a user's file.
fn read_top_level<T>(
    data: &Dataset,
    file: &str,
    text: &str,
    allowed: &str,
    id_of: fn(&mut T) -> &mut String,
    nested: &[&str],
) -> Result<T, DataError>
where
    T: serde::de::DeserializeOwned + Keyed + Bounded + crate::check::Validate,
{
    let mut record: T = toml::from_str(text).map_err(|e| syntax(file, text, &e, allowed))?;
    let id = id_of(&mut record);
    if id.is_empty() {
        *id = std::path::Path::new(file)
            .file_stem()
            .map_or("spec".into(), |s| s.to_string_lossy().into_owned());
    }
    *record.origin_mut() = Origin {
        file: file.to_string(),
        index: 0,
    };
    // Locating a key works on `[[table]]` records: check the spec as one, then move each
    // line back over the header line added here.
    let located = format!("[[{}]]\n{}", T::TABLE, nest(text, T::TABLE, nested));
    let mut checker = Checker::with_spec(data, file, &located);
    checker.key(&record);
    checker.bounds(&record);
    crate::check::Validate::validate(&record, &mut checker);
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
        Ok(record)
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

/// The text with each `[[sub]]` header of a nested array written `[[table.sub]]`, as the
/// record would be written in a data file, so that its keys locate.
fn nest(text: &str, table: &str, nested: &[&str]) -> String {
    text.lines()
        .map(|line| {
            let header = line
                .trim()
                .strip_prefix("[[")
                .and_then(|h| h.strip_suffix("]]"));
            match header.map(str::trim) {
                Some(sub) if nested.contains(&sub) => format!("[[{table}.{sub}]]"),
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A user file that is not valid TOML, located at the line the parser stopped.
fn syntax(file: &str, text: &str, e: &toml::de::Error, allowed: &str) -> DataError {
    toml_error(file, text, e, allowed)
}

/// A user file's TOML or schema error, located as the data files' are (file, line, the key
/// or table, its line's text, what is allowed in words); `allowed` is said where the error
/// names nothing more precise.
pub fn toml_error(file: &str, text: &str, e: &toml::de::Error, allowed: &str) -> DataError {
    let mut issue = crate::load::parse_issue(file, text, e);
    if issue.kind == IssueKind::Syntax {
        issue.allowed = allowed.into();
    }
    DataError::Invalid(vec![issue])
}
