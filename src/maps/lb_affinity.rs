//! Session affinity: `cilium_lb{4,6}_affinity` (`struct lb4_affinity_key` / `lb6_affinity_key` →
//! `struct lb_affinity_val`) and `cilium_lb_affinity_match` (`struct lb_affinity_match` → u8),
//! bpf/lib/lb.h, v1.16–1.18. Decoders only; no cilium-dbg command prints these.

use std::net::IpAddr;

use serde::Serialize;

use super::util::{ipv4, ipv6, u16_be, u32_host, u64_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

pub const KEY4_SIZE: usize = 16;
pub const KEY6_SIZE: usize = 24;
pub const VALUE_SIZE: usize = 16;
pub const MATCH_KEY_SIZE: usize = 8;
pub const MATCH_VALUE_SIZE: usize = 1;

const _: () = assert!(KEY4_SIZE == 8 + 2 + 1 + 1 + 4);
const _: () = assert!(KEY6_SIZE == 16 + 2 + 1 + 1 + 4);
const _: () = assert!(VALUE_SIZE == 8 + 4 + 4);
const _: () = assert!(MATCH_KEY_SIZE == 4 + 2 + 2);

#[doc(alias = "cilium_lb4_affinity")]
pub const SPEC4: MapSpec = MapSpec {
    name: "cilium_lb4_affinity",
    shapes: &[Shape::new(
        map_type::LRU_HASH,
        KEY4_SIZE as u32,
        VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

#[doc(alias = "cilium_lb6_affinity")]
pub const SPEC6: MapSpec = MapSpec {
    name: "cilium_lb6_affinity",
    shapes: &[Shape::new(
        map_type::LRU_HASH,
        KEY6_SIZE as u32,
        VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

#[doc(alias = "cilium_lb_affinity_match")]
pub const MATCH_SPEC: MapSpec = MapSpec {
    name: "cilium_lb_affinity_match",
    shapes: &[Shape::new(
        map_type::HASH,
        MATCH_KEY_SIZE as u32,
        MATCH_VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

/// Who the affinity is for: a client IP, or (socket LB) a network-namespace cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Client {
    Ip(IpAddr),
    NetnsCookie(u64),
}

#[doc(alias = "cilium_lb4_affinity")]
#[doc(alias = "cilium_lb6_affinity")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AffinityKey {
    pub client: Client,
    pub rev_nat: u16,
}

impl AffinityKey {
    pub fn decode(b: &[u8]) -> Option<AffinityKey> {
        let off = match b.len() {
            KEY4_SIZE => 8,
            KEY6_SIZE => 16,
            _ => return None,
        };
        let cookie = b[off + 2] & 1 != 0;
        let client = if cookie {
            Client::NetnsCookie(u64_host(b, 0))
        } else if off == 8 {
            Client::Ip(IpAddr::V4(ipv4(b, 0)))
        } else {
            Client::Ip(IpAddr::V6(ipv6(b, 0)))
        };
        Some(AffinityKey {
            client,
            rev_nat: u16_be(b, off),
        })
    }

    /// Key bytes; `v6` picks the 24-byte layout.
    pub fn encode(&self, v6: bool) -> Vec<u8> {
        let mut b = vec![0u8; if v6 { KEY6_SIZE } else { KEY4_SIZE }];
        let off = if v6 { 16 } else { 8 };
        match self.client {
            Client::NetnsCookie(c) => {
                b[0..8].copy_from_slice(&c.to_ne_bytes());
                b[off + 2] = 1;
            }
            Client::Ip(IpAddr::V4(a)) => b[0..4].copy_from_slice(&a.octets()),
            Client::Ip(IpAddr::V6(a)) => b[0..16].copy_from_slice(&a.octets()),
        }
        b[off..off + 2].copy_from_slice(&self.rev_nat.to_be_bytes());
        b
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AffinityValue {
    /// `bpf_mono_now()` of the last use (seconds in ktime mode).
    pub last_used: u64,
    pub backend_id: u32,
}

impl AffinityValue {
    pub fn decode(b: &[u8]) -> Option<AffinityValue> {
        (b.len() == VALUE_SIZE).then(|| AffinityValue {
            last_used: u64_host(b, 0),
            backend_id: u32_host(b, 8),
        })
    }

    pub fn encode(&self) -> [u8; VALUE_SIZE] {
        let mut b = [0u8; VALUE_SIZE];
        b[0..8].copy_from_slice(&self.last_used.to_ne_bytes());
        b[8..12].copy_from_slice(&self.backend_id.to_ne_bytes());
        b
    }
}

/// `struct lb_affinity_match`: "this backend still belongs to this service".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AffinityMatch {
    pub backend_id: u32,
    pub rev_nat: u16,
}

impl AffinityMatch {
    pub fn decode(b: &[u8]) -> Option<AffinityMatch> {
        (b.len() == MATCH_KEY_SIZE).then(|| AffinityMatch {
            backend_id: u32_host(b, 0),
            rev_nat: u16_be(b, 4),
        })
    }

    pub fn encode(&self) -> [u8; MATCH_KEY_SIZE] {
        let mut b = [0u8; MATCH_KEY_SIZE];
        b[0..4].copy_from_slice(&self.backend_id.to_ne_bytes());
        b[4..6].copy_from_slice(&self.rev_nat.to_be_bytes());
        b
    }

    /// Go's `AffinityMatchKey.String()`: `BACKEND REVNAT`.
    pub fn cilium_string(&self) -> String {
        format!("{} {}", self.backend_id, self.rev_nat)
    }
}

/// `-o jsonl` record for one affinity entry.
#[derive(Debug, Clone, Serialize)]
pub struct AffinityRecord {
    pub client: Client,
    pub rev_nat_id: u16,
    pub backend_id: u32,
    pub last_used: u64,
}

impl AffinityRecord {
    pub fn new(k: &AffinityKey, v: &AffinityValue) -> AffinityRecord {
        AffinityRecord {
            client: k.client,
            rev_nat_id: k.rev_nat,
            backend_id: v.backend_id,
            last_used: v.last_used,
        }
    }
}

/// The map's key and value under the names every map module uses.
pub type Key = AffinityKey;
pub type Value = AffinityValue;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_ip_key() {
        let mut b = [0u8; 16];
        b[0..4].copy_from_slice(&[172, 20, 0, 87]);
        b[8..10].copy_from_slice(&[0, 12]);
        let k = AffinityKey::decode(&b).unwrap();
        assert_eq!(k.client, Client::Ip("172.20.0.87".parse().unwrap()));
        assert_eq!(k.rev_nat, 12);
        assert_eq!(k.encode(false), b.to_vec());
    }

    #[test]
    fn cookie_and_v6_keys() {
        let k = AffinityKey {
            client: Client::NetnsCookie(0x1122_3344_5566_7788),
            rev_nat: 300,
        };
        let b = k.encode(true);
        assert_eq!(b.len(), 24);
        assert_eq!(b[18], 1);
        assert_eq!(&b[16..18], &[0x01, 0x2c]);
        assert_eq!(AffinityKey::decode(&b), Some(k));
        let k6 = AffinityKey {
            client: Client::Ip("fd00::87".parse().unwrap()),
            rev_nat: 16,
        };
        assert_eq!(AffinityKey::decode(&k6.encode(true)), Some(k6));
        assert!(AffinityKey::decode(&b[..20]).is_none());
    }

    #[test]
    fn value_and_match() {
        let v = AffinityValue {
            last_used: 4_000_123,
            backend_id: 10,
        };
        let b = v.encode();
        assert_eq!(u64::from_ne_bytes(b[0..8].try_into().unwrap()), 4_000_123);
        assert_eq!(AffinityValue::decode(&b), Some(v));
        let m = AffinityMatch {
            backend_id: 11,
            rev_nat: 0x0102,
        };
        let mb = m.encode();
        assert_eq!(&mb[4..6], &[0x01, 0x02]);
        assert_eq!(AffinityMatch::decode(&mb), Some(m));
        assert_eq!(m.cilium_string(), "11 258");
        let r = AffinityRecord::new(
            &AffinityKey {
                client: Client::Ip("172.20.0.87".parse().unwrap()),
                rev_nat: 12,
            },
            &v,
        );
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"client":{"ip":"172.20.0.87"},"rev_nat_id":12,"backend_id":10,"last_used":4000123}"#
        );
    }

    /// Byte fixture from `maps.md` §3.4: match key backend 7 (host), rev_nat 1 (NBO), pad;
    /// printed `"%d %d"`.
    #[test]
    fn fixture_maps_md_affinity_match() {
        let m = AffinityMatch::decode(&[7, 0, 0, 0, 0x00, 0x01, 0, 0]).unwrap();
        assert_eq!(m.cilium_string(), "7 1");
        assert!(AffinityMatch::decode(&[7, 0, 0, 0, 0x00, 0x01, 0]).is_none());
        // Value: last_used u64 @0, backend_id u32 @8, pad.
        let mut v = [0u8; 16];
        v[0..8].copy_from_slice(&99u64.to_le_bytes());
        v[8..12].copy_from_slice(&7u32.to_le_bytes());
        let a = Value::decode(&v).unwrap();
        assert_eq!((a.last_used, a.backend_id), (99, 7));
    }
}
