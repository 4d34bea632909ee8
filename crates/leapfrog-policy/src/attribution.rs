//! What each lever of a package does and costs: current law, each lever alone on top of it,
//! the package less each lever, and the whole package, every one a Monte Carlo on the same
//! seeds. The effects of levers alone need not add up to the package's: levers interact (a
//! credit is worth more to a plant that is built sooner).

use crate::leap::leap_map;
use crate::levers::Levers;
use crate::model::Model;
use crate::montecarlo::{monte_carlo, Fiscal, MonteCarlo, Settings};
use crate::PolicyError;
use leapfrog_data::{Dataset, PolicyPackage};
use serde::Serialize;

/// The package every variant is measured against.
pub const CURRENT_LAW: &str = "baseline";

/// One set of levers and what it gives.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    /// `current law`, `package`, `LEVER alone` or `package less LEVER`.
    pub label: String,
    /// The lever moved (none for current law and the package) and the value it is set to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lever: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    pub outcome: Outcome,
    /// Against current law on the same seeds.
    pub added: Outcome,
    /// Added fiscal cost per kWh of added U.S. output, $/kWh (none where output does not rise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal_usd_per_added_kwh: Option<f64>,
    pub fiscal: Fiscal,
}

/// The outcomes the attribution reads: shares are medians across runs, as everywhere else;
/// output and fiscal cost are means, so that differences on the same seeds are the mean of
/// the runs' differences.
#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct Outcome {
    /// U.S. plants' share of all sectors' world supply.
    pub us_share_2035: f64,
    pub us_share_2045: f64,
    /// The comparison's catch-up and lead shares (the leap map's definitions).
    pub catch_up_share_2045: f64,
    pub lead_share_2045: f64,
    /// U.S. plants' output over the model's years, GWh.
    pub us_output_gwh: f64,
    /// Every fiscal item over the model's years, B$.
    pub fiscal_busd: f64,
}

impl Outcome {
    fn of(m: &Model, mc: &MonteCarlo) -> Outcome {
        let at = |year: i32| {
            let y = m.years.iter().position(|x| *x == year);
            y.and_then(|y| mc.us_share_total.get(y))
                .map_or(0.0, |b| b.p50)
        };
        let c = leap_map(m, mc).comparison;
        Outcome {
            us_share_2035: at(2035),
            us_share_2045: at(2045),
            catch_up_share_2045: c.catch_up_share_2045,
            lead_share_2045: c.lead_share_2045,
            us_output_gwh: mc.fiscal.us_output_gwh,
            fiscal_busd: mc.fiscal.total_busd,
        }
    }

    /// Each outcome of `self` and `o` combined by `f`.
    fn with(&self, o: &Outcome, f: fn(f64, f64) -> f64) -> Outcome {
        Outcome {
            us_share_2035: f(self.us_share_2035, o.us_share_2035),
            us_share_2045: f(self.us_share_2045, o.us_share_2045),
            catch_up_share_2045: f(self.catch_up_share_2045, o.catch_up_share_2045),
            lead_share_2045: f(self.lead_share_2045, o.lead_share_2045),
            us_output_gwh: f(self.us_output_gwh, o.us_output_gwh),
            fiscal_busd: f(self.fiscal_busd, o.fiscal_busd),
        }
    }

    fn less(&self, o: &Outcome) -> Outcome {
        self.with(o, |a, b| a - b)
    }

    fn plus(&self, o: &Outcome) -> Outcome {
        self.with(o, |a, b| a + b)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Attribution {
    pub package: String,
    pub settings: Settings,
    pub current_law: Variant,
    pub whole_package: Variant,
    pub alone: Vec<Variant>,
    pub package_less: Vec<Variant>,
    /// The levers' added outcomes alone, summed: beside the package's, not in its place.
    pub sum_of_levers_alone: Outcome,
}

/// Every variant of `package` against current law. `whole` is the package's own Monte Carlo,
/// which the caller has run already: its settings are every variant's.
pub fn attribution(
    data: &Dataset,
    m: &Model,
    package: &PolicyPackage,
    whole: &MonteCarlo,
) -> Result<Attribution, PolicyError> {
    let settings = whole.settings;
    let law_package = data.find::<PolicyPackage>(CURRENT_LAW)?;
    let law = Levers::resolve(data, m, Some(law_package), &[])?;
    let base = monte_carlo(m, &law, settings)?;
    let base_outcome = Outcome::of(m, &base);
    let from = |label: String, lever: Option<(&str, f64)>, mc: &MonteCarlo| {
        let outcome = Outcome::of(m, mc);
        let added = outcome.less(&base_outcome);
        Variant {
            label,
            lever: lever.map(|(n, _)| n.to_string()),
            value: lever.map(|(_, v)| v),
            fiscal_usd_per_added_kwh: (added.us_output_gwh > 1.0e-6)
                .then(|| added.fiscal_busd * 1.0e3 / added.us_output_gwh),
            outcome,
            added,
            fiscal: mc.fiscal.clone(),
        }
    };
    let variant = |label: String, lever: Option<(&str, f64)>, levers: &Levers| {
        Ok::<_, PolicyError>(from(label, lever, &monte_carlo(m, levers, settings)?))
    };
    let mut alone = Vec::new();
    let mut package_less = Vec::new();
    for l in &package.levers {
        let on = [(l.name.clone(), l.value)];
        let by_itself = Levers::resolve(data, m, Some(law_package), &on)?;
        alone.push(variant(
            format!("{} alone", l.name),
            Some((&l.name, l.value)),
            &by_itself,
        )?);
        let default = current_law_value(&law, &l.name);
        let off = [(l.name.clone(), default)];
        let without = Levers::resolve(data, m, Some(package), &off)?;
        package_less.push(variant(
            format!("package less {}", l.name),
            Some((&l.name, default)),
            &without,
        )?);
    }
    let sum_of_levers_alone = alone
        .iter()
        .fold(Outcome::default(), |a, v| a.plus(&v.added));
    Ok(Attribution {
        package: package.id.clone(),
        settings,
        current_law: from("current law".into(), None, &base),
        whole_package: from("package".into(), None, whole),
        alone,
        package_less,
        sum_of_levers_alone,
    })
}

/// A lever's current-law value (a procurement lever is 0 unless set).
fn current_law_value(law: &Levers, name: &str) -> f64 {
    law.values
        .iter()
        .find(|s| s.name == name)
        .map_or(0.0, |s| s.value)
}
