//! `bpf nodeid list`: node IDs from `cilium_node_map_v2` (falls back to the v1 map).

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

pub use super::maps::SmallArgs as ListArgs;
use super::maps::{absent, list};
use crate::cli::Ctx;
use crate::maps::nodeid::{self, JsonNode, View};
use crate::output::sorted::Layout;
use crate::output::Doc;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List node IDs and their IP addresses
    #[command(visible_alias = "ls")]
    List(ListArgs),
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
    list(
        &a,
        &[&map],
        View,
        View::sort,
        Layout::Rows,
        |all| {
            let doc: Vec<JsonNode> = all
                .iter()
                .filter_map(|e| View::decode(e.key, e.value))
                .map(|(ip, v)| JsonNode {
                    id: v.id,
                    address: ip.to_string(),
                    spi: v.spi,
                })
                .collect();
            Ok(Doc::value(doc))
        },
        out,
    )
}
