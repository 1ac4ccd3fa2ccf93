//! `cilium_throttle` (bandwidth manager): endpoint → EDT rate limit. Mirrors `struct edt_id` /
//! `struct edt_info` (bpf/lib/edt.h) and Go `pkg/maps/bwmap`.

use std::io::Write;

use serde::Serialize;

use super::util::{fits, u32_host, u64_host};
use super::{MapSpec, Shape, Version};
use crate::bpf::map_type;
use crate::output::sorted::object;

pub const KEY_SIZE: usize = 8;
pub const VALUE_SIZE: usize = 56;
// struct edt_id: u64 id (≤1.17) or u32 id + direction + pad[3] (1.18).
const _: () = assert!(KEY_SIZE == 4 + 1 + 3);
// struct edt_info (1.17+): bps, t_last, t_horizon_drop, prio, pad_32, pad[3].
const _: () = assert!(VALUE_SIZE == 8 + 8 + 8 + 4 + 4 + 3 * 8);

pub const SPEC: MapSpec = MapSpec {
    name: "cilium_throttle",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE_SIZE as u32,
        "1.14–1.18",
    )],
};

/// `struct edt_id`: ≤1.17 a u64 endpoint ID; 1.18 u32 ID + direction byte (0 egress, 1 ingress).
#[doc(alias = "cilium_throttle")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub id: u64,
    pub direction: u8,
}

impl Key {
    pub fn decode(b: &[u8], v: Version) -> Option<Key> {
        fits(b, KEY_SIZE)?;
        Some(if v >= Version::V1_18 {
            Key {
                id: u32_host(b, 0) as u64,
                direction: b[4],
            }
        } else {
            Key {
                id: u64_host(b, 0),
                direction: 0,
            }
        })
    }

    pub fn encode(&self, v: Version) -> [u8; KEY_SIZE] {
        let mut b = [0u8; KEY_SIZE];
        if v >= Version::V1_18 {
            b[0..4].copy_from_slice(&(self.id as u32).to_ne_bytes());
            b[4] = self.direction;
        } else {
            b.copy_from_slice(&self.id.to_ne_bytes());
        }
        b
    }

    pub fn direction_name(&self) -> &'static str {
        if self.direction == 1 {
            "Ingress"
        } else {
            "Egress"
        }
    }
}

/// `struct edt_info`: rate in bytes/s and (1.17+) priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value {
    pub bps: u64,
    pub prio: u32,
}

impl Value {
    pub fn decode(b: &[u8], v: Version) -> Option<Value> {
        fits(b, VALUE_SIZE)?;
        Some(Value {
            bps: u64_host(b, 0),
            prio: if v >= Version::V1_17 { u32_host(b, 24) } else { 0 },
        })
    }

    pub fn encode(&self) -> [u8; VALUE_SIZE] {
        let mut b = [0u8; VALUE_SIZE];
        b[0..8].copy_from_slice(&self.bps.to_ne_bytes());
        b[24..28].copy_from_slice(&self.prio.to_ne_bytes());
        b
    }
}

/// k8s `resource.Quantity` in DecimalSI canonical form (e.g. 100000000 → `100M`).
pub fn decimal_si(n: u64) -> String {
    const SUFFIX: [&str; 7] = ["", "k", "M", "G", "T", "P", "E"];
    if n == 0 {
        return "0".into();
    }
    let mut v = n;
    let mut i = 0;
    while i + 1 < SUFFIX.len() && v.is_multiple_of(1000) {
        v /= 1000;
        i += 1;
    }
    format!("{v}{}", SUFFIX[i])
}

/// Go key `String()` per release: `%d` (≤1.17), `%d, %d` (1.18).
pub fn key_string(k: &Key, v: Version) -> String {
    if v >= Version::V1_18 {
        format!("{}, {}", k.id, k.direction)
    } else {
        k.id.to_string()
    }
}

/// Go value `String()` per release: `%d` (≤1.16), `%d, %d` (1.17+: bps, prio).
pub fn value_string(val: &Value, v: Version) -> String {
    if v >= Version::V1_17 {
        format!("{}, {}", val.bps, val.prio)
    } else {
        val.bps.to_string()
    }
}

#[derive(Debug, Serialize)]
pub struct Record {
    pub endpoint_id: u64,
    pub direction: &'static str,
    pub bytes_per_second: u64,
    pub bits_per_second: u64,
    pub prio: u32,
}

/// How `bpf bandwidth list` and its watch show an entry; the layout follows the release.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub version: Version,
}

impl View {
    pub fn decode(&self, k: &[u8], v: &[u8]) -> Option<(Key, Value)> {
        Some((Key::decode(k, self.version)?, Value::decode(v, self.version)?))
    }
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some(if self.version >= Version::V1_18 {
            "IDENTITY\tDIRECTION\tPRIO\tBANDWIDTH (BitsPerSec)"
        } else {
            "IDENTITY\tPRIO\tBANDWIDTH (BitsPerSec)"
        })
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        self.decode(k, v).is_some()
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((k, val)) = self.decode(k, v) {
            let q = decimal_si(val.bps.saturating_mul(8));
            if self.version >= Version::V1_18 {
                write!(out, "{}\t{}\t{}\t{q}", k.id, k.direction_name(), val.prio)?;
            } else {
                write!(out, "{}\t{}\t{q}", k.id, val.prio)?;
            }
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match self.decode(k, v) {
            Some((k, val)) => object(
                out,
                &Record {
                    endpoint_id: k.id,
                    direction: k.direction_name(),
                    bytes_per_second: val.bps,
                    bits_per_second: val.bps.saturating_mul(8),
                    prio: val.prio,
                },
            ),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_layouts_and_quantity() {
        let k = Key { id: 234, direction: 1 };
        let b17 = k.encode(Version::V1_17);
        assert_eq!(
            Key::decode(&b17, Version::V1_17).unwrap(),
            Key { id: 234, direction: 0 }
        );
        let b18 = k.encode(Version::V1_18);
        assert_eq!(b18[4], 1);
        assert_eq!(Key::decode(&b18, Version::V1_18).unwrap().direction_name(), "Ingress");
        assert_eq!(key_string(&k, Version::V1_18), "234, 1");
        let v = Value {
            bps: 12_500_000,
            prio: 5,
        };
        let d = Value::decode(&v.encode(), Version::V1_17).unwrap();
        assert_eq!(value_string(&d, Version::V1_17), "12500000, 5");
        assert_eq!(Value::decode(&v.encode(), Version::V1_16).unwrap().prio, 0);
        assert_eq!(decimal_si(100_000_000), "100M");
        assert_eq!(decimal_si(1500), "1500");
        assert_eq!(decimal_si(1_500_000), "1500k");
        assert_eq!(decimal_si(0), "0");
    }

    /// Byte fixture from `maps.md` §9.4: ≤1.17 key u64 endpoint ID 42; 1.18 key u32 ID 42 +
    /// direction 1 (ingress); value bps 1_000_000 @0 and (1.17+) prio 5 @24.
    #[test]
    fn fixture_maps_md_throttle_entry() {
        let k17 = 42u64.to_le_bytes();
        assert_eq!(Key::decode(&k17, Version::V1_17), Some(Key { id: 42, direction: 0 }));
        let k18: [u8; 8] = [42, 0, 0, 0, 1, 0, 0, 0];
        let k = Key::decode(&k18, Version::V1_18).unwrap();
        assert_eq!((k.id, k.direction_name()), (42, "Ingress"));
        let mut val = [0u8; 56];
        val[0..8].copy_from_slice(&1_000_000u64.to_le_bytes());
        val[24..28].copy_from_slice(&5u32.to_le_bytes());
        assert_eq!(
            Value::decode(&val, Version::V1_17),
            Some(Value {
                bps: 1_000_000,
                prio: 5
            })
        );
        assert_eq!(
            Value::decode(&val, Version::V1_16),
            Some(Value {
                bps: 1_000_000,
                prio: 0
            })
        );
        assert_eq!(Key::decode(&k18[..7], Version::V1_18), None);
        assert_eq!(Value::decode(&val[..55], Version::V1_17), None);
    }

    /// The §9.4 entry (1.18 key: endpoint 42 ingress; 1,000,000 bytes/s, prio 5) as `bpf
    /// bandwidth list` and its watch show it, per release.
    #[test]
    fn view_shows_the_maps_md_throttle_entry() {
        use crate::maps::view::View as _;
        let k18: [u8; 8] = [42, 0, 0, 0, 1, 0, 0, 0];
        let mut val = [0u8; 56];
        val[0..8].copy_from_slice(&1_000_000u64.to_le_bytes());
        val[24..28].copy_from_slice(&5u32.to_le_bytes());
        let v18 = View {
            version: Version::V1_18,
        };
        let (mut line, mut rec) = (Vec::new(), Vec::new());
        v18.table(&k18, &val, &mut line).unwrap();
        v18.record(&k18, &val, &mut rec).unwrap();
        assert_eq!(String::from_utf8(line).unwrap(), "42\tIngress\t5\t8M");
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"endpoint_id":42,"direction":"Ingress","bytes_per_second":1000000,"bits_per_second":8000000,"prio":5}"#
        );
        let v17 = View {
            version: Version::V1_17,
        };
        let mut line = Vec::new();
        v17.table(&42u64.to_le_bytes(), &val, &mut line).unwrap();
        assert_eq!(String::from_utf8(line).unwrap(), "42\t5\t8M");
        assert_eq!(v17.header().unwrap().matches('\t').count(), 2);
    }
}
