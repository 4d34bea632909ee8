use crate::output::{emit, num, Format, OutputArgs, Table};
use leapfrog_cell::catalogue::{chemistry_table, REFERENCE_PRESET};
use leapfrog_cell::systems;
use serde_json::json;
use std::path::Path;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    // Without a user folder, decode just the chemistries (the table cites no other layer).
    let data = match dir {
        None => super::embedded_layers(&["cell"])?,
        Some(_) => super::load(dir)?,
    };
    let rows = chemistry_table(&data)?;
    let mut t = Table::new(&[
        "couple",
        "stage",
        "V",
        "Wh/kg",
        "Wh/L",
        "W/kg",
        "pack_Wh/kg",
        "limit",
        "cycles",
        "T_min_C",
        "T_max_C",
        "TRL",
    ]);
    let opt = |v: Option<f64>| v.map_or("-".to_string(), num);
    for r in &rows {
        let (we, wv, wp, pk, lim) = match &r.design {
            Ok(d) => (
                num(d.cell_specific_energy_wh_per_kg),
                num(d.cell_energy_density_wh_per_l),
                num(d.cell_specific_power_w_per_kg),
                num(d.pack_specific_energy_wh_per_kg),
                d.limit.to_string(),
            ),
            Err(e) => (
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                format!("infeasible: {e}"),
            ),
        };
        let p = r.properties.as_ref();
        t.push(vec![
            r.couple.clone(),
            format!("{:?}", r.stage).to_lowercase(),
            num(r.nominal_voltage_v),
            we,
            wv,
            wp,
            pk,
            lim,
            opt(p.and_then(|p| p.cycle_life)),
            opt(p.and_then(|p| p.temperature_min_c)),
            opt(p.and_then(|p| p.temperature_max_c)),
            p.map_or("-".into(), |p| p.trl.to_string()),
        ]);
    }
    let systems = systems::all(&data);
    if a.output.format == Format::Table {
        crate::outln!("Computed with the {REFERENCE_PRESET} targets (Wh/kg, Wh/L, W/kg); cycles, temperatures and TRL are sourced (data/storage_systems.toml).");
    }
    emit(
        a.output.format,
        &t,
        &json!({ "reference_preset": REFERENCE_PRESET, "couples": rows, "systems": systems }),
    )?;
    if a.output.format == Format::Table {
        let mut s = Table::new(&["system", "kind", "Wh/kg", "Wh/L", "W/kg", "notes"]);
        for m in &systems {
            s.push(vec![
                m.id.clone(),
                m.kind.into(),
                num(m.specific_energy_wh_per_kg),
                num(m.energy_density_wh_per_l),
                num(m.specific_power_w_per_kg),
                m.notes.join("; "),
            ]);
        }
        crate::outln!();
        crate::out!("{}", s.text());
        crate::outln!();
        crate::out!("{}", glossary(&data).text());
    }
    Ok(())
}

/// What each couple id stands for (positive / negative, from data/couples.toml) and the names
/// people also use for it.
fn glossary(data: &leapfrog_data::Dataset) -> Table {
    let mut g = Table::new(&["couple", "positive / negative", "also called"]);
    for c in &data.couples {
        g.push(vec![c.id.clone(), c.name.clone(), c.aliases.join(", ")]);
    }
    g
}
