//! Printing agent documents for `-o json|yaml|jsonpath|jsonl`. JSON keeps the agent's own key
//! order and number spelling (cilium-dbg re-marshals the same Go models), re-indented as Go's
//! `MarshalIndent`, plus cilium-dbg's trailing blank line. Every document is checked first
//! (syntax, and Go's 10,000-level nesting limit) so a bad answer is an error, not half a document.

use std::io::Write;

use anyhow::{Context, Result};

use crate::output::{self, Format};

/// Write an agent document (raw JSON bytes) in the requested structured format.
pub fn write_raw(out: &mut dyn Write, format: &Format, raw: &[u8]) -> Result<()> {
    match format {
        Format::Json => {
            check(raw)?;
            output::rawjson::write_reindented(out, raw)?;
            out.write_all(b"\n\n")?;
        }
        Format::Jsonl => {
            let v: serde_json::Value = parse(raw)?;
            match v {
                serde_json::Value::Array(items) => {
                    for i in items {
                        output::json::write_line(out, &i)?;
                    }
                }
                other => output::json::write_line(out, &other)?,
            }
        }
        Format::Table => {}
        f => {
            let v: serde_json::Value = parse(raw)?;
            write_value(out, f, &v)?;
        }
    }
    Ok(())
}

/// Write a value cdbg built itself (not an agent document).
pub fn write_value<T: serde::Serialize + ?Sized>(out: &mut dyn Write, format: &Format, v: &T) -> Result<()> {
    if let Format::JsonPath(_) = format {
        // jsonpath prints bare strings: escape what a terminal would act on.
        let mut w = output::sanitize::Writer::new(&mut *out);
        output::write_document(&mut w, format, v)?;
        w.flush()?;
    } else {
        output::write_document(out, format, v)?;
    }
    Ok(())
}

fn check(raw: &[u8]) -> Result<()> {
    output::rawjson::check(raw, crate::agent::client::MAX_JSON_DEPTH).context("the agent's answer is not valid JSON")
}

fn parse(raw: &[u8]) -> Result<serde_json::Value> {
    check(raw)?;
    serde_json::from_slice(raw).context("the agent's answer is not valid JSON")
}

/// Wrap one raw JSON value into a one-element array (cilium-dbg prints `[ep]` for `endpoint get`).
pub fn wrap_array(raw: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(raw.len() + 2);
    v.push(b'[');
    v.extend_from_slice(raw.trim_ascii());
    v.push(b']');
    v
}
