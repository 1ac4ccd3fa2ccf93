//! `bpf frag list`: tracked datagram fragments (`cilium_ipv4_frag_datagrams`; 1.18 also
//! `cilium_ipv6_frag_datagrams`, cilium-dbg/cmd/bpf_frag_list.go).

use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::maps::{absent, dump_all};
use crate::cli::Ctx;
use crate::maps::frag::{self, Entry, Entry6, JsonEntry, Record, Row};
use crate::maps::util::proto_name;
use crate::maps::Version;
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
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let v118 = Version::detect_or_agent(&ctx.bpf, ctx.host.as_deref()) >= Version::V1_18;
    if a.watch.active() {
        return watch(ctx, &a, v118, out);
    }
    let rows = if v118 {
        rows_v118(ctx)?
    } else {
        let Some(rows) = rows_v117(ctx)? else {
            return absent(
                "failed to open map",
                "cilium_ipv4_frag_datagrams is not pinned; this is normal when IPv4 fragment tracking is off (enable-ipv4-fragment-tracking=false) or IPv4 is disabled",
                1,
            );
        };
        rows
    };
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
                        for r in &rows {
                            writeln!(
                                tw,
                                "{}\t{}\t{}\t{}",
                                r.id,
                                proto_name(r.proto),
                                r.source(),
                                r.destination()
                            )?;
                        }
                        Ok(())
                    },
                )
            },
            || {
                let doc: Vec<JsonEntry> = rows
                    .iter()
                    .map(|r| JsonEntry {
                        id: r.id,
                        proto: r.proto,
                        source_address: r.source(),
                        dest_address: r.destination(),
                    })
                    .collect();
                Ok(Doc::value(doc))
            },
            || {
                rows.iter().map(|r| Record {
                    id: r.native_id,
                    proto: proto_name(r.proto),
                    source_ip: r.src,
                    source_port: r.sport,
                    destination_ip: r.dst,
                    destination_port: r.dport,
                })
            },
        ),
    )
}

/// `--watch|--wait|--wait-gone`: ≤1.17 the IPv4 map, 1.18 both (a missing one skipped).
fn watch(ctx: &Ctx, a: &ListArgs, v118: bool, out: &mut dyn Write) -> Result<()> {
    let mut maps = Vec::new();
    for (spec, v6) in [(&frag::SPEC_V4, false), (&frag::SPEC_V6, true)] {
        if v6 && !v118 {
            break;
        }
        match ctx.bpf.open_if_exists(spec)? {
            Some((m, _)) => maps.push((m, v6)),
            None if v118 => crate::output::notes::line(format_args!("IPv{} map doesn't exist, skipping", if v6 { 6 } else { 4 })),
            None => {
                return absent(
                    "failed to open map",
                    "cilium_ipv4_frag_datagrams is not pinned; this is normal when IPv4 fragment tracking is off (enable-ipv4-fragment-tracking=false) or IPv4 is disabled",
                    1,
                )
            }
        }
    }
    let maps: Vec<(&crate::bpf::Map, bool)> = maps.iter().map(|(m, v6)| (m, *v6)).collect();
    crate::watch::small::frag(&a.watch, &a.output.output, &maps, v118, out)
}

/// ≤1.17: the IPv4 map only, IDs and ports printed unswapped; `None` when it is not pinned.
fn rows_v117(ctx: &Ctx) -> Result<Option<Vec<Row>>> {
    let Some((map, _)) = ctx.bpf.open_if_exists(&frag::SPEC_V4)? else {
        return Ok(None);
    };
    if ctx.bpf.exists(frag::V6_NAME) {
        crate::output::notes::line(format_args!(
            "Note: {} is pinned, but the maps look like Cilium 1.17, whose cilium-dbg lists IPv4 fragments only",
            frag::V6_NAME
        ));
    }
    let mut entries: Vec<Entry> = dump_all(&map)?
        .iter()
        .map(|(k, v)| Entry::decode(k, v))
        .collect::<Option<_>>()
        .ok_or_else(|| crate::maps::bad_entry(&map))?;
    entries.sort();
    Ok(Some(entries.iter().map(|e| Row::v4(e, false)).collect()))
}

/// 1.18: both maps in one table, IPv4 IDs in host order; an absent map is skipped with
/// cilium-dbg's message (fidelity C16).
fn rows_v118(ctx: &Ctx) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    match ctx.bpf.open_if_exists(&frag::SPEC_V4)? {
        Some((map, _)) => {
            let mut entries: Vec<Entry> = dump_all(&map)?
                .iter()
                .map(|(k, v)| Entry::decode(k, v))
                .collect::<Option<_>>()
                .ok_or_else(|| crate::maps::bad_entry(&map))?;
            entries.sort();
            rows.extend(entries.iter().map(|e| Row::v4(e, true)));
        }
        None => crate::output::notes::line(format_args!("IPv4 map doesn't exist, skipping")),
    }
    match ctx.bpf.open_if_exists(&frag::SPEC_V6)? {
        Some((map, _)) => {
            let mut entries: Vec<Entry6> = dump_all(&map)?
                .iter()
                .map(|(k, v)| Entry6::decode(k, v))
                .collect::<Option<_>>()
                .ok_or_else(|| crate::maps::bad_entry(&map))?;
            entries.sort();
            rows.extend(entries.iter().map(Row::v6));
        }
        None => crate::output::notes::line(format_args!("IPv6 map doesn't exist, skipping")),
    }
    Ok(rows)
}
