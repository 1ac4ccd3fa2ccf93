//! The watched forms of `bpf ct list` and `bpf nat list`: conntrack and SNAT rows keyed by
//! their real key, rendered through the maps' [`View`]s (the CT value compared by its stable
//! bytes unless `--all-changes`).

use std::io::Write;

use anyhow::Result;

use super::maps::{no_aggregate, Viewed};
use super::WatchArgs;
use crate::bpf::Map;
use crate::filter::FilterArgs;
use crate::maps::ct::{self, Layout};
use crate::maps::nat::{self, Age};
use crate::output::Format;
use crate::query::ct::Source;

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
    let rows = Viewed {
        maps: opened
            .iter()
            .map(|(s, m)| {
                let view = ct::View {
                    name: &s.name,
                    local: s.local,
                    layout,
                    remaining: &no_clock,
                    filter: Some(filter),
                    all_changes: args.all_changes,
                };
                (m, s.name.clone(), view)
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
    let rows = Viewed {
        maps: opened
            .iter()
            .map(|(n, m)| {
                let view = nat::View {
                    name: n,
                    age: &Age::Unknown,
                    filter: Some(filter),
                };
                (*m, n.to_string(), view)
            })
            .collect(),
        sorted: false,
    };
    super::run(args, format, &rows, out)
}
