//! `cdbg snapshot diff A B`: per map, the entries added, removed and changed (keyed by the raw
//! key; a changed value names the byte ranges that differ), and a summary line per map.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::filter::FilterArgs;
use crate::maps::Version;
use crate::replay::for_each_map;
use crate::replay::format::MapMeta;

/// A map's identity across snapshots: its pinned name, or `outer[key]` for an inner map.
fn label(m: &MapMeta) -> String {
    match &m.outer {
        Some((outer, key)) => format!("{outer}[{key}]"),
        None => m.name.clone(),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Value fields of the maps whose layout cdbg knows: byte range and Cilium's field name.
type Fields = &'static [(usize, usize, &'static str)];

/// `struct ct_entry` (`maps.md`; `maps::ct::Entry`).
const CT_ENTRY: Fields = &[
    (0, 8, "reserved0"),
    (8, 16, "backend_id"),
    (16, 24, "packets"),
    (24, 32, "bytes"),
    (32, 36, "lifetime"),
    (36, 38, "flags"),
    (38, 40, "rev_nat_index"),
    (40, 42, "ifindex"),
    (42, 43, "tx_flags_seen"),
    (43, 44, "rx_flags_seen"),
    (44, 48, "src_sec_id"),
    (48, 52, "last_tx_report"),
    (52, 56, "last_rx_report"),
];

/// `struct lb4_backend`.
const LB4_BACKEND: Fields = &[
    (0, 4, "address"),
    (4, 6, "port"),
    (6, 7, "proto"),
    (7, 8, "flags"),
    (8, 10, "cluster_id"),
    (10, 11, "zone"),
    (11, 12, "pad"),
];

/// `struct remote_endpoint_info` (ipcache v1: IPv4 tunnel endpoint; v2: 16 bytes).
const IPCACHE_V1: Fields = &[
    (0, 4, "sec_identity"),
    (4, 8, "tunnel_endpoint"),
    (8, 10, "pad"),
    (10, 11, "key"),
    (11, 12, "flags"),
];
const IPCACHE_V2: Fields = &[
    (0, 4, "sec_identity"),
    (4, 20, "tunnel_endpoint"),
    (20, 22, "pad"),
    (22, 23, "key"),
    (23, 24, "flags"),
];

/// `struct lb4_service` / `lb6_service` (the same value).
const LB_SERVICE: Fields = &[
    (0, 4, "backend_id"),
    (4, 6, "count"),
    (6, 8, "rev_nat_index"),
    (8, 9, "flags"),
    (9, 10, "flags2"),
    (10, 12, "qcount"),
];

/// `struct lb4_reverse_nat` / `lb6_reverse_nat`.
const REVNAT4: Fields = &[(0, 4, "address"), (4, 6, "port")];
const REVNAT6: Fields = &[(0, 16, "address"), (16, 18, "port")];

/// `struct ipv4_nat_entry` / `ipv6_nat_entry`.
const NAT4: Fields = &[
    (0, 8, "created"),
    (8, 16, "needs_ct"),
    (16, 32, "pad"),
    (32, 36, "to_addr"),
    (36, 38, "to_port"),
];
const NAT6: Fields = &[
    (0, 8, "created"),
    (8, 16, "needs_ct"),
    (16, 32, "pad"),
    (32, 48, "to_addr"),
    (48, 50, "to_port"),
];

/// `struct endpoint_info` (cilium_lxc).
const LXC: Fields = &[
    (0, 4, "ifindex"),
    (4, 6, "unused"),
    (6, 8, "lxc_id"),
    (8, 12, "flags"),
    (12, 16, "pad"),
    (16, 22, "mac"),
    (22, 24, "pad"),
    (24, 30, "node_mac"),
    (30, 32, "pad"),
    (32, 36, "sec_id"),
    (36, 40, "parent_ifindex"),
    (40, 48, "pad"),
];

/// `struct node_value` (cilium_node_map_v2; v1 has the ID only).
const NODE_VALUE: Fields = &[(0, 2, "id"), (2, 3, "spi"), (3, 4, "pad")];

fn fields_of(m: &MapMeta) -> Option<Fields> {
    let name = m.outer.as_ref().map_or(m.name.as_str(), |(o, _)| o.as_str());
    if (name.starts_with("cilium_ct") || name.starts_with("cilium_per_cluster_ct")) && m.value_size == 56 {
        Some(CT_ENTRY)
    } else if name == "cilium_lb4_backends_v3" && m.value_size == 12 {
        Some(LB4_BACKEND)
    } else if (name.starts_with("cilium_snat_v4") || name.starts_with("cilium_per_cluster_snat_v4"))
        && m.value_size == 40
    {
        Some(NAT4)
    } else if (name.starts_with("cilium_snat_v6") || name.starts_with("cilium_per_cluster_snat_v6"))
        && m.value_size == 56
    {
        Some(NAT6)
    } else if name == "cilium_lxc" && m.value_size == 48 {
        Some(LXC)
    } else if name.starts_with("cilium_node_map") && m.value_size <= 4 {
        Some(NODE_VALUE)
    } else if name.starts_with("cilium_ipcache") && m.value_size == 12 {
        Some(IPCACHE_V1)
    } else if name.starts_with("cilium_ipcache") && m.value_size == 24 {
        Some(IPCACHE_V2)
    } else if (name == "cilium_lb4_services_v2" || name == "cilium_lb6_services_v2") && m.value_size == 12 {
        Some(LB_SERVICE)
    } else if name == "cilium_lb4_reverse_nat" && m.value_size == 6 {
        Some(REVNAT4)
    } else if name == "cilium_lb6_reverse_nat" && m.value_size == 18 {
        Some(REVNAT6)
    } else {
        None
    }
}

/// What changed between two values: field names when the layout is known, else byte ranges.
fn changes(fields: Option<Fields>, a: &[u8], b: &[u8]) -> (Vec<String>, bool) {
    let ranges = changed_ranges(a, b);
    let Some(fields) = fields else {
        return (ranges.iter().map(|(s, e)| format!("{s}..{e}")).collect(), false);
    };
    let names = fields
        .iter()
        .filter(|(fs, fe, _)| ranges.iter().any(|(s, e)| s < fe && fs < e))
        .map(|(_, _, n)| n.to_string())
        .collect();
    (names, true)
}

/// Byte ranges where `a` and `b` differ.
fn changed_ranges(a: &[u8], b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < a.len().max(b.len()) {
        if a.get(i) != b.get(i) {
            let start = i;
            while i < a.len().max(b.len()) && a.get(i) != b.get(i) {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// Whether [`filtered`] knows the map's entries.
fn filterable(m: &MapMeta) -> bool {
    let name = m.outer.as_ref().map_or(m.name.as_str(), |(o, _)| o.as_str());
    let is = |p: &str| name.starts_with(p);
    ((is("cilium_ct") || is("cilium_per_cluster_ct")) && m.value_size == 56)
        || is("cilium_snat_v")
        || is("cilium_per_cluster_snat")
        || is("cilium_ipcache")
        || name == "cilium_lxc"
        || name == "cilium_lb4_services_v2"
        || name == "cilium_lb6_services_v2"
        || is("cilium_lb4_backends")
        || is("cilium_lb6_backends")
        || name == "cilium_lb4_reverse_nat"
        || name == "cilium_lb6_reverse_nat"
}

/// Whether an entry passes the filters; `None` when cdbg cannot filter this map's entries
/// (CT, NAT, ipcache, lxc, LB services, backends and rev-NAT can be).
fn filtered(filter: &FilterArgs, m: &MapMeta, k: &[u8], v: &[u8]) -> Option<bool> {
    use crate::maps::{ct, ipcache, lb_backend, lb_revnat, lb_service, lxc, nat};
    let name = m.outer.as_ref().map_or(m.name.as_str(), |(o, _)| o.as_str());
    let is = |p: &str| name.starts_with(p);
    if (is("cilium_ct") || is("cilium_per_cluster_ct")) && m.value_size == 56 {
        return Some(filter.matches(&ct::Fields::new(k, v)));
    }
    if is("cilium_snat_v") || is("cilium_per_cluster_snat") {
        return Some(filter.matches(&nat::Fields::new(k)));
    }
    let ok = |e: Option<bool>| Some(e.unwrap_or(false));
    if is("cilium_ipcache") {
        return ok(ipcache::Key::decode(k)
            .zip(ipcache::Value::decode(v))
            .map(|e| filter.matches(&e)));
    }
    if name == "cilium_lxc" {
        return ok(lxc::EndpointKey::decode(k)
            .zip(lxc::EndpointInfo::decode(v))
            .map(|e| filter.matches(&e)));
    }
    if name == "cilium_lb4_services_v2" || name == "cilium_lb6_services_v2" {
        return ok(lb_service::ServiceKey::decode(k)
            .zip(lb_service::ServiceValue::decode(v))
            .map(|(key, val)| filter.matches(&lb_service::ServiceRecord::new(&key, &val, Version::V1_17))));
    }
    if is("cilium_lb4_backends") || is("cilium_lb6_backends") {
        return ok(lb_backend::decode_key(k)
            .zip(lb_backend::Backend::decode(v))
            .map(|(id, b)| filter.matches(&lb_backend::BackendRecord::new(id, &b))));
    }
    if name == "cilium_lb4_reverse_nat" || name == "cilium_lb6_reverse_nat" {
        return ok(lb_revnat::decode_key(k)
            .zip(lb_revnat::RevNat::decode(v))
            .map(|(id, r)| filter.matches(&lb_revnat::RevNatRecord::new(id, &r))));
    }
    None
}

struct Side {
    meta: MapMeta,
    records: Vec<u8>,
}

fn entries(s: &Side) -> impl Iterator<Item = (&[u8], &[u8])> {
    let ks = s.meta.key_size as usize;
    s.records
        .chunks_exact(s.meta.record_size().max(1))
        .map(move |r| (&r[..ks], &r[ks..]))
}

/// Compare; true when the snapshots differ (in the maps compared).
/// Compare; true when the snapshots differ (in the maps and entries compared). With filters,
/// only the entries of the maps cdbg can filter are compared (see [`filtered`]), and an entry
/// counts when its old or its new value passes.
pub fn run(
    out: &mut dyn Write,
    a: &Path,
    b: &Path,
    only: Option<&str>,
    filter: &FilterArgs,
    jsonl: bool,
) -> Result<bool> {
    let active = filter.is_active();
    let want = |m: &MapMeta| {
        only.is_none_or(|o| m.name == o || m.outer.as_ref().is_some_and(|(n, _)| n == o)) && (!active || filterable(m))
    };
    let pass = |m: &MapMeta, k: &[u8], v: &[u8]| !active || filtered(filter, m, k, v) == Some(true);
    let mut left: HashMap<String, Side> = HashMap::new();
    for_each_map(a, |_, m, records| {
        if want(m) {
            left.insert(
                label(m),
                Side {
                    meta: m.clone(),
                    records,
                },
            );
        }
        Ok(true)
    })?;
    let mut differ = false;
    let mut report = |out: &mut dyn Write, name: &str, l: Option<&Side>, r: Option<&Side>| -> Result<()> {
        let lm: HashMap<&[u8], &[u8]> = l.map(|s| entries(s).collect()).unwrap_or_default();
        let rm: HashMap<&[u8], &[u8]> = r.map(|s| entries(s).collect()).unwrap_or_default();
        let (mut added, mut removed, mut changed) = (0u64, 0u64, 0u64);
        let fields = r.or(l).and_then(|s| fields_of(&s.meta));
        let line = |out: &mut dyn Write, what: &str, k: &[u8], v: &[u8], old: Option<&[u8]>| -> Result<()> {
            let (changed, named) = old.map_or((Vec::new(), false), |o| changes(fields, o, v));
            if jsonl {
                let mut j = serde_json::json!({"map": name, "change": what, "key": hex(k), "value": hex(v)});
                if old.is_some() {
                    j[if named { "changed_fields" } else { "changed_bytes" }] = changed.into();
                }
                writeln!(out, "{j}")?;
            } else if old.is_none() {
                writeln!(out, "  {what} key {}", hex(k))?;
            } else if named {
                writeln!(out, "  {what} key {} ({})", hex(k), changed.join(", "))?;
            } else {
                writeln!(out, "  {what} key {} (value bytes {})", hex(k), changed.join(", "))?;
            }
            Ok(())
        };
        if let Some(r) = r {
            for (k, v) in entries(r) {
                let old = lm.get(k).copied();
                let lmeta = l.map_or(&r.meta, |l| &l.meta);
                if !pass(&r.meta, k, v) && !old.is_some_and(|o| pass(lmeta, k, o)) {
                    continue;
                }
                match lm.get(k) {
                    None => {
                        added += 1;
                        line(out, "added", k, v, None)?;
                    }
                    Some(old) if old != &v => {
                        changed += 1;
                        line(out, "changed", k, v, Some(old))?;
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(l) = l {
            for (k, v) in entries(l) {
                if !rm.contains_key(k) && pass(&l.meta, k, v) {
                    removed += 1;
                    line(out, "removed", k, v, None)?;
                }
            }
        }
        let presence = match (l.is_some(), r.is_some()) {
            (true, false) => " (only in A)",
            (false, true) => " (only in B)",
            _ => "",
        };
        let kinfo = match (l, r) {
            (Some(l), Some(r)) if (l.meta.key_size, l.meta.value_stride) != (r.meta.key_size, r.meta.value_stride) => {
                " (its layout changed)"
            }
            _ => "",
        };
        if added + removed + changed > 0 || !presence.is_empty() || !kinfo.is_empty() {
            differ = true;
        }
        if !jsonl {
            writeln!(
                out,
                "{name}: {added} added, {removed} removed, {changed} changed{presence}{kinfo}"
            )?;
        }
        Ok(())
    };
    let mut err = None;
    for_each_map(b, |_, m, records| {
        if !want(m) {
            return Ok(true);
        }
        let name = label(m);
        let r = Side {
            meta: m.clone(),
            records,
        };
        let l = left.remove(&name);
        if let Err(e) = report(out, &name, l.as_ref(), Some(&r)) {
            err = Some(e);
            return Ok(false);
        }
        Ok(true)
    })?;
    if let Some(e) = err {
        return Err(e);
    }
    let mut rest: Vec<_> = left.into_iter().collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, l) in rest {
        report(out, &name, Some(&l), None)?;
    }
    Ok(differ)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_field_names() {
        assert_eq!(changed_ranges(&[1, 2, 3, 4], &[1, 9, 9, 4]), vec![(1, 3)]);
        assert!(changed_ranges(&[1], &[1]).is_empty());
        let (a, mut b) = ([0u8; 56], [0u8; 56]);
        b[33] = 1; // lifetime
        b[20] = 1; // packets
        assert_eq!(
            changes(Some(CT_ENTRY), &a, &b),
            (vec!["packets".to_string(), "lifetime".to_string()], true)
        );
        let (mut s, mut t) = ([0u8; 12], [0u8; 12]);
        s[0] = 7;
        t[0] = 8; // identity
        t[5] = 1; // tunnel endpoint
        assert_eq!(
            changes(Some(IPCACHE_V1), &s, &t).0,
            vec!["sec_identity".to_string(), "tunnel_endpoint".to_string()]
        );
        let (n, mut o) = ([0u8; 40], [0u8; 40]);
        o[37] = 1; // the port
        o[0] = 1; // created
        assert_eq!(
            changes(Some(NAT4), &n, &o).0,
            vec!["created".to_string(), "to_port".to_string()]
        );
        t = s;
        t[6] = 3; // rev-NAT
        assert_eq!(changes(Some(LB_SERVICE), &s, &t).0, vec!["rev_nat_index".to_string()]);
        assert_eq!(
            changes(None, &a, &b),
            (vec!["20..21".to_string(), "33..34".to_string()], false)
        );
    }
}
