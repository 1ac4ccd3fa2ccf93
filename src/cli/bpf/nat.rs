//! `bpf nat list|flush`: the SNAT tables (cilium-dbg/cmd/bpf_nat_list.go, bpf_nat_flush.go),
//! streamed like `bpf ct list`.

use std::io::Write;

use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};

use super::ct::{flush_map, walk};
use crate::bpf::Map;
use crate::cli::Ctx;
use crate::maps::clock;
use crate::maps::nat::{self, Age, SNAT4, SNAT6};
use crate::maps::{MapError, MapSpec};
use crate::output::stream::Sink;
use crate::output::OutputArgs;
use crate::query::nat::{keep, NatEntry};
use crate::query::Query;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all NAT mapping entries
    #[command(visible_alias = "ls")]
    List(Box<ListArgs>),
    /// Flush all NAT mapping entries
    Flush,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// `cluster <id>`: the per-cluster SNAT maps of a cluster-mesh cluster
    #[arg(value_name = "cluster ID", num_args = 0..=2)]
    pub args: Vec<String>,
    /// Sort entries (table: by line; other formats: by key bytes). Holds every entry of a map in
    /// memory, so memory grows with the map; without it output is streamed with flat memory
    #[arg(long)]
    pub sort: bool,
    /// Annotate rows with endpoint/pod and identity names of both sides (table and jsonl; names
    /// from the agent when it answers, else what the maps know)
    #[arg(long)]
    pub resolve: bool,
    #[command(flatten)]
    pub filter: crate::filter::FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Cmd::List(a) => list(ctx, *a, out),
        Cmd::Flush => flush(ctx, out),
    }
}

struct Src {
    spec: MapSpec,
    cluster: Option<u32>,
}

fn open(ctx: &Ctx, src: &Src, rw: bool) -> Result<Option<Map>> {
    let spec = &src.spec;
    match src.cluster {
        None => {
            let r = if rw { ctx.bpf.open_rw(spec) } else { ctx.bpf.open(spec) };
            match r {
                Ok((m, _)) => Ok(Some(m)),
                Err(MapError::Missing { path, .. }) => {
                    let why = if spec.name.contains("v6") {
                        "IPv6 masquerading/NodePort is off on this node, which is normal"
                    } else {
                        "BPF masquerading and NodePort SNAT are off on this node"
                    };
                    crate::output::notes::line(format_args!(
                        "Unable to open {}: no such file or directory ({why}). Skipping.",
                        path.display()
                    ));
                    Ok(None)
                }
                Err(e) => Err(e.into()),
            }
        }
        Some(c) => {
            let outer = if spec.name.contains("v6") {
                nat::PER_CLUSTER_OUTER[1]
            } else {
                nat::PER_CLUSTER_OUTER[0]
            };
            super::ct::open_inner(
                ctx,
                outer,
                c,
                &format!("{}_{c}", spec.name),
                spec.shapes,
                "cluster mesh per-cluster SNAT maps are off",
            )
        }
    }
}

fn parse_args(args: &[String]) -> Result<Option<u32>> {
    match args {
        [] => Ok(None),
        [c, id] if c == "cluster" => match id.parse::<u32>() {
            Ok(n) if (1..=511).contains(&n) => Ok(Some(n)),
            _ => bail!("Invalid ClusterID {id:?}: cluster IDs are 1-511"),
        },
        _ => bail!("Invalid argument: expected no argument or \"cluster <id>\""),
    }
}

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
        ],
    )?;
    let cluster = parse_args(&a.args)?;
    let format = a.output.output.clone();
    let mut srcs = vec![Src { spec: SNAT4, cluster }, Src { spec: SNAT6, cluster }];
    // As `bpf ct list`: with IPv6 off the IPv6 map is not opened at all (fidelity C1).
    if !super::ct::ipv6_enabled(ctx) {
        srcs.truncate(1);
    }
    let mut opened = Vec::new();
    for s in &srcs {
        if let Some(m) = open(ctx, s, false)? {
            opened.push((s, m));
        }
    }
    if a.watch.active() {
        let maps: Vec<_> = opened.iter().map(|(s, m)| (s.spec.name, m)).collect();
        return crate::watch::conntrack::nat(&a.watch, &format, &maps, &a.filter, out);
    }
    // The human and jsonl forms show ages; cilium-dbg's JSON does not need a clock.
    let age = if format.shows_live_values() && !opened.is_empty() {
        let c = clock::resolve(None, ctx.host.as_deref(), &ctx.state_dir)
            .map_err(|e| anyhow!("Error while dumping BPF Map: {e}"))?;
        Age::Known {
            now_secs: c.now_secs(),
            jiffies_hz: c.jiffies_hz(),
        }
    } else {
        Age::Unknown
    };
    if a.filter.aggregates() {
        let maps = opened.iter().map(|(src, m)| (m, src.spec.name));
        return super::ct::aggregate(maps, &a.filter, &format, out, |k, _| nat::Fields::new(k));
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
        let name = src.spec.name;
        let view = nat::View {
            name,
            age: &age,
            filter: None,
        };
        let by_key = sink.begin_map(a.sort);
        walk(map, name, by_key, |k, v| {
            if keep(&sel, k) {
                sink.push(&NatEntry {
                    view: &view,
                    k,
                    v,
                    sel: &sel,
                })?;
            }
            Ok(())
        })?;
        sink.end_map()?;
    }
    sink.finish()
}

fn flush(ctx: &Ctx, out: &mut dyn Write) -> Result<()> {
    for spec in [SNAT4, SNAT6] {
        let Some(map) = open(ctx, &Src { spec, cluster: None }, true)? else {
            continue;
        };
        let n = flush_map(&map)?;
        writeln!(out, "Flushed {n} entries from {}", map.path().display())?;
    }
    Ok(())
}
