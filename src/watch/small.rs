//! The watched form of `bpf lb maglev list`, whose rows are inner maps (a fingerprint of each
//! service's lookup table), not entries a [`View`](crate::maps::view::View) shows: the other
//! small listings watch through [`super::maps::watch`].

use std::hash::Hasher;
use std::io::Write;

use anyhow::{anyhow, Result};

use super::{Row, WatchArgs, Watched};
use crate::bpf::{walk, Map};
use crate::maps::maglev;
use crate::output::{json, Format};

fn object(out: &mut Vec<u8>, rec: &impl serde::Serialize) -> Result<()> {
    json::write_line(out, rec)?;
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    Ok(())
}

/// `bpf lb maglev list --watch|--wait|--wait-gone`. A service's row keeps only a fingerprint of
/// its lookup table (inner map id, table size and a 64-bit hash: 16 bytes), not the table, so a
/// removed service shows its ID and the changed fields of a changed one are the fingerprint's.
pub fn maglev(args: &WatchArgs, format: &Format, maps: &[(Map, bool)], out: &mut dyn Write) -> Result<()> {
    super::run(args, format, &Maglev { maps }, out)
}

struct Maglev<'a> {
    maps: &'a [(Map, bool)],
}

/// Compared bytes: inner map id, table size, table hash.
fn fingerprint(inner: u32, table: &[u32]) -> [u8; 16] {
    let mut h = rustc_hash::FxHasher::default();
    for b in table {
        h.write_u32(*b);
    }
    let mut f = [0u8; 16];
    f[..4].copy_from_slice(&inner.to_ne_bytes());
    f[4..8].copy_from_slice(&(table.len() as u32).to_ne_bytes());
    f[8..].copy_from_slice(&h.finish().to_ne_bytes());
    f
}

impl Maglev<'_> {
    fn id(&self, row: &Row<'_>) -> Result<(u16, bool)> {
        let v6 = self.maps.get(row.group as usize).is_some_and(|m| m.1);
        let id = maglev::decode_outer_key(row.key).ok_or_else(|| anyhow!("bad Maglev outer key"))?;
        Ok((id, v6))
    }
}

impl Watched for Maglev<'_> {
    fn header(&self) -> Option<&str> {
        Some("SVC ID\tLOOKUP TABLE")
    }
    fn pass(&self, emit: &mut dyn FnMut(Row<'_>) -> Result<()>) -> Result<()> {
        for (g, (m, _)) in self.maps.iter().enumerate() {
            walk::stream(m, &m.path().display().to_string(), |k: &[u8], v: &[u8]| -> Result<()> {
                let inner = maglev::decode_outer_value(v).ok_or_else(|| crate::maps::bad_entry(m))?;
                let table = crate::maps::maglev::read_table(m, inner)?;
                let full = maglev::encode_table(&table);
                emit(Row {
                    group: g as u32,
                    key: k,
                    state: &fingerprint(inner, &table),
                    full: Some(&full),
                })
            })?;
        }
        Ok(())
    }
    fn table(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        let (id, v6) = self.id(row)?;
        write!(out, "{}\t", maglev::cilium_key(id, v6))?;
        match row.full.and_then(maglev::decode_table) {
            Some(t) => write!(out, "{}", maglev::cilium_table(&t))?,
            None => write!(
                out,
                "(table of {} slots)",
                u32::from_ne_bytes(row.state[4..8].try_into()?)
            )?,
        }
        Ok(())
    }
    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        let (id, v6) = self.id(row)?;
        if let Some(t) = row.full.and_then(maglev::decode_table) {
            return object(out, &maglev::MaglevRecord::new(id, v6, t));
        }
        // A remembered row: its fingerprint only.
        object(
            out,
            &serde_json::json!({
                "rev_nat_id": id,
                "family": if v6 { "ipv6" } else { "ipv4" },
                "table_size": u32::from_ne_bytes(row.state[4..8].try_into()?),
                "inner_map_id": u32::from_ne_bytes(row.state[..4].try_into()?),
                "table_hash": format!("{:016x}", u64::from_ne_bytes(row.state[8..16].try_into()?)),
            }),
        )
    }
    fn pins(&self) -> Vec<&Map> {
        self.maps.iter().map(|(m, _)| m).collect()
    }
}
