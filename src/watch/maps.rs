//! The watched forms of the map listings: each listing's rows as (map, real key, compared value
//! bytes), with the listing's own row text and `-o jsonl` record. Commands call one function here.

use std::io::Write;

use anyhow::{bail, Result};

use super::{Row, WatchArgs, Watched};
use crate::bpf::{walk, Map};
use crate::filter::FilterArgs;
use crate::maps::view::View;
use crate::maps::Version;
use crate::output::Format;

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
pub(super) fn no_aggregate(filter: &FilterArgs) -> Result<()> {
    if filter.aggregates() {
        bail!("--watch, --wait and --wait-gone list rows: they do not combine with --count or --top");
    }
    Ok(())
}

// --- every other map: through its View ------------------------------------------------------

/// The rows of `maps` (walked in order, one group each) as each map's [`View`] keeps, compares
/// and shows them. The one adapter between a map's view and the watch engine.
pub struct Viewed<'a, V> {
    /// The maps, the names their warnings use, and their views.
    pub maps: Vec<(&'a Map, String, V)>,
    /// The listing sorts its rows (streamed listings, CT and NAT, print the first pass as read).
    pub sorted: bool,
}

impl<'a, V: View> Viewed<'a, &'a V> {
    /// Sorted rows of `maps`, all shown through one view.
    pub fn new(maps: &[&'a Map], view: &'a V) -> Self {
        Viewed {
            maps: maps
                .iter()
                .map(|m| (*m, m.path().display().to_string(), view))
                .collect(),
            sorted: true,
        }
    }
}

impl<V: View> Viewed<'_, V> {
    fn view(&self, row: &Row<'_>) -> &V {
        &self.maps[row.group as usize].2
    }
}

impl<V: View> Watched for Viewed<'_, V> {
    fn header(&self) -> Option<&str> {
        self.maps.first().and_then(|(_, _, v)| v.header())
    }
    fn sorted(&self) -> bool {
        self.sorted
    }
    fn pass(&self, emit: &mut dyn FnMut(Row<'_>) -> Result<()>) -> Result<()> {
        let mut st = Vec::with_capacity(64);
        for (g, (map, name, view)) in self.maps.iter().enumerate() {
            walk::stream(map, name, |k: &[u8], v: &[u8]| -> Result<()> {
                if !view.keep(k, v) {
                    return Ok(());
                }
                st.clear();
                view.state(k, v, &mut st);
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
        match row.full {
            Some(v) => self.view(row).table(row.key, v, out),
            None => self.view(row).table_remembered(row.key, row.state, out),
        }
    }
    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        match row.full {
            Some(v) => self.view(row).record(row.key, v, out),
            None => self.view(row).record_remembered(row.key, row.state, out),
        }
    }
    fn pins(&self) -> Vec<&Map> {
        self.maps.iter().map(|(m, _, _)| *m).collect()
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
    super::run(args, format, &Viewed::new(maps, &view), out)
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
    super::run(args, format, &Viewed::new(&[&map], &view), out)
}
