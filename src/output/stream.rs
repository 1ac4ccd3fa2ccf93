//! Streamed listings (`bpf ct list`, `bpf nat list`): each entry is formatted into one reused
//! buffer as the map dump yields it, so memory stays flat however large the map is. A map's
//! entry offers its table line, its Go record as JSON text and its `-o jsonl` line; the sink picks
//! the one `-o` asked for. YAML and jsonpath are made from the Go record's JSON text, so that
//! record is written in one place.

use std::io::Write;

use anyhow::Result;
use serde::{Serialize, Serializer};

use super::Format;

/// Flush the line buffer to the writer once it holds this much.
const FLUSH_AT: usize = 60 * 1024;

/// One entry of a streamed listing.
pub trait Entry {
    /// Append the table line (nothing for a slot the table skips).
    fn table(&self, buf: &mut Vec<u8>) -> Result<()>;
    /// Append the Go record as cilium-dbg's `-o json` writes it inside the top-level array
    /// (opening at 2 spaces, no separator).
    fn go_json(&self, buf: &mut Vec<u8>) -> Result<()>;
    /// Append one `-o jsonl` line (nothing for a skipped slot).
    fn jsonl(&self, buf: &mut Vec<u8>) -> Result<()>;
}

/// Per-format state across all maps of one listing.
pub struct Sink<'o> {
    out: &'o mut dyn Write,
    format: Format,
    buf: Vec<u8>,
    records: usize,
    /// `--sort` on a table: this map's lines, sorted at its end.
    lines: Option<Vec<Box<[u8]>>>,
    /// One record's JSON text, for YAML and jsonpath.
    scratch: Vec<u8>,
    /// `-o jsonpath`: the whole document (jsonpath needs it).
    doc: Vec<serde_json::Value>,
}

impl<'o> Sink<'o> {
    /// Start the output.
    pub fn new(out: &'o mut dyn Write, format: &Format) -> Sink<'o> {
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        if *format == Format::Json {
            buf.push(b'[');
        }
        Sink {
            out,
            format: format.clone(),
            buf,
            records: 0,
            lines: None,
            scratch: Vec::new(),
            doc: Vec::new(),
        }
    }

    /// Start one map. With `sort`, tables sort their lines and documents their entries by key:
    /// true when the caller must feed this map's entries in key order.
    pub fn begin_map(&mut self, sort: bool) -> bool {
        if sort && self.format == Format::Table {
            self.lines = Some(Vec::new());
            return false;
        }
        sort
    }

    /// Write one entry in the chosen form.
    #[inline]
    pub fn push<E: Entry + ?Sized>(&mut self, e: &E) -> Result<()> {
        match &self.format {
            Format::Table => match &mut self.lines {
                Some(lines) => {
                    self.scratch.clear();
                    e.table(&mut self.scratch)?;
                    if !self.scratch.is_empty() {
                        lines.push(self.scratch.as_slice().into());
                    }
                    return Ok(());
                }
                None => e.table(&mut self.buf)?,
            },
            Format::Json => {
                self.buf
                    .extend_from_slice(if self.records == 0 { b"\n" } else { b",\n" });
                self.records += 1;
                e.go_json(&mut self.buf)?;
            }
            Format::Jsonl => e.jsonl(&mut self.buf)?,
            Format::Yaml => {
                self.records += 1;
                self.scratch.clear();
                e.go_json(&mut self.scratch)?;
                let s = yaml_serde::to_string(&[FromJson(&self.scratch)])?;
                self.buf.extend_from_slice(s.as_bytes());
            }
            Format::JsonPath(_) => {
                self.scratch.clear();
                e.go_json(&mut self.scratch)?;
                self.doc.push(serde_json::from_slice(&self.scratch)?);
                return Ok(());
            }
        }
        self.maybe_flush()
    }

    fn maybe_flush(&mut self) -> Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// End one map (tables: its sorted lines, then cilium-dbg's `fmt.Println` after each dump).
    pub fn end_map(&mut self) -> Result<()> {
        if let Some(mut lines) = self.lines.take() {
            lines.sort_unstable();
            for l in &lines {
                self.buf.extend_from_slice(l);
                self.maybe_flush()?;
            }
        }
        if self.format == Format::Table {
            self.buf.push(b'\n');
        }
        self.maybe_flush()
    }

    /// End the output.
    pub fn finish(mut self) -> Result<()> {
        match &self.format {
            Format::Json => {
                if self.records > 0 {
                    self.buf.extend_from_slice(b"\n]");
                } else {
                    self.buf.push(b']');
                }
                self.buf.extend_from_slice(b"\n\n");
            }
            Format::Yaml if self.records == 0 => self.buf.extend_from_slice(b"[]\n\n"),
            Format::Yaml => self.buf.push(b'\n'),
            Format::JsonPath(_) => {
                self.out.write_all(&self.buf)?;
                self.buf.clear();
                let doc = std::mem::take(&mut self.doc);
                super::write_document(self.out, &self.format, &doc)?;
            }
            Format::Table | Format::Jsonl => {}
        }
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

/// JSON text re-serialized as it reads (keys keep their order, numbers their type).
struct FromJson<'a>(&'a [u8]);

impl Serialize for FromJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut de = serde_json::Deserializer::from_slice(self.0);
        serde_transcode::transcode(&mut de, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct E(&'static str);

    impl Entry for E {
        fn table(&self, buf: &mut Vec<u8>) -> Result<()> {
            buf.extend_from_slice(self.0.as_bytes());
            buf.push(b'\n');
            Ok(())
        }
        fn go_json(&self, buf: &mut Vec<u8>) -> Result<()> {
            write!(buf, "  {{\n    \"Z\": [1, 2],\n    \"A\": \"{}\"\n  }}", self.0)?;
            Ok(())
        }
        fn jsonl(&self, buf: &mut Vec<u8>) -> Result<()> {
            writeln!(buf, "{{\"k\":\"{}\"}}", self.0)?;
            Ok(())
        }
    }

    fn run(format: &Format, sort: bool, maps: &[&[&'static str]]) -> String {
        let mut out = Vec::new();
        let mut s = Sink::new(&mut out, format);
        for m in maps {
            s.begin_map(sort);
            for e in *m {
                s.push(&E(e)).unwrap();
            }
            s.end_map().unwrap();
        }
        s.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_empty_and_two() {
        assert_eq!(run(&Format::Json, false, &[&[]]), "[]\n\n");
        assert_eq!(
            run(&Format::Json, false, &[&["a"], &["b"]]),
            "[\n  {\n    \"Z\": [1, 2],\n    \"A\": \"a\"\n  },\n  {\n    \"Z\": [1, 2],\n    \"A\": \"b\"\n  }\n]\n\n"
        );
    }

    #[test]
    fn tables_sort_lines_per_map() {
        assert_eq!(
            run(&Format::Table, true, &[&["b", "a"], &["d", "c"]]),
            "a\nb\n\nc\nd\n\n"
        );
        assert_eq!(run(&Format::Table, false, &[&["b", "a"]]), "b\na\n\n");
    }

    #[test]
    fn yaml_and_jsonpath_come_from_the_json_record() {
        // YAML keeps the record's key order.
        assert_eq!(run(&Format::Yaml, false, &[&["a"]]), "- Z:\n  - 1\n  - 2\n  A: a\n\n");
        assert_eq!(run(&Format::Yaml, false, &[&[]]), "[]\n\n");
        assert_eq!(run(&Format::JsonPath("{[*].A}".into()), false, &[&["a", "b"]]), "a b\n");
        assert_eq!(
            run(&Format::Jsonl, false, &[&["a"], &["b"]]),
            "{\"k\":\"a\"}\n{\"k\":\"b\"}\n"
        );
    }

    #[test]
    fn sort_means_key_order_for_documents() {
        let mut out = Vec::new();
        assert!(Sink::new(&mut out, &Format::Json).begin_map(true));
        assert!(!Sink::new(&mut out, &Format::Table).begin_map(true));
        assert!(!Sink::new(&mut out, &Format::Json).begin_map(false));
    }
}
