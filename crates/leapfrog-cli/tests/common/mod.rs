//! Helpers shared by the CLI's integration tests.

use serde_json::Value;

/// Every `null` in JSON output stands in a documented not-applicable field, with a
/// `<field>_reason` beside it.
pub fn bare_nulls(v: &Value, at: &str, found: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if x.is_null() && !m.contains_key(&format!("{k}_reason")) {
                    found.push(format!("{at}.{k}"));
                }
                bare_nulls(x, &format!("{at}.{k}"), found);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                bare_nulls(x, &format!("{at}[{i}]"), found);
            }
        }
        _ => {}
    }
}
