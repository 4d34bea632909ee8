use crate::options;
use crate::output::{emit, fixed, num, Format, InputError, OutputArgs, Table};
use leapfrog_cell::{BillOfMaterials, Chemistry, Design, DesignRequest};
use leapfrog_data::{CellDesign, CellFormat, Couple, Dataset};
use serde_json::json;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("base").required(true).args(["preset", "chemistry", "design"])))]
pub struct Args {
    /// A named design from data/cell_designs.toml (e.g. batpac-v5-default).
    #[arg(long)]
    preset: Option<String>,
    /// A couple id (see `leapfrog chemistries`), designed to the BatPaC default targets.
    #[arg(long)]
    chemistry: Option<String>,
    /// A TOML file holding one [[cell_design]] table (the schema of data/cell_designs.toml).
    #[arg(long, value_name = "FILE")]
    design: Option<PathBuf>,
    /// Total pack energy, kWh.
    #[arg(long, allow_negative_numbers = true, value_parser = options::field::<CellDesign>("pack_energy_kwh"))]
    pack_kwh: Option<f64>,
    /// Pack power for the 10 s pulse, kW.
    #[arg(long, allow_negative_numbers = true, value_parser = options::field::<CellDesign>("pack_power_kw"))]
    pack_kw: Option<f64>,
    /// SOC at which the pulse must be met (0-1).
    #[arg(long, allow_negative_numbers = true, value_parser = options::field::<CellDesign>("pulse_soc"))]
    pulse_soc: Option<f64>,
    #[command(flatten)]
    fast_charge: options::FastChargeArgs,
    /// Cell format id (pouch-batpac, prismatic-large, prismatic-blade, cyl-18650, cyl-21700, cyl-4680).
    #[arg(long)]
    format_cell: Option<String>,
    #[arg(long, allow_negative_numbers = true, value_parser = options::count::<CellDesign>("cells_per_module"))]
    cells_per_module: Option<u32>,
    #[arg(long, allow_negative_numbers = true, value_parser = options::count::<CellDesign>("modules_per_pack"))]
    modules: Option<u32>,
    /// Cell capacity for stacked formats, Ah (default: pack energy / cells / voltage).
    #[arg(long, allow_negative_numbers = true, value_parser = options::field::<CellDesign>("cell_capacity_ah"))]
    cell_ah: Option<f64>,
    /// Cap on the positive electrode thickness, µm (default: the couple's).
    #[arg(long, allow_negative_numbers = true, value_parser = options::field::<CellDesign>("max_positive_thickness_um"))]
    max_thickness_um: Option<f64>,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let (data, mut req) = base_request(dir, &a)?;
    if let Some(f) = &a.format_cell {
        req.format = options::canonical::<CellFormat>(&data, "--format-cell", f)?;
    }
    apply_options(&mut req, &a);
    let chem = Chemistry::load(&data, &req).map_err(|e| from_file(&a, e))?;
    check_conflicts(&chem, &req, &a)?;
    let design = chem.solve(&req.inputs).map_err(|e| from_file(&a, e))?;
    let bom = chem.bill_of_materials(&design);
    if a.output.format == Format::Table {
        let limit = design.cell.limit.heading();
        crate::outln!("{} in {} ({limit})", req.couple, req.format);
    }
    let table = if a.output.format == Format::Csv {
        bom_table(&bom)
    } else {
        metrics_table(&design)
    };
    let mut sources = json!({
        "couple": chem.couple.record.source,
        "couple_asi": chem.couple.record.asi_source,
        "format": chem.format.record.source,
        "architecture": chem.architecture.source,
    });
    if let Some(src) = &req.measured_source {
        sources["measured"] = json!(src);
    }
    emit(
        a.output.format,
        &table,
        &json!({ "request": req, "design": design, "bill_of_materials": bom, "sources": sources }),
    )?;
    if a.output.format == Format::Table {
        crate::outln!();
        crate::out!("{}", bom_table(&bom).text());
    }
    Ok(())
}

/// A design problem said with the design file it came from, when the design is a file.
fn from_file(a: &Args, e: leapfrog_cell::CellError) -> crate::Failure {
    use leapfrog_data::Blamed;
    match &a.design {
        Some(file) if e.blame() == leapfrog_data::Blame::User => {
            InputError(format!("--design {}: {e}", file.display())).into()
        }
        _ => e.into(),
    }
}

fn base_request(dir: Option<&Path>, a: &Args) -> crate::Result<(Dataset, DesignRequest)> {
    if let Some(file) = &a.design {
        return design_file(dir, file);
    }
    let data = super::load(dir)?;
    let req = match (&a.preset, &a.chemistry) {
        (Some(p), _) => DesignRequest::preset(
            &data,
            &options::canonical::<CellDesign>(&data, "--preset", p)?,
        )?,
        (None, Some(c)) => {
            let reference =
                DesignRequest::preset(&data, leapfrog_cell::catalogue::REFERENCE_PRESET)?;
            DesignRequest {
                couple: options::canonical::<Couple>(&data, "--chemistry", c)?,
                ..reference
            }
        }
        (None, None) => {
            return Err(InputError("give --preset, --chemistry or --design".into()).into())
        }
    };
    Ok((data, req))
}

/// A user's design file is layered over the data like any data file, so it gets the same
/// validation with file and line; it must hold exactly one cell design.
fn design_file(dir: Option<&Path>, file: &Path) -> crate::Result<(Dataset, DesignRequest)> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| InputError(format!("cannot read {}: {e}", file.display())))?;
    let name = file.display().to_string();
    let mut layers = vec![leapfrog_data::load::embedded_layer()];
    if let Some(d) = dir {
        layers.push(leapfrog_data::load::folder_layer(d)?);
    }
    layers.push(vec![(name.clone(), text)]);
    let data = Dataset::from_layers(&layers)?;
    let mine: Vec<_> = data
        .cell_designs
        .iter()
        .filter(|d| d.origin.file == name)
        .collect();
    match mine.as_slice() {
        [one] => {
            let req = DesignRequest::from_record(one);
            Ok((data.clone(), req))
        }
        _ => Err(InputError(format!(
            "{name}: expected exactly one [[cell_design]] table, found {}",
            mine.len()
        ))
        .into()),
    }
}

/// Options that would be overridden or ignored are an error naming them, never silent.
fn check_conflicts(chem: &Chemistry, req: &DesignRequest, a: &Args) -> crate::Result {
    if chem.format.fixes_capacity() {
        let fixed: Vec<&str> = [
            ("--cell-ah", a.cell_ah.is_some()),
            ("--cells-per-module", a.cells_per_module.is_some()),
            ("--modules", a.modules.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect();
        if !fixed.is_empty() {
            return Err(InputError(format!(
                "{} cannot apply to the {} format {}: its can fixes the cell's capacity, \
                 and the number of cells follows from --pack-kwh; drop {}",
                fixed.join(", "),
                if chem.format.is_wound() {
                    "cylindrical"
                } else {
                    "sized prismatic"
                },
                req.format,
                fixed.join(", ")
            ))
            .into());
        }
        return Ok(());
    }
    let (Some(kwh), Some(ah)) = (a.pack_kwh, req.inputs.cell_capacity_ah) else {
        return Ok(());
    };
    let cells = req.inputs.cells();
    let volts = chem.couple.record.nominal_voltage_v;
    let implied_kwh = f64::from(cells) * ah * volts / 1000.0;
    if (implied_kwh / kwh - 1.0).abs() <= 0.01 {
        return Ok(());
    }
    let ah_from = if a.cell_ah.is_some() {
        format!("--cell-ah {ah}")
    } else {
        format!("the preset's cell_capacity_ah = {ah}")
    };
    Err(InputError(format!(
        "--pack-kwh {kwh} conflicts with {ah_from}: {cells} cells of {ah} Ah at {volts} V make a \
         {implied_kwh:.1} kWh pack; give one of them, or --cells-per-module and --modules to match"
    ))
    .into())
}

fn apply_options(req: &mut DesignRequest, a: &Args) {
    let i = &mut req.inputs;
    let set = |slot: &mut f64, v: Option<f64>| {
        if let Some(v) = v {
            *slot = v;
        }
    };
    set(&mut i.pack_energy_kwh, a.pack_kwh);
    set(&mut i.pack_power_kw, a.pack_kw);
    set(&mut i.pulse_soc, a.pulse_soc);
    a.fast_charge.apply(i);
    if let Some(n) = a.cells_per_module {
        i.cells_per_module = n;
    }
    if let Some(n) = a.modules {
        i.modules_per_pack = n;
    }
    if a.cell_ah.is_some() {
        i.cell_capacity_ah = a.cell_ah;
    }
    if a.max_thickness_um.is_some() {
        i.max_positive_thickness_um = a.max_thickness_um;
    }
}

fn metrics_table(d: &Design) -> Table {
    let c = &d.cell;
    let p = &d.pack;
    let l = &c.limits;
    let limit = |v: f64| if v.is_finite() { num(v) } else { "none".into() };
    let rows: Vec<(&str, String, &str)> = vec![
        ("positive thickness", num(c.positive_thickness_um), "µm"),
        ("  power limit", limit(l.power_um), "µm"),
        ("  maximum thickness", num(l.maximum_um), "µm"),
        ("  fast-charge limit", limit(l.fast_charge_um), "µm"),
        (
            "  charging current",
            num(c.fast_charge.current_ma_per_cm2),
            "mA/cm²",
        ),
        (
            "  allowed at this thickness",
            num(c.fast_charge.allowed_current_ma_per_cm2),
            "mA/cm²",
        ),
        ("negative thickness", num(c.negative_thickness_um), "µm"),
        (
            "positive areal capacity",
            num(c.positive_areal_capacity_mah_per_cm2),
            "mAh/cm²",
        ),
        ("cell capacity", num(c.capacity_ah), "Ah"),
        ("cell energy", num(c.energy_wh), "Wh"),
        ("cell mass", num(c.mass.total_g / 1000.0), "kg"),
        ("cell volume", num(c.volume_l), "L"),
        (
            "cell size",
            format!(
                "{:.1} x {:.1} x {:.1}",
                c.geometry.width_mm, c.geometry.length_mm, c.geometry.thickness_mm
            ),
            "mm",
        ),
        ("electrode layers", fixed(c.geometry.layers.round(), 0), ""),
        (
            "cell specific energy",
            num(c.specific_energy_wh_per_kg),
            "Wh/kg",
        ),
        (
            "cell energy density",
            num(c.energy_density_wh_per_l),
            "Wh/L",
        ),
        ("cell pulse power", num(c.pulse_power_w), "W"),
        (
            "cell specific power",
            num(c.specific_power_w_per_kg),
            "W/kg",
        ),
        (
            "pack cells / modules",
            format!("{} / {}", p.cells, p.modules),
            "",
        ),
        ("pack energy", num(p.energy_kwh), "kWh"),
        ("pack mass", num(p.mass_kg), "kg"),
        ("pack volume", num(p.volume_l), "L"),
        (
            "pack specific energy",
            num(p.specific_energy_wh_per_kg),
            "Wh/kg",
        ),
        (
            "pack energy density",
            num(p.energy_density_wh_per_l),
            "Wh/L",
        ),
        ("pack pulse power", num(p.pulse_power_kw), "kW"),
    ];
    let mut t = Table::new(&["quantity", "value", "unit"]);
    for (q, v, u) in rows {
        t.push(vec![q.into(), v, u.into()]);
    }
    t
}

fn bom_table(bom: &BillOfMaterials) -> Table {
    let mut t = Table::new(&[
        "component",
        "material",
        "kg_per_cell",
        "kg_per_kwh",
        "kg_per_pack",
    ]);
    for l in &bom.lines {
        t.push(vec![
            l.component.into(),
            l.material.clone(),
            num(l.kg_per_cell),
            num(l.kg_per_kwh),
            num(l.kg_per_pack),
        ]);
    }
    for (e, kg) in bom.elements_kg_per_kwh.nonzero() {
        let cell = bom.elements_kg_per_cell.get(e);
        let pack = bom.elements_kg_per_pack.get(e);
        t.push(vec![
            "element".into(),
            e.into(),
            num(cell),
            num(kg),
            num(pack),
        ]);
    }
    t
}
