//! The data crate's files import each other without a cycle: a layer's schema never reaches back
//! to the loader, and the loader and the validators do not import each other. Edges are the
//! `crate::module` and `super::module` paths each file names (the facade lib.rs re-exports and
//! is not a node; nothing inside the crate imports through it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `src/a/b.rs` → "a::b"; `src/a/mod.rs` → "a".
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let parts: Vec<String> = rel
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .filter(|c| c != "mod")
        .collect();
    parts.join("::")
}

/// The modules a file's text names through `crate::x` (and `crate::x::y` when x::y is a module)
/// or `super::y`.
fn imports(module: &str, text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    let mut out = BTreeSet::new();
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    for (prefix, base) in [("crate::", ""), ("super::", parent)] {
        for (i, _) in code.match_indices(prefix) {
            let rest = &code[i + prefix.len()..];
            let path: Vec<&str> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or("")
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            let mut best = None;
            for n in 1..=path.len() {
                let candidate = [base]
                    .into_iter()
                    .filter(|b| !b.is_empty())
                    .chain(path[..n].iter().copied())
                    .collect::<Vec<_>>()
                    .join("::");
                if modules.contains(&candidate) {
                    best = Some(candidate);
                }
            }
            assert!(
                best.is_some() || path.is_empty(),
                "{module}: `{prefix}{}` goes through the crate root; name the module",
                path.join("::")
            );
            if let Some(m) = best.filter(|m| m != module) {
                out.insert(m);
            }
        }
    }
    out
}

#[test]
fn leapfrog_data_has_no_import_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| module_of(&src, f))
        .filter(|m| m != "lib")
        .collect();
    let graph: BTreeMap<String, BTreeSet<String>> = files
        .iter()
        .filter(|f| module_of(&src, f) != "lib")
        .map(|f| {
            let m = module_of(&src, f);
            let text = std::fs::read_to_string(f).unwrap();
            // Inline test modules sit below the file's module; their `super` is the file.
            let text = text.split("#[cfg(test)]").next().unwrap_or("");
            let deps = imports(&m, text, &modules);
            (m, deps)
        })
        .collect();
    // Depth-first search for a back edge.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) {
        match state.get(m).copied() {
            Some(2) => return,
            Some(1) => panic!("import cycle: {} -> {m}", path.join(" -> ")),
            _ => {}
        }
        state.insert(m.to_string(), 1);
        path.push(m.to_string());
        for d in graph.get(m).into_iter().flatten() {
            visit(d, graph, state, path);
        }
        path.pop();
        state.insert(m.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        visit(m, &graph, &mut state, &mut Vec::new());
    }
    assert!(graph["load"].contains("check") && graph["check"].contains("dataset"));
}
