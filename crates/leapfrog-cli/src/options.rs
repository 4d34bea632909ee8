//! Numeric options held to the same ranges as the data: a value parser per option that reads
//! the range from the schema (`leapfrog_data::Bounded`) or from a range declared here, so a
//! bad option is rejected by name, with its value and what is allowed, before any model runs.

use leapfrog_data::{Bounded, Range};

/// Parses a number and holds it to `range`.
pub fn within(range: Range) -> impl Fn(&str) -> Result<f64, String> + Clone + Send + Sync {
    move |text: &str| {
        let v: f64 = text
            .trim()
            .parse()
            .map_err(|_| format!("`{text}` is not a number; allowed: {}", range.allowed()))?;
        if range.admits(v) {
            Ok(v)
        } else {
            Err(format!(
                "{text} is out of range; allowed: {}",
                range.allowed()
            ))
        }
    }
}

/// The range the schema of `T` declares for `field`.
pub fn field<T: Bounded>(field: &'static str) -> impl Fn(&str) -> Result<f64, String> + Clone {
    let range = T::bound(field).map(|b| b.range);
    move |text: &str| match range {
        Some(r) => within(r)(text),
        None => Err(format!("no range is declared for `{field}`")),
    }
}

/// A whole number within the range the schema of `T` declares for `field`.
pub fn count<T: Bounded>(field: &'static str) -> impl Fn(&str) -> Result<u32, String> + Clone {
    let number = self::field::<T>(field);
    move |text: &str| {
        let v = number(text)?;
        if v.fract() == 0.0 {
            Ok(v as u32)
        } else {
            Err(format!("{text} is not a whole number"))
        }
    }
}

/// A whole number within `range`.
pub fn whole(range: Range) -> impl Fn(&str) -> Result<usize, String> + Clone {
    let number = within(range);
    move |text: &str| {
        let v = number(text)?;
        if v.fract() == 0.0 {
            Ok(v as usize)
        } else {
            Err(format!(
                "{text} is not a whole number; allowed: {}",
                range.allowed()
            ))
        }
    }
}

/// A calendar year, as the data's years are.
pub fn year(text: &str) -> Result<i32, String> {
    let v = within(Range::Year)(text)?;
    if v.fract() == 0.0 {
        Ok(v as i32)
    } else {
        Err(format!("{text} is not a whole year"))
    }
}

/// Plant output, GWh of cells a year: from a pilot line's 1 MWh to ten times the largest
/// announced plant.
pub const PLANT_GWH: Range = leapfrog_factory::PLANT_GWH_PER_YR;

/// A learning rate per doubling, as a fraction.
pub const LEARNING_RATE: Range = Range::Within {
    min: 0.0,
    max: 0.99,
    allowed: "a learning rate per doubling from 0 to 0.99 (a fraction: 0.2 for 20%)",
};

/// Cumulative production, GWh.
pub const CUMULATIVE_GWH: Range = Range::Within {
    min: 0.001,
    max: 1.0e7,
    allowed: "a cumulative output from 0.001 to 10000000 GWh",
};

/// A cost per kWh, US dollars.
pub const COST_USD_PER_KWH: Range = Range::Within {
    min: 0.01,
    max: 1.0e5,
    allowed: "a cost from 0.01 to 100000 $/kWh",
};

/// A materials cost per kWh, US dollars (0 allowed: no materials held out of learning).
pub const COST_USD_PER_KWH_OR_ZERO: Range = Range::Within {
    min: 0.0,
    max: 1.0e5,
    allowed: "a cost from 0 to 100000 $/kWh",
};

/// A build rate, GWh a year.
pub const BUILD_GWH_PER_YEAR: Range = Range::Within {
    min: 0.0,
    max: 1.0e6,
    allowed: "a build rate from 0 to 1000000 GWh/yr",
};

/// A share of output withheld.
pub const FRACTION: Range = Range::Within {
    min: 0.0,
    max: 1.0,
    allowed: "a fraction from 0 to 1",
};

/// How long a restriction lasts.
pub const DURATION_YEARS: Range = Range::Within {
    min: 0.1,
    max: 50.0,
    allowed: "a duration from 0.1 to 50 years",
};

/// A list option (`--process a,b`) that names each item once.
pub fn each_once(option: &str, items: &[String]) -> Result<(), crate::output::InputError> {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            return Err(crate::output::InputError(format!(
                "{option} {}: `{item}` is named twice; allowed: each once",
                items.join(",")
            )));
        }
    }
    Ok(())
}

/// The canonical key of the `T` record an option names, matched as `Dataset::get` matches
/// (exactly, else ignoring case), or a not-found error naming the option and the nearest id.
pub fn canonical<T: leapfrog_data::Record>(
    data: &leapfrog_data::Dataset,
    option: &str,
    id: &str,
) -> crate::Result<String> {
    match data.find::<T>(id) {
        Ok(r) => Ok(r.key().into_owned()),
        Err(mut e) => {
            e.kind = user_word::<T>().to_string();
            Err(e.at(option).into())
        }
    }
}

/// What a user calls a kind of record on the command line.
fn user_word<T: leapfrog_data::Record>() -> &'static str {
    match T::TABLE {
        "cell_design" => "preset",
        "process_variant" => "process",
        "cell_format" => "cell format",
        "price_basis" => "price basis",
        "supply_chain" => "supply chain",
        "demand_scenario" => "demand scenario",
        "project_set" => "project set",
        "learning_series" => "learning series",
        "manufacturing_variant" => "variant",
        "equipment_control" => "equipment control",
        "scaleup_path" => "scale-up path",
        "policy_package" => "policy package",
        "factory_region" => "region with factory factors",
        other => other,
    }
}

/// A couple or a storage system (flow, iron-air): `mission --chemistries` takes both, as one
/// namespace.
pub fn couple_or_system(
    data: &leapfrog_data::Dataset,
    option: &str,
    id: &str,
) -> crate::Result<String> {
    use leapfrog_data::{FlowBattery, IronAir, Keyed};
    if let Ok(r) = data.find::<FlowBattery>(id) {
        return Ok(r.key().into_owned());
    }
    if let Ok(r) = data.find::<IronAir>(id) {
        return Ok(r.key().into_owned());
    }
    match data.find::<leapfrog_data::Couple>(id) {
        Ok(r) => Ok(r.key().into_owned()),
        Err(mut e) => {
            e.kind = "couple or storage system".into();
            e.known
                .extend(data.flow_batteries.iter().map(|f| f.id.clone()));
            e.known.extend(data.iron_air.iter().map(|f| f.id.clone()));
            Err(e.at(option).into())
        }
    }
}

/// Each id of a list option, canonical.
pub fn canonical_all<T: leapfrog_data::Record>(
    data: &leapfrog_data::Dataset,
    option: &str,
    ids: &[String],
) -> crate::Result<Vec<String>> {
    ids.iter()
        .map(|id| canonical::<T>(data, option, id))
        .collect()
}

/// A factory region (`--region`), canonical; `batpac` (any case) is BatPaC's own U.S.
/// reference and stands for no region.
pub fn factory_region(
    data: &leapfrog_data::Dataset,
    option: &str,
    id: Option<&str>,
) -> crate::Result<Option<String>> {
    match id {
        None => Ok(None),
        Some(r) if r.eq_ignore_ascii_case("batpac") => Ok(None),
        Some(r) => match data.find::<leapfrog_data::FactoryRegion>(r) {
            Ok(f) => Ok(Some(f.region.clone())),
            Err(mut e) => {
                e.kind = "region".into();
                e.known.push("batpac".into());
                // A country's name (data/regions.toml) for its code: `China` for `CN`.
                if e.suggestion.is_none() {
                    e.suggestion = data
                        .regions
                        .iter()
                        .find(|g| g.name.eq_ignore_ascii_case(r.trim()))
                        .filter(|g| data.factory_region(&g.id).is_some())
                        .map(|g| g.id.clone());
                }
                Err(e.at(option).into())
            }
        },
    }
}

/// Years of a life simulation.
pub const LIFE_YEARS: Range = Range::Within {
    min: 0.01,
    max: 100.0,
    allowed: "a span from 0.01 to 100 years",
};

/// Equivalent full cycles to stop a life simulation at.
pub const LIFE_EFC: Range = Range::Within {
    min: 1.0,
    max: 1.0e6,
    allowed: "1 to 1000000 equivalent full cycles",
};

/// Relative capacity to stop a life simulation below.
pub const LIFE_CAPACITY: Range = Range::Within {
    min: 0.01,
    max: 0.999,
    allowed: "a relative capacity from 0.01 to 0.999",
};

/// A state of charge.
pub const SOC: Range = Range::Within {
    min: 0.0,
    max: 1.0,
    allowed: "a state of charge from 0 to 1",
};

/// Repeats of a simulated experiment. Every row is kept for the step summaries and the series
/// (about 36 kB a cycle of a 1C discharge and charge), so 10,000 cycles take about 360 MB; a
/// longer run is refused rather than let grow (`life` is the tool for ageing over years).
pub const SIM_CYCLES: Range = Range::Within {
    min: 1.0,
    max: 10_000.0,
    allowed: "a whole number of cycles from 1 to 10000 (each cycle's rows are kept; for years of cycling use `leapfrog life`)",
};

/// The fast-charge options of every command that designs a cell.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct FastChargeArgs {
    /// Minutes for the fast charge over the design's SOC window.
    #[arg(long, allow_negative_numbers = true, value_parser = field::<leapfrog_data::CellDesign>("fast_charge_minutes"))]
    pub fast_charge_minutes: Option<f64>,
    /// Cell temperature during the fast charge, °C (default: the design's).
    #[arg(long, allow_negative_numbers = true, value_parser = field::<leapfrog_data::CellDesign>("fast_charge_temperature_c"))]
    pub fast_charge_temperature_c: Option<f64>,
}

impl FastChargeArgs {
    pub fn apply(&self, inputs: &mut leapfrog_cell::DesignInputs) {
        if let Some(m) = self.fast_charge_minutes {
            inputs.fast_charge_minutes = m;
        }
        if let Some(t) = self.fast_charge_temperature_c {
            inputs.fast_charge_temperature_c = t;
        }
    }
}
