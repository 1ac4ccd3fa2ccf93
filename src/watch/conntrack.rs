//! The watched forms of `bpf ct list` and `bpf nat list`: conntrack and SNAT rows keyed by
//! their real key, the CT value compared by its stable bytes unless `--all-changes`.

use std::io::Write;

use anyhow::{bail, Result};

use super::maps::MapRows;
use super::{Row, WatchArgs};
use crate::bpf::Map;
use crate::filter::FilterArgs;
use crate::maps::ct::{self, Layout};
use crate::maps::nat;
use crate::output::{json, Format};
use crate::query::ct::Source;

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
