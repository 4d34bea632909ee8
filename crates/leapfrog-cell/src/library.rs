//! Resolves dataset records into the numbers the solver needs, once, so that a design
//! solve is arithmetic only (no lookups, no allocation).

use crate::elements::{ElementMass, ELEMENTS};
use crate::fast_charge::FastCharge;
use crate::CellError;
use leapfrog_data::{
    elements, CellFormat, Couple, Dataset, FormatKind, Ingredient, Material, MaterialRole,
    PackArchitecture, SaltTransport,
};

/// A material with its element mass fractions worked out from its formula.
#[derive(Debug, Clone)]
pub struct ResolvedMaterial {
    pub id: String,
    pub role: MaterialRole,
    pub density_g_per_cm3: f64,
    pub capacity_mah_per_g: f64,
    pub porosity: f64,
    pub price_usd_per_kg: Option<f64>,
    pub commodity: Option<String>,
    pub elements: ElementMass,
}

impl ResolvedMaterial {
    pub fn from_record(m: &Material) -> Result<Self, CellError> {
        Ok(ResolvedMaterial {
            id: m.id.clone(),
            role: m.role,
            density_g_per_cm3: m.density_g_per_cm3,
            capacity_mah_per_g: m.specific_capacity_mah_per_g.unwrap_or(0.0),
            porosity: m.porosity.unwrap_or(0.0),
            price_usd_per_kg: m.price_usd_per_kg,
            commodity: m.commodity.clone(),
            elements: element_fractions(m)?,
        })
    }
}

fn element_fractions(m: &Material) -> Result<ElementMass, CellError> {
    let parts: Vec<(&str, f64)> = match &m.formula {
        Some(f) => vec![(f.as_str(), 1.0)],
        None => m
            .constituents
            .iter()
            .map(|c| (c.formula.as_str(), c.mass_fraction))
            .collect(),
    };
    let mut out = ElementMass::default();
    for (formula, share) in parts {
        let fractions = elements::mass_fractions(formula).map_err(|e| CellError::Data {
            what: format!("material {} formula {formula}", m.id),
            reason: e,
        })?;
        for (symbol, w) in fractions {
            if let Some(i) = ELEMENTS.iter().position(|e| *e == symbol) {
                out.0[i] += share * w;
            }
        }
    }
    Ok(out)
}

/// A dry electrode coating: its recipe and the derived per-micrometre quantities.
#[derive(Debug, Clone)]
pub struct Electrode {
    pub recipe: Vec<(ResolvedMaterial, f64)>,
    pub porosity: f64,
    /// Density of the dry solid mix (no pores).
    pub solid_density_g_per_cm3: f64,
    /// Capacity per gram of dry coating.
    pub coating_mah_per_g: f64,
}

impl Electrode {
    fn new(
        data: &Dataset,
        recipe: &[Ingredient],
        porosity: f64,
        active: MaterialRole,
    ) -> Result<Self, CellError> {
        let mut items = Vec::with_capacity(recipe.len());
        for ing in recipe {
            let m = material(data, &ing.material)?;
            items.push((m, ing.mass_fraction));
        }
        let inverse: f64 = items.iter().map(|(m, w)| w / m.density_g_per_cm3).sum();
        let coating_mah_per_g = items
            .iter()
            .filter(|(m, _)| m.role == active)
            .map(|(m, w)| w * m.capacity_mah_per_g)
            .sum();
        Ok(Electrode {
            recipe: items,
            porosity,
            solid_density_g_per_cm3: 1.0 / inverse,
            coating_mah_per_g,
        })
    }

    /// Dry coating mass per cm² of one face per micrometre of thickness, g/cm²/µm.
    pub fn g_per_cm2_per_um(&self) -> f64 {
        1.0e-4 * (1.0 - self.porosity) * self.solid_density_g_per_cm3
    }

    /// Areal capacity per micrometre of coating thickness, mAh/cm²/µm.
    pub fn mah_per_cm2_per_um(&self) -> f64 {
        self.g_per_cm2_per_um() * self.coating_mah_per_g
    }
}

/// What the fast-charge law reads of a couple before the couple is assembled.
pub struct CellStack<'a> {
    pub couple: &'a Couple,
    pub positive: &'a Electrode,
    pub negative: &'a Electrode,
    pub separator_porosity: f64,
    pub salt: Option<&'a SaltTransport>,
}

/// A couple ready for design: electrodes, electrolyte, separator, foils and tables.
#[derive(Debug, Clone)]
pub struct ResolvedCouple {
    pub record: Couple,
    pub positive: Electrode,
    pub negative: Electrode,
    pub electrolyte: Option<ResolvedMaterial>,
    /// The electrolyte's salt transport, where its record has it.
    pub electrolyte_transport: Option<SaltTransport>,
    pub separator: ResolvedMaterial,
    pub positive_foil: ResolvedMaterial,
    pub negative_foil: ResolvedMaterial,
    pub fast_charge: FastCharge,
}

impl ResolvedCouple {
    pub fn from_dataset(data: &Dataset, id: &str) -> Result<Self, CellError> {
        let c = data.find::<Couple>(id)?;
        let electrolyte = match &c.electrolyte {
            Some(e) => Some(material(data, e)?),
            None => None,
        };
        let electrolyte_transport = match &c.electrolyte {
            Some(e) => data.find::<Material>(e)?.transport.clone(),
            None => None,
        };
        let positive = Electrode::new(
            data,
            &c.positive,
            c.positive_porosity,
            MaterialRole::Positive,
        )?;
        let negative = Electrode::new(
            data,
            &c.negative,
            c.negative_porosity,
            MaterialRole::Negative,
        )?;
        let separator = material(data, &c.separator)?;
        let cell_stack = CellStack {
            couple: c,
            positive: &positive,
            negative: &negative,
            separator_porosity: separator.porosity,
            salt: electrolyte_transport.as_ref(),
        };
        Ok(ResolvedCouple {
            fast_charge: FastCharge::resolve(&cell_stack)?,
            positive,
            negative,
            electrolyte,
            electrolyte_transport,
            separator,
            positive_foil: material(data, &c.positive_foil)?,
            negative_foil: material(data, &c.negative_foil)?,
            record: c.clone(),
        })
    }

    /// Linear interpolation in the couple's SOC tables, clamped to the table's ends.
    pub fn at_soc(&self, table: &[f64], soc: f64) -> f64 {
        interpolate(&self.record.soc_points, table, soc)
    }
}

pub(crate) fn interpolate(xs: &[f64], ys: &[f64], x: f64) -> f64 {
    let last = xs.len() - 1;
    if x <= xs[0] {
        return ys[0];
    }
    if x >= xs[last] {
        return ys[last];
    }
    let i = xs.iter().rposition(|&p| p <= x).unwrap_or(0).min(last - 1);
    let t = (x - xs[i]) / (xs[i + 1] - xs[i]);
    ys[i] + t * (ys[i + 1] - ys[i])
}

/// A cell format with its casing material.
#[derive(Debug, Clone)]
pub struct ResolvedFormat {
    pub record: CellFormat,
    pub casing: ResolvedMaterial,
}

impl ResolvedFormat {
    pub fn from_dataset(data: &Dataset, id: &str) -> Result<Self, CellError> {
        let f = data.find::<CellFormat>(id)?;
        Ok(ResolvedFormat {
            casing: material(data, &f.casing)?,
            record: f.clone(),
        })
    }

    pub fn is_wound(&self) -> bool {
        self.record.kind == FormatKind::Cylindrical
    }

    /// A cylinder or a prismatic can of given size: the capacity is what fits inside.
    pub fn fixes_capacity(&self) -> bool {
        self.record.fixes_capacity()
    }
}

pub fn architecture(data: &Dataset, id: &str) -> Result<PackArchitecture, CellError> {
    Ok(data.find::<PackArchitecture>(id)?.clone())
}

pub fn material(data: &Dataset, id: &str) -> Result<ResolvedMaterial, CellError> {
    let m = data.find::<Material>(id)?;
    ResolvedMaterial::from_record(m)
}
