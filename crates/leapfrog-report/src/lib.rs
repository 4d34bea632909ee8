//! leapfrog-report: assembles the assessment from the dataset and the analyses, and renders
//! it as self-contained HTML (inline SVG), JSON (every number shown) and Markdown.

pub mod answers;
pub mod capacity;
pub mod capex;
pub mod chemistry;
pub mod factory;
pub mod fit;
mod html;
pub mod ip;
pub mod learning;
mod markdown;
pub mod policy;
pub mod price_basis;
pub mod regions;
pub mod scaleup;
mod section;
mod sectors;
pub mod summary;
pub mod supply;
mod svg;

pub use html::render_html;
pub use markdown::render_markdown;

pub use capacity::CapacityTable;
pub use capex::{CapexSection, Comparison};
use leapfrog_data::{Blame, Blamed};
pub use learning::LearningSection;

use leapfrog_data::{Dataset, Sector, Source};
use leapfrog_market::MarketError;
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(Debug)]
pub struct Assessment {
    pub title: String,
    pub generator: String,
    pub dataset: DatasetSummary,
    pub summary: summary::Summary,
    pub capex: CapexSection,
    pub learning: Vec<LearningSection>,
    pub capacity: Vec<CapacityTable>,
    pub chemistry: chemistry::ChemistrySection,
    pub factory: factory::FactorySection,
    pub supply: supply::SupplySection,
    pub sectors: Vec<Sector>,
    pub sector_fit: fit::SectorFitSection,
    pub ip: ip::IpSection,
    pub scaleup: scaleup::ScaleupSection,
    pub policy: policy::PolicySection,
    pub sources: Vec<Source>,
}

#[derive(Debug, serde::Serialize)]
pub struct DatasetSummary {
    pub files: Vec<String>,
    pub sources: usize,
    pub projects: usize,
    pub share_tables: usize,
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
    #[error(transparent)]
    Mission(#[from] leapfrog_mission::MissionError),
    #[error(transparent)]
    Ip(#[from] leapfrog_ip::IpError),
    #[error(transparent)]
    Scaleup(#[from] leapfrog_scaleup::ScaleupError),
    #[error(transparent)]
    Policy(#[from] leapfrog_policy::PolicyError),
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
            ReportError::Mission(e) => e.blame(),
            ReportError::Ip(e) => e.blame(),
            ReportError::Scaleup(e) => e.blame(),
            ReportError::Policy(e) => e.blame(),
            // A section with nothing to show is a data folder that removed what it needs.
            ReportError::Empty(_) => Blame::User,
        }
    }
}

/// Runs every analysis of the assessment on the dataset.
pub fn assess(data: &Dataset) -> Result<Assessment, ReportError> {
    assess_reporting(data, &mut |_| {})
}

/// As `assess`, naming each analysis to `stage` as it starts (for a progress line).
pub fn assess_reporting(
    data: &Dataset,
    stage: &mut dyn FnMut(&str),
) -> Result<Assessment, ReportError> {
    stage("capex");
    let capex = capex::section(data)?;
    stage("learning and capacity");
    let learning = data
        .learning_series
        .iter()
        .map(|l| learning::section(data, &l.id))
        .collect::<Result<Vec<_>, _>>()?;
    let capacity = data
        .share_tables
        .iter()
        .map(|t| capacity::table(data, &t.id))
        .collect::<Result<Vec<_>, _>>()?;
    stage("factory");
    let factory = factory::section(data, &capex.projects)?;
    stage("chemistry and supply");
    let chemistry = chemistry::section(data)?;
    let supply = supply::section(data)?;
    stage("sector fit");
    let sector_fit = fit::section(data)?;
    stage("licences and scale-up");
    let ip = ip::section(data)?;
    let scaleup = scaleup::section(data)?;
    stage("policy Monte Carlo");
    let policy = policy::section(data)?;
    stage("summary");
    let mut assessment = Assessment {
        title: "leapfrog assessment: should the U.S. worry about depending on China for batteries, what strategy competes, and how does it keep its next inventions?"
            .into(),
        generator: format!("leapfrog {}", env!("CARGO_PKG_VERSION")),
        dataset: DatasetSummary {
            files: data.files.iter().map(|(n, _)| n.clone()).collect(),
            sources: data.sources.len(),
            projects: data.projects.len(),
            share_tables: data.share_tables.len(),
        },
        summary: summary::Summary::empty(
            summary::generated_date()?,
            summary::DataAsOf {
                rules: policy.rules_as_of.clone(),
                newest_source_year: data.sources.iter().map(|s| s.year).max().unwrap_or(0),
            },
        ),
        capex,
        learning,
        capacity,
        chemistry,
        factory,
        supply,
        sectors: data.sectors.clone(),
        sector_fit,
        ip,
        scaleup,
        policy,
        sources: Vec::new(),
    };
    assessment.summary.findings = summary::findings(&assessment);
    assessment.summary.answers = answers::answers(data, &assessment)?;
    Ok(with_cited_sources(data, assessment))
}

/// report.json: the title, generator and dataset, then every section in reading order (the
/// list HTML and Markdown walk), then the bibliography.
impl Serialize for Assessment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("title", &self.title)?;
        map.serialize_entry("generator", &self.generator)?;
        map.serialize_entry("dataset", &self.dataset)?;
        for s in section::sections(self) {
            map.serialize_entry(s.key(), s.json())?;
        }
        map.serialize_entry("sources", &self.sources)?;
        map.end()
    }
}

/// Keeps, in bibliography order, the sources the report cites.
fn with_cited_sources(data: &Dataset, mut a: Assessment) -> Assessment {
    let json = serde_json::to_string(&a).unwrap_or_default();
    // A section may cite a source in its prose only (a link in its HTML), not in its data.
    let html: String = section::sections(&a)
        .iter()
        .map(|s| s.html().into_string())
        .collect();
    a.sources = data
        .sources
        .iter()
        .filter(|s| {
            json.contains(&format!("\"{}\"", s.id))
                || html.contains(&format!("href=\"#src-{}\"", s.id))
        })
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
