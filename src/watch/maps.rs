//! The watched forms of the map listings: each listing's rows as (map, real key, compared value
//! bytes), with the listing's own row text and `-o jsonl` record. Commands call one function here.

use std::io::Write;

use anyhow::{bail, Result};

use super::{Row, WatchArgs, Watched};
use crate::bpf::{walk, Map};
use crate::filter::FilterArgs;
use crate::maps::ct::{self, Layout};
use crate::maps::view::View;
use crate::maps::{nat, Version};
use crate::output::{json, Format};
use crate::query::ct::Source;

/// Fill `state` with the bytes compared between passes for `(key, value)` of group `g`.
type StateFn<'a> = dyn Fn(u32, &[u8], &[u8], &mut Vec<u8>) + 'a;
/// Whether a row of group `g` is listed.
type KeepFn<'a> = dyn Fn(u32, &[u8], &[u8]) -> bool + 'a;
type RenderFn<'a> = dyn Fn(&Row<'_>, &mut Vec<u8>) -> Result<()> + 'a;

/// Rows straight from maps: one group per map, the map's key, the value (or a part of it).
pub struct MapRows<'a> {
    /// The maps with the names their warnings use.
    pub maps: Vec<(&'a Map, String)>,
    pub header: Option<&'static str>,
    pub sorted: bool,
    /// Whether a row is listed (empty slots, filters).
    pub keep: &'a KeepFn<'a>,
    /// The compared bytes; `None`: the whole value.
    pub state: Option<&'a StateFn<'a>>,
    pub table: &'a RenderFn<'a>,
    pub record: &'a RenderFn<'a>,
}

impl Watched for MapRows<'_> {
    fn header(&self) -> Option<&str> {
        self.header
    }
    fn sorted(&self) -> bool {
        self.sorted
    }
    fn pass(&self, emit: &mut dyn FnMut(Row<'_>) -> Result<()>) -> Result<()> {
        let mut st = Vec::with_capacity(64);
        for (g, (map, name)) in self.maps.iter().enumerate() {
            let g = g as u32;
            walk::stream(map, name, |k: &[u8], v: &[u8]| -> Result<()> {
                if !(self.keep)(g, k, v) {
                    return Ok(());
                }
                let state = match self.state {
                    Some(f) => {
                        st.clear();
                        f(g, k, v, &mut st);
                        &st[..]
                    }
                    None => v,
                };
                emit(Row {
                    group: g,
                    key: k,
                    state,
                    full: Some(v),
                })
            })?;
        }
        Ok(())
    }
    fn table(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        (self.table)(row, out)
    }
    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        (self.record)(row, out)
    }
    fn pins(&self) -> Vec<&Map> {
        self.maps.iter().map(|(m, _)| *m).collect()
    }
}

/// Refuse `--count`/`--top` with a watch (they print one aggregate, not rows).
fn no_aggregate(filter: &FilterArgs) -> Result<()> {
    if filter.aggregates() {
        bail!("--watch, --wait and --wait-gone list rows: they do not combine with --count or --top");
    }
    Ok(())
}

/// A serde record as one JSON object without its newline.
fn object(out: &mut Vec<u8>, rec: &impl serde::Serialize) -> Result<()> {
    json::write_line(out, rec)?;
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    Ok(())
}

/// Drop a trailing newline a line formatter wrote.
fn chomp(out: &mut Vec<u8>) {
    while out.last() == Some(&b'\n') {
        out.pop();
    }
}

// --- conntrack ------------------------------------------------------------------------------

/// The CT value bytes compared by default: backend ID, flags, rev-NAT, ifindex and source
/// identity (18 of 56 bytes). Lifetime, counters, TCP flags seen and report times change with
/// every packet; `--all-changes` compares the whole value.
const CT_STABLE: [std::ops::Range<usize>; 3] = [8..16, 36..42, 44..48];

/// Rebuild a CT value from its stable bytes (the rest zero).
fn ct_unpack(state: &[u8]) -> Vec<u8> {
    if state.len() == ct::VALUE_SIZE {
        return state.to_vec();
    }
    let mut v = vec![0u8; ct::VALUE_SIZE];
    let mut at = 0;
    for r in CT_STABLE {
        v[r.clone()].copy_from_slice(&state[at..at + r.len()]);
        at += r.len();
    }
    v
}

/// Record fields that only `--all-changes` compares (left out of a removed row's record).
const CT_VOLATILE: &[&str] = &[
    "expires",
    "packets",
    "bytes",
    "rx_flags_seen",
    "tx_flags_seen",
    "last_rx_report",
    "last_tx_report",
];

/// `bpf ct list --watch|--wait|--wait-gone`.
pub fn ct(
    args: &WatchArgs,
    format: &Format,
    opened: &[(&Source, Map)],
    layout: Layout,
    filter: &FilterArgs,
    out: &mut dyn Write,
) -> Result<()> {
    no_aggregate(filter)?;
    let all = args.all_changes;
    let keep = |_: u32, k: &[u8], v: &[u8]| -> bool {
        k[k.len() - 2] != 0 && (!filter.is_active() || filter.matches(&ct::View::new(k, v)))
    };
    let state = |_: u32, _: &[u8], v: &[u8], st: &mut Vec<u8>| {
        if all {
            st.extend_from_slice(v);
        } else {
            for r in CT_STABLE {
                st.extend_from_slice(&v[r]);
            }
        }
    };
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        let src = opened[row.group as usize].0;
        let key_only = row.full.is_none() && !all;
        let ok = if src.local {
            ct::format_local_key(b, row.key)
        } else {
            ct::format_key(b, row.key)
        };
        if ok && !key_only {
            let v = row.full.map_or_else(|| ct_unpack(row.state), <[u8]>::to_vec);
            let e = ct::Entry::decode(&v).unwrap_or_default();
            ct::format_value(b, &e, layout, None);
        }
        chomp(b);
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        let src = opened[row.group as usize].0;
        let v = row.full.map_or_else(|| ct_unpack(row.state), <[u8]>::to_vec);
        let Some(r) = ct::Record::new(&src.name, row.key, &v, layout, None) else {
            return Ok(());
        };
        if row.full.is_none() && !all {
            let mut m = match serde_json::to_value(&r)? {
                serde_json::Value::Object(m) => m,
                _ => unreachable!("a CT record is an object"),
            };
            for f in CT_VOLATILE {
                m.remove(*f);
            }
            return object(b, &m);
        }
        object(b, &r)
    };
    let rows = MapRows {
        maps: opened.iter().map(|(s, m)| (m, s.name.clone())).collect(),
        header: None,
        sorted: false,
        keep: &keep,
        state: Some(&state),
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

// --- NAT ------------------------------------------------------------------------------------

/// `bpf nat list --watch|--wait|--wait-gone`.
pub fn nat(
    args: &WatchArgs,
    format: &Format,
    opened: &[(&'static str, &Map)],
    filter: &FilterArgs,
    out: &mut dyn Write,
) -> Result<()> {
    no_aggregate(filter)?;
    let keep = |_: u32, k: &[u8], _: &[u8]| -> bool {
        k[k.len() - 2] != 0 && (!filter.is_active() || filter.matches(&nat::View::new(k)))
    };
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if nat::format_key(b, row.key) {
            nat::format_value(b, nat::key_flags(row.key), row.state, &nat::Age::Unknown);
        }
        chomp(b);
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        let name = opened[row.group as usize].0;
        match nat::Record::new(name, row.key, row.state, &nat::Age::Unknown) {
            Some(r) => object(b, &r),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: opened.iter().map(|(n, m)| (*m, n.to_string())).collect(),
        header: None,
        sorted: false,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

// --- every other map: through its View ------------------------------------------------------

/// The rows of `maps` (walked in order, one group each) as their [`View`] keeps, compares and
/// shows them.
pub struct Viewed<'a, V> {
    /// The maps with the names their warnings use.
    pub maps: Vec<(&'a Map, String)>,
    pub view: V,
}

impl<'a, V: View> Viewed<'a, V> {
    pub fn new(maps: &[&'a Map], view: V) -> Self {
        Viewed {
            maps: maps.iter().map(|m| (*m, m.path().display().to_string())).collect(),
            view,
        }
    }

    /// The row's value: the one just read, else what the view rebuilds from its state.
    fn value<'r>(&self, row: &Row<'r>) -> std::borrow::Cow<'r, [u8]> {
        match row.full {
            Some(v) => v.into(),
            None => self.view.unpack(row.state).into(),
        }
    }
}

impl<V: View> Watched for Viewed<'_, V> {
    fn header(&self) -> Option<&str> {
        self.view.header()
    }
    fn pass(&self, emit: &mut dyn FnMut(Row<'_>) -> Result<()>) -> Result<()> {
        let mut st = Vec::with_capacity(64);
        for (g, (map, name)) in self.maps.iter().enumerate() {
            walk::stream(map, name, |k: &[u8], v: &[u8]| -> Result<()> {
                if !self.view.keep(k, v) {
                    return Ok(());
                }
                st.clear();
                self.view.state(k, v, &mut st);
                emit(Row {
                    group: g as u32,
                    key: k,
                    state: &st,
                    full: Some(v),
                })
            })?;
        }
        Ok(())
    }
    fn table(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        self.view.table(row.key, &self.value(row), out)
    }
    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        self.view.record(row.key, &self.value(row), out)
    }
    fn pins(&self) -> Vec<&Map> {
        self.maps.iter().map(|(m, _)| *m).collect()
    }
}

/// `bpf <map> list --watch|--wait|--wait-gone` for a listing shown through `view`. `filter`:
/// the listing's filters, when it has any (a watch lists rows, so `--count`/`--top` are refused).
pub fn watch<V: View>(
    args: &WatchArgs,
    format: &Format,
    maps: &[&Map],
    view: V,
    filter: Option<&FilterArgs>,
    out: &mut dyn Write,
) -> Result<()> {
    if let Some(f) = filter {
        no_aggregate(f)?;
    }
    super::run(args, format, &Viewed::new(maps, view), out)
}

/// `bpf policy get <endpoint> --watch|--wait|--wait-gone` (numeric identities; the packet and
/// byte counters of ≤1.17 entries are compared only with `--all-changes`).
pub fn policy(
    root: &crate::maps::BpfRoot,
    args: &WatchArgs,
    format: &Format,
    path: &std::path::Path,
    endpoint: u16,
    filter: &FilterArgs,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::maps::policy as pm;
    use crate::maps::{Access, Opened};
    no_aggregate(filter)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let (map, shape) = match root.open_map(&name, pm::SHAPES, Access::Read)? {
        Opened::Opened(m, s) => (m, s),
        Opened::Absent(a) => bail!(
            "Failed to open map: {name} is not pinned at {}: no endpoint with that ID on this node (list them with `cdbg bpf endpoint list`)",
            a.path.display()
        ),
    };
    let version = if shape.value_size as usize == pm::VALUE_SIZE_18 {
        Version::V1_18
    } else if name.starts_with(pm::PREFIX_V2) {
        Version::V1_17
    } else {
        Version::V1_16
    };
    let view = pm::View {
        endpoint,
        version,
        all_changes: args.all_changes,
        filter: Some(filter),
    };
    super::run(args, format, &Viewed::new(&[&map], view), out)
}
