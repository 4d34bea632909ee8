//! Output formats shared by the subcommands: aligned tables, CSV and JSON.

use serde::Serialize;
use std::fmt;

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

    pub fn text(&self) -> String {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|i| {
                self.rows
                    .iter()
                    .map(|r| r[i].chars().count())
                    .chain([self.headers[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<String>| {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let mut out = vec![line(self.headers.iter().map(|h| h.to_string()).collect())];
        out.push(line(widths.iter().map(|w| "-".repeat(*w)).collect()));
        out.extend(self.rows.iter().map(|r| line(r.clone())));
        out.join("\n") + "\n"
    }

    pub fn csv(&self) -> String {
        let field = |s: &str| {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let mut out = self
            .headers
            .iter()
            .map(|h| field(h))
            .collect::<Vec<_>>()
            .join(",")
            + "\n";
        for r in &self.rows {
            out += &(r.iter().map(|c| field(c)).collect::<Vec<_>>().join(",") + "\n");
        }
        out
    }
}

/// Prints `table` as text or CSV, or `json` as pretty JSON.
pub fn emit<T: Serialize>(format: Format, table: &Table, json: &T) -> crate::Result {
    let text = match format {
        Format::Table => table.text(),
        Format::Csv => table.csv(),
        Format::Json => {
            serde_json::to_string_pretty(json).map_err(crate::Failure::internal)? + "\n"
        }
    };
    crate::out!("{text}");
    Ok(())
}

pub fn num(v: f64) -> String {
    if v.abs() >= 1000.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
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
