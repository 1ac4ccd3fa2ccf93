//! `bpf bandwidth list`: bandwidth-manager rate limits (`cilium_throttle`).

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

pub use super::maps::SmallArgs as ListArgs;
use super::maps::{list, open_or_missing, Missing};
use crate::cli::Ctx;
use crate::maps::throttle::{self, View};
use crate::maps::view::View as _;
use crate::maps::Version;
use crate::output::sorted::Layout;
use crate::output::Doc;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List BPF datapath bandwidth settings
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

const MISSING: Missing = Missing {
    what: "bandwidth manager not enabled",
    why: "cilium_throttle is not pinned; this is normal when the bandwidth manager is off (bandwidthManager.enabled=false, the default)",
    status: 1,
};

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let Some(map) = open_or_missing(ctx, &throttle::SPEC, &MISSING)? else {
        return Ok(());
    };
    let version = Version::detect(&ctx.bpf);
    let view = View { version };
    // cilium-dbg sorts the formatted lines as strings (cell by cell: a tab sorts before any
    // character a cell holds, so whole lines compare the same).
    let sort = |k: &[u8], v: &[u8]| -> Option<String> {
        view.decode(k, v)?;
        let mut line = Vec::with_capacity(64);
        view.table(k, v, &mut line).ok()?;
        String::from_utf8(line).ok()
    };
    list(
        &a,
        &[&map],
        view,
        sort,
        Layout::Rows,
        |all| {
            let doc: BTreeMap<String, Vec<String>> = all
                .iter()
                .filter_map(|e| view.decode(e.key, e.value))
                .map(|(k, val)| {
                    (
                        throttle::key_string(&k, version),
                        vec![throttle::value_string(&val, version)],
                    )
                })
                .collect();
            Ok(Doc::value(doc))
        },
        out,
    )
}
