//! leapfrog-rules: the one place a rule is computed. The rules are data (`data/rules.toml`,
//! checked by leapfrog-data); this crate reads them at a date and evaluates them on facts:
//! a plant and a year (45X with its foreign-entity and material-assistance tests), a storage
//! project (48E), an import (duties by layer, as assessed and after refunds). The policy
//! model, `ip check` and `leapfrog rules check` all call it.

pub mod book;
pub mod credit;
pub mod date;
pub mod duty;
pub mod entity;
pub mod licence;
pub mod storage;

pub use book::{RuleBook, RuleView, StatusAt};
pub use credit::{CreditEvaluator, CreditPhase, CreditYear, Decision, Macr, Product};
pub use date::Date;
pub use duty::{duties, Duties, DutyLayer, Import};
pub use entity::{EntityRules, EntityTest};
pub use licence::{Aspect, ChangeOfControl, LicenceChecks, LicenceFacts, LicenceFinding, Severity};
pub use storage::{evaluate_storage, StorageResult};

/// What can go wrong reading the rules: a rule or parameter the data lack, or a bad date.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("the data have no {kind} \"{id}\" (data/rules.toml)")]
    Missing { kind: &'static str, id: String },
    #[error("rule \"{rule}\" has no value of parameter \"{name}\" on {date} (data/rules.toml)")]
    Parameter {
        rule: String,
        name: String,
        date: Date,
    },
    #[error("\"{0}\" is not a date YYYY-MM-DD")]
    Date(String),
}

impl RulesError {
    pub(crate) fn missing(kind: &'static str, id: &str) -> RulesError {
        RulesError::Missing {
            kind,
            id: id.to_string(),
        }
    }
}

/// Every rules error is the data's (a rule, parameter or date the data lack or misstate).
impl leapfrog_data::Blamed for RulesError {
    fn blame(&self) -> leapfrog_data::Blame {
        leapfrog_data::Blame::User
    }
}
