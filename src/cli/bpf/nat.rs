//! `bpf nat list|flush`: the SNAT tables (cilium-dbg/cmd/bpf_nat_list.go, bpf_nat_flush.go),
//! streamed like `bpf ct list`.

use std::io::Write;

use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::ct::{flush_map, walk, GoKey, GoRecord, Stream};
use super::maps::Query;
use crate::bpf::Map;
use crate::cli::Ctx;
use crate::maps::clock;
use crate::maps::nat::{self, Age, SNAT4, SNAT6};
use crate::maps::{MapError, MapSpec};
use crate::output::{Format, OutputArgs};

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
}

/// Row selection and joins for one listing, on the shared [`Query`].
fn keep(sel: &Query, k: &[u8]) -> bool {
    sel.matches(|| nat::View::new(k))
}

fn resolved(sel: &Query, k: &[u8]) -> Option<crate::resolve::Resolved> {
    let r = sel.resolver.as_ref()?;
    let t = nat::View::new(k).tuple;
    Some(crate::resolve::Resolved {
        src: r.ip(t.saddr),
        dst: r.ip(t.daddr),
        service: None,
        backend: None,
    })
}

/// Append the joins before the newline of the line that starts at `start` in `buf`.
fn annotate(sel: &Query, buf: &mut Vec<u8>, start: usize, k: &[u8]) {
    if buf.len() == start {
        return;
    }
    if let Some(res) = resolved(sel, k) {
        let nl = buf.last() == Some(&b'\n');
        if nl {
            buf.pop();
            buf.push(b' ');
        }
        res.write_suffix(buf);
        if nl {
            buf.push(b'\n');
        }
    }
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
                    eprintln!(
                        "Unable to open {}: no such file or directory ({why}). Skipping.",
                        path.display()
                    );
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

#[derive(Serialize)]
struct GoNatEntry {
    #[serde(rename = "Created")]
    created: u64,
    #[serde(rename = "NeedsCT")]
    needs_ct: u64,
    #[serde(rename = "Pad1")]
    pad1: u64,
    #[serde(rename = "Pad2")]
    pad2: u64,
    #[serde(rename = "Addr")]
    addr: Vec<u8>,
    #[serde(rename = "Port")]
    port: u16,
}

fn go_record(k: &[u8], v: &[u8]) -> GoRecord<GoNatEntry> {
    // The shape check guarantees a full value; a short one (never seen) renders as zeroes.
    let e = nat::Entry::decode(v).unwrap_or_default();
    let (a, p) = if v.len() == nat::VALUE6_SIZE { (16, 48) } else { (4, 36) };
    GoRecord {
        key: GoKey::new(k),
        value: GoNatEntry {
            created: e.created,
            needs_ct: e.needs_ct,
            pad1: e.pad1,
            pad2: e.pad2,
            addr: v[32..32 + a].to_vec(),
            port: u16::from_ne_bytes([v[p], v[p + 1]]),
        },
    }
}

fn list(ctx: &Ctx, a: ListArgs, out: &mut dyn Write) -> Result<()> {
    let cluster = parse_args(&a.args)?;
    let format = a.output.output.clone();
    let srcs = [Src { spec: SNAT4, cluster }, Src { spec: SNAT6, cluster }];
    let mut opened = Vec::new();
    for s in &srcs {
        if let Some(m) = open(ctx, s, false)? {
            opened.push((s, m));
        }
    }
    // The human and jsonl forms show ages; cilium-dbg's JSON does not need a clock.
    let age = if matches!(format, Format::Table | Format::Jsonl) && !opened.is_empty() {
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
        return super::ct::aggregate(maps, &a.filter, &format, out, |k, _| nat::View::new(k));
    }
    let sel = Query::new(&a.filter).with_resolver(
        a.resolve
            .then(|| crate::resolve::Resolver::load(&ctx.bpf, ctx.host.as_deref())),
    );
    if let Some(note) = sel.resolver.as_ref().and_then(|r| r.agent_note.as_ref()) {
        eprintln!("Note: {note}");
    }
    let mut st = Stream::new(out, format);
    st.begin();
    for (src, map) in &opened {
        let name = src.spec.name;
        match st.format.clone() {
            Format::Table if a.sort => {
                let mut lines: Vec<Box<[u8]>> = Vec::new();
                let mut line = Vec::with_capacity(256);
                walk(map, name, false, |k, v| {
                    if !keep(&sel, k) {
                        return Ok(());
                    }
                    line.clear();
                    if nat::format_key(&mut line, k) {
                        nat::format_value(&mut line, nat::key_flags(k), v, &age);
                        annotate(&sel, &mut line, 0, k);
                        lines.push(line.as_slice().into());
                    }
                    Ok(())
                })?;
                lines.sort_unstable();
                for l in &lines {
                    st.buf().extend_from_slice(l);
                    st.maybe_flush()?;
                }
            }
            Format::Table => walk(map, name, false, |k, v| {
                if !keep(&sel, k) {
                    return Ok(());
                }
                let b = st.buf();
                let start = b.len();
                if nat::format_key(b, k) {
                    nat::format_value(b, nat::key_flags(k), v, &age);
                    annotate(&sel, b, start, k);
                }
                st.maybe_flush()?;
                Ok(())
            })?,
            Format::Json => walk(map, name, a.sort, |k, v| {
                if !keep(&sel, k) {
                    return Ok(());
                }
                st.json_elem();
                nat::write_json_record(st.buf(), k, v);
                st.maybe_flush()?;
                Ok(())
            })?,
            Format::Jsonl => walk(map, name, a.sort, |k, v| {
                if !keep(&sel, k) {
                    return Ok(());
                }
                if let Some(r) = nat::Record::new(name, k, v, &age) {
                    match resolved(&sel, k) {
                        Some(res) => crate::output::json::write_line(
                            st.buf(),
                            &crate::resolve::WithResolved {
                                record: r,
                                resolved: &res,
                            },
                        )?,
                        None => crate::output::json::write_line(st.buf(), &r)?,
                    }
                    st.maybe_flush()?;
                }
                Ok(())
            })?,
            Format::Yaml => walk(map, name, a.sort, |k, v| {
                if keep(&sel, k) {
                    st.yaml_elem(&go_record(k, v))?;
                }
                Ok(())
            })?,
            Format::JsonPath(_) => walk(map, name, a.sort, |k, v| {
                if keep(&sel, k) {
                    st.push_doc(&go_record(k, v))?;
                }
                Ok(())
            })?,
        }
        st.end_map()?;
    }
    st.finish()?;
    Ok(())
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
