//! Agent answers as renderables: the document is the answer re-marshalled through the node's
//! release's API models (`agent::remarshal`, as cilium-dbg decodes into its go-swagger structs and
//! prints those), a formatter from `agent::render` is the human form. Every answer is checked
//! first (syntax, and Go's 10,000-level nesting limit) so a bad answer is an error, not half a
//! document.

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

/// Which release's model an answer decodes into: `Model::new(version, "[Service]")`.
#[derive(Debug, Clone, Copy)]
pub struct Model {
    pub version: crate::release::Version,
    /// A model name (`StatusResponse`), or `[Name]` for a list of them.
    pub ty: &'static str,
}

impl Model {
    pub fn new(version: crate::release::Version, ty: &'static str) -> Model {
        Model { version, ty }
    }
}

/// An agent's answer as the document cilium-dbg prints: checked, then re-marshalled as `model`.
pub fn document_as(raw: &[u8], model: Model) -> Result<Doc<'static>> {
    rawjson::check(raw, crate::agent::client::MAX_JSON_DEPTH).context("the agent's answer is not valid JSON")?;
    match crate::agent::remarshal::remarshal(model.version, model.ty, raw) {
        Ok(v) => Ok(Doc::value(v)),
        // Nested deeper than the decoder's 128 levels yet within Go's limit: no model is that
        // deep, so this is not an answer Go would decode either; show it re-indented as it is.
        Err(e) if format!("{e:#}").contains("recursion limit") => Ok(Doc::Raw(Cow::Owned(raw.to_vec()))),
        Err(e) => Err(e),
    }
}

/// One member of an answer re-marshalled as `model`, at `path` (`node list` prints the
/// `nodes-added` list of its `ClusterNodeStatus`): what Go prints for that field, `null` when the
/// model drops it.
pub fn member_as(raw: &[u8], model: Model, path: &[&str]) -> Result<Doc<'static>> {
    rawjson::check(raw, crate::agent::client::MAX_JSON_DEPTH).context("the agent's answer is not valid JSON")?;
    let mut v = crate::agent::remarshal::remarshal(model.version, model.ty, raw)?;
    for k in path {
        v = v
            .get_mut(*k)
            .map(serde_json::Value::take)
            .unwrap_or(serde_json::Value::Null);
    }
    Ok(Doc::value(v))
}

/// [`answer`] whose document is re-marshalled as `model`.
pub fn answer_as<'a>(
    raw: &'a [u8],
    model: Model,
    table: impl Fn(&mut dyn Write) -> Result<()> + 'a,
) -> impl Render + 'a {
    Parts::new(table, move || document_as(raw, model))
}

/// Wrap one raw JSON value into a one-element array (cilium-dbg prints `[ep]` for `endpoint get`).
pub fn wrap_array(raw: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(raw.len() + 2);
    v.push(b'[');
    v.extend_from_slice(raw.trim_ascii());
    v.push(b']');
    v
}
