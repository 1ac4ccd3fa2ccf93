//! Two-column listings as cilium-dbg's `TablePrinter` prints them (`bpf lb list`, `bpf lb maglev
//! list`), with their `map[string][]string` document and typed `-o jsonl` records: from compact
//! sorted raw entries ([`SortedListing`], cells written once into one text arena) or from rows
//! that own their text ([`Row`], for small listings), or through a map's [`View`]
//! ([`ViewListing`]: the listing and its watch print the same lines and records).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use anyhow::{anyhow, Result};
use serde::Serialize;

use super::arena::{Item, Sorted};
use super::view::View;
use super::{Doc, Format, Render};

/// One output row: the sort key, cilium-dbg's key and value cells, and the typed record.
pub struct Row<K> {
    sort: K,
    key: String,
    value: String,
    /// The `-o jsonl` line, serialized up front (fields in declaration order).
    record: Vec<u8>,
}

impl<K> Row<K> {
    pub fn new(sort: K, key: String, value: String, record: impl Serialize) -> Result<Row<K>> {
        let mut line = Vec::with_capacity(256);
        super::json::write_line(&mut line, &record)?;
        Ok(Row {
            sort,
            key,
            value,
            record: line,
        })
    }
}

/// `Display` of a number into a byte buffer.
pub fn push_display(b: &mut Vec<u8>, n: impl std::fmt::Display) {
    let _ = write!(b, "{n}");
}

/// Flush the output buffer once it holds this much.
const FLUSH_AT: usize = 60 * 1024;

/// A sorted listing in every form: cilium-dbg's TablePrinter (two passes: measure, then write),
/// its `map[string][]string` document, or typed JSON lines. `cells` writes an entry's key cell
/// then its value cell into a buffer and returns where the key cell ends; `record` appends its
/// `-o jsonl` record (one JSON object, no newline; a map's [`View::record`]). With `adjacent`, rows with equal key text are known to be next to each other.
pub struct SortedListing<'t, S, C, R> {
    pub t1: &'t str,
    pub t2: &'t str,
    pub all: &'t Sorted<S>,
    pub adjacent: bool,
    pub cells: C,
    pub record: R,
}

/// Every row's two cells, written once into one text arena: per row, where its key cell and
/// its value cell end.
struct Cells {
    text: String,
    ends: Vec<(u32, u32)>,
}

impl Cells {
    fn rows(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        let mut start = 0usize;
        self.ends.iter().map(move |&(k, e)| {
            let (k, e) = (k as usize, e as usize);
            let row = (&self.text[start..k], &self.text[k..e]);
            start = e;
            row
        })
    }

    /// cilium-dbg's `map[string][]string` document.
    fn doc(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut doc: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (k, v) in self.rows() {
            doc.entry(k).or_default().push(v);
        }
        doc
    }
}

/// Cells that serialize as their document.
struct CellsDoc(Cells);

impl Serialize for CellsDoc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.doc().serialize(s)
    }
}

impl<S, C, R> SortedListing<'_, S, C, R>
where
    S: Ord,
    C: Fn(Item<'_, S>, &mut Vec<u8>) -> Result<usize>,
    R: Fn(Item<'_, S>, &mut Vec<u8>) -> Result<()>,
{
    fn cells(&self) -> Result<Cells> {
        let mut text = Vec::with_capacity(self.all.len() * 64);
        let mut ends = Vec::with_capacity(self.all.len());
        for e in self.all.iter() {
            let mid = (self.cells)(e, &mut text)?;
            let end = u32::try_from(text.len()).map_err(|_| anyhow!("more than 4 GiB of listing text"))?;
            ends.push((mid as u32, end));
        }
        let text = String::from_utf8(text).map_err(|_| anyhow!("a listing cell is not UTF-8"))?;
        Ok(Cells { text, ends })
    }
}

impl<S, C, R> Render for SortedListing<'_, S, C, R>
where
    S: Ord,
    C: Fn(Item<'_, S>, &mut Vec<u8>) -> Result<usize>,
    R: Fn(Item<'_, S>, &mut Vec<u8>) -> Result<()>,
{
    fn table(&self, out: &mut dyn Write) -> Result<()> {
        let cells = self.cells()?;
        if !self.adjacent {
            // Rows with equal key text share one key, as in Go's map (only when the key text
            // drops a field: 1.16 keys have no protocol).
            let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
            let mut index: HashMap<&str, usize> = HashMap::new();
            for (k, v) in cells.rows() {
                match index.get(k) {
                    Some(&i) => groups[i].1.push(v),
                    None => {
                        index.insert(k, groups.len());
                        groups.push((k, vec![v]));
                    }
                }
            }
            super::table::table_printer(out, self.t1, self.t2, groups)?;
            return Ok(());
        }
        let mut cols = super::table::TwoColumns::new(self.t1);
        for (k, v) in cells.rows() {
            cols.measure(k, v);
        }
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        cols.header(&mut buf, self.t1, self.t2);
        let mut prev = None;
        for (k, v) in cells.rows() {
            cols.row(&mut buf, if prev == Some(k) { "" } else { k }, v);
            prev = Some(k);
            if buf.len() >= FLUSH_AT {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        Ok(())
    }

    fn document(&self) -> Result<Doc<'_>> {
        Ok(Doc::value(CellsDoc(self.cells()?)))
    }

    fn jsonl(&self, out: &mut dyn Write) -> Result<bool> {
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        for e in self.all.iter() {
            (self.record)(e, &mut buf)?;
            buf.push(b'\n');
            if buf.len() >= FLUSH_AT {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        Ok(true)
    }
}

/// Sort, then print as cilium-dbg's TablePrinter, its `map[string][]string` document, or typed
/// JSON lines.
pub fn render<K: Ord>(out: &mut dyn Write, format: &Format, t1: &str, t2: &str, mut rows: Vec<Row<K>>) -> Result<()> {
    rows.sort_by(|a, b| a.sort.cmp(&b.sort));
    super::render(out, format, &Rows { t1, t2, rows })
}

/// A serde record as one JSON object, without the newline (a [`View`]'s `-o jsonl` record).
pub fn object(out: &mut Vec<u8>, rec: &impl Serialize) -> Result<()> {
    super::json::write_line(out, rec)?;
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    Ok(())
}

/// How a [`ViewListing`] lays out its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// cilium-dbg's small map tables: the header and one line per entry; `No entries found.` on
    /// stderr (and no header) when there are none.
    Rows,
    /// cilium-dbg's `TablePrinter` with one value per key (`key<TAB>value<TAB>`); `note_empty`:
    /// an empty listing prints `No entries found.` instead of the header.
    Pairs { note_empty: bool },
}

/// What [`Entries::each`] calls with each entry's key and value bytes.
pub type EachFn<'f> = dyn FnMut(&[u8], &[u8]) -> Result<()> + 'f;

/// Raw entries in listing order, read back as (key, value) bytes.
pub trait Entries {
    fn is_empty(&self) -> bool;
    fn each(&self, f: &mut EachFn<'_>) -> Result<()>;
}

impl<S: Ord> Entries for Sorted<S> {
    fn is_empty(&self) -> bool {
        Sorted::is_empty(self)
    }
    fn each(&self, f: &mut EachFn<'_>) -> Result<()> {
        self.iter().try_for_each(|e| f(e.key, e.value))
    }
}

impl<K: AsRef<[u8]>, V: AsRef<[u8]>> Entries for [(K, V)] {
    fn is_empty(&self) -> bool {
        <[(K, V)]>::is_empty(self)
    }
    fn each(&self, f: &mut EachFn<'_>) -> Result<()> {
        self.iter().try_for_each(|(k, v)| f(k.as_ref(), v.as_ref()))
    }
}

/// A map listing whose lines and `-o jsonl` records come from the map's [`View`], over raw
/// entries in listing order (compact and sorted beforehand: [`Sorted`]); `document` builds
/// cilium-dbg's `-o json|yaml` document.
pub struct ViewListing<'a, V, E: ?Sized, D> {
    pub view: &'a V,
    pub all: &'a E,
    /// The same entries in `-o jsonl` order, when it differs from the table's.
    pub jsonl: Option<&'a E>,
    pub layout: Layout,
    pub document: D,
}

impl<'a, V, E, D> Render for ViewListing<'a, V, E, D>
where
    V: View,
    E: Entries + ?Sized,
    D: Fn() -> Result<Doc<'a>>,
{
    fn table(&self, out: &mut dyn Write) -> Result<()> {
        let header = self.view.header().unwrap_or_default();
        let (suffix, note_empty) = match self.layout {
            Layout::Rows => ("", true),
            Layout::Pairs { note_empty } => ("\t", note_empty),
        };
        if note_empty && self.all.is_empty() {
            super::notes::line(format_args!("No entries found."));
            return Ok(());
        }
        let mut tw = super::table::tabwriter(&mut *out, 5, 3);
        writeln!(tw, "{header}")?;
        let mut line = Vec::with_capacity(256);
        self.all.each(&mut |k, v| {
            line.clear();
            self.view.table(k, v, &mut line)?;
            line.extend_from_slice(suffix.as_bytes());
            line.push(b'\n');
            Ok(tw.write_all(&line)?)
        })?;
        tw.flush()?;
        Ok(())
    }

    fn document(&self) -> Result<Doc<'_>> {
        (self.document)()
    }

    fn jsonl(&self, out: &mut dyn Write) -> Result<bool> {
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        self.jsonl.unwrap_or(self.all).each(&mut |k, v| {
            self.view.record(k, v, &mut buf)?;
            buf.push(b'\n');
            if buf.len() >= FLUSH_AT {
                out.write_all(&buf)?;
                buf.clear();
            }
            Ok(())
        })?;
        out.write_all(&buf)?;
        Ok(true)
    }
}

/// Rows sorted for printing.
struct Rows<'t, K> {
    t1: &'t str,
    t2: &'t str,
    rows: Vec<Row<K>>,
}

impl<K> Render for Rows<'_, K> {
    fn table(&self, out: &mut dyn Write) -> Result<()> {
        // Rows with equal key strings share one key, as in Go's map.
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for r in &self.rows {
            match index.get(r.key.as_str()) {
                Some(&i) => groups[i].1.push(&r.value),
                None => {
                    index.insert(&r.key, groups.len());
                    groups.push((&r.key, vec![&r.value]));
                }
            }
        }
        super::table::table_printer(out, self.t1, self.t2, groups)?;
        Ok(())
    }
    fn document(&self) -> Result<Doc<'_>> {
        let mut doc: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for r in &self.rows {
            doc.entry(&r.key).or_default().push(&r.value);
        }
        Ok(Doc::value(doc))
    }
    fn jsonl(&self, out: &mut dyn Write) -> Result<bool> {
        for r in &self.rows {
            out.write_all(&r.record)?;
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_back_as_rows_and_group_in_the_document() {
        // Rows "a"→"x", "a"→"yy", "b"→"" written into one arena.
        let cells = Cells {
            text: "axayyb".to_string(),
            ends: vec![(1, 2), (3, 5), (6, 6)],
        };
        let rows: Vec<(&str, &str)> = cells.rows().collect();
        assert_eq!(rows, vec![("a", "x"), ("a", "yy"), ("b", "")]);
        let doc = serde_json::to_string(&CellsDoc(cells)).unwrap();
        assert_eq!(doc, r#"{"a":["x","yy"],"b":[""]}"#);
    }
}
