//! The one entry point from a command to its output: a command hands over something that can be
//! printed as cilium-dbg's human form and as a document, and `render` picks the form `-o` asked
//! for. This file and `mod.rs` are the only places that match on `Format`.

use std::borrow::Cow;
use std::io::Write;
use std::marker::PhantomData;

use anyhow::{Context, Result};
use serde::Serialize;

use super::{json, rawjson, sanitize, write_document, Format};

/// What a command prints: its human form and its document.
pub trait Render {
    /// cilium-dbg's human output (no `-o`): a table, a summary, markdown.
    fn table(&self, w: &mut dyn Write) -> Result<()>;
    /// The document for `-o json|yaml|jsonpath|jsonl`. Computed only when one is asked for.
    fn document(&self) -> Result<Doc<'_>>;
    /// `-o jsonl` records of their own (cdbg's typed records): written, and true. By default
    /// (false) `-o jsonl` prints the document, an array one element per line.
    fn jsonl(&self, _w: &mut dyn Write) -> Result<bool> {
        Ok(false)
    }
}

impl<R: Render + ?Sized> Render for &R {
    fn table(&self, w: &mut dyn Write) -> Result<()> {
        (**self).table(w)
    }
    fn document(&self) -> Result<Doc<'_>> {
        (**self).document()
    }
    fn jsonl(&self, w: &mut dyn Write) -> Result<bool> {
        (**self).jsonl(w)
    }
}

/// A command's document.
pub enum Doc<'a> {
    /// JSON bytes from elsewhere (an agent's answer), already checked to be valid JSON:
    /// `-o json` keeps their key order and number spelling.
    Raw(Cow<'a, [u8]>),
    /// A value cdbg built (any `Serialize`).
    Value(Box<dyn Document + 'a>),
    /// The command has no document: structured formats print nothing.
    Empty,
}

impl<'a> Doc<'a> {
    /// A value cdbg built.
    pub fn value<T: Serialize + 'a>(v: T) -> Doc<'a> {
        Doc::Value(Box::new(v))
    }
}

/// A serializable value whose type has been erased, so `Doc` needs no type parameter.
/// Implemented for every `Serialize` type; only `render` calls it.
pub trait Document {
    /// Write as `format` (never `Table`).
    fn write_as(&self, w: &mut dyn Write, format: &Format) -> Result<()>;
}

impl<T: Serialize> Document for T {
    fn write_as(&self, w: &mut dyn Write, format: &Format) -> Result<()> {
        match format {
            // One record per line: an array's elements, or the value itself.
            Format::Jsonl => match serde_json::to_value(self)? {
                serde_json::Value::Array(items) => {
                    for i in &items {
                        json::write_line(w, i)?;
                    }
                }
                // Written from the value itself, so struct fields keep their order.
                _ => json::write_line(w, self)?,
            },
            Format::JsonPath(_) => {
                // jsonpath prints bare strings: escape what a terminal would act on.
                let mut s = sanitize::Writer::new(&mut *w);
                write_document(&mut s, format, self)?;
                s.flush()?;
            }
            f => write_document(w, f, self)?,
        }
        Ok(())
    }
}

/// Write `r` in `format` to `w`: the one place a command's output form is chosen.
pub fn render(w: &mut dyn Write, format: &Format, r: &dyn Render) -> Result<()> {
    if *format == Format::Table {
        return r.table(w);
    }
    if *format == Format::Jsonl && r.jsonl(w)? {
        return Ok(());
    }
    match r.document()? {
        Doc::Empty => Ok(()),
        Doc::Value(v) => v.write_as(w, format),
        Doc::Raw(raw) => write_raw(w, format, &raw),
    }
}

/// Raw JSON as `format`: re-indented for `-o json` (cilium-dbg re-marshals the same Go models,
/// so the agent's order and spelling stand), decoded for the others.
fn write_raw(w: &mut dyn Write, format: &Format, raw: &[u8]) -> Result<()> {
    if *format == Format::Json {
        rawjson::write_reindented(w, raw)?;
        // cilium-dbg prints the document and then an empty line (fmt.Println twice).
        w.write_all(b"\n\n")?;
        return Ok(());
    }
    let v: serde_json::Value = serde_json::from_slice(raw).context("the document is not valid JSON")?;
    v.write_as(w, format)
}

/// A renderable made of two closures: the human form, and the document (which may borrow what
/// lives for `'a`, such as an agent's answer).
pub struct Parts<'a, T, D> {
    table: T,
    document: D,
    borrows: PhantomData<&'a ()>,
}

impl<'a, T, D> Parts<'a, T, D>
where
    T: Fn(&mut dyn Write) -> Result<()>,
    D: Fn() -> Result<Doc<'a>>,
{
    pub fn new(table: T, document: D) -> Self {
        Parts {
            table,
            document,
            borrows: PhantomData,
        }
    }
}

impl<'a, T, D> Render for Parts<'a, T, D>
where
    T: Fn(&mut dyn Write) -> Result<()>,
    D: Fn() -> Result<Doc<'a>>,
{
    fn table(&self, w: &mut dyn Write) -> Result<()> {
        (self.table)(w)
    }
    fn document(&self) -> Result<Doc<'_>> {
        (self.document)()
    }
}

/// A map listing: its table, cilium-dbg's document for `-o json|yaml|jsonpath`, and cdbg's typed
/// records for `-o jsonl`, one line each, fields in declaration order.
pub struct Listing<'a, T, D, R> {
    table: T,
    document: D,
    records: R,
    borrows: PhantomData<&'a ()>,
}

impl<'a, T, D, R, I> Listing<'a, T, D, R>
where
    T: Fn(&mut dyn Write) -> Result<()>,
    D: Fn() -> Result<Doc<'a>>,
    R: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    pub fn new(table: T, document: D, records: R) -> Self {
        Listing {
            table,
            document,
            records,
            borrows: PhantomData,
        }
    }
}

impl<'a, T, D, R, I> Render for Listing<'a, T, D, R>
where
    T: Fn(&mut dyn Write) -> Result<()>,
    D: Fn() -> Result<Doc<'a>>,
    R: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn table(&self, w: &mut dyn Write) -> Result<()> {
        (self.table)(w)
    }
    fn document(&self) -> Result<Doc<'_>> {
        (self.document)()
    }
    fn jsonl(&self, w: &mut dyn Write) -> Result<bool> {
        for r in (self.records)() {
            json::write_line(w, &r)?;
        }
        Ok(true)
    }
}

/// A renderable whose human form is its JSON document (cilium-dbg's `endpoint get`).
pub struct JsonByDefault<R>(pub R);

impl<R: Render> Render for JsonByDefault<R> {
    fn table(&self, w: &mut dyn Write) -> Result<()> {
        render(w, &Format::Json, &self.0)
    }
    fn document(&self) -> Result<Doc<'_>> {
        self.0.document()
    }
}

/// A renderable that prints only in the human form; structured formats print nothing.
pub struct TableOnly<T>(pub T);

impl<T: Fn(&mut dyn Write) -> Result<()>> Render for TableOnly<T> {
    fn table(&self, w: &mut dyn Write) -> Result<()> {
        (self.0)(w)
    }
    fn document(&self) -> Result<Doc<'_>> {
        Ok(Doc::Empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(format: &Format, r: &dyn Render) -> String {
        let mut b = Vec::new();
        render(&mut b, format, r).unwrap();
        String::from_utf8(b).unwrap()
    }

    #[derive(Serialize)]
    struct Rec {
        z: &'static str,
        a: u32,
    }

    fn both() -> impl Render {
        Parts::new(
            |w: &mut dyn Write| Ok(w.write_all(b"TABLE\n")?),
            || Ok(Doc::value(vec![Rec { z: "\x1b]", a: 1 }, Rec { z: "<b>", a: 2 }])),
        )
    }

    #[test]
    fn table_and_value_forms() {
        let r = both();
        assert_eq!(out(&Format::Table, &r), "TABLE\n");
        assert_eq!(
            out(&Format::Json, &r),
            "[\n  {\n    \"z\": \"\\u001b]\",\n    \"a\": 1\n  },\n  {\n    \"z\": \"\\u003cb\\u003e\",\n    \"a\": 2\n  }\n]\n\n"
        );
        // jsonl: one record per array element; jsonpath escapes control characters.
        assert_eq!(
            out(&Format::Jsonl, &r),
            "{\"a\":1,\"z\":\"\\u001b]\"}\n{\"a\":2,\"z\":\"<b>\"}\n"
        );
        assert_eq!(out(&Format::JsonPath("{[*].z}".into()), &r), "^[] <b>\n");
    }

    #[test]
    fn struct_jsonl_keeps_field_order() {
        let r = Parts::new(|_: &mut dyn Write| Ok(()), || Ok(Doc::value(Rec { z: "x", a: 1 })));
        assert_eq!(out(&Format::Jsonl, &r), "{\"z\":\"x\",\"a\":1}\n");
    }

    #[test]
    fn raw_documents_keep_their_spelling() {
        let raw = br#"[{"b":1.50,"a":"x"},{"b":2}]"#;
        let r = Parts::new(|_: &mut dyn Write| Ok(()), || Ok(Doc::Raw(Cow::Borrowed(&raw[..]))));
        assert_eq!(
            out(&Format::Json, &r),
            "[\n  {\n    \"b\": 1.50,\n    \"a\": \"x\"\n  },\n  {\n    \"b\": 2\n  }\n]\n\n"
        );
        assert_eq!(out(&Format::Jsonl, &r), "{\"a\":\"x\",\"b\":1.5}\n{\"b\":2}\n");
        assert_eq!(out(&Format::Yaml, &r), "- a: x\n  b: 1.5\n- b: 2\n\n");
        // Its human form is the JSON document.
        assert_eq!(out(&Format::Table, &JsonByDefault(&r)), out(&Format::Json, &r));
    }

    #[test]
    fn listing_has_its_own_jsonl_records() {
        let r = Listing::new(
            |w: &mut dyn Write| Ok(w.write_all(b"T\n")?),
            || Ok(Doc::value(vec![1, 2])),
            || [Rec { z: "x", a: 1 }],
        );
        assert_eq!(out(&Format::Table, &r), "T\n");
        assert_eq!(out(&Format::Json, &r), "[\n  1,\n  2\n]\n\n");
        assert_eq!(out(&Format::Jsonl, &r), "{\"z\":\"x\",\"a\":1}\n");
    }

    #[test]
    fn table_only_prints_no_document() {
        let r = TableOnly(|w: &mut dyn Write| Ok(w.write_all(b"t\n")?));
        assert_eq!(out(&Format::Table, &r), "t\n");
        assert_eq!(out(&Format::Json, &r), "");
    }
}
