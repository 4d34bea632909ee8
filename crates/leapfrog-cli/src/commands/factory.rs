//! What `cost`, `plant` and `compare` share: choosing a design and plant options.

use crate::options;
use crate::output::{InputError, OutputArgs};
use leapfrog_cell::{Chemistry, Design, DesignRequest};
use leapfrog_data::{CellDesign, Couple, Dataset, PriceBasis, ProcessVariant};
use leapfrog_factory::{CostResult, Factory, PlantOptions, DEFAULT_COST_MODEL};

#[derive(clap::Args, Clone)]
#[command(group(clap::ArgGroup::new("base").required(true).args(["preset", "chemistry"])))]
pub struct DesignChoice {
    /// A named design from data/cell_designs.toml (e.g. batpac-v5-default).
    #[arg(long)]
    pub preset: Option<String>,
    /// A couple id (see `leapfrog chemistries`), designed to the BatPaC default targets.
    #[arg(long)]
    pub chemistry: Option<String>,
    #[command(flatten)]
    pub fast_charge: options::FastChargeArgs,
}

#[derive(clap::Args, Clone)]
pub struct PlantChoice {
    /// Region with factory factors (CN, US, DE, HU, PL, KR, JP, ID); default: BatPaC's own
    /// U.S. reference figures with no construction interest.
    #[arg(long)]
    pub region: Option<String>,
    /// Plant output, GWh of cells per year.
    #[arg(long, default_value_t = 50.0, allow_negative_numbers = true, value_parser = options::within(options::PLANT_GWH))]
    pub plant_gwh: f64,
    /// Process options, comma-separated (dry-electrode, fast-formation, wound, cell-to-pack).
    #[arg(long, value_delimiter = ',')]
    pub process: Vec<String>,
    /// Material prices from a price basis in data/price_bases.toml (e.g. cn-2024-11) for the
    /// materials it lists; default: materials.toml (BatPaC's U.S. 2022 prices).
    #[arg(long)]
    pub prices: Option<String>,
}

/// The arguments of `cost` and `plant`: a design, a plant, an output format.
#[derive(clap::Args)]
pub struct PricedArgs {
    #[command(flatten)]
    pub design: DesignChoice,
    #[command(flatten)]
    pub plant: PlantChoice,
    #[command(flatten)]
    pub output: OutputArgs,
}

impl PlantChoice {
    /// The plant options, every id canonical and checked against the data.
    pub fn options(&self, data: &Dataset) -> crate::Result<PlantOptions> {
        options::each_once("--process", &self.process)?;
        let prices = self.prices.as_deref();
        Ok(PlantOptions {
            plant_gwh_per_yr: self.plant_gwh,
            region: options::factory_region(data, "--region", self.region.as_deref())?,
            processes: options::canonical_all::<ProcessVariant>(data, "--process", &self.process)?,
            price_basis: prices
                .map(|b| options::canonical::<PriceBasis>(data, "--prices", b))
                .transpose()?,
        })
    }
}

pub fn request(data: &Dataset, d: &DesignChoice) -> crate::Result<DesignRequest> {
    let mut req = match (&d.preset, &d.chemistry) {
        (Some(p), _) => {
            let p = options::canonical::<CellDesign>(data, "--preset", p)?;
            DesignRequest::preset(data, &p)?
        }
        (None, Some(c)) => {
            let c = options::canonical::<Couple>(data, "--chemistry", c)?;
            couple_request(data, &c)?
        }
        (None, None) => return Err(InputError("give --preset or --chemistry".into()).into()),
    };
    d.fast_charge.apply(&mut req.inputs);
    Ok(req)
}

/// A couple designed to the reference preset's targets.
pub fn couple_request(
    data: &Dataset,
    couple: &str,
) -> Result<DesignRequest, leapfrog_cell::CellError> {
    DesignRequest::reference_for(data, couple)
}

pub struct Priced {
    pub request: DesignRequest,
    pub design: Design,
    pub cost: CostResult,
}

pub fn price(data: &Dataset, req: DesignRequest, opts: &PlantOptions) -> crate::Result<Priced> {
    let factory = Factory::load(data, DEFAULT_COST_MODEL)?;
    let chem = Chemistry::load(data, &req)?;
    let design = chem.solve(&req.inputs)?;
    let prepared = factory.prepare(&chem, opts)?;
    let cost = factory.evaluate(&prepared, &design);
    Ok(Priced {
        request: req,
        design,
        cost,
    })
}
