//! Record types for cell design: materials, couples, cell formats, pack architectures,
//! named designs, commercial cells for validation, non-intercalation storage systems and
//! sector-relevant properties that a design cannot compute.

use crate::bounds::bounds;
use crate::keyed::Origin;
use serde::{Deserialize, Serialize};

/// What a material does in a cell; decides which fields it must carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MaterialRole {
    Positive,
    Negative,
    Binder,
    Conductor,
    Electrolyte,
    SolidElectrolyte,
    Separator,
    Foil,
    Casing,
}

impl MaterialRole {
    pub fn is_active(self) -> bool {
        matches!(self, MaterialRole::Positive | MaterialRole::Negative)
    }
}

/// One chemical constituent of a mixture, by mass.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Constituent {
    pub formula: String,
    pub mass_fraction: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub id: String,
    pub name: String,
    pub role: MaterialRole,
    /// Chemical formula of a pure compound; its elements follow from stoichiometry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// For mixtures (electrolytes, laminates): constituents by mass fraction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constituents: Vec<Constituent>,
    /// Reversible specific capacity in the cell's voltage window (active materials only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specific_capacity_mah_per_g: Option<f64>,
    /// Traded commodity the material is counted as in supply analyses (e.g. "graphite").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commodity: Option<String>,
    /// Density of the solid (or of the liquid, for electrolytes).
    pub density_g_per_cm3: f64,
    /// Open volume of a porous sheet (separators); 0 for dense materials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porosity: Option<f64>,
    /// Liquid electrolytes: how the salt moves, which limits fast charge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport: Option<SaltTransport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_usd_per_kg: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_source: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(Material {
    density_g_per_cm3: positive(25.0),
    porosity: within(0.0, 0.95, "a fraction from 0 to 0.95"),
});

/// A material in an electrode recipe, by mass fraction of the dry coating.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ingredient {
    pub material: String,
    pub mass_fraction: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Commercial,
    Pilot,
    Research,
}

/// An electrochemical couple with the design defaults BatPaC keeps per chemistry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Couple {
    pub id: String,
    pub name: String,
    /// Names people use for it (`sodium-ion`, `LiFePO4`), for "did you mean" suggestions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Family used by projects and supply data (LFP, NMC, Na-ion, ...).
    pub family: String,
    pub stage: Stage,
    pub positive: Vec<Ingredient>,
    pub negative: Vec<Ingredient>,
    /// Liquid electrolyte filling the pores; absent for all-solid cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electrolyte: Option<String>,
    /// Electrolyte volume beyond the pore volume, as a fraction of it.
    pub electrolyte_excess_fraction: f64,
    pub separator: String,
    pub separator_thickness_um: f64,
    pub positive_foil: String,
    pub positive_foil_thickness_um: f64,
    pub negative_foil: String,
    pub negative_foil_thickness_um: f64,
    /// Negative to positive capacity ratio (for lithium metal: lithium excess ratio).
    pub np_ratio: f64,
    pub positive_porosity: f64,
    pub negative_porosity: f64,
    pub max_positive_thickness_um: f64,
    /// Thinner coatings are not made at scale; a design needing one is infeasible.
    pub min_positive_thickness_um: f64,
    /// What limits how fast the couple's cells can be charged.
    pub fast_charge: FastChargeLaw,
    /// Average discharge voltage, the voltage that turns Ah into Wh.
    pub nominal_voltage_v: f64,
    /// State-of-charge points for the impedance and open-circuit voltage tables.
    pub soc_points: Vec<f64>,
    /// Area-specific impedance for a 10 s pulse at each SOC point, per cm² of positive.
    pub asi_ohm_cm2: Vec<f64>,
    pub ocv_v: Vec<f64>,
    pub usable_soc_min: f64,
    pub usable_soc_max: f64,
    pub source: String,
    /// Source of the impedance and voltage tables when it differs from `source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asi_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(Couple {
    separator_thickness_um: positive(500.0),
    positive_foil_thickness_um: positive(100.0),
    negative_foil_thickness_um: positive(100.0),
    np_ratio: positive(10.0),
    max_positive_thickness_um: positive(2000.0),
    min_positive_thickness_um: positive(2000.0),
    nominal_voltage_v: positive(6.0),
    positive_porosity: within(0.0, 0.9, "a fraction from 0 to 0.9"),
    negative_porosity: within(0.0, 0.9, "a fraction from 0 to 0.9"),
    electrolyte_excess_fraction: within(0.0, 5.0, "a fraction from 0 to 5"),
    usable_soc_min: fraction,
    usable_soc_max: fraction,
});

/// The law that limits a couple's charge time, chosen by what the couple's physics is.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "law", rename_all = "kebab-case", deny_unknown_fields)]
pub enum FastChargeLaw {
    /// A liquid electrolyte must carry the salt the charge moves from one electrode to the
    /// other: the steady-state concentration drop across negative, separator and positive
    /// grows with thickness, so the shortest charge grows with its square, above a floor set
    /// by the electrodes' kinetics: a thin electrode charges no faster than `kinetic_c_rate`.
    ElectrolyteTransport {
        kinetic_c_rate: f64,
        /// Tortuosity law of the electrodes and separator: effective diffusivity D·ε^b.
        bruggeman_exponent: f64,
        source: String,
    },
    /// A fixed current density: a lithium-metal negative's critical current, or heat.
    CurrentDensity {
        limit_ma_per_cm2: f64,
        source: String,
    },
}

impl FastChargeLaw {
    pub fn label(&self) -> &'static str {
        match self {
            FastChargeLaw::ElectrolyteTransport { .. } => "electrolyte-transport",
            FastChargeLaw::CurrentDensity { .. } => "current-density",
        }
    }

    pub fn source(&self) -> &str {
        match self {
            FastChargeLaw::ElectrolyteTransport { source, .. }
            | FastChargeLaw::CurrentDensity { source, .. } => source,
        }
    }
}

/// Salt transport of a liquid electrolyte at its salt concentration, tabulated over
/// temperature (linear between points, never extrapolated).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SaltTransport {
    pub salt_concentration_mol_per_l: f64,
    pub temperatures_c: Vec<f64>,
    pub diffusivity_m2_per_s: Vec<f64>,
    pub cation_transference_number: Vec<f64>,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormatKind {
    Pouch,
    Prismatic,
    Cylindrical,
}

/// Geometry and packaging of a cell format. Stacked formats are sized from the capacity;
/// cylinders have a fixed can and the capacity follows from what fits inside.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CellFormat {
    pub id: String,
    pub name: String,
    pub kind: FormatKind,
    /// Casing material (pouch laminate, aluminium or steel can).
    pub casing: String,
    pub casing_thickness_um: f64,
    /// Negative electrode extends beyond the positive by this much on each edge.
    pub negative_overhang_mm: f64,
    /// Terminals and tabs, per Ah of capacity (they are sized for current).
    pub terminal_g_per_ah: f64,
    /// Current-collector area left uncoated for tabs, as a fraction of the coated area.
    pub uncoated_foil_fraction: f64,
    // Stacked formats.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_thickness_mm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<f64>,
    /// Seal or wall margin added on each side edge of the stack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side_margin_mm: Option<f64>,
    /// Tab and seal zone added at each end of the stack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_margin_mm: Option<f64>,
    /// Outer size of a prismatic can. Given, the stack fills the can (its thickness inside
    /// the walls, its length and height less the end and side margins) and the capacity
    /// follows; absent, the can is sized around the stack the capacity needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_length_mm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_height_mm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub can_thickness_mm: Option<f64>,
    // Cylinders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diameter_mm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_mm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_diameter_mm: Option<f64>,
    /// Height inside the can not filled by coated electrode (header, insulators, bottom).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headspace_mm: Option<f64>,
    /// Mass of the cap assembly (cylinders) or lid (prismatic cans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_mass_g: Option<f64>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(CellFormat {
    casing_thickness_um: positive(5000.0),
    terminal_g_per_ah: positive(100.0),
    negative_overhang_mm: within(0.0, 50.0, "a number from 0 to 50"),
    uncoated_foil_fraction: fraction,
    can_length_mm: within(1.0, 5000.0, "a can length from 1 to 5000 mm"),
    can_height_mm: within(1.0, 5000.0, "a can height from 1 to 5000 mm"),
    can_thickness_mm: within(0.1, 1000.0, "a can thickness from 0.1 to 1000 mm"),
});

impl CellFormat {
    /// The outer length, height and thickness of a prismatic can that fixes the stack.
    pub fn can_mm(&self) -> Option<[f64; 3]> {
        Some([
            self.can_length_mm?,
            self.can_height_mm?,
            self.can_thickness_mm?,
        ])
    }

    /// Whether the format fixes the cell's capacity (a cylinder or a sized can), so that
    /// the number of cells follows from the pack energy.
    pub fn fixes_capacity(&self) -> bool {
        self.kind == FormatKind::Cylindrical || self.can_mm().is_some()
    }
}

/// Module and pack hardware around the cells.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PackArchitecture {
    pub id: String,
    pub name: String,
    /// Module enclosure, thermal conductors and interconnects per kg of cells.
    pub module_hardware_kg_per_cell_kg: f64,
    pub module_fixed_kg: f64,
    /// Pack jacket, coolant, disconnects and BMS.
    pub pack_fixed_kg: f64,
    pub pack_kg_per_module: f64,
    /// Cell volume over module volume, and module volume over pack volume.
    pub module_volume_fraction: f64,
    pub pack_volume_fraction: f64,
    /// Mass fractions of the hardware by element (the rest is polymers, coolant, electronics).
    pub hardware_al_fraction: f64,
    pub hardware_cu_fraction: f64,
    pub hardware_fe_fraction: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(PackArchitecture {
    module_hardware_kg_per_cell_kg: within(0.0, 1000.0, "a number from 0 to 1000"),
    module_fixed_kg: within(0.0, 1000.0, "a number from 0 to 1000"),
    pack_fixed_kg: within(0.0, 1000.0, "a number from 0 to 1000"),
    pack_kg_per_module: within(0.0, 1000.0, "a number from 0 to 1000"),
    module_volume_fraction: within(0.05, 1.0, "a share of the module volume from 0.05 to 1"),
    pack_volume_fraction: within(0.05, 1.0, "a share of the pack volume from 0.05 to 1"),
    hardware_al_fraction: fraction,
    hardware_cu_fraction: fraction,
    hardware_fe_fraction: fraction,
});

/// A named design (preset): what BatPaC asks of the user.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CellDesign {
    pub id: String,
    pub name: String,
    pub couple: String,
    pub format: String,
    pub architecture: String,
    pub pack_energy_kwh: f64,
    pub pack_power_kw: f64,
    /// SOC at which the 10 s power pulse must be met.
    pub pulse_soc: f64,
    pub fast_charge_minutes: f64,
    /// Cell temperature during the fast charge; electrolyte transport depends on it.
    pub fast_charge_temperature_c: f64,
    pub fast_charge_soc_from: f64,
    pub fast_charge_soc_to: f64,
    pub cells_per_module: u32,
    pub modules_per_pack: u32,
    /// For stacked formats: cell capacity; absent means pack energy / cell count / voltage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell_capacity_ah: Option<f64>,
    /// Overrides of the couple's maximum positive thickness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_positive_thickness_um: Option<f64>,
    /// Layer and wall thicknesses measured on a real cell (a teardown), used in place of
    /// the limits, the couple's foils and separator and the format's wall; each needs
    /// `measured_source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_positive_thickness_um: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_negative_thickness_um: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_positive_foil_thickness_um: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_negative_foil_thickness_um: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_separator_thickness_um: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_casing_thickness_um: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured_source: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl CellDesign {
    /// The measured thicknesses, in the order of the `measured_*` fields.
    pub fn measured_thicknesses(&self) -> [Option<f64>; 6] {
        [
            self.measured_positive_thickness_um,
            self.measured_negative_thickness_um,
            self.measured_positive_foil_thickness_um,
            self.measured_negative_foil_thickness_um,
            self.measured_separator_thickness_um,
            self.measured_casing_thickness_um,
        ]
    }
}

bounds!(CellDesign {
    pack_power_kw: within(0.0, 1.0e6, "a pulse power from 0 to 1000000 kW"),
    pulse_soc: fraction,
    fast_charge_soc_from: fraction,
    fast_charge_soc_to: fraction,
    cell_capacity_ah: within(0.01, 10_000.0, "a cell capacity from 0.01 to 10000 Ah"),
    max_positive_thickness_um: within(10.0, 2000.0, "a thickness from 10 to 2000 µm"),
    measured_positive_thickness_um: within(1.0, 2000.0, "a coating thickness from 1 to 2000 µm"),
    measured_negative_thickness_um: within(1.0, 2000.0, "a coating thickness from 1 to 2000 µm"),
    measured_positive_foil_thickness_um: within(1.0, 100.0, "a foil thickness from 1 to 100 µm"),
    measured_negative_foil_thickness_um: within(1.0, 100.0, "a foil thickness from 1 to 100 µm"),
    measured_separator_thickness_um: within(1.0, 200.0, "a separator thickness from 1 to 200 µm"),
    measured_casing_thickness_um: within(1.0, 5000.0, "a wall thickness from 1 to 5000 µm"),
    pack_energy_kwh: within(0.01, 100_000.0, "a pack energy from 0.01 to 100000 kWh"),
    fast_charge_minutes: within(1.0, 10_000.0, "a charge time from 1 to 10000 minutes"),
    fast_charge_temperature_c: within(-40.0, 80.0, "a cell temperature from -40 to 80 °C"),
    cells_per_module: within(1.0, 10_000.0, "1 to 10000 cells per module"),
    modules_per_pack: within(1.0, 10_000.0, "1 to 10000 modules per pack"),
});

/// A cell on the market with published specifications, used to validate the design model.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CommercialCell {
    pub id: String,
    pub name: String,
    pub maker: String,
    /// The design that should reproduce it (couple, format and limits).
    pub design: String,
    /// Published (or computed from published capacity, voltage and mass, as the note says).
    pub specific_energy_wh_per_kg: f64,
    /// Published, or computed from published energy and outer size (the note says which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_density_wh_per_l: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_ah: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mass_g: Option<f64>,
    /// Set when the model is known to miss this cell by more than 10%, with the reason;
    /// such cells are reported with their gap instead of counting as validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_gap: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(CommercialCell {
    specific_energy_wh_per_kg: positive(2000.0),
    energy_density_wh_per_l: positive(5000.0),
    capacity_ah: positive(1.0e5),
    mass_g: positive(1.0e6),
});

/// Properties a design cannot compute, per couple, each with its test conditions.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CoupleProperties {
    pub couple: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_life: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_conditions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature_min_c: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature_max_c: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_discharge_pct_per_month: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radiation_tolerance: Option<String>,
    pub trl: u8,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(CoupleProperties {
    trl: within(1.0, 9.0, "a technology readiness level from 1 to 9"),
    cycle_life: positive(1.0e6),
    temperature_min_c: within(-273.0, 500.0, "a temperature from -273 to 500 °C"),
    temperature_max_c: within(-273.0, 500.0, "a temperature from -273 to 500 °C"),
    self_discharge_pct_per_month: within(0.0, 100.0, "a percentage from 0 to 100"),
});

/// A storage system's installed cost, efficiency and ageing for grid missions: the system is
/// re-sized to a mission's power and duration, so its cost is split into what scales with
/// energy and what scales with power.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GridEconomics {
    /// Installed cost that scales with stored energy (storage block, its balance of system,
    /// integration, EPC and development), $/kWh.
    pub energy_usd_per_kwh: f64,
    /// Installed cost that scales with power (conversion, controls, grid connection), $/kW.
    pub power_usd_per_kw: f64,
    /// AC to AC.
    pub round_trip_efficiency: f64,
    /// Capacity lost a year, as a share of the initial capacity.
    pub capacity_fade_per_year: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_om_usd_per_kw_year: Option<f64>,
    /// Years the system serves before it is replaced.
    pub calendar_life_years: f64,
    /// The durations the cost split stands for, h (shortest, longest): outside them the
    /// re-sized cost is an extrapolation.
    pub durations_h: [f64; 2],
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The ranges each grid figure admits: (field, value, low, high, allowed).
impl GridEconomics {
    pub fn ranges(&self) -> [(&'static str, Option<f64>, f64, f64, &'static str); 8] {
        [
            (
                "durations_h",
                Some(self.durations_h[0]),
                0.1,
                1000.0,
                "durations from 0.1 to 1000 h, shortest first",
            ),
            (
                "durations_h",
                Some(self.durations_h[1]),
                self.durations_h[0],
                1000.0,
                "durations from 0.1 to 1000 h, shortest first",
            ),
            (
                "energy_usd_per_kwh",
                Some(self.energy_usd_per_kwh),
                0.0,
                10_000.0,
                "a cost from 0 to 10000 $/kWh",
            ),
            (
                "power_usd_per_kw",
                Some(self.power_usd_per_kw),
                0.0,
                20_000.0,
                "a cost from 0 to 20000 $/kW",
            ),
            (
                "round_trip_efficiency",
                Some(self.round_trip_efficiency),
                0.2,
                1.0,
                "an efficiency from 0.2 to 1",
            ),
            (
                "capacity_fade_per_year",
                Some(self.capacity_fade_per_year),
                0.0,
                0.5,
                "a share from 0 to 0.5 a year",
            ),
            (
                "fixed_om_usd_per_kw_year",
                self.fixed_om_usd_per_kw_year,
                0.0,
                1000.0,
                "a cost from 0 to 1000 $/kW a year",
            ),
            (
                "calendar_life_years",
                Some(self.calendar_life_years),
                1.0,
                100.0,
                "a life from 1 to 100 years",
            ),
        ]
    }
}

/// Vanadium redox flow battery: energy from the electrolyte tanks, power from the stack.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FlowBattery {
    pub id: String,
    pub name: String,
    pub power_kw: f64,
    pub duration_h: f64,
    pub vanadium_mol_per_l: f64,
    /// Fraction of the SOC range used (e.g. 0.8 for 10–90%).
    pub utilisation: f64,
    pub cell_voltage_v: f64,
    pub electrolyte_density_g_per_cm3: f64,
    pub current_density_ma_per_cm2: f64,
    /// Discharge voltage efficiency of the stack at that current density.
    pub voltage_efficiency: f64,
    pub stack_kg_per_m2: f64,
    /// Tanks, pumps, piping as kg per litre of electrolyte.
    pub balance_kg_per_l_electrolyte: f64,
    pub footprint_l_per_l_electrolyte: f64,
    /// What a grid mission needs to cost and age the system, where a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridEconomics>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(FlowBattery {
    power_kw: positive(1.0e7),
    duration_h: positive(1000.0),
    vanadium_mol_per_l: positive(5.0),
    cell_voltage_v: positive(3.0),
    electrolyte_density_g_per_cm3: positive(3.0),
    current_density_ma_per_cm2: positive(2000.0),
    stack_kg_per_m2: positive(1000.0),
    balance_kg_per_l_electrolyte: positive(10.0),
    footprint_l_per_l_electrolyte: positive(100.0),
    utilisation: positive(1.0),
    voltage_efficiency: positive(1.0),
});

/// Iron–air: iron anode oxidised to Fe(OH)2 against an air electrode.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IronAir {
    pub id: String,
    pub name: String,
    pub power_kw: f64,
    pub duration_h: f64,
    /// Fraction of the iron's theoretical capacity that is cycled.
    pub iron_utilisation: f64,
    pub discharge_voltage_v: f64,
    pub air_electrode_ma_per_cm2: f64,
    /// Electrolyte, current collectors and housing per kg of iron.
    pub inactive_kg_per_kg_iron: f64,
    pub air_electrode_kg_per_m2: f64,
    pub system_density_kg_per_l: f64,
    /// What a grid mission needs to cost and age the system, where a source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<GridEconomics>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(IronAir {
    power_kw: positive(1.0e7),
    duration_h: positive(1000.0),
    discharge_voltage_v: positive(3.0),
    air_electrode_ma_per_cm2: positive(2000.0),
    inactive_kg_per_kg_iron: positive(100.0),
    air_electrode_kg_per_m2: positive(1000.0),
    system_density_kg_per_l: positive(20.0),
    iron_utilisation: positive(1.0),
});

/// Nickel–hydrogen: NiOOH positive, hydrogen stored as gas in a pressure vessel.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NickelHydrogen {
    pub id: String,
    pub name: String,
    pub capacity_ah: f64,
    pub discharge_voltage_v: f64,
    /// Practical capacity of the nickel electrode per kg of electrode.
    pub positive_mah_per_g: f64,
    pub max_pressure_mpa: f64,
    /// Vessel wall stress allowed (yield over the safety factor).
    pub allowable_stress_mpa: f64,
    pub vessel_density_g_per_cm3: f64,
    /// Gas volume over the stack volume inside the vessel.
    pub gas_volume_per_stack_volume: f64,
    /// Separator, electrolyte, hydrogen electrode and terminals per kg of nickel electrode.
    pub other_kg_per_kg_positive: f64,
    pub positive_density_g_per_cm3: f64,
    pub specific_power_w_per_kg: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

bounds!(NickelHydrogen {
    capacity_ah: positive(1.0e5),
    discharge_voltage_v: positive(3.0),
    positive_mah_per_g: positive(500.0),
    max_pressure_mpa: positive(100.0),
    allowable_stress_mpa: positive(5000.0),
    vessel_density_g_per_cm3: positive(25.0),
    gas_volume_per_stack_volume: positive(20.0),
    other_kg_per_kg_positive: positive(20.0),
    positive_density_g_per_cm3: positive(25.0),
    specific_power_w_per_kg: positive(1.0e5),
});
