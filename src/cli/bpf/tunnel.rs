//! `bpf tunnel list`: remote pod CIDR → tunnel endpoint (`cilium_tunnel_map`, tunnel mode ≤1.17).

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

pub use super::maps::SmallArgs as ListArgs;
use super::maps::{list, open_or_missing, Missing};
use crate::cli::Ctx;
use crate::maps::tunnel::{self, View};
use crate::output::sorted::Layout;
use crate::output::Doc;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List tunnel endpoint entries
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

/// cilium-dbg exits 1 here, silently.
const MISSING: Missing = Missing {
    what: "cilium_tunnel_map is not pinned",
    why: "this is normal in native routing mode (Cilium 1.17 unpins it) and on Cilium 1.18, which no longer uses it; it exists only with VXLAN/Geneve tunnel routing",
    status: 1,
};

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let Some(map) = open_or_missing(ctx, &tunnel::SPEC, &MISSING)? else {
        return Ok(());
    };
    let layout = Layout::Pairs { note_empty: false };
    list(
        &a,
        &[&map],
        View,
        View::sort,
        layout,
        |all| {
            let doc: BTreeMap<String, Vec<String>> = all
                .iter()
                .map(|e| {
                    let ((ip, c), (t, key)) = *e.sort;
                    (tunnel::key_string(ip, c), vec![tunnel::value_string(t, key)])
                })
                .collect();
            Ok(Doc::value(doc))
        },
        out,
    )
}
