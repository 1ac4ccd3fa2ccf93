//! `bpf egress list`: egress gateway policy entries (`cilium_egress_gw_policy_v4`).

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

pub use super::maps::SmallArgs as ListArgs;
use super::maps::{list, Missing};
use crate::cli::Ctx;
use crate::maps::egress::{self, JsonPolicy, View};
use crate::output::sorted::Layout;
use crate::output::Doc;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List egress policy entries
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

const MISSING: Missing = Missing {
    what: "Cannot find egress gateway bpf maps",
    why: "cilium_egress_gw_policy_v4 is not pinned; this is normal when the egress gateway feature is off (enable-ipv4-egress-gateway)",
    status: 0,
};

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let Some((map, _)) = ctx.bpf.open_if_exists(&egress::SPEC_V4)? else {
        if ctx.bpf.exists(egress::V6_NAME) {
            crate::output::notes::line(format_args!(
                "Note: {} is pinned but cdbg does not decode the IPv6 egress map yet",
                egress::V6_NAME
            ));
        }
        return MISSING.report();
    };
    list(
        &a,
        &[&map],
        View,
        View::sort,
        Layout::Rows,
        |all| {
            let doc: Vec<JsonPolicy> = all
                .iter()
                .map(|e| {
                    let (k, (eg, g)) = *e.sort;
                    JsonPolicy {
                        source_ip: k.source.to_string(),
                        dest_cidr: format!("{}/{}", k.dest, k.dest_bits),
                        egress_ip: eg.to_string(),
                        gateway_ip: egress::gateway_string(g),
                    }
                })
                .collect();
            Ok(Doc::value(doc))
        },
        out,
    )
}
