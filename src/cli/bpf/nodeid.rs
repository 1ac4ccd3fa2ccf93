//! `bpf nodeid list`: node IDs from `cilium_node_map_v2` (falls back to the v1 map).

use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::maps::absent;
use crate::cli::Ctx;
use crate::maps::nodeid::{self, JsonNode, Record, Value};
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List node IDs and their IP addresses
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let opened = match ctx.bpf.open_if_exists(&nodeid::SPEC_V2)? {
        Some(m) => Some(m),
        None => ctx.bpf.open_if_exists(&nodeid::SPEC_V1)?,
    };
    let Some((map, _)) = opened else {
        return absent(
            "Cannot find node bpf map",
            &format!(
                "neither cilium_node_map_v2 nor cilium_node_map is pinned under {}; every Cilium ≥1.16 agent creates them at startup, so check --bpf-root or whether the agent ever ran here",
                ctx.bpf.globals().display()
            ),
            0,
        );
    };
    if a.watch.active() {
        return crate::watch::maps::nodeid(&a.watch, &a.output.output, &map, out);
    }
    let mut rows: Vec<(std::net::IpAddr, Value)> = crate::bpf::walk::collect(&map, |k, v| {
        let row = nodeid::decode_key(k).zip(Value::decode(v));
        row.ok_or_else(|| anyhow::Error::from(crate::maps::bad_entry(&map)))
    })?;
    rows.sort_by_key(|(ip, v)| (v.id, *ip));
    let format = &a.output.output;
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| {
                table::rows_or_none(out, rows.is_empty(), "NODE ID\tIP ADDRESSES\tSPI", |tw| {
                    for (ip, v) in &rows {
                        writeln!(tw, "0x{:x}\t{ip}\t{}", v.id, v.spi)?;
                    }
                    Ok(())
                })
            },
            || {
                let doc: Vec<JsonNode> = rows
                    .iter()
                    .map(|(ip, v)| JsonNode {
                        id: v.id,
                        address: ip.to_string(),
                        spi: v.spi,
                    })
                    .collect();
                Ok(Doc::value(doc))
            },
            || {
                rows.iter().map(|(ip, v)| Record {
                    node_id: v.id,
                    ip: *ip,
                    spi: v.spi,
                })
            },
        ),
    )
}
