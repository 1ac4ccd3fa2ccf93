//! `cilium_lb{4,6}_reverse_nat`: rev-NAT ID (u16, network order) → `struct lb4_reverse_nat` /
//! `struct lb6_reverse_nat`, bpf/lib/lb.h, v1.16–1.18. Mirrors Go's `RevNat4Key`/`RevNat4Value`.

use std::net::IpAddr;

use serde::Serialize;

use super::util::{ipv4, ipv6, join_host_port, u16_be};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

pub const KEY_SIZE: usize = 2;
pub const VALUE4_SIZE: usize = 6;
pub const VALUE6_SIZE: usize = 18;

const _: () = assert!(VALUE4_SIZE == 4 + 2);
const _: () = assert!(VALUE6_SIZE == 16 + 2);

#[doc(alias = "cilium_lb4_reverse_nat")]
pub const SPEC4: MapSpec = MapSpec {
    name: "cilium_lb4_reverse_nat",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE4_SIZE as u32,
        "1.16–1.18",
    )],
};

#[doc(alias = "cilium_lb6_reverse_nat")]
pub const SPEC6: MapSpec = MapSpec {
    name: "cilium_lb6_reverse_nat",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE6_SIZE as u32,
        "1.16–1.18",
    )],
};

/// Decode the key: the rev-NAT (service) ID, stored in network order.
pub fn decode_key(b: &[u8]) -> Option<u16> {
    (b.len() == KEY_SIZE).then(|| u16_be(b, 0))
}

pub fn encode_key(id: u16) -> [u8; 2] {
    id.to_be_bytes()
}

/// The frontend a rev-NAT ID rewrites replies to.
#[doc(alias = "cilium_lb4_reverse_nat")]
#[doc(alias = "cilium_lb6_reverse_nat")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevNat {
    pub addr: IpAddr,
    pub port: u16,
}

impl RevNat {
    pub fn decode(b: &[u8]) -> Option<RevNat> {
        let (addr, off) = match b.len() {
            VALUE4_SIZE => (IpAddr::V4(ipv4(b, 0)), 4),
            VALUE6_SIZE => (IpAddr::V6(ipv6(b, 0)), 16),
            _ => return None,
        };
        Some(RevNat {
            addr,
            port: u16_be(b, off),
        })
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut b = match self.addr {
            IpAddr::V4(a) => a.octets().to_vec(),
            IpAddr::V6(a) => a.octets().to_vec(),
        };
        b.extend_from_slice(&self.port.to_be_bytes());
        b
    }

    /// Go's `RevNat4Value.String()`: `net.JoinHostPort` (IPv6 in brackets).
    pub fn cilium_string(&self) -> String {
        join_host_port(&self.addr, self.port)
    }
}

/// `-o jsonl` record for one rev-NAT entry.
#[derive(Debug, Clone, Serialize)]
pub struct RevNatRecord {
    pub rev_nat_id: u16,
    pub family: &'static str,
    pub ip: IpAddr,
    pub port: u16,
}

impl RevNatRecord {
    pub fn new(id: u16, r: &RevNat) -> RevNatRecord {
        RevNatRecord {
            rev_nat_id: id,
            family: if r.addr.is_ipv6() { "ipv6" } else { "ipv4" },
            ip: r.addr,
            port: r.port,
        }
    }
}

/// Filters on a `--revnat` row: the frontend is the destination and names the service.
impl crate::filter::Entry for RevNatRecord {
    fn dst(&self) -> Option<IpAddr> {
        Some(self.ip)
    }
    fn dport(&self) -> Option<u16> {
        Some(self.port)
    }
    fn service_id(&self) -> Option<u16> {
        Some(self.rev_nat_id)
    }
    fn service_frontend(&self) -> Option<(IpAddr, u16)> {
        Some((self.ip, self.port))
    }
}

/// The map's key and value under the names every map module uses.
pub type Value = RevNat;

/// The rows of `bpf lb list --revnat`, for the listing and its watch
/// ([`crate::maps::view::View`]).
pub struct RevNatView<'a> {
    /// The listing's filters (`None`: the caller filters).
    pub filter: Option<&'a crate::filter::FilterArgs>,
}

impl RevNatView<'_> {
    fn decode(key: &[u8], value: &[u8]) -> anyhow::Result<(u16, RevNat)> {
        decode_key(key)
            .zip(RevNat::decode(value))
            .ok_or_else(|| anyhow::anyhow!("bad rev-NAT entry"))
    }
}

super::util::id_rows_view!(RevNatView);

impl super::util::IdRows for RevNatView<'_> {
    type Record = RevNatRecord;

    fn filter(&self) -> Option<&crate::filter::FilterArgs> {
        self.filter
    }

    /// Write the ID cell then the address cell; returns where the ID cell ends.
    fn cells(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<usize> {
        let (id, r) = Self::decode(key, value)?;
        super::ct::push_u64(out, u64::from(id));
        let mid = out.len();
        out.extend_from_slice(r.cilium_string().as_bytes());
        Ok(mid)
    }

    fn id_record(&self, key: &[u8], value: &[u8]) -> anyhow::Result<RevNatRecord> {
        let (id, r) = Self::decode(key, value)?;
        Ok(RevNatRecord::new(id, &r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_network_order() {
        assert_eq!(decode_key(&[0x01, 0x02]), Some(258));
        assert_eq!(encode_key(258), [0x01, 0x02]);
        assert_eq!(decode_key(&[1]), None);
    }

    #[test]
    fn values_both_families() {
        let b4 = [10, 96, 0, 10, 0, 53];
        let r = RevNat::decode(&b4).unwrap();
        assert_eq!(r.cilium_string(), "10.96.0.10:53");
        assert_eq!(r.encode(), b4.to_vec());
        let mut b6 = [0u8; 18];
        b6[..16].copy_from_slice(&"fd00:10:96::5".parse::<std::net::Ipv6Addr>().unwrap().octets());
        b6[16..].copy_from_slice(&8080u16.to_be_bytes());
        let r6 = RevNat::decode(&b6).unwrap();
        assert_eq!(r6.cilium_string(), "[fd00:10:96::5]:8080");
        assert_eq!(r6.encode(), b6.to_vec());
        assert!(RevNat::decode(&b6[..10]).is_none());
        assert_eq!(
            serde_json::to_string(&RevNatRecord::new(16, &r6)).unwrap(),
            r#"{"rev_nat_id":16,"family":"ipv6","ip":"fd00:10:96::5","port":8080}"#
        );
    }

    /// Byte fixture from `maps.md` §3.3: key rev-NAT ID 1 stored NBO; value 10.96.0.1:443.
    #[test]
    fn fixture_maps_md_revnat() {
        assert_eq!(decode_key(&[0x00, 0x01]), Some(1));
        let v = Value::decode(&[10, 96, 0, 1, 0x01, 0xbb]).unwrap();
        assert_eq!(v.cilium_string(), "10.96.0.1:443");
        assert!(Value::decode(&[10, 96, 0, 1, 0x01]).is_none());
    }
}
