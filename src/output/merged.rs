//! The shape of answers fleet merges across nodes (`--count` totals, `--top` groups, node-tagged
//! records), chosen from the remote command's `-o`: the one place fleet's formats are decided.

use std::io::{self, Write};

use serde::Serialize;

use super::Format;

/// How merged answers are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A table (no `-o`, and the forms a merge cannot rebuild: yaml, jsonpath).
    Table,
    /// `-o json`: one document.
    Json,
    /// `-o jsonl`: one record per line.
    Jsonl,
}

impl Shape {
    /// The shape for the remote command's `-o` value (`None` when it has none).
    pub fn of(output: Option<&str>) -> Shape {
        match output.map(Format::parse) {
            Some(Ok(Format::Json)) => Shape::Json,
            Some(Ok(Format::Jsonl)) => Shape::Jsonl,
            _ => Shape::Table,
        }
    }

    /// Write a merged document as `-o json` does (Go's layout and trailing empty line).
    pub fn document<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
        super::write_document(out, &Format::Json, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_follows_the_remote_output() {
        assert_eq!(Shape::of(None), Shape::Table);
        assert_eq!(Shape::of(Some("json")), Shape::Json);
        assert_eq!(Shape::of(Some("jsonl")), Shape::Jsonl);
        assert_eq!(Shape::of(Some("json-lines")), Shape::Jsonl);
        assert_eq!(Shape::of(Some("yaml")), Shape::Table);
        assert_eq!(Shape::of(Some("jsonpath={.count}")), Shape::Table);
        assert_eq!(Shape::of(Some("xml")), Shape::Table);
    }

    #[test]
    fn document_is_go_json() {
        let mut out = Vec::new();
        Shape::document(&mut out, &serde_json::json!({"count": 3})).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "{\n  \"count\": 3\n}\n\n");
    }
}
