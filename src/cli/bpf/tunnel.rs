//! `bpf tunnel list`: remote pod CIDR → tunnel endpoint (`cilium_tunnel_map`, tunnel mode ≤1.17).

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::maps::{absent, dump_all};
use crate::cli::Ctx;
use crate::maps::tunnel::{self, Record};
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List tunnel endpoint entries
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
    let Some((map, _)) = ctx.bpf.open_if_exists(&tunnel::SPEC)? else {
        // cilium-dbg exits 1 here, silently.
        return absent(
            "cilium_tunnel_map is not pinned",
            "this is normal in native routing mode (Cilium 1.17 unpins it) and on Cilium 1.18, which no longer uses it; it exists only with VXLAN/Geneve tunnel routing",
            1,
        );
    };
    if a.watch.active() {
        return crate::watch::maps::tunnel(&a.watch, &a.output.output, &map, out);
    }
    let mut rows: Vec<_> = dump_all(&map)?
        .iter()
        .map(|(k, v)| Some((tunnel::decode_key(k)?, tunnel::decode_value(v)?)))
        .collect::<Option<_>>()
        .ok_or_else(|| crate::maps::bad_entry(&map))?;
    rows.sort();
    let format = &a.output.output;
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                let printed: Vec<(String, [String; 1])> = rows
                    .iter()
                    .map(|((ip, c), (t, key))| (tunnel::key_string(*ip, *c), [tunnel::value_string(*t, *key)]))
                    .collect();
                table::table_printer(
                    out,
                    "TUNNEL",
                    "VALUE",
                    printed.iter().map(|(k, v)| (k.as_str(), v.iter())),
                )?;
                Ok(())
            },
            || {
                let doc: BTreeMap<String, Vec<String>> = rows
                    .iter()
                    .map(|((ip, c), (t, key))| (tunnel::key_string(*ip, *c), vec![tunnel::value_string(*t, *key)]))
                    .collect();
                Ok(Doc::value(doc))
            },
            || {
                rows.iter().map(|((ip, c), (t, key))| Record {
                    prefix: *ip,
                    cluster_id: *c,
                    tunnel_endpoint: *t,
                    encrypt_key: *key,
                })
            },
        ),
    )
}
