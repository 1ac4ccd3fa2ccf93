//! `bpf ct list|flush`: the conntrack tables (cilium-dbg/cmd/bpf_ct_list.go, bpf_ct_flush.go).
//! Entries are streamed: each is formatted into a reused buffer as the batch dump yields it, so
//! memory stays flat however large the map is (except with `--sort` and `-o jsonpath`).

use std::io::Write;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::maps::Query;
use crate::bpf::{self, walk, DumpOptions, Map};
use crate::cli::Ctx;
use crate::maps::clock::{self, Clock};
use crate::maps::ct::{self, Layout, Table};
use crate::maps::{check_shape, Access, Opened, Version};
use crate::output::{Format, OutputArgs};

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

/// Where a CT table comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Pinned under tc/globals.
    Pinned,
    /// Inner map of a per-cluster ARRAY_OF_MAPS, by cluster ID.
    Inner { outer: &'static str, cluster: u32 },
}

/// One map to dump.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub table: Table,
    pub origin: Origin,
    /// Per-endpoint maps print keys in the local style.
    pub local: bool,
}

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
                    eprintln!(
                        "Unable to open {}: no such file or directory ({}). Skipping.",
                        a.path.display(),
                        absence_reason(src)
                    );
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
        eprintln!(
            "Unable to open {}: no such file or directory ({why_absent}). Skipping.",
            outer_path.display()
        );
        return Ok(None);
    };
    check_shape(outer, &om, crate::maps::PER_CLUSTER_OUTER_SHAPES)?;
    let mut id = [0u8; 4];
    if !om.lookup(&cluster.to_ne_bytes(), &mut id)? {
        eprintln!(
            "No {name} map for cluster {cluster} in {} (the cluster is not connected). Skipping.",
            outer_path.display()
        );
        return Ok(None);
    }
    let m = Map::open_id(u32::from_ne_bytes(id)).with_context(|| format!("opening {outer}[{cluster}]"))?;
    check_shape(name, &m, shapes)?;
    Ok(Some(m))
}

// ---------------------------------------------------------------------------------------------
// Streaming renderer shared by `bpf ct list` and `bpf nat list`.

/// Flush the line buffer to `out` once it holds this much.
const FLUSH_AT: usize = 60 * 1024;

/// Per-format state across all maps of one command.
pub struct Stream<'o> {
    out: &'o mut dyn Write,
    pub format: Format,
    buf: Vec<u8>,
    records: usize,
    /// `-o jsonpath`: the whole document (jsonpath needs it).
    doc: Vec<serde_json::Value>,
}

impl<'o> Stream<'o> {
    pub fn new(out: &'o mut dyn Write, format: Format) -> Stream<'o> {
        Stream {
            out,
            format,
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            records: 0,
            doc: Vec::new(),
        }
    }

    /// Start of output (before the first map).
    pub fn begin(&mut self) {
        if self.format == Format::Json {
            self.buf.push(b'[');
        }
    }

    pub fn maybe_flush(&mut self) -> std::io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// The reused line buffer (table / jsonl text is appended here).
    pub fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Begin a `-o json` array element (comma and newline handling).
    pub fn json_elem(&mut self) {
        self.buf
            .extend_from_slice(if self.records == 0 { b"\n" } else { b",\n" });
        self.records += 1;
    }

    pub fn yaml_elem<T: Serialize>(&mut self, v: &T) -> std::io::Result<()> {
        self.records += 1;
        let s = yaml_serde::to_string(&[v]).map_err(std::io::Error::other)?;
        self.buf.extend_from_slice(s.as_bytes());
        self.maybe_flush()
    }

    pub fn push_doc<T: Serialize>(&mut self, v: &T) -> std::io::Result<()> {
        self.doc.push(serde_json::to_value(v).map_err(std::io::Error::other)?);
        Ok(())
    }

    /// End of one map (table: cilium-dbg's `fmt.Println` after each dump).
    pub fn end_map(&mut self) -> std::io::Result<()> {
        if self.format.is_table() {
            self.buf.push(b'\n');
        }
        self.maybe_flush()
    }

    /// End of output.
    pub fn finish(mut self) -> std::io::Result<()> {
        match &self.format {
            Format::Json => {
                if self.records > 0 {
                    self.buf.extend_from_slice(b"\n]");
                } else {
                    self.buf.push(b']');
                }
                self.buf.extend_from_slice(b"\n\n");
            }
            Format::Yaml if self.records == 0 => self.buf.extend_from_slice(b"[]\n\n"),
            Format::Yaml => self.buf.push(b'\n'),
            Format::JsonPath(_) => {
                self.out.write_all(&self.buf)?;
                self.buf.clear();
                let doc = std::mem::take(&mut self.doc);
                crate::output::write_document(self.out, &self.format, &doc)?;
            }
            _ => {}
        }
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

/// Walk a map through `f(key, value)`: sorted by key bytes when `sort` (every entry held in
/// memory), else streamed.
pub fn walk<F>(map: &Map, name: &str, sort: bool, mut f: F) -> Result<()>
where
    F: FnMut(&[u8], &[u8]) -> Result<()>,
{
    if sort {
        let mut all = walk::Sorted::<()>::new();
        all.add::<anyhow::Error, _>(map, 0, |_, _| Ok(Some(())))?;
        all.sort_by_raw_key();
        for e in all.iter() {
            f(e.key, e.value)?;
        }
    } else {
        walk::stream(map, name, f)?;
    }
    Ok(())
}

/// cilium-dbg's JSON/YAML record shape for one CT entry (`ctmap.CtMapRecord`).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GoRecord<V> {
    pub key: GoKey,
    pub value: V,
}

#[derive(Serialize)]
pub struct GoKey {
    #[serde(rename = "DestAddr")]
    pub dest_addr: Vec<u8>,
    #[serde(rename = "SourceAddr")]
    pub source_addr: Vec<u8>,
    #[serde(rename = "DestPort")]
    pub dest_port: u16,
    #[serde(rename = "SourcePort")]
    pub source_port: u16,
    #[serde(rename = "NextHeader")]
    pub next_header: u8,
    #[serde(rename = "Flags")]
    pub flags: u8,
}

impl GoKey {
    pub fn new(key: &[u8]) -> GoKey {
        let t = ct::RawTuple::new(key);
        GoKey {
            dest_addr: t.daddr.to_vec(),
            source_addr: t.saddr.to_vec(),
            dest_port: t.dport_raw,
            source_port: t.sport_raw,
            next_header: t.nexthdr,
            flags: t.flags,
        }
    }
}

#[derive(Serialize)]
struct GoCtEntry {
    #[serde(rename = "Reserved0")]
    reserved0: u64,
    #[serde(rename = "BackendID")]
    backend_id: u64,
    #[serde(rename = "Packets")]
    packets: u64,
    #[serde(rename = "Bytes")]
    bytes: u64,
    #[serde(rename = "Lifetime")]
    lifetime: u32,
    #[serde(rename = "Flags")]
    flags: u16,
    #[serde(rename = "RevNAT")]
    rev_nat: u16,
    #[serde(rename = "IfIndex", skip_serializing_if = "Option::is_none")]
    ifindex: Option<u16>,
    #[serde(rename = "TxFlagsSeen")]
    tx_flags_seen: u8,
    #[serde(rename = "RxFlagsSeen")]
    rx_flags_seen: u8,
    #[serde(rename = "SourceSecurityID")]
    source_security_id: u32,
    #[serde(rename = "LastTxReport")]
    last_tx_report: u32,
    #[serde(rename = "LastRxReport")]
    last_rx_report: u32,
}

fn go_ct_record(key: &[u8], val: &[u8], layout: Layout) -> GoRecord<GoCtEntry> {
    // The shape check guarantees a full value; a short one (never seen) renders as zeroes.
    let e = ct::Entry::decode(val).unwrap_or_default();
    GoRecord {
        key: GoKey::new(key),
        value: GoCtEntry {
            reserved0: e.reserved0,
            backend_id: e.backend_id,
            packets: e.packets,
            bytes: e.bytes,
            lifetime: e.lifetime,
            flags: e.flags,
            rev_nat: u16::from_ne_bytes([val[38], val[39]]),
            ifindex: (layout == Layout::V1_16).then_some(e.ifindex),
            tx_flags_seen: e.tx_flags_seen,
            rx_flags_seen: e.rx_flags_seen,
            source_security_id: e.src_sec_id,
            last_tx_report: e.last_tx_report,
            last_rx_report: e.last_rx_report,
        },
    }
}

// ---------------------------------------------------------------------------------------------

fn list(ctx: &Ctx, a: ListArgs, out: &mut dyn Write) -> Result<()> {
    let kind = parse_kind(a.kind.as_deref(), a.id.as_deref(), true)?;
    let format = a.output.output.clone();
    let layout = Layout::for_version(Version::detect(&ctx.bpf));
    let forced = a
        .time_diff_clocksource_mode
        .as_deref()
        .map(|m| clock::parse_mode(m, a.time_diff_clocksource_hz))
        .transpose()
        .map_err(|e| anyhow!("could not determine clocksource: {e}"))?;
    // Only --time-diff needs the clock (and then the agent); -o json never shows it.
    let clock: Option<Clock> = if a.time_diff && matches!(format, Format::Table | Format::Jsonl) {
        Some(
            clock::resolve(forced, ctx.host.as_deref(), &ctx.state_dir)
                .map_err(|e| anyhow!("could not determine clocksource: {e}"))?,
        )
    } else {
        None
    };
    let srcs = sources(kind);
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
    if a.filter.aggregates() {
        let maps = opened.iter().map(|(src, m)| (m, src.name.as_str()));
        return aggregate(maps, &a.filter, &format, out, ct::View::new);
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
        dump_ct(&mut st, src, map, layout, clock.as_ref(), a.sort, &sel)?;
        st.end_map()?;
    }
    st.finish()?;
    Ok(())
}

/// `--count` / `--top` over CT or NAT maps (the key layout is shared): walk every map, skip empty
/// slots (`nexthdr == 0`), tally the entries that pass the filters, print the result.
pub fn aggregate<'m, V: crate::filter::Entry>(
    maps: impl Iterator<Item = (&'m Map, &'m str)>,
    filter: &crate::filter::FilterArgs,
    format: &Format,
    out: &mut dyn Write,
    view: impl Fn(&[u8], &[u8]) -> V,
) -> Result<()> {
    let mut tally = crate::filter::Tally::default();
    let by = filter.top.map(|_| filter.by);
    for (map, name) in maps {
        walk(map, name, false, |k, v| {
            if k[k.len() - 2] != 0 {
                let e = view(k, v);
                if filter.matches(&e) {
                    tally.add(by, &e);
                }
            }
            Ok(())
        })?;
    }
    tally.write(out, filter, format)?;
    Ok(())
}

/// Row selection and joins for one listing, on the shared [`Query`].
fn keep(sel: &Query, k: &[u8], v: &[u8]) -> bool {
    sel.matches(|| ct::View::new(k, v))
}

fn resolved(sel: &Query, k: &[u8], v: &[u8]) -> Option<crate::resolve::Resolved> {
    let r = sel.resolver.as_ref()?;
    let view = ct::View::new(k, v);
    let (s, _, d, _) = view.tuple.conn();
    let svc_entry = view.tuple.flags & ct::TUPLE_F_SERVICE != 0;
    Some(crate::resolve::Resolved {
        src: r.ip(s),
        dst: r.ip(d),
        service: r.service(view.entry.rev_nat),
        backend: (svc_entry && view.entry.backend_id != 0)
            .then(|| r.backend(view.entry.backend_id as u32))
            .flatten(),
    })
}

/// Append the joins to the table line just written into `buf` (before its newline).
fn annotate(sel: &Query, buf: &mut Vec<u8>, k: &[u8], v: &[u8]) {
    if let Some(res) = resolved(sel, k, v) {
        let nl = buf.last() == Some(&b'\n');
        if nl {
            buf.pop();
        }
        res.write_suffix(buf);
        if nl {
            buf.push(b'\n');
        }
    }
}
fn dump_ct(
    st: &mut Stream<'_>,
    src: &Source,
    map: &Map,
    layout: Layout,
    clock: Option<&Clock>,
    sort: bool,
    sel: &Query<'_>,
) -> Result<()> {
    let name = src.name.as_str();
    let remaining = |lifetime: u32| clock.map(|c| c.remaining(u64::from(lifetime)));
    match st.format.clone() {
        Format::Table if sort => {
            let mut lines: Vec<Box<[u8]>> = Vec::new();
            let mut line = Vec::with_capacity(512);
            walk(map, name, false, |k, v| {
                if !keep(sel, k, v) {
                    return Ok(());
                }
                line.clear();
                if format_ct_line(&mut line, src.local, k, v, layout, &remaining) {
                    annotate(sel, &mut line, k, v);
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
        Format::Table => {
            walk(map, name, false, |k, v| {
                if !keep(sel, k, v) {
                    return Ok(());
                }
                let b = st.buf();
                let start = b.len();
                if format_ct_line(b, src.local, k, v, layout, &remaining) && sel.resolver.is_some() {
                    let mut line = b.split_off(start);
                    annotate(sel, &mut line, k, v);
                    st.buf().extend_from_slice(&line);
                }
                st.maybe_flush()?;
                Ok(())
            })?;
        }
        Format::Json => {
            walk(map, name, sort, |k, v| {
                if !keep(sel, k, v) {
                    return Ok(());
                }
                st.json_elem();
                ct::write_json_record(st.buf(), k, v, layout);
                st.maybe_flush()?;
                Ok(())
            })?;
        }
        Format::Jsonl => {
            walk(map, name, sort, |k, v| {
                if !keep(sel, k, v) {
                    return Ok(());
                }
                let lt = u32::from_ne_bytes(v[32..36].try_into().unwrap());
                if sel.resolver.is_none() {
                    ct::write_jsonl(st.buf(), name, k, v, layout, remaining(lt));
                    st.maybe_flush()?;
                    return Ok(());
                }
                if let Some(r) = ct::Record::new(name, k, v, layout, remaining(lt)) {
                    match resolved(sel, k, v) {
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
            })?;
        }
        Format::Yaml => {
            walk(map, name, sort, |k, v| {
                if keep(sel, k, v) {
                    st.yaml_elem(&go_ct_record(k, v, layout))?;
                }
                Ok(())
            })?;
        }
        Format::JsonPath(_) => {
            walk(map, name, sort, |k, v| {
                if keep(sel, k, v) {
                    st.push_doc(&go_ct_record(k, v, layout))?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// Append one table line; false when the slot is skipped (`nexthdr == 0`).
fn format_ct_line(
    buf: &mut Vec<u8>,
    local: bool,
    k: &[u8],
    v: &[u8],
    layout: Layout,
    remaining: &dyn Fn(u32) -> Option<i64>,
) -> bool {
    let ok = if local {
        ct::format_local_key(buf, k)
    } else {
        ct::format_key(buf, k)
    };
    if ok {
        let e = ct::Entry::decode(v).unwrap_or_default();
        ct::format_value(buf, &e, layout, remaining(e.lifetime));
    }
    ok
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

    #[test]
    fn stream_json_empty_and_two() {
        let mut out = Vec::new();
        let mut st = Stream::new(&mut out, Format::Json);
        st.begin();
        st.finish().unwrap();
        assert_eq!(out, b"[]\n\n");
        let mut out = Vec::new();
        let mut st = Stream::new(&mut out, Format::Json);
        st.begin();
        for _ in 0..2 {
            st.json_elem();
            st.buf().extend_from_slice(b"  {}");
        }
        st.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[\n  {},\n  {}\n]\n\n");
    }
}
