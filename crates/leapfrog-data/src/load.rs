//! Reads data files (embedded or a user's folder), layers them and validates the result.

use crate::check::{issue_at, Checker, Validate};
use crate::dataset::{Dataset, FileText};
use crate::error::{DataError, Issue, IssueKind};
use crate::keyed::{Keyed, Origin};
use crate::kinds::*;
use crate::locate::offset_line;
use crate::registry::{for_each_kind, EMBEDDED_LAYERS};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

/// One layer of data files, as (display path, text).
pub type Layer = Vec<(String, String)>;

/// Every embedded data file, as (display path, text), in loading order.
pub fn embedded_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    embedded_files_of(None)
}

macro_rules! define_data_file {
    ($($file:ident => $set:ident: $t:ty $([key $($key:tt)*])?),* $(,)?) => {
        /// One data file: any file may hold any of these arrays of tables.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct DataFile {
            $(#[serde(default)] $file: Vec<$t>,)*
        }

        impl DataFile {
            fn stamp(&mut self, name: &str) {
                $(stamp(&mut self.$file, name);)*
            }

            fn append(&mut self, other: DataFile) {
                $(self.$file.extend(other.$file);)*
            }

            fn layer_onto(self, data: &mut Dataset, issues: &mut Vec<Issue>) {
                let files = &data.files;
                $(layer_onto(&mut data.$set, self.$file, files, issues);)*
            }
        }

        /// Runs every kind's `Validate` on each of its records, in registry order.
        fn check(data: &Dataset) -> Vec<Issue> {
            let mut checker = Checker::new(data);
            $(data.$set.iter().for_each(|r| {
                checker.key(r);
                checker.bounds(r);
                r.validate(&mut checker);
            });)*
            checker.into_issues()
        }
    };
}

for_each_kind!(define_data_file);

impl Dataset {
    /// The embedded dataset, parsed and validated (the CLI reads the snapshot its build wrote
    /// from this; see `to_layer_snapshots`).
    pub fn embedded() -> Result<Dataset, DataError> {
        Self::from_layers(&[embedded_layer()])
    }

    /// The embedded dataset with a user's folder of `*.toml` files layered over it:
    /// a record with an existing id replaces it, a new id adds one.
    pub fn with_overrides(dir: &Path) -> Result<Dataset, DataError> {
        let (layer, warnings) = folder_files(dir)?;
        let mut data = Self::from_layers(&[embedded_layer(), layer])?;
        data.warnings = warnings;
        Ok(data)
    }

    /// Layers given as lists of (display path, text); later layers override earlier ones.
    pub fn from_layers(layers: &[Vec<(String, String)>]) -> Result<Dataset, DataError> {
        let mut data = Dataset::default();
        let mut issues = Vec::new();
        for layer in layers {
            let mut parsed = DataFile::default();
            for (name, text) in layer {
                match parse_file(name, text) {
                    Ok(file) => parsed.append(file),
                    Err(issue) => issues.push(issue),
                }
                data.files.push((name.clone(), Cow::Owned(text.clone())));
            }
            parsed.layer_onto(&mut data, &mut issues);
        }
        if issues.is_empty() {
            issues = check(&data);
        }
        if issues.is_empty() {
            Ok(data)
        } else {
            Err(DataError::Invalid(issues))
        }
    }
}

/// The embedded files of the named layers (all of them when `layers` is `None`), as
/// (display path, text), in loading order.
pub(crate) fn embedded_files_of<'a>(
    layers: Option<&'a [&'a str]>,
) -> impl Iterator<Item = (&'static str, &'static str)> + 'a {
    EMBEDDED_LAYERS
        .iter()
        .filter(move |(layer, _)| layers.is_none_or(|names| names.contains(layer)))
        .flat_map(|(_, files)| files.iter().copied())
}

/// The embedded files as one layer for `Dataset::from_layers`.
pub fn embedded_layer() -> Vec<(String, String)> {
    embedded_files()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

/// A user's folder of `*.toml` files as one layer for `Dataset::from_layers`.
pub fn folder_layer(dir: &Path) -> Result<Vec<(String, String)>, DataError> {
    folder_files(dir).map(|(files, _)| files)
}

/// The `*.toml` regular files directly in `dir` (sorted), with a warning naming everything else
/// that is passed over: subfolders, other extensions (`*.TOML` included), and anything that is
/// not a regular file (a FIFO is never opened, so it cannot block).
pub fn folder_files(dir: &Path) -> Result<(Layer, Vec<String>), DataError> {
    let io = |e: std::io::Error| DataError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    let mut paths = Vec::new();
    let mut warnings = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let is_toml = path.extension().is_some_and(|x| x == "toml");
        let regular = std::fs::metadata(&path).is_ok_and(|m| m.is_file());
        match (is_toml, regular) {
            (true, true) => paths.push(path),
            (true, false) => warnings.push(format!(
                "{}: not a regular file; passed over (only *.toml files are read)",
                path.display()
            )),
            (false, _) => warnings.push(format!(
                "{}: passed over; only *.toml files directly in {} are read",
                path.display(),
                dir.display()
            )),
        }
    }
    paths.sort();
    warnings.sort();
    let files = paths
        .into_iter()
        .map(|p| read_text(&p).map(|text| (p.display().to_string(), text)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((files, warnings))
}

/// A data file's text; bytes that are not UTF-8 are a located syntax issue.
fn read_text(path: &Path) -> Result<String, DataError> {
    let bytes = std::fs::read(path).map_err(|e| DataError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        DataError::Invalid(vec![Issue {
            kind: IssueKind::Syntax,
            file: path.display().to_string(),
            line: Some(offset_line(&valid, valid.len())),
            field: "-".into(),
            value: format!("bytes that are not UTF-8 after byte {at}"),
            allowed: "a UTF-8 text file".into(),
        }])
    })
}

fn parse_file(name: &str, text: &str) -> Result<DataFile, Issue> {
    let mut file: DataFile = toml::from_str(text).map_err(|e| parse_issue(name, text, &e))?;
    file.stamp(name);
    Ok(file)
}

fn stamp<T: Keyed>(records: &mut [T], file: &str) {
    for (index, r) in records.iter_mut().enumerate() {
        *r.origin_mut() = Origin {
            file: file.to_string(),
            index,
        };
    }
}

/// Adds a layer's records: duplicates within the layer are errors; an existing key is replaced.
fn layer_onto<T: Keyed>(
    base: &mut Vec<T>,
    layer: Vec<T>,
    files: &[FileText],
    issues: &mut Vec<Issue>,
) {
    let mut seen = HashSet::new();
    for record in layer {
        let key = record.key().into_owned();
        if !seen.insert(key.clone()) {
            issues.push(issue_at(
                files,
                record.origin(),
                T::TABLE,
                &[crate::locate::Step::Key(T::KEY_FIELD)],
                IssueKind::DuplicateId,
                T::KEY_FIELD,
                format!("\"{key}\""),
                format!("a {} key not used before in this layer", T::TABLE),
            ));
            continue;
        }
        match base.iter_mut().find(|b| b.key() == key) {
            Some(existing) => *existing = record,
            None => base.push(record),
        }
    }
}

pub(crate) fn parse_issue(name: &str, text: &str, e: &toml::de::Error) -> Issue {
    let line = e.span().map(|s| offset_line(text, s.start));
    let message = e.message().to_string();
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (kind, field, allowed) = if message.starts_with("unknown field") {
        let allowed = message
            .split_once("expected")
            .map_or("the documented keys".to_string(), |(_, a)| {
                a.trim().to_string()
            });
        (IssueKind::UnknownKey, quoted.first().copied(), allowed)
    } else if message.starts_with("missing field `source`") {
        let allowed = "every record needs `source = \"<id in sources.toml>\"` (or \"assumption\" with a note)";
        (
            IssueKind::MissingSource,
            Some("source"),
            allowed.to_string(),
        )
    } else if message.starts_with("missing field") {
        let allowed = "the field is required for this kind of record".to_string();
        (IssueKind::MissingField, quoted.first().copied(), allowed)
    } else if let Some(expected) = message
        .strip_prefix("unknown variant")
        .and_then(|m| m.split_once("expected").map(|(_, e)| e.trim().to_string()))
    {
        (IssueKind::OutOfRange, None, format!("one of {expected}"))
    } else if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        let expected = message
            .split_once("expected")
            .map_or("the documented type".to_string(), |(_, e)| {
                e.trim().to_string()
            });
        (IssueKind::WrongType, None, plain_type(&expected))
    } else if message.starts_with("data did not match any variant") {
        let allowed = "one of the forms the documentation gives for this key".to_string();
        (IssueKind::WrongType, None, allowed)
    } else {
        (
            IssueKind::Syntax,
            None,
            "valid TOML of the documented schema".to_string(),
        )
    };
    let located_key = e
        .span()
        .and_then(|s| key_before(text, s.start).or_else(|| table_header(text, s.start)));
    let field = field.or(located_key.as_deref());
    let value = line
        .and_then(|l| text.lines().nth(l - 1))
        .map_or(String::new(), |l| l.trim().to_string());
    Issue {
        kind,
        file: name.to_string(),
        line,
        field: field.unwrap_or("-").to_string(),
        value: match kind {
            IssueKind::WrongType if !value.is_empty() => value,
            IssueKind::Syntax | IssueKind::WrongType => {
                message.lines().next().unwrap_or("").to_string()
            }
            IssueKind::OutOfRange => quoted.first().map_or(value, |v| format!("\"{v}\"")),
            _ => value,
        },
        allowed,
    }
}

/// What a deserializer's expected type is called in a data file, without Rust's type names.
fn plain_type(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "f64" | "f32" | "a float" => "a number",
        "i8" | "i16" | "i32" | "i64" | "i128" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize"
        | "an integer" => "a whole number",
        "a sequence" => "a list, [ ... ]",
        "a map" => "a table, { ... } or [name]",
        "a string" => "text in quotes",
        "a boolean" => "true or false",
        _ if e.starts_with("struct ") || e.starts_with("a map") => "a table, { ... } or [name]",
        _ if e.starts_with("enum ") || e.starts_with("variant ") => {
            "one of the words the documentation gives for this key"
        }
        _ if e.starts_with("a sequence") || e.starts_with("an array") => "a list, [ ... ]",
        _ => return e.to_string(),
    };
    words.to_string()
}

/// The table a header line at `offset` opens (`[levers]` or `[[axis]]`), when the error
/// points at one.
fn table_header(text: &str, offset: usize) -> Option<String> {
    let line = text[..offset.min(text.len())]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .to_string()
        + text[offset.min(text.len())..]
            .split('\n')
            .next()
            .unwrap_or("");
    let name = line.trim().trim_start_matches('[').trim_end_matches(']');
    (line.trim().starts_with('[') && !name.is_empty()).then(|| name.trim().to_string())
}

/// The key whose value starts at `offset`: the name before the last `=` on that line
/// (`capacity_gwh = "five"`, or `value = "x"` inside an inline table).
fn key_before(text: &str, offset: usize) -> Option<String> {
    let head = text.get(..offset.min(text.len()))?;
    let line = head.rsplit('\n').next()?;
    let (before, _) = line.rsplit_once('=')?;
    let key = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .next()?
        .trim_matches('"');
    (!key.is_empty()).then(|| key.to_string())
}
