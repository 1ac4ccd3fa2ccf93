//! `bpf auth list`: mutual-authentication entries from `cilium_auth_map`.

use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::maps::{absent, dump_all};
use crate::cli::Ctx;
use crate::maps::auth::{self, JsonEntry, Key, Record};
use crate::maps::policy::auth_type_name;
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all authenticated connections between identities
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
    let Some((map, _)) = ctx.bpf.open_if_exists(&auth::SPEC)? else {
        return absent(
            "Cannot find auth bpf map",
            "cilium_auth_map is not pinned; the agent creates it at startup (it stays empty unless mutual authentication is used), so check --bpf-root",
            0,
        );
    };
    if a.watch.active() {
        return crate::watch::maps::auth(&a.watch, &a.output.output, &map, out);
    }
    let mut rows: Vec<(Key, u64)> = dump_all(&map)?
        .iter()
        .map(|(k, v)| Some((Key::decode(k)?, auth::decode_value(v)?)))
        .collect::<Option<_>>()
        .ok_or_else(|| crate::maps::bad_entry(&map))?;
    rows.sort();
    let format = &a.output.output;
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| {
                table::rows_or_none(
                    out,
                    rows.is_empty(),
                    "SRC IDENTITY\tDST IDENTITY\tREMOTE NODE ID\tAUTH TYPE\tEXPIRATION",
                    |tw| {
                        for (k, exp) in &rows {
                            let (s, n) = auth::utime_to_unix(*exp);
                            writeln!(
                                tw,
                                "{}\t{}\t{}\t{}\t{}",
                                k.local_identity,
                                k.remote_identity,
                                k.remote_node_id,
                                auth_type_name(k.auth_type),
                                auth::go_time_string(s, n)
                            )?;
                        }
                        Ok(())
                    },
                )
            },
            || {
                let doc: Vec<JsonEntry> = rows
                    .iter()
                    .map(|(k, exp)| {
                        let (s, n) = auth::utime_to_unix(*exp);
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
            || {
                rows.iter().map(|(k, exp)| {
                    let (s, n) = auth::utime_to_unix(*exp);
                    Record {
                        local_identity: k.local_identity,
                        remote_identity: k.remote_identity,
                        remote_node_id: k.remote_node_id,
                        auth_type: auth_type_name(k.auth_type),
                        expiration: auth::go_time_json(s, n),
                        expiration_unix_ns: s as i128 * 1_000_000_000 + n as i128,
                    }
                })
            },
        ),
    )
}
