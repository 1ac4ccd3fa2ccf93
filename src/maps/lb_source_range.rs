//! `cilium_lb{4,6}_source_range` (LPM trie): `struct lb4_src_range_key` /
//! `struct lb6_src_range_key` → u8, bpf/lib/lb.h, v1.16–1.18. Mirrors Go's `SourceRangeKey4`.

use std::net::IpAddr;

use serde::Serialize;

use super::util::{ipv4, ipv6, u16_be, u32_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

pub const KEY4_SIZE: usize = 12;
pub const KEY6_SIZE: usize = 24;
pub const VALUE_SIZE: usize = 1;

const _: () = assert!(KEY4_SIZE == 4 + 2 + 2 + 4);
const _: () = assert!(KEY6_SIZE == 4 + 2 + 2 + 16);

/// Bits of the key before the address that always match (rev_nat_id + pad).
pub const STATIC_PREFIX_BITS: u32 = 32;

#[doc(alias = "cilium_lb4_source_range")]
pub const SPEC4: MapSpec = MapSpec {
    name: "cilium_lb4_source_range",
    shapes: &[Shape::new(
        map_type::LPM_TRIE,
        KEY4_SIZE as u32,
        VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

#[doc(alias = "cilium_lb6_source_range")]
pub const SPEC6: MapSpec = MapSpec {
    name: "cilium_lb6_source_range",
    shapes: &[Shape::new(
        map_type::LPM_TRIE,
        KEY6_SIZE as u32,
        VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

/// One allowed (or, with the deny flag, denied) source CIDR of a service.
#[doc(alias = "cilium_lb4_source_range")]
#[doc(alias = "cilium_lb6_source_range")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceRange {
    /// Stored LPM prefix length: 32 static bits + CIDR bits.
    pub prefix_len: u32,
    pub rev_nat: u16,
    pub addr: IpAddr,
}

impl SourceRange {
    pub fn decode(b: &[u8]) -> Option<SourceRange> {
        let addr = match b.len() {
            KEY4_SIZE => IpAddr::V4(ipv4(b, 8)),
            KEY6_SIZE => IpAddr::V6(ipv6(b, 8)),
            _ => return None,
        };
        Some(SourceRange {
            prefix_len: u32_host(b, 0),
            rev_nat: u16_be(b, 4),
            addr,
        })
    }

    /// Key bytes for a CIDR of `bits` bits.
    pub fn new(rev_nat: u16, addr: IpAddr, bits: u8) -> SourceRange {
        SourceRange {
            prefix_len: STATIC_PREFIX_BITS + u32::from(bits),
            rev_nat,
            addr,
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut b = self.prefix_len.to_ne_bytes().to_vec();
        b.extend_from_slice(&self.rev_nat.to_be_bytes());
        b.extend_from_slice(&[0, 0]);
        match self.addr {
            IpAddr::V4(a) => b.extend_from_slice(&a.octets()),
            IpAddr::V6(a) => b.extend_from_slice(&a.octets()),
        }
        b
    }

    /// CIDR bits, `None` when the stored prefix length is out of range.
    pub fn cidr_bits(&self) -> Option<u32> {
        let max = if self.addr.is_ipv6() { 128 } else { 32 };
        self.prefix_len.checked_sub(STATIC_PREFIX_BITS).filter(|b| *b <= max)
    }

    /// `ADDR/BITS` (`<nil>` like Go's `net.IPNet` for an impossible mask).
    pub fn cidr(&self) -> String {
        match self.cidr_bits() {
            Some(bits) => format!("{}/{bits}", self.addr),
            None => "<nil>".into(),
        }
    }

    /// Go's `SourceRangeKey4.String()`: `CIDR (REVNAT)`. The value prints as "".
    pub fn cilium_string(&self) -> String {
        format!("{} ({})", self.cidr(), self.rev_nat)
    }
}

/// `-o jsonl` record for one source range.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRangeRecord {
    pub rev_nat_id: u16,
    pub family: &'static str,
    pub cidr: String,
    pub ip: IpAddr,
    pub prefix_len: Option<u32>,
}

impl SourceRangeRecord {
    pub fn new(r: &SourceRange) -> SourceRangeRecord {
        SourceRangeRecord {
            rev_nat_id: r.rev_nat,
            family: if r.addr.is_ipv6() { "ipv6" } else { "ipv4" },
            cidr: r.cidr(),
            ip: r.addr,
            prefix_len: r.cidr_bits(),
        }
    }
}

/// Filters on a `--source-ranges` row: the range's address is the source.
impl crate::filter::Entry for SourceRangeRecord {
    fn src(&self) -> Option<IpAddr> {
        Some(self.ip)
    }
    fn service_id(&self) -> Option<u16> {
        Some(self.rev_nat_id)
    }
}

/// The map's key and value under the names every map module uses.
pub type Key = SourceRange;

/// The rows of `bpf lb list --source-ranges` (one cell: the range and its rev-NAT ID), for the
/// listing and its watch ([`crate::maps::view::View`]).
pub struct SourceRangeView<'a> {
    /// The listing's filters (`None`: the caller filters).
    pub filter: Option<&'a crate::filter::FilterArgs>,
}

impl SourceRangeView<'_> {
    fn decode(key: &[u8]) -> anyhow::Result<SourceRange> {
        SourceRange::decode(key).ok_or_else(|| anyhow::anyhow!("bad source range entry"))
    }

    /// Write the one cell; returns where it ends (the value cell is empty).
    pub fn cells(&self, key: &[u8], out: &mut Vec<u8>) -> anyhow::Result<usize> {
        out.extend_from_slice(Self::decode(key)?.cilium_string().as_bytes());
        Ok(out.len())
    }

    pub fn source_range_record(&self, key: &[u8]) -> anyhow::Result<SourceRangeRecord> {
        Ok(SourceRangeRecord::new(&Self::decode(key)?))
    }
}

impl crate::maps::view::View for SourceRangeView<'_> {
    fn header(&self) -> Option<&'static str> {
        Some("SOURCE RANGE (REVNAT_ID)")
    }
    fn keep(&self, key: &[u8], _value: &[u8]) -> bool {
        self.source_range_record(key)
            .is_ok_and(|r| self.filter.is_none_or(|f| f.matches(&r)))
    }
    fn table(&self, key: &[u8], _value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        self.cells(key, out)?;
        Ok(())
    }
    fn record(&self, key: &[u8], _value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        serde_json::to_writer(&mut *out, &self.source_range_record(key)?)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_key_orders() {
        let mut b = [0u8; 12];
        b[0..4].copy_from_slice(&40u32.to_ne_bytes()); // 32 + /8, host order
        b[4..6].copy_from_slice(&[0, 15]); // rev-NAT 15, network order
        b[8..12].copy_from_slice(&[10, 0, 0, 0]);
        let r = SourceRange::decode(&b).unwrap();
        assert_eq!(r.rev_nat, 15);
        assert_eq!(r.cilium_string(), "10.0.0.0/8 (15)");
        assert_eq!(r.encode(), b.to_vec());
        assert_eq!(SourceRange::new(15, "10.0.0.0".parse().unwrap(), 8), r);
    }

    #[test]
    fn v6_key_and_bad_prefix() {
        let r = SourceRange::new(16, "fd00:10::".parse().unwrap(), 32);
        let b = r.encode();
        assert_eq!(b.len(), KEY6_SIZE);
        assert_eq!(SourceRange::decode(&b).unwrap().cilium_string(), "fd00:10::/32 (16)");
        let bad = SourceRange { prefix_len: 8, ..r };
        assert_eq!(bad.cilium_string(), "<nil> (16)");
        assert_eq!(SourceRangeRecord::new(&bad).prefix_len, None);
        assert!(SourceRange::decode(&b[..12 + 1]).is_none());
    }

    /// Byte fixture from `maps.md` §3.5: prefixlen 32 + 24 = 56, rev_nat 5 NBO, pad, address
    /// 192.168.0.0; printed `CIDR (REVNAT)`.
    #[test]
    fn fixture_maps_md_source_range() {
        let key: [u8; 12] = [56, 0, 0, 0, 0x00, 0x05, 0, 0, 192, 168, 0, 0];
        let r = Key::decode(&key).unwrap();
        assert_eq!(r.cilium_string(), "192.168.0.0/24 (5)");
        assert!(Key::decode(&key[..11]).is_none());
    }
}
