//! leapfrog-report: assembles the assessment from the dataset and the analyses, and renders
//! it as self-contained HTML (inline SVG), JSON (every number shown) and Markdown.

pub mod chemistry;
pub mod factory;
mod html;
mod markdown;
pub mod price_basis;
pub mod regions;
pub mod supply;
mod svg;

pub use html::render_html;
pub use markdown::render_markdown;

use leapfrog_data::{Blame, Blamed};
use leapfrog_data::{Dataset, LearningRateEstimate, Sector, Source};
use leapfrog_market::capex::{self, CapexFilter, CapexRow, CapexStats, GroupBy};
use leapfrog_market::concentration::{self, Concentration};
use leapfrog_market::learning::{self, LearningData, Projection, WrightFit};
use leapfrog_market::MarketError;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Assessment {
    pub title: String,
    pub generator: String,
    pub dataset: DatasetSummary,
    pub capex: CapexSection,
    pub learning: Vec<LearningSection>,
    pub capacity: Vec<CapacityTable>,
    pub chemistry: chemistry::ChemistrySection,
    pub factory: factory::FactorySection,
    pub supply: supply::SupplySection,
    pub sectors: Vec<Sector>,
    pub sources: Vec<Source>,
}

#[derive(Debug, Serialize)]
pub struct DatasetSummary {
    pub files: Vec<String>,
    pub sources: usize,
    pub projects: usize,
    pub share_tables: usize,
}

#[derive(Debug, Serialize)]
pub struct CapexSection {
    pub usd_basis: String,
    pub projects: Vec<CapexRow>,
    pub undisclosed: Vec<String>,
    pub by_group: Vec<CapexStats>,
    pub by_country: Vec<CapexStats>,
    pub comparisons: Vec<Comparison>,
}

/// A published comparison set beside leapfrog's own statistics for it.
#[derive(Debug, Serialize)]
pub struct Comparison {
    pub set: String,
    pub label: String,
    pub stats: CapexStats,
    pub published_musd_per_gwh: Option<f64>,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct LearningSection {
    pub data: LearningData,
    pub fit: WrightFit,
    /// Projection at twice the last cumulative volume.
    pub projection: Projection,
    pub published: Vec<LearningRateEstimate>,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct CapacityTable {
    pub id: String,
    pub title: String,
    pub year: i32,
    pub dimension: String,
    pub concentration: Concentration,
    pub china_share: f64,
    pub source: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Market(#[from] MarketError),
    #[error(transparent)]
    Cell(#[from] leapfrog_cell::CellError),
    #[error(transparent)]
    Factory(#[from] leapfrog_factory::FactoryError),
    #[error(transparent)]
    Supply(#[from] leapfrog_supply::SupplyError),
    #[error("{0}")]
    Empty(String),
}

impl Blamed for ReportError {
    fn blame(&self) -> Blame {
        match self {
            ReportError::Market(e) => e.blame(),
            ReportError::Cell(e) => e.blame(),
            ReportError::Factory(e) => e.blame(),
            ReportError::Supply(e) => e.blame(),
            // A section with nothing to show is a data folder that removed what it needs.
            ReportError::Empty(_) => Blame::User,
        }
    }
}

/// Runs every analysis of the assessment on the dataset.
pub fn assess(data: &Dataset) -> Result<Assessment, ReportError> {
    let capex = capex_section(data)?;
    let learning = data
        .learning_series
        .iter()
        .map(|l| learning_section(data, &l.id))
        .collect::<Result<Vec<_>, _>>()?;
    let capacity = data
        .share_tables
        .iter()
        .map(|t| capacity_table(data, &t.id))
        .collect::<Result<Vec<_>, _>>()?;
    let factory = factory::section(data, &capex.projects)?;
    let assessment = Assessment {
        title: "leapfrog assessment: battery chemistries, manufacturing capex, learning, concentration and supply chains"
            .into(),
        generator: format!("leapfrog {}", env!("CARGO_PKG_VERSION")),
        dataset: DatasetSummary {
            files: data.files.iter().map(|(n, _)| n.clone()).collect(),
            sources: data.sources.len(),
            projects: data.projects.len(),
            share_tables: data.share_tables.len(),
        },
        capex,
        learning,
        capacity,
        chemistry: chemistry::section(data)?,
        factory,
        supply: supply::section(data)?,
        sectors: data.sectors.clone(),
        sources: Vec::new(),
    };
    Ok(with_cited_sources(data, assessment))
}

fn capex_section(data: &Dataset) -> Result<CapexSection, ReportError> {
    let (mut rows, undisclosed) = capex::capex_rows(data, &CapexFilter::default())?;
    rows.sort_by(|a, b| a.musd_per_gwh.total_cmp(&b.musd_per_gwh));
    let comparisons = data
        .project_sets
        .iter()
        .map(|s| {
            let f = CapexFilter {
                set: Some(s.id.clone()),
                ..Default::default()
            };
            let (set_rows, _) = capex::capex_rows(data, &f)?;
            let stats = capex::summarize(&s.label, &set_rows).ok_or_else(|| {
                ReportError::Empty(format!(
                    "project set `{}` has no project with an investment",
                    s.id
                ))
            })?;
            Ok(Comparison {
                set: s.id.clone(),
                label: s.label.clone(),
                stats,
                published_musd_per_gwh: s.published_musd_per_gwh,
                source: s.source.clone(),
            })
        })
        .collect::<Result<Vec<_>, ReportError>>()?;
    Ok(CapexSection {
        usd_basis: "US dollars at the announcement year's average exchange rate (Federal Reserve G.5A), not restated for inflation".into(),
        by_group: capex::group(&rows, GroupBy::HqGroup),
        by_country: capex::group(&rows, GroupBy::Country),
        projects: rows,
        undisclosed,
        comparisons,
    })
}

fn learning_section(data: &Dataset, id: &str) -> Result<LearningSection, ReportError> {
    let ld = learning::learning_data(data, id)?;
    let fit = ld.fit()?;
    let last = ld
        .points
        .iter()
        .map(|p| p.cumulative_gwh)
        .fold(0.0, f64::max);
    let projection = fit.project(2.0 * last)?;
    let source = data
        .learning_series(id)
        .map_or(String::new(), |l| l.source.clone());
    Ok(LearningSection {
        data: ld,
        fit,
        projection,
        published: data.learning_rates.clone(),
        source,
    })
}

fn capacity_table(data: &Dataset, id: &str) -> Result<CapacityTable, ReportError> {
    let t = concentration::table(data, id)?;
    let china: Vec<String> = match t.dimension {
        leapfrog_data::ShareDimension::Country => vec!["CN".into()],
        leapfrog_data::ShareDimension::Company => data
            .companies
            .iter()
            .filter(|c| c.hq_country == "CN")
            .map(|c| c.id.clone())
            .collect(),
    };
    let c = concentration::of_table(t, 3, &china)?;
    Ok(CapacityTable {
        id: t.id.clone(),
        title: t.title.clone(),
        year: t.year,
        dimension: format!("{:?}", t.dimension).to_lowercase(),
        china_share: c.set_share.unwrap_or(0.0),
        concentration: c,
        source: t.source.clone(),
    })
}

/// Keeps, in bibliography order, the sources the report cites.
fn with_cited_sources(data: &Dataset, mut a: Assessment) -> Assessment {
    let json = serde_json::to_string(&a).unwrap_or_default();
    a.sources = data
        .sources
        .iter()
        .filter(|s| json.contains(&format!("\"{}\"", s.id)))
        .cloned()
        .collect();
    a
}

/// Short label for a source id: "publisher, year".
pub fn cite(data_sources: &[Source], id: &str) -> String {
    if id == "assumption" {
        return "assumption (see note)".into();
    }
    data_sources
        .iter()
        .find(|s| s.id == id)
        .map_or(id.to_string(), |s| format!("{} ({})", s.id, s.year))
}
