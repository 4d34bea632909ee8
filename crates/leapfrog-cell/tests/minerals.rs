//! Bills of materials: chemistries without an element carry none of it. (The kg per kWh of
//! each element against BatPaC 5.2's material intensity table are reference-zoo cases, checked
//! by `cell_reference_zoo` in reference.rs.)

use leapfrog_cell::{Chemistry, DesignRequest};
use leapfrog_data::Dataset;

#[test]
fn chemistries_without_an_element_carry_none_of_it() {
    let data = Dataset::embedded().unwrap();
    for (couple, absent) in [("LFP-G", &["Co", "Ni", "Mn"][..]), ("NCA-G", &["Mn"][..])] {
        let req: DesignRequest = leapfrog_cell::reference::request(&data, couple).unwrap();
        let chem = Chemistry::load(&data, &req).unwrap();
        let design = chem.solve(&req.inputs).unwrap();
        let bom = chem.bill_of_materials(&design);
        for e in absent {
            assert_eq!(bom.elements_kg_per_kwh.get(e), 0.0, "{couple} {e}");
        }
    }
}
