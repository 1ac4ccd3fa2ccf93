//! The watched forms of `bpf ct list` and `bpf nat list`: conntrack and SNAT rows keyed by
//! their real key, rendered through the maps' [`View`]s (the CT value compared by its stable
//! bytes unless `--all-changes`).

use std::io::Write;

use anyhow::{bail, Result};

use super::{Row, WatchArgs, Watched};
use crate::bpf::{walk, Map};
use crate::filter::FilterArgs;
use crate::maps::ct::{CtView, Layout};
use crate::maps::nat::{Age, NatView};
use crate::maps::view::View;
use crate::output::Format;
use crate::query::ct::Source;

/// Rows of several maps, one [`View`] per map (a map's index is the row's group).
pub struct ViewRows<'a, V> {
    /// The maps, the names their warnings use, and their views.
    pub maps: Vec<(&'a Map, &'a str, V)>,
    /// The listing sorts its rows (streamed listings print the first pass as read).
    pub sorted: bool,
}

impl<V: View> ViewRows<'_, V> {
    /// The row's value: the one just read, else the one its watched state rebuilds.
    fn value<'r>(&self, view: &V, row: &Row<'r>) -> std::borrow::Cow<'r, [u8]> {
        match row.full {
            Some(v) => v.into(),
            None => view.unpack(row.state).into(),
        }
    }
}

impl<V: View> Watched for ViewRows<'_, V> {
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
        let view = &self.maps[row.group as usize].2;
        view.table(row.key, &self.value(view, row), out)
    }
    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        let view = &self.maps[row.group as usize].2;
        view.record(row.key, &self.value(view, row), out)
    }
    fn pins(&self) -> Vec<&Map> {
        self.maps.iter().map(|(m, _, _)| *m).collect()
    }
}

/// Refuse `--count`/`--top` with a watch (they print one aggregate, not rows).
fn no_aggregate(filter: &FilterArgs) -> Result<()> {
    if filter.aggregates() {
        bail!("--watch, --wait and --wait-gone list rows: they do not combine with --count or --top");
    }
    Ok(())
}

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
    let no_clock = |_: u32| None;
    let rows = ViewRows {
        maps: opened
            .iter()
            .map(|(s, m)| {
                let view = CtView {
                    name: &s.name,
                    local: s.local,
                    layout,
                    remaining: &no_clock,
                    filter: Some(filter),
                    all_changes: args.all_changes,
                };
                (m, s.name.as_str(), view)
            })
            .collect(),
        sorted: false,
    };
    super::run(args, format, &rows, out)
}

/// `bpf nat list --watch|--wait|--wait-gone`.
pub fn nat(
    args: &WatchArgs,
    format: &Format,
    opened: &[(&'static str, &Map)],
    filter: &FilterArgs,
    out: &mut dyn Write,
) -> Result<()> {
    no_aggregate(filter)?;
    let rows = ViewRows {
        maps: opened
            .iter()
            .map(|(n, m)| {
                let view = NatView {
                    name: n,
                    age: &Age::Unknown,
                    filter: Some(filter),
                };
                (*m, *n, view)
            })
            .collect(),
        sorted: false,
    };
    super::run(args, format, &rows, out)
}
