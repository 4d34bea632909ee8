use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::Dataset;
use leapfrog_factory::{Factory, PlantOptions};
fn main() {
    let data = Dataset::embedded().unwrap();
    let req = DesignRequest::preset(&data, "batpac-v5-default").unwrap();
    let chem = Chemistry::load(&data, &req).unwrap();
    let design = chem.solve(&req.inputs).unwrap();
    let f = Factory::load(&data, "batpac-v5").unwrap();
    let p = f.prepare(&chem, &PlantOptions::batpac()).unwrap();
    let r = f.evaluate(&p, &design);
    println!("{:#?}", r.plant);
    println!("{:#?}", r.cell_materials);
    println!("{:#?}", r.price_per_pack);
    println!(
        "pack {} {} cell {} {} {}",
        r.pack_usd,
        r.pack_usd_per_kwh,
        r.cell_cost_usd,
        r.cell_cost_usd_per_kwh,
        r.cell_price_usd_per_kwh
    );
    println!("{:?}", r.by_process);
    println!("{:#?}", r.drivers);
    println!("{:?}", r.multipliers);
}
