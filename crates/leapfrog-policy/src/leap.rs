//! The leap map: for every chemistry and sector, the U.S. outcome under a package beside the
//! mission layer's fit and the chemistry's supply exposure; and the assessment's central
//! comparison, catching up on today's chemistries for EVs against leading a new chemistry in a
//! new sector.

use crate::model::Model;
use crate::montecarlo::{Band, MonteCarlo};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct LeapRow {
    pub chemistry: String,
    pub sector: String,
    /// The mission layer's verdict on the sector's preset mission.
    pub fit: &'static str,
    pub new_chemistry: bool,
    pub us_share_2035: Band,
    pub us_share_2045: Band,
    pub value_captured_busd: Band,
    /// Revenue less the imported materials in it: what U.S. plants add.
    pub value_added_busd: Band,
    /// Share of runs in which the U.S. cost of the chemistry reaches China's by the horizon.
    pub parity_share_of_runs: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parity_median_year: Option<f64>,
    /// The chemistry's supply-chain value outside China (control basis), the 45X material test.
    pub material_assistance_ratio: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Catching up: established chemistries in EVs (U.S. share 2045 and value, medians summed).
    pub catch_up_share_2045: f64,
    pub catch_up_value_busd: f64,
    /// The same revenue less imported materials (medians summed).
    pub catch_up_value_added_busd: f64,
    /// Leading: new chemistries in the new sectors (grid storage, aviation, space): the U.S.
    /// share of their supply in 2045, each sector weighted by its 2045 GWh (medians of each
    /// chemistry's share summed within a sector).
    pub lead_share_2045: f64,
    /// The same shares averaged over the sectors without weights, shown beside the weighted
    /// figure, never in its place.
    pub lead_share_2045_unweighted: f64,
    pub lead_value_busd: f64,
    pub lead_value_added_busd: f64,
    pub lead_sectors: Vec<String>,
    /// Each lead sector's world demand in 2045 at the central growth, GWh: the weights.
    pub lead_sector_gwh_2045: Vec<(String, f64)>,
    /// The weighted share at or above which the new sectors count as won (data/policy.toml).
    pub won_share: f64,
    pub won: bool,
}

/// Per chemistry: where the licence chain says it was invented, whether the IP lever (the
/// share of a U.S. invention's production licensed abroad) applies, and the U.S. share of the
/// chemistry's world capacity.
#[derive(Debug, Clone, Serialize)]
pub struct OriginRow {
    pub chemistry: String,
    /// The `ip_technology` id in data/ip.toml; absent where the data record no chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_technology: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invented_in: Option<String>,
    pub ip_lever_applies: bool,
    /// Made at scale today (not a new chemistry entering by the scale-up path).
    pub established: bool,
    /// Where production licensed abroad goes, and why (only where the lever applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licensee_region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licensee_basis: Option<String>,
    pub us_capacity_share_2035: Band,
    pub us_capacity_share_2045: Band,
    /// The share of a U.S. plant's purchased materials made in the U.S. (the rest is
    /// imported and left out of value added).
    pub us_material_domestic_share: f64,
}

impl OriginRow {
    /// Whether the IP lever applies, and if not, why.
    pub fn ip_lever_status(&self) -> &'static str {
        match (self.ip_lever_applies, self.established, &self.invented_in) {
            (true, _, _) => "applies",
            (false, true, _) => "no: made at scale already",
            (false, false, Some(_)) => "no: invented abroad",
            (false, false, None) => "no: no chain on record",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct LeapMap {
    pub rows: Vec<LeapRow>,
    pub comparison: Comparison,
    pub origins: Vec<OriginRow>,
}

fn origins(m: &Model, mc: &MonteCarlo) -> Vec<OriginRow> {
    mc.capacity_share
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let o = m.ip_origin[k].as_ref();
            // The lever acts where a new chemistry enters; an established one's licences are
            // history, recorded in its chain.
            let applies = o.is_some_and(|o| o.us_invented) && m.entry[k].is_some();
            let licensee = o.filter(|_| applies);
            OriginRow {
                chemistry: c.chemistry.clone(),
                ip_technology: o.map(|o| o.technology.clone()),
                invented_in: o.and_then(|o| o.invented_in.clone()),
                ip_lever_applies: applies,
                established: !m.new_chemistry[k],
                licensee_region: licensee.map(|o| m.regions[o.licensee_region].clone()),
                licensee_basis: licensee.map(|o| o.licensee_basis.clone()),
                us_capacity_share_2035: c.us_share_2035,
                us_capacity_share_2045: c.us_share_2045,
                us_material_domestic_share: m.us_material_domestic_share[k],
            }
        })
        .collect()
}

/// The map from a Monte Carlo under one package.
pub fn leap_map(m: &Model, mc: &MonteCarlo) -> LeapMap {
    let rows: Vec<LeapRow> = mc
        .leap
        .iter()
        .map(|c| {
            let k = m.chemistry_index(&c.chemistry).unwrap_or(0);
            let s = m.sector_index(&c.sector).unwrap_or(0);
            let parity = &mc.parity[k];
            LeapRow {
                chemistry: c.chemistry.clone(),
                sector: c.sector.clone(),
                fit: m.sectors[s].fit[k],
                new_chemistry: m.new_chemistry[k],
                us_share_2035: c.us_share_2035,
                us_share_2045: c.us_share_2045,
                value_captured_busd: c.value_captured_busd,
                value_added_busd: c.value_added_busd,
                parity_share_of_runs: parity.share_of_runs,
                parity_median_year: parity.median_year,
                material_assistance_ratio: m.rules.material_assistance_ratio[k],
            }
        })
        .collect();
    let sum = |f: &dyn Fn(&LeapRow) -> bool, g: &dyn Fn(&LeapRow) -> f64| {
        rows.iter().filter(|r| f(r)).map(g).sum::<f64>()
    };
    let catch_up = |r: &LeapRow| !r.new_chemistry && r.sector == "ev";
    let lead = |r: &LeapRow| r.new_chemistry && r.sector != "ev";
    let weights: Vec<(String, f64)> = m
        .sectors
        .iter()
        .filter(|s| s.id != "ev")
        .map(|s| (s.id.clone(), s.world_gwh_in(s.growth.1, HORIZON)))
        .collect();
    let (weighted, unweighted) = lead_share(&rows, &weights);
    LeapMap {
        comparison: Comparison {
            catch_up_share_2045: sum(&catch_up, &|r| r.us_share_2045.p50),
            catch_up_value_busd: sum(&catch_up, &|r| r.value_captured_busd.p50),
            catch_up_value_added_busd: sum(&catch_up, &|r| r.value_added_busd.p50),
            lead_share_2045: weighted,
            lead_share_2045_unweighted: unweighted,
            lead_value_busd: sum(&lead, &|r| r.value_captured_busd.p50),
            lead_value_added_busd: sum(&lead, &|r| r.value_added_busd.p50),
            lead_sectors: weights.iter().map(|(s, _)| s.clone()).collect(),
            lead_sector_gwh_2045: weights,
            won_share: m.won_share,
            won: weighted >= m.won_share,
        },
        rows,
        origins: origins(m, mc),
    }
}

/// The year the comparison reads.
const HORIZON: i32 = 2045;

/// The U.S. share of the new sectors' supply from new chemistries in 2045: each sector's
/// share (the medians of its new chemistries summed), weighted by the sector's GWh, and the
/// plain mean over the sectors.
fn lead_share(rows: &[LeapRow], weights: &[(String, f64)]) -> (f64, f64) {
    let share = |sector: &str| -> f64 {
        rows.iter()
            .filter(|r| r.new_chemistry && r.sector == sector)
            .map(|r| r.us_share_2045.p50)
            .sum()
    };
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    if weights.is_empty() || total <= 0.0 {
        return (0.0, 0.0);
    }
    let weighted = weights.iter().map(|(s, w)| share(s) * w).sum::<f64>() / total;
    let mean = weights.iter().map(|(s, _)| share(s)).sum::<f64>() / weights.len() as f64;
    (weighted, mean)
}
