use leapfrog_data::Dataset;

#[test]
fn embedded_dataset_is_valid() {
    match Dataset::embedded() {
        Ok(d) => assert!(d.projects.len() >= 22, "{} projects", d.projects.len()),
        Err(e) => panic!("{e}"),
    }
}

/// Every record with where it was read from, as JSON, in dataset order.
fn records_with_origins(d: &Dataset) -> Vec<serde_json::Value> {
    struct Collect(Vec<serde_json::Value>);
    impl leapfrog_data::RecordVisitor for Collect {
        fn visit<T: leapfrog_data::Record>(&mut self, records: &[T]) {
            for r in records {
                let origin = serde_json::to_value(r.origin()).unwrap();
                let record = serde_json::to_value(r).unwrap();
                self.0.push(
                    serde_json::json!({ "kind": T::TABLE, "origin": origin, "record": record }),
                );
            }
        }
    }
    let mut c = Collect(Vec::new());
    d.visit_records(&mut c);
    c.0
}

/// The layer snapshots the CLI's build writes give back every record, field and origin the
/// TOML files hold, in the same order; decoding some layers gives just their records.
#[test]
fn layer_snapshots_give_back_the_dataset() {
    let d = Dataset::embedded().unwrap();
    let layers = d.to_layer_snapshots().unwrap();
    let snapshots: Vec<(&str, &[u8])> = layers.iter().map(|(l, b)| (*l, b.as_slice())).collect();
    let back = Dataset::from_layer_snapshots(&snapshots, None).unwrap();
    assert_eq!(records_with_origins(&back), records_with_origins(&d));
    assert_eq!(back.files.len(), d.files.len());

    let only = Dataset::from_layer_snapshots(&snapshots, Some(&["cell"])).unwrap();
    assert_eq!(only.couples.len(), d.couples.len());
    assert!(only.sources.is_empty() && only.plants.is_empty());
}
