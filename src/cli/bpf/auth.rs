//! `bpf auth list`: mutual-authentication entries from `cilium_auth_map`.

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

pub use super::maps::SmallArgs as ListArgs;
use super::maps::{list, open_or_missing, Missing};
use crate::cli::Ctx;
use crate::maps::auth::{self, JsonEntry, View};
use crate::output::sorted::Layout;
use crate::output::Doc;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all authenticated connections between identities
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

const MISSING: Missing = Missing {
    what: "Cannot find auth bpf map",
    why: "cilium_auth_map is not pinned; the agent creates it at startup (it stays empty unless mutual authentication is used), so check --bpf-root",
    status: 0,
};

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let Some(map) = open_or_missing(ctx, &auth::SPEC, &MISSING)? else {
        return Ok(());
    };
    list(
        &a,
        &[&map],
        View,
        View::sort,
        Layout::Rows,
        |all| {
            let doc: Vec<JsonEntry> = all
                .iter()
                .map(|e| {
                    let (k, exp) = *e.sort;
                    let (s, n) = auth::utime_to_unix(exp);
                    JsonEntry {
                        local_identity: k.local_identity,
                        remote_identity: k.remote_identity,
                        remote_node_id: k.remote_node_id,
                        auth_type: k.auth_type,
                        expiration: auth::go_time_json(s, n),
                    }
                })
                .collect();
            Ok(Doc::value(doc))
        },
        out,
    )
}
