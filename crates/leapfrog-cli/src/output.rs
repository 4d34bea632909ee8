//! Output formats shared by the subcommands: aligned tables, CSV and JSON.

use serde::Serialize;
use std::fmt;
use tabled::settings::{object::Columns, Padding, Style};

#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// `--format`, shared by every command that prints a table (sweep, which writes CSV by
/// default, declares its own).
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct OutputArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// A mistake in the user's arguments, reported with exit code 1.
#[derive(Debug)]
pub struct InputError(pub String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

impl leapfrog_data::Blamed for InputError {
    fn blame(&self) -> leapfrog_data::Blame {
        leapfrog_data::Blame::User
    }
}

pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&'static str]) -> Table {
        Table {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Columns left-aligned, two spaces apart, a dashed rule under the header, no trailing
    /// spaces; any cell width.
    pub fn text(&self) -> String {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|i| {
                self.rows
                    .iter()
                    .map(|r| r[i].chars().count())
                    .chain([self.headers[i].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut b = tabled::builder::Builder::default();
        b.push_record(self.headers.iter().copied());
        b.push_record(widths.iter().map(|w| "-".repeat(*w)));
        for r in &self.rows {
            b.push_record(r.iter().cloned());
        }
        let mut t = b.build();
        let last = self.headers.len().saturating_sub(1);
        t.with(Style::empty().vertical(' '))
            .with(Padding::new(0, 1, 0, 0))
            .modify(Columns::new(last..), Padding::zero());
        let mut out = String::new();
        for line in t.to_string().lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    pub fn csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        // Writing to a Vec cannot fail, and a record of strings always serializes.
        let _ = w.write_record(&self.headers);
        for r in &self.rows {
            let _ = w.write_record(r);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// Prints `table` as text or CSV, or `json` as pretty JSON.
pub fn emit<T: Serialize>(format: Format, table: &Table, json: &T) -> crate::Result {
    // Every command's result passes here, in every format: a number that failed to compute
    // is an error naming its field, never NaN, inf or null in the output.
    leapfrog_data::ensure_finite("result", json)?;
    let text = match format {
        Format::Table => table.text(),
        Format::Csv => table.csv(),
        Format::Json => {
            let mut value = serde_json::to_value(json).map_err(crate::Failure::internal)?;
            unsigned_zeros(&mut value);
            serde_json::to_string_pretty(&value).map_err(crate::Failure::internal)? + "\n"
        }
    };
    crate::out!("{text}");
    Ok(())
}

pub fn num(v: f64) -> String {
    let text = if v.abs() >= 1000.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    };
    unsigned_zero(text)
}

/// A figure with `decimals` places; a value that rounds to zero is written without a sign.
pub fn fixed(v: f64, decimals: usize) -> String {
    unsigned_zero(format!("{v:.decimals$}"))
}

/// A negative zero anywhere in a JSON result is written 0 (issue 28: -0.0 means nothing to a
/// reader and differs byte for byte from 0.0).
fn unsigned_zeros(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n)
            if n.as_f64() == Some(0.0) && n.to_string().starts_with('-') =>
        {
            *v = serde_json::json!(0.0);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(unsigned_zeros),
        serde_json::Value::Object(map) => map.values_mut().for_each(unsigned_zeros),
        _ => {}
    }
}

/// `-0.000` (a tiny negative rounded away) is written `0.000`.
fn unsigned_zero(text: String) -> String {
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// Writes to stdout. A closed pipe (`leapfrog ... | head`) ends the program quietly instead
/// of panicking as `print!` would; any other write failure is an internal error.
pub fn write_stdout(args: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to stdout: {e}");
        std::process::exit(2);
    }
}

#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write_stdout(format_args!($($arg)*)) };
}

#[macro_export]
macro_rules! outln {
    () => { $crate::output::write_stdout(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

/// A progress bar on stderr counting `what` (runs, designs), hidden when stderr is not a
/// terminal, so piped and tested output never carries it.
pub fn progress(total: u64, what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {what}  {{per_sec}}  eta {{eta}}");
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

/// A progress bar on stderr for a run measured as a share done (a life run towards its stop),
/// hidden when stderr is not a terminal.
pub fn progress_share(what: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(1000);
    let template = format!("{{bar:40}} {{percent}}% {what}  eta {{eta}}");
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

/// A spinner on stderr naming the stage a multi-part run is in (`assess`), hidden when stderr
/// is not a terminal.
pub fn progress_stage() -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn a_cell_wider_than_65535_characters_renders() {
        let mut t = Table::new(&["id", "value"]);
        t.push(vec!["x".repeat(70_000), "1".into()]);
        let text = t.text();
        assert!(text.lines().nth(2).is_some_and(|l| l.ends_with("  1")));
    }

    #[test]
    fn columns_are_two_spaces_apart_under_a_dashed_rule() {
        let mut t = Table::new(&["quantity", "Δ unit"]);
        t.push(vec!["cell mass".into(), "kg".into()]);
        assert_eq!(
            t.text(),
            "quantity   Δ unit\n---------  ------\ncell mass  kg\n"
        );
    }

    #[test]
    fn csv_quotes_only_fields_that_need_it() {
        let mut t = Table::new(&["a", "b"]);
        t.push(vec!["x,y".into(), "say \"hi\"".into()]);
        assert_eq!(t.csv(), "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n");
    }
}
