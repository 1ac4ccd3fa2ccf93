//! `cilium_node_map` (v1, value u16) and `cilium_node_map_v2` (1.16+, value id + SPI): node IP →
//! node ID. Mirrors `struct node_key` / `struct node_value` (bpf/lib/node.h) and Go
//! `pkg/maps/nodemap`.

use std::io::Write;
use std::net::IpAddr;

use serde::Serialize;

use super::util::{fits, ipv4, ipv6, u16_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;
use crate::output::sorted::object;

pub const KEY_SIZE: usize = 20;
/// v1 value: u16 node ID.
pub const VALUE_V1_SIZE: usize = 2;
/// v2 `struct node_value`: id u16, spi u8, pad u8.
pub const VALUE_V2_SIZE: usize = 4;
const _: () = assert!(KEY_SIZE == 2 + 1 + 1 + 16);
const _: () = assert!(VALUE_V2_SIZE == 2 + 1 + 1);

#[doc(alias = "cilium_node_map")]
pub const SPEC_V1: MapSpec = MapSpec {
    name: "cilium_node_map",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE_V1_SIZE as u32,
        "1.14–1.17",
    )],
};

#[doc(alias = "cilium_node_map_v2")]
pub const SPEC_V2: MapSpec = MapSpec {
    name: "cilium_node_map_v2",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE_V2_SIZE as u32,
        "1.16–1.18",
    )],
};

/// Decode `struct node_key`: family @3, IP @4.
pub fn decode_key(b: &[u8]) -> Option<IpAddr> {
    fits(b, KEY_SIZE)?;
    Some(if b[3] == 2 {
        IpAddr::V6(ipv6(b, 4))
    } else {
        IpAddr::V4(ipv4(b, 4))
    })
}

pub fn encode_key(ip: IpAddr) -> [u8; KEY_SIZE] {
    let mut b = [0u8; KEY_SIZE];
    match ip {
        IpAddr::V4(a) => {
            b[3] = 1;
            b[4..8].copy_from_slice(&a.octets());
        }
        IpAddr::V6(a) => {
            b[3] = 2;
            b[4..20].copy_from_slice(&a.octets());
        }
    }
    b
}

/// A node map value: v1 has only the ID (SPI 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value {
    pub id: u16,
    pub spi: u8,
}

impl Value {
    /// Decode a v1 (2-byte) or v2 (4-byte) value.
    pub fn decode(b: &[u8]) -> Option<Value> {
        fits(b, VALUE_V1_SIZE)?;
        Some(Value {
            id: u16_host(b, 0),
            spi: if b.len() >= VALUE_V2_SIZE { b[2] } else { 0 },
        })
    }

    pub fn encode_v1(&self) -> [u8; 2] {
        self.id.to_ne_bytes()
    }

    pub fn encode_v2(&self) -> [u8; 4] {
        let id = self.id.to_ne_bytes();
        [id[0], id[1], self.spi, 0]
    }
}

/// cilium-dbg's `-o json` element (`nodeID`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JsonNode {
    #[serde(rename = "ID")]
    pub id: u16,
    pub address: String,
    #[serde(rename = "SPI")]
    pub spi: u8,
}

/// One node for `-o jsonl`.
#[derive(Debug, Serialize)]
pub struct Record {
    pub node_id: u16,
    pub ip: IpAddr,
    pub spi: u8,
}

/// How `bpf nodeid list` and its watch show an entry (either map version).
#[derive(Debug, Clone, Copy, Default)]
pub struct View;

impl View {
    /// The listing's sort key (node ID, then address); `None` for an entry that does not fit.
    pub fn sort(k: &[u8], v: &[u8]) -> Option<(u16, IpAddr)> {
        let (ip, val) = View::decode(k, v)?;
        Some((val.id, ip))
    }

    pub fn decode(k: &[u8], v: &[u8]) -> Option<(IpAddr, Value)> {
        Some((decode_key(k)?, Value::decode(v)?))
    }
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some("NODE ID\tIP ADDRESSES\tSPI")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::decode(k, v).is_some()
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((ip, val)) = View::decode(k, v) {
            write!(out, "0x{:x}\t{ip}\t{}", val.id, val.spi)?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match View::decode(k, v) {
            Some((ip, val)) => object(
                out,
                &Record {
                    node_id: val.id,
                    ip,
                    spi: val.spi,
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
    fn keys_and_values() {
        let k = encode_key("192.168.10.101".parse().unwrap());
        assert_eq!(k[3], 1);
        assert_eq!(&k[4..8], &[192, 168, 10, 101]);
        assert_eq!(decode_key(&k).unwrap().to_string(), "192.168.10.101");
        let k6 = encode_key("fd00::65".parse().unwrap());
        assert_eq!(decode_key(&k6).unwrap().to_string(), "fd00::65");
        let v = Value { id: 0x0102, spi: 3 };
        assert_eq!(v.encode_v2(), [0x02, 0x01, 3, 0], "id is host order");
        assert_eq!(Value::decode(&v.encode_v2()).unwrap(), v);
        assert_eq!(Value::decode(&v.encode_v1()).unwrap(), Value { id: 0x0102, spi: 0 });
    }

    /// Byte fixture from `maps.md` §9.2: node_key pad1 u16, pad2 u8, family @3 = 1, IP @4 =
    /// 172.20.0.3; v2 value id 7, SPI 3; v1 value id only.
    #[test]
    fn fixture_maps_md_node_entry() {
        let mut key = [0u8; 20];
        key[3] = 1;
        key[4..8].copy_from_slice(&[172, 20, 0, 3]);
        assert_eq!(decode_key(&key), Some("172.20.0.3".parse().unwrap()));
        assert_eq!(Value::decode(&[7, 0, 3, 0]), Some(Value { id: 7, spi: 3 }));
        assert_eq!(Value::decode(&[7, 0]), Some(Value { id: 7, spi: 0 }));
        assert_eq!(decode_key(&key[..19]), None);
        assert_eq!(Value::decode(&[7]), None);
    }

    /// A §9.2 v2 entry (node 192.168.10.101, ID 0x102, SPI 3) as `bpf nodeid list` and its
    /// watch show it: `0x%x` id, node IP, SPI.
    #[test]
    fn view_shows_a_maps_md_node_entry() {
        use crate::maps::view::View as _;
        let mut key = [0u8; KEY_SIZE];
        key[3] = 1;
        key[4..8].copy_from_slice(&[192, 168, 10, 101]);
        let val: [u8; 4] = [0x02, 0x01, 3, 0];
        let (mut line, mut rec) = (Vec::new(), Vec::new());
        View.table(&key, &val, &mut line).unwrap();
        View.record(&key, &val, &mut rec).unwrap();
        assert_eq!(String::from_utf8(line).unwrap(), "0x102\t192.168.10.101\t3");
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"node_id":258,"ip":"192.168.10.101","spi":3}"#
        );
        assert_eq!(View::sort(&key, &val), Some((0x102, "192.168.10.101".parse().unwrap())));
    }
}
