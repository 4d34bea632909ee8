//! The model forms, one file each: BLAST-Lite's rate equations over a segment's stressors and
//! its state updates, and the general form a chemistry family's model takes
//! (`semi_empirical`). A model of an existing form is a record in data/life_models.toml.

mod arrhenius_linear;
mod lfp_gr_250ah;
mod lfp_gr_sonymurata;
mod nmc111_gr_kokam;
mod nmc111_gr_sanyo;
mod nmc622_gr_denso;
mod nmc811_grsi_lgm50;
mod nmc_lto;
pub mod rating;
mod semi_empirical;

use crate::stressors::Segment;
use crate::LifeError;
use leapfrog_data::{LifeModel, LIFE_MODEL_FORMS};

/// One model form's equations and states.
pub trait Form: Send {
    /// Advances the states over one segment.
    fn step(&mut self, s: &Segment);
    /// Relative capacity (1 at the start).
    fn capacity(&self) -> f64;
    /// Relative resistance, where the model has one.
    fn resistance(&self) -> Option<f64> {
        None
    }
    /// The capacity band (low, high) from the parameter spread, where the model has one.
    fn band(&self) -> Option<(f64, f64)> {
        None
    }
    /// The states as the publication names them (loss of lithium inventory, active material, …).
    fn states(&self) -> Vec<(&'static str, f64)>;
    /// Whether the rates read the anode potential (costly: computed only when needed).
    fn reads_anode_potential(&self) -> bool {
        false
    }
    /// Whether the rates read the charge or discharge C-rate.
    fn reads_directional_rates(&self) -> bool {
        false
    }
}

/// The parameters of a record, by name (presence checked when the data was loaded).
pub(crate) struct Params<'a>(&'a LifeModel);

impl Params<'_> {
    pub(crate) fn get(&self, name: &str) -> f64 {
        self.0.params.get(name).copied().unwrap_or(f64::NAN)
    }

    /// The form's parameters in the order `LIFE_MODEL_FORMS` lists them, the one list that the
    /// data check and the equations share.
    pub(crate) fn in_form_order<const N: usize>(&self) -> [f64; N] {
        let names = LIFE_MODEL_FORMS
            .iter()
            .find(|(form, _)| *form == self.0.form)
            .map_or(&[][..], |(_, names)| *names);
        debug_assert_eq!(names.len(), N, "form {} parameter count", self.0.form);
        std::array::from_fn(|i| names.get(i).map_or(f64::NAN, |n| self.get(n)))
    }
}

/// The equations of `m.form`, with `m`'s parameters.
pub fn build(m: &LifeModel) -> Result<Box<dyn Form>, LifeError> {
    let p = Params(m);
    Ok(match m.form.as_str() {
        "lfp_gr_250ah" => Box::new(lfp_gr_250ah::Model::new(&p)),
        "lfp_gr_sonymurata" => Box::new(lfp_gr_sonymurata::Model::new(&p)),
        "nmc111_gr_kokam" => Box::new(nmc111_gr_kokam::Model::new(&p)),
        "nmc111_gr_sanyo" => Box::new(nmc111_gr_sanyo::Model::new(&p, m)),
        "nmc622_gr_denso" => Box::new(nmc622_gr_denso::Model::new(&p)),
        "nmc811_grsi_lgm50" => Box::new(nmc811_grsi_lgm50::Model::new(&p)),
        "arrhenius_linear" => Box::new(arrhenius_linear::Model::new(&p)),
        "nmc_lto" => Box::new(nmc_lto::Model::new(&p)),
        "semi_empirical" => Box::new(semi_empirical::Model::new(&p, m.range_soc)),
        other => return Err(LifeError::UnknownForm(other.to_string())),
    })
}
