//! The one render path: `-o` formats, Go-compatible JSON, YAML, JSON lines, and Go-tabwriter
//! tables. Every renderer writes to any `io::Write`.

pub mod arena;
pub mod changes;
pub mod cobra;
pub mod json;
pub mod merged;
pub mod notes;
pub mod rawjson;
pub mod render;
pub mod sanitize;
pub mod sorted;
pub mod stream;
pub mod table;
pub mod view;

use std::io::{self, Write};

use serde::Serialize;

pub use render::{render, Doc, JsonByDefault, Listing, Parts, Render, TableOnly};

/// What `-o/--output` asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Format {
    /// cilium-dbg's human output (no `-o`).
    #[default]
    Table,
    /// `-o json`: one Go-style document (2-space indent, sorted map keys, HTML escaping).
    Json,
    /// `-o jsonl`: one typed record per line, streamed (cdbg only).
    Jsonl,
    /// `-o yaml`.
    Yaml,
    /// `-o jsonpath=EXPR`.
    JsonPath(String),
}

/// The `-o` values, as error messages list them.
pub const VALID: &str = "json, yaml, jsonpath='{...}', jsonl";

impl Format {
    /// Parse an `-o` value as cilium-dbg does.
    pub fn parse(s: &str) -> Result<Format, String> {
        match s {
            "" | "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "jsonl" | "json-lines" => Ok(Format::Jsonl),
            "yaml" => Ok(Format::Yaml),
            _ => match s.strip_prefix("jsonpath=") {
                Some(e) => Ok(Format::JsonPath(e.trim_matches('\'').to_string())),
                None => Err(unknown(s, VALID)),
            },
        }
    }

    /// Parse an `-o` value for a command whose human form has its own name (`debuginfo`'s
    /// `markdown`): that name, not `table`, selects it.
    pub fn parse_named(s: &str, human: &str) -> Result<Format, String> {
        match s {
            "" | "table" => Err(unknown(s, &format!("{human}, {VALID}"))),
            _ if s == human => Ok(Format::Table),
            _ => Format::parse(s).map_err(|_| unknown(s, &format!("{human}, {VALID}"))),
        }
    }

    /// True for the forms that show values computed now (ages, remaining lifetimes): the table
    /// and the typed jsonl records. cilium-dbg's documents carry only what the map holds.
    pub fn shows_live_values(&self) -> bool {
        matches!(self, Format::Table | Format::Jsonl)
    }
}

fn unknown(s: &str, valid: &str) -> String {
    format!("couldn't find output printer for {s:?}: valid are {valid}")
}

/// The `-o/--output` flag, flattened into every command that has it.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputArgs {
    /// json| yaml| jsonpath='{}'| jsonl (typed records, one per line)
    #[arg(short = 'o', long = "output", value_name = "string", value_parser = Format::parse, default_value = "")]
    pub output: Format,
}

/// Write a whole document in a structured format (json, yaml, jsonpath), with cilium-dbg's
/// trailing bytes. `jsonl` writes the value as one line. Tables are the caller's business.
pub fn write_document<T: Serialize + ?Sized>(w: &mut dyn Write, format: &Format, value: &T) -> io::Result<()> {
    match format {
        Format::Json => {
            json::write_go_json(w, value)?;
            // cilium-dbg prints the document and then an empty line (fmt.Println twice).
            w.write_all(b"\n\n")
        }
        Format::Jsonl => {
            json::write_line(w, value)?;
            Ok(())
        }
        Format::Yaml => {
            let s = yaml_serde::to_string(value).map_err(io::Error::other)?;
            w.write_all(s.as_bytes())?;
            w.write_all(b"\n")
        }
        Format::JsonPath(expr) => {
            let v = serde_json::to_value(value).map_err(io::Error::other)?;
            let (s, missing) =
                json::jsonpath_noting(&v, expr).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
            for key in missing {
                eprintln!("Warning: jsonpath {expr}: no key {key:?} in the output, so it prints nothing");
            }
            w.write_all(s.as_bytes())?;
            w.write_all(b"\n")
        }
        Format::Table => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "table output has no document form",
        )),
    }
}

/// True when an error (anywhere in its chain) is a closed pipe: `cdbg ... | head`.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_formats() {
        assert_eq!(Format::parse("json"), Ok(Format::Json));
        assert_eq!(Format::parse("jsonl"), Ok(Format::Jsonl));
        assert_eq!(Format::parse("yaml"), Ok(Format::Yaml));
        assert_eq!(Format::parse("jsonpath='{.a}'"), Ok(Format::JsonPath("{.a}".into())));
        let e = Format::parse("xml").unwrap_err();
        assert!(e.starts_with("couldn't find output printer"), "{e}");
        assert!(
            e.contains("\"xml\"") && e.contains("json, yaml, jsonpath='{...}', jsonl"),
            "{e}"
        );
    }

    #[test]
    fn named_human_form() {
        assert_eq!(Format::parse_named("markdown", "markdown"), Ok(Format::Table));
        assert_eq!(Format::parse_named("yaml", "markdown"), Ok(Format::Yaml));
        for bad in ["", "table", "xml"] {
            let e = Format::parse_named(bad, "markdown").unwrap_err();
            assert_eq!(
                e,
                format!("couldn't find output printer for {bad:?}: valid are markdown, json, yaml, jsonpath='{{...}}', jsonl")
            );
        }
    }

    #[test]
    fn json_document_has_cilium_trailer() {
        let mut out = Vec::new();
        let mut m = std::collections::BTreeMap::new();
        m.insert("b", vec!["<none>"]);
        m.insert("a", vec!["x"]);
        write_document(&mut out, &Format::Json, &m).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"a\": [\n    \"x\"\n  ],\n  \"b\": [\n    \"\\u003cnone\\u003e\"\n  ]\n}\n\n"
        );
    }
}

/// A command's chosen exit status without an error message (e.g. `kpr check` warnings).
#[derive(Debug)]
pub struct Exit(pub u8);

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit status {}", self.0)
    }
}

impl std::error::Error for Exit {}

/// Render a check report, then end with its status: 0 is `Ok`, anything else flushes `w` and
/// returns [`Exit`] (`doctor`, `kpr check`, `preflight kernel`).
pub fn render_verdict(w: &mut dyn Write, format: &Format, r: &dyn Render, code: u8) -> anyhow::Result<()> {
    render(w, format, r)?;
    if code == 0 {
        return Ok(());
    }
    w.flush()?;
    Err(Exit(code).into())
}
