//! Element masses tracked in bills of materials: the ones supply analyses follow.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::ops::{Add, AddAssign, Mul};

/// Elements followed through the bill of materials ("C" is all carbon; graphite as a
/// material is reported separately through the materials' commodity).
pub const ELEMENTS: [&str; 16] = [
    "Li", "Na", "Ni", "Co", "Mn", "Fe", "P", "Al", "Cu", "C", "Si", "Ti", "Nb", "S", "V", "F",
];

/// Mass (or mass fraction) of each element in `ELEMENTS`, in the same order.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ElementMass(pub [f64; ELEMENTS.len()]);

impl ElementMass {
    pub fn get(&self, symbol: &str) -> f64 {
        ELEMENTS
            .iter()
            .position(|e| *e == symbol)
            .map_or(0.0, |i| self.0[i])
    }

    pub fn single(symbol: &str, mass: f64) -> Self {
        let mut out = ElementMass::default();
        if let Some(i) = ELEMENTS.iter().position(|e| *e == symbol) {
            out.0[i] = mass;
        }
        out
    }

    pub fn total(&self) -> f64 {
        self.0.iter().sum()
    }

    /// Pairs of (symbol, mass) with a non-zero mass.
    pub fn nonzero(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        ELEMENTS
            .iter()
            .zip(self.0.iter())
            .filter(|(_, m)| **m > 0.0)
            .map(|(e, m)| (*e, *m))
    }
}

impl Add for ElementMass {
    type Output = ElementMass;
    fn add(mut self, rhs: ElementMass) -> ElementMass {
        self += rhs;
        self
    }
}

impl AddAssign for ElementMass {
    fn add_assign(&mut self, rhs: ElementMass) {
        for (a, b) in self.0.iter_mut().zip(rhs.0) {
            *a += b;
        }
    }
}

impl Mul<f64> for ElementMass {
    type Output = ElementMass;
    fn mul(mut self, k: f64) -> ElementMass {
        self.0.iter_mut().for_each(|a| *a *= k);
        self
    }
}

impl Serialize for ElementMass {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (e, m) in self.nonzero() {
            map.serialize_entry(e, &m)?;
        }
        map.end()
    }
}
