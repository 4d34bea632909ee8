//! Checks for the cell-design records: roles, recipes, tables and references.

use super::schema::*;
use crate::check::{fmt_num, validate_with, Checker};
use crate::elements;
use crate::error::IssueKind;
use crate::keyed::Keyed;
use crate::locate::Step;

const FRACTION_SUM_TOLERANCE: f64 = 0.001;

validate_with!(
    Material => material,
    Couple => couple,
    CellFormat => cell_format,
    PackArchitecture => architecture,
    CellDesign => cell_design,
    CommercialCell => commercial,
    CoupleProperties => properties,
    FlowBattery => flow,
    IronAir => iron_air,
    NickelHydrogen => nickel_hydrogen,
);

impl Checker<'_> {
    fn fraction<T: Keyed>(&mut self, r: &T, key: &'static str, v: f64) {
        self.range(r, &[Step::Key(key)], v, 0.0, 1.0, "a fraction from 0 to 1");
    }

    fn positives<T: Keyed>(&mut self, r: &T, fields: &[(&'static str, f64, f64)]) {
        for &(key, v, hi) in fields {
            self.positive(r, &[Step::Key(key)], v, hi);
        }
    }

    fn required<T: Keyed>(&mut self, r: &T, key: &'static str, v: Option<f64>, why: &str) {
        match v {
            Some(v) => self.positive(r, &[Step::Key(key)], v, 1.0e5),
            None => self.push(r, &[], IssueKind::MissingField, format!("no {key}"), why),
        }
    }

    fn material(&mut self, m: &Material) {
        self.source(m, &[Step::Key("source")], &m.source, m.note.as_ref());
        if let Some(src) = &m.price_source {
            self.source(m, &[Step::Key("price_source")], src, m.note.as_ref());
        }
        self.positive(
            m,
            &[Step::Key("density_g_per_cm3")],
            m.density_g_per_cm3,
            25.0,
        );
        if let Some(p) = m.price_usd_per_kg {
            self.positive(m, &[Step::Key("price_usd_per_kg")], p, 1.0e5);
            match m.price_year {
                Some(y) => self.year(m, &[Step::Key("price_year")], y),
                None => self.push(
                    m,
                    &[Step::Key("price_usd_per_kg")],
                    IssueKind::MissingField,
                    "no price_year".into(),
                    "a price_year (dollar year) with every price",
                ),
            }
        }
        if let Some(p) = m.porosity {
            self.range(
                m,
                &[Step::Key("porosity")],
                p,
                0.0,
                0.95,
                "a fraction from 0 to 0.95",
            );
        }
        if m.role.is_active() {
            let why = "active materials need specific_capacity_mah_per_g";
            self.required(
                m,
                "specific_capacity_mah_per_g",
                m.specific_capacity_mah_per_g,
                why,
            );
        }
        self.composition(m);
    }

    fn composition(&mut self, m: &Material) {
        let allowed = "a chemical formula such as LiNi0.8Mn0.1Co0.1O2";
        if let Some(f) = &m.formula {
            if let Err(e) = elements::parse(f) {
                let value = format!("\"{f}\" ({e})");
                self.push(
                    m,
                    &[Step::Key("formula")],
                    IssueKind::OutOfRange,
                    value,
                    allowed,
                );
            }
        }
        for (i, c) in m.constituents.iter().enumerate() {
            let at = [Step::Key("constituents"), Step::Item(i)];
            if let Err(e) = elements::parse(&c.formula) {
                let value = format!("\"{}\" ({e})", c.formula);
                self.push(m, &at, IssueKind::OutOfRange, value, allowed);
            }
            self.range(m, &at, c.mass_fraction, 0.0, 1.0, "a fraction from 0 to 1");
        }
        let has_formula = m.formula.is_some();
        let has_constituents = !m.constituents.is_empty();
        if has_formula == has_constituents {
            let why = "exactly one of `formula` (a compound) or `constituents` (a mixture)";
            self.push(m, &[], IssueKind::MissingField, "composition".into(), why);
        }
        if !m.constituents.is_empty() {
            let sum: f64 = m.constituents.iter().map(|c| c.mass_fraction).sum();
            self.sums_to_one(m, "constituents", sum);
        }
    }

    fn sums_to_one<T: Keyed>(&mut self, r: &T, key: &'static str, sum: f64) {
        if (sum - 1.0).abs() > FRACTION_SUM_TOLERANCE {
            let allowed = "mass fractions that sum to 1 within 0.001";
            let value = format!("sum {}", fmt_num(sum));
            self.push(r, &[Step::Key(key)], IssueKind::OutOfRange, value, allowed);
        }
    }

    fn material_ref<T: Keyed>(&mut self, r: &T, steps: &[Step], id: &str, roles: &[MaterialRole]) {
        let Some(m) = self.data.material(id) else {
            self.reference(r, steps, id, false, "material");
            return;
        };
        if !roles.contains(&m.role) {
            let names: Vec<String> = roles.iter().map(|r| format!("{r:?}")).collect();
            let allowed = format!("a material whose role is one of {}", names.join(", "));
            let value = format!("\"{id}\" (role {:?})", m.role);
            self.push(r, steps, IssueKind::OutOfRange, value, &allowed);
        }
    }

    fn recipe(
        &mut self,
        c: &Couple,
        key: &'static str,
        items: &[Ingredient],
        active: MaterialRole,
    ) {
        use MaterialRole::*;
        let allowed = [active, Binder, Conductor, SolidElectrolyte];
        for (i, ing) in items.iter().enumerate() {
            let at = [Step::Key(key), Step::Item(i)];
            self.material_ref(c, &at, &ing.material, &allowed);
            self.range(
                c,
                &at,
                ing.mass_fraction,
                0.0,
                1.0,
                "a fraction from 0 to 1",
            );
        }
        let has_active = items.iter().any(|i| {
            self.data
                .material(&i.material)
                .is_some_and(|m| m.role == active)
        });
        if !has_active {
            let why = format!("at least one material of role {active:?}");
            self.push(
                c,
                &[Step::Key(key)],
                IssueKind::MissingField,
                "no active".into(),
                &why,
            );
        }
        self.sums_to_one(c, key, items.iter().map(|i| i.mass_fraction).sum());
    }

    fn couple(&mut self, c: &Couple) {
        use MaterialRole::*;
        self.source(c, &[Step::Key("source")], &c.source, c.note.as_ref());
        if let Some(src) = &c.asi_source {
            self.source(c, &[Step::Key("asi_source")], src, c.note.as_ref());
        }
        self.recipe(c, "positive", &c.positive, Positive);
        self.recipe(c, "negative", &c.negative, Negative);
        if let Some(e) = &c.electrolyte {
            self.material_ref(c, &[Step::Key("electrolyte")], e, &[Electrolyte]);
        }
        self.material_ref(
            c,
            &[Step::Key("separator")],
            &c.separator,
            &[Separator, SolidElectrolyte],
        );
        self.material_ref(c, &[Step::Key("positive_foil")], &c.positive_foil, &[Foil]);
        self.material_ref(c, &[Step::Key("negative_foil")], &c.negative_foil, &[Foil]);
        self.positives(
            c,
            &[
                ("separator_thickness_um", c.separator_thickness_um, 500.0),
                (
                    "positive_foil_thickness_um",
                    c.positive_foil_thickness_um,
                    100.0,
                ),
                (
                    "negative_foil_thickness_um",
                    c.negative_foil_thickness_um,
                    100.0,
                ),
                ("np_ratio", c.np_ratio, 10.0),
                (
                    "max_positive_thickness_um",
                    c.max_positive_thickness_um,
                    2000.0,
                ),
                (
                    "min_positive_thickness_um",
                    c.min_positive_thickness_um,
                    2000.0,
                ),
                (
                    "fast_charge_limit_ma_per_cm2",
                    c.fast_charge_limit_ma_per_cm2,
                    1000.0,
                ),
                ("nominal_voltage_v", c.nominal_voltage_v, 6.0),
            ],
        );
        if c.min_positive_thickness_um >= c.max_positive_thickness_um {
            let allowed = "less than max_positive_thickness_um";
            let value = fmt_num(c.min_positive_thickness_um);
            self.push(
                c,
                &[Step::Key("min_positive_thickness_um")],
                IssueKind::OutOfRange,
                value,
                allowed,
            );
        }
        let porous = "a fraction from 0 to 0.9";
        self.range(
            c,
            &[Step::Key("positive_porosity")],
            c.positive_porosity,
            0.0,
            0.9,
            porous,
        );
        self.range(
            c,
            &[Step::Key("negative_porosity")],
            c.negative_porosity,
            0.0,
            0.9,
            porous,
        );
        let excess = "a fraction from 0 to 5";
        self.range(
            c,
            &[Step::Key("electrolyte_excess_fraction")],
            c.electrolyte_excess_fraction,
            0.0,
            5.0,
            excess,
        );
        self.fraction(c, "usable_soc_min", c.usable_soc_min);
        self.fraction(c, "usable_soc_max", c.usable_soc_max);
        if c.usable_soc_min >= c.usable_soc_max {
            let value = format!(
                "{}..{}",
                fmt_num(c.usable_soc_min),
                fmt_num(c.usable_soc_max)
            );
            self.push(
                c,
                &[Step::Key("usable_soc_min")],
                IssueKind::OutOfRange,
                value,
                "usable_soc_min < usable_soc_max",
            );
        }
        self.soc_tables(c);
    }

    fn soc_tables(&mut self, c: &Couple) {
        let n = c.soc_points.len();
        let sorted = c.soc_points.windows(2).all(|w| w[0] < w[1]);
        let inside = c.soc_points.iter().all(|s| (0.0..=1.0).contains(s));
        if n < 2 || !sorted || !inside {
            let allowed = "at least two increasing SOC points from 0 to 1";
            let value = format!("{:?}", c.soc_points);
            self.push(
                c,
                &[Step::Key("soc_points")],
                IssueKind::OutOfRange,
                value,
                allowed,
            );
        }
        for (key, table, hi) in [
            ("asi_ohm_cm2", &c.asi_ohm_cm2, 1.0e4),
            ("ocv_v", &c.ocv_v, 6.0),
        ] {
            if table.len() != n {
                let allowed = format!("one value per SOC point ({n})");
                let value = format!("{} values", table.len());
                self.push(c, &[Step::Key(key)], IssueKind::OutOfRange, value, &allowed);
            }
            for (i, v) in table.iter().enumerate() {
                self.positive(c, &[Step::Key(key), Step::Item(i)], *v, hi);
            }
        }
    }

    fn cell_format(&mut self, f: &CellFormat) {
        use MaterialRole::*;
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        self.material_ref(f, &[Step::Key("casing")], &f.casing, &[Casing, Foil]);
        self.positives(
            f,
            &[
                ("casing_thickness_um", f.casing_thickness_um, 5000.0),
                ("terminal_g_per_ah", f.terminal_g_per_ah, 100.0),
            ],
        );
        let ok = "a number from 0 to 50";
        self.range(
            f,
            &[Step::Key("negative_overhang_mm")],
            f.negative_overhang_mm,
            0.0,
            50.0,
            ok,
        );
        self.fraction(f, "uncoated_foil_fraction", f.uncoated_foil_fraction);
        match f.kind {
            FormatKind::Pouch | FormatKind::Prismatic => {
                let why = "stacked formats need stack_thickness_mm, aspect_ratio, side_margin_mm and end_margin_mm";
                self.required(f, "stack_thickness_mm", f.stack_thickness_mm, why);
                self.required(f, "aspect_ratio", f.aspect_ratio, why);
                self.required(f, "side_margin_mm", f.side_margin_mm, why);
                self.required(f, "end_margin_mm", f.end_margin_mm, why);
            }
            FormatKind::Cylindrical => {
                let why = "cylinders need diameter_mm, height_mm, core_diameter_mm, headspace_mm and header_mass_g";
                self.required(f, "diameter_mm", f.diameter_mm, why);
                self.required(f, "height_mm", f.height_mm, why);
                self.required(f, "core_diameter_mm", f.core_diameter_mm, why);
                self.required(f, "headspace_mm", f.headspace_mm, why);
                self.required(f, "header_mass_g", f.header_mass_g, why);
            }
        }
        if f.kind == FormatKind::Prismatic {
            let why = "prismatic cans need header_mass_g (lid and terminals)";
            self.required(f, "header_mass_g", f.header_mass_g, why);
        }
    }

    fn architecture(&mut self, a: &PackArchitecture) {
        self.source(a, &[Step::Key("source")], &a.source, a.note.as_ref());
        let ok = "a number from 0 to 1000";
        for (key, v) in [
            (
                "module_hardware_kg_per_cell_kg",
                a.module_hardware_kg_per_cell_kg,
            ),
            ("module_fixed_kg", a.module_fixed_kg),
            ("pack_fixed_kg", a.pack_fixed_kg),
            ("pack_kg_per_module", a.pack_kg_per_module),
        ] {
            self.range(a, &[Step::Key(key)], v, 0.0, 1000.0, ok);
        }
        self.positive(
            a,
            &[Step::Key("module_volume_fraction")],
            a.module_volume_fraction,
            1.0,
        );
        self.positive(
            a,
            &[Step::Key("pack_volume_fraction")],
            a.pack_volume_fraction,
            1.0,
        );
        self.fraction(a, "hardware_al_fraction", a.hardware_al_fraction);
        self.fraction(a, "hardware_cu_fraction", a.hardware_cu_fraction);
        self.fraction(a, "hardware_fe_fraction", a.hardware_fe_fraction);
        let sum = a.hardware_al_fraction + a.hardware_cu_fraction + a.hardware_fe_fraction;
        if sum > 1.0 + FRACTION_SUM_TOLERANCE {
            let value = format!("sum {}", fmt_num(sum));
            self.push(
                a,
                &[Step::Key("hardware_al_fraction")],
                IssueKind::OutOfRange,
                value,
                "element fractions summing to at most 1",
            );
        }
    }

    fn cell_design(&mut self, d: &CellDesign) {
        self.source(d, &[Step::Key("source")], &d.source, d.note.as_ref());
        let couple = self.data.couple(&d.couple).is_some();
        self.reference(d, &[Step::Key("couple")], &d.couple, couple, "couple");
        let format = self.data.cell_format(&d.format).is_some();
        self.reference(d, &[Step::Key("format")], &d.format, format, "cell_format");
        let arch = self.data.pack_architecture(&d.architecture).is_some();
        self.reference(
            d,
            &[Step::Key("architecture")],
            &d.architecture,
            arch,
            "pack_architecture",
        );
        self.positives(
            d,
            &[
                ("pack_energy_kwh", d.pack_energy_kwh, 1.0e6),
                ("fast_charge_minutes", d.fast_charge_minutes, 1.0e5),
                ("cells_per_module", d.cells_per_module as f64, 1.0e5),
                ("modules_per_pack", d.modules_per_pack as f64, 1.0e5),
            ],
        );
        let ok = "a number from 0 to 1e6";
        self.range(
            d,
            &[Step::Key("pack_power_kw")],
            d.pack_power_kw,
            0.0,
            1.0e6,
            ok,
        );
        self.fraction(d, "pulse_soc", d.pulse_soc);
        self.fraction(d, "fast_charge_soc_from", d.fast_charge_soc_from);
        self.fraction(d, "fast_charge_soc_to", d.fast_charge_soc_to);
        if d.fast_charge_soc_from >= d.fast_charge_soc_to {
            let value = format!(
                "{}..{}",
                fmt_num(d.fast_charge_soc_from),
                fmt_num(d.fast_charge_soc_to)
            );
            self.push(
                d,
                &[Step::Key("fast_charge_soc_from")],
                IssueKind::OutOfRange,
                value,
                "fast_charge_soc_from < fast_charge_soc_to",
            );
        }
        if let Some(ah) = d.cell_capacity_ah {
            self.positive(d, &[Step::Key("cell_capacity_ah")], ah, 1.0e5);
        }
        if let Some(t) = d.max_positive_thickness_um {
            self.positive(d, &[Step::Key("max_positive_thickness_um")], t, 2000.0);
        }
    }

    fn commercial(&mut self, c: &CommercialCell) {
        self.source(c, &[Step::Key("source")], &c.source, c.note.as_ref());
        let design = self.data.cell_design(&c.design).is_some();
        self.reference(c, &[Step::Key("design")], &c.design, design, "cell_design");
        self.positive(
            c,
            &[Step::Key("specific_energy_wh_per_kg")],
            c.specific_energy_wh_per_kg,
            2000.0,
        );
        if let Some(ah) = c.capacity_ah {
            self.positive(c, &[Step::Key("capacity_ah")], ah, 1.0e5);
        }
        if let Some(g) = c.mass_g {
            self.positive(c, &[Step::Key("mass_g")], g, 1.0e6);
        }
    }

    fn properties(&mut self, p: &CoupleProperties) {
        self.source(p, &[Step::Key("source")], &p.source, p.note.as_ref());
        let exists = self.data.couple(&p.couple).is_some();
        self.reference(p, &[Step::Key("couple")], &p.couple, exists, "couple");
        self.range(
            p,
            &[Step::Key("trl")],
            p.trl as f64,
            1.0,
            9.0,
            "a technology readiness level from 1 to 9",
        );
        if let Some(v) = p.cycle_life {
            self.positive(p, &[Step::Key("cycle_life")], v, 1.0e6);
        }
        let temps = "a temperature from -273 to 500 °C";
        if let Some(t) = p.temperature_min_c {
            self.range(
                p,
                &[Step::Key("temperature_min_c")],
                t,
                -273.0,
                500.0,
                temps,
            );
        }
        if let Some(t) = p.temperature_max_c {
            self.range(
                p,
                &[Step::Key("temperature_max_c")],
                t,
                -273.0,
                500.0,
                temps,
            );
        }
        if let Some(v) = p.self_discharge_pct_per_month {
            self.range(
                p,
                &[Step::Key("self_discharge_pct_per_month")],
                v,
                0.0,
                100.0,
                "a percentage from 0 to 100",
            );
        }
    }

    fn flow(&mut self, f: &FlowBattery) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        self.positives(
            f,
            &[
                ("power_kw", f.power_kw, 1.0e7),
                ("duration_h", f.duration_h, 1000.0),
                ("vanadium_mol_per_l", f.vanadium_mol_per_l, 5.0),
                ("cell_voltage_v", f.cell_voltage_v, 3.0),
                (
                    "electrolyte_density_g_per_cm3",
                    f.electrolyte_density_g_per_cm3,
                    3.0,
                ),
                (
                    "current_density_ma_per_cm2",
                    f.current_density_ma_per_cm2,
                    2000.0,
                ),
                ("stack_kg_per_m2", f.stack_kg_per_m2, 1000.0),
                (
                    "balance_kg_per_l_electrolyte",
                    f.balance_kg_per_l_electrolyte,
                    10.0,
                ),
                (
                    "footprint_l_per_l_electrolyte",
                    f.footprint_l_per_l_electrolyte,
                    100.0,
                ),
            ],
        );
        self.positive(f, &[Step::Key("utilisation")], f.utilisation, 1.0);
        self.positive(
            f,
            &[Step::Key("voltage_efficiency")],
            f.voltage_efficiency,
            1.0,
        );
    }

    fn iron_air(&mut self, f: &IronAir) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        self.positives(
            f,
            &[
                ("power_kw", f.power_kw, 1.0e7),
                ("duration_h", f.duration_h, 1000.0),
                ("discharge_voltage_v", f.discharge_voltage_v, 3.0),
                (
                    "air_electrode_ma_per_cm2",
                    f.air_electrode_ma_per_cm2,
                    2000.0,
                ),
                ("inactive_kg_per_kg_iron", f.inactive_kg_per_kg_iron, 100.0),
                ("air_electrode_kg_per_m2", f.air_electrode_kg_per_m2, 1000.0),
                ("system_density_kg_per_l", f.system_density_kg_per_l, 20.0),
            ],
        );
        self.positive(f, &[Step::Key("iron_utilisation")], f.iron_utilisation, 1.0);
    }

    fn nickel_hydrogen(&mut self, f: &NickelHydrogen) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        self.positives(
            f,
            &[
                ("capacity_ah", f.capacity_ah, 1.0e5),
                ("discharge_voltage_v", f.discharge_voltage_v, 3.0),
                ("positive_mah_per_g", f.positive_mah_per_g, 500.0),
                ("max_pressure_mpa", f.max_pressure_mpa, 100.0),
                ("allowable_stress_mpa", f.allowable_stress_mpa, 5000.0),
                ("vessel_density_g_per_cm3", f.vessel_density_g_per_cm3, 25.0),
                (
                    "gas_volume_per_stack_volume",
                    f.gas_volume_per_stack_volume,
                    20.0,
                ),
                ("other_kg_per_kg_positive", f.other_kg_per_kg_positive, 20.0),
                (
                    "positive_density_g_per_cm3",
                    f.positive_density_g_per_cm3,
                    25.0,
                ),
                ("specific_power_w_per_kg", f.specific_power_w_per_kg, 1.0e5),
            ],
        );
    }
}
