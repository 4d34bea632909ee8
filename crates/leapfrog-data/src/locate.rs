//! Finds the line of a field inside a data file, so that errors found after parsing
//! (ranges, references, duplicates) can still point at the exact line.

/// A step in a path below a record: a key, or the n-th inline table of an array.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    Key(&'a str),
    Item(usize),
}

/// 1-based line of `steps` inside the `index`-th `[[table]]` of `text`; falls back to the
/// record's header line, then to `None` when the record itself is not found.
pub fn field_line(text: &str, table: &str, index: usize, steps: &[Step]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let header = format!("[[{table}]]");
    let start = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .nth(index)
        .map(|(n, _)| n)?;
    // The record runs to the next header that is not one of its own `[[table.key]]` arrays.
    let own = format!("[[{table}.");
    let end = lines[start + 1..]
        .iter()
        .position(|l| is_header(l) && !l.trim().starts_with(&own))
        .map_or(lines.len(), |p| start + 1 + p);
    Some(within(&lines, table, start, end, steps).unwrap_or(start) + 1)
}

fn within(lines: &[&str], table: &str, start: usize, end: usize, steps: &[Step]) -> Option<usize> {
    let Some(Step::Key(key)) = steps.first() else {
        return None;
    };
    let block_end = (start + 1..end)
        .find(|&n| is_header(lines[n]))
        .unwrap_or(end);
    let Some(at) = (start + 1..block_end).find(|&n| assigns(lines[n], key)) else {
        return sub_table(lines, table, start, end, key, &steps[1..]);
    };
    match steps.get(1) {
        Some(Step::Item(item)) if holds_tables(lines, at, end) => {
            nth_inline_table(lines, at, end, *item).or(Some(at))
        }
        _ => Some(at),
    }
}

/// Whether the array assigned on line `at` holds inline tables (its first element opens with
/// `{`), not strings or numbers.
fn holds_tables(lines: &[&str], at: usize, end: usize) -> bool {
    let after = lines[at].split_once('=').map_or("", |(_, v)| v);
    let rest = std::iter::once(after).chain(lines[at + 1..end].iter().copied());
    rest.flat_map(str::chars)
        .find(|c| !c.is_whitespace() && *c != '[')
        .is_some_and(|c| c == '{')
}

/// A key inside the n-th `[[table.key]]` array table of a record.
fn sub_table(
    lines: &[&str],
    table: &str,
    start: usize,
    end: usize,
    key: &str,
    rest: &[Step],
) -> Option<usize> {
    let Some(Step::Item(item)) = rest.first() else {
        return None;
    };
    let header = format!("[[{table}.{key}]]");
    let at = (start + 1..end)
        .filter(|&n| lines[n].trim() == header)
        .nth(*item)?;
    let sub_end = (at + 1..end).find(|&n| is_header(lines[n])).unwrap_or(end);
    match rest.get(1) {
        Some(Step::Key(k)) => (at + 1..sub_end)
            .find(|&n| assigns(lines[n], k))
            .or(Some(at)),
        _ => Some(at),
    }
}

fn is_header(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('[')
        && t[1..]
            .trim_start()
            .starts_with(|c: char| c == '[' || c.is_alphabetic())
}

fn assigns(line: &str, key: &str) -> bool {
    let t = line.trim_start();
    t.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

fn nth_inline_table(lines: &[&str], from: usize, end: usize, item: usize) -> Option<usize> {
    let mut seen = 0;
    for (n, line) in lines.iter().enumerate().take(end).skip(from) {
        for c in line.chars() {
            if c == '{' {
                if seen == item {
                    return Some(n);
                }
                seen += 1;
            }
        }
    }
    None
}

/// 1-based line of a byte offset.
pub fn offset_line(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[[project]]\nid = \"a\"\n\n[[project]]\nid = \"b\"\ncapacity_gwh = 5\nentries = [\n  { key = \"x\" },\n  { key = \"y\" },\n]\n";

    #[test]
    fn finds_key_in_second_record() {
        assert_eq!(
            field_line(TEXT, "project", 1, &[Step::Key("capacity_gwh")]),
            Some(6)
        );
    }

    #[test]
    fn finds_inline_table_item() {
        let steps = [Step::Key("entries"), Step::Item(1), Step::Key("key")];
        assert_eq!(field_line(TEXT, "project", 1, &steps), Some(9));
    }

    #[test]
    fn missing_key_falls_back_to_header() {
        assert_eq!(
            field_line(TEXT, "project", 0, &[Step::Key("nope")]),
            Some(1)
        );
        assert_eq!(field_line(TEXT, "project", 5, &[]), None);
    }

    #[test]
    fn finds_key_in_array_table_of_a_record() {
        let text = "[[path]]\nid = \"a\"\n[[path.stages]]\nid = \"s0\"\n[[path.stages]]\nid = \"s1\"\ngwh = -1\n[[path]]\nid = \"b\"\n";
        let steps = [Step::Key("stages"), Step::Item(1), Step::Key("gwh")];
        assert_eq!(field_line(text, "path", 0, &steps), Some(7));
        assert_eq!(field_line(text, "path", 1, &[Step::Key("id")]), Some(9));
    }
}
