//! Law as data (leapfrog-rules evaluates it): credits, material-assistance thresholds,
//! foreign-entity tests, tariffs and trade remedies, export controls and licence law, each a
//! dated rule with its status history and its primary citation, plus the entities the
//! foreign-entity tests list by name. `rules_meta` says the last date the sources cover.

mod plant;
mod schema;
pub(crate) mod validate;

pub use plant::*;
pub use schema::*;
pub use validate::{
    EFFECTIVE_CONTROL_TERMS, PLANT_STATUSES, READINGS, RULE_KINDS, RULE_STATUSES, SCOPE_PREFIXES,
};

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] = &[(
    "data/rules.toml",
    include_str!("../../../../data/rules.toml"),
)];
