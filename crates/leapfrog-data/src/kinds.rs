//! Every record type, from whichever layer folder declares it, for the code the registry
//! generates (`dataset.rs`, `load.rs`). A new layer adds its glob here.

pub(crate) use crate::cell::*;
pub(crate) use crate::common::*;
pub(crate) use crate::factory::*;
pub(crate) use crate::ip::*;
pub(crate) use crate::life::*;
pub(crate) use crate::market::*;
pub(crate) use crate::mission::*;
pub(crate) use crate::policy::*;
pub(crate) use crate::present::*;
pub(crate) use crate::reference::*;
pub(crate) use crate::rules::*;
pub(crate) use crate::scaleup::*;
pub(crate) use crate::sim::*;
pub(crate) use crate::supply::*;
