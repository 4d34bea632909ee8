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
    fn required<T: Keyed>(&mut self, r: &T, key: &'static str, v: Option<f64>, why: &str) {
        match v {
            Some(v) => self.positive(r, &[Step::Key(key)], v, 1.0e5),
            None => self.push(r, &[], IssueKind::MissingField, format!("no {key}"), why),
        }
    }

    /// Each of `fields` must be present; a missing one is reported with the whole list, as
    /// "<needs> a, b and c".
    fn required_all<T: Keyed>(
        &mut self,
        r: &T,
        needs: &str,
        fields: &[(&'static str, Option<f64>)],
    ) {
        let names: Vec<&str> = fields.iter().map(|(k, _)| *k).collect();
        let why = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{needs} {} and {last}", rest.join(", "))
            }
            _ => format!("{needs} {}", names.join("")),
        };
        for &(key, v) in fields {
            self.required(r, key, v, &why);
        }
    }

    fn material(&mut self, m: &Material) {
        self.priced_if_used(m);
        self.source(m, &[Step::Key("source")], &m.source, m.note.as_ref());
        if let Some(src) = &m.price_source {
            self.source(m, &[Step::Key("price_source")], src, m.note.as_ref());
        }
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
        if let Some(t) = &m.transport {
            self.salt_transport(m, t);
        }
    }

    /// A transport table: one value per temperature, temperatures increasing, each value
    /// physical (a diffusivity above zero, a transference number strictly between 0 and 1).
    fn salt_transport(&mut self, m: &Material, t: &SaltTransport) {
        let at = |key| [Step::Key("transport"), Step::Key(key)];
        self.source(m, &at("source"), &t.source, m.note.as_ref());
        if m.role != MaterialRole::Electrolyte {
            let value = format!("role {:?}", m.role);
            self.push(
                m,
                &at("source"),
                IssueKind::OutOfRange,
                value,
                "transport only on an electrolyte",
            );
        }
        self.positive(
            m,
            &at("salt_concentration_mol_per_l"),
            t.salt_concentration_mol_per_l,
            10.0,
        );
        let n = t.temperatures_c.len();
        if n == 0 || !t.temperatures_c.windows(2).all(|w| w[0] < w[1]) {
            let value = format!("{:?}", t.temperatures_c);
            self.push(
                m,
                &at("temperatures_c"),
                IssueKind::OutOfRange,
                value,
                "at least one temperature, increasing",
            );
        }
        for (i, c) in t.temperatures_c.iter().enumerate() {
            self.range(
                m,
                &[
                    Step::Key("transport"),
                    Step::Key("temperatures_c"),
                    Step::Item(i),
                ],
                *c,
                -60.0,
                150.0,
                "a temperature from -60 to 150 °C",
            );
        }
        for (key, table, lo, hi, allowed) in [
            (
                "diffusivity_m2_per_s",
                &t.diffusivity_m2_per_s,
                f64::MIN_POSITIVE,
                1.0e-6,
                "a diffusivity above 0 and at most 1e-6 m²/s",
            ),
            (
                "cation_transference_number",
                &t.cation_transference_number,
                1.0e-6,
                1.0 - 1.0e-6,
                "a transference number strictly between 0 and 1",
            ),
        ] {
            if table.len() != n {
                let value = format!("{} values", table.len());
                let allowed = format!("one value per temperature ({n})");
                self.push(m, &at(key), IssueKind::OutOfRange, value, &allowed);
            }
            for (i, v) in table.iter().enumerate() {
                self.range(
                    m,
                    &[Step::Key("transport"), Step::Key(key), Step::Item(i)],
                    *v,
                    lo,
                    hi,
                    allowed,
                );
            }
        }
    }

    /// Each law's parameters in range, its source known; a transport law needs an
    /// electrolyte with transport data to act on.
    fn fast_charge(&mut self, c: &Couple) {
        let at = |key| [Step::Key("fast_charge"), Step::Key(key)];
        self.source(c, &at("source"), c.fast_charge.source(), c.note.as_ref());
        match &c.fast_charge {
            FastChargeLaw::CurrentDensity {
                limit_ma_per_cm2, ..
            } => {
                self.positive(c, &at("limit_ma_per_cm2"), *limit_ma_per_cm2, 1000.0);
            }
            FastChargeLaw::ElectrolyteTransport {
                kinetic_c_rate,
                bruggeman_exponent,
                ..
            } => {
                self.range(
                    c,
                    &at("kinetic_c_rate"),
                    *kinetic_c_rate,
                    0.01,
                    1000.0,
                    "a charge rate from 0.01 to 1000 C",
                );
                self.range(
                    c,
                    &at("bruggeman_exponent"),
                    *bruggeman_exponent,
                    1.0,
                    5.0,
                    "an exponent from 1 to 5",
                );
                let transported = c
                    .electrolyte
                    .as_deref()
                    .and_then(|e| self.data.material(e))
                    .is_some_and(|m| m.transport.is_some());
                if !transported {
                    let value = format!(
                        "electrolyte {:?}",
                        c.electrolyte.as_deref().unwrap_or("none")
                    );
                    let allowed = "a liquid electrolyte whose material record has a `transport` table, or law = \"current-density\"";
                    self.push(
                        c,
                        &[Step::Key("fast_charge"), Step::Key("law")],
                        IssueKind::MissingField,
                        value,
                        allowed,
                    );
                }
            }
        }
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

    /// A cylinder's can must leave room for a wound electrode: the bore inside its walls
    /// wider than the core, the height above headspace and overhangs positive.
    fn jelly_roll_room(&mut self, f: &CellFormat) {
        let (Some(d), Some(h), Some(core), Some(head)) = (
            f.diameter_mm,
            f.height_mm,
            f.core_diameter_mm,
            f.headspace_mm,
        ) else {
            return;
        };
        let bore = d - 2.0 * f.casing_thickness_um / 1000.0;
        if bore <= core {
            let value = format!("{} mm bore inside the walls", fmt_num(bore));
            let allowed = "a core_diameter_mm smaller than diameter_mm less twice the wall";
            self.push(
                f,
                &[Step::Key("core_diameter_mm")],
                IssueKind::OutOfRange,
                value,
                allowed,
            );
        }
        let width = h - head - 2.0 * f.negative_overhang_mm;
        if width <= 0.0 {
            let value = format!("{} mm of electrode width", fmt_num(width));
            let allowed = "a height_mm above headspace_mm plus twice negative_overhang_mm";
            self.push(
                f,
                &[Step::Key("height_mm")],
                IssueKind::OutOfRange,
                value,
                allowed,
            );
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
        self.fast_charge(c);
    }

    /// The factory prices every material a couple's cells use: a material a couple uses
    /// needs a price, and the issue stands at the material, where the price goes.
    fn priced_if_used(&mut self, m: &Material) {
        if m.price_usd_per_kg.is_some() {
            return;
        }
        let uses = |c: &&Couple| {
            c.positive
                .iter()
                .chain(&c.negative)
                .any(|i| i.material == m.id)
                || c.electrolyte.as_deref() == Some(m.id.as_str())
                || [&c.separator, &c.positive_foil, &c.negative_foil].contains(&&m.id)
        };
        if let Some(c) = self.data.couples.iter().find(uses) {
            let allowed = format!(
                "price_usd_per_kg (with price_year and price_source): the factory prices every material of {}",
                c.id
            );
            self.push(
                m,
                &[Step::Key("id")],
                IssueKind::MissingField,
                "no price_usd_per_kg".into(),
                &allowed,
            );
        }
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
        let can = [f.can_length_mm, f.can_height_mm, f.can_thickness_mm];
        match f.kind {
            FormatKind::Prismatic if can.iter().any(Option::is_some) => self.sized_can(f),
            FormatKind::Pouch | FormatKind::Prismatic => {
                self.required_all(
                    f,
                    "stacked formats need",
                    &[
                        ("stack_thickness_mm", f.stack_thickness_mm),
                        ("aspect_ratio", f.aspect_ratio),
                        ("side_margin_mm", f.side_margin_mm),
                        ("end_margin_mm", f.end_margin_mm),
                    ],
                );
            }
            FormatKind::Cylindrical => {
                self.required_all(
                    f,
                    "cylinders need",
                    &[
                        ("diameter_mm", f.diameter_mm),
                        ("height_mm", f.height_mm),
                        ("core_diameter_mm", f.core_diameter_mm),
                        ("headspace_mm", f.headspace_mm),
                        ("header_mass_g", f.header_mass_g),
                    ],
                );
                self.jelly_roll_room(f);
            }
        }
        if f.kind == FormatKind::Prismatic {
            let why = "prismatic cans need header_mass_g (lid and terminals)";
            self.required(f, "header_mass_g", f.header_mass_g, why);
        } else if let Some(i) = can.iter().position(Option::is_some) {
            let key = ["can_length_mm", "can_height_mm", "can_thickness_mm"][i];
            let value = format!("{} on a {:?} format", key, f.kind);
            let allowed = "can sizes only on prismatic formats";
            self.push(f, &[Step::Key(key)], IssueKind::OutOfRange, value, allowed);
        }
    }

    /// A prismatic can of given size: all three sizes, the margins the stack leaves, no
    /// stack size of its own (the can sets it), and room for an electrode inside.
    fn sized_can(&mut self, f: &CellFormat) {
        self.required_all(
            f,
            "a sized can needs",
            &[
                ("can_length_mm", f.can_length_mm),
                ("can_height_mm", f.can_height_mm),
                ("can_thickness_mm", f.can_thickness_mm),
                ("side_margin_mm", f.side_margin_mm),
                ("end_margin_mm", f.end_margin_mm),
            ],
        );
        for (key, v) in [
            ("stack_thickness_mm", f.stack_thickness_mm),
            ("aspect_ratio", f.aspect_ratio),
        ] {
            if let Some(v) = v {
                let allowed =
                    "nothing: the can's size sets the stack (drop this field or the can_* sizes)";
                self.push(
                    f,
                    &[Step::Key(key)],
                    IssueKind::OutOfRange,
                    fmt_num(v),
                    allowed,
                );
            }
        }
        let (Some([l, h, t]), Some(side), Some(end)) =
            (f.can_mm(), f.side_margin_mm, f.end_margin_mm)
        else {
            return;
        };
        let o = 2.0 * f.negative_overhang_mm;
        let wall = 2.0 * f.casing_thickness_um / 1000.0;
        for (key, room, allowed) in [
            (
                "can_length_mm",
                l - 2.0 * end - o,
                "longer than twice end_margin_mm plus twice negative_overhang_mm",
            ),
            (
                "can_height_mm",
                h - 2.0 * side - o,
                "higher than twice side_margin_mm plus twice negative_overhang_mm",
            ),
            (
                "can_thickness_mm",
                t - wall,
                "thicker than twice casing_thickness_um",
            ),
        ] {
            if room <= 0.0 {
                let value = format!("{} mm left for the electrodes", fmt_num(room));
                self.push(f, &[Step::Key(key)], IssueKind::OutOfRange, value, allowed);
            }
        }
    }

    fn architecture(&mut self, a: &PackArchitecture) {
        self.source(a, &[Step::Key("source")], &a.source, a.note.as_ref());
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
        self.fast_charge_temperature(d);
        let couple = self.data.couple(&d.couple).is_some();
        self.reference(d, &[Step::Key("couple")], &d.couple, couple, "couple");
        let format = self.data.cell_format(&d.format);
        self.reference(
            d,
            &[Step::Key("format")],
            &d.format,
            format.is_some(),
            "cell_format",
        );
        if let (Some(f), Some(ah)) = (format, d.cell_capacity_ah) {
            if f.fixes_capacity() {
                let allowed = "no cell_capacity_ah: this format's can fixes the capacity (it follows from what fits inside)";
                self.push(
                    d,
                    &[Step::Key("cell_capacity_ah")],
                    IssueKind::OutOfRange,
                    fmt_num(ah),
                    allowed,
                );
            }
        }
        let arch = self.data.pack_architecture(&d.architecture).is_some();
        self.reference(
            d,
            &[Step::Key("architecture")],
            &d.architecture,
            arch,
            "pack_architecture",
        );
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
        self.measured(d);
    }

    fn measured(&mut self, d: &CellDesign) {
        let any = d.measured_thicknesses().iter().any(Option::is_some);
        match (&d.measured_source, any) {
            (Some(src), _) => self.source(d, &[Step::Key("measured_source")], src, d.note.as_ref()),
            (None, true) => self.push(
                d,
                &[Step::Key("measured_source")],
                IssueKind::MissingSource,
                "none".into(),
                "the teardown or specification the measured_* thicknesses come from",
            ),
            (None, false) => {}
        }
    }

    fn commercial(&mut self, c: &CommercialCell) {
        self.source(c, &[Step::Key("source")], &c.source, c.note.as_ref());
        let design = self.data.cell_design(&c.design).is_some();
        self.reference(c, &[Step::Key("design")], &c.design, design, "cell_design");
    }

    fn properties(&mut self, p: &CoupleProperties) {
        self.source(p, &[Step::Key("source")], &p.source, p.note.as_ref());
        let exists = self.data.couple(&p.couple).is_some();
        self.reference(p, &[Step::Key("couple")], &p.couple, exists, "couple");
    }

    fn flow(&mut self, f: &FlowBattery) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        self.grid_economics(f, f.grid.as_ref());
        self.system_id_unique(f, &f.id);
    }

    fn iron_air(&mut self, f: &IronAir) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
        self.grid_economics(f, f.grid.as_ref());
    }

    /// A fast charge through a liquid electrolyte is judged on its salt's transport table:
    /// the design's charge temperature must lie inside it (the cell layer never extrapolates
    /// it), checked here so `data check` refuses what `cell` would.
    fn fast_charge_temperature(&mut self, d: &CellDesign) {
        let Some(couple) = self.data.couple(&d.couple) else {
            return;
        };
        if !matches!(
            couple.fast_charge,
            FastChargeLaw::ElectrolyteTransport { .. }
        ) {
            return;
        }
        let table = couple
            .electrolyte
            .as_deref()
            .and_then(|e| self.data.material(e))
            .and_then(|m| {
                m.transport
                    .as_ref()
                    .map(|t| (m.id.clone(), t.temperatures_c.clone()))
            });
        let Some((electrolyte, ts)) = table else {
            return;
        };
        let (Some(lo), Some(hi)) = (ts.first(), ts.last()) else {
            return;
        };
        let t = d.fast_charge_temperature_c;
        if !(t >= *lo && t <= *hi) {
            self.push(
                d,
                &[Step::Key("fast_charge_temperature_c")],
                IssueKind::OutOfRange,
                fmt_num(t),
                &format!("from {lo} to {hi} °C, the range of {electrolyte}'s transport data"),
            );
        }
    }

    /// Missions take couples and storage systems by id in one namespace.
    fn system_id_unique<T: Keyed>(&mut self, r: &T, id: &str) {
        if self.data.couple(id).is_some() {
            self.push(
                r,
                &[Step::Key("id")],
                IssueKind::DuplicateId,
                format!("\"{id}\""),
                "an id no couple has: missions take couples and storage systems by id in one namespace",
            );
        }
    }

    fn grid_economics<T: Keyed>(&mut self, r: &T, g: Option<&GridEconomics>) {
        let Some(g) = g else { return };
        self.source(
            r,
            &[Step::Key("grid"), Step::Key("source")],
            &g.source,
            g.note.as_ref(),
        );
        for (field, value, lo, hi, allowed) in g.ranges() {
            if let Some(v) = value.filter(|v| !(v.is_finite() && *v >= lo && *v <= hi)) {
                self.push(
                    r,
                    &[Step::Key("grid"), Step::Key(field)],
                    IssueKind::OutOfRange,
                    fmt_num(v),
                    allowed,
                );
            }
        }
    }

    fn nickel_hydrogen(&mut self, f: &NickelHydrogen) {
        self.source(f, &[Step::Key("source")], &f.source, f.note.as_ref());
    }
}
