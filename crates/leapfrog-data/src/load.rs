//! Reads data files (embedded or a user's folder), layers them and validates the result.

use crate::cell_schema::*;
use crate::error::{DataError, Issue, IssueKind};
use crate::factory_schema::*;
use crate::locate::offset_line;
use crate::schema::*;
use crate::supply_schema::*;
use crate::validate;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

/// The dataset shipped inside the binary, as (display path, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "data/sources.toml",
        include_str!("../../../data/sources.toml"),
    ),
    (
        "data/regions.toml",
        include_str!("../../../data/regions.toml"),
    ),
    (
        "data/companies.toml",
        include_str!("../../../data/companies.toml"),
    ),
    (
        "data/projects.toml",
        include_str!("../../../data/projects.toml"),
    ),
    (
        "data/shares.toml",
        include_str!("../../../data/shares.toml"),
    ),
    (
        "data/prices.toml",
        include_str!("../../../data/prices.toml"),
    ),
    (
        "data/learning.toml",
        include_str!("../../../data/learning.toml"),
    ),
    (
        "data/sectors.toml",
        include_str!("../../../data/sectors.toml"),
    ),
    ("data/money.toml", include_str!("../../../data/money.toml")),
    (
        "data/materials.toml",
        include_str!("../../../data/materials.toml"),
    ),
    (
        "data/couples.toml",
        include_str!("../../../data/couples.toml"),
    ),
    (
        "data/cell_formats.toml",
        include_str!("../../../data/cell_formats.toml"),
    ),
    (
        "data/cell_designs.toml",
        include_str!("../../../data/cell_designs.toml"),
    ),
    (
        "data/commercial_cells.toml",
        include_str!("../../../data/commercial_cells.toml"),
    ),
    (
        "data/storage_systems.toml",
        include_str!("../../../data/storage_systems.toml"),
    ),
    (
        "data/factory.toml",
        include_str!("../../../data/factory.toml"),
    ),
    (
        "data/factory_regions.toml",
        include_str!("../../../data/factory_regions.toml"),
    ),
    (
        "data/price_bases.toml",
        include_str!("../../../data/price_bases.toml"),
    ),
    (
        "data/supply.toml",
        include_str!("../../../data/supply.toml"),
    ),
];

/// Lists every record kind once, as (array name in a file, field of `Dataset`, type), and
/// generates what is per-kind: the file schema, stamping origins, appending and layering.
macro_rules! record_kinds {
    ($($file:ident => $set:ident: $t:ty),* $(,)?) => {
        /// One data file: any file may hold any of these arrays of tables.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct DataFile {
            $(#[serde(default)] $file: Vec<$t>,)*
        }

        impl DataFile {
            fn stamp(&mut self, name: &str) {
                $(stamp(&mut self.$file, name);)*
            }

            fn append(&mut self, other: DataFile) {
                $(self.$file.extend(other.$file);)*
            }
        }

        impl Dataset {
            fn merge(&mut self, f: DataFile, issues: &mut Vec<Issue>) {
                let files = &self.files;
                $(layer_onto(&mut self.$set, f.$file, files, issues);)*
            }

            /// Hands every kind of record, in file-schema order, to `visitor`.
            pub fn visit_records<V: RecordVisitor>(&self, visitor: &mut V) {
                $(visitor.visit(&self.$set);)*
            }
        }
    };
}

record_kinds!(
    source => sources: Source,
    region => regions: Region,
    company => companies: Company,
    project => projects: Project,
    project_set => project_sets: ProjectSet,
    share_table => share_tables: ShareTable,
    price_series => price_series: PriceSeries,
    volume_series => volume_series: VolumeSeries,
    learning_series => learning_series: LearningSeries,
    learning_rate => learning_rates: LearningRateEstimate,
    sector => sectors: Sector,
    fx_rate => fx_rates: FxRate,
    price_index => price_indices: PriceIndex,
    material => materials: Material,
    couple => couples: Couple,
    cell_format => cell_formats: CellFormat,
    pack_architecture => pack_architectures: PackArchitecture,
    cell_design => cell_designs: CellDesign,
    commercial_cell => commercial_cells: CommercialCell,
    couple_properties => couple_properties: CoupleProperties,
    flow_battery => flow_batteries: FlowBattery,
    iron_air => iron_air: IronAir,
    nickel_hydrogen => nickel_hydrogen: NickelHydrogen,
    process_step => process_steps: ProcessStep,
    cost_model => cost_models: CostModel,
    factory_region => factory_regions: FactoryRegion,
    process_variant => process_variants: ProcessVariant,
    price_basis => price_bases: PriceBasis,
    supply_chain => supply_chains: SupplyChain,
    supply_shares => supply_shares: SupplyShares,
    supply_market => supply_markets: SupplyMarket,
    demand_scenario => demand_scenarios: DemandScenario,
);

/// The whole dataset after layering, plus the texts it was read from (for error lines).
#[derive(Debug, Default, Clone)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub regions: Vec<Region>,
    pub companies: Vec<Company>,
    pub projects: Vec<Project>,
    pub project_sets: Vec<ProjectSet>,
    pub share_tables: Vec<ShareTable>,
    pub price_series: Vec<PriceSeries>,
    pub volume_series: Vec<VolumeSeries>,
    pub learning_series: Vec<LearningSeries>,
    pub learning_rates: Vec<LearningRateEstimate>,
    pub sectors: Vec<Sector>,
    pub fx_rates: Vec<FxRate>,
    pub price_indices: Vec<PriceIndex>,
    pub materials: Vec<Material>,
    pub couples: Vec<Couple>,
    pub cell_formats: Vec<CellFormat>,
    pub pack_architectures: Vec<PackArchitecture>,
    pub cell_designs: Vec<CellDesign>,
    pub commercial_cells: Vec<CommercialCell>,
    pub couple_properties: Vec<CoupleProperties>,
    pub flow_batteries: Vec<FlowBattery>,
    pub iron_air: Vec<IronAir>,
    pub nickel_hydrogen: Vec<NickelHydrogen>,
    pub process_steps: Vec<ProcessStep>,
    pub cost_models: Vec<CostModel>,
    pub factory_regions: Vec<FactoryRegion>,
    pub process_variants: Vec<ProcessVariant>,
    pub price_bases: Vec<PriceBasis>,
    pub supply_chains: Vec<SupplyChain>,
    pub supply_shares: Vec<SupplyShares>,
    pub supply_markets: Vec<SupplyMarket>,
    pub demand_scenarios: Vec<DemandScenario>,
    pub files: Vec<(String, String)>,
}

/// Receives each kind of record in turn (see `Dataset::visit_records`).
pub trait RecordVisitor {
    fn visit<T: Keyed + serde::Serialize>(&mut self, records: &[T]);
}

/// A record that layers by key and knows where it came from.
pub trait Keyed {
    const TABLE: &'static str;
    const KEY_FIELD: &'static str;
    fn key(&self) -> String;
    fn origin(&self) -> &Origin;
    fn origin_mut(&mut self) -> &mut Origin;
}

macro_rules! keyed_by_id {
    ($($t:ty => $table:literal),* $(,)?) => {$(
        impl Keyed for $t {
            const TABLE: &'static str = $table;
            const KEY_FIELD: &'static str = "id";
            fn key(&self) -> String { self.id.clone() }
            fn origin(&self) -> &Origin { &self.origin }
            fn origin_mut(&mut self) -> &mut Origin { &mut self.origin }
        }
    )*};
}

keyed_by_id!(
    Source => "source",
    Region => "region",
    Company => "company",
    Project => "project",
    ProjectSet => "project_set",
    ShareTable => "share_table",
    PriceSeries => "price_series",
    VolumeSeries => "volume_series",
    LearningSeries => "learning_series",
    LearningRateEstimate => "learning_rate",
    Sector => "sector",
    Material => "material",
    Couple => "couple",
    CellFormat => "cell_format",
    PackArchitecture => "pack_architecture",
    CellDesign => "cell_design",
    CommercialCell => "commercial_cell",
    FlowBattery => "flow_battery",
    IronAir => "iron_air",
    NickelHydrogen => "nickel_hydrogen",
    ProcessStep => "process_step",
    CostModel => "cost_model",
    ProcessVariant => "process_variant",
    PriceBasis => "price_basis",
    SupplyChain => "supply_chain",
    SupplyShares => "supply_shares",
    SupplyMarket => "supply_market",
    DemandScenario => "demand_scenario",
);

impl Keyed for FactoryRegion {
    const TABLE: &'static str = "factory_region";
    const KEY_FIELD: &'static str = "region";
    fn key(&self) -> String {
        self.region.clone()
    }
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn origin_mut(&mut self) -> &mut Origin {
        &mut self.origin
    }
}

impl Keyed for CoupleProperties {
    const TABLE: &'static str = "couple_properties";
    const KEY_FIELD: &'static str = "couple";
    fn key(&self) -> String {
        self.couple.clone()
    }
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn origin_mut(&mut self) -> &mut Origin {
        &mut self.origin
    }
}

impl Keyed for FxRate {
    const TABLE: &'static str = "fx_rate";
    const KEY_FIELD: &'static str = "currency";
    fn key(&self) -> String {
        format!("{}:{}", self.currency, self.year)
    }
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn origin_mut(&mut self) -> &mut Origin {
        &mut self.origin
    }
}

impl Keyed for PriceIndex {
    const TABLE: &'static str = "price_index";
    const KEY_FIELD: &'static str = "year";
    fn key(&self) -> String {
        self.year.to_string()
    }
    fn origin(&self) -> &Origin {
        &self.origin
    }
    fn origin_mut(&mut self) -> &mut Origin {
        &mut self.origin
    }
}

impl Dataset {
    /// The embedded dataset, validated.
    pub fn embedded() -> Result<Dataset, DataError> {
        Self::from_layers(&[embedded_layer()])
    }

    /// The embedded dataset with a user's folder of `*.toml` files layered over it:
    /// a record with an existing id replaces it, a new id adds one.
    pub fn with_overrides(dir: &Path) -> Result<Dataset, DataError> {
        Self::from_layers(&[embedded_layer(), folder_layer(dir)?])
    }

    /// Layers given as lists of (display path, text); later layers override earlier ones.
    pub fn from_layers(layers: &[Vec<(String, String)>]) -> Result<Dataset, DataError> {
        let mut data = Dataset::default();
        let mut issues = Vec::new();
        for layer in layers {
            let mut parsed = DataFile::default();
            for (name, text) in layer {
                match parse_file(name, text) {
                    Ok(file) => parsed.append(file),
                    Err(issue) => issues.push(issue),
                }
                data.files.push((name.clone(), text.clone()));
            }
            data.merge(parsed, &mut issues);
        }
        if issues.is_empty() {
            issues = validate::check(&data);
        }
        if issues.is_empty() {
            Ok(data)
        } else {
            Err(DataError::Invalid(issues))
        }
    }

    /// Text of a file that was loaded, for locating lines.
    pub fn file_text(&self, name: &str) -> Option<&str> {
        self.files
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn company(&self, id: &str) -> Option<&Company> {
        self.companies.iter().find(|c| c.id == id)
    }

    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub fn price_series(&self, id: &str) -> Option<&PriceSeries> {
        self.price_series.iter().find(|p| p.id == id)
    }

    pub fn volume_series(&self, id: &str) -> Option<&VolumeSeries> {
        self.volume_series.iter().find(|v| v.id == id)
    }

    pub fn learning_series(&self, id: &str) -> Option<&LearningSeries> {
        self.learning_series.iter().find(|l| l.id == id)
    }

    pub fn material(&self, id: &str) -> Option<&Material> {
        self.materials.iter().find(|m| m.id == id)
    }

    pub fn couple(&self, id: &str) -> Option<&Couple> {
        self.couples.iter().find(|c| c.id == id)
    }

    pub fn cell_format(&self, id: &str) -> Option<&CellFormat> {
        self.cell_formats.iter().find(|f| f.id == id)
    }

    pub fn pack_architecture(&self, id: &str) -> Option<&PackArchitecture> {
        self.pack_architectures.iter().find(|a| a.id == id)
    }

    pub fn cell_design(&self, id: &str) -> Option<&CellDesign> {
        self.cell_designs.iter().find(|d| d.id == id)
    }

    pub fn cost_model(&self, id: &str) -> Option<&CostModel> {
        self.cost_models.iter().find(|m| m.id == id)
    }

    pub fn price_basis(&self, id: &str) -> Option<&PriceBasis> {
        self.price_bases.iter().find(|b| b.id == id)
    }

    pub fn factory_region(&self, region: &str) -> Option<&FactoryRegion> {
        self.factory_regions.iter().find(|r| r.region == region)
    }

    pub fn process_variant(&self, id: &str) -> Option<&ProcessVariant> {
        self.process_variants.iter().find(|v| v.id == id)
    }

    pub fn supply_chain(&self, id: &str) -> Option<&SupplyChain> {
        self.supply_chains.iter().find(|c| c.id == id)
    }

    pub fn demand_scenario(&self, id: &str) -> Option<&DemandScenario> {
        self.demand_scenarios.iter().find(|d| d.id == id)
    }

    pub fn properties_of(&self, couple: &str) -> Option<&CoupleProperties> {
        self.couple_properties.iter().find(|p| p.couple == couple)
    }
}

/// The embedded files as one layer for `Dataset::from_layers`.
pub fn embedded_layer() -> Vec<(String, String)> {
    EMBEDDED
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

/// A user's folder of `*.toml` files as one layer for `Dataset::from_layers`.
pub fn folder_layer(dir: &Path) -> Result<Vec<(String, String)>, DataError> {
    let io = |e: std::io::Error| DataError::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| DataError::Io {
                path: p.display().to_string(),
                message: e.to_string(),
            })?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

fn parse_file(name: &str, text: &str) -> Result<DataFile, Issue> {
    let mut file: DataFile = toml::from_str(text).map_err(|e| parse_issue(name, text, &e))?;
    file.stamp(name);
    Ok(file)
}

fn stamp<T: Keyed>(records: &mut [T], file: &str) {
    for (index, r) in records.iter_mut().enumerate() {
        *r.origin_mut() = Origin {
            file: file.to_string(),
            index,
        };
    }
}

/// Adds a layer's records: duplicates within the layer are errors; an existing key is replaced.
fn layer_onto<T: Keyed>(
    base: &mut Vec<T>,
    layer: Vec<T>,
    files: &[(String, String)],
    issues: &mut Vec<Issue>,
) {
    let mut seen = HashSet::new();
    for record in layer {
        let key = record.key();
        if !seen.insert(key.clone()) {
            issues.push(validate::issue_at(
                files,
                record.origin(),
                T::TABLE,
                &[crate::locate::Step::Key(T::KEY_FIELD)],
                IssueKind::DuplicateId,
                T::KEY_FIELD,
                format!("\"{key}\""),
                format!("a {} key not used before in this layer", T::TABLE),
            ));
            continue;
        }
        match base.iter_mut().find(|b| b.key() == key) {
            Some(existing) => *existing = record,
            None => base.push(record),
        }
    }
}

fn parse_issue(name: &str, text: &str, e: &toml::de::Error) -> Issue {
    let line = e.span().map(|s| offset_line(text, s.start));
    let message = e.message().to_string();
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (kind, field, allowed) = if message.starts_with("unknown field") {
        let allowed = message
            .split_once("expected")
            .map_or("the documented keys".to_string(), |(_, a)| {
                a.trim().to_string()
            });
        (IssueKind::UnknownKey, quoted.first().copied(), allowed)
    } else if message.starts_with("missing field `source`") {
        let allowed = "every record needs `source = \"<id in sources.toml>\"` (or \"assumption\" with a note)";
        (
            IssueKind::MissingSource,
            Some("source"),
            allowed.to_string(),
        )
    } else if message.starts_with("missing field") {
        let allowed = "the field is required for this kind of record".to_string();
        (IssueKind::MissingField, quoted.first().copied(), allowed)
    } else {
        (
            IssueKind::Syntax,
            None,
            "valid TOML of the documented schema".to_string(),
        )
    };
    let value = line
        .and_then(|l| text.lines().nth(l - 1))
        .map_or(String::new(), |l| l.trim().to_string());
    Issue {
        kind,
        file: name.to_string(),
        line,
        field: field.unwrap_or("-").to_string(),
        value: if kind == IssueKind::Syntax {
            message.lines().next().unwrap_or("").to_string()
        } else {
            value
        },
        allowed,
    }
}
