use crate::output::num;
use crate::Failure;
use leapfrog_report::{assess, render_html, render_markdown, Assessment};
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
    let report = assess(&data)?;
    let formats = if a.format.is_empty() {
        vec![ReportFormat::Html, ReportFormat::Json, ReportFormat::Md]
    } else {
        a.format
    };
    std::fs::create_dir_all(&a.out)
        .map_err(|e| Failure::internal(e).context(format!("cannot create {}", a.out.display())))?;
    let mut written = Vec::new();
    for f in formats {
        let (name, text) = match f {
            ReportFormat::Html => ("report.html", render_html(&report)),
            ReportFormat::Json => (
                "report.json",
                serde_json::to_string_pretty(&report).map_err(Failure::internal)? + "\n",
            ),
            ReportFormat::Md => ("report.md", render_markdown(&report)),
        };
        let path = a.out.join(name);
        std::fs::write(&path, text).map_err(|e| {
            Failure::internal(e).context(format!("cannot write {}", path.display()))
        })?;
        written.push(path);
    }
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
            "  learning ({}): {:.1}% ± {:.1}% per doubling, R² {:.2} [{}]\n",
            l.data.series,
            100.0 * l.fit.learning_rate,
            100.0 * l.fit.learning_rate_stderr,
            l.fit.r_squared,
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
    s += &format!(
        "  commercial cells: {} of {} predicted within {:.1}% on Wh/kg; {} with a stated gap\n",
        validated.len(),
        ch.validation.len(),
        100.0 * worst_cell,
        ch.validation.len() - validated.len()
    );
    s
}
