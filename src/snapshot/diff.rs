//! `cdbg snapshot diff A B`: per map, the entries added, removed and changed (keyed by the raw
//! key; a changed value names the byte ranges that differ), and a summary line per map.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::format::MapMeta;
use super::replay::for_each_map;

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

/// Byte ranges where `a` and `b` differ, as `off..end` texts.
fn changed_ranges(a: &[u8], b: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < a.len().max(b.len()) {
        if a.get(i) != b.get(i) {
            let start = i;
            while i < a.len().max(b.len()) && a.get(i) != b.get(i) {
                i += 1;
            }
            out.push(format!("{start}..{i}"));
        } else {
            i += 1;
        }
    }
    out
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
pub fn run(out: &mut dyn Write, a: &Path, b: &Path, only: Option<&str>, jsonl: bool) -> Result<bool> {
    let want = |m: &MapMeta| only.is_none_or(|o| m.name == o || m.outer.as_ref().is_some_and(|(n, _)| n == o));
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
        let line = |out: &mut dyn Write, what: &str, k: &[u8], v: &[u8], ranges: &[String]| -> Result<()> {
            if jsonl {
                let j = serde_json::json!({"map": name, "change": what, "key": hex(k), "value": hex(v), "changed_bytes": ranges});
                writeln!(out, "{j}")?;
            } else if ranges.is_empty() {
                writeln!(out, "  {what} key {}", hex(k))?;
            } else {
                writeln!(out, "  {what} key {} (value bytes {})", hex(k), ranges.join(", "))?;
            }
            Ok(())
        };
        if let Some(r) = r {
            for (k, v) in entries(r) {
                match lm.get(k) {
                    None => {
                        added += 1;
                        line(out, "added", k, v, &[])?;
                    }
                    Some(old) if old != &v => {
                        changed += 1;
                        line(out, "changed", k, v, &changed_ranges(old, v))?;
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(l) = l {
            for (k, v) in entries(l) {
                if !rm.contains_key(k) {
                    removed += 1;
                    line(out, "removed", k, v, &[])?;
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
    #[test]
    fn ranges() {
        assert_eq!(super::changed_ranges(&[1, 2, 3, 4], &[1, 9, 9, 4]), vec!["1..3"]);
        assert!(super::changed_ranges(&[1], &[1]).is_empty());
    }
}
