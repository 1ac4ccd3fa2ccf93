//! `nodeid list`: node IDs and their IPs as the agent allocated them (`GET /v1/node/ids`,
//! cilium-dbg/cmd/nodeid.go). `bpf nodeid list` reads the same from the map.
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Deserialize;

use crate::agent::{output, Client};
use crate::cli::Ctx;
use crate::output::{render, table::tabwriter, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List node IDs and the associated IP addresses
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `models.NodeID`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NodeId {
    id: i64,
    ips: Vec<String>,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let client = Client::for_commands(ctx.host.as_deref())?;
    let raw = client.get_raw("/node/ids")?;
    let list = output::answer(&raw, |w| {
        let ids: Vec<NodeId> = client.decode("/node/ids", 200, &raw)?;
        print_list(w, &ids)
    });
    render(out, &a.output.output, &list)
}

/// `NODE ID  IP ADDRESSES  SPI`, one row per IP, IDs in hex (`0xa`). Rows carry no SPI cell, so
/// only the header pads the IP column. (Whether a real agent's SPI would be printed is not known;
/// the models the agent answers with have no SPI field, so none is.)
fn print_list(out: &mut dyn Write, ids: &[NodeId]) -> Result<()> {
    let mut tw = crate::output::sanitize::Writer::new(tabwriter(&mut *out, 5, 3));
    writeln!(tw, "NODE ID\tIP ADDRESSES\tSPI")?;
    for n in ids {
        for (i, ip) in n.ips.iter().enumerate() {
            if i == 0 {
                writeln!(tw, "{:#x}\t{ip}", n.id)?;
            } else {
                writeln!(tw, "\t{ip}")?;
            }
        }
    }
    tw.flush()?;
    Ok(())
}
