//! The layered dataset: one field per record kind, generated from the registry, with keyed
//! lookups by id.

use crate::error::NotFound;
use crate::keyed::{Keyed, Origin};
use crate::kinds::*;
use crate::registry::for_each_kind;
use std::borrow::Cow;

/// A file the dataset was read from, as (display path, text): the embedded files' texts are
/// borrowed from the binary, a user's files' are owned.
pub type FileText = (String, Cow<'static, str>);

/// A kind of record held by the dataset.
pub trait Record: Keyed + serde::Serialize + Sized + 'static {
    /// Every record of this kind, in layering order.
    fn all(data: &Dataset) -> &[Self];
}

/// Receives each kind of record in turn (see `Dataset::visit_records`).
pub trait RecordVisitor {
    fn visit<T: Record>(&mut self, records: &[T]);
}

macro_rules! impl_keyed {
    ($file:ident, $t:ty) => {
        impl_keyed!(@ $file, $t, "id", r => Cow::Borrowed(r.id.as_str()));
    };
    ($file:ident, $t:ty, $kf:ident) => {
        impl_keyed!(@ $file, $t, stringify!($kf), r => Cow::Borrowed(r.$kf.as_str()));
    };
    ($file:ident, $t:ty, $kf:ident, $kexpr:expr) => {
        impl_keyed!(@ $file, $t, stringify!($kf), r => Cow::Owned(($kexpr)(r)));
    };
    (@ $file:ident, $t:ty, $kf:expr, $r:ident => $key:expr) => {
        impl Keyed for $t {
            const TABLE: &'static str = stringify!($file);
            const KEY_FIELD: &'static str = $kf;
            fn key(&self) -> Cow<'_, str> {
                let $r = self;
                $key
            }
            fn origin(&self) -> &Origin {
                &self.origin
            }
            fn origin_mut(&mut self) -> &mut Origin {
                &mut self.origin
            }
        }
    };
}

macro_rules! define_dataset {
    ($($file:ident => $set:ident: $t:ty $([key $kf:ident $(= $kexpr:expr)?])?),* $(,)?) => {
        /// The whole dataset after layering, plus the texts it was read from (for error lines).
        #[derive(Debug, Default, Clone)]
        pub struct Dataset {
            $(pub $set: Vec<$t>,)*
            pub files: Vec<FileText>,
            /// What loading a user's folder passed over, for the user to see.
            pub warnings: Vec<String>,
        }

        $(
            impl_keyed!($file, $t $(, $kf $(, $kexpr)?)?);

            impl Record for $t {
                fn all(data: &Dataset) -> &[Self] {
                    &data.$set
                }
            }
        )*

        impl Dataset {
            $(
                #[doc = concat!("The `", stringify!($file), "` record with this key, if any.")]
                pub fn $file(&self, key: &str) -> Option<&$t> {
                    self.get::<$t>(key)
                }
            )*

            /// Hands every kind of record, in file-schema order, to `visitor`.
            pub fn visit_records<V: RecordVisitor>(&self, visitor: &mut V) {
                $(visitor.visit(&self.$set);)*
            }
        }
    };
}

for_each_kind!(define_dataset);

impl Dataset {
    /// The record of kind `T` with this key, if any. Keys match exactly, else ignoring ASCII
    /// case when that names one record (`lfp-g` finds `LFP-G`); the record carries the
    /// canonical key.
    pub fn get<T: Record>(&self, key: &str) -> Option<&T> {
        let all = T::all(self);
        if let Some(r) = all.iter().find(|r| r.key() == key) {
            return Some(r);
        }
        let mut folded = all.iter().filter(|r| r.key().eq_ignore_ascii_case(key));
        match (folded.next(), folded.next()) {
            (Some(r), None) => Some(r),
            _ => None,
        }
    }

    /// The record of kind `T` with this key, or an error listing the keys there are.
    pub fn find<T: Record>(&self, key: &str) -> Result<&T, NotFound> {
        self.get::<T>(key)
            .ok_or_else(|| NotFound::of::<T>(self, key))
    }

    /// The keys of every record of kind `T`, in layering order.
    pub fn keys<T: Record>(&self) -> impl Iterator<Item = Cow<'_, str>> {
        T::all(self).iter().map(|r| r.key())
    }

    /// Text of a file that was loaded, for locating lines.
    pub fn file_text(&self, name: &str) -> Option<&str> {
        self.files
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_ref())
    }
}

impl NotFound {
    /// `key` names no record of kind `T`; lists the keys that do, and suggests the nearest
    /// key, or the records that go by that name (their `name`, `family` or `aliases`, as
    /// people call them: `China` for `CN`, `LFP` for `LFP-G`).
    pub fn of<T: Record>(data: &Dataset, key: &str) -> NotFound {
        let known: Vec<Cow<str>> = data.keys::<T>().collect();
        let mut e = NotFound::new(
            &T::TABLE.replace('_', " "),
            key,
            known.iter().map(|k| k.as_ref()),
        );
        if e.suggestion.is_none() {
            e.suggestion = called::<T>(data, key);
        }
        e
    }
}

/// The keys of the records of kind `T` that `word` names: by a name, family or alias, or as
/// the start of the key (`evtol` for `evtol-kasliwal`); at most three, joined by "or".
fn called<T: Record>(data: &Dataset, word: &str) -> Option<String> {
    let plain = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = plain(word);
    if wanted.len() < 2 {
        return None;
    }
    let matches: Vec<String> = T::all(data)
        .iter()
        .filter(|r| {
            let key = plain(&r.key());
            let v = serde_json::to_value(r).unwrap_or_default();
            let names = ["name", "family", "aliases"]
                .iter()
                .flat_map(|f| match &v[*f] {
                    serde_json::Value::String(s) => vec![s.clone()],
                    serde_json::Value::Array(a) => a
                        .iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect(),
                    _ => Vec::new(),
                })
                .any(|n| plain(&n) == wanted);
            names || (key.starts_with(&wanted) && wanted.len() >= 3)
        })
        .map(|r| r.key().into_owned())
        .collect();
    (!matches.is_empty() && matches.len() <= 3).then(|| matches.join("` or `"))
}
