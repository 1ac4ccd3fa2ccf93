//! `debuginfo`: the agent's debug summary (`GET /v1/debuginfo`, cilium-dbg/cmd/debuginfo.go).
//! cdbg prints a text (markdown) summary of the DebugInfo document; it does not shell out to
//! other commands per endpoint as cilium-dbg does.
use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use clap::Args as ClapArgs;

use crate::agent::models::DebugInfo;
use crate::agent::render::status;
use crate::agent::Client;
use crate::cli::Ctx;
use crate::output::{render, Format, Parts};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// markdown| json| jsonpath='{}'| yaml
    #[arg(short = 'o', long = "output", value_name = "string", default_value = "markdown")]
    pub output: String,
}

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let client = Client::for_commands(ctx.host.as_deref())?;
    // Its human form is markdown, and `-o` says so.
    let format = Format::parse_named(&args.output, "markdown").map_err(anyhow::Error::msg)?;
    let raw = client.get_raw("/debuginfo")?;
    let info = Parts::new(
        |w: &mut dyn Write| print_markdown(w, &client.decode("/debuginfo", 200, &raw)?, ctx, &raw),
        // -o json goes through the release's DebugInfo model (C4): the pinned maps', else the
        // one the agent's own status names.
        || {
            let d: DebugInfo = client.decode("/debuginfo", 200, &raw)?;
            let v = crate::cli::status::node_version(&ctx.bpf, &d.cilium_status.unwrap_or_default());
            crate::agent::output::document_as(&raw, crate::agent::output::Model::new(v, "DebugInfo"))
        },
    );
    render(out, &format, &info)
}

/// The DebugInfo document as a markdown summary; its status section as the node's release
/// prints `status` (`raw` is the answer, for the fields only some releases know).
fn print_markdown(out: &mut dyn Write, d: &DebugInfo, ctx: &Ctx, raw: &[u8]) -> Result<()> {
    let mut s = String::from("# Cilium debug information\n");
    let section = |s: &mut String, h: &str, body: &str| {
        // Versions, subsystem reports and keys come from the agent: escape them for the terminal.
        let body = crate::output::sanitize::text(body.trim_end_matches('\n'));
        let _ = write!(s, "\n#### {}\n\n```\n{body}\n```\n", crate::output::sanitize::text(h));
    };
    section(&mut s, "Cilium version", &d.cilium_version);
    section(&mut s, "Kernel version", &d.kernel_version);
    if let Some(sr) = &d.cilium_status {
        let v = crate::cli::status::node_version(&ctx.bpf, sr);
        let sr_raw = serde_json::from_slice::<serde_json::Value>(raw)
            .ok()
            .and_then(|d| serde_json::to_vec(&d["cilium-status"]).ok())
            .unwrap_or_default();
        let extras = status::Extras::from_raw(&sr_raw);
        let text = status::format_status_for(sr, status::Details::ALL, crate::clock::unix_now_ns(), v, &extras);
        let mut buf = Vec::new();
        status::write_tabbed(&mut buf, &text)?;
        section(&mut s, "Cilium status", &String::from_utf8_lossy(&buf));
    }
    let keys: Vec<&str> = d
        .environment_variables
        .iter()
        .map(|e| e.split_once('=').map(|(k, _)| k).unwrap_or(e))
        .collect();
    section(&mut s, "Cilium environment keys", &keys.join("\n"));
    let mut eps = d.endpoint_list.clone();
    eps.sort_by_key(|e| e.id);
    let mut buf = Vec::new();
    crate::agent::render::endpoint::print_list(&mut buf, &eps, false)?;
    section(&mut s, "Endpoint list", &String::from_utf8_lossy(&buf));
    let mut buf = Vec::new();
    crate::agent::render::service::print_list(&mut buf, &d.service_list, false)?;
    section(&mut s, "Service list", &String::from_utf8_lossy(&buf));
    for (name, text) in &d.subsystem {
        section(&mut s, &format!("Subsystem: {name}"), text);
    }
    out.write_all(s.as_bytes())?;
    Ok(())
}
