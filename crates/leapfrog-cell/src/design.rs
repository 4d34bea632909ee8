//! The BatPaC-style design solve: electrode thickness from three limits, then capacity,
//! geometry, component masses and performance.
//!
//! Power limit (BatPaC's method): the pulse must be delivered at 80% of the open-circuit
//! voltage, so a cell of positive area A and area-specific impedance ASI gives
//! P = 0.16·OCV²·A/ASI. With the pack's power-to-energy ratio r = P/E and E = Q·A·V, the
//! areal capacity can be at most 0.16·OCV²/(ASI·V·r), whatever the cell size.
//! Fast-charge limit: the thickest electrode whose shortest charge over the design's SOC
//! window is no longer than the time asked for, by the couple's law (`fast_charge`).

use crate::geometry::{self, Geometry};
use crate::library::{ResolvedCouple, ResolvedFormat};
use crate::pack::{self, PackResult};
use crate::CellError;
use leapfrog_data::Bounded;
use leapfrog_data::{CellDesign, PackArchitecture};
use serde::Serialize;

/// Fraction of the open-circuit voltage at the end of the power pulse (BatPaC).
pub const PULSE_VOLTAGE_FRACTION: f64 = 0.8;

/// What the user asks of a design; everything else comes from the couple and format.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DesignInputs {
    pub pack_energy_kwh: f64,
    pub pack_power_kw: f64,
    pub pulse_soc: f64,
    pub fast_charge_minutes: f64,
    pub fast_charge_temperature_c: f64,
    pub fast_charge_soc_from: f64,
    pub fast_charge_soc_to: f64,
    pub cells_per_module: u32,
    pub modules_per_pack: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell_capacity_ah: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_positive_thickness_um: Option<f64>,
    #[serde(skip_serializing_if = "Measured::is_empty")]
    pub measured: Measured,
}

/// Thicknesses measured on a real cell (a teardown). Each one present replaces what the
/// design would otherwise take: the positive thickness the limits set, the negative
/// thickness the N/P ratio sets, the couple's foils and separator, the format's wall.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Measured {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub positive_thickness_um: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negative_thickness_um: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub positive_foil_thickness_um: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negative_foil_thickness_um: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub separator_thickness_um: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub casing_thickness_um: Option<f64>,
}

impl Measured {
    pub fn from_record(d: &CellDesign) -> Self {
        let [positive, negative, positive_foil, negative_foil, separator, casing] =
            d.measured_thicknesses();
        Measured {
            positive_thickness_um: positive,
            negative_thickness_um: negative,
            positive_foil_thickness_um: positive_foil,
            negative_foil_thickness_um: negative_foil,
            separator_thickness_um: separator,
            casing_thickness_um: casing,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|(_, v)| v.is_none())
    }

    /// Each measurement with the `cell_design` field it comes from.
    fn fields(&self) -> [(&'static str, Option<f64>); 6] {
        [
            ("measured_positive_thickness_um", self.positive_thickness_um),
            ("measured_negative_thickness_um", self.negative_thickness_um),
            (
                "measured_positive_foil_thickness_um",
                self.positive_foil_thickness_um,
            ),
            (
                "measured_negative_foil_thickness_um",
                self.negative_foil_thickness_um,
            ),
            (
                "measured_separator_thickness_um",
                self.separator_thickness_um,
            ),
            ("measured_casing_thickness_um", self.casing_thickness_um),
        ]
    }
}

impl DesignInputs {
    pub fn from_record(d: &CellDesign) -> Self {
        DesignInputs {
            pack_energy_kwh: d.pack_energy_kwh,
            pack_power_kw: d.pack_power_kw,
            pulse_soc: d.pulse_soc,
            fast_charge_minutes: d.fast_charge_minutes,
            fast_charge_temperature_c: d.fast_charge_temperature_c,
            fast_charge_soc_from: d.fast_charge_soc_from,
            fast_charge_soc_to: d.fast_charge_soc_to,
            cells_per_module: d.cells_per_module,
            modules_per_pack: d.modules_per_pack,
            cell_capacity_ah: d.cell_capacity_ah,
            max_positive_thickness_um: d.max_positive_thickness_um,
            measured: Measured::from_record(d),
        }
    }

    /// Rejects inputs the physics cannot use, naming the field and what is allowed. The
    /// ranges are the ones `data/cell_designs.toml` is held to (`CellDesign`'s bounds), so a
    /// design from options, a file or the data meets one set of limits.
    pub fn validate(&self) -> Result<(), CellError> {
        let optional = |v: Option<f64>| v.unwrap_or(f64::NAN);
        let measured = self
            .measured
            .fields()
            .map(|(field, v)| (field, optional(v), v.is_some()));
        for (field, v, present) in [
            ("pack_energy_kwh", self.pack_energy_kwh, true),
            ("pack_power_kw", self.pack_power_kw, true),
            ("pulse_soc", self.pulse_soc, true),
            ("fast_charge_minutes", self.fast_charge_minutes, true),
            (
                "fast_charge_temperature_c",
                self.fast_charge_temperature_c,
                true,
            ),
            ("fast_charge_soc_from", self.fast_charge_soc_from, true),
            ("fast_charge_soc_to", self.fast_charge_soc_to, true),
            ("cells_per_module", f64::from(self.cells_per_module), true),
            ("modules_per_pack", f64::from(self.modules_per_pack), true),
            (
                "cell_capacity_ah",
                optional(self.cell_capacity_ah),
                self.cell_capacity_ah.is_some(),
            ),
            (
                "max_positive_thickness_um",
                optional(self.max_positive_thickness_um),
                self.max_positive_thickness_um.is_some(),
            ),
        ]
        .into_iter()
        .chain(measured)
        {
            if let (true, Some(b)) = (present, CellDesign::bound(field)) {
                check(field, v, b.range.admits(v), &b.range.allowed())?;
            }
        }
        let window = self.fast_charge_soc_to - self.fast_charge_soc_from;
        check(
            "fast_charge_soc_to",
            self.fast_charge_soc_to,
            window > 0.0,
            "greater than fast_charge_soc_from",
        )?;
        let cells = u64::from(self.cells_per_module) * u64::from(self.modules_per_pack);
        check(
            "cells_per_module × modules_per_pack",
            cells as f64,
            cells <= MAX_CELLS_PER_PACK,
            "at most 1000000 cells in a pack",
        )?;
        Ok(())
    }

    pub fn cells(&self) -> u32 {
        self.cells_per_module * self.modules_per_pack
    }
}

/// The most cells one pack may hold: a grid container of small cylinders is a few hundred
/// thousand; more is a unit mistake, and `cells()` stays within u32.
const MAX_CELLS_PER_PACK: u64 = 1_000_000;

fn check(field: &str, v: f64, ok: bool, allowed: &str) -> Result<(), CellError> {
    if ok {
        Ok(())
    } else {
        Err(CellError::Input {
            field: field.to_string(),
            value: format!("{v}"),
            allowed: allowed.to_string(),
        })
    }
}

/// Which of the three limits set the positive electrode thickness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThicknessLimit {
    Power,
    MaximumThickness,
    FastCharge,
    /// Not a limit: the thickness measured on a real cell (`measured_positive_thickness_um`).
    Measured,
}

impl ThicknessLimit {
    pub fn label(self) -> &'static str {
        match self {
            ThicknessLimit::Power => "power",
            ThicknessLimit::MaximumThickness => "maximum thickness",
            ThicknessLimit::FastCharge => "fast charge",
            ThicknessLimit::Measured => "measured",
        }
    }

    /// How a design's title names what set its thickness.
    pub fn heading(self) -> String {
        match self {
            ThicknessLimit::Measured => "thickness as measured".to_string(),
            l => format!("{} limit", l.label()),
        }
    }

    /// What a user can change to relax this limit.
    pub fn remedy(self) -> &'static str {
        match self {
            ThicknessLimit::Power => "lower the power target (--pack-kw) or raise the pack energy",
            ThicknessLimit::MaximumThickness => {
                "raise the thickness cap (--max-thickness-um) to at least the couple's minimum"
            }
            ThicknessLimit::FastCharge => "lengthen the charge time (--fast-charge-minutes)",
            ThicknessLimit::Measured => "check measured_positive_thickness_um against its source",
        }
    }
}

/// The three candidate thicknesses (µm); a limit that does not apply is infinite, and is
/// written as `null` with a `<field>_reason`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThicknessLimits {
    pub power_um: f64,
    pub maximum_um: f64,
    pub fast_charge_um: f64,
}

impl Serialize for ThicknessLimits {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        for (field, v, why) in [
            (
                "power_um",
                self.power_um,
                "no pulse power is asked for (pack power 0 kW)",
            ),
            ("maximum_um", self.maximum_um, "the couple sets no maximum"),
            (
                "fast_charge_um",
                self.fast_charge_um,
                "no fast-charge time applies",
            ),
        ] {
            if v.is_finite() {
                m.serialize_entry(field, &v)?;
            } else {
                m.serialize_entry(field, &None::<f64>)?;
                m.serialize_entry(&format!("{field}_reason"), why)?;
            }
        }
        m.end()
    }
}

/// Mass of each component of one cell, g.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CellMass {
    pub positive_coating_g: f64,
    pub negative_coating_g: f64,
    pub positive_foil_g: f64,
    pub negative_foil_g: f64,
    pub separator_g: f64,
    pub electrolyte_g: f64,
    pub casing_g: f64,
    pub terminals_g: f64,
    pub total_g: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CellResult {
    pub limit: ThicknessLimit,
    pub limits: ThicknessLimits,
    pub positive_thickness_um: f64,
    pub negative_thickness_um: f64,
    pub positive_areal_capacity_mah_per_cm2: f64,
    pub negative_areal_capacity_mah_per_cm2: f64,
    /// Coated positive area summed over both faces of every sheet.
    pub positive_area_cm2: f64,
    pub capacity_ah: f64,
    pub nominal_voltage_v: f64,
    pub energy_wh: f64,
    pub geometry: Geometry,
    pub mass: CellMass,
    pub electrolyte_volume_cm3: f64,
    pub volume_l: f64,
    pub specific_energy_wh_per_kg: f64,
    pub energy_density_wh_per_l: f64,
    /// 10 s pulse power at the design's pulse SOC, ending at 80% of OCV.
    pub pulse_power_w: f64,
    pub specific_power_w_per_kg: f64,
    pub power_density_w_per_l: f64,
    pub fast_charge: FastChargeResult,
}

/// The fast charge at the chosen thickness: the current it draws, and what the couple's law
/// allows there.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FastChargeResult {
    pub law: &'static str,
    /// Current density of a charge over the design's SOC window in the time asked for.
    pub current_ma_per_cm2: f64,
    /// The highest current density the law allows at this thickness.
    pub allowed_current_ma_per_cm2: f64,
    /// The shortest charge over the window the law allows at this thickness.
    pub shortest_minutes: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Design {
    pub inputs: DesignInputs,
    pub cell: CellResult,
    pub pack: PackResult,
}

/// Solves one design. Pure arithmetic on resolved data: no lookups, no allocation.
pub fn solve(
    couple: &ResolvedCouple,
    format: &ResolvedFormat,
    arch: &PackArchitecture,
    inputs: &DesignInputs,
) -> Result<Design, CellError> {
    inputs.validate()?;
    let (limits, limit, thickness_um) = positive_thickness(couple, inputs)?;
    let c = &couple.record;
    let q_pos = couple.positive.mah_per_cm2_per_um() * thickness_um;
    let m = &inputs.measured;
    let neg_thickness_um = m
        .negative_thickness_um
        .unwrap_or(c.np_ratio * q_pos / couple.negative.mah_per_cm2_per_um());
    let q_neg = neg_thickness_um * couple.negative.mah_per_cm2_per_um();
    let layers = geometry::Layers {
        positive_um: thickness_um,
        negative_um: neg_thickness_um,
        positive_foil_um: m
            .positive_foil_thickness_um
            .unwrap_or(c.positive_foil_thickness_um),
        negative_foil_um: m
            .negative_foil_thickness_um
            .unwrap_or(c.negative_foil_thickness_um),
        separator_um: m.separator_thickness_um.unwrap_or(c.separator_thickness_um),
    };
    let wall_um = m
        .casing_thickness_um
        .unwrap_or(format.record.casing_thickness_um);
    let wanted_ah = inputs
        .cell_capacity_ah
        .unwrap_or(inputs.pack_energy_kwh * 1000.0 / (inputs.cells() as f64 * c.nominal_voltage_v));
    let geometry = geometry::build(format, &layers, wall_um, q_pos, wanted_ah)?;
    let capacity_ah = geometry.positive_area_cm2 * q_pos / 1000.0;
    let (mass, electrolyte_volume_cm3) = masses(couple, format, &layers, &geometry, capacity_ah);
    let fast_charge = fast_charge_at(couple, inputs, thickness_um, q_pos)?;
    let cell = performance(
        couple,
        inputs,
        limits,
        limit,
        &layers,
        q_pos,
        q_neg,
        capacity_ah,
        geometry,
        mass,
        electrolyte_volume_cm3,
        fast_charge,
    );
    let pack = pack::build(arch, inputs, &cell, format.fixes_capacity())?;
    Ok(Design {
        inputs: *inputs,
        cell,
        pack,
    })
}

/// Pulse power per cm² of positive electrode at `soc`, ending at 80% of OCV:
/// 0.8·OCV · 0.2·OCV / ASI.
fn pulse_w_per_cm2(couple: &ResolvedCouple, soc: f64) -> f64 {
    let c = &couple.record;
    let ocv = couple.at_soc(&c.ocv_v, soc);
    let asi = couple.at_soc(&c.asi_ohm_cm2, soc);
    PULSE_VOLTAGE_FRACTION * (1.0 - PULSE_VOLTAGE_FRACTION) * ocv * ocv / asi
}

fn positive_thickness(
    couple: &ResolvedCouple,
    inputs: &DesignInputs,
) -> Result<(ThicknessLimits, ThicknessLimit, f64), CellError> {
    let c = &couple.record;
    let per_um = couple.positive.mah_per_cm2_per_um();
    let power_to_energy_per_h = inputs.pack_power_kw / inputs.pack_energy_kwh;
    let power_um = if power_to_energy_per_h > 0.0 {
        let w_per_cm2 = pulse_w_per_cm2(couple, inputs.pulse_soc);
        let q_mah = 1000.0 * w_per_cm2 / (c.nominal_voltage_v * power_to_energy_per_h);
        q_mah / per_um
    } else {
        f64::INFINITY
    };
    let limits = ThicknessLimits {
        power_um,
        maximum_um: inputs
            .max_positive_thickness_um
            .unwrap_or(c.max_positive_thickness_um),
        fast_charge_um: couple.fast_charge.thickest_um(
            inputs.fast_charge_minutes,
            charge_window(inputs),
            inputs.fast_charge_temperature_c,
            per_um,
        )?,
    };
    let tightest = [
        (ThicknessLimit::Power, limits.power_um),
        (ThicknessLimit::MaximumThickness, limits.maximum_um),
        (ThicknessLimit::FastCharge, limits.fast_charge_um),
    ]
    .into_iter()
    .fold(
        (ThicknessLimit::MaximumThickness, f64::INFINITY),
        |best, x| if x.1 < best.1 { x } else { best },
    );
    // A measured cell is what it is: the limits are still worked out and shown beside it.
    let (limit, thickness) = match inputs.measured.positive_thickness_um {
        Some(um) => (ThicknessLimit::Measured, um),
        None => tightest,
    };
    let floor = couple.fast_charge.floor_minutes(charge_window(inputs));
    if inputs.fast_charge_minutes <= floor {
        return Err(CellError::Infeasible {
            reason: format!(
                "no {} electrode charges {:.0}% of its capacity in {} minutes: even a thin one needs {:.1} minutes (the couple's kinetic floor); lengthen the charge time (--fast-charge-minutes)",
                c.id,
                100.0 * charge_window(inputs),
                inputs.fast_charge_minutes,
                floor
            ),
        });
    }
    if thickness < c.min_positive_thickness_um {
        return Err(CellError::Infeasible {
            reason: format!(
                "the {} limit needs a {:.1} µm positive electrode, thinner than the {:.0} µm minimum for {}; {}",
                limit.label(),
                thickness,
                c.min_positive_thickness_um,
                c.id,
                limit.remedy()
            ),
        });
    }
    Ok((limits, limit, thickness))
}

fn charge_window(inputs: &DesignInputs) -> f64 {
    inputs.fast_charge_soc_to - inputs.fast_charge_soc_from
}

fn fast_charge_at(
    couple: &ResolvedCouple,
    inputs: &DesignInputs,
    positive_um: f64,
    q_pos: f64,
) -> Result<FastChargeResult, CellError> {
    let window = charge_window(inputs);
    let shortest_minutes = couple.fast_charge.shortest_minutes(
        positive_um,
        window,
        inputs.fast_charge_temperature_c,
        couple.positive.mah_per_cm2_per_um(),
    )?;
    let current = |minutes: f64| 60.0 * window * q_pos / minutes;
    Ok(FastChargeResult {
        law: couple.fast_charge.law(),
        current_ma_per_cm2: current(inputs.fast_charge_minutes),
        allowed_current_ma_per_cm2: current(shortest_minutes),
        shortest_minutes,
    })
}

fn masses(
    couple: &ResolvedCouple,
    format: &ResolvedFormat,
    layers: &geometry::Layers,
    g: &Geometry,
    capacity_ah: f64,
) -> (CellMass, f64) {
    let c = &couple.record;
    let face_pos = g.positive_area_cm2;
    let face_neg = face_pos * g.negative_area_ratio;
    let sheets = 1.0 + format.record.uncoated_foil_fraction;
    let um = 1.0e-4;
    let positive_coating_g = face_pos * layers.positive_um * couple.positive.g_per_cm2_per_um();
    let negative_coating_g = face_neg * layers.negative_um * couple.negative.g_per_cm2_per_um();
    let positive_foil_g = face_pos / 2.0
        * sheets
        * layers.positive_foil_um
        * um
        * couple.positive_foil.density_g_per_cm3;
    let negative_foil_g = face_neg / 2.0
        * sheets
        * layers.negative_foil_um
        * um
        * couple.negative_foil.density_g_per_cm3;
    let sep = &couple.separator;
    let separator_cm3 = face_neg * layers.separator_um * um;
    let separator_g = separator_cm3 * (1.0 - sep.porosity) * sep.density_g_per_cm3;
    let pores = face_pos * layers.positive_um * um * c.positive_porosity
        + face_neg * layers.negative_um * um * c.negative_porosity
        + separator_cm3 * sep.porosity;
    let (electrolyte_volume_cm3, electrolyte_g) = match &couple.electrolyte {
        Some(e) => {
            let v = pores * (1.0 + c.electrolyte_excess_fraction);
            (v, v * e.density_g_per_cm3)
        }
        None => (0.0, 0.0),
    };
    let terminals_g = format.record.terminal_g_per_ah * capacity_ah;
    let mut m = CellMass {
        positive_coating_g,
        negative_coating_g,
        positive_foil_g,
        negative_foil_g,
        separator_g,
        electrolyte_g,
        casing_g: g.casing_g,
        terminals_g,
        total_g: 0.0,
    };
    m.total_g = m.positive_coating_g
        + m.negative_coating_g
        + m.positive_foil_g
        + m.negative_foil_g
        + m.separator_g
        + m.electrolyte_g
        + m.casing_g
        + m.terminals_g;
    (m, electrolyte_volume_cm3)
}

#[allow(clippy::too_many_arguments)]
fn performance(
    couple: &ResolvedCouple,
    inputs: &DesignInputs,
    limits: ThicknessLimits,
    limit: ThicknessLimit,
    layers: &geometry::Layers,
    q_pos: f64,
    q_neg: f64,
    capacity_ah: f64,
    geometry: Geometry,
    mass: CellMass,
    electrolyte_volume_cm3: f64,
    fast_charge: FastChargeResult,
) -> CellResult {
    let c = &couple.record;
    let energy_wh = capacity_ah * c.nominal_voltage_v;
    let pulse_power_w = pulse_w_per_cm2(couple, inputs.pulse_soc) * geometry.positive_area_cm2;
    let kg = mass.total_g / 1000.0;
    let volume_l = geometry.volume_cm3 / 1000.0;
    CellResult {
        limit,
        limits,
        positive_thickness_um: layers.positive_um,
        negative_thickness_um: layers.negative_um,
        positive_areal_capacity_mah_per_cm2: q_pos,
        negative_areal_capacity_mah_per_cm2: q_neg,
        positive_area_cm2: geometry.positive_area_cm2,
        capacity_ah,
        nominal_voltage_v: c.nominal_voltage_v,
        energy_wh,
        geometry,
        mass,
        electrolyte_volume_cm3,
        volume_l,
        specific_energy_wh_per_kg: energy_wh / kg,
        energy_density_wh_per_l: energy_wh / volume_l,
        pulse_power_w,
        specific_power_w_per_kg: pulse_power_w / kg,
        power_density_w_per_l: pulse_power_w / volume_l,
        fast_charge,
    }
}
