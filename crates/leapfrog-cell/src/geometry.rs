//! Cell geometry: stacked sheets in a pouch or prismatic can, or a wound jelly roll in a
//! cylindrical can. Stacked cells are sized from the capacity they must hold; cylinders
//! have a fixed can, and the capacity follows from the electrode length that fits.

use crate::library::ResolvedFormat;
use crate::CellError;
use leapfrog_data::FormatKind;
use serde::Serialize;
use std::f64::consts::PI;

/// Thicknesses of one repeat unit: a double-sided positive, a double-sided negative, their
/// foils and two separators.
#[derive(Debug, Clone, Copy)]
pub struct Layers {
    pub positive_um: f64,
    pub negative_um: f64,
    pub positive_foil_um: f64,
    pub negative_foil_um: f64,
    pub separator_um: f64,
}

impl Layers {
    pub fn repeat_um(&self) -> f64 {
        2.0 * self.positive_um
            + self.positive_foil_um
            + 2.0 * self.negative_um
            + self.negative_foil_um
            + 2.0 * self.separator_um
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Geometry {
    pub kind: FormatKind,
    /// Double-sided positive sheets (stacked) or turns of the jelly roll (wound).
    pub layers: f64,
    /// Outer dimensions: width × length × thickness (stacked) or diameter × height.
    pub width_mm: f64,
    pub length_mm: f64,
    pub thickness_mm: f64,
    /// Wound electrode length (cylinders) or sheet length (stacked).
    pub electrode_length_mm: f64,
    pub electrode_width_mm: f64,
    pub positive_area_cm2: f64,
    /// Negative face area over positive face area (overhang).
    pub negative_area_ratio: f64,
    pub volume_cm3: f64,
    pub casing_g: f64,
}

pub fn build(
    format: &ResolvedFormat,
    layers: &Layers,
    wall_um: f64,
    q_pos_mah_per_cm2: f64,
    wanted_ah: f64,
) -> Result<Geometry, CellError> {
    let wall_mm = wall_um / 1000.0;
    match format.record.kind {
        FormatKind::Cylindrical => wound(format, layers, wall_mm),
        FormatKind::Pouch | FormatKind::Prismatic => match format.record.can_mm() {
            Some(can) => canned(format, layers, wall_mm, can),
            None => {
                let area = wanted_ah * 1000.0 / q_pos_mah_per_cm2;
                stacked(format, layers, wall_mm, area)
            }
        },
    }
}

fn field(v: Option<f64>, name: &str, format: &str) -> Result<f64, CellError> {
    v.ok_or_else(|| CellError::Data {
        what: format!("cell format {format}"),
        reason: format!("{name} is required for this kind of format"),
    })
}

fn stacked(
    format: &ResolvedFormat,
    layers: &Layers,
    wall: f64,
    area_cm2: f64,
) -> Result<Geometry, CellError> {
    let f = &format.record;
    let stack_mm = field(f.stack_thickness_mm, "stack_thickness_mm", &f.id)?;
    let aspect = field(f.aspect_ratio, "aspect_ratio", &f.id)?;
    let side = field(f.side_margin_mm, "side_margin_mm", &f.id)?;
    let end = field(f.end_margin_mm, "end_margin_mm", &f.id)?;
    let repeat_mm = layers.repeat_um() / 1000.0;
    // Kept continuous so that mass and volume vary smoothly with the design; the report
    // rounds it to whole sheets.
    let sheets = stack_mm / repeat_mm;
    if sheets < 1.0 {
        return Err(CellError::Infeasible {
            reason: format!(
                "one electrode pair is {repeat_mm:.2} mm thick, more than the {stack_mm} mm stack of format {}",
                f.id
            ),
        });
    }
    let face_mm2 = area_cm2 * 100.0 / (2.0 * sheets);
    let width = (face_mm2 / aspect).sqrt();
    let length = aspect * width;
    let o = f.negative_overhang_mm;
    let outer_w = width + 2.0 * o + 2.0 * side;
    let outer_l = length + 2.0 * o + 2.0 * end;
    let outer_t = stack_mm + 2.0 * wall;
    let casing_g = match f.kind {
        FormatKind::Pouch => {
            2.0 * outer_w * outer_l * wall * format.casing.density_g_per_cm3 / 1000.0
        }
        _ => box_can_g(format, [outer_l, outer_w, outer_t], wall),
    };
    Ok(Geometry {
        kind: f.kind,
        layers: sheets,
        width_mm: outer_w,
        length_mm: outer_l,
        thickness_mm: outer_t,
        electrode_length_mm: length,
        electrode_width_mm: width,
        positive_area_cm2: area_cm2,
        negative_area_ratio: overhang_ratio(width, length, o),
        volume_cm3: outer_w * outer_l * outer_t / 1000.0,
        casing_g,
    })
}

/// Negative face over positive face when the negative overhangs each edge by `o`.
fn overhang_ratio(width: f64, length: f64, o: f64) -> f64 {
    (width + 2.0 * o) * (length + 2.0 * o) / (width * length)
}

/// A rectangular can of these outer sizes and wall, with its lid (header mass).
fn box_can_g(format: &ResolvedFormat, [l, h, t]: [f64; 3], wall: f64) -> f64 {
    let surface = 2.0 * (l * h + l * t + h * t);
    surface * wall * format.casing.density_g_per_cm3 / 1000.0
        + format.record.header_mass_g.unwrap_or(0.0)
}

/// A stack filling a prismatic can of given outer size: as many sheets as the thickness
/// inside the walls holds, each as long and high as the margins leave.
fn canned(
    format: &ResolvedFormat,
    layers: &Layers,
    wall: f64,
    [can_l, can_h, can_t]: [f64; 3],
) -> Result<Geometry, CellError> {
    let f = &format.record;
    let side = field(f.side_margin_mm, "side_margin_mm", &f.id)?;
    let end = field(f.end_margin_mm, "end_margin_mm", &f.id)?;
    let o = f.negative_overhang_mm;
    let length = can_l - 2.0 * end - 2.0 * o;
    let width = can_h - 2.0 * side - 2.0 * o;
    let stack_mm = can_t - 2.0 * wall;
    let repeat_mm = layers.repeat_um() / 1000.0;
    let sheets = stack_mm / repeat_mm;
    if length <= 0.0 || width <= 0.0 || sheets < 1.0 {
        return Err(CellError::Infeasible {
            reason: format!(
                "the electrodes do not fit the can of format {}: {length:.1} x {width:.1} mm of face and {stack_mm:.2} mm inside the walls for a {repeat_mm:.3} mm electrode pair",
                f.id
            ),
        });
    }
    let casing_g = box_can_g(format, [can_l, can_h, can_t], wall);
    Ok(Geometry {
        kind: f.kind,
        layers: sheets,
        width_mm: can_h,
        length_mm: can_l,
        thickness_mm: can_t,
        electrode_length_mm: length,
        electrode_width_mm: width,
        positive_area_cm2: 2.0 * sheets * length * width / 100.0,
        negative_area_ratio: overhang_ratio(width, length, o),
        volume_cm3: can_l * can_h * can_t / 1000.0,
        casing_g,
    })
}

fn wound(format: &ResolvedFormat, layers: &Layers, wall: f64) -> Result<Geometry, CellError> {
    let f = &format.record;
    let d = field(f.diameter_mm, "diameter_mm", &f.id)?;
    let h = field(f.height_mm, "height_mm", &f.id)?;
    let core = field(f.core_diameter_mm, "core_diameter_mm", &f.id)?;
    let headspace = field(f.headspace_mm, "headspace_mm", &f.id)?;
    let header_g = field(f.header_mass_g, "header_mass_g", &f.id)?;
    let inner = d - 2.0 * wall;
    let o = f.negative_overhang_mm;
    let electrode_width = h - headspace - 2.0 * o;
    if inner <= core || electrode_width <= 0.0 {
        return Err(CellError::Infeasible {
            reason: format!("format {} leaves no room for a jelly roll", f.id),
        });
    }
    let roll_mm2 = PI / 4.0 * (inner * inner - core * core);
    let repeat_mm = layers.repeat_um() / 1000.0;
    let length = roll_mm2 / repeat_mm;
    let area_cm2 = 2.0 * length * electrode_width / 100.0;
    let can_mm3 = (PI * d * (h - wall) + PI / 4.0 * d * d) * wall;
    Ok(Geometry {
        kind: f.kind,
        layers: (inner - core) / 2.0 / repeat_mm,
        width_mm: d,
        length_mm: h,
        thickness_mm: d,
        electrode_length_mm: length,
        electrode_width_mm: electrode_width,
        positive_area_cm2: area_cm2,
        negative_area_ratio: (electrode_width + 2.0 * o) / electrode_width,
        volume_cm3: PI / 4.0 * d * d * h / 1000.0,
        casing_g: can_mm3 * format.casing.density_g_per_cm3 / 1000.0 + header_g,
    })
}
