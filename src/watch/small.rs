//! The watched forms of the small listings: `bpf ipmasq list`, `bpf frag list`, `bpf bandwidth
//! list`, `bpf config list` and `bpf lb maglev list`. Commands call one function here.

use std::hash::Hasher;
use std::io::Write;

use anyhow::{anyhow, Result};

use super::maps::MapRows;
use super::{Row, WatchArgs, Watched};
use crate::bpf::{walk, Map};
use crate::maps::util::proto_name;
use crate::maps::{frag, ipmasq, maglev, runtime_config, throttle, Version};
use crate::output::{json, Format};

fn object(out: &mut Vec<u8>, rec: &impl serde::Serialize) -> Result<()> {
    json::write_line(out, rec)?;
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    Ok(())
}

fn named<'a>(maps: &[&'a Map]) -> Vec<(&'a Map, String)> {
    maps.iter().map(|m| (*m, m.path().display().to_string())).collect()
}

/// `bpf ipmasq list --watch|--wait|--wait-gone`: the non-masquerade CIDRs (keys only).
pub fn ipmasq(args: &WatchArgs, format: &Format, maps: &[&Map], out: &mut dyn Write) -> Result<()> {
    let keep = |_: u32, k: &[u8], _: &[u8]| ipmasq::decode_key(k).is_some();
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((ip, bits)) = ipmasq::decode_key(row.key) {
            write!(b, "{ip}/{bits}\t")?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match ipmasq::decode_key(row.key) {
            Some((ip, bits)) => object(
                b,
                &serde_json::json!({
                    "cidr": format!("{ip}/{bits}"),
                    "family": if ip.is_ipv4() { "ipv4" } else { "ipv6" },
                }),
            ),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: named(maps),
        header: Some("IP PREFIX/ADDRESS\t"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

/// `bpf frag list --watch|--wait|--wait-gone`. `maps`: the map and whether it is the IPv6 one;
/// `native_id`: 1.18 prints IPv4 IDs in host order.
pub fn frag(
    args: &WatchArgs,
    format: &Format,
    maps: &[(&Map, bool)],
    native_id: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let decode = |g: u32, k: &[u8], v: &[u8]| -> Option<frag::Row> {
        if maps.get(g as usize)?.1 {
            frag::Entry6::decode(k, v).map(|e| frag::Row::v6(&e))
        } else {
            frag::Entry::decode(k, v).map(|e| frag::Row::v4(&e, native_id))
        }
    };
    let keep = |g: u32, k: &[u8], v: &[u8]| decode(g, k, v).is_some();
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some(r) = decode(row.group, row.key, row.state) {
            write!(
                b,
                "{}\t{}\t{}\t{}",
                r.id,
                proto_name(r.proto),
                r.source(),
                r.destination()
            )?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match decode(row.group, row.key, row.state) {
            Some(r) => object(
                b,
                &frag::Record {
                    id: r.native_id,
                    proto: proto_name(r.proto),
                    source_ip: r.src,
                    source_port: r.sport,
                    destination_ip: r.dst,
                    destination_port: r.dport,
                },
            ),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: named(&maps.iter().map(|(m, _)| *m).collect::<Vec<_>>()),
        header: Some("ID\tPROTO\tSOURCE ADDRESS:PORT\tDEST ADDRESS:PORT"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

/// `bpf bandwidth list --watch|--wait|--wait-gone`.
pub fn bandwidth(args: &WatchArgs, format: &Format, map: &Map, v: Version, out: &mut dyn Write) -> Result<()> {
    let decode = |k: &[u8], val: &[u8]| Some((throttle::Key::decode(k, v)?, throttle::Value::decode(val, v)?));
    let keep = |_: u32, k: &[u8], val: &[u8]| decode(k, val).is_some();
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((k, val)) = decode(row.key, row.state) {
            let q = throttle::decimal_si(val.bps.saturating_mul(8));
            if v >= Version::V1_18 {
                write!(b, "{}\t{}\t{}\t{q}", k.id, k.direction_name(), val.prio)?;
            } else {
                write!(b, "{}\t{}\t{q}", k.id, val.prio)?;
            }
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match decode(row.key, row.state) {
            Some((k, val)) => object(
                b,
                &throttle::Record {
                    endpoint_id: k.id,
                    direction: k.direction_name(),
                    bytes_per_second: val.bps,
                    bits_per_second: val.bps.saturating_mul(8),
                    prio: val.prio,
                },
            ),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: named(&[map]),
        header: Some(if v >= Version::V1_18 {
            "IDENTITY\tDIRECTION\tPRIO\tBANDWIDTH (BitsPerSec)"
        } else {
            "IDENTITY\tPRIO\tBANDWIDTH (BitsPerSec)"
        }),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

/// `bpf config list --watch|--wait|--wait-gone`: the agent liveness and utime offset slots (the
/// liveness changes with every agent heartbeat).
pub fn config(args: &WatchArgs, format: &Format, map: &Map, out: &mut dyn Write) -> Result<()> {
    use runtime_config::{AGENT_LIVENESS, UTIME_OFFSET};
    let index = |k: &[u8]| -> Option<u32> {
        let i = u32::from_ne_bytes(k.try_into().ok()?);
        [AGENT_LIVENESS, UTIME_OFFSET].contains(&i).then_some(i)
    };
    let keep = |_: u32, k: &[u8], v: &[u8]| index(k).is_some() && runtime_config::decode_value(v).is_some();
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let (Some(i), Some(v)) = (index(row.key), runtime_config::decode_value(row.state)) {
            write!(b, "{}\t{v}", runtime_config::index_name(i))?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        let (Some(i), Some(v)) = (index(row.key), runtime_config::decode_value(row.state)) else {
            return Ok(());
        };
        let now = crate::clock::monotonic_ns();
        object(
            b,
            &runtime_config::Record {
                index: i,
                key: runtime_config::index_name(i),
                value: v,
                // Only on rows just read, so the changed fields name the value alone.
                age_seconds: (i == AGENT_LIVENESS && row.full.is_some()).then(|| now.saturating_sub(v) as f64 / 1e9),
            },
        )
    };
    let rows = MapRows {
        maps: named(&[map]),
        header: Some("KEY\tVALUE"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
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
