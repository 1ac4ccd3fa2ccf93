//! `node list`: cluster nodes the agent knows (cilium-dbg/cmd/node_list.go, `GET /v1/cluster/nodes`).
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::agent::models::NodeElement;
use crate::agent::Client;
use crate::cli::Ctx;
use crate::output::sanitize::Writer;
use crate::output::{render, table::tabwriter, Doc, OutputArgs, Parts};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List nodes
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let client = Client::for_commands(ctx.host.as_deref())?;
    let raw = client.get_raw("/cluster/nodes")?;
    // The list is under `nodes-added` (api/v1/models ClusterNodeStatus); absent ⇒ nothing.
    let status: serde_json::Value = client.decode("/cluster/nodes", 200, &raw)?;
    let Some(list) = status.get("nodes-added").filter(|v| !v.is_null()) else {
        return Ok(());
    };
    let nodes: Vec<NodeElement> = serde_json::from_value(list.clone())
        .map_err(|e| anyhow::anyhow!("agent /v1/cluster/nodes: nodes-added is not a node list: {e}"))?;
    let list = Parts::new(
        |w: &mut dyn Write| print_list(w, &nodes),
        || {
            // cilium-dbg prints the nodes-added list.
            let mut v: serde_json::Value = serde_json::from_slice(&raw)?;
            Ok(Doc::value(v.get_mut("nodes-added").map(serde_json::Value::take)))
        },
    );
    render(out, &a.output.output, &list)
}

/// `Name  IPv4 Address  Endpoint CIDR  IPv6 Address  Endpoint CIDR  Source`, sorted.
fn print_list(out: &mut dyn Write, nodes: &[NodeElement]) -> Result<()> {
    let mut rows: Vec<String> = nodes
        .iter()
        .map(|n| {
            let pa = n.primary_address.as_ref();
            let v4 = pa.and_then(|p| p.ipv4.as_ref());
            let v6 = pa.and_then(|p| p.ipv6.as_ref());
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}\n",
                n.name,
                v4.map(|a| a.ip.as_str()).unwrap_or(""),
                v4.map(|a| a.alloc_range.as_str()).unwrap_or(""),
                v6.map(|a| a.ip.as_str()).unwrap_or(""),
                v6.map(|a| a.alloc_range.as_str()).unwrap_or(""),
                n.source
            )
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    rows.sort();
    let mut tw = Writer::new(tabwriter(&mut *out, 0, 3));
    tw.write_all(b"Name\tIPv4 Address\tEndpoint CIDR\tIPv6 Address\tEndpoint CIDR\tSource\n")?;
    tw.write_all(rows.concat().as_bytes())?;
    tw.flush()?;
    Ok(())
}
