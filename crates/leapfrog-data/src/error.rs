use serde::Serialize;
use std::fmt;

/// The kinds of problem a data file can have; each has its own fixture test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssueKind {
    Syntax,
    UnknownKey,
    MissingField,
    MissingSource,
    UnknownSource,
    OutOfRange,
    DuplicateId,
    DanglingReference,
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            IssueKind::Syntax => "syntax error",
            IssueKind::UnknownKey => "unknown key",
            IssueKind::MissingField => "missing field",
            IssueKind::MissingSource => "missing source",
            IssueKind::UnknownSource => "unknown source",
            IssueKind::OutOfRange => "out of range",
            IssueKind::DuplicateId => "duplicate id",
            IssueKind::DanglingReference => "dangling reference",
        };
        f.write_str(text)
    }
}

/// One problem in one place: file, line, field, the offending value and what is allowed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub kind: IssueKind,
    pub file: String,
    pub line: Option<usize>,
    pub field: String,
    pub value: String,
    pub allowed: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: ", self.file, line)?,
            None => write!(f, "{}: ", self.file)?,
        }
        write!(
            f,
            "{}: `{}` = {}; allowed: {}",
            self.kind, self.field, self.value, self.allowed
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{} problem(s) in the data:\n{}", .0.len(), list(.0))]
    Invalid(Vec<Issue>),
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    #[error("{0}")]
    Lookup(String),
}

fn list(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| format!("  {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}
