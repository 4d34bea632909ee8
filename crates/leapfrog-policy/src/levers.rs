//! The levers: current-law defaults from data/policy.toml, then a package's values, then
//! `--lever NAME=VALUE` overrides, each checked against the data's lever list.

use crate::model::Model;
use crate::PolicyError;
use leapfrog_data::{lever_problem, Dataset, PolicyPackage, PROCUREMENT};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Levers {
    pub credit_45x: f64,
    pub credit_45x_until: i32,
    pub tariffs: f64,
    pub tariff_cn_extra: f64,
    pub ip_leak_share: f64,
    pub us_cost_of_capital: f64,
    pub us_construction_years: f64,
    pub fdi_gwh_per_year: f64,
    pub fdi_spillover: f64,
    pub state_grant_share: f64,
    pub us_depreciation: f64,
    pub equipment_controls: f64,
    /// Lever 6: the share of the historical reversal rate a durable commitment removes.
    pub policy_continuity: f64,
    /// The historical chance a year that a change of law takes back the package's reversible
    /// levers (policy_settings).
    pub reversal_per_year: f64,
    /// The reversible levers the package moves from current law, with their current-law
    /// values: what a reversal restores. Procurement is always reversible.
    pub reversible: Vec<(String, f64)>,
    /// [region][chemistry][year]: material cost added by the package's supply shocks, $/kWh.
    /// An export restriction is a wedge: it raises what producers outside the withholding
    /// country pay, while that country's own makers buy at home at the old price.
    pub material_shock: Vec<Vec<Vec<f64>>>,
    /// (sector index, chemistry index, GWh a year bought from U.S. plants).
    pub procurement: Vec<(usize, usize, f64)>,
    /// Every lever's value and where it came from (default, package id, or option).
    pub values: Vec<LeverSetting>,
    /// Every scalar lever's documented range, (name, low, high): the tornado's ends.
    #[serde(skip)]
    pub ranges: Vec<(String, f64, f64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LeverSetting {
    pub name: String,
    pub value: f64,
    pub from: String,
}

impl Levers {
    /// The levers of `package` (None: current law) with `overrides` on top.
    pub fn resolve(
        data: &Dataset,
        model: &Model,
        package: Option<&PolicyPackage>,
        overrides: &[(String, f64)],
    ) -> Result<Levers, PolicyError> {
        let mut values: Vec<LeverSetting> = data
            .policy_levers
            .iter()
            .map(|l| default_setting(data, l))
            .collect::<Result<_, _>>()?;
        let given = package
            .iter()
            .flat_map(|p| {
                p.levers
                    .iter()
                    .map(move |v| (v.name.clone(), v.value, p.id.clone()))
            })
            .chain(
                overrides
                    .iter()
                    .map(|(n, v)| (n.clone(), *v, "--lever".to_string())),
            );
        for (name, value, from) in given {
            if let Some(allowed) = lever_problem(data, &name) {
                return Err(PolicyError::Input {
                    what: format!("lever `{name}`"),
                    value: format!("{value}"),
                    allowed,
                });
            }
            check_range(data, &name, value)?;
            match values.iter_mut().find(|s| s.name == name) {
                Some(s) => {
                    s.value = value;
                    s.from = from;
                }
                None => values.push(LeverSetting { name, value, from }),
            }
        }
        let procurement = procurement(model, &values)?;
        let mut levers = Levers {
            credit_45x: 0.0,
            credit_45x_until: 0,
            tariffs: 0.0,
            tariff_cn_extra: 0.0,
            ip_leak_share: 0.0,
            us_cost_of_capital: 0.0,
            us_construction_years: 0.0,
            fdi_gwh_per_year: 0.0,
            fdi_spillover: 0.0,
            state_grant_share: 0.0,
            us_depreciation: 0.0,
            equipment_controls: 0.0,
            policy_continuity: 0.0,
            reversal_per_year: data
                .policy_settings
                .first()
                .map_or(0.0, |s| s.reversal_per_year),
            reversible: reversible(data, &values)?,
            material_shock: match package {
                Some(p) if !p.shocks.is_empty() => shocks(data, model, &p.shocks)?,
                _ => Vec::new(),
            },
            procurement,
            ranges: data
                .policy_levers
                .iter()
                .map(|l| (l.id.clone(), l.low, l.high))
                .collect(),
            values: Vec::new(),
        };
        for v in &values {
            levers.set(&v.name, v.value);
        }
        levers.values = values;
        Ok(levers)
    }

    /// Sets the scalar lever `name` (false for a name that is not one: procurement levers are
    /// set through [`Levers::resolve`]). `values` keeps what was resolved.
    pub fn set(&mut self, name: &str, value: f64) -> bool {
        let field = match name {
            "credit_45x" => &mut self.credit_45x,
            "credit_45x_until" => {
                self.credit_45x_until = value.round() as i32;
                return true;
            }
            "tariffs" => &mut self.tariffs,
            "tariff_cn_extra" => &mut self.tariff_cn_extra,
            "ip_leak_share" => &mut self.ip_leak_share,
            "us_cost_of_capital" => &mut self.us_cost_of_capital,
            "us_construction_years" => &mut self.us_construction_years,
            "fdi_gwh_per_year" => &mut self.fdi_gwh_per_year,
            "fdi_spillover" => &mut self.fdi_spillover,
            "state_grant_share" => &mut self.state_grant_share,
            "us_depreciation" => &mut self.us_depreciation,
            "equipment_controls" => &mut self.equipment_controls,
            "policy_continuity" => &mut self.policy_continuity,
            _ => return false,
        };
        *field = value;
        true
    }
}

impl Levers {
    /// The chance a year that the package's reversible levers are taken back.
    pub fn reversal_rate(&self) -> f64 {
        if self.reversible.is_empty() {
            return 0.0;
        }
        (self.reversal_per_year * (1.0 - self.policy_continuity)).clamp(0.0, 1.0)
    }

    /// These levers after a reversal: every reversible lever at its current-law value, no
    /// procurement.
    pub fn reverted(&self) -> Levers {
        let mut back = self.clone();
        for (name, value) in &self.reversible {
            back.set(name, *value);
        }
        for p in &mut back.procurement {
            p.2 = 0.0;
        }
        back.reversible.clear();
        back
    }
}

/// The reversible levers whose value differs from current law's, with that value.
fn reversible(data: &Dataset, values: &[LeverSetting]) -> Result<Vec<(String, f64)>, PolicyError> {
    let mut out = Vec::new();
    for v in values {
        if v.name.starts_with(PROCUREMENT) {
            if v.value > 0.0 {
                out.push((v.name.clone(), 0.0));
            }
            continue;
        }
        let Some(l) = data.policy_levers.iter().find(|l| l.id == v.name) else {
            continue;
        };
        let current = default_setting(data, l)?.value;
        if l.reversible && v.value != current {
            out.push((v.name.clone(), current));
        }
    }
    Ok(out)
}

/// The procurement levers as (sector, chemistry, GWh a year). Government cannot buy what the
/// model does not follow into the sector: a chemistry the mission layer rates infeasible there,
/// or uncertain and not sold there today, is refused by name with the sector's alternatives.
fn procurement(
    model: &Model,
    values: &[LeverSetting],
) -> Result<Vec<(usize, usize, f64)>, PolicyError> {
    let mut bought = Vec::new();
    for v in values {
        let Some((sector, chem)) = v
            .name
            .strip_prefix(PROCUREMENT)
            .and_then(|r| r.split_once(':'))
        else {
            continue;
        };
        let (Some(s), Some(k)) = (model.sector_index(sector), model.chemistry_index(chem)) else {
            continue;
        };
        let followed = &model.sectors[s].eligible;
        if v.value > 0.0 && !followed[k] {
            let open: Vec<&str> = (0..followed.len())
                .filter(|k| followed[*k])
                .map(|k| model.chemistries[k].as_str())
                .collect();
            return Err(PolicyError::Input {
                what: format!("lever `{}` (from {})", v.name, v.from),
                value: format!(
                    "{} (the mission layer rates {chem} {} for {sector})",
                    v.value, model.sectors[s].fit[k]
                ),
                allowed: format!(
                    "procurement of a chemistry the model follows into {sector}: {}",
                    if open.is_empty() {
                        "none".to_string()
                    } else {
                        open.join(", ")
                    }
                ),
            });
        }
        bought.push((s, k, v.value));
    }
    Ok(bought)
}

/// A lever at its current-law value: its own default, or 1 or 0 as its rule is in force or not
/// on the rules' as-of date (so a status lives in one place).
fn default_setting(
    data: &Dataset,
    l: &leapfrog_data::PolicyLever,
) -> Result<LeverSetting, PolicyError> {
    let (value, from) = match (&l.default_rule, l.default) {
        (Some(rule), _) => {
            let book = leapfrog_rules::RuleBook::load(data)?;
            let status = book.status_at(book.rule(rule)?, book.as_of);
            let on = status.status == "in force";
            (
                if on { 1.0 } else { 0.0 },
                format!(
                    "default: rule {rule} is {} on {}",
                    status.status, book.as_of
                ),
            )
        }
        (None, value) => (value.unwrap_or(0.0), "default".to_string()),
    };
    Ok(LeverSetting {
        name: l.id.clone(),
        value,
        from,
    })
}

/// A value inside the lever's documented range, by the data's own check (one rule for
/// scenario files, packages and `--lever`).
fn check_range(data: &Dataset, name: &str, value: f64) -> Result<(), PolicyError> {
    match leapfrog_data::lever_value_problem(data, name, value) {
        None => Ok(()),
        Some(allowed) => Err(PolicyError::Input {
            what: format!("lever `{name}`"),
            value: format!("{value}"),
            allowed,
        }),
    }
}

/// The material cost each producer bears in each year from the package's supply shocks: the
/// supply layer's first-year cell cost increase, scaled year by year by its price path, for
/// every region but the withholding country.
fn shocks(
    data: &Dataset,
    model: &Model,
    events: &[leapfrog_data::ShockEvent],
) -> Result<Vec<Vec<Vec<f64>>>, PolicyError> {
    let supply = leapfrog_supply::SupplyModel::load(data)?;
    let factory = leapfrog_supply::factory(data)?;
    let products = model
        .chemistries
        .iter()
        .map(|c| leapfrog_supply::Product::load(data, &factory, c))
        .collect::<Result<Vec<_>, _>>()?;
    let settings = data.policy_settings.first().ok_or_else(|| {
        leapfrog_data::NotFound::new("policy_settings", "default", std::iter::empty::<&str>())
    })?;
    let demand = data.find::<leapfrog_data::DemandScenario>(&settings.shock_demand_scenario)?;
    let mut added =
        vec![vec![vec![0.0; model.years.len()]; model.chemistries.len()]; model.regions.len()];
    for e in events {
        let withholding = model.regions.iter().position(|r| *r == e.country);
        let stage =
            leapfrog_data::SupplyStage::parse(&e.stage).ok_or_else(|| PolicyError::Input {
                what: "shock stage".into(),
                value: e.stage.clone(),
                allowed: "a supply stage id".into(),
            })?;
        let shock = leapfrog_supply::Shock {
            country: e.country.clone(),
            chain: e.chain.clone(),
            stage,
            cut: e.cut,
            duration_years: e.years,
            basis: leapfrog_supply::Basis::Location,
        };
        let r = leapfrog_supply::simulate(&supply, &shock, &products, demand)?;
        let first = r.path.first().map_or(1.0, |p| p.price_multiplier);
        for (k, c) in model.chemistries.iter().enumerate() {
            let Some(hit) = r.chemistries.iter().find(|x| &x.chemistry == c) else {
                continue;
            };
            for (offset, point) in r.path.iter().enumerate() {
                let year = e.from_year + offset as i32;
                let Some(i) = model.years.iter().position(|y| *y == year) else {
                    continue;
                };
                let scale = if first > 1.0 {
                    (point.price_multiplier - 1.0) / (first - 1.0)
                } else {
                    0.0
                };
                let exposed = (0..model.regions.len()).filter(|r| Some(*r) != withholding);
                for r in exposed {
                    added[r][k][i] += hit.increase_first_year_usd_per_kwh * scale;
                }
            }
        }
    }
    Ok(added)
}
