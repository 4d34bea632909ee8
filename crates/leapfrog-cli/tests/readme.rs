//! The README's examples are what the program prints: every ```` ``` ```` block that starts with
//! `$ leapfrog` is run (in the repository, or for `assess` in a scratch folder, since it writes
//! `leapfrog-report/` where it runs), and every line the block shows must appear in the output.
//! A shown line may end in `...` (columns left out): its text before `...` must appear.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The README's example blocks: the command (continuation lines joined) and the lines shown.
fn examples(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for block in readme.split("```").skip(1).step_by(2) {
        let body = block.strip_prefix('\n').unwrap_or(block);
        let mut lines = body.lines();
        let Some(first) = lines.next().and_then(|l| l.strip_prefix("$ leapfrog ")) else {
            continue;
        };
        let mut command = first.to_string();
        while command.ends_with('\\') {
            command.pop();
            command.push(' ');
            command.push_str(lines.next().unwrap_or("").trim());
        }
        let shown = lines
            .map(str::to_string)
            .filter(|l| !l.trim().is_empty())
            .collect();
        out.push((command, shown));
    }
    out
}

/// Splits a command line as a shell would for these examples: words, and double-quoted
/// strings kept whole.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for ch in command.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

fn run(args: &[String], dir: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_leapfrog"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("binary runs");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let examples = examples(&readme);
    assert!(
        examples.len() >= 15,
        "only {} examples found",
        examples.len()
    );
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("readme-examples");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("scratch folder");
    let mut wrong = Vec::new();
    for (command, shown) in &examples {
        let args = words(command);
        let dir = if args.first().map(String::as_str) == Some("assess") {
            scratch.clone()
        } else {
            root()
        };
        let output = run(&args, &dir);
        for line in shown {
            let expected = match line.find("...") {
                Some(at) => line[..at].trim_end(),
                None => line.trim_end(),
            };
            if !expected.is_empty() && !output.contains(expected) {
                wrong.push(format!("leapfrog {command}\n  shows: {line}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "README lines the program does not print:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn quoted_words_stay_whole() {
    assert_eq!(
        words(r#"life --cycle "dod=0.8,soc_max=0.9" --years 15"#),
        ["life", "--cycle", "dod=0.8,soc_max=0.9", "--years", "15"]
    );
}
