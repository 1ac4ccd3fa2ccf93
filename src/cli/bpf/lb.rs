//! `bpf lb`: load-balancer maps (services, backends, rev-NAT, source ranges, maglev), as
//! cilium-dbg 1.17's `bpf lb list` and `bpf lb maglev list/get` (cilium-dbg/cmd/bpf_lb_*.go).
//!
//! Rows are sorted, so each listing collects its maps in memory first. LB maps hold at most
//! `max_entries` entries each (`--bpf-lb-map-max`, 65536 by default), a few MB at most; the
//! backends of both families are held in a hash map for the join, as cilium-dbg does.

use std::io::Write;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};

use super::maps::Query;
use crate::bpf::walk::{Item, Sorted};
use crate::bpf::{self, Map};
use crate::cli::Ctx;
use crate::filter::FilterArgs;
use crate::maps::lb_backend::BackendView;
use crate::maps::lb_revnat::RevNatView;
use crate::maps::lb_service::ServiceView;
use crate::maps::lb_source_range::SourceRangeView;
use crate::maps::util::IdRows as _;
use crate::maps::view::View as _;
use crate::maps::{lb_backend, lb_revnat, lb_service, lb_source_range, maglev, BpfRoot, Version};
use crate::output::sorted::{render, Row, SortedListing};
use crate::output::{self, OutputArgs};

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

fn list(ctx: &Ctx, a: &ListArgs, out: &mut dyn Write) -> Result<()> {
    ctx.bpf.check()?;
    let v = Version::detect(&ctx.bpf);
    let format = &a.output.output;
    if a.watch.active() {
        use crate::watch::lb::View;
        // cilium-dbg's precedence when several view flags are given.
        let view = if a.revnat {
            View::Revnat
        } else if a.backends {
            View::Backends
        } else if a.source_ranges {
            View::SourceRanges
        } else if a.frontends {
            View::Frontends
        } else {
            View::Services
        };
        return crate::watch::lb::list(&ctx.bpf, view, &a.filter, &a.watch, format, out);
    }
    let mut q = Query::new(&a.filter);
    // cilium-dbg's precedence when several flags are given. Each view keeps compact raw entries
    // sorted by a small key and writes its cells (through the map's view, as its watch does)
    // only while printing.
    if a.revnat {
        let all = revnat_rows(&ctx.bpf, &mut q)?;
        if q.aggregates() {
            return q.finish(out, format);
        }
        let view = RevNatView { filter: None };
        let listing = SortedListing {
            t1: "ID",
            t2: BACKEND_ADDRESS,
            all: &all,
            adjacent: true,
            cells: |e: Item<'_, u16>, b: &mut Vec<u8>| view.cells(e.key, e.value, b),
            record: |e: Item<'_, u16>, b: &mut Vec<u8>| view.record(e.key, e.value, b),
        };
        output::render(out, format, &listing)
    } else if a.backends {
        let all = backend_rows(&ctx.bpf, &mut q)?;
        if q.aggregates() {
            return q.finish(out, format);
        }
        let view = BackendView { filter: None };
        let listing = SortedListing {
            t1: "ID",
            t2: BACKEND_ADDRESS,
            all: &all,
            adjacent: true,
            cells: |e: Item<'_, u32>, b: &mut Vec<u8>| view.cells(e.key, e.value, b),
            record: |e: Item<'_, u32>, b: &mut Vec<u8>| view.record(e.key, e.value, b),
        };
        output::render(out, format, &listing)
    } else if a.source_ranges {
        let all = source_range_rows(&ctx.bpf, &mut q)?;
        if q.aggregates() {
            return q.finish(out, format);
        }
        let view = SourceRangeView { filter: None };
        let listing = SortedListing {
            t1: "SOURCE RANGE (REVNAT_ID)",
            t2: "",
            all: &all,
            adjacent: true,
            cells: |e: Item<'_, RangeSort>, b: &mut Vec<u8>| view.cells(e.key, b),
            record: |e: Item<'_, RangeSort>, b: &mut Vec<u8>| view.record(e.key, e.value, b),
        };
        output::render(out, format, &listing)
    } else {
        let join = !a.frontends;
        let (all, backends) = service_rows(&ctx.bpf, v, join, &mut q)?;
        if q.aggregates() {
            return q.finish(out, format);
        }
        let view = ServiceView {
            v,
            join,
            backends: Some(&backends),
            filter: None,
        };
        let listing = SortedListing {
            t1: SERVICE_ADDRESS,
            t2: if join { BACKEND_ADDRESS } else { "BACKEND ID" },
            all: &all,
            // Before 1.17 the key text has no protocol, so rows with equal text need not be
            // adjacent in sort order: group them as Go's map does.
            adjacent: v >= Version::V1_17,
            cells: |e: Item<'_, ServiceSort>, b: &mut Vec<u8>| view.cells(e.key, e.value, b),
            record: |e: Item<'_, ServiceSort>, b: &mut Vec<u8>| view.record(e.key, e.value, b),
        };
        output::render(out, format, &listing)
    }
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

fn backends(root: &BpfRoot) -> Result<lb_service::Backends> {
    // The backend join is looked up once per slot: a fast integer hash (no DoS concern here).
    let mut all = lb_service::Backends::default();
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

/// [`lb_service::ServiceKey::sort_bytes`]: 24 bytes compared as bytes.
type ServiceSort = [u8; 24];

/// Service map entries that pass the query, and the backends for the join (empty without).
fn service_rows(
    root: &BpfRoot,
    v: Version,
    join: bool,
    q: &mut Query,
) -> Result<(Sorted<ServiceSort>, lb_service::Backends)> {
    let maps = root.open_pair(
        [&lb_service::SPEC4, &lb_service::SPEC6],
        "the agent has not created its load-balancer maps (is cilium-agent running on this node?)",
    )?;
    let backends = if join && !maps.is_empty() {
        backends(root)?
    } else {
        lb_service::Backends::default()
    };
    let view = ServiceView {
        v,
        join,
        backends: Some(&backends),
        filter: None,
    };
    let mut all = Sorted::new();
    for (m, _) in &maps {
        all.add::<anyhow::Error, _>(m, 0, |k, val| {
            if val.len() != lb_service::VALUE_SIZE {
                return Err(bad_entry(m));
            }
            let sort = lb_service::sort_bytes(k).ok_or_else(|| bad_entry(m))?;
            if !q.filtering() && !q.aggregates() {
                return Ok(Some(sort));
            }
            // Filters see the record; only its fields are needed, not the cells.
            let rec = view.service_record(k, val).ok_or_else(|| bad_entry(m))?;
            Ok(q.keep(&rec).then_some(sort))
        })?;
    }
    all.sort();
    Ok((all, backends))
}

/// Rev-NAT IDs are one pool across both families, so rows sort by ID alone.
fn revnat_rows(root: &BpfRoot, q: &mut Query) -> Result<Sorted<u16>> {
    let maps = root.open_pair(
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
    let maps = root.open_pair(
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

/// Family, rev-NAT ID, address and prefix length, packed big-endian: compared as bytes.
type RangeSort = [u8; 24];

fn range_sort(v6: bool, r: &lb_source_range::SourceRange) -> RangeSort {
    let mut b = [0u8; 24];
    b[0] = u8::from(v6);
    b[1..3].copy_from_slice(&r.rev_nat.to_be_bytes());
    match r.addr {
        std::net::IpAddr::V4(a) => b[3..7].copy_from_slice(&a.octets()),
        std::net::IpAddr::V6(a) => b[3..19].copy_from_slice(&a.octets()),
    }
    b[19..23].copy_from_slice(&r.prefix_len.to_be_bytes());
    b
}

fn source_range_rows(root: &BpfRoot, q: &mut Query) -> Result<Sorted<RangeSort>> {
    let maps = root.open_pair(
        [&lb_source_range::SPEC4, &lb_source_range::SPEC6],
        "loadBalancerSourceRanges checking is off on this node (agent flag \
         --enable-svc-source-range-check=false), or the agent has not started",
    )?;
    let mut all = Sorted::new();
    for (m, v6) in &maps {
        all.add::<anyhow::Error, _>(m, 0, |k, _| {
            let r = lb_source_range::SourceRange::decode(k).ok_or_else(|| bad_entry(m))?;
            let keep = q.keep(&lb_source_range::SourceRangeRecord::new(&r));
            Ok(keep.then(|| range_sort(*v6, &r)))
        })?;
    }
    all.sort();
    Ok(all)
}

fn maglev_list(ctx: &Ctx, a: &MaglevListArgs, out: &mut dyn Write) -> Result<()> {
    let format = &a.output.output;
    ctx.bpf.check()?;
    let maps = ctx.bpf.open_pair(
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
            let table = maglev::read_table(m, inner)?;
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
        let table = maglev::read_table(&m, inner)?;
        let value = maglev::cilium_table(&table);
        let rec = maglev::MaglevRecord::new(id, v6, table);
        rows.push(Row::new(v6, maglev::cilium_key(id, v6), value, rec)?);
    }
    if rows.is_empty() {
        bail!("No entry found for service {id}");
    }
    render(out, &a.output.output, "SVC ID", "LOOKUP TABLE", rows)
}
