//! `cilium_ipmasq_v4` / `cilium_ipmasq_v6` (LPM): ip-masq-agent non-masquerade CIDRs. Mirrors
//! `struct lpm_v4_key` / `lpm_v6_key` (bpf/lib/maps.h) and Go `pkg/maps/ipmasq`.

use std::net::IpAddr;

use super::util::{ipv4, ipv6, u32_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

pub const SPEC_V4: MapSpec = MapSpec {
    name: "cilium_ipmasq_v4",
    shapes: &[Shape::new(map_type::LPM_TRIE, 8, 1, "1.14–1.18")],
};

pub const SPEC_V6: MapSpec = MapSpec {
    name: "cilium_ipmasq_v6",
    shapes: &[Shape::new(map_type::LPM_TRIE, 20, 1, "1.14–1.18")],
};

/// (network address, prefix bits); the family follows the key size.
pub fn decode_key(b: &[u8]) -> (IpAddr, u8) {
    let bits = u32_host(b, 0) as u8;
    if b.len() >= 20 {
        (IpAddr::V6(ipv6(b, 4)), bits)
    } else {
        (IpAddr::V4(ipv4(b, 4)), bits)
    }
}

pub fn encode_key(ip: IpAddr, bits: u8) -> Vec<u8> {
    let mut b = (bits as u32).to_ne_bytes().to_vec();
    match super::ipcache::mask(ip, bits) {
        IpAddr::V4(a) => b.extend_from_slice(&a.octets()),
        IpAddr::V6(a) => b.extend_from_slice(&a.octets()),
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_families() {
        let k = encode_key("10.0.0.0".parse().unwrap(), 8);
        assert_eq!(k.len(), 8);
        assert_eq!(decode_key(&k), ("10.0.0.0".parse().unwrap(), 8));
        let k6 = encode_key("fd00:10::".parse().unwrap(), 32);
        assert_eq!(k6.len(), 20);
        assert_eq!(decode_key(&k6), ("fd00:10::".parse().unwrap(), 32));
    }
}
