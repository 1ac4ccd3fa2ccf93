//! `endpoint list` / `endpoint get`: endpoints from the agent API (cilium-dbg/cmd/endpoint_list.go,
//! endpoint_get.go).
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::agent::models::Endpoint;
use crate::agent::render::endpoint::print_list;
use crate::agent::{output, Client};
use crate::cli::Ctx;
use crate::output::{render, Doc, JsonByDefault, OutputArgs, Parts};

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
            let list = output::answer_as(
                &raw,
                output::Model::new(crate::maps::Version::detect(&ctx.bpf), "[Endpoint]"),
                |w| {
                    let mut eps: Vec<Endpoint> = client.decode("/endpoint", 200, &raw)?;
                    eps.sort_by_key(|e| e.id);
                    print_list(w, &eps, a.no_headers)
                },
            );
            render(out, &a.output.output, &list)
        }
        // cilium-dbg prints `endpoint get` as JSON without -o.
        Cmd::Get(a) => {
            if !a.labels.is_empty() {
                let raw = client.get_raw("/endpoint")?;
                let eps: Vec<serde_json::Value> = client.decode("/endpoint", 200, &raw)?;
                let want: Vec<&str> = a.labels.iter().map(|s| s.as_str()).collect();
                let matching: Vec<&serde_json::Value> = eps.iter().filter(|e| has_labels(e, &want)).collect();
                let doc = Parts::new(|_: &mut dyn Write| Ok(()), || Ok(Doc::value(&matching)));
                return render(out, &a.output.output, &JsonByDefault(doc));
            }
            let Some(id) = a.id else {
                anyhow::bail!("missing endpoint id argument (or use -l/--labels)");
            };
            let raw = output::wrap_array(&client.get_raw(&format!("/endpoint/{}", encode_path(&id)))?);
            let doc = Parts::new(
                |_: &mut dyn Write| Ok(()),
                || {
                    output::document_as(
                        &raw,
                        output::Model::new(crate::maps::Version::detect(&ctx.bpf), "[Endpoint]"),
                    )
                },
            );
            render(out, &a.output.output, &JsonByDefault(doc))
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

pub use crate::agent::encode_path;
