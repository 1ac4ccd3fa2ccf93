//! Agent answers as renderables: the raw JSON is the document (`-o json` keeps the agent's key
//! order and number spelling, as cilium-dbg re-marshals the same Go models), a formatter from
//! `agent::render` is the human form. Every answer is checked first (syntax, and Go's
//! 10,000-level nesting limit) so a bad answer is an error, not half a document.

use std::borrow::Cow;
use std::io::Write;

use anyhow::{Context, Result};

use crate::output::{rawjson, Doc, Parts, Render};

/// An agent's answer as a document, checked first.
pub fn document(raw: &[u8]) -> Result<Doc<'_>> {
    rawjson::check(raw, crate::agent::client::MAX_JSON_DEPTH).context("the agent's answer is not valid JSON")?;
    Ok(Doc::Raw(Cow::Borrowed(raw)))
}

/// An agent's answer whose human form `table` prints (it decodes the answer only then).
pub fn answer<'a>(raw: &'a [u8], table: impl Fn(&mut dyn Write) -> Result<()> + 'a) -> impl Render + 'a {
    Parts::new(table, move || document(raw))
}

/// Wrap one raw JSON value into a one-element array (cilium-dbg prints `[ep]` for `endpoint get`).
pub fn wrap_array(raw: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(raw.len() + 2);
    v.push(b'[');
    v.extend_from_slice(raw.trim_ascii());
    v.push(b']');
    v
}
