//! `cilium_ipmasq_v4` / `cilium_ipmasq_v6` (LPM): ip-masq-agent non-masquerade CIDRs. Mirrors
//! `struct lpm_v4_key` / `lpm_v6_key` (bpf/lib/maps.h) and Go `pkg/maps/ipmasq`.

use std::io::Write;
use std::net::IpAddr;

use serde::Serialize;

use super::util::{fits, ipv4, ipv6, u32_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;
use crate::output::sorted::object;

/// `struct lpm_v4_key`: prefixlen u32 + IPv4 address.
pub const KEY4_SIZE: usize = 8;
/// `struct lpm_v6_key`: prefixlen u32 + IPv6 address.
pub const KEY6_SIZE: usize = 20;
/// `struct lpm_val`: one flags byte.
pub const VALUE_SIZE: usize = 1;
const _: () = assert!(KEY4_SIZE == 4 + 4);
const _: () = assert!(KEY6_SIZE == 4 + 16);

#[doc(alias = "cilium_ipmasq_v4")]
pub const SPEC_V4: MapSpec = MapSpec {
    name: "cilium_ipmasq_v4",
    shapes: &[Shape::new(
        map_type::LPM_TRIE,
        KEY4_SIZE as u32,
        VALUE_SIZE as u32,
        "1.14–1.18",
    )],
};

#[doc(alias = "cilium_ipmasq_v6")]
pub const SPEC_V6: MapSpec = MapSpec {
    name: "cilium_ipmasq_v6",
    shapes: &[Shape::new(
        map_type::LPM_TRIE,
        KEY6_SIZE as u32,
        VALUE_SIZE as u32,
        "1.14–1.18",
    )],
};

/// (network address, prefix bits); the family follows the key size.
pub fn decode_key(b: &[u8]) -> Option<(IpAddr, u8)> {
    fits(b, KEY4_SIZE)?;
    let bits = u32_host(b, 0) as u8;
    Some(if b.len() >= KEY6_SIZE {
        (IpAddr::V6(ipv6(b, 4)), bits)
    } else {
        (IpAddr::V4(ipv4(b, 4)), bits)
    })
}

pub fn encode_key(ip: IpAddr, bits: u8) -> Vec<u8> {
    let mut b = (bits as u32).to_ne_bytes().to_vec();
    match super::ipcache::mask(ip, bits) {
        IpAddr::V4(a) => b.extend_from_slice(&a.octets()),
        IpAddr::V6(a) => b.extend_from_slice(&a.octets()),
    }
    b
}

/// How `bpf ipmasq list` and its watch show an entry of either map: its CIDR (the keys are
/// the entries; the value is unused).
#[derive(Debug, Clone, Copy, Default)]
pub struct View;

/// One CIDR for `-o jsonl`.
#[derive(Debug, Serialize)]
pub struct Record {
    pub cidr: String,
    pub family: &'static str,
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some("IP PREFIX/ADDRESS\t")
    }
    fn keep(&self, k: &[u8], _: &[u8]) -> bool {
        decode_key(k).is_some()
    }
    fn table(&self, k: &[u8], _: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((ip, bits)) = decode_key(k) {
            write!(out, "{ip}/{bits}\t")?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], _: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match decode_key(k) {
            Some((ip, bits)) => object(
                out,
                &Record {
                    cidr: format!("{ip}/{bits}"),
                    family: if ip.is_ipv4() { "ipv4" } else { "ipv6" },
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
    fn both_families() {
        let k = encode_key("10.0.0.0".parse().unwrap(), 8);
        assert_eq!(k.len(), 8);
        assert_eq!(decode_key(&k).unwrap(), ("10.0.0.0".parse().unwrap(), 8));
        let k6 = encode_key("fd00:10::".parse().unwrap(), 32);
        assert_eq!(k6.len(), 20);
        assert_eq!(decode_key(&k6).unwrap(), ("fd00:10::".parse().unwrap(), 32));
    }

    /// Byte fixture from `maps.md` §9.6: prefixlen = CIDR bits (no static part), then the
    /// address: 10.0.0.0/8 and fd00::/8.
    #[test]
    fn fixture_maps_md_ipmasq_keys() {
        assert_eq!(
            decode_key(&[8, 0, 0, 0, 10, 0, 0, 0]),
            Some(("10.0.0.0".parse().unwrap(), 8))
        );
        let mut k6 = [0u8; 20];
        k6[0] = 8;
        k6[4] = 0xfd;
        assert_eq!(decode_key(&k6), Some(("fd00::".parse().unwrap(), 8)));
        assert_eq!(decode_key(&[8, 0, 0, 0, 10]), None);
    }

    /// A §9.6 key (10.0.0.0/24, and fd00::/8) as `bpf ipmasq list` and its watch show it.
    #[test]
    fn view_shows_maps_md_ipmasq_keys() {
        use crate::maps::view::View as _;
        let key: [u8; 8] = [24, 0, 0, 0, 10, 0, 0, 0];
        let (mut line, mut rec) = (Vec::new(), Vec::new());
        View.table(&key, &[0], &mut line).unwrap();
        View.record(&key, &[0], &mut rec).unwrap();
        assert_eq!(String::from_utf8(line).unwrap(), "10.0.0.0/24\t");
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"cidr":"10.0.0.0/24","family":"ipv4"}"#
        );
        let mut k6 = [0u8; KEY6_SIZE];
        k6[0] = 8;
        k6[4] = 0xfd;
        let mut rec = Vec::new();
        View.record(&k6, &[0], &mut rec).unwrap();
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"cidr":"fd00::/8","family":"ipv6"}"#
        );
    }
}
