//! What every record kind has: a table name, a key, and where it was read from.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Where a record was read from; set by the loader, never by the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    pub file: String,
    /// Index of the record within its array of tables in that file.
    pub index: usize,
}

/// A record that layers by key and knows where it came from. Implemented for every kind by
/// the registry (`registry.rs`); the key is the `id` field unless the registry line names
/// another.
pub trait Keyed {
    /// The array-of-tables name in a data file, e.g. `couple` for `[[couple]]`.
    const TABLE: &'static str;
    /// The field that holds the key, for locating duplicate-key errors.
    const KEY_FIELD: &'static str;
    fn key(&self) -> Cow<'_, str>;
    fn origin(&self) -> &Origin;
    fn origin_mut(&mut self) -> &mut Origin;
}
