//! `bpf ipmasq list`: ip-masq-agent non-masquerade CIDRs (`cilium_ipmasq_v4` / `_v6`).

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

pub use super::maps::SmallArgs as ListArgs;
use super::maps::{absent, list};
use crate::cli::Ctx;
use crate::maps::ipmasq::{self, View};
use crate::output::sorted::Layout;
use crate::output::Doc;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List ip-masq-agent CIDRs
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let mut maps = Vec::new();
    for spec in [&ipmasq::SPEC_V4, &ipmasq::SPEC_V6] {
        if let Some((map, _)) = ctx.bpf.open_if_exists(spec)? {
            maps.push(map);
        }
    }
    if maps.is_empty() {
        return absent(
            "error opening ip-masq-agent map",
            "cilium_ipmasq_v4/_v6 are not pinned; this is normal when the ip-masq-agent is off (ipMasqAgent.enabled=false, the default)",
            0,
        );
    }
    let maps: Vec<_> = maps.iter().collect();
    let sort = |k: &[u8], _: &[u8]| ipmasq::decode_key(k);
    list(
        &a,
        &maps,
        View,
        sort,
        Layout::Pairs { note_empty: true },
        |all| {
            let doc: Vec<String> = all.iter().map(|e| format!("{}/{}", e.sort.0, e.sort.1)).collect();
            Ok(Doc::value(doc))
        },
        out,
    )
}
