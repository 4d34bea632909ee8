//! The embedded dataset as a compact binary snapshot, written after validation at build time
//! (the CLI's build script) and read back at start-up without parsing or checking the TOML
//! again: parsing the embedded files was most of a short command's run time. One snapshot per
//! embedded layer, so a command that reads a few layers decodes only those.
//!
//! MessagePack with named fields keeps the records' optional and defaulted fields and the
//! mission records' open key tables; each record's origin travels beside it because records
//! never read their origin from a file.

use crate::dataset::{Dataset, FileText};
use crate::error::DataError;
use crate::keyed::{Keyed, Origin};
use crate::kinds::*;
use crate::load::embedded_files_of;
use crate::registry::{for_each_kind, EMBEDDED_LAYERS};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

macro_rules! define_snapshot {
    ($($file:ident => $set:ident: $t:ty $([key $($key:tt)*])?),* $(,)?) => {
        #[derive(Default, Serialize, Deserialize)]
        struct Snapshot {
            $($set: Vec<(Origin, $t)>,)*
        }

        impl Snapshot {
            /// The records read from `files`.
            fn of(data: &Dataset, files: &[&str]) -> Snapshot {
                Snapshot { $($set: with_origins(&data.$set, files),)* }
            }

            fn append_to(self, data: &mut Dataset) {
                $(data.$set.extend(restore_origins(self.$set));)*
            }
        }
    };
}

for_each_kind!(define_snapshot);

fn with_origins<T: Keyed + Clone>(records: &[T], files: &[&str]) -> Vec<(Origin, T)> {
    records
        .iter()
        .filter(|r| files.contains(&r.origin().file.as_str()))
        .map(|r| (r.origin().clone(), r.clone()))
        .collect()
}

fn restore_origins<T: Keyed>(records: Vec<(Origin, T)>) -> impl Iterator<Item = T> {
    records.into_iter().map(|(origin, mut r)| {
        *r.origin_mut() = origin;
        r
    })
}

impl Dataset {
    /// The embedded dataset's records as one snapshot per embedded layer, in loading order (the
    /// file texts are not kept: the reader is given them, so error lines can still be found).
    /// A command that reads only some layers decodes only theirs.
    pub fn to_layer_snapshots(&self) -> Result<Vec<(&'static str, Vec<u8>)>, DataError> {
        EMBEDDED_LAYERS
            .iter()
            .map(|(layer, files)| {
                let names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
                let bytes =
                    rmp_serde::to_vec_named(&Snapshot::of(self, &names)).map_err(snapshot_error)?;
                Ok((*layer, bytes))
            })
            .collect()
    }

    /// The embedded dataset from the snapshots `to_layer_snapshots` wrote, as (layer, bytes)
    /// in loading order: only the named layers when `layers` is given (the file texts beside
    /// them are the embedded files of those layers, borrowed, for locating lines).
    pub fn from_layer_snapshots(
        snapshots: &[(&str, &[u8])],
        layers: Option<&[&str]>,
    ) -> Result<Dataset, DataError> {
        let files: Vec<FileText> = embedded_files_of(layers)
            .map(|(name, text)| (name.to_string(), Cow::Borrowed(text)))
            .collect();
        let mut data = Dataset {
            files,
            ..Dataset::default()
        };
        let wanted = snapshots
            .iter()
            .filter(|(layer, _)| layers.is_none_or(|names| names.contains(layer)));
        for (_, bytes) in wanted {
            let snapshot: Snapshot = rmp_serde::from_slice(bytes).map_err(snapshot_error)?;
            snapshot.append_to(&mut data);
        }
        Ok(data)
    }
}

/// A snapshot that does not match the schema it is read with can only come from a broken build.
fn snapshot_error(e: impl std::fmt::Display) -> DataError {
    DataError::Io {
        path: "the embedded data snapshot".into(),
        message: e.to_string(),
    }
}
