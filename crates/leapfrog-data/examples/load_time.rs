fn main() {
    let t = std::time::Instant::now();
    for _ in 0..20 {
        let _ = leapfrog_data::Dataset::embedded().unwrap();
    }
    println!("embedded: {:?} per load", t.elapsed() / 20);
    let layer = leapfrog_data::load::embedded_layer();
    let t = std::time::Instant::now();
    for _ in 0..20 {
        for (_, text) in &layer {
            let _: toml::Value = toml::from_str(text).unwrap();
        }
    }
    println!("toml parse only: {:?} per load", t.elapsed() / 20);
}
