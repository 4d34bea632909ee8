use crate::output::num;
use anyhow::Context;
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

pub fn run(dir: Option<&Path>, a: Args) -> anyhow::Result<()> {
    let data = super::load(dir)?;
    let report = assess(&data)?;
    let formats = if a.format.is_empty() {
        vec![ReportFormat::Html, ReportFormat::Json, ReportFormat::Md]
    } else {
        a.format
    };
    std::fs::create_dir_all(&a.out)
        .with_context(|| format!("cannot create {}", a.out.display()))?;
    let mut written = Vec::new();
    for f in formats {
        let (name, text) = match f {
            ReportFormat::Html => ("report.html", render_html(&report)),
            ReportFormat::Json => ("report.json", serde_json::to_string_pretty(&report)? + "\n"),
            ReportFormat::Md => ("report.md", render_markdown(&report)),
        };
        let path = a.out.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    print!("{}", summary(&report));
    for p in written {
        println!("wrote {}", p.display());
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
    s
}
