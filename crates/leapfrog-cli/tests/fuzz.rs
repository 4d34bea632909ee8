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

/// One user-file surface: the command before and after the file, and the file it mutates.
struct Surface {
    name: &'static str,
    before: &'static [&'static str],
    /// `{}` in a word stands for the file (a drive profile inside an experiment step).
    after: &'static [&'static str],
    fixture: &'static str,
    extension: &'static str,
}

const RULE_SURFACES: &[Surface] = &[
    Surface {
        name: "rules plant",
        before: &["rules", "check", "--plant"],
        after: &["--format", "json"],
        fixture: "tests/fixtures/rules/plant-korean-cathode.toml",
        extension: "toml",
    },
    Surface {
        name: "rules plant (Indonesia)",
        before: &["rules", "check", "--plant"],
        after: &["--format", "json"],
        fixture: "tests/fixtures/rules/plant-indonesian-cathode.toml",
        extension: "toml",
    },
    Surface {
        name: "rules project",
        before: &["rules", "check", "--project"],
        after: &["--format", "json"],
        fixture: "tests/fixtures/rules/project-storage.toml",
        extension: "toml",
    },
    Surface {
        name: "ip deals",
        before: &["ip", "check", "--file"],
        after: &["--format", "json"],
        fixture: "tests/fixtures/ip/deals.toml",
        extension: "toml",
    },
    Surface {
        name: "ip deals (law)",
        before: &["ip", "check", "--file"],
        after: &["--format", "json"],
        fixture: "tests/fixtures/ip/deals-law.toml",
        extension: "toml",
    },
];

/// Every other file a user hands a command (issue 28).
const FILE_SURFACES: &[Surface] = &[
    Surface {
        name: "mission spec",
        before: &["mission", "--spec"],
        after: &["--chemistries", "LFP-G", "--format", "json"],
        fixture: "tests/fixtures/fuzz/mission-leo.toml",
        extension: "toml",
    },
    Surface {
        name: "scale-up path",
        before: &["scaleup", "--chemistry", "NaNFM-HC", "--path"],
        after: &["--format", "json"],
        fixture: "tests/fixtures/scaleup/path.toml",
        extension: "toml",
    },
    Surface {
        name: "scenario file",
        before: &["scenario", "--runs", "5", "--file"],
        after: &["--format", "json"],
        fixture: "tests/fixtures/policy/scenario.toml",
        extension: "toml",
    },
    Surface {
        name: "sweep grid",
        before: &["sweep", "--format", "json", "--grid"],
        after: &[],
        fixture: "tests/fixtures/sweep/small.toml",
        extension: "toml",
    },
    Surface {
        name: "cell design",
        before: &["cell", "--design"],
        after: &["--format", "json"],
        fixture: "tests/fixtures/cell-design/lfp-grid.toml",
        extension: "toml",
    },
    Surface {
        name: "life profile",
        before: &["life", "--chemistry", "LFP-G", "--years", "1", "--profile"],
        after: &["--format", "json"],
        fixture: "crates/leapfrog-life/tests/fixtures/profile-grid-daily-25c.csv",
        extension: "csv",
    },
    Surface {
        name: "drive profile",
        before: &["simulate", "--model", "spm", "--params", "chen2020"],
        after: &["--experiment", "Run {} (A)", "--format", "json"],
        fixture: "tests/fixtures/fuzz/drive.csv",
        extension: "csv",
    },
    Surface {
        name: "BPX cell",
        before: &["simulate", "--model", "spm", "--params"],
        after: &[
            "--experiment",
            "Discharge at 1C until 2.7 V",
            "--format",
            "json",
        ],
        fixture: "tests/fixtures/bpx/nmc_pouch_cell.json",
        extension: "json",
    },
];

/// What one surface's cases gave.
#[derive(Default)]
struct Tally {
    cases: u64,
    accepted: u64,
    rejected: u64,
    failures: Vec<String>,
}

/// `cases` mutations of `surface`'s fixture, seeded: each run must end in time with exit 0
/// (no NaN, infinity or bare null in its JSON) or 1 with the file named in the message.
fn fuzz_surface(surface: &Surface, cases: u64, seed: u64) -> Tally {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join(surface.fixture)).expect("fixture");
    let mut rng = Rng(seed | 1);
    let dir = scratch("fuzz-surfaces");
    let mut tally = Tally {
        cases,
        ..Tally::default()
    };
    for case in 0..cases {
        let mut input = text.clone();
        for _ in 0..=rng.below(3) {
            input = mutate(&input, &mut rng);
        }
        let file = dir.join(format!("case-{case}.{}", surface.extension));
        std::fs::write(&file, &input).expect("write input");
        let shown = file.display().to_string();
        let after: Vec<String> = surface
            .after
            .iter()
            .map(|w| w.replace("{}", &shown))
            .collect();
        let mut command = Command::new(binary());
        command.args(surface.before);
        if !surface.after.iter().any(|w| w.contains("{}")) {
            command.arg(&file);
        }
        command.args(&after);
        let (code, stdout, stderr) = run_bounded(command);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let problem = match code {
            Some(0) => {
                tally.accepted += 1;
                non_finite(&stdout)
                    .map(|bad| format!("printed `{bad}`"))
                    .or_else(|| {
                        let v: Value = serde_json::from_str(&stdout).ok()?;
                        let mut found = Vec::new();
                        bare_nulls(&v, "", &mut found);
                        found
                            .first()
                            .map(|f| format!("null without a reason at {f}"))
                    })
            }
            Some(1) => {
                tally.rejected += 1;
                (!stderr.contains(name.as_str())).then(|| format!("unlocated: {stderr}"))
            }
            code => Some(format!("exited {code:?}: {stderr}")),
        };
        if let Some(p) = problem {
            tally
                .failures
                .push(format!("{} case {case}: {p}\n{input}", surface.name));
        }
    }
    tally
}

/// Runs `command` with the harness's time limit: exit code (None when killed), stdout, stderr.
fn run_bounded(mut command: Command) -> (Option<i32>, String, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let (out, err) = (child.stdout.take(), child.stderr.take());
    let read = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = r.read_to_string(&mut s);
            s
        })
    };
    let out = read(Box::new(out.expect("stdout")));
    let err = read(Box::new(err.expect("stderr")));
    let start = Instant::now();
    let code = loop {
        if let Ok(Some(status)) = child.try_wait() {
            break status.code();
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (
        code,
        out.join().unwrap_or_default(),
        err.join().unwrap_or_default(),
    )
}

fn report(surfaces: &[Surface], cases: u64, seed: u64) {
    let start = Instant::now();
    let mut failures = Vec::new();
    for (k, s) in surfaces.iter().enumerate() {
        let t = Instant::now();
        let tally = fuzz_surface(s, cases, seed.wrapping_add(k as u64 * 7919));
        eprintln!(
            "fuzz {:<24} {} cases: {} accepted, {} rejected (located), {} failures, {:.1?}",
            s.name,
            tally.cases,
            tally.accepted,
            tally.rejected,
            tally.failures.len(),
            t.elapsed()
        );
        failures.extend(tally.failures);
    }
    eprintln!(
        "fuzz surfaces: {:.1?} in all (seed {seed})",
        start.elapsed()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn spec_cases(default: u64) -> u64 {
    std::env::var("LEAPFROG_FUZZ_SPEC_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Plant, storage-project and deal files, mutated (always run: 60 cases a file, 300 in all;
/// `LEAPFROG_FUZZ_SPEC_CASES` sets the number a file).
#[test]
fn rule_spec_file_mutations() {
    report(RULE_SURFACES, spec_cases(60), 0x7175_6c65);
}

/// Every other user-file surface, mutated: `LEAPFROG_FUZZ_SPEC_CASES` a surface (300 by
/// default). Ignored by default: about two minutes on two cores.
/// `cargo test --release -p leapfrog-cli --test fuzz file_surface_mutations -- --ignored --nocapture`
#[test]
#[ignore = "runs 300 cases on each of eight surfaces"]
fn file_surface_mutations() {
    report(FILE_SURFACES, spec_cases(300), 0x5355_5246);
}
