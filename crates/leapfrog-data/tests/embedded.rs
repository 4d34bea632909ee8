use leapfrog_data::Dataset;

#[test]
fn embedded_dataset_is_valid() {
    match Dataset::embedded() {
        Ok(d) => assert!(d.projects.len() >= 22, "{} projects", d.projects.len()),
        Err(e) => panic!("{e}"),
    }
}
