//! Licence-chain data (leapfrog-ip): technologies, organisations and dated events, each
//! sourced, checked for dangling parties, impossible orders and sublicence cycles.

mod schema;
mod validate;
pub use validate::{TERRITORIES, TITLE_HOLDER_KINDS};

pub use schema::*;

/// This layer's embedded data files, as (display path, text), in loading order.
pub(crate) const FILES: &[(&str, &str)] =
    &[("data/ip.toml", include_str!("../../../../data/ip.toml"))];

crate::bounds::bounds!(IpTechnology {});
crate::bounds::bounds!(IpOrganisation {});
crate::bounds::bounds!(IpEvent {});
crate::bounds::bounds!(IpDeal {});
