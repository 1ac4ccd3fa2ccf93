//! `bpf ct list|flush`: the conntrack tables (cilium-dbg/cmd/bpf_ct_list.go, bpf_ct_flush.go).
//! Entries are streamed: each is formatted into a reused buffer as the batch dump yields it, so
//! memory stays flat however large the map is (except with `--sort` and `-o jsonpath`).

use std::io::Write;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};

use crate::bpf::{self, DumpOptions, Map};
use crate::cli::Ctx;
use crate::maps::clock::{self, Clock};
use crate::maps::ct::{self, Layout};
use crate::maps::{check_shape, Access, Opened, Version};
use crate::output::stream::Sink;
use crate::output::OutputArgs;
use crate::query::ct::{keep, CtEntry};
use crate::query::Query;
pub use crate::query::{aggregate, walk_maybe_sorted as walk};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List connection tracking entries
    #[command(visible_alias = "ls")]
    List(Box<ListArgs>),
    /// Flush all connection tracking entries
    Flush(FlushArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which tables: global | endpoint | cluster
    #[arg(value_name = "TYPE")]
    pub kind: Option<String>,
    /// Endpoint ID (with `endpoint`) or cluster ID (with `cluster`)
    #[arg(value_name = "ID")]
    pub id: Option<String>,
    /// print time difference for entries
    #[arg(short = 'd', long)]
    pub time_diff: bool,
    /// manually set clock source mode (instead of contacting the server): ktime | jiffies
    #[arg(long, value_name = "string")]
    pub time_diff_clocksource_mode: Option<String>,
    /// manually set clock source Hz
    #[arg(long, value_name = "int", default_value_t = 250, allow_negative_numbers = true)]
    pub time_diff_clocksource_hz: i64,
    /// Sort entries (table: by line; other formats: by key bytes). Holds every entry of a map in
    /// memory, so memory grows with the map (about 300 bytes per entry); without it output is
    /// streamed in map order with flat memory
    #[arg(long)]
    pub sort: bool,
    /// Annotate rows with service, backend, endpoint/pod and identity names (table and jsonl;
    /// names from the agent when it answers, else what the maps know)
    #[arg(long)]
    pub resolve: bool,
    #[command(flatten)]
    pub filter: crate::filter::FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

#[derive(Debug, Args)]
pub struct FlushArgs {
    /// Which tables: global | endpoint
    #[arg(value_name = "TYPE")]
    pub kind: Option<String>,
    /// Endpoint ID (with `endpoint`)
    #[arg(value_name = "ID")]
    pub id: Option<String>,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Cmd::List(a) => list(ctx, *a, out),
        Cmd::Flush(a) => flush(ctx, a, out),
    }
}

pub use crate::query::ct::{Origin, Source};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Global,
    Endpoint(u16),
    Cluster(u32),
}

fn parse_kind(kind: Option<&str>, id: Option<&str>, allow_cluster: bool) -> Result<Kind> {
    let Some(kind) = kind else {
        bail!("Missing endpoint id or 'global' argument");
    };
    match kind {
        "global" => Ok(Kind::Global),
        "endpoint" => {
            let id = id.ok_or_else(|| anyhow!("Invalid argument: missing endpointID"))?;
            let n: u16 = id
                .parse()
                .map_err(|_| anyhow!("Invalid argument: invalid endpointID {id:?}: expected a number 0-65535"))?;
            Ok(Kind::Endpoint(n))
        }
        "cluster" if allow_cluster => {
            let id = id.ok_or_else(|| anyhow!("Invalid argument: missing clusterID"))?;
            match id.parse::<u32>() {
                Ok(n) if (1..=511).contains(&n) => Ok(Kind::Cluster(n)),
                _ => bail!("Invalid argument: invalid clusterID {id:?}: cluster IDs are 1-511"),
            }
        }
        other => bail!("Invalid argument: unknown type {other} (expected global, endpoint <id> or cluster <id>)"),
    }
}

fn sources(kind: Kind) -> Vec<Source> {
    ct::TABLES
        .iter()
        .map(|&table| match kind {
            Kind::Global => Source {
                name: ct::GLOBAL[ct::TABLES.iter().position(|t| *t == table).unwrap()]
                    .name
                    .to_string(),
                table,
                origin: Origin::Pinned,
                local: false,
            },
            Kind::Endpoint(ep) => Source {
                name: table.local_name(ep),
                table,
                origin: Origin::Pinned,
                local: true,
            },
            Kind::Cluster(c) => Source {
                name: format!("{}_{c}", table.per_cluster_outer()),
                table,
                origin: Origin::Inner {
                    outer: table.per_cluster_outer(),
                    cluster: c,
                },
                local: false,
            },
        })
        .collect()
}

/// IPv6 on, as cilium-dbg decides it: the agent, else the state file, else on.
pub fn ipv6_enabled(ctx: &Ctx) -> bool {
    crate::maps::family::ipv6_enabled(ctx.host.as_deref(), &ctx.state_dir).0
}

/// Why a map may be absent, for the skip note.
fn absence_reason(src: &Source) -> &'static str {
    match (&src.origin, src.local, src.table.ipv6) {
        (Origin::Inner { .. }, _, _) => "the cluster is not connected or cluster mesh is off",
        (_, true, _) => "per-endpoint CT maps exist only with the deprecated ConntrackLocal option",
        (_, false, true) => "IPv6 is disabled on this node, which is normal",
        (_, false, false) => "IPv4 is disabled on this node, or the agent has not created it yet",
    }
}

/// Open a source read-only (or read-write for flush). `Ok(None)` when absent (note printed).
pub fn open_source(ctx: &Ctx, src: &Source, rw: bool) -> Result<Option<Map>> {
    let shapes = src.table.shapes();
    match &src.origin {
        Origin::Pinned => {
            let access = if rw { Access::Write } else { Access::Read };
            match ctx.bpf.open_map(&src.name, shapes, access)? {
                Opened::Opened(m, _) => Ok(Some(m)),
                Opened::Absent(a) => {
                    crate::output::notes::line(format_args!(
                        "Unable to open {}: no such file or directory ({}). Skipping.",
                        a.path.display(),
                        absence_reason(src)
                    ));
                    Ok(None)
                }
            }
        }
        Origin::Inner { outer, cluster } => open_inner(
            ctx,
            outer,
            *cluster,
            &src.name,
            shapes,
            "cluster mesh with per-cluster CT maps is off",
        ),
    }
}

/// Open the inner map of cluster `cluster` in a per-cluster ARRAY_OF_MAPS (`outer`) read-only and
/// check its shape. `Ok(None)`, with a note on stderr, when the outer map or the entry is absent.
pub fn open_inner(
    ctx: &Ctx,
    outer: &str,
    cluster: u32,
    name: &str,
    shapes: &[crate::maps::Shape],
    why_absent: &str,
) -> Result<Option<Map>> {
    let outer_path = ctx.bpf.path(outer);
    let Some(om) = ctx.bpf.open_pin(outer, Access::Read)? else {
        crate::output::notes::line(format_args!(
            "Unable to open {}: no such file or directory ({why_absent}). Skipping.",
            outer_path.display()
        ));
        return Ok(None);
    };
    check_shape(outer, &om, crate::maps::PER_CLUSTER_OUTER_SHAPES)?;
    let mut id = [0u8; 4];
    if !om.lookup(&cluster.to_ne_bytes(), &mut id)? {
        crate::output::notes::line(format_args!(
            "No {name} map for cluster {cluster} in {} (the cluster is not connected). Skipping.",
            outer_path.display()
        ));
        return Ok(None);
    }
    let m = Map::open_id(u32::from_ne_bytes(id)).with_context(|| format!("opening {outer}[{cluster}]"))?;
    check_shape(name, &m, shapes)?;
    Ok(Some(m))
}

// ---------------------------------------------------------------------------------------------

fn list(ctx: &Ctx, a: ListArgs, out: &mut dyn Write) -> Result<()> {
    crate::watch::refuse(
        &a.watch,
        &[
            (
                a.sort,
                "--sort",
                "a watch prints the first pass in map order and then only changes",
            ),
            (a.resolve, "--resolve", "watched rows are not annotated with names"),
            (
                a.time_diff,
                "--time-diff",
                "a watch compares raw entries and computes no time differences",
            ),
        ],
    )?;
    let kind = parse_kind(a.kind.as_deref(), a.id.as_deref(), true)?;
    let format = a.output.output.clone();
    let layout = Layout::for_version(Version::detect_or_agent(&ctx.bpf, ctx.host.as_deref()));
    let forced = a
        .time_diff_clocksource_mode
        .as_deref()
        .map(|m| clock::parse_mode(m, a.time_diff_clocksource_hz))
        .transpose()
        .map_err(|e| anyhow!("could not determine clocksource: {e}"))?;
    // Only --time-diff needs the clock (and then the agent); -o json never shows it.
    let clock: Option<Clock> = if a.time_diff && format.shows_live_values() {
        Some(
            clock::resolve(forced, ctx.host.as_deref(), &ctx.state_dir)
                .map_err(|e| anyhow!("could not determine clocksource: {e}"))?,
        )
    } else {
        None
    };
    let mut srcs = sources(kind);
    // cilium-dbg asks whether IPv6 is on before it opens the global or per-cluster tables and,
    // when it is off, skips the IPv6 ones: no rows, no blank line, no note (fidelity C1).
    if !matches!(kind, Kind::Endpoint(_)) && !ipv6_enabled(ctx) {
        srcs.retain(|s| !s.table.ipv6);
    }
    let mut opened = Vec::new();
    for s in &srcs {
        if let Some(m) = open_source(ctx, s, false)? {
            opened.push((s, m));
        }
    }
    if opened.is_empty() {
        if let Kind::Endpoint(ep) = kind {
            bail!(
                "endpoint {ep} has no per-endpoint conntrack maps ({} …) under {}: they exist only with the deprecated ConntrackLocal option; the endpoint's connections are in the global tables — use \"cdbg bpf ct list global\"",
                srcs[0].name,
                ctx.bpf.globals().display()
            );
        }
    }
    if a.watch.active() {
        return crate::watch::conntrack::ct(&a.watch, &format, &opened, layout, &a.filter, out);
    }
    if a.filter.aggregates() {
        let maps = opened.iter().map(|(src, m)| (m, src.name.as_str()));
        return aggregate(maps, &a.filter, &format, out, ct::Fields::new);
    }
    let sel = Query::new(&a.filter).with_resolver(
        a.resolve
            .then(|| crate::resolve::Resolver::load(&ctx.bpf, ctx.host.as_deref())),
    );
    if let Some(note) = sel.resolver.as_ref().and_then(|r| r.agent_note.as_ref()) {
        crate::output::notes::line(format_args!("Note: {note}"));
    }
    let mut sink = Sink::new(out, &format);
    for (src, map) in &opened {
        dump_ct(&mut sink, src, map, layout, clock.as_ref(), a.sort, &sel)?;
    }
    sink.finish()
}

fn dump_ct(
    sink: &mut Sink<'_>,
    src: &Source,
    map: &Map,
    layout: Layout,
    clock: Option<&Clock>,
    sort: bool,
    sel: &Query<'_>,
) -> Result<()> {
    let remaining = |lifetime: u32| clock.map(|c| c.remaining(u64::from(lifetime)));
    let view = ct::View {
        name: &src.name,
        local: src.local,
        layout,
        remaining: &remaining,
        filter: None,
        all_changes: false,
    };
    let by_key = sink.begin_map(sort);
    walk(map, &src.name, by_key, |k, v| {
        if keep(sel, k, v) {
            sink.push(&CtEntry { view: &view, k, v, sel })?;
        }
        Ok(())
    })?;
    sink.end_map()
}

// ---------------------------------------------------------------------------------------------

fn flush(ctx: &Ctx, a: FlushArgs, out: &mut dyn Write) -> Result<()> {
    let kind = parse_kind(a.kind.as_deref(), a.id.as_deref(), false)?;
    let srcs = sources(kind);
    let mut any = false;
    for s in &srcs {
        let Some(map) = open_source(ctx, s, true)? else {
            continue;
        };
        any = true;
        let n = flush_map(&map)?;
        writeln!(out, "Flushed {n} entries from {}", map.path().display())?;
    }
    if !any {
        if let Kind::Endpoint(ep) = kind {
            bail!(
                "endpoint {ep} has no per-endpoint conntrack maps under {}: use \"cdbg bpf ct flush global\"",
                ctx.bpf.globals().display()
            );
        }
    }
    Ok(())
}

/// Delete every entry present at the start of the walk; returns how many were deleted.
/// Memory: one copy of the keys (14 or 38 bytes each).
pub fn flush_map(map: &Map) -> Result<u64> {
    let ks = map.info().key_size as usize;
    let mut keys = Vec::new();
    bpf::dump::<anyhow::Error, _>(map, &DumpOptions::default(), |k, _| {
        keys.extend_from_slice(k);
        Ok(())
    })?;
    let mut n = 0;
    for k in keys.chunks_exact(ks) {
        if map.delete(k)? {
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(parse_kind(Some("global"), None, true).unwrap(), Kind::Global);
        assert_eq!(
            parse_kind(Some("endpoint"), Some("234"), true).unwrap(),
            Kind::Endpoint(234)
        );
        assert_eq!(parse_kind(Some("cluster"), Some("7"), true).unwrap(), Kind::Cluster(7));
        assert!(parse_kind(Some("cluster"), Some("0"), true).is_err());
        assert!(parse_kind(Some("cluster"), Some("7"), false).is_err());
        assert_eq!(
            parse_kind(None, None, true).unwrap_err().to_string(),
            "Missing endpoint id or 'global' argument"
        );
        let s = sources(Kind::Endpoint(234));
        assert_eq!(s[0].name, "cilium_ct4_00234");
        let s = sources(Kind::Cluster(3));
        assert_eq!(s[2].name, "cilium_per_cluster_ct_tcp6_3");
    }
}
