//! `cilium_ipv4_frag_datagrams` (LRU): IPv4 fragment ID → L4 ports of the first fragment.
//! Mirrors `struct ipv4_frag_id` / `struct ipv4_frag_l4ports` (bpf/lib/ipv4.h) and Go
//! `pkg/maps/fragmap`.

use std::net::Ipv4Addr;

use serde::Serialize;

use super::util::{fits, ipv4, u16_be, u16_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

pub const KEY_SIZE: usize = 12;
pub const VALUE_SIZE: usize = 4;
// struct ipv4_frag_id: daddr, saddr, id, proto, pad.
const _: () = assert!(KEY_SIZE == 4 + 4 + 2 + 1 + 1);
// struct ipv4_frag_l4ports: sport, dport.
const _: () = assert!(VALUE_SIZE == 2 + 2);

pub const SPEC_V4: MapSpec = MapSpec {
    name: "cilium_ipv4_frag_datagrams",
    shapes: &[Shape::new(
        map_type::LRU_HASH,
        KEY_SIZE as u32,
        VALUE_SIZE as u32,
        "1.14–1.18",
    )],
};

/// Name of the 1.18 IPv6 map (reported when present; not decoded yet).
pub const V6_NAME: &str = "cilium_ipv6_frag_datagrams";

#[doc(alias = "cilium_ipv4_frag_datagrams")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub dst: Ipv4Addr,
    pub src: Ipv4Addr,
    /// IP ID in wire order.
    pub id: u16,
    pub proto: u8,
    /// Ports in wire order.
    pub sport: u16,
    pub dport: u16,
}

impl Entry {
    pub fn decode(k: &[u8], v: &[u8]) -> Option<Entry> {
        fits(k, KEY_SIZE)?;
        fits(v, VALUE_SIZE)?;
        Some(Entry {
            dst: ipv4(k, 0),
            src: ipv4(k, 4),
            id: u16_be(k, 8),
            proto: k[10],
            sport: u16_be(v, 0),
            dport: u16_be(v, 2),
        })
    }

    pub fn encode(&self) -> ([u8; KEY_SIZE], [u8; VALUE_SIZE]) {
        let mut k = [0u8; KEY_SIZE];
        k[0..4].copy_from_slice(&self.dst.octets());
        k[4..8].copy_from_slice(&self.src.octets());
        k[8..10].copy_from_slice(&self.id.to_be_bytes());
        k[10] = self.proto;
        let mut v = [0u8; VALUE_SIZE];
        v[0..2].copy_from_slice(&self.sport.to_be_bytes());
        v[2..4].copy_from_slice(&self.dport.to_be_bytes());
        (k, v)
    }

    /// The value cilium-dbg prints for a wire-order u16: the raw bytes read in host order
    /// (port 53 prints as 13568). Kept for compatibility.
    pub fn unswapped(x: u16) -> u16 {
        u16_host(&x.to_be_bytes(), 0)
    }
}

/// cilium-dbg's `-o json` element (`bpfFragmentEntry`, 1.17).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JsonEntry {
    #[serde(rename = "ID")]
    pub id: u16,
    pub proto: u8,
    pub source_address: String,
    pub dest_address: String,
}

#[derive(Debug, Serialize)]
pub struct Record {
    pub id: u16,
    pub proto: String,
    pub source_ip: Ipv4Addr,
    pub source_port: u16,
    pub destination_ip: Ipv4Addr,
    pub destination_port: u16,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_order_and_quirk() {
        let e = Entry {
            dst: "172.20.0.24".parse().unwrap(),
            src: "172.20.0.87".parse().unwrap(),
            id: 0x1234,
            proto: 17,
            sport: 40000,
            dport: 53,
        };
        let (k, v) = e.encode();
        assert_eq!(&k[8..10], &[0x12, 0x34]);
        assert_eq!(&v[2..4], &[0, 53]);
        assert_eq!(Entry::decode(&k, &v).unwrap(), e);
        assert_eq!(Entry::unswapped(53), 13568);
        assert_eq!(Entry::unswapped(0x1234), 0x3412);
    }

    /// Byte fixture from `maps.md` §9.10: daddr 10.0.0.2, saddr 10.0.0.1, IP ID 0x1234 BE,
    /// proto 17; value sport 53 BE, dport 40000 BE.
    #[test]
    fn fixture_maps_md_frag_entry() {
        let key: [u8; 12] = [10, 0, 0, 2, 10, 0, 0, 1, 0x12, 0x34, 17, 0];
        let val: [u8; 4] = [0x00, 0x35, 0x9c, 0x40];
        let e = Entry::decode(&key, &val).unwrap();
        assert_eq!((e.dst, e.src), (Ipv4Addr::new(10, 0, 0, 2), Ipv4Addr::new(10, 0, 0, 1)));
        assert_eq!((e.id, e.proto, e.sport, e.dport), (0x1234, 17, 53, 40000));
        assert_eq!(Entry::decode(&key[..11], &val), None);
        assert_eq!(Entry::decode(&key, &val[..3]), None);
    }
}
