//! A scale-up path month by month: stages built one after another as each passes its gate,
//! every stage producing from its start to the end of the horizon, against an incumbent whose
//! cost falls along its learning curve.
//!
//! `prepare` does every lookup and design once; `evaluate` is arithmetic on the prepared path
//! (one factory evaluation per stage and a loop over whole months), fast enough for sweeps
//! and the policy layer's Monte Carlo.

use crate::lines::{self, GroupLines, LineDesign};
use crate::ramp::{RampCurve, RampParameters, NAMEPLATE_UTILISATION};
use crate::ScaleupError;
use leapfrog_cell::{Chemistry, Design, DesignRequest};
use leapfrog_data::{Dataset, NotFound, ScaleupPath, StepLevel};
use leapfrog_factory::{CostResult, Factory, PlantOptions, Prepared, DEFAULT_COST_MODEL};
use leapfrog_market::learning::exponent;
use serde::Serialize;

/// The longest timeline evaluated, months (50 years).
pub const MAX_MONTHS: usize = 600;
/// Months shown after the last stage reaches nameplate.
const TAIL_MONTHS: usize = 24;

/// What to evaluate: a chemistry on a path, built one way, with or without equipment
/// controls.
#[derive(Debug, Clone)]
pub struct PathInputs {
    pub chemistry: String,
    pub path: ScaleupPath,
    /// A manufacturing variant id.
    pub variant: String,
    /// An equipment control id, or None.
    pub equipment_control: Option<String>,
    /// A region replacing the path's own (None keeps the path's).
    pub region: Option<String>,
    /// A production credit on the path's good output (45X from the rules evaluator), or None.
    pub credit: Option<ProductionCredit>,
    /// Whether the path's grants, incentives and prepayments are paid.
    pub grants: bool,
}

/// A production credit per good kWh by calendar year, after its tests (the rules evaluator's
/// answer for the path's cells), and how a company without tax to offset receives it.
#[derive(Debug, Clone, Serialize)]
pub struct ProductionCredit {
    /// The rule it comes from (e.g. `45x`).
    pub rule: String,
    /// ($/kWh, from this year on), in year order.
    pub usd_per_kwh_by_year: Vec<(i32, f64)>,
    /// Years from the start of production paid in full (elective payment).
    pub elective_pay_years: f64,
    /// Dollars received per dollar of credit sold by transfer after that.
    pub transfer_price: f64,
}

impl ProductionCredit {
    fn usd_per_kwh(&self, year: i32) -> f64 {
        self.usd_per_kwh_by_year
            .iter()
            .take_while(|(y, _)| *y <= year)
            .last()
            .map_or(0.0, |(_, v)| *v)
    }
}

/// Perturbations of a path's inputs (a Monte Carlo draw); the default changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Draw {
    pub ramp_time_factor: f64,
    pub scrap_time_factor: f64,
    pub experience_factor: f64,
    pub price_factor: f64,
    pub gate_delay_months: f64,
    pub capex_factor: f64,
}

impl Default for Draw {
    fn default() -> Self {
        Draw {
            ramp_time_factor: 1.0,
            scrap_time_factor: 1.0,
            experience_factor: 1.0,
            price_factor: 1.0,
            gate_delay_months: 0.0,
            capex_factor: 1.0,
        }
    }
}

/// One stage, resolved.
#[derive(Debug, Clone)]
pub struct PreparedStage {
    pub id: String,
    pub plant_gwh_per_yr: f64,
    pub build_months: f64,
    pub financing: String,
    pub cost_of_capital: f64,
    pub gate_months: Option<f64>,
    pub gate_scrap: Option<f64>,
    pub plant: Prepared,
    /// Share of the stage's capex lent, and the loan's tenor in months.
    pub debt_share: f64,
    pub debt_tenor_months: f64,
    /// Grants and state incentives towards its capex, M$ (paid as it is spent).
    pub grant_musd: f64,
    /// An offtaker's advance, M$: paid when the stage starts building, repaid in cells.
    pub prepayment_musd: f64,
    /// A 48C award on the stage's facility: 45X is not paid on its output (45X(c)(1)(B)).
    pub took_48c: bool,
}

/// The incumbent's cost and learning.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Incumbent {
    /// Cell cost (with its return on capital) in `base_year`, $/kWh.
    pub usd_per_kwh: f64,
    /// The part of it that is bought materials, $/kWh: learning does not lower it.
    pub materials_usd_per_kwh: f64,
    pub base_year: i32,
    pub cumulative_gwh: f64,
    pub gwh_per_year: f64,
    pub learning_rate: f64,
}

impl Incumbent {
    /// Cost at a (fractional) calendar year: experience lowers the non-material part only;
    /// no learning backwards before the base year.
    pub fn usd_per_kwh_at(&self, year: f64) -> f64 {
        let years = (year - f64::from(self.base_year)).max(0.0);
        let grown = 1.0 + self.gwh_per_year * years / self.cumulative_gwh;
        let learnable = (self.usd_per_kwh - self.materials_usd_per_kwh).max(0.0);
        self.materials_usd_per_kwh + learnable * grown.powf(-exponent(self.learning_rate))
    }
}

/// Everything `evaluate` needs.
#[derive(Debug, Clone)]
pub struct PreparedPath {
    pub path_id: String,
    pub chemistry: String,
    pub region: String,
    pub variant: String,
    pub equipment_control: Option<String>,
    /// Months a build is delayed for each whole share of controlled equipment.
    pub control_lead_time_months: f64,
    pub start_year: i32,
    pub prior_output_gwh: f64,
    pub ramp: RampParameters,
    pub stages: Vec<PreparedStage>,
    pub incumbent: Incumbent,
    pub incumbent_chemistry: String,
    pub incumbent_region: String,
    pub factory: Factory,
    pub design: Design,
    pub lines: LineDesign,
    pub credit: Option<ProductionCredit>,
    /// Working capital tied up, as a share of a year's cash operating cost (the cost model's).
    pub working_capital_share: f64,
    pub draw: Draw,
}

impl PreparedPath {
    /// The path with a draw's perturbations applied.
    pub fn perturbed(&self, d: Draw) -> PreparedPath {
        let mut p = self.clone();
        p.ramp.utilisation_time_constant_months *= d.ramp_time_factor;
        p.ramp.scrap_time_constant_months *= d.scrap_time_factor;
        p.ramp.experience_gwh *= d.experience_factor;
        p.draw = d;
        p
    }
}

/// Resolves a path for evaluation.
pub fn prepare(data: &Dataset, inputs: &PathInputs) -> Result<PreparedPath, ScaleupError> {
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    let path = &inputs.path;
    if path.stages.is_empty() {
        return Err(ScaleupError::Input {
            field: "stages".into(),
            value: "none".into(),
            why: "a path needs at least one stage".into(),
            allowed: "1 or more stages".into(),
        });
    }
    let variant = data.find::<leapfrog_data::ManufacturingVariant>(&inputs.variant)?;
    let control = inputs
        .equipment_control
        .as_deref()
        .map(|c| data.find::<leapfrog_data::EquipmentControl>(c))
        .transpose()?;
    let region = inputs.region.clone().or_else(|| path.region.clone());
    let control = lines::applicable_control(control, region.as_deref());
    let line_design = lines::design(data, &factory, variant, control)?;
    let request = DesignRequest::reference_for(data, &inputs.chemistry)?;
    let chem = Chemistry::load(data, &request)?;
    let design = chem.solve(&request.inputs)?;
    let options = PlantOptions {
        plant_gwh_per_yr: 1.0,
        region: region.clone(),
        processes: variant.processes.clone(),
        price_basis: path.price_basis.clone(),
    };
    let base = factory.prepare(&chem, &options)?;
    let ramp_record = data.find::<leapfrog_data::Ramp>(&path.ramp)?;
    let mature_scrap = 1.0 - factory.model.cell_yield;
    let ramp = RampParameters::of(ramp_record, mature_scrap, variant.ramp_time_factor);
    let stages = path
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| prepare_stage(data, &base, &line_design, variant, i, s, mature_scrap))
        .collect::<Result<Vec<_>, _>>()?;
    let mut stages = stages;
    if inputs.grants {
        for g in &path.grants {
            if let Some(st) = stages.iter_mut().find(|st| st.id == g.stage) {
                match g.kind.as_str() {
                    "prepayment" => st.prepayment_musd += g.musd,
                    kind => {
                        st.grant_musd += g.musd;
                        st.took_48c |= kind == "48c-award";
                    }
                }
            }
        }
    }
    Ok(PreparedPath {
        path_id: path.id.clone(),
        chemistry: inputs.chemistry.clone(),
        region: base.region.id.clone(),
        variant: variant.id.clone(),
        equipment_control: control.map(|c| c.id.clone()),
        control_lead_time_months: control.map_or(0.0, |c| c.lead_time_months),
        start_year: path.start_year,
        prior_output_gwh: path.prior_output_gwh,
        ramp,
        stages,
        incumbent: incumbent(data, &factory, path)?,
        incumbent_chemistry: path.incumbent_chemistry.clone(),
        incumbent_region: path.incumbent_region.clone(),
        working_capital_share: factory.model.working_capital_of_variable_cost,
        factory,
        design,
        lines: line_design,
        credit: inputs.credit.clone(),
        draw: Draw::default(),
    })
}

fn prepare_stage(
    data: &Dataset,
    base: &Prepared,
    line_design: &LineDesign,
    variant: &leapfrog_data::ManufacturingVariant,
    index: usize,
    s: &leapfrog_data::PathStage,
    mature_scrap: f64,
) -> Result<PreparedStage, ScaleupError> {
    let financing = data.find::<leapfrog_data::Financing>(&s.financing)?;
    if let Some(gate) = s.gate_scrap.filter(|g| *g <= mature_scrap) {
        return Err(ScaleupError::Input {
            field: format!("stages[{index}].gate_scrap"),
            value: format!("{gate}"),
            why: "scrap never falls to or below the mature rate, so the gate would never open"
                .into(),
            allowed: format!("a share above the cost model's mature scrap ({mature_scrap:.3})"),
        });
    }
    let build_months = (s.build_months * variant.build_time_factor)
        .round()
        .max(1.0);
    let mut plant = base.clone();
    plant.plant_gwh_per_yr = s.plant_gwh_per_yr;
    let rate = financing.rate(base.region.cost_of_capital);
    plant.region.cost_of_capital = rate;
    plant.region.construction_years = build_months / 12.0;
    plant.lines = Some(line_design.specs.clone());
    Ok(PreparedStage {
        id: s.id.clone(),
        plant_gwh_per_yr: s.plant_gwh_per_yr,
        build_months,
        financing: financing.id.clone(),
        cost_of_capital: rate,
        gate_months: s.gate_months,
        gate_scrap: s.gate_scrap,
        plant,
        debt_share: financing.debt_share.unwrap_or(0.0),
        debt_tenor_months: financing.debt_tenor_years.unwrap_or(10.0) * 12.0,
        grant_musd: 0.0,
        prepayment_musd: 0.0,
        took_48c: false,
    })
}

fn incumbent(
    data: &Dataset,
    factory: &Factory,
    path: &ScaleupPath,
) -> Result<Incumbent, ScaleupError> {
    let request = DesignRequest::reference_for(data, &path.incumbent_chemistry)?;
    let chem = Chemistry::load(data, &request)?;
    let design = chem.solve(&request.inputs)?;
    let options = PlantOptions {
        plant_gwh_per_yr: path.incumbent_plant_gwh_per_yr,
        region: Some(path.incumbent_region.clone()),
        processes: Vec::new(),
        price_basis: path.incumbent_price_basis.clone(),
    };
    let mut prepared = factory.prepare(&chem, &options)?;
    let financing = data.find::<leapfrog_data::Financing>(&path.incumbent_financing)?;
    prepared.region.cost_of_capital = financing.rate(prepared.region.cost_of_capital);
    let cost = factory.evaluate(&prepared, &design);
    let series = data.find::<leapfrog_data::LearningSeries>(&path.incumbent_learning_series)?;
    let volume = data.find::<leapfrog_data::VolumeSeries>(&series.volume_series)?;
    let rate = data.find::<leapfrog_data::LearningRateEstimate>(&series.headline_rate)?;
    let last = volume.points.last().ok_or_else(|| {
        NotFound::new(
            "volume point",
            &series.volume_series,
            std::iter::empty::<&str>(),
        )
    })?;
    Ok(Incumbent {
        usd_per_kwh: cost.cell_price_usd_per_kwh,
        materials_usd_per_kwh: leapfrog_factory::cell_materials_usd_per_kwh(&cost, &design),
        base_year: last.year,
        cumulative_gwh: volume.cumulative_before_gwh
            + volume.points.iter().map(|p| p.gwh).sum::<f64>(),
        gwh_per_year: last.gwh,
        learning_rate: rate.learning_rate,
    })
}

/// One stage's results.
#[derive(Debug, Clone, Serialize)]
pub struct StageResult {
    pub id: String,
    pub plant_gwh_per_yr: f64,
    pub financing: String,
    pub cost_of_capital: f64,
    pub lines: Vec<GroupLines>,
    /// Cell plant capex (equipment, building, interest during construction), M$.
    pub capex_musd: f64,
    pub capex_musd_per_gwh: f64,
    /// Share of the stage's grouped equipment from a controlling country (0 without controls).
    pub controlled_equipment_share: f64,
    /// Months from the start of the path; None when the horizon ends first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_start_month: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub production_start_month: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nameplate_month: Option<usize>,
    /// When the next stage may start building (None for the last stage, or not reached).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gate_month: Option<usize>,
    /// Scrap at start of production, after the company's earlier output.
    pub start_scrap: f64,
    /// Cell cost at nameplate and mature scrap, with the stage's return on capital, $/kWh.
    pub steady_usd_per_kwh: f64,
    /// Cost of the first twelve months' good cells, $/kWh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_year_usd_per_kwh: Option<f64>,
    /// The incumbent's cost when this stage reaches nameplate, $/kWh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incumbent_usd_per_kwh_at_nameplate: Option<f64>,
    /// Cost above steady state while the stage ramps (under-used plant, excess scrap), M$.
    pub ramp_loss_musd: f64,
    /// Capex and ramp losses up to and including this stage, M$.
    pub cumulative_capital_musd: f64,
}

/// One month of the company's output and cost.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct MonthPoint {
    pub month: usize,
    pub year: f64,
    pub good_gwh: f64,
    /// Company cost per good kWh this month (None before any output).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usd_per_kwh: Option<f64>,
    pub incumbent_usd_per_kwh: f64,
    /// Capex spent and ramp losses so far, M$.
    pub cumulative_capital_musd: f64,
    /// The month's cash, M$: see [`Flows`].
    #[serde(flatten)]
    pub flows: Flows,
    /// Cash from operations, investment and policy since the start (before any financing),
    /// M$: its lowest point is the capital the path needs.
    pub cumulative_cash_musd: f64,
    /// The same after debt drawn and serviced and prepayments: what equity has to cover.
    pub cumulative_equity_cash_musd: f64,
}

/// One month's cash, M$ (inflows positive).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Flows {
    /// Good cells sold at the price (the incumbent's cost times the draw's price factor).
    pub revenue_musd: f64,
    /// Materials, labour and overhead of what was made (scrap included).
    pub operating_cost_musd: f64,
    pub capex_musd: f64,
    /// Working capital tied up (negative) or released.
    pub working_capital_musd: f64,
    /// A production credit received (elective payment, or transfer at its price).
    pub credit_musd: f64,
    /// Grants and state incentives paid towards capex.
    pub grant_musd: f64,
    pub debt_drawn_musd: f64,
    /// Interest and repayment.
    pub debt_service_musd: f64,
    /// Offtakers' advances received (positive) and repaid in cells (negative).
    pub prepayment_musd: f64,
}

impl Flows {
    /// Cash before financing.
    pub fn before_financing(&self) -> f64 {
        self.revenue_musd - self.operating_cost_musd - self.capex_musd
            + self.working_capital_musd
            + self.credit_musd
            + self.grant_musd
    }

    /// Cash after debt and prepayments: what equity covers.
    pub fn to_equity(&self) -> f64 {
        self.before_financing() + self.debt_drawn_musd - self.debt_service_musd
            + self.prepayment_musd
    }
}

/// A path's results.
#[derive(Debug, Clone, Serialize)]
pub struct PathResult {
    pub path: String,
    pub chemistry: String,
    pub region: String,
    pub variant: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equipment_control: Option<String>,
    pub start_year: i32,
    pub incumbent_chemistry: String,
    pub incumbent_region: String,
    pub incumbent: Incumbent,
    pub stages: Vec<StageResult>,
    pub capex_musd: f64,
    pub ramp_loss_musd: f64,
    /// Capex and ramp losses (cost above steady state while a plant ramps), M$.
    pub capex_and_ramp_loss_musd: f64,
    /// The capital the path needs: the lowest point of its cumulative cash before financing
    /// (capex, operating losses at the incumbent's price, working capital, less credits and
    /// grants), M$.
    pub capital_needed_musd: f64,
    /// What equity has to cover after loans and prepayments (interest and repayments
    /// included), M$.
    pub equity_needed_musd: f64,
    /// Month of the lowest cumulative cash (when the path stops needing more).
    pub capital_needed_month: usize,
    /// What selling every good kWh at the incumbent's cost would leave unrecovered, M$.
    pub price_gap_musd: f64,
    /// Months until the last stage reaches nameplate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months_to_last_nameplate: Option<usize>,
    /// First month the company's cost per kWh is at or below the incumbent's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parity_month: Option<usize>,
    /// Lowest company/incumbent cost ratio over the horizon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closest_cost_ratio: Option<f64>,
    /// The last stage's steady cost less the incumbent's at that stage's nameplate, $/kWh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_gap_usd_per_kwh: Option<f64>,
    /// Every month of the horizon (left out where a caller keeps only the summary).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<MonthPoint>,
}

/// A stage's economics from its factory evaluation.
struct StageEconomics {
    capex_musd: f64,
    steady_usd_per_kwh: f64,
    /// The steady cost paid in cash each month, $/kWh: without depreciation and profit (the
    /// capex is counted when it is spent).
    steady_cash_usd_per_kwh: f64,
    materials_usd_per_kwh: f64,
    delay_months: f64,
    lines: Vec<GroupLines>,
    controlled_share: f64,
}

fn economics(p: &PreparedPath, s: &PreparedStage) -> StageEconomics {
    let cost = p
        .factory
        .evaluate_at(&s.plant, &p.design, s.plant_gwh_per_yr);
    let installed = p.factory.installed(&s.plant, &p.design, s.plant_gwh_per_yr);
    let step_capex: Vec<f64> = cost.steps.iter().map(|x| x.capex_musd).collect();
    let controlled_share = p.lines.controlled_capex_share(&step_capex);
    let materials = leapfrog_factory::cell_materials_usd_per_kwh(&cost, &p.design);
    let steady = cost.cell_price_usd_per_kwh;
    let b = &cost.price_per_pack;
    let conversion = (b.price_usd - b.materials_usd).max(f64::MIN_POSITIVE);
    let cash_share =
        ((conversion - b.depreciation_usd - b.profit_usd) / conversion).clamp(0.0, 1.0);
    StageEconomics {
        capex_musd: cell_capex_musd(&cost) * p.draw.capex_factor,
        steady_usd_per_kwh: steady,
        steady_cash_usd_per_kwh: materials + (steady - materials).max(0.0) * cash_share,
        materials_usd_per_kwh: materials,
        delay_months: (p.control_lead_time_months * controlled_share).round(),
        lines: p.lines.group_lines(&installed),
        controlled_share,
    }
}

/// Equipment, building and construction interest of the cell-making steps (not module and
/// pack assembly), M$.
pub fn cell_capex_musd(cost: &CostResult) -> f64 {
    let r = &cost.region;
    let direct: f64 = cost
        .steps
        .iter()
        .filter(|s| s.level != StepLevel::Pack)
        .map(|s| s.capex_musd + s.floor_m2 * r.building_usd_per_m2 / 1.0e6)
        .sum();
    direct * (1.0 + r.construction_interest_fraction())
}

/// Cost per good kWh of a plant at utilisation `u` and scrap `s`, from its steady cost and the
/// materials part of it (both $/kWh at nameplate and mature scrap `mature`): fixed costs are
/// spread over what is made, and materials are bought for the cells scrapped too.
pub fn cost_per_good_kwh(steady: f64, materials: f64, u: f64, s: f64, mature: f64) -> f64 {
    (1.0 - mature) / (1.0 - s) * ((steady - materials) / u + materials)
}

/// A stage on the timeline.
struct Running {
    econ: StageEconomics,
    build_start: Option<usize>,
    production_start: Option<usize>,
    curve: Option<RampCurve>,
    gate: Option<usize>,
    first_year: (f64, f64),
    ramp_loss_usd: f64,
    debt_usd: f64,
    debt_drawn_usd: f64,
    prepayment_owed_usd: f64,
}

/// Evaluates a prepared path.
pub fn evaluate(p: &PreparedPath) -> PathResult {
    let mut run: Vec<Running> = p
        .stages
        .iter()
        .map(|s| Running {
            econ: economics(p, s),
            build_start: None,
            production_start: None,
            curve: None,
            gate: None,
            first_year: (0.0, 0.0),
            ramp_loss_usd: 0.0,
            debt_usd: 0.0,
            debt_drawn_usd: 0.0,
            prepayment_owed_usd: 0.0,
        })
        .collect();
    run[0].build_start = Some(0);
    let mut months = Vec::new();
    let (mut cumulative_gwh, mut capital_usd, mut gap_usd) = (p.prior_output_gwh, 0.0, 0.0);
    let (mut cash, mut equity, mut working_capital) = (0.0, 0.0, 0.0);
    let mut end = MAX_MONTHS;
    for t in 0..MAX_MONTHS {
        if t >= end {
            break;
        }
        schedule(p, &mut run, t, cumulative_gwh);
        let year = f64::from(p.start_year) + t as f64 / 12.0;
        let incumbent = p.incumbent.usd_per_kwh_at(year);
        let mut m = month(p, &mut run, t, incumbent * p.draw.price_factor, year);
        // Working capital follows a year's cash operating cost at this month's rate.
        let target = p.working_capital_share * 12.0 * m.flows.operating_cost_musd;
        m.flows.working_capital_musd = working_capital - target;
        working_capital = target;
        cumulative_gwh += m.good_gwh;
        capital_usd += m.spend_usd;
        gap_usd += (m.cost_usd - incumbent * m.good_gwh * 1.0e6).max(0.0);
        cash += m.flows.before_financing();
        equity += m.flows.to_equity();
        months.push(MonthPoint {
            month: t,
            year,
            good_gwh: m.good_gwh,
            usd_per_kwh: (m.good_gwh > 0.0).then(|| m.cost_usd / (m.good_gwh * 1.0e6)),
            incumbent_usd_per_kwh: incumbent,
            cumulative_capital_musd: capital_usd / 1.0e6,
            flows: m.flows,
            cumulative_cash_musd: cash,
            cumulative_equity_cash_musd: equity,
        });
        if end == MAX_MONTHS {
            let last = run.last().expect("a path has stages"); // ok: `prepare` refuses a path without stages
            if let Some(n) = nameplate_month(last) {
                end = (n + TAIL_MONTHS).min(MAX_MONTHS);
            }
        }
    }
    summarise(p, run, months, gap_usd)
}

/// Starts builds at gates and fixes each plant's ramp when it starts producing.
fn schedule(p: &PreparedPath, run: &mut [Running], t: usize, cumulative_gwh: f64) {
    for k in 0..run.len() {
        if let (Some(b), None) = (run[k].build_start, run[k].production_start) {
            let build = p.stages[k].build_months + run[k].econ.delay_months;
            if t as f64 >= b as f64 + build {
                run[k].production_start = Some(t);
                run[k].curve = Some(p.ramp.for_plant(cumulative_gwh));
            }
        }
        if k + 1 < run.len()
            && run[k + 1].build_start.is_none()
            && gate_open(&p.stages[k], &run[k], t)
        {
            run[k].gate = Some(t);
            // A draw may hold the next build back (financing, permits, equipment).
            run[k + 1].build_start = Some(t + p.draw.gate_delay_months.round() as usize);
        }
    }
}

fn gate_open(stage: &PreparedStage, r: &Running, t: usize) -> bool {
    let (Some(start), Some(curve)) = (r.production_start, r.curve) else {
        return false;
    };
    let m = (t - start) as f64;
    match (stage.gate_months, stage.gate_scrap) {
        (None, None) => curve.utilisation(m) >= NAMEPLATE_UTILISATION,
        (months, scrap) => {
            months.is_none_or(|g| m >= g) && scrap.is_none_or(|g| curve.scrap(m) <= g)
        }
    }
}

/// One month of the path's plants: what they make and cost.
struct Month {
    good_gwh: f64,
    /// Full cost of the good cells (with the return on capital), $.
    cost_usd: f64,
    /// Capex and ramp losses, $.
    spend_usd: f64,
    flows: Flows,
}

/// One month: output, full cost, capital spent and cash flows of every stage.
fn month(p: &PreparedPath, run: &mut [Running], t: usize, price: f64, year: f64) -> Month {
    let mut m = Month {
        good_gwh: 0.0,
        cost_usd: 0.0,
        spend_usd: 0.0,
        flows: Flows::default(),
    };
    for (k, r) in run.iter_mut().enumerate() {
        let stage = &p.stages[k];
        building(stage, r, t, &mut m);
        let (Some(start), Some(curve)) = (r.production_start, r.curve) else {
            continue;
        };
        let age = (t - start) as f64;
        let (u, s) = (curve.utilisation(age), curve.scrap(age));
        let good = u * stage.plant_gwh_per_yr / 12.0 * (1.0 - s) / (1.0 - curve.mature_scrap);
        let unit = |steady| {
            cost_per_good_kwh(
                steady,
                r.econ.materials_usd_per_kwh,
                u,
                s,
                curve.mature_scrap,
            )
        };
        let cost = unit(r.econ.steady_usd_per_kwh) * good * 1.0e6;
        let loss = cost - r.econ.steady_usd_per_kwh * good * 1.0e6;
        r.ramp_loss_usd += loss;
        if age < 12.0 {
            r.first_year.0 += cost;
            r.first_year.1 += good;
        }
        m.good_gwh += good;
        m.cost_usd += cost;
        m.spend_usd += loss;
        let revenue = price * good * 1.0e6;
        m.flows.revenue_musd += revenue / 1.0e6;
        m.flows.operating_cost_musd += unit(r.econ.steady_cash_usd_per_kwh) * good;
        if !stage.took_48c {
            m.flows.credit_musd += credit_usd(p, age, year) * good;
        }
        // An advance is repaid in cells: the stage's revenue goes to the offtaker until it is.
        let repaid = r.prepayment_owed_usd.min(revenue);
        r.prepayment_owed_usd -= repaid;
        m.flows.prepayment_musd -= repaid / 1.0e6;
        // Loans are repaid in equal parts over their tenor from the start of production.
        let principal = (r.debt_drawn_usd / stage.debt_tenor_months).min(r.debt_usd);
        r.debt_usd -= principal;
        m.flows.debt_service_musd += principal / 1.0e6;
    }
    m
}

/// A stage's spending while it builds: capex (part lent, part paid by grants) and interest.
fn building(stage: &PreparedStage, r: &mut Running, t: usize, m: &mut Month) {
    let interest = r.debt_usd * stage.cost_of_capital / 12.0;
    m.flows.debt_service_musd += interest / 1.0e6;
    let Some(b) = r.build_start else {
        return;
    };
    if t == b {
        r.prepayment_owed_usd += stage.prepayment_musd * 1.0e6;
        m.flows.prepayment_musd += stage.prepayment_musd;
    }
    let build = stage.build_months + r.econ.delay_months;
    if t >= b && (t as f64) < b as f64 + build {
        let capex = r.econ.capex_musd * 1.0e6 / build;
        m.spend_usd += capex;
        m.flows.capex_musd += capex / 1.0e6;
        m.flows.grant_musd += stage.grant_musd.min(r.econ.capex_musd) / build;
        let lent = capex * stage.debt_share;
        r.debt_usd += lent;
        r.debt_drawn_usd += lent;
        m.flows.debt_drawn_musd += lent / 1.0e6;
    }
}

/// The production credit received per good kWh, M$ per GWh: in full while elective payment
/// lasts, at the transfer price after.
fn credit_usd(p: &PreparedPath, age_months: f64, year: f64) -> f64 {
    let Some(c) = &p.credit else {
        return 0.0;
    };
    let face = c.usd_per_kwh(year.floor() as i32);
    let received = if age_months < 12.0 * c.elective_pay_years {
        1.0
    } else {
        c.transfer_price
    };
    face * received
}

fn nameplate_month(r: &Running) -> Option<usize> {
    let start = r.production_start?;
    let m = r.curve?.months_to_nameplate().ceil();
    Some(start + m as usize)
}

fn summarise(
    p: &PreparedPath,
    run: Vec<Running>,
    months: Vec<MonthPoint>,
    gap_usd: f64,
) -> PathResult {
    let horizon = months.len();
    let incumbent_at = |t: usize| {
        (t < horizon).then(|| {
            p.incumbent
                .usd_per_kwh_at(f64::from(p.start_year) + t as f64 / 12.0)
        })
    };
    let mut cumulative = 0.0;
    let stages: Vec<StageResult> = run
        .into_iter()
        .zip(&p.stages)
        .map(|(r, s)| {
            let nameplate = nameplate_month(&r).filter(|n| *n < horizon);
            cumulative += r.econ.capex_musd + r.ramp_loss_usd / 1.0e6;
            StageResult {
                id: s.id.clone(),
                plant_gwh_per_yr: s.plant_gwh_per_yr,
                financing: s.financing.clone(),
                cost_of_capital: s.cost_of_capital,
                lines: r.econ.lines,
                capex_musd: r.econ.capex_musd,
                capex_musd_per_gwh: r.econ.capex_musd / s.plant_gwh_per_yr,
                controlled_equipment_share: r.econ.controlled_share,
                build_start_month: r.build_start,
                production_start_month: r.production_start,
                nameplate_month: nameplate,
                gate_month: r.gate,
                start_scrap: r.curve.map_or(p.ramp.start_scrap, |c| c.start_scrap),
                steady_usd_per_kwh: r.econ.steady_usd_per_kwh,
                first_year_usd_per_kwh: (r.first_year.1 > 0.0)
                    .then(|| r.first_year.0 / (r.first_year.1 * 1.0e6)),
                incumbent_usd_per_kwh_at_nameplate: nameplate.and_then(incumbent_at),
                ramp_loss_musd: r.ramp_loss_usd / 1.0e6,
                cumulative_capital_musd: cumulative,
            }
        })
        .collect();
    let ratio = |m: &MonthPoint| m.usd_per_kwh.map(|c| c / m.incumbent_usd_per_kwh);
    let last = stages.last().expect("a path has stages"); // ok: `prepare` refuses a path without stages
    PathResult {
        path: p.path_id.clone(),
        chemistry: p.chemistry.clone(),
        region: p.region.clone(),
        variant: p.variant.clone(),
        equipment_control: p.equipment_control.clone(),
        start_year: p.start_year,
        incumbent_chemistry: p.incumbent_chemistry.clone(),
        incumbent_region: p.incumbent_region.clone(),
        incumbent: p.incumbent,
        capex_musd: stages.iter().map(|s| s.capex_musd).sum(),
        ramp_loss_musd: stages.iter().map(|s| s.ramp_loss_musd).sum(),
        capex_and_ramp_loss_musd: cumulative,
        capital_needed_musd: -months
            .iter()
            .map(|m| m.cumulative_cash_musd)
            .fold(0.0, f64::min),
        equity_needed_musd: -months
            .iter()
            .map(|m| m.cumulative_equity_cash_musd)
            .fold(0.0, f64::min),
        capital_needed_month: months
            .iter()
            .min_by(|a, b| a.cumulative_cash_musd.total_cmp(&b.cumulative_cash_musd))
            .map_or(0, |m| m.month),
        price_gap_musd: gap_usd / 1.0e6,
        months_to_last_nameplate: last.nameplate_month,
        parity_month: months
            .iter()
            .find(|m| ratio(m).is_some_and(|r| r <= 1.0))
            .map(|m| m.month),
        closest_cost_ratio: months.iter().filter_map(ratio).reduce(f64::min),
        final_gap_usd_per_kwh: last
            .incumbent_usd_per_kwh_at_nameplate
            .map(|i| last.steady_usd_per_kwh - i),
        stages,
        months,
    }
}
