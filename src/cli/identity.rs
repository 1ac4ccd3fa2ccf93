//! `identity list` / `identity get`: security identities from the agent API
//! (cilium-dbg/cmd/identity_list.go, identity_get.go).
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::agent::models::{Identity, IdentityEndpoints};
use crate::agent::render::identity::{print_identities, print_identity_endpoints};
use crate::agent::{output, Client};
use crate::cli::Ctx;
use crate::output::{render, Doc, OutputArgs, Parts};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List identities
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Retrieve information about an identity
    Get(GetArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only identities that have these labels
    #[arg(value_name = "LABELS")]
    pub labels: Vec<String>,
    /// list identities of locally managed endpoints
    #[arg(long)]
    pub endpoints: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Identity ID
    pub id: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let client = Client::for_commands(ctx.host.as_deref())?;
    match cmd {
        Cmd::List(a) if a.endpoints => {
            let raw = client.get_raw("/identity/endpoints")?;
            let list = output::answer_as(
                &raw,
                output::Model::new(crate::maps::Version::detect(&ctx.bpf), "[IdentityEndpoints]"),
                |w| {
                    let mut ids: Vec<IdentityEndpoints> = client.decode("/identity/endpoints", 200, &raw)?;
                    ids.sort_by_key(|i| i.identity.as_ref().map(|i| i.id).unwrap_or(0));
                    print_identity_endpoints(w, &ids)
                },
            );
            render(out, &a.output.output, &list)
        }
        Cmd::List(a) => {
            let raw = client.get_raw("/identity")?;
            let mut ids: Vec<Identity> = client.decode("/identity", 200, &raw)?;
            if !a.labels.is_empty() {
                // The agent filters by a body parameter; cdbg filters the full list itself.
                ids.retain(|i| {
                    a.labels
                        .iter()
                        .all(|w| i.labels.iter().any(|l| l == w || label_key_eq(l, w)))
                });
            }
            ids.sort_by_key(|i| i.id);
            let list = Parts::new(
                |w: &mut dyn Write| print_identities(w, &ids),
                || {
                    if a.labels.is_empty() {
                        return output::document_as(
                            &raw,
                            output::Model::new(crate::maps::Version::detect(&ctx.bpf), "[Identity]"),
                        );
                    }
                    // The agent's objects for the identities kept.
                    let v: Vec<serde_json::Value> = serde_json::from_slice(&raw)?;
                    let keep: Vec<serde_json::Value> = v
                        .into_iter()
                        .filter(|x| ids.iter().any(|i| Some(i.id) == x.get("id").and_then(|v| v.as_i64())))
                        .collect();
                    let model = crate::agent::remarshal::Schema::of(crate::maps::Version::detect(&ctx.bpf));
                    Ok(Doc::value(
                        model.remarshal("[Identity]", &serde_json::Value::Array(keep))?,
                    ))
                },
            );
            render(out, &a.output.output, &list)
        }
        Cmd::Get(a) => {
            let path = format!("/identity/{}", crate::agent::encode_path(&a.id));
            let raw = client.get_raw(&path)?;
            let one = output::answer_as(
                &raw,
                output::Model::new(crate::maps::Version::detect(&ctx.bpf), "Identity"),
                |w| {
                    let id: Identity = client.decode(&path, 200, &raw)?;
                    print_identities(w, &[id])
                },
            );
            render(out, &a.output.output, &one)
        }
    }
}

fn label_key_eq(label: &str, want: &str) -> bool {
    label.split_once(':').is_some_and(|(_, rest)| rest == want)
}

/// Names of reserved identities (`identity.NumericIdentity.String()`), or None for others.
pub fn reserved_name(id: i64) -> Option<&'static str> {
    u32::try_from(id).ok().and_then(crate::resolve::reserved_identity)
}
