//! `cilium_ipv4_frag_datagrams` and (1.18) `cilium_ipv6_frag_datagrams` (LRU): fragment ID →
//! L4 ports of the first fragment. Mirrors `struct ipv4_frag_id` / `struct ipv6_frag_id` /
//! `struct ipv4_frag_l4ports` (bpf/lib/ipv4.h, ipv6.h) and Go `pkg/maps/fragmap`.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use super::util::{fits, ipv4, ipv6, proto_name, u16_be, u16_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;
use crate::output::sorted::object;

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

/// `struct ipv6_frag_id` (1.18): id, proto, pad[3], saddr, daddr.
pub const KEY6_SIZE: usize = 40;
const _: () = assert!(KEY6_SIZE == 4 + 1 + 3 + 16 + 16);

/// Name of the 1.18 IPv6 map.
pub const V6_NAME: &str = "cilium_ipv6_frag_datagrams";

#[doc(alias = "cilium_ipv6_frag_datagrams")]
pub const SPEC_V6: MapSpec = MapSpec {
    name: V6_NAME,
    shapes: &[Shape::new(
        map_type::LRU_HASH,
        KEY6_SIZE as u32,
        VALUE_SIZE as u32,
        "1.18",
    )],
};

/// One IPv6 fragment entry (1.18).
#[doc(alias = "cilium_ipv6_frag_datagrams")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry6 {
    /// Fragment ID (32 bits on the wire, network order; decoded to its value).
    pub id: u32,
    pub proto: u8,
    pub src: Ipv6Addr,
    pub dst: Ipv6Addr,
    /// Ports in wire order.
    pub sport: u16,
    pub dport: u16,
}

impl Entry6 {
    pub fn decode(k: &[u8], v: &[u8]) -> Option<Entry6> {
        fits(k, KEY6_SIZE)?;
        fits(v, VALUE_SIZE)?;
        Some(Entry6 {
            id: u32::from_be_bytes(k[0..4].try_into().ok()?),
            proto: k[4],
            src: ipv6(k, 8),
            dst: ipv6(k, 24),
            sport: u16_be(v, 0),
            dport: u16_be(v, 2),
        })
    }

    pub fn encode(&self) -> ([u8; KEY6_SIZE], [u8; VALUE_SIZE]) {
        let mut k = [0u8; KEY6_SIZE];
        k[0..4].copy_from_slice(&self.id.to_be_bytes());
        k[4] = self.proto;
        k[8..24].copy_from_slice(&self.src.octets());
        k[24..40].copy_from_slice(&self.dst.octets());
        let mut v = [0u8; VALUE_SIZE];
        v[0..2].copy_from_slice(&self.sport.to_be_bytes());
        v[2..4].copy_from_slice(&self.dport.to_be_bytes());
        (k, v)
    }
}

/// A fragment entry of either family, as a listing prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    /// The ID as the release prints it (see [`Row::v4`]).
    pub id: u32,
    /// The ID's value (network order decoded).
    pub native_id: u32,
    pub proto: u8,
    pub src: IpAddr,
    pub dst: IpAddr,
    /// Ports in wire order.
    pub sport: u16,
    pub dport: u16,
}

impl Row {
    /// 1.18 prints the IPv4 ID in host order (`NativeID()`); ≤1.17 the raw bytes read as a
    /// host u16 ([`Entry::unswapped`]), fidelity.md C16.
    pub fn v4(e: &Entry, native_id: bool) -> Row {
        Row {
            id: u32::from(if native_id { e.id } else { Entry::unswapped(e.id) }),
            native_id: u32::from(e.id),
            proto: e.proto,
            src: IpAddr::V4(e.src),
            dst: IpAddr::V4(e.dst),
            sport: e.sport,
            dport: e.dport,
        }
    }

    pub fn v6(e: &Entry6) -> Row {
        Row {
            id: e.id,
            native_id: e.id,
            proto: e.proto,
            src: IpAddr::V6(e.src),
            dst: IpAddr::V6(e.dst),
            sport: e.sport,
            dport: e.dport,
        }
    }

    /// `addr:port` (IPv6 `[addr]:port`) with cilium-dbg's unswapped port.
    pub fn source(&self) -> String {
        host_port(self.src, Entry::unswapped(self.sport))
    }

    pub fn destination(&self) -> String {
        host_port(self.dst, Entry::unswapped(self.dport))
    }
}

fn host_port(a: IpAddr, port: u16) -> String {
    match a {
        IpAddr::V4(a) => format!("{a}:{port}"),
        IpAddr::V6(a) => format!("[{a}]:{port}"),
    }
}

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
    pub id: u32,
    pub proto: u8,
    pub source_address: String,
    pub dest_address: String,
}

#[derive(Debug, Serialize)]
pub struct Record {
    pub id: u32,
    pub proto: String,
    pub source_ip: IpAddr,
    pub source_port: u16,
    pub destination_ip: IpAddr,
    pub destination_port: u16,
}

/// How `bpf frag list` and its watch show an entry of either map (the family follows the key
/// size); `native_id`: 1.18 prints IPv4 IDs in host order.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub native_id: bool,
}

/// The listing's order: IPv4 entries, then IPv6 ones, each by their decoded key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sort {
    V4(Entry),
    V6(Entry6),
}

impl View {
    /// The listing's sort key; `None` for an entry that does not fit its map's layout.
    pub fn sort(k: &[u8], v: &[u8]) -> Option<Sort> {
        if k.len() >= KEY6_SIZE {
            Entry6::decode(k, v).map(Sort::V6)
        } else {
            Entry::decode(k, v).map(Sort::V4)
        }
    }

    pub fn row(&self, k: &[u8], v: &[u8]) -> Option<Row> {
        Some(match View::sort(k, v)? {
            Sort::V4(e) => Row::v4(&e, self.native_id),
            Sort::V6(e) => Row::v6(&e),
        })
    }
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some("ID\tPROTO\tSOURCE ADDRESS:PORT\tDEST ADDRESS:PORT")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::sort(k, v).is_some()
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some(r) = self.row(k, v) {
            write!(
                out,
                "{}\t{}\t{}\t{}",
                r.id,
                proto_name(r.proto),
                r.source(),
                r.destination()
            )?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match self.row(k, v) {
            Some(r) => object(
                out,
                &Record {
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
    }
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

    /// fidelity.md C16: ID bytes `3a 4b`, dport bytes `00 35` → 1.17 `19258 … :13568`,
    /// 1.18 `14923 … :13568`.
    #[test]
    fn fixture_fidelity_md_v118_id() {
        let key: [u8; 12] = [10, 0, 0, 2, 10, 0, 0, 1, 0x3a, 0x4b, 17, 0];
        let val: [u8; 4] = [0x9c, 0x40, 0x00, 0x35];
        let e = Entry::decode(&key, &val).unwrap();
        assert_eq!(Row::v4(&e, false).id, 19258);
        assert_eq!(Row::v4(&e, true).id, 14923);
        assert_eq!(Row::v4(&e, true).destination(), "10.0.0.2:13568");
        assert_eq!(Row::v4(&e, false).destination(), "10.0.0.2:13568");
    }

    /// `maps.md` §9.10: the 1.18 IPv6 key (40 B): id be32 @0, proto @4, saddr @8, daddr @24.
    #[test]
    fn fixture_maps_md_v6_key() {
        let mut key = [0u8; 40];
        key[0..4].copy_from_slice(&[0, 0, 0x12, 0x34]);
        key[4] = 17;
        key[8..24].copy_from_slice(&"fd00::1".parse::<Ipv6Addr>().unwrap().octets());
        key[24..40].copy_from_slice(&"fd00::2".parse::<Ipv6Addr>().unwrap().octets());
        let val: [u8; 4] = [0x9c, 0x40, 0x00, 0x35];
        let e = Entry6::decode(&key, &val).unwrap();
        assert_eq!((e.id, e.proto, e.sport, e.dport), (0x1234, 17, 40000, 53));
        assert_eq!(e.encode(), (key, val));
        let r = Row::v6(&e);
        assert_eq!(
            (r.source(), r.destination()),
            ("[fd00::1]:16540".to_string(), "[fd00::2]:13568".to_string())
        );
        assert_eq!(Entry6::decode(&key[..39], &val), None);
    }

    /// The §9.10 entry as `bpf frag list` and its watch show it; the ID per release (fidelity C16).
    #[test]
    fn view_shows_the_maps_md_frag_entry() {
        use crate::maps::view::View as _;
        let key: [u8; 12] = [10, 0, 0, 2, 10, 0, 0, 1, 0x12, 0x34, 17, 0];
        let val: [u8; 4] = [0x00, 0x35, 0x9c, 0x40];
        let line = |v: View| {
            let mut b = Vec::new();
            v.table(&key, &val, &mut b).unwrap();
            String::from_utf8(b).unwrap()
        };
        let v118 = line(View { native_id: true });
        let v117 = line(View { native_id: false });
        assert!(v118.starts_with("4660\tUDP\t10.0.0.1:"), "{v118}");
        assert!(
            v117.starts_with(&format!("{}\tUDP\t", Entry::unswapped(0x1234))),
            "{v117}"
        );
        let mut rec = Vec::new();
        View { native_id: false }.record(&key, &val, &mut rec).unwrap();
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"id":4660,"proto":"UDP","source_ip":"10.0.0.1","source_port":53,"destination_ip":"10.0.0.2","destination_port":40000}"#
        );
        // An IPv6 key (by its size) sorts after every IPv4 one.
        let mut k6 = [0u8; KEY6_SIZE];
        k6[4] = 6;
        assert!(matches!(View::sort(&k6, &val), Some(Sort::V6(_))));
        assert!(View::sort(&key, &val) < View::sort(&k6, &val));
    }
}
