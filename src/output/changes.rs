//! The change stream of `--watch`, `--wait` and `--wait-gone`: the format is chosen once, then
//! rows, `+`/`-`/`~` change lines (through one tabwriter) or `-o jsonl` change records
//! (`{"change","time","entry","changed_fields"}`) are written without the engine knowing which.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::{json, sanitize, table, Format};

/// What happened to a row between two passes (the order change lines are printed in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Removed,
    Added,
    Changed,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
        }
    }

    fn sign(self) -> &'static [u8] {
        match self {
            Kind::Added => b"+ ",
            Kind::Removed => b"- ",
            Kind::Changed => b"~ ",
        }
    }
}

/// A record field that differs between two passes: (name, old, new).
pub type Field = (String, serde_json::Value, serde_json::Value);

/// A row that can be written either way; the stream asks for the one its format needs.
pub trait RowText {
    /// The table line: tab-separated cells, no newline.
    fn table(&self, out: &mut Vec<u8>) -> Result<()>;
    /// The typed record: one JSON object, no newline.
    fn record(&self, out: &mut Vec<u8>) -> Result<()>;
}

/// How a watch writes: table lines or jsonl records, decided once from `-o`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    jsonl: bool,
}

/// Why a document format cannot carry a watch.
pub const STREAM_ONLY: &str =
    "--watch, --wait and --wait-gone print a stream of rows: use the table (no -o) or -o jsonl";

impl Changes {
    /// The stream for `format`; `None` for the document formats (json, yaml, jsonpath), which
    /// cannot grow line by line.
    pub fn new(format: &Format) -> Option<Changes> {
        match format {
            Format::Table => Some(Changes { jsonl: false }),
            Format::Jsonl => Some(Changes { jsonl: true }),
            Format::Json | Format::Yaml | Format::JsonPath(_) => None,
        }
    }

    /// A row as the listing prints it (table line or plain record), with its newline.
    pub fn row(&self, row: &dyn RowText, line: &mut Vec<u8>) -> Result<()> {
        if self.jsonl {
            row.record(line)?;
        } else {
            row.table(line)?;
        }
        line.push(b'\n');
        Ok(())
    }

    /// Rows made by [`Changes::row`] (already sorted), under the listing's header in a table.
    pub fn rows(&self, out: &mut dyn Write, header: Option<&str>, lines: &[Vec<u8>]) -> Result<()> {
        if self.jsonl {
            for l in lines {
                out.write_all(l)?;
            }
            return Ok(());
        }
        let mut tw = table::tabwriter(&mut *out, 5, 3);
        if let Some(h) = header {
            writeln!(tw, "{h}")?;
        }
        for l in lines {
            tw.write_all(l)?;
        }
        tw.flush()?;
        Ok(())
    }

    /// `--quiet`'s first pass: only how many entries there are.
    pub fn count(&self, out: &mut dyn Write, n: u64) -> Result<()> {
        if self.jsonl {
            writeln!(out, "{{\"entries\":{n}}}")?;
        } else {
            writeln!(out, "{n} entries")?;
        }
        Ok(())
    }

    /// One change, with its newline: a `+ `/`- `/`~ ` table line with the changed fields
    /// (`(name: old → new, …)`), or a change record.
    pub fn change(&self, kind: Kind, time: &str, row: &dyn RowText, fields: &[Field]) -> Result<Vec<u8>> {
        let mut line = Vec::with_capacity(256);
        if self.jsonl {
            let mut entry = Vec::new();
            row.record(&mut entry)?;
            line.extend_from_slice(b"{\"change\":\"");
            line.extend_from_slice(kind.word().as_bytes());
            line.extend_from_slice(b"\",\"time\":");
            serde_json::to_writer(&mut line, time)?;
            line.extend_from_slice(b",\"entry\":");
            line.extend_from_slice(&entry);
            line.extend_from_slice(b",\"changed_fields\":[");
            for (i, (name, old, new)) in fields.iter().enumerate() {
                if i > 0 {
                    line.push(b',');
                }
                serde_json::to_writer(&mut line, &serde_json::json!({"field": name, "old": old, "new": new}))?;
            }
            line.extend_from_slice(b"]}");
        } else {
            line.extend_from_slice(kind.sign());
            row.table(&mut line)?;
            if !fields.is_empty() {
                line.extend_from_slice(b"\t(");
                for (i, (name, old, new)) in fields.iter().enumerate() {
                    if i > 0 {
                        line.extend_from_slice(b", ");
                    }
                    write!(line, "{name}: {} → {}", plain(old), plain(new))?;
                }
                line.push(b')');
            }
        }
        line.push(b'\n');
        Ok(line)
    }

    /// A pass's change lines made by [`Changes::change`] (already sorted), through one tabwriter.
    pub fn changes(&self, out: &mut dyn Write, lines: &[Vec<u8>]) -> Result<()> {
        if self.jsonl {
            for l in lines {
                out.write_all(l)?;
            }
        } else if !lines.is_empty() {
            let mut tw = table::tabwriter(&mut *out, 5, 3);
            for l in lines {
                tw.write_all(l)?;
            }
            tw.flush()?;
        }
        Ok(())
    }

    /// The line closing a pass on a terminal (tables only: records stay one per line).
    pub fn footer(&self, out: &mut dyn Write, tty: bool, text: std::fmt::Arguments<'_>) -> Result<()> {
        if tty && !self.jsonl {
            writeln!(out, "── {text} ──")?;
        }
        Ok(())
    }

    /// Records of any kind: under `header` with a table line each (`line` writes the cells), or
    /// one JSON line each.
    pub fn records<T: Serialize>(
        &self,
        out: &mut dyn Write,
        header: &str,
        rows: &[T],
        line: impl Fn(&T, &mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        if self.jsonl {
            for r in rows {
                json::write_line(&mut *out, r)?;
            }
            return Ok(());
        }
        let mut tw = table::tabwriter(&mut *out, 5, 3);
        writeln!(tw, "{header}")?;
        for r in rows {
            line(r, &mut tw)?;
            writeln!(tw)?;
        }
        tw.flush()?;
        Ok(())
    }
}

/// A JSON value as a table shows it: strings bare, everything else as JSON.
fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => sanitize::field(s).to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R(&'static str, u8);

    impl RowText for R {
        fn table(&self, out: &mut Vec<u8>) -> Result<()> {
            write!(out, "{}\tv={}", self.0, self.1)?;
            Ok(())
        }
        fn record(&self, out: &mut Vec<u8>) -> Result<()> {
            serde_json::to_writer(out, &serde_json::json!({"key": self.0, "v": self.1}))?;
            Ok(())
        }
    }

    fn text(b: Vec<u8>) -> String {
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn only_streams_watch() {
        assert!(Changes::new(&Format::Table).is_some());
        assert!(Changes::new(&Format::Jsonl).is_some());
        assert!(Changes::new(&Format::Json).is_none());
        assert!(Changes::new(&Format::Yaml).is_none());
        assert!(Changes::new(&Format::JsonPath("{.a}".into())).is_none());
    }

    #[test]
    fn change_in_both_forms() {
        let fields = vec![("v".to_string(), 2.into(), 7.into())];
        let t = Changes::new(&Format::Table).unwrap();
        let j = Changes::new(&Format::Jsonl).unwrap();
        assert_eq!(
            text(t.change(Kind::Changed, "T", &R("bb", 7), &fields).unwrap()),
            "~ bb\tv=7\t(v: 2 → 7)\n"
        );
        assert_eq!(
            text(j.change(Kind::Removed, "T", &R("cc", 3), &[]).unwrap()),
            "{\"change\":\"removed\",\"time\":\"T\",\"entry\":{\"key\":\"cc\",\"v\":3},\"changed_fields\":[]}\n"
        );
    }

    #[test]
    fn rows_count_and_footer() {
        let t = Changes::new(&Format::Table).unwrap();
        let j = Changes::new(&Format::Jsonl).unwrap();
        let mut line = Vec::new();
        t.row(&R("a", 1), &mut line).unwrap();
        let mut out = Vec::new();
        t.rows(&mut out, Some("KEY\tVALUE"), &[line]).unwrap();
        t.count(&mut out, 3).unwrap();
        t.footer(&mut out, true, format_args!("x")).unwrap();
        t.footer(&mut out, false, format_args!("y")).unwrap();
        assert_eq!(text(out), "KEY   VALUE\na     v=1\n3 entries\n── x ──\n");
        let mut out = Vec::new();
        j.count(&mut out, 3).unwrap();
        j.footer(&mut out, true, format_args!("x")).unwrap();
        assert_eq!(text(out), "{\"entries\":3}\n");
    }
}
