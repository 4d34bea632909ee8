//! Validates the embedded dataset with the loader and checks `leapfrog data check` runs, and
//! writes it as one binary snapshot per layer that the binary reads at start-up (no TOML is
//! parsed at run time). A data error fails the build with the message `data check` prints.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    println!("cargo::rerun-if-changed=build.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("error: cargo did not set OUT_DIR");
        return ExitCode::FAILURE;
    };
    let layers = match leapfrog_data::Dataset::embedded().and_then(|d| d.to_layer_snapshots()) {
        Ok(layers) => layers,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match write_snapshots(&out_dir, &layers) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: writing the data snapshot in {}: {e}",
                out_dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// Each layer's bytes in a file, and `snapshot.rs` listing them as `(layer, bytes)`.
fn write_snapshots(out_dir: &Path, layers: &[(&str, Vec<u8>)]) -> std::io::Result<()> {
    let mut list = String::from("pub static LAYERS: &[(&str, &[u8])] = &[\n");
    for (layer, bytes) in layers {
        let file = out_dir.join(format!("layer-{layer}.snapshot"));
        std::fs::write(&file, bytes)?;
        let _ = writeln!(
            list,
            "    ({layer:?}, include_bytes!({:?})),",
            file.display().to_string()
        );
    }
    list.push_str("];\n");
    std::fs::write(out_dir.join("snapshot.rs"), list)
}
