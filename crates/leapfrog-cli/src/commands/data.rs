use crate::output::{emit, Format, InputError, OutputArgs, Table};
use leapfrog_data::{DataError, Dataset};
use serde_json::{json, Value};
use std::path::Path;

#[derive(clap::Subcommand)]
pub enum DataCommand {
    /// List the records of the dataset (optionally of one kind, e.g. project).
    List {
        kind: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Show one record by id.
    Show { id: String },
    /// Validate the dataset (with --data, the layered one); exits 1 on any problem.
    Check {
        #[command(flatten)]
        output: OutputArgs,
    },
    /// The bibliography.
    Sources {
        #[command(flatten)]
        output: OutputArgs,
    },
}

pub fn run(dir: Option<&Path>, cmd: DataCommand) -> crate::Result {
    match cmd {
        DataCommand::Check { output } => check(dir, output.format),
        DataCommand::List { kind, output } => {
            list(&super::load(dir)?, kind.as_deref(), output.format)
        }
        DataCommand::Show { id } => show(&super::load(dir)?, &id),
        DataCommand::Sources { output } => sources(&super::load(dir)?, output.format),
    }
}

fn check(dir: Option<&Path>, format: Format) -> crate::Result {
    // Without a folder, the embedded files are parsed and checked again as the build did, not
    // read from the snapshot the build wrote.
    let loaded = match dir {
        None => Dataset::embedded(),
        Some(_) => super::load(dir),
    };
    match loaded {
        Ok(d) => {
            let records = records(&d).len();
            let mut t = Table::new(&["status", "files", "records"]);
            t.push(vec![
                "ok".into(),
                d.files.len().to_string(),
                records.to_string(),
            ]);
            emit(
                format,
                &t,
                &json!({ "ok": true, "files": d.files.iter().map(|f| &f.0).collect::<Vec<_>>(), "records": records }),
            )
        }
        Err(DataError::Invalid(issues)) => {
            let mut t = Table::new(&["file", "line", "kind", "field", "value", "allowed"]);
            for i in &issues {
                let line = i.line.map_or("-".into(), |l| l.to_string());
                t.push(vec![
                    i.file.clone(),
                    line,
                    i.kind.to_string(),
                    i.field.clone(),
                    i.value.clone(),
                    i.allowed.clone(),
                ]);
            }
            emit(format, &t, &json!({ "ok": false, "issues": issues }))?;
            Err(DataError::Invalid(issues).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Every record as (kind, id, JSON).
fn records(d: &Dataset) -> Vec<(&'static str, String, Value)> {
    struct Collect(Vec<(&'static str, String, Value)>);
    impl leapfrog_data::RecordVisitor for Collect {
        fn visit<T: leapfrog_data::Record>(&mut self, records: &[T]) {
            for r in records {
                self.0
                    .push((T::TABLE, r.key().into_owned(), with_origin(r)));
            }
        }
    }
    let mut c = Collect(Vec::new());
    d.visit_records(&mut c);
    c.0
}

/// A record as JSON with where it was read from (records do not serialise their origin, so
/// the embedded snapshot can carry it beside them).
fn with_origin<T: leapfrog_data::Record>(r: &T) -> Value {
    let mut json = serde_json::to_value(r).unwrap_or(Value::Null);
    if let Value::Object(fields) = &mut json {
        let origin = serde_json::to_value(r.origin()).unwrap_or(Value::Null);
        fields.insert("origin".into(), origin);
    }
    json
}

fn list(d: &Dataset, kind: Option<&str>, format: Format) -> crate::Result {
    let all = records(d);
    let kinds: Vec<&str> = all.iter().map(|r| r.0).fold(Vec::new(), |mut v, k| {
        if !v.contains(&k) {
            v.push(k);
        }
        v
    });
    if let Some(k) = kind {
        if !kinds.contains(&k) {
            return Err(
                InputError(format!("unknown kind `{k}`; allowed: {}", kinds.join(", "))).into(),
            );
        }
    }
    let chosen: Vec<_> = all
        .iter()
        .filter(|r| kind.is_none_or(|k| r.0 == k))
        .collect();
    let mut t = Table::new(&["kind", "id", "file", "source"]);
    for (k, id, v) in &chosen {
        let origin = v
            .get("origin")
            .and_then(|o| o.get("file"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let source = v.get("source").and_then(Value::as_str).unwrap_or("");
        t.push(vec![
            k.to_string(),
            id.clone(),
            origin.to_string(),
            source.to_string(),
        ]);
    }
    let json: Vec<Value> = chosen
        .iter()
        .map(|(k, id, _)| json!({ "kind": k, "id": id }))
        .collect();
    emit(format, &t, &json)
}

fn show(d: &Dataset, id: &str) -> crate::Result {
    let all = records(d);
    let mut found: Vec<_> = all.iter().filter(|r| r.1 == id).cloned().collect();
    if found.is_empty() {
        found = all
            .iter()
            .filter(|r| r.1.eq_ignore_ascii_case(id))
            .cloned()
            .collect();
    }
    if found.is_empty() {
        let keys: Vec<String> = all.iter().map(|r| r.1.clone()).collect();
        let hint = leapfrog_data::error::nearest(id, &keys)
            .map_or(String::new(), |k| format!(" (did you mean `{k}`?)"));
        return Err(InputError(format!(
            "no record with id `{id}`{hint}; try `leapfrog data list`"
        ))
        .into());
    }
    for (kind, _, v) in found {
        crate::outln!(
            "{}",
            serde_json::to_string_pretty(&json!({ "kind": kind, "record": v }))
                .map_err(crate::Failure::internal)?
        );
    }
    Ok(())
}

fn sources(d: &Dataset, format: Format) -> crate::Result {
    let mut t = Table::new(&["id", "year", "publisher", "title", "locator"]);
    for s in &d.sources {
        t.push(vec![
            s.id.clone(),
            s.year.to_string(),
            s.publisher.clone(),
            s.title.clone(),
            s.locator.clone(),
        ]);
    }
    let json: Vec<Value> = d.sources.iter().map(with_origin).collect();
    emit(format, &t, &json)
}
