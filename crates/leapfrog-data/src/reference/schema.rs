//! A published output of one model layer for one case, with the tolerance the tests allow.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// The model layer that computes a reference quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceLayer {
    Cell,
    Factory,
    Market,
    Supply,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceCase {
    /// `case:quantity`.
    pub id: String,
    /// What is run: a cell-design preset, a couple, a project set or a project.
    pub case: String,
    pub layer: ReferenceLayer,
    /// The model output, as the layer's `reference` module names it.
    pub quantity: String,
    pub label: String,
    pub unit: String,
    /// The published value.
    pub value: f64,
    /// Allowed relative difference, as a fraction of the published value.
    pub tolerance: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(ReferenceCase {
    tolerance: within(0.0, 0.5, "a relative tolerance from 0 to 0.5"),
});

impl ReferenceCase {
    /// The model's relative difference from the published value.
    pub fn relative_error(&self, model: f64) -> f64 {
        (model - self.value) / self.value
    }

    /// Whether the model's value is within the tolerance of the published one.
    pub fn admits(&self, model: f64) -> bool {
        model.is_finite() && self.relative_error(model).abs() <= self.tolerance
    }
}
