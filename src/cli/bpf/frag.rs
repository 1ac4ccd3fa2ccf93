//! `bpf frag list`: tracked IPv4 datagram fragments (`cilium_ipv4_frag_datagrams`).

use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::maps::{absent, dump_all};
use crate::cli::Ctx;
use crate::maps::frag::{self, Entry, JsonEntry, Record};
use crate::maps::util::proto_name;
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List IPv4 datagram fragments
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let Some((map, _)) = ctx.bpf.open_if_exists(&frag::SPEC_V4)? else {
        return absent(
            "failed to open map",
            "cilium_ipv4_frag_datagrams is not pinned; this is normal when IPv4 fragment tracking is off (enable-ipv4-fragment-tracking=false) or IPv4 is disabled",
            1,
        );
    };
    if ctx.bpf.exists(frag::V6_NAME) {
        eprintln!(
            "Note: {} is pinned but cdbg does not decode the IPv6 fragment map yet",
            frag::V6_NAME
        );
    }
    let mut rows: Vec<Entry> = dump_all(&map)?
        .iter()
        .map(|(k, v)| Entry::decode(k, v))
        .collect::<Option<_>>()
        .ok_or_else(|| crate::maps::bad_entry(&map))?;
    rows.sort();
    // cilium-dbg prints the IP ID and ports without byte-swapping them.
    let raw = Entry::unswapped;
    let src = |e: &Entry| format!("{}:{}", e.src, raw(e.sport));
    let dst = |e: &Entry| format!("{}:{}", e.dst, raw(e.dport));
    let format = &a.output.output;
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| {
                table::rows_or_none(
                    out,
                    rows.is_empty(),
                    "ID\tPROTO\tSOURCE ADDRESS:PORT\tDEST ADDRESS:PORT",
                    |tw| {
                        for e in &rows {
                            writeln!(tw, "{}\t{}\t{}\t{}", raw(e.id), proto_name(e.proto), src(e), dst(e))?;
                        }
                        Ok(())
                    },
                )
            },
            || {
                let doc: Vec<JsonEntry> = rows
                    .iter()
                    .map(|e| JsonEntry {
                        id: raw(e.id),
                        proto: e.proto,
                        source_address: src(e),
                        dest_address: dst(e),
                    })
                    .collect();
                Ok(Doc::value(doc))
            },
            || {
                rows.iter().map(|e| Record {
                    id: e.id,
                    proto: proto_name(e.proto),
                    source_ip: e.src,
                    source_port: e.sport,
                    destination_ip: e.dst,
                    destination_port: e.dport,
                })
            },
        ),
    )
}
