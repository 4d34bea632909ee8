//! leapfrog-cell: chemistries, a BatPaC-style electrode, cell and pack design solver,
//! performance metrics and bills of materials, plus storage systems that are not
//! intercalation cells (vanadium flow, iron–air, nickel–hydrogen), each in its own file.
//!
//! The solver follows the method of Argonne's BatPaC: the positive electrode thickness is
//! the least of a power limit, a maximum thickness and a fast-charge limit; the rest of the
//! cell follows from the capacity, the couple's recipe and the format's geometry.

use leapfrog_data::{Blame, Blamed};

pub mod bom;
pub mod catalogue;
pub mod design;
pub mod elements;
pub mod fast_charge;
pub mod geometry;
pub mod library;
pub mod pack;
pub mod reference;
pub mod systems;

pub use bom::{BillOfMaterials, BomLine};
pub use catalogue::{Chemistry, DesignRequest};
pub use design::{solve, CellResult, Design, DesignInputs, Measured, ThicknessLimit};
pub use elements::{ElementMass, ELEMENTS};
pub use library::{ResolvedCouple, ResolvedFormat};

/// Errors of the cell model. Inputs are checked here even when the dataset validated them,
/// because designs also come from command-line options and user files.
#[derive(Debug, thiserror::Error)]
pub enum CellError {
    #[error(transparent)]
    Unknown(Box<leapfrog_data::NotFound>),
    #[error("invalid design input {field} = {value}; allowed: {allowed}")]
    Input {
        field: String,
        value: String,
        allowed: String,
    },
    #[error("infeasible design: {reason}")]
    Infeasible { reason: String },
    #[error("bad data for {what}: {reason}")]
    Data { what: String, reason: String },
    #[error(transparent)]
    NonFinite(#[from] leapfrog_data::NonFinite),
}

impl Blamed for CellError {
    fn blame(&self) -> Blame {
        match self {
            CellError::NonFinite(e) => e.blame(),
            // Unknown ids, bad inputs, infeasible targets and bad data records all come from
            // the user's options or data folder.
            _ => Blame::User,
        }
    }
}

impl From<leapfrog_data::NotFound> for CellError {
    fn from(e: leapfrog_data::NotFound) -> CellError {
        CellError::Unknown(Box::new(e))
    }
}
