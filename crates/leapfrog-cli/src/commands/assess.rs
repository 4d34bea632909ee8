use crate::output::num;
use crate::output::InputError;
use crate::Failure;
use leapfrog_report::{assess_reporting, render_html, render_markdown, Assessment};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Folder to write the report into (created if missing).
    #[arg(long, default_value = "leapfrog-report")]
    out: PathBuf,
    /// Which files to write; default: all three.
    #[arg(long, value_enum, value_delimiter = ',')]
    format: Vec<ReportFormat>,
}

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Html,
    Json,
    Md,
}

pub fn run(dir: Option<&Path>, a: Args) -> crate::Result {
    let data = super::load(dir)?;
    let bar = crate::output::progress_stage();
    let report = assess_reporting(&data, &mut |stage| bar.set_message(stage.to_string()))?;
    bar.finish_and_clear();
    let formats = if a.format.is_empty() {
        vec![ReportFormat::Html, ReportFormat::Json, ReportFormat::Md]
    } else {
        a.format
    };
    leapfrog_data::ensure_finite("report", &report)?;
    let mut files = Vec::new();
    for f in formats {
        files.push(match f {
            ReportFormat::Html => ("report.html", render_html(&report)),
            ReportFormat::Json => (
                "report.json",
                serde_json::to_string_pretty(&report).map_err(Failure::internal)? + "\n",
            ),
            ReportFormat::Md => ("report.md", render_markdown(&report)),
        });
    }
    write_report_folder(&a.out, &files)?;
    let written: Vec<PathBuf> = files.iter().map(|(name, _)| a.out.join(name)).collect();
    crate::out!("{}", summary(&report));
    for p in written {
        crate::outln!("wrote {}", p.display());
    }
    Ok(())
}

fn summary(r: &Assessment) -> String {
    let mut s = format!("{}\n", r.title);
    for c in &r.capex.comparisons {
        let published = c
            .published_musd_per_gwh
            .map_or(String::new(), |p| format!(" (published: {})", num(p)));
        s += &format!(
            "  {}: {} GWh for {} M$; {} M$/GWh weighted, {} mean{} [{}]\n",
            c.label,
            num(c.stats.capacity_gwh),
            num(c.stats.investment_musd),
            num(c.stats.weighted_musd_per_gwh),
            num(c.stats.mean_musd_per_gwh),
            published,
            c.source
        );
    }
    for l in &r.learning {
        s += &format!(
            "  learning ({}): {:.1}% per doubling [{}]; the fit {:.1}% ± {:.1}% on {} years, {} of them interpolated [{}]\n",
            l.data.series,
            100.0 * l.headline.learning_rate,
            l.headline.source,
            100.0 * l.fit.learning_rate,
            100.0 * l.fit.learning_rate_stderr,
            l.fit.points,
            l.points_interpolated,
            l.source
        );
    }
    for t in &r.capacity {
        s += &format!(
            "  {} ({}): HHI {:.0}, China {:.1}% [{}]\n",
            t.title,
            t.year,
            t.concentration.hhi,
            100.0 * t.china_share,
            t.source
        );
    }
    let ch = &r.chemistry;
    let batpac: Vec<_> = ch
        .reference_checks
        .iter()
        .filter(|c| c.source == "batpac-v5")
        .collect();
    let worst = batpac
        .iter()
        .map(|c| (c.model / c.published - 1.0).abs())
        .fold(0.0, f64::max);
    s += &format!(
        "  cell design: BatPaC v5.0 default reproduced within {:.1}% on {} published figures [batpac-v5]\n",
        100.0 * worst,
        batpac.len()
    );
    let validated: Vec<_> = ch
        .validation
        .iter()
        .filter(|v| v.known_gap.is_none())
        .collect();
    let worst_cell = validated.iter().map(|v| v.error.abs()).fold(0.0, f64::max);
    let worst_per_l = validated
        .iter()
        .filter_map(|v| v.error_wh_per_l.map(f64::abs))
        .fold(0.0, f64::max);
    s += &format!(
        "  commercial cells: {} of {} predicted within {:.1}% on Wh/kg and {:.1}% on Wh/L; {} with a stated gap\n",
        validated.len(),
        ch.validation.len(),
        100.0 * worst_cell,
        100.0 * worst_per_l,
        ch.validation.len() - validated.len()
    );
    for (k, q) in r.summary.questions.iter().enumerate() {
        s += &format!("  question {}: {q}\n", k + 1);
        for f in r
            .summary
            .findings
            .iter()
            .filter(|f| usize::from(f.question) == k + 1)
        {
            s += &format!("    - {} [{}]\n", f.text, f.sources.join(", "));
        }
    }
    s
}

/// The files a report folder may hold; a folder with anything else is not replaced.
const REPORT_FILES: [&str; 3] = ["report.html", "report.json", "report.md"];

/// Writes the report into a staging folder beside `out`, then swaps it into place, so `out` is
/// never a partial or mixed report and files of an earlier, wider `--format` do not linger.
fn write_report_folder(out: &Path, files: &[(&str, String)]) -> crate::Result {
    let user = |what: String| Failure::from(InputError(what));
    let name = out
        .file_name()
        .ok_or_else(|| user(format!("--out {}: give a folder name", out.display())))?
        .to_string_lossy()
        .into_owned();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if out.exists() {
        check_replaceable(out)?;
    }
    remove_stale(&parent, &name);
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let cannot = |what: &str, path: &Path, e: std::io::Error| {
        user(format!(
            "--out {}: cannot {what} {}: {e}",
            out.display(),
            path.display()
        ))
    };
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging).map_err(|e| cannot("create", &staging, e))?;
    for (file, text) in files {
        let path = staging.join(file);
        if let Err(e) = std::fs::write(&path, text) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(cannot("write", &path, e));
        }
    }
    let old = parent.join(format!(".{name}.previous-{}", std::process::id()));
    if out.exists() {
        std::fs::rename(out, &old).map_err(|e| cannot("move aside", out, e))?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(&staging);
        return Err(cannot("move into place", out, e));
    }
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// Removes the staging and set-aside folders of earlier runs for `name` whose process is gone
/// (a run killed between creating and swapping them); a running process's folders stay. Where
/// the system has no /proc to ask, nothing is removed.
fn remove_stale(parent: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.is_dir() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = [".staging-", ".previous-"].iter().find_map(|kind| {
            file.strip_prefix(&format!(".{name}{kind}"))
                .and_then(|p| p.parse::<u32>().ok())
        });
        if pid.is_some_and(|p| !proc.join(p.to_string()).exists()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// An existing `--out` must be a folder holding nothing but report files.
fn check_replaceable(out: &Path) -> crate::Result {
    let entries = std::fs::read_dir(out).map_err(|e| {
        Failure::from(InputError(format!(
            "--out {}: not a folder leapfrog can replace ({e})",
            out.display()
        )))
    })?;
    let foreign: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !REPORT_FILES.contains(&n.as_str()))
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    Err(InputError(format!(
        "--out {}: the folder holds files leapfrog did not write ({}); give a new folder or one holding only {}",
        out.display(),
        foreign.join(", "),
        REPORT_FILES.join(", ")
    ))
    .into())
}
