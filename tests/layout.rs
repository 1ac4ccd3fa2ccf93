//! House rules checked over the source tree: `src/cli/` turns arguments into queries, so its
//! files neither match on output formats (`output/` does) nor write to stderr themselves
//! (`output::notes` does), and none grows past a few hundred lines.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display())) {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The product code of a file: everything before its `#[cfg(test)]` module.
fn product_code(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

/// What a `src/cli/` file must not contain, and why.
const FORBIDDEN: &[(&str, &str)] = &[
    ("eprintln!", "write messages through crate::output::notes"),
    ("eprint!", "write messages through crate::output::notes"),
    ("Format::Table", "let crate::output::render pick the format"),
    ("Format::Json", "let crate::output::render pick the format"),
    ("Format::Yaml", "let crate::output::render pick the format"),
    ("Format::JsonPath", "let crate::output::render pick the format"),
    ("Format::{", "let crate::output::render pick the format"),
    ("Format::*", "let crate::output::render pick the format"),
];

fn violations(path: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in product_code(text).lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for (bad, fix) in FORBIDDEN {
            if code.contains(bad) {
                found.push(format!("{path}:{}: `{bad}`: {fix}", n + 1));
            }
        }
    }
    found
}

#[test]
fn cli_neither_matches_formats_nor_prints_to_stderr() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/cli"), &mut files);
    assert!(files.len() > 10, "expected the cli sources under {}", root.display());
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        found.extend(violations(&f.strip_prefix(root).unwrap().display().to_string(), &text));
    }
    assert!(
        found.is_empty(),
        "src/cli/ breaks the layout rules:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_catches_what_it_should() {
    let src = "fn f() {\n    eprintln!(\"x\");\n    match f { Format::Json => 1 }\n}\n#[cfg(test)]\nmod t { fn g() { eprintln!(); } }\n";
    let v = violations("x.rs", src);
    assert_eq!(v.len(), 2, "{v:?}");
    assert!(v[0].starts_with("x.rs:2: `eprintln!`"));
    assert!(v[1].starts_with("x.rs:3: `Format::Json`"));
    // Comments do not count.
    assert!(violations("y.rs", "// eprintln! is not used here\n").is_empty());
}

/// The product lines of `text` that name a `Format` variant (1-based).
fn format_lines(text: &str) -> Vec<usize> {
    let code = |l: &str| l.split("//").next().unwrap_or("").contains("Format::");
    product_code(text)
        .lines()
        .enumerate()
        .filter_map(|(n, l)| code(l).then_some(n + 1))
        .collect()
}

#[test]
fn watch_and_fleet_leave_formats_to_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/watch"), &mut files);
    rust_files(&root.join("src/fleet"), &mut files);
    assert!(
        files.len() > 5,
        "expected the watch and fleet sources under {}",
        root.display()
    );
    let mut found = Vec::new();
    for f in &files {
        let path = f.strip_prefix(root).unwrap().display().to_string();
        let lines = format_lines(&std::fs::read_to_string(f).unwrap());
        found.extend(lines.iter().map(|n| format!("{path}:{n}")));
    }
    assert!(
        found.is_empty(),
        "these name a Format: let output::changes (watch) or output::merged (fleet) decide:\n{}",
        found.join("\n")
    );
    let sample = "fn f(x: &Format) {\n    if *x == Format::Jsonl {}\n    // Format::Json\n}\n#[cfg(test)]\nmod t { const F: Format = Format::Table; }\n";
    assert_eq!(format_lines(sample), [2]);
}

/// The most lines a `src/cli/` file may have, its tests included: more means logic that belongs
/// in a library module (`hubble/`, `agent/render/`, `doctor/`, `query/`, …).
const CLI_MAX_LINES: usize = 400;

fn too_long(path: &str, text: &str) -> Option<String> {
    let n = text.lines().count();
    (n > CLI_MAX_LINES).then(|| format!("{path}: {n} lines (at most {CLI_MAX_LINES}): move the logic out of cli/"))
}

#[test]
fn cli_files_stay_short() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src/cli"), &mut files);
    let mut found = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(root).unwrap().display().to_string();
        found.extend(too_long(&rel, &std::fs::read_to_string(f).unwrap()));
    }
    assert!(found.is_empty(), "src/cli/ files too long:\n{}", found.join("\n"));
}

#[test]
fn the_length_check_counts_lines() {
    assert!(too_long("a.rs", &"x\n".repeat(CLI_MAX_LINES)).is_none());
    let long = too_long("b.rs", &"x\n".repeat(CLI_MAX_LINES + 1)).unwrap();
    assert!(long.starts_with("b.rs: 401 lines"), "{long}");
}
