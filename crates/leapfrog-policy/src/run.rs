//! One run of the annual model.
//!
//! Each year: capacity that was building arrives; new chemistries enter (the U.S. entrant by
//! the scale-up path, with the IP-leak share of its plant licensed to China, and China's own
//! copy after the imitation lag); allied makers add U.S. plants. Every producer's cost is its
//! materials plus the learning part at its experience, `(E / E_ref)^-b`, where E is its own
//! cumulative output plus the spill-over shares of the same chemistry elsewhere and of other
//! chemistries at home (plus, in the U.S., the FDI share of allied makers' experience). Demand
//! in each sector and market (U.S., rest of world) is met after procurement in merit order of
//! delivered cash cost (materials, labour and variable overhead, plus the tariff on the full
//! cost, freight, less 45X for U.S. plants) from each producer's capacity, shared over the
//! markets it may serve: a built plant runs while it covers its cash cost. The price is the
//! marginal supplier's delivered cash cost, or, where capacity falls short, the dearest seller's
//! delivered full cost. A producer that sold out at a margin over its full cost builds more,
//! arriving after the decision lead and its region's construction time; capital levers (cost
//! of capital, grants, depreciation, equipment controls) move only the full cost.

use crate::levers::Levers;
use crate::model::Model;
use serde::Serialize;

/// The uncertain inputs of one run.
#[derive(Debug, Clone, Serialize)]
pub struct Draw {
    /// Per chemistry.
    pub learning_rate: Vec<f64>,
    /// Per sector.
    pub growth: Vec<f64>,
    pub spill_region: f64,
    pub spill_chemistry: f64,
    pub build_rate: f64,
    /// Multiplier on U.S. capital costs.
    pub capex_us: f64,
    /// Multiplier on Chinese capital costs.
    pub capex_cn: f64,
    /// Multiplier on material prices (the world's).
    pub materials: f64,
    /// China's material prices over the world's, drawn apart: its makers buy at home.
    pub materials_cn: f64,
    /// A uniform draw in [0, 1) that times a change of law: the package's reversible levers
    /// are taken back in the first year t after the start with (1 - rate)^t at most this draw
    /// (see [`reversal_index`]); 0, the central value, never comes.
    pub reversal: f64,
}

impl Draw {
    /// Every input at its central value.
    pub fn central(m: &Model) -> Draw {
        Draw {
            learning_rate: m.learning_rate.iter().map(|l| l.1).collect(),
            growth: m.sectors.iter().map(|s| s.growth.1).collect(),
            spill_region: m.spill_region.1,
            spill_chemistry: m.spill_chemistry.1,
            build_rate: m.build_rate.1,
            capex_us: 1.0,
            capex_cn: 1.0,
            materials: 1.0,
            materials_cn: 1.0,
            reversal: 0.0,
        }
    }
}

/// The year index from which a change of law takes back the package's reversible levers,
/// if it comes within the run: the first year t after the start whose chance of the levers
/// surviving, (1 - rate)^t, is at most the draw.
pub fn reversal_index(levers: &Levers, draw: f64, years: usize) -> Option<usize> {
    let rate = levers.reversal_rate();
    if rate <= 0.0 || draw <= 0.0 {
        return None;
    }
    (1..years).find(|t| (1.0 - rate).powi(*t as i32) <= draw)
}

/// What one run produces, by year (index into `Model::years`).
#[derive(Debug, Clone, Serialize)]
pub struct RunResult {
    /// [chemistry][year]: U.S. cost over China's, less 1.
    pub us_cost_gap: Vec<Vec<f64>>,
    /// [producer][year]: full cost, $/kWh (materials, labour, overhead, depreciation, return on
    /// capital, profit and warranty): what building a plant must recover.
    pub cost: Vec<Vec<f64>>,
    /// [producer][year]: cash cost, $/kWh (materials, labour, variable overhead): what a built
    /// plant's output must cover, and the order plants run in.
    pub cash_cost: Vec<Vec<f64>>,
    /// [producer][year], GWh.
    pub production: Vec<Vec<f64>>,
    /// [producer][year], GWh/yr.
    pub capacity: Vec<Vec<f64>>,
    /// [sector][year]: U.S. plants' share of the sector's world supply.
    pub us_share: Vec<Vec<f64>>,
    /// [sector][year]: the U.S. market's price, $/kWh.
    pub us_price: Vec<Vec<f64>>,
    /// [year]: U.S. plants' share of all sectors' supply.
    pub us_share_total: Vec<f64>,
    /// [year]: U.S. plants' revenue, B$.
    pub value_captured_busd: Vec<f64>,
    /// [chemistry][sector][year]: U.S. plants' share of the sector's supply with this chemistry.
    pub us_share_by_chemistry: Vec<Vec<Vec<f64>>>,
    /// [chemistry][sector]: U.S. plants' revenue from the chemistry in the sector, B$, all years.
    pub value_by_chemistry_busd: Vec<Vec<f64>>,
    /// [chemistry][sector]: value added at basic prices, B$, all years: the same revenue plus
    /// the 45X and procurement premium paid on that output, less the imported materials in
    /// it (what U.S. plants add).
    pub value_added_by_chemistry_busd: Vec<Vec<f64>>,
    /// [year]: U.S. plants' value added, B$.
    pub value_added_busd: Vec<f64>,
    /// [year]: demand no capacity could meet, GWh.
    pub unmet_gwh: Vec<f64>,
    /// [year]: what the package costs the Treasury and the states, M$, by [`FISCAL`] item.
    pub fiscal_musd: Vec<[f64; 4]>,
}

/// The fiscal items of [`RunResult::fiscal_musd`]: 45X paid on U.S. output; state grants on
/// the capital of U.S. capacity as it starts; what procurement pays over the U.S. market price;
/// and the tax deferred by depreciation faster than current law's, at the U.S. cost of capital
/// (its present value in the year the plant starts; 0 under current law by definition).
pub const FISCAL: [&str; 4] = [
    "credit_45x",
    "state_grants",
    "procurement_premium",
    "depreciation",
];

/// Buffers reused across years.
struct State {
    capacity: Vec<f64>,
    cumulative: Vec<f64>,
    arrivals: Vec<Vec<f64>>,
    cost: Vec<f64>,
    /// [producer] cash cost, $/kWh: materials, labour and variable overhead (dispatch).
    cash: Vec<f64>,
    /// [producer] the materials in it, $/kWh (shocks included).
    materials: Vec<f64>,
    sold: Vec<f64>,
    margin: Vec<f64>,
    /// [producer] capacity that started this year, GWh/yr.
    started: Vec<f64>,
    /// [producer] Wright's-law factor this year (capital learns with the rest).
    factor: Vec<f64>,
}

/// Runs the model once.
pub fn run(m: &Model, levers: &Levers, draw: &Draw) -> RunResult {
    let (ny, np, nk, ns) = (
        m.years.len(),
        m.producers(),
        m.chemistries.len(),
        m.sectors.len(),
    );
    let mut st = State {
        capacity: m.capacity.clone(),
        cumulative: m.cumulative.clone(),
        arrivals: vec![vec![0.0; np]; ny + 16],
        cost: vec![0.0; np],
        cash: vec![0.0; np],
        materials: vec![0.0; np],
        sold: vec![0.0; np],
        margin: vec![0.0; np],
        started: vec![0.0; np],
        factor: vec![1.0; np],
    };
    let mut out = RunResult {
        us_cost_gap: vec![vec![0.0; ny]; nk],
        cost: vec![vec![0.0; ny]; np],
        cash_cost: vec![vec![0.0; ny]; np],
        production: vec![vec![0.0; ny]; np],
        capacity: vec![vec![0.0; ny]; np],
        us_share: vec![vec![0.0; ny]; ns],
        us_price: vec![vec![0.0; ny]; ns],
        us_share_total: vec![0.0; ny],
        value_captured_busd: vec![0.0; ny],
        us_share_by_chemistry: vec![vec![vec![0.0; ny]; ns]; nk],
        value_by_chemistry_busd: vec![vec![0.0; ns]; nk],
        value_added_by_chemistry_busd: vec![vec![0.0; ns]; nk],
        value_added_busd: vec![0.0; ny],
        unmet_gwh: vec![0.0; ny],
        fiscal_musd: vec![[0.0; 4]; ny],
    };
    let reversal = reversal_index(levers, draw.reversal, m.years.len());
    let reverted = reversal.map(|_| levers.reverted());
    for (i, &year) in m.years.iter().enumerate() {
        // Builders read the law in force, not its chance of reversal.
        let levers = match (&reverted, reversal) {
            (Some(back), Some(at)) if i >= at => back,
            _ => levers,
        };
        add_capacity(m, levers, &mut st, i, year);
        costs(m, levers, draw, &mut st, year);
        let mut y = YearMarkets::new(m, draw, year, i);
        y.clear(m, levers, &mut st, year);
        record(m, levers, &st, &y, &mut out, i);
        out.fiscal_musd[i] = fiscal(m, levers, draw, &st, &y, year);
        for p in 0..np {
            st.cumulative[p] += st.sold[p];
        }
        build(m, levers, draw, &mut st, i);
    }
    out
}

/// Arrivals, entries and allied makers' plants.
fn add_capacity(m: &Model, levers: &Levers, st: &mut State, i: usize, year: i32) {
    st.started.copy_from_slice(&st.arrivals[i]);
    for (p, a) in st.arrivals[i].iter().enumerate() {
        st.capacity[p] += a;
    }
    for (k, entry) in m.entry.iter().enumerate() {
        let Some(e) = entry else { continue };
        let (us, cn) = (m.producer(m.us, k), m.producer(m.cn, k));
        if year == e.year {
            // Only the holder of a U.S. invention can license its production abroad; a
            // chemistry invented elsewhere (or with no chain on record) enters in full.
            let (leak, licensee) = match &m.ip_origin[k] {
                Some(o) if o.us_invented => {
                    (levers.ip_leak_share, m.producer(o.licensee_region, k))
                }
                _ => (0.0, cn),
            };
            st.capacity[us] += (1.0 - leak) * e.capacity_gwh;
            st.started[us] += (1.0 - leak) * e.capacity_gwh;
            st.cumulative[us] += e.cumulative_gwh;
            st.capacity[licensee] += leak * e.capacity_gwh;
            st.started[licensee] += leak * e.capacity_gwh;
            st.cumulative[licensee] += leak * e.cumulative_gwh;
        }
        if year == e.year + m.imitation_lag_years.round() as i32 {
            st.capacity[cn] += e.capacity_gwh;
            st.cumulative[cn] += 0.01;
        }
    }
    let established: f64 = (0..m.chemistries.len())
        .filter(|k| !m.new_chemistry[*k])
        .map(|k| share_of(m, k))
        .sum();
    if year > m.years[0] && established > 0.0 {
        for k in (0..m.chemistries.len()).filter(|k| !m.new_chemistry[*k]) {
            let fdi = levers.fdi_gwh_per_year * share_of(m, k) / established;
            st.capacity[m.producer(m.us, k)] += fdi;
            st.started[m.producer(m.us, k)] += fdi;
        }
    }
    // A past year runs on the capacity that was there.
    if let Some(h) = m.history.get(i) {
        st.capacity.copy_from_slice(&h.capacity);
        st.started.fill(0.0);
    }
}

/// A chemistry's share of non-Chinese starting capacity (how allied makers' plants split).
fn share_of(m: &Model, k: usize) -> f64 {
    let other: f64 = (0..m.regions.len())
        .filter(|r| *r != m.cn)
        .map(|r| m.capacity[m.producer(r, k)])
        .sum();
    other.max(0.0)
}

fn year_index(m: &Model, year: i32) -> usize {
    (year - m.years[0]).max(0) as usize
}

/// Wright's law: the cost multiplier at `experience` against `reference` for a learning rate
/// per doubling (the same law as `leapfrog catchup`).
pub fn learning_factor(experience: f64, reference: f64, learning_rate: f64) -> f64 {
    let b = -(1.0 - learning_rate).log2();
    (experience.max(1.0e-3) / reference).powf(-b)
}

fn costs(m: &Model, levers: &Levers, d: &Draw, st: &mut State, year: i32) {
    let nk = m.chemistries.len();
    let mut by_chemistry = vec![0.0; nk];
    let mut by_region = vec![0.0; m.regions.len()];
    for (p, q) in st.cumulative.iter().enumerate() {
        by_chemistry[p % nk] += q;
        by_region[p / nk] += q;
    }
    for p in 0..m.producers() {
        let (r, k) = (p / nk, p % nk);
        let own = st.cumulative[p];
        let mut experience = own
            + d.spill_region * (by_chemistry[k] - own)
            + d.spill_chemistry * (by_region[r] - own);
        if r == m.us {
            experience += levers.fdi_spillover
                * m.allies
                    .iter()
                    .map(|a| st.cumulative[m.producer(*a, k)])
                    .sum::<f64>();
        }
        let factor = learning_factor(experience, m.reference_cumulative[k], d.learning_rate[k]);
        st.factor[p] = factor;
        let c = &m.costs[p];
        let (capex, coc, grant) = if r == m.us {
            (
                d.capex_us,
                levers.us_cost_of_capital,
                levers.state_grant_share,
            )
        } else if r == m.cn {
            (d.capex_cn, m.region_cost_of_capital[r], 0.0)
        } else {
            (1.0, m.region_cost_of_capital[r], 0.0)
        };
        let mut capital = capex * (1.0 - grant);
        if r == m.us {
            capital *= m
                .tax
                .capital_factor(levers.us_depreciation, year, c.equipment_share, coc);
        }
        // Controls bear on a year that starts after they take effect.
        let controlled = levers.equipment_controls > 0.0
            && f64::from(year) > m.control_from_year
            && m.control_region != Some(r);
        if controlled {
            capital *= 1.0 + c.equipment_share * c.controlled_share * (m.control_cost_factor - 1.0);
        }
        // Capital levers move only the part of cost that is not cash; it cannot fall below 0.
        let cash_learning = c.learning * c.cash_share;
        let capital_part = (c.learning - cash_learning
            + (capital - 1.0) * c.per_grant_share
            + (coc - m.region_cost_of_capital[r]) * c.per_cost_of_capital)
            .max(0.0);
        let shock = levers
            .material_shock
            .get(r)
            .and_then(|by_chemistry| by_chemistry.get(k))
            .and_then(|v| v.get(year_index(m, year)))
            .copied()
            .unwrap_or(0.0);
        let prices = if r == m.cn {
            d.materials * d.materials_cn
        } else {
            d.materials
        };
        st.materials[p] = c.materials * prices + shock;
        st.cash[p] = st.materials[p] + cash_learning * factor;
        st.cost[p] = st.cash[p] + capital_part * factor;
    }
}

/// One year's markets: demand, allocation and prices.
struct YearMarkets {
    /// [sector][market] GWh still to serve.
    demand: Vec<[f64; 2]>,
    /// [sector][market] price, $/kWh.
    price: Vec<[f64; 2]>,
    /// [producer][sector][market] GWh sold.
    sold: Vec<Vec<[f64; 2]>>,
    /// [producer][sector][market] what delivery adds to a producer's cost: duty, freight, less
    /// 45X, $/kWh.
    added: Vec<Vec<[f64; 2]>>,
    /// [producer] full and cash cost, $/kWh, this year.
    full: Vec<f64>,
    cash: Vec<f64>,
    world: Vec<f64>,
    unmet: f64,
    /// (producer, sector, GWh) bought by procurement.
    procured: Vec<(usize, usize, f64)>,
}

impl YearMarkets {
    fn new(m: &Model, d: &Draw, year: i32, i: usize) -> YearMarkets {
        let past = m.history.get(i);
        let demand: Vec<[f64; 2]> = m
            .sectors
            .iter()
            .zip(&d.growth)
            .enumerate()
            .map(|(k, (s, g))| {
                if let Some(split) = past.and_then(|h| h.demand[k]) {
                    return split;
                }
                let world = s.world_gwh_in(*g, year);
                [world * s.us_share, world * (1.0 - s.us_share)]
            })
            .collect();
        let ns = m.sectors.len();
        YearMarkets {
            world: demand.iter().map(|d| d[0] + d[1]).collect(),
            price: vec![[0.0; 2]; ns],
            sold: vec![vec![[0.0; 2]; ns]; m.producers()],
            added: vec![vec![[0.0; 2]; ns]; m.producers()],
            full: vec![0.0; m.producers()],
            cash: vec![0.0; m.producers()],
            demand,
            unmet: 0.0,
            procured: Vec::new(),
        }
    }

    fn clear(&mut self, m: &Model, levers: &Levers, st: &mut State, year: i32) {
        let mut left = st.capacity.clone();
        self.procure(m, levers, &mut left);
        if let Some(h) = m.history.get(year_index(m, year)) {
            self.contract(m, &h.contracted, &mut left);
        }
        self.deliver(m, levers, st, year);
        // Markets are served in turn, the most constrained first (fewest chemistries may serve
        // them; the U.S. before the rest of the world), each from the capacity the earlier
        // markets left, in merit order of delivered cash cost: a built plant runs while its
        // output covers its cash cost, so cheaper new capacity elsewhere does not empty it.
        let mut order: Vec<usize> = Vec::with_capacity(m.producers());
        for &(s, mk) in &m.market_order {
            self.merit_order(m, s, mk, &mut left, &mut order);
        }
        for p in 0..m.producers() {
            st.sold[p] = self.sold[p].iter().map(|x| x[0] + x[1]).sum();
            st.margin[p] = (0..m.sectors.len())
                .flat_map(|s| (0..2).map(move |mk| (s, mk)))
                .filter(|(s, mk)| self.sold[p][*s][*mk] > 0.0)
                .map(|(s, mk)| self.price[s][mk] - self.delivered(p, s, mk))
                .fold(f64::NEG_INFINITY, f64::max);
        }
    }

    /// Procurement is bought first from U.S. plants of the chemistry, up to their capacity.
    fn procure(&mut self, m: &Model, levers: &Levers, left: &mut [f64]) {
        for &(s, k, gwh) in &levers.procurement {
            let p = m.producer(m.us, k);
            let take = gwh.min(left[p]).min(self.demand[s][0]);
            left[p] -= take;
            self.demand[s][0] -= take;
            self.sold[p][s][0] += take;
            self.procured.push((p, s, take));
        }
    }

    /// Contracted output runs first, in the producer's home market (U.S. plants in the U.S.,
    /// the rest in the rest of the world), to the most constrained sectors first.
    fn contract(&mut self, m: &Model, contracted: &[f64], left: &mut [f64]) {
        let nk = m.chemistries.len();
        for (p, &gwh) in contracted.iter().enumerate() {
            let mut owed = gwh.min(left[p]);
            let home = usize::from(p / nk != m.us);
            for &(s, mk) in &m.market_order {
                if owed <= 0.0 {
                    break;
                }
                if mk != home || !m.sectors[s].eligible[p % nk] {
                    continue;
                }
                let take = owed.min(self.demand[s][mk]);
                self.demand[s][mk] -= take;
                self.sold[p][s][mk] += take;
                left[p] -= take;
                owed -= take;
            }
        }
    }

    /// Delivered costs: the tariff is levied on the import's value (its full cost), freight
    /// on every border crossing, and 45X is paid on U.S. output.
    fn deliver(&mut self, m: &Model, levers: &Levers, st: &State, year: i32) {
        let nk = m.chemistries.len();
        for p in 0..m.producers() {
            self.full[p] = st.cost[p];
            self.cash[p] = st.cash[p];
            let (r, k) = (p / nk, p % nk);
            let credit = if r == m.us {
                paid_credit(m, levers, k, year)
            } else {
                0.0
            };
            let (freight_in, freight_out) = if r == m.us {
                (0.0, m.freight_usd_per_kwh)
            } else {
                (m.freight_usd_per_kwh, 0.0)
            };
            for (s, sector) in m.sectors.iter().enumerate() {
                let mut tariff = levers.tariffs * m.tariff(r, sector.ev_product, year);
                if r == m.cn {
                    tariff += levers.tariff_cn_extra;
                }
                let duty = tariff * st.cost[p];
                let into_us = freight_in + duty - credit;
                let abroad = freight_out - credit;
                self.added[p][s] = [into_us, abroad];
            }
        }
    }

    /// Delivered full cost (what building and margins read).
    fn delivered(&self, p: usize, s: usize, mk: usize) -> f64 {
        self.full[p] + self.added[p][s][mk]
    }

    /// Delivered cash cost (the merit order).
    fn delivered_cash(&self, p: usize, s: usize, mk: usize) -> f64 {
        self.cash[p] + self.added[p][s][mk]
    }

    /// Fills one market from the cheapest delivered cash cost up. The price is the last
    /// supplier's delivered cash cost; in a market that capacity cannot fill, it rises to the
    /// highest delivered full cost among those selling into it (scarcity: every seller covers
    /// its capital, and those sold out build).
    fn merit_order(
        &mut self,
        m: &Model,
        s: usize,
        mk: usize,
        left: &mut [f64],
        order: &mut Vec<usize>,
    ) {
        let nk = m.chemistries.len();
        order.clear();
        order
            .extend((0..m.producers()).filter(|p| left[*p] > 0.0 && m.sectors[s].eligible[p % nk]));
        order.sort_by(|a, b| {
            self.delivered_cash(*a, s, mk)
                .total_cmp(&self.delivered_cash(*b, s, mk))
                .then(a.cmp(b))
        });
        let mut need = self.demand[s][mk];
        let mut price = None;
        let mut dearest_full = f64::NEG_INFINITY;
        for &p in order.iter() {
            if need <= 0.0 {
                break;
            }
            let take = left[p].min(need);
            self.sold[p][s][mk] += take;
            left[p] -= take;
            need -= take;
            price = Some(self.delivered_cash(p, s, mk));
            dearest_full = dearest_full.max(self.delivered(p, s, mk));
        }
        if need > 1.0e-9 {
            self.unmet += need;
            price = price.map(|cash| cash.max(dearest_full));
        }
        // A market served only by procurement (or not at all) is priced at the cheapest offer.
        self.price[s][mk] = price
            .or_else(|| order.first().map(|p| self.delivered(*p, s, mk)))
            .unwrap_or(0.0);
    }
}

fn record(m: &Model, levers: &Levers, st: &State, y: &YearMarkets, out: &mut RunResult, i: usize) {
    let nk = m.chemistries.len();
    for p in 0..m.producers() {
        out.cost[p][i] = st.cost[p];
        out.cash_cost[p][i] = st.cash[p];
        out.production[p][i] = st.sold[p];
        out.capacity[p][i] = st.capacity[p];
    }
    for k in 0..nk {
        out.us_cost_gap[k][i] = st.cost[m.producer(m.us, k)] / st.cost[m.producer(m.cn, k)] - 1.0;
    }
    let (mut us_all, mut world_all, mut value, mut added_all) = (0.0, 0.0, 0.0, 0.0);
    for (s, world) in y.world.iter().enumerate() {
        let mut us = 0.0;
        for k in 0..nk {
            let p = m.producer(m.us, k);
            let sold = y.sold[p][s][0] + y.sold[p][s][1];
            let revenue = y.sold[p][s][0] * y.price[s][0] + y.sold[p][s][1] * y.price[s][1];
            let imported = sold * st.materials[p] * (1.0 - m.us_material_domestic_share[k]);
            // At basic prices: a producer's 45X and what procurement pays over the market
            // price are part of what its output earns (the model's offers pass the credit on,
            // so the market price alone understates it).
            let credit = sold * paid_credit(m, levers, k, m.years[i]);
            let premium: f64 = y
                .procured
                .iter()
                .filter(|(q, t, _)| *q == p && *t == s)
                .map(|(_, _, gwh)| gwh * (y.delivered(p, s, 0) - y.price[s][0]).max(0.0))
                .sum();
            let added = revenue + credit + premium - imported;
            us += sold;
            value += revenue;
            added_all += added;
            out.us_share_by_chemistry[k][s][i] = share(sold, *world);
            out.value_by_chemistry_busd[k][s] += revenue / 1.0e3;
            out.value_added_by_chemistry_busd[k][s] += added / 1.0e3;
        }
        out.us_share[s][i] = share(us, *world);
        out.us_price[s][i] = y.price[s][0];
        us_all += us;
        world_all += world;
    }
    out.us_share_total[i] = share(us_all, world_all);
    out.value_captured_busd[i] = value / 1.0e3;
    out.value_added_busd[i] = added_all / 1.0e3;
    out.unmet_gwh[i] = y.unmet;
}

pub(crate) fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        part / whole
    } else {
        0.0
    }
}

/// Producers that sold out at a margin add capacity; procurement is covered by U.S. plants.
fn build(m: &Model, levers: &Levers, d: &Draw, st: &mut State, i: usize) {
    let nk = m.chemistries.len();
    for p in 0..m.producers() {
        let r = p / nk;
        let construction = if r == m.us {
            levers.us_construction_years
        } else {
            m.construction_years[r]
        };
        let arrive = i + (m.build_lead_years + construction).ceil().max(1.0) as usize;
        if arrive >= st.arrivals.len() {
            continue;
        }
        let pipeline: f64 = st.arrivals[i + 1..].iter().map(|a| a[p]).sum();
        let margin = st.margin[p] + credit_change(m, levers, p, i, arrive);
        let mut add = 0.0;
        if st.capacity[p] > 0.0 && st.sold[p] >= 0.95 * st.capacity[p] && margin > 0.0 {
            add += d.build_rate * st.capacity[p];
        }
        if r == m.us {
            let procured: f64 = levers
                .procurement
                .iter()
                .filter(|(_, k, _)| *k == p % nk)
                .map(|x| x.2)
                .sum();
            add += (procured - st.capacity[p] - pipeline - add).max(0.0);
        }
        st.arrivals[arrive][p] += add;
    }
}

/// 45X per kWh a U.S. plant of chemistry `k` is paid in `year` under the levers, $/kWh.
fn paid_credit(m: &Model, levers: &Levers, k: usize, year: i32) -> f64 {
    levers.credit_45x * m.rules.credit(k, year, levers.credit_45x_until)
}

/// What 45X will pay a U.S. producer's new plant in the year it starts, less what it pays now:
/// the statute's phase-down is known when the plant is committed, so a builder reads this
/// year's prices and costs but the credit of the year its capacity arrives (without this, a
/// plant committed at the full credit arrives into the phase-down and strands).
fn credit_change(m: &Model, levers: &Levers, p: usize, now: usize, arrive: usize) -> f64 {
    let nk = m.chemistries.len();
    if p / nk != m.us {
        return 0.0;
    }
    let credit = |i: usize| {
        let year = m.years[0] + i as i32;
        paid_credit(m, levers, p % nk, year)
    };
    credit(arrive) - credit(now)
}

/// One year's fiscal items, M$ (see [`FISCAL`]).
fn fiscal(
    m: &Model,
    levers: &Levers,
    d: &Draw,
    st: &State,
    y: &YearMarkets,
    year: i32,
) -> [f64; 4] {
    let nk = m.chemistries.len();
    let mut items = [0.0; 4];
    for k in 0..nk {
        let p = m.producer(m.us, k);
        let credit = paid_credit(m, levers, k, year);
        items[0] += credit * st.sold[p];
        let c = &m.costs[p];
        let capital = st.started[p] * c.capex_musd_per_gwh * d.capex_us * st.factor[p];
        items[1] += levers.state_grant_share * capital;
        let coc = levers.us_cost_of_capital;
        let law = m.tax.capital_factor(0.0, year, c.equipment_share, coc);
        let lever = m
            .tax
            .capital_factor(levers.us_depreciation, year, c.equipment_share, coc);
        let net = capital * (1.0 - levers.state_grant_share);
        items[3] += net * (1.0 - m.tax.rate) * (law - lever);
    }
    for &(p, s, gwh) in &y.procured {
        items[2] += gwh * (y.delivered(p, s, 0) - y.price[s][0]).max(0.0);
    }
    items
}
