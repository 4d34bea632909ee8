use leapfrog_cell::*;
use leapfrog_data::Dataset;
fn main() {
    let data = match Dataset::embedded() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            if let leapfrog_data::DataError::Invalid(is) = e {
                for i in is {
                    eprintln!("{i}");
                }
            }
            return;
        }
    };
    for id in [
        "batpac-v5-default",
        "lg-m50-21700",
        "tesla-4680",
        "panasonic-ncr18650b",
        "eve-lf280k",
        "catl-sodium-gen1",
    ] {
        let req = DesignRequest::preset(&data, id).unwrap();
        let chem = Chemistry::load(&data, &req).unwrap();
        match chem.solve(&req.inputs) {
            Ok(d) => {
                let c = &d.cell;
                println!("{id}: L={:.1} ({:?}) Q={:.3} Ah={:.2} Wh={:.1} m={:.1} g Wh/kg={:.1} Wh/L={:.1} W/kg={:.0} V={:.3}L pack={:.1} kg {:.1} Wh/kg {:.0} Wh/L cells={}",
                    c.positive_thickness_um, c.limit, c.positive_areal_capacity_mah_per_cm2, c.capacity_ah, c.energy_wh, c.mass.total_g, c.specific_energy_wh_per_kg, c.energy_density_wh_per_l, c.specific_power_w_per_kg, c.volume_l, d.pack.mass_kg, d.pack.specific_energy_wh_per_kg, d.pack.energy_density_wh_per_l, d.pack.cells);
                println!("   mass {:?}", c.mass);
                println!("   geom {:?}", c.geometry);
                let bom = chem.bill_of_materials(&d);
                println!(
                    "   el/kWh {:?}",
                    bom.elements_kg_per_kwh.nonzero().collect::<Vec<_>>()
                );
                println!("   comm {:?}", bom.commodities_kg_per_kwh);
            }
            Err(e) => println!("{id}: {e}"),
        }
    }
    for r in catalogue::chemistry_table(&data).unwrap() {
        match &r.design {
            Ok(d) => println!(
                "{:16} {:>6.1} Wh/kg {:>6.1} Wh/L {:>6.0} W/kg pack {:>5.1} L={:.0} {}",
                r.couple,
                d.cell_specific_energy_wh_per_kg,
                d.cell_energy_density_wh_per_l,
                d.cell_specific_power_w_per_kg,
                d.pack_specific_energy_wh_per_kg,
                d.positive_thickness_um,
                d.limit
            ),
            Err(e) => println!("{:16} {e}", r.couple),
        }
    }
    for s in systems::all(&data) {
        println!(
            "{} {:.1} Wh/kg {:.1} Wh/L {:.1} W/kg {:?}",
            s.id,
            s.specific_energy_wh_per_kg,
            s.energy_density_wh_per_l,
            s.specific_power_w_per_kg,
            s.materials_kg_per_kwh
        );
    }
}
