//! Bills of materials per kWh against BatPaC 5.2's material intensity table
//! (shared/reference/minerals.md), within 10% for each element listed.

use leapfrog_cell::{catalogue::REFERENCE_PRESET, Chemistry, DesignRequest};
use leapfrog_data::Dataset;

/// (couple, [(element or commodity, kg per kWh of cell energy)]) from minerals.md.
const TABLE: &[(&str, &[(&str, f64)])] = &[
    (
        "NMC811-G",
        &[
            ("Li", 0.092),
            ("Ni", 0.608),
            ("Co", 0.076),
            ("Mn", 0.071),
            ("graphite", 0.854),
        ],
    ),
    (
        "NMC622-G",
        &[
            ("Li", 0.103),
            ("Ni", 0.512),
            ("Co", 0.171),
            ("Mn", 0.160),
            ("graphite", 0.853),
        ],
    ),
    (
        "NCA-G",
        &[
            ("Li", 0.099),
            ("Ni", 0.656),
            ("Co", 0.123),
            ("graphite", 0.860),
        ],
    ),
    ("LFP-G", &[("Li", 0.089), ("P", 0.392), ("graphite", 0.955)]),
];

#[test]
fn bills_of_materials_match_batpac_intensity() {
    let data = Dataset::embedded().unwrap();
    let reference = DesignRequest::preset(&data, REFERENCE_PRESET).unwrap();
    let mut failures = Vec::new();
    for (couple, rows) in TABLE {
        let req = DesignRequest {
            couple: couple.to_string(),
            ..reference.clone()
        };
        let chem = Chemistry::load(&data, &req).unwrap();
        let design = chem.solve(&req.inputs).unwrap();
        let bom = chem.bill_of_materials(&design);
        for (what, published) in *rows {
            let got = match *what {
                "graphite" => bom
                    .commodities_kg_per_kwh
                    .get("graphite")
                    .copied()
                    .unwrap_or(0.0),
                e => bom.elements_kg_per_kwh.get(e),
            };
            let err = (got - published) / published;
            if err.abs() > 0.10 {
                failures.push(format!(
                    "{couple} {what}: {got:.4} vs {published} ({:+.1}%)",
                    err * 100.0
                ));
            }
        }
        // Chemistries without an element carry none of it.
        for (e, absent) in [
            ("Co", *couple == "LFP-G"),
            ("Ni", *couple == "LFP-G"),
            ("Mn", *couple == "NCA-G"),
        ] {
            if absent {
                assert_eq!(bom.elements_kg_per_kwh.get(e), 0.0, "{couple} {e}");
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
