//! Mutation fuzzing of every data file and command (issue 14). Stable Rust only: a seeded
//! mutator edits an embedded data file, the binary runs a command on it as a user's data
//! folder, and the run must end (within a time limit) with exit 0 or 1, no panic, no NaN or
//! infinity in the output and no null without its reason.
//!
//! - `corpus_of_reproducers` (always run) replays `tests/fuzz/corpus/*.toml`, one file per
//!   defect found, against every command.
//! - `mutations` (ignored by default) runs for `LEAPFROG_FUZZ_SECONDS` (default 60) from seed
//!   `LEAPFROG_FUZZ_SEED`; `LEAPFROG_BIN` points it at a release build. Failures are saved
//!   under the target directory's `fuzz-failures/`.
//!   `cargo test -p leapfrog-cli --test fuzz -- --ignored --nocapture`

mod common;

use common::bare_nulls;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Commands every input runs under (a `json` one is also checked for bare nulls). Words are
/// split at spaces; a `+` inside a word stands for a space (experiment steps).
const COMMANDS: &[&str] = &[
    "data check",
    "data list --format json",
    "capex --format json",
    "capex --group-by country",
    "learning --format json",
    "chemistries --format json",
    "cell --preset batpac-v5-default --format json",
    "cell --chemistry LFP-G --format-cell cyl-21700",
    "cost --preset batpac-v5-default --region CN --format json",
    "cost --chemistry LFP-G --region CN --prices cn-2024-11 --process dry-electrode",
    "plant --chemistry NMC811-G --region US --format json",
    "compare --chemistries NMC811-G,LFP-G --regions US,CN,DE --format json",
    "supply --format json",
    "shock --country CN --material graphite --stage anode-material --cut 0.5 --format json",
    "shock --country CN --material lithium --stage refining --cut 0.9 --chemistries LFP-G,vrfb-4h,iron-air-100h",
    "life --model nca-gr-panasonic-3ah --cycle dod=0.8,temperature_c=30 --years 2 --format json",
    "life --model nmc111-gr-sanyo-2ah --cycle dod=0.5,per_day=2 --years 1",
    "simulate --model spme --params chen2020 --experiment Discharge+at+2C+until+2.5+V --experiment Rest+for+10+minutes --format json",
    "simulate --model spm --params chen2020 --experiment Charge+at+1C+until+4.2+V --experiment Hold+at+4.2+V+until+C/20",
    "mission --preset grid-4h --chemistries LFP-G --format json",
    "fit --sectors space,electric-aviation --chemistries LFP-G,NMC-LTO --format json",
    "ip --format json",
    "simulate --model spme --design lg-m50-21700 --experiment Discharge+at+1C+until+2.5+V --format json",
    "scaleup --chemistry NaNFM-HC --preset startup-us --format json",
    "scaleup --chemistry LFP-G --preset incumbent-lfp-us --variant modular --equipment-controls",
    "scaleup --references --format json",
    "scenario --preset tcip-package --runs 40 --format json",
    "leap --runs 40 --format json",
    "rules --format json",
    "rules --date 2020-06-01 --in-force --format json",
    "rules check --plant @fixtures/rules/plant-korean-cathode.toml --format json",
    "rules check --project @fixtures/rules/project-storage.toml --format json",
    "rules duty --origin CN --hts 8507.60.0010 --date 2026-02-01 --format json",
];

/// The assessment runs every model; it is slower, so it runs on a share of inputs.
const ASSESS: &str = "assess --format json";

const LIMIT: Duration = Duration::from_secs(60);

fn binary() -> PathBuf {
    std::env::var_os("LEAPFROG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_leapfrog")))
}

/// What went wrong with one run, if anything.
fn check_run(dir: &Path, command: &str) -> Option<String> {
    let out_dir = dir.join("report");
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/");
    let mut args: Vec<String> = command
        .split(' ')
        .map(|w| w.replace('+', " "))
        .map(|w| w.replace("@fixtures/", &fixtures.to_string_lossy()))
        .collect();
    if args[0] == "assess" {
        args.extend(["--out".into(), out_dir.to_string_lossy().into_owned()]);
    }
    args.extend(["--data".into(), dir.to_string_lossy().into_owned()]);
    let child = Command::new(binary())
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    // Output is drained while the child runs (a full pipe would stall it); a run that
    // outlasts the limit is killed and reported as a hang.
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let out = match rx.recv_timeout(LIMIT) {
        Ok(result) => result.ok()?,
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            return Some(format!("`{command}` did not finish in {LIMIT:?}"));
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    if code != Some(0) && code != Some(1) {
        return Some(format!("`{command}` exited {code:?}: {stderr}"));
    }
    if stderr.contains("panicked") {
        return Some(format!("`{command}` panicked: {stderr}"));
    }
    let report = std::fs::read_to_string(out_dir.join("report.json")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&out_dir);
    // A rejection (exit 1) may quote the bad value it rejects; a result may hold no NaN.
    for text in [stdout.as_ref(), report.as_str()]
        .into_iter()
        .filter(|_| code == Some(0))
    {
        if let Some(bad) = non_finite(text) {
            return Some(format!("`{command}` printed `{bad}`"));
        }
        if command.contains("json") && code == Some(0) {
            if let Ok(v) = serde_json::from_str::<Value>(text) {
                let mut found = Vec::new();
                bare_nulls(&v, "", &mut found);
                if let Some(f) = found.first() {
                    return Some(format!("`{command}`: null without a reason at {f}"));
                }
            }
        }
    }
    None
}

/// A printed NaN or infinity, as a word of its own.
fn non_finite(text: &str) -> Option<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .find(|w| {
            matches!(
                w.trim_start_matches('-'),
                "NaN" | "nan" | "inf" | "Infinity"
            )
        })
        .map(str::to_string)
}

/// A small, seeded generator (xorshift64*): the same seed gives the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1e308",
    "-1e308",
    "5e-324",
    "1e-308",
    "65536",
    "4294967296",
    "1e9",
    "0.5",
    "1e6",
    "nan",
    "inf",
    "-inf",
    "-0.0",
    "2.5",
    "100000",
    "1",
    "0.001",
    "99",
    "-0.5",
    "1e-9",
];

const STRINGS: &[&str] = &[
    "\"\"",
    "\" \"",
    "\"\\u0007\"",
    "\"lfp-g\"",
    "\"CN\"",
    "\"cn\"",
    "\"US\"",
    "\"LFP-G\"",
    "\"graphite\"",
    "\"no-such-id\"",
    "\"assumption\"",
    "\"share\"",
    "\"gwh\"",
    "\"t\"",
    "\"cylindrical\"",
    "\"pouch\"",
    "\"country\"",
    "\"company\"",
];

/// One random edit of a TOML text.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let i = rng.below(lines.len());
    match rng.below(9) {
        0..=2 => {
            if let Some((key, value)) = lines[i].split_once(" = ") {
                let v = value.trim();
                let new = if v.starts_with('"') {
                    rng.pick(STRINGS).to_string()
                } else {
                    rng.pick(NUMBERS).to_string()
                };
                lines[i] = format!("{key} = {new}");
            }
        }
        3 => {
            lines.remove(i);
        }
        4 => {
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        5 => {
            let j = rng.below(lines.len());
            lines.swap(i, j);
        }
        6 => lines.insert(
            i,
            format!("{} = 1", rng.pick(&["foo", "note", "source", "id"])),
        ),
        7 => {
            // A number inside an inline table or list (not inside a quoted string, where a
            // word such as `nan` would be text the report may rightly echo).
            let l = &lines[i];
            let first_digit = l.find(|c: char| c.is_ascii_digit());
            let in_string = first_digit.is_some_and(|pos| l[..pos].matches('"').count() % 2 == 1);
            if let Some(pos) = first_digit.filter(|_| !in_string) {
                let end = l[pos..]
                    .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e' || c == '-'))
                    .map_or(l.len(), |e| pos + e);
                lines[i] = format!("{}{}{}", &l[..pos], rng.pick(NUMBERS), &l[end..]);
            }
        }
        _ => {
            let keep = rng.below(lines.len());
            lines.truncate(keep.max(1));
        }
    }
    lines.join("\n") + "\n"
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

#[test]
fn corpus_of_reproducers() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for file in &files {
        let dir = scratch("fuzz-corpus");
        std::fs::copy(file, dir.join("input.toml")).expect("copy");
        // A reproducer of bad data must be rejected by `data check` (exit 1), with its file
        // and line; a file named `valid` must pass.
        let check = Command::new(binary())
            .args(["data", "check", "--data", &dir.to_string_lossy()])
            .output()
            .expect("binary runs");
        let valid = file.to_string_lossy().contains("valid-");
        let stderr = String::from_utf8_lossy(&check.stderr);
        let expected = if valid { Some(0) } else { Some(1) };
        if check.status.code() != expected || (!valid && !stderr.contains("input.toml:")) {
            failures.push(format!(
                "{}: data check gave {:?}: {stderr}",
                file.display(),
                check.status.code()
            ));
        }
        for command in COMMANDS.iter().chain([&ASSESS]) {
            if let Some(f) = check_run(&dir, command) {
                failures.push(format!("{}: {f}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "runs for LEAPFROG_FUZZ_SECONDS; CI runs it for a bounded time"]
fn mutations() {
    let seconds: u64 = std::env::var("LEAPFROG_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("LEAPFROG_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed);
    let mut rng = Rng(seed | 1);
    let files: Vec<(&str, &str)> = leapfrog_data::embedded_files().collect();
    let failures_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
    let start = Instant::now();
    let (mut runs, mut failures) = (0u64, Vec::new());
    while start.elapsed() < Duration::from_secs(seconds) {
        let (name, text) = *rng.pick(&files);
        let mut input = text.to_string();
        for _ in 0..=rng.below(3) {
            input = mutate(&input, &mut rng);
        }
        let dir = scratch("fuzz-mutation");
        let file = Path::new(name).file_name().expect("file name").to_owned();
        std::fs::write(dir.join(&file), &input).expect("write input");
        let command = if rng.below(20) == 0 {
            ASSESS
        } else {
            *rng.pick(COMMANDS)
        };
        runs += 1;
        if let Some(f) = check_run(&dir, command) {
            std::fs::create_dir_all(&failures_dir).expect("failures folder");
            let saved = failures_dir.join(format!("{runs}-{}", file.to_string_lossy()));
            std::fs::write(&saved, &input).expect("save failure");
            failures.push(format!("{}: {f}", saved.display()));
            if failures.len() >= 20 {
                break;
            }
        }
    }
    eprintln!(
        "fuzz: {runs} runs in {:.0?}, {} failures (seed {seed})",
        start.elapsed(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A plant, storage-project or deal file, mutated: `rules check` and `ip check` must end
/// with exit 0 or 1, print no NaN, infinity or bare null, and locate every rejection at the
/// file's line. Seeded, so the same cases run every time; `LEAPFROG_FUZZ_SPEC_CASES` sets how
/// many (300 by default, spread over the files).
#[test]
fn rule_spec_file_mutations() {
    let cases: u64 = std::env::var("LEAPFROG_FUZZ_SPEC_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let specs: Vec<(&[&str], String)> = [
        (
            &["rules", "check", "--plant"][..],
            "rules/plant-korean-cathode.toml",
        ),
        (
            &["rules", "check", "--plant"][..],
            "rules/plant-indonesian-cathode.toml",
        ),
        (
            &["rules", "check", "--project"][..],
            "rules/project-storage.toml",
        ),
        (&["ip", "check", "--file"][..], "ip/deals.toml"),
        (&["ip", "check", "--file"][..], "ip/deals-law.toml"),
    ]
    .iter()
    .map(|(args, file)| {
        (
            *args,
            std::fs::read_to_string(fixtures.join(file)).expect("fixture"),
        )
    })
    .collect();
    let mut rng = Rng(0x7175_6c65 | 1);
    let dir = scratch("fuzz-rule-specs");
    let (mut rejected, mut failures) = (0, Vec::new());
    for case in 0..cases {
        let (args, text) = rng.pick(&specs);
        let mut input = text.clone();
        for _ in 0..=rng.below(3) {
            input = mutate(&input, &mut rng);
        }
        let file = dir.join(format!("spec-{case}.toml"));
        std::fs::write(&file, &input).expect("write input");
        let out = Command::new(binary())
            .args(*args)
            .arg(&file)
            .args(["--format", "json"])
            .output()
            .expect("binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let problem = match out.status.code() {
            Some(0) => non_finite(&stdout)
                .map(|bad| format!("printed `{bad}`"))
                .or_else(|| {
                    let v: Value = serde_json::from_str(&stdout).ok()?;
                    let mut found = Vec::new();
                    bare_nulls(&v, "", &mut found);
                    found
                        .first()
                        .map(|f| format!("null without a reason at {f}"))
                }),
            Some(1) => {
                rejected += 1;
                (!stderr.contains(name.as_str())).then(|| format!("unlocated: {stderr}"))
            }
            code => Some(format!("exited {code:?}: {stderr}")),
        };
        if let Some(p) = problem {
            failures.push(format!("case {case} ({}): {p}\n{input}", args.join(" ")));
        }
    }
    eprintln!(
        "rule spec fuzz: {cases} cases, {rejected} rejected, {} failures",
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
