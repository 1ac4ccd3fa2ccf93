//! `bpf frag list`: tracked datagram fragments (`cilium_ipv4_frag_datagrams`; 1.18 also
//! `cilium_ipv6_frag_datagrams`, cilium-dbg/cmd/bpf_frag_list.go).

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

pub use super::maps::SmallArgs as ListArgs;
use super::maps::{list, Missing};
use crate::cli::Ctx;
use crate::maps::frag::{self, JsonEntry, View};
use crate::maps::Version;
use crate::output::sorted::Layout;
use crate::output::Doc;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List IPv4 datagram fragments
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

const MISSING: Missing = Missing {
    what: "failed to open map",
    why: "cilium_ipv4_frag_datagrams is not pinned; this is normal when IPv4 fragment tracking is off (enable-ipv4-fragment-tracking=false) or IPv4 is disabled",
    status: 1,
};

/// ≤1.17: the IPv4 map only, IDs and ports printed unswapped. 1.18: both maps in one table
/// (IPv4 first), IPv4 IDs in host order; an absent map is skipped with cilium-dbg's message
/// (fidelity C16).
pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let v118 = Version::detect_or_agent(&ctx.bpf, ctx.host.as_deref()) >= Version::V1_18;
    let mut maps = Vec::new();
    for (spec, v6) in [(&frag::SPEC_V4, false), (&frag::SPEC_V6, true)] {
        if v6 && !v118 {
            break;
        }
        match ctx.bpf.open_if_exists(spec)? {
            Some((m, _)) => maps.push(m),
            None if v118 => crate::output::notes::line(format_args!(
                "IPv{} map doesn't exist, skipping",
                if v6 { 6 } else { 4 }
            )),
            None => return MISSING.report(),
        }
    }
    if !v118 && !a.watch.active() && ctx.bpf.exists(frag::V6_NAME) {
        crate::output::notes::line(format_args!(
            "Note: {} is pinned, but the maps look like Cilium 1.17, whose cilium-dbg lists IPv4 fragments only",
            frag::V6_NAME
        ));
    }
    let view = View { native_id: v118 };
    let maps: Vec<_> = maps.iter().collect();
    list(
        &a,
        &maps,
        view,
        View::sort,
        Layout::Rows,
        |all| {
            let doc: Vec<JsonEntry> = all
                .iter()
                .filter_map(|e| view.row(e.key, e.value))
                .map(|r| JsonEntry {
                    id: r.id,
                    proto: r.proto,
                    source_address: r.source(),
                    dest_address: r.destination(),
                })
                .collect();
            Ok(Doc::value(doc))
        },
        out,
    )
}
