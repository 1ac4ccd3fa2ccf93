//! `bpf lb`: load-balancer maps (services, backends, rev-NAT, source ranges, maglev), as
//! cilium-dbg 1.17's `bpf lb list` and `bpf lb maglev list/get` (cilium-dbg/cmd/bpf_lb_*.go).
//!
//! Rows are sorted, so each listing collects its maps in memory first. LB maps hold at most
//! `max_entries` entries each (`--bpf-lb-map-max`, 65536 by default), a few MB at most; the
//! backends of both families are held in a hash map for the join, as cilium-dbg does.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::maps::Query;
use crate::bpf::walk::{Item, Sorted};
use crate::bpf::{self, map_type, Map};
use crate::cli::Ctx;
use crate::filter::FilterArgs;
use crate::maps::{lb_backend, lb_revnat, lb_service, lb_source_range, maglev, BpfRoot, MapSpec, Version};
use crate::output::{self, Doc, Format, OutputArgs, Render};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List load-balancing configuration
    #[command(visible_alias = "ls")]
    List(Box<ListArgs>),
    /// Maglev lookup tables
    #[command(subcommand)]
    Maglev(MaglevCmd),
}

/// List load-balancing configuration.
///
/// Reads cilium_lb{4,6}_services_v2 and cilium_lb{4,6}_backends_v3 (default view), or the
/// rev-NAT, raw frontend, backend or source-range maps. A missing IPv6 (or IPv4) map is skipped,
/// as cilium-dbg does. Rows are sorted by frontend address, port, protocol, scope and slot
/// (IPv4 first); the maps are read into memory for that (bounded by their max_entries, 65536
/// by default).
#[derive(Debug, Args)]
pub struct ListArgs {
    /// List reverse NAT entries
    #[arg(long)]
    pub revnat: bool,
    /// List all service frontend entries
    #[arg(long)]
    pub frontends: bool,
    /// List all service backend entries
    #[arg(long)]
    pub backends: bool,
    /// List all source range entries
    #[arg(long)]
    pub source_ranges: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

#[derive(Debug, Subcommand)]
pub enum MaglevCmd {
    /// List Maglev lookup tables
    #[command(visible_alias = "ls")]
    List(MaglevListArgs),
    /// Get Maglev lookup table for given service by ID
    Get(MaglevGetArgs),
}

#[derive(Debug, Args)]
pub struct MaglevListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

#[derive(Debug, Args)]
pub struct MaglevGetArgs {
    /// Service (rev-NAT) ID
    #[arg(value_name = "service id")]
    pub service_id: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Cmd::List(a) => list(ctx, &a, out),
        Cmd::Maglev(MaglevCmd::List(a)) => maglev_list(ctx, &a, out),
        Cmd::Maglev(MaglevCmd::Get(a)) => maglev_get(ctx, &a, out),
    }
}

const SERVICE_ADDRESS: &str = "SERVICE ADDRESS";
const BACKEND_ADDRESS: &str = "BACKEND ADDRESS (REVNAT_ID) (SLOT)";

/// One output row: the sort key, cilium-dbg's key and value cells, and the typed record.
struct Row<K> {
    sort: K,
    key: String,
    value: String,
    /// The `-o jsonl` line, serialized up front (fields in declaration order).
    record: Vec<u8>,
}

impl<K> Row<K> {
    fn new(sort: K, key: String, value: String, record: impl Serialize) -> Result<Row<K>> {
        let mut line = Vec::with_capacity(256);
        output::json::write_line(&mut line, &record)?;
        Ok(Row {
            sort,
            key,
            value,
            record: line,
        })
    }
}

fn list(ctx: &Ctx, a: &ListArgs, out: &mut dyn Write) -> Result<()> {
    ctx.bpf.check()?;
    let v = Version::detect(&ctx.bpf);
    let format = &a.output.output;
    if a.watch.active() {
        return crate::watch::lb::list(ctx, a, out);
    }
    let mut q = Query::new(&a.filter);
    // cilium-dbg's precedence when several flags are given. Each view keeps compact raw entries
    // sorted by a typed key and makes its text only while writing.
    if a.revnat {
        let all = revnat_rows(&ctx.bpf, &mut q)?;
        if q.aggregates() {
            return q.finish(out, format);
        }
        render_sorted(out, format, "ID", BACKEND_ADDRESS, &all, true, |e, rec| {
            let r = lb_revnat::RevNat::decode(e.value).ok_or_else(|| anyhow!("bad rev-NAT entry"))?;
            Ok((
                e.sort.to_string(),
                r.cilium_string(),
                rec.then(|| lb_revnat::RevNatRecord::new(*e.sort, &r)),
            ))
        })
    } else if a.backends {
        let all = backend_rows(&ctx.bpf, &mut q)?;
        if q.aggregates() {
            return q.finish(out, format);
        }
        render_sorted(out, format, "ID", BACKEND_ADDRESS, &all, true, |e, rec| {
            let b = lb_backend::Backend::decode(e.value).ok_or_else(|| anyhow!("bad backend entry"))?;
            Ok((
                e.sort.to_string(),
                b.cilium_string(),
                rec.then(|| lb_backend::BackendRecord::new(*e.sort, &b)),
            ))
        })
    } else if a.source_ranges {
        let all = source_range_rows(&ctx.bpf, &mut q)?;
        if q.aggregates() {
            return q.finish(out, format);
        }
        render_sorted(out, format, "SOURCE RANGE (REVNAT_ID)", "", &all, true, |e, rec| {
            let r = lb_source_range::SourceRange::decode(e.key).ok_or_else(|| anyhow!("bad source range entry"))?;
            Ok((
                r.cilium_string(),
                String::new(),
                rec.then(|| lb_source_range::SourceRangeRecord::new(&r)),
            ))
        })
    } else {
        let join = !a.frontends;
        let (all, backends) = service_rows(&ctx.bpf, v, join, &mut q)?;
        if q.aggregates() {
            return q.finish(out, format);
        }
        let t2 = if join { BACKEND_ADDRESS } else { "BACKEND ID" };
        // Before 1.17 the key text has no protocol, so rows with equal text need not be
        // adjacent in sort order: group them as Go's map does.
        let adjacent = v >= Version::V1_17;
        render_sorted(out, format, SERVICE_ADDRESS, t2, &all, adjacent, |e, rec| {
            let (key, sv) = decode_service(e.key, e.value).ok_or_else(|| anyhow!("bad service entry"))?;
            let (rec, value) = service_view(&key, &sv, v, join.then_some(&backends), rec);
            Ok((key.cilium_string(v), value, rec))
        })
    }
}

/// Print sorted entries as cilium-dbg's TablePrinter (two passes: measure, then write), its
/// `map[string][]string` document, or typed JSON lines. `show` makes an entry's key cell, value
/// cell and, when asked, its record. With `adjacent`, rows with equal key text are known to be next to each other.
fn render_sorted<S: Ord, R: Serialize>(
    out: &mut dyn Write,
    format: &Format,
    t1: &str,
    t2: &str,
    all: &Sorted<S>,
    adjacent: bool,
    show: impl Fn(Item<'_, S>, bool) -> Result<(String, String, Option<R>)>,
) -> Result<()> {
    // Rows with their text, for the grouped table and the document.
    let rows = || -> Result<Vec<Row<()>>> {
        let mut rows = Vec::with_capacity(all.len());
        for e in all.iter() {
            let (k, val, _) = show(e, false)?;
            rows.push(Row {
                sort: (),
                key: k,
                value: val,
                record: Vec::new(),
            });
        }
        Ok(rows)
    };
    let table = |out: &mut dyn Write| -> Result<()> {
        if !adjacent {
            return Rows { t1, t2, rows: rows()? }.table(out);
        }
        // Each row's text is made once into one arena (tens of bytes a row) while the columns
        // are measured, then written padded.
        let mut text = String::with_capacity(all.len() * 64);
        let mut ends: Vec<(u32, u32)> = Vec::with_capacity(all.len());
        let mut cols = output::table::TwoColumns::new(t1);
        for e in all.iter() {
            let (k, val, _) = show(e, false)?;
            cols.measure(&k, &val);
            text.push_str(&k);
            let key_end = text.len() as u32;
            text.push_str(&val);
            ends.push((key_end, text.len() as u32));
        }
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        cols.header(&mut buf, t1, t2);
        let (mut start, mut prev) = (0usize, "");
        for &(key_end, end) in &ends {
            let (k, val) = (&text[start..key_end as usize], &text[key_end as usize..end as usize]);
            start = end as usize;
            cols.row(&mut buf, if k == prev { "" } else { k }, val);
            prev = k;
            if buf.len() >= FLUSH_AT {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        Ok(())
    };
    let jsonl = |out: &mut dyn Write| -> Result<()> {
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        for e in all.iter() {
            if let (_, _, Some(rec)) = show(e, true)? {
                output::json::write_line(&mut buf, &rec)?;
            }
            if buf.len() >= FLUSH_AT {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        Ok(())
    };
    output::render(
        out,
        format,
        &SortedListing {
            t1,
            t2,
            table,
            rows,
            jsonl,
        },
    )
}

/// Flush the output buffer once it holds this much.
const FLUSH_AT: usize = 60 * 1024;

/// A sorted listing in every form: the table and the jsonl lines are written from the sorted
/// entries; the document is built from the rows' text.
struct SortedListing<'t, T, W, J> {
    t1: &'t str,
    t2: &'t str,
    table: T,
    rows: W,
    jsonl: J,
}

impl<T, W, J> Render for SortedListing<'_, T, W, J>
where
    T: Fn(&mut dyn Write) -> Result<()>,
    W: Fn() -> Result<Vec<Row<()>>>,
    J: Fn(&mut dyn Write) -> Result<()>,
{
    fn table(&self, w: &mut dyn Write) -> Result<()> {
        (self.table)(w)
    }
    fn document(&self) -> Result<Doc<'_>> {
        Ok(Doc::value(Owned(Rows {
            t1: self.t1,
            t2: self.t2,
            rows: (self.rows)()?,
        })))
    }
    fn jsonl(&self, w: &mut dyn Write) -> Result<bool> {
        (self.jsonl)(w)?;
        Ok(true)
    }
}

/// Sort, then print as cilium-dbg's TablePrinter, its `map[string][]string` document, or typed
/// JSON lines.
fn render<K: Ord>(out: &mut dyn Write, format: &Format, t1: &str, t2: &str, mut rows: Vec<Row<K>>) -> Result<()> {
    rows.sort_by(|a, b| a.sort.cmp(&b.sort));
    output::render(out, format, &Rows { t1, t2, rows })
}

/// Rows sorted for printing.
struct Rows<'t, K> {
    t1: &'t str,
    t2: &'t str,
    rows: Vec<Row<K>>,
}

impl<K> Rows<'_, K> {
    /// cilium-dbg's `map[string][]string` document.
    fn doc(&self) -> BTreeMap<&str, Vec<&str>> {
        let mut doc: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for r in &self.rows {
            doc.entry(&r.key).or_default().push(&r.value);
        }
        doc
    }
}

impl<K> Render for Rows<'_, K> {
    fn table(&self, out: &mut dyn Write) -> Result<()> {
        // Rows with equal key strings share one key, as in Go's map (only possible when
        // the key string drops a field, e.g. 1.16 keys have no protocol).
        let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for r in &self.rows {
            match index.get(r.key.as_str()) {
                Some(&i) => groups[i].1.push(&r.value),
                None => {
                    index.insert(&r.key, groups.len());
                    groups.push((&r.key, vec![&r.value]));
                }
            }
        }
        output::table::table_printer(out, self.t1, self.t2, groups)?;
        Ok(())
    }
    fn document(&self) -> Result<Doc<'_>> {
        Ok(Doc::value(self.doc()))
    }
    fn jsonl(&self, out: &mut dyn Write) -> Result<bool> {
        for r in &self.rows {
            out.write_all(&r.record)?;
        }
        Ok(true)
    }
}

/// Rows that own their text, serialized as their document.
struct Owned<'t>(Rows<'t, ()>);

impl Serialize for Owned<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.doc().serialize(s)
    }
}

/// Open the IPv4 and IPv6 maps of a pair, skipping absent ones (`DumpIfExists`). When both are
/// absent, say so on stderr with the usual reason.
pub(crate) fn open_pair(root: &BpfRoot, specs: [&MapSpec; 2], why_absent: &str) -> Result<Vec<(Map, bool)>> {
    let mut maps = Vec::new();
    for (spec, v6) in [(specs[0], false), (specs[1], true)] {
        if let Some((m, _)) = root.open_if_exists(spec)? {
            maps.push((m, v6));
        }
    }
    if maps.is_empty() {
        eprintln!(
            "Warning: neither {} nor {} is pinned in {}; {why_absent}",
            specs[0].name,
            specs[1].name,
            root.globals().display()
        );
    }
    Ok(maps)
}

/// Walk a whole map (the shared walk warns when it was disturbed by concurrent changes).
fn walk(map: &Map, f: impl FnMut(&[u8], &[u8]) -> Result<()>) -> Result<()> {
    bpf::walk::stream(map, &map.path().display().to_string(), f)
        .with_context(|| format!("reading {}", map.path().display()))?;
    Ok(())
}

fn bad_entry(map: &Map) -> anyhow::Error {
    anyhow!("{}: an entry has an unexpected size", map.path().display())
}

fn backends(root: &BpfRoot) -> Result<FxHashMap<u32, lb_backend::Backend>> {
    // The backend join is looked up once per slot: a fast integer hash (no DoS concern here).
    let mut all = FxHashMap::default();
    for spec in [&lb_backend::SPEC4, &lb_backend::SPEC6] {
        let Some((m, _)) = root.open_if_exists(spec)? else {
            continue;
        };
        walk(&m, |k, v| {
            let id = lb_backend::decode_key(k).ok_or_else(|| bad_entry(&m))?;
            let b = lb_backend::Backend::decode(v).ok_or_else(|| bad_entry(&m))?;
            all.insert(id, b);
            Ok(())
        })?;
    }
    Ok(all)
}

type ServiceSort = (bool, std::net::IpAddr, u16, u8, u8, u16);

fn decode_service(k: &[u8], v: &[u8]) -> Option<(lb_service::ServiceKey, lb_service::ServiceValue)> {
    Some((lb_service::ServiceKey::decode(k)?, lb_service::ServiceValue::decode(v)?))
}

/// A service entry's record and value cell: the default view (`backends`: joined backend
/// addresses) or `--frontends` (raw values).
pub(crate) fn service_view(
    key: &lb_service::ServiceKey,
    sv: &lb_service::ServiceValue,
    v: Version,
    backends: Option<&FxHashMap<u32, lb_backend::Backend>>,
    want_record: bool,
) -> (Option<lb_service::ServiceRecord>, String) {
    let mut rec = want_record.then(|| lb_service::ServiceRecord::new(key, sv, v));
    let value = match backends {
        None => sv.cilium_string(v),
        Some(_) if key.slot == 0 => lb_service::master_entry_string(key, sv, v),
        Some(all) => match all.get(&sv.backend_id) {
            Some(b) => {
                if let Some(r) = rec.as_mut() {
                    r.backend = Some(lb_backend::BackendRecord::new(sv.backend_id, b));
                }
                lb_service::slot_entry_string(key, sv, b, v)
            }
            None => {
                if let Some(r) = rec.as_mut() {
                    r.backend_missing = true;
                }
                format!("backend {} not found", sv.backend_id)
            }
        },
    };
    (rec, value)
}

/// Service map entries that pass the query, and the backends for the join (empty without).
fn service_rows(
    root: &BpfRoot,
    v: Version,
    join: bool,
    q: &mut Query,
) -> Result<(Sorted<ServiceSort>, FxHashMap<u32, lb_backend::Backend>)> {
    let maps = open_pair(
        root,
        [&lb_service::SPEC4, &lb_service::SPEC6],
        "the agent has not created its load-balancer maps (is cilium-agent running on this node?)",
    )?;
    let backends = if join && !maps.is_empty() {
        backends(root)?
    } else {
        FxHashMap::default()
    };
    let mut all = Sorted::new();
    for (m, _) in &maps {
        all.add::<anyhow::Error, _>(m, 0, |k, val| {
            let (key, sv) = decode_service(k, val).ok_or_else(|| bad_entry(m))?;
            if !q.filtering() && !q.aggregates() {
                return Ok(Some(key.sort_key()));
            }
            // Filters see the record; only its fields are needed, not the cells.
            let mut rec = lb_service::ServiceRecord::new(&key, &sv, v);
            if join && key.slot != 0 {
                match backends.get(&sv.backend_id) {
                    Some(b) => rec.backend = Some(lb_backend::BackendRecord::new(sv.backend_id, b)),
                    None => rec.backend_missing = true,
                }
            }
            Ok(q.keep(&rec).then(|| key.sort_key()))
        })?;
    }
    all.sort();
    Ok((all, backends))
}

/// Rev-NAT IDs are one pool across both families, so rows sort by ID alone.
fn revnat_rows(root: &BpfRoot, q: &mut Query) -> Result<Sorted<u16>> {
    let maps = open_pair(
        root,
        [&lb_revnat::SPEC4, &lb_revnat::SPEC6],
        "the agent has not created its load-balancer maps (is cilium-agent running on this node?)",
    )?;
    let mut all = Sorted::new();
    for (m, _) in &maps {
        all.add::<anyhow::Error, _>(m, 0, |k, val| {
            let id = lb_revnat::decode_key(k).ok_or_else(|| bad_entry(m))?;
            let r = lb_revnat::RevNat::decode(val).ok_or_else(|| bad_entry(m))?;
            Ok(q.keep(&lb_revnat::RevNatRecord::new(id, &r)).then_some(id))
        })?;
    }
    all.sort();
    Ok(all)
}

/// Backend IDs are one pool across both families, so rows sort by ID alone.
fn backend_rows(root: &BpfRoot, q: &mut Query) -> Result<Sorted<u32>> {
    let maps = open_pair(
        root,
        [&lb_backend::SPEC4, &lb_backend::SPEC6],
        "the agent has not created its load-balancer maps (is cilium-agent running on this node?)",
    )?;
    let mut all = Sorted::new();
    for (m, _) in &maps {
        all.add::<anyhow::Error, _>(m, 0, |k, val| {
            let id = lb_backend::decode_key(k).ok_or_else(|| bad_entry(m))?;
            let b = lb_backend::Backend::decode(val).ok_or_else(|| bad_entry(m))?;
            Ok(q.keep(&lb_backend::BackendRecord::new(id, &b)).then_some(id))
        })?;
    }
    all.sort();
    Ok(all)
}

type RangeSort = (bool, u16, std::net::IpAddr, u32);

fn source_range_rows(root: &BpfRoot, q: &mut Query) -> Result<Sorted<RangeSort>> {
    let maps = open_pair(
        root,
        [&lb_source_range::SPEC4, &lb_source_range::SPEC6],
        "loadBalancerSourceRanges checking is off on this node (agent flag \
         --enable-svc-source-range-check=false), or the agent has not started",
    )?;
    let mut all = Sorted::new();
    for (m, v6) in &maps {
        all.add::<anyhow::Error, _>(m, 0, |k, _| {
            let r = lb_source_range::SourceRange::decode(k).ok_or_else(|| bad_entry(m))?;
            let keep = q.keep(&lb_source_range::SourceRangeRecord::new(&r));
            Ok(keep.then_some((*v6, r.rev_nat, r.addr, r.prefix_len)))
        })?;
    }
    all.sort();
    Ok(all)
}

/// Read one service's lookup table from the inner map a Maglev outer entry names.
pub(crate) fn maglev_table(outer: &Map, inner_id: u32) -> Result<Vec<u32>> {
    let inner = Map::open_id(inner_id).with_context(|| {
        format!(
            "opening the Maglev inner map (id {inner_id}) named by {}",
            outer.path().display()
        )
    })?;
    let info = inner.info();
    if info.map_type != map_type::ARRAY || info.key_size != 4 || info.value_size % 4 != 0 {
        bail!(
            "refusing to decode Maglev inner map id {inner_id} of {}: it is a {} map with key {} B / value {} B, \
             but cdbg knows it as an array with key 4 B and a value of u32 backend IDs",
            outer.path().display(),
            map_type::name(info.map_type),
            info.key_size,
            info.value_size
        );
    }
    let mut buf = vec![0u8; inner.value_stride()];
    if !inner.lookup(&0u32.to_ne_bytes(), &mut buf)? {
        bail!("Maglev inner map id {inner_id} has no entry 0");
    }
    maglev::decode_table(&buf).ok_or_else(|| bad_entry(&inner))
}

fn maglev_list(ctx: &Ctx, a: &MaglevListArgs, out: &mut dyn Write) -> Result<()> {
    let format = &a.output.output;
    ctx.bpf.check()?;
    let maps = open_pair(
        &ctx.bpf,
        [&maglev::SPEC4, &maglev::SPEC6],
        "Maglev is off on this node (agent flag --bpf-lb-algorithm=random, the default)",
    )?;
    if a.watch.active() {
        return crate::watch::small::maglev(&a.watch, format, &maps, out);
    }
    let mut rows = Vec::new();
    for (m, v6) in &maps {
        walk(m, |k, val| {
            let id = maglev::decode_outer_key(k).ok_or_else(|| bad_entry(m))?;
            let inner = maglev::decode_outer_value(val).ok_or_else(|| bad_entry(m))?;
            let table = maglev_table(m, inner)?;
            let value = maglev::cilium_table(&table);
            let rec = maglev::MaglevRecord::new(id, *v6, table);
            rows.push(Row::new((*v6, id), maglev::cilium_key(id, *v6), value, rec)?);
            Ok(())
        })?;
    }
    render(out, format, "SVC ID", "LOOKUP TABLE", rows)
}

fn maglev_get(ctx: &Ctx, a: &MaglevGetArgs, out: &mut dyn Write) -> Result<()> {
    let id: u16 = a
        .service_id
        .parse()
        .map_err(|e| anyhow!("Unable to parse {}: {e}", a.service_id))?;
    ctx.bpf.check()?;
    let mut rows = Vec::new();
    for (spec, v6) in [(&maglev::SPEC4, false), (&maglev::SPEC6, true)] {
        let Some((m, _)) = ctx.bpf.open_if_exists(spec)? else {
            continue;
        };
        let mut val = [0u8; maglev::OUTER_VALUE_SIZE];
        if !m.lookup(&maglev::encode_outer_key(id), &mut val)? {
            continue;
        }
        let inner = maglev::decode_outer_value(&val).ok_or_else(|| bad_entry(&m))?;
        let table = maglev_table(&m, inner)?;
        let value = maglev::cilium_table(&table);
        let rec = maglev::MaglevRecord::new(id, v6, table);
        rows.push(Row::new(v6, maglev::cilium_key(id, v6), value, rec)?);
    }
    if rows.is_empty() {
        bail!("No entry found for service {id}");
    }
    render(out, &a.output.output, "SVC ID", "LOOKUP TABLE", rows)
}
