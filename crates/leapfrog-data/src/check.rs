//! The checker every layer's validators write to: located issues for sources, ranges, years
//! and references. Layers implement `Validate` for their record kinds (in `<layer>/validate.rs`);
//! the loader calls it for every record, in registry order.

pub(crate) use crate::bounds::fmt_num;
use crate::bounds::{Bounded, Range};
use crate::dataset::Dataset;
use crate::dataset::FileText;
use crate::error::{Issue, IssueKind};
use crate::keyed::{Keyed, Origin};
use crate::locate::{field_line, Step};
use std::borrow::Cow;
use std::collections::HashSet;

/// Builds an issue for a record, locating the line of `steps` in the record's file.
#[allow(clippy::too_many_arguments)]
pub fn issue_at(
    files: &[FileText],
    origin: &Origin,
    table: &str,
    steps: &[Step],
    kind: IssueKind,
    field: &str,
    value: String,
    allowed: String,
) -> Issue {
    let text = files
        .iter()
        .rev()
        .find(|(n, _)| *n == origin.file)
        .map(|(_, t)| t.as_ref());
    Issue {
        kind,
        file: origin.file.clone(),
        line: text.and_then(|t| field_line(t, table, origin.index, steps)),
        field: field.to_string(),
        value,
        allowed,
    }
}

/// The checks of one record kind, run on every record of that kind after layering.
pub(crate) trait Validate {
    fn validate(&self, checker: &mut Checker);
}

/// Implements `Validate` for each kind by calling the named `Checker` method on the record.
macro_rules! validate_with {
    ($($t:ty => $method:ident),* $(,)?) => {$(
        impl $crate::check::Validate for $t {
            fn validate(&self, checker: &mut $crate::check::Checker) {
                checker.$method(self)
            }
        }
    )*};
}
pub(crate) use validate_with;

pub(crate) struct Checker<'a> {
    pub(crate) data: &'a Dataset,
    issues: Vec<Issue>,
    source_ids: HashSet<&'a str>,
    /// A user's spec file (name, text) checked outside the dataset's own files.
    spec: Option<(String, String)>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(data: &'a Dataset) -> Checker<'a> {
        Checker {
            data,
            issues: Vec::new(),
            source_ids: data.sources.iter().map(|s| s.id.as_str()).collect(),
            spec: None,
        }
    }

    /// A checker for one record read from a spec file (`text` as the record is located in).
    pub(crate) fn with_spec(data: &'a Dataset, file: &str, text: &str) -> Checker<'a> {
        Checker {
            spec: Some((file.to_string(), text.to_string())),
            ..Checker::new(data)
        }
    }

    /// Whether `r` was read from the spec file rather than from the dataset.
    pub(crate) fn is_spec<T: Keyed>(&self, r: &T) -> bool {
        self.spec
            .as_ref()
            .is_some_and(|(f, _)| *f == r.origin().file)
    }

    pub(crate) fn into_issues(self) -> Vec<Issue> {
        self.issues
    }

    pub(crate) fn push<T: Keyed>(
        &mut self,
        r: &T,
        steps: &[Step],
        kind: IssueKind,
        value: String,
        allowed: &str,
    ) {
        let path: Vec<String> = steps
            .iter()
            .map(|s| match s {
                Step::Key(k) => k.to_string(),
                Step::Item(i) => format!("[{i}]"),
            })
            .collect();
        let key: String = r
            .key()
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_default().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect();
        let field = format!(
            "{}[{}].{}",
            T::TABLE,
            key,
            path.join(".").replace(".[", "[")
        );
        let spec_files;
        let files = match &self.spec {
            Some(spec) => {
                spec_files = [(spec.0.clone(), Cow::Owned(spec.1.clone()))];
                &spec_files[..]
            }
            None => &self.data.files[..],
        };
        let issue = issue_at(
            files,
            r.origin(),
            T::TABLE,
            steps,
            kind,
            &field,
            value,
            allowed.to_string(),
        );
        self.issues.push(issue);
    }

    pub(crate) fn source<T: Keyed>(
        &mut self,
        r: &T,
        steps: &[Step],
        src: &str,
        note: Option<&String>,
    ) {
        let has_note = note.is_some_and(|n| !n.trim().is_empty());
        let allowed =
            "an id from sources.toml, or \"assumption\" with a non-empty note giving the reason";
        if src.trim().is_empty() || (src == "assumption" && !has_note) {
            self.push(
                r,
                steps,
                IssueKind::MissingSource,
                format!("\"{src}\""),
                allowed,
            );
        } else if src != "assumption" && !self.source_ids.contains(src) {
            self.push(
                r,
                steps,
                IssueKind::UnknownSource,
                format!("\"{src}\""),
                allowed,
            );
        }
    }

    pub(crate) fn range<T: Keyed>(
        &mut self,
        r: &T,
        steps: &[Step],
        v: f64,
        lo: f64,
        hi: f64,
        allowed: &str,
    ) {
        if !(v.is_finite() && v >= lo && v <= hi) {
            self.push(r, steps, IssueKind::OutOfRange, fmt_num(v), allowed);
        }
    }

    pub(crate) fn positive<T: Keyed>(&mut self, r: &T, steps: &[Step], v: f64, hi: f64) {
        self.within(r, steps, v, Range::Positive { max: hi });
    }

    pub(crate) fn year<T: Keyed>(&mut self, r: &T, steps: &[Step], y: i32) {
        self.within(r, steps, f64::from(y), Range::Year);
    }

    fn within<T: Keyed>(&mut self, r: &T, steps: &[Step], v: f64, range: Range) {
        if !range.admits(v) {
            self.push(
                r,
                steps,
                IssueKind::OutOfRange,
                fmt_num(v),
                &range.allowed(),
            );
        }
    }

    /// A record's key must be printable: non-empty, no surrounding blanks, no control
    /// characters, at most 100 characters (it is echoed in tables and errors).
    pub(crate) fn key<T: Keyed>(&mut self, r: &T) {
        let key = r.key();
        let printable = !key.trim().is_empty()
            && key.trim() == key
            && !key.chars().any(char::is_control)
            && key.chars().count() <= 100;
        if !printable {
            let shown: String = key
                .chars()
                .take(40)
                .flat_map(char::escape_default)
                .collect();
            self.push(
                r,
                &[Step::Key(T::KEY_FIELD)],
                IssueKind::OutOfRange,
                format!("\"{shown}\""),
                "a non-empty id of at most 100 printable characters, without surrounding spaces",
            );
        }
    }

    /// Checks every bound the record's kind declares beside its fields.
    pub(crate) fn bounds<T: Keyed + Bounded>(&mut self, r: &T) {
        for b in T::BOUNDS {
            if let Some(v) = (b.value)(r) {
                self.within(r, &[Step::Key(b.field)], v, b.range);
            }
        }
    }

    pub(crate) fn reference<T: Keyed>(
        &mut self,
        r: &T,
        steps: &[Step],
        id: &str,
        exists: bool,
        what: &str,
    ) {
        if !exists {
            let allowed = format!("the id of a {what} defined in the data");
            self.push(
                r,
                steps,
                IssueKind::DanglingReference,
                format!("\"{id}\""),
                &allowed,
            );
        }
    }
}
