use serde::Serialize;
use std::fmt;

/// The kinds of problem a data file can have; each has its own fixture test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssueKind {
    Syntax,
    WrongType,
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
            IssueKind::WrongType => "wrong type",
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

/// An id that names no record (or no option) of its kind: the one not-found error of every
/// crate, with the nearest id as a suggestion and the ids that do exist.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}unknown {kind} `{id}`{}; known: {}",
    at.as_ref().map_or(String::new(), |a| format!("{a}: ")),
    suggestion.as_ref().map_or(String::new(), |s| format!(" (did you mean `{s}`?)")),
    known.join(", "))]
pub struct NotFound {
    /// What was looked for, in words (`couple`, `price basis`, `region`).
    pub kind: String,
    pub id: String,
    /// The known id nearest to `id`, when one is close (a typo or a different case).
    pub suggestion: Option<String>,
    pub known: Vec<String>,
    /// Where the id was written (`file:line` of the referring record, or `--option`).
    pub at: Option<String>,
}

impl NotFound {
    /// An unknown `id` of `kind` among `known`.
    pub fn new<'a>(kind: &str, id: &str, known: impl IntoIterator<Item = &'a str>) -> NotFound {
        let known: Vec<String> = known.into_iter().map(str::to_string).collect();
        NotFound {
            kind: kind.to_string(),
            id: id.to_string(),
            suggestion: nearest(id, &known),
            known,
            at: None,
        }
    }

    /// The same error, saying where the id was given (`--chemistry`, `file:line`).
    pub fn at(mut self, place: impl Into<String>) -> NotFound {
        self.at = Some(place.into());
        self
    }
}

/// The known id closest to `id` by edit distance, ignoring case, if it is close enough to be a
/// slip (at most a third of the id's length, and at least one edit).
pub fn nearest(id: &str, known: &[String]) -> Option<String> {
    let wanted = id.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(1);
    known
        .iter()
        .map(|k| (edit_distance(&wanted, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

/// Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Whose an error is to fix: the user's (bad data, options or files: exit 1) or leapfrog's
/// (exit 2). Every crate's error enum implements it, so the binary needs no list of crates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blame {
    User,
    Internal,
}

/// An error that knows whose it is to fix.
pub trait Blamed: std::error::Error + Send + Sync + 'static {
    fn blame(&self) -> Blame;
}

impl Blamed for DataError {
    fn blame(&self) -> Blame {
        Blame::User
    }
}

impl Blamed for NotFound {
    fn blame(&self) -> Blame {
        Blame::User
    }
}
