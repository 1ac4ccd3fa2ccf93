//! `endpoint list` / `endpoint get`: endpoints from the agent API (cilium-dbg/cmd/endpoint_list.go,
//! endpoint_get.go).
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::agent::models::Endpoint;
use crate::agent::render::endpoint::print_list;
use crate::agent::{output::write_raw, Client};
use crate::cli::Ctx;
use crate::output::{Format, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all endpoints
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Display endpoint information
    #[command(visible_aliases = ["inspect", "show"])]
    Get(GetArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Do not print headers
    #[arg(long)]
    pub no_headers: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Endpoint ID ([cilium-local:|container-id:|pod-name:ns:...]id)
    pub id: Option<String>,
    /// List all endpoints that have all of these labels
    #[arg(short = 'l', long = "labels", value_name = "strings", value_delimiter = ',')]
    pub labels: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let client = Client::for_commands(ctx.host.as_deref())?;
    match cmd {
        Cmd::List(a) => {
            let raw = client.get_raw("/endpoint")?;
            if !a.output.output.is_table() {
                return write_raw(out, &a.output.output, &raw);
            }
            let mut eps: Vec<Endpoint> = client.decode("/endpoint", 200, &raw)?;
            eps.sort_by_key(|e| e.id);
            print_list(out, &eps, a.no_headers)
        }
        Cmd::Get(a) => {
            let format = if a.output.output.is_table() {
                Format::Json
            } else {
                a.output.output.clone()
            };
            if !a.labels.is_empty() {
                let raw = client.get_raw("/endpoint")?;
                let eps: Vec<serde_json::Value> = client.decode("/endpoint", 200, &raw)?;
                let want: Vec<&str> = a.labels.iter().map(|s| s.as_str()).collect();
                let matching: Vec<&serde_json::Value> = eps.iter().filter(|e| has_labels(e, &want)).collect();
                return crate::agent::output::write_value(out, &format, &matching);
            }
            let Some(id) = a.id else {
                anyhow::bail!("missing endpoint id argument (or use -l/--labels)");
            };
            let raw = client.get_raw(&format!("/endpoint/{}", encode_path(&id)))?;
            write_raw(out, &format, &crate::agent::output::wrap_array(&raw))
        }
    }
}

fn has_labels(ep: &serde_json::Value, want: &[&str]) -> bool {
    let have: Vec<&str> = ep
        .pointer("/status/labels/security-relevant")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|s| s.as_str()).collect())
        .unwrap_or_default();
    want.iter().all(|w| {
        have.iter()
            .any(|h| h == w || h.split_once(':').is_some_and(|(_, k)| k == *w))
    })
}

/// Percent-encode a path segment (endpoint IDs may hold `:` and `/`).
pub fn encode_path(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}
