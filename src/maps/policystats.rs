//! `cilium_policystats` (1.18, LRU_PERCPU_HASH, `BPF_F_NO_COMMON_LRU`): the policy counters that
//! left the 1.18 policy value. Mirrors `struct policy_stats_key` / `struct policy_stats_value`
//! (bpf/lib/policy.h) and Go `pkg/maps/policymap/stats.go` (`StatsKey`, `GetStat`).

use super::policy;
use super::util::{fits, u16_be, u16_host, u32_host, u64_host};
use super::{MapSpec, Shape};
use crate::bpf::{map_type, Map};

pub const KEY_SIZE: usize = 12;
/// Per CPU: packets, bytes.
pub const VALUE_SIZE: usize = 16;
// struct policy_stats_key: endpoint_id, pad1, prefix_len, sec_label, egress:1 + pad:7, nexthdr, dport.
const _: () = assert!(KEY_SIZE == 2 + 1 + 1 + 4 + 1 + 1 + 2);
// struct policy_stats_value: packets, bytes.
const _: () = assert!(VALUE_SIZE == 8 + 8);

/// `BPF_F_NO_COMMON_LRU`, the map's creation flag.
pub const NO_COMMON_LRU: u32 = 1 << 1;

#[doc(alias = "cilium_policystats")]
pub const SPEC: MapSpec = MapSpec {
    name: "cilium_policystats",
    shapes: &[Shape::new(
        map_type::LRU_PERCPU_HASH,
        KEY_SIZE as u32,
        VALUE_SIZE as u32,
        "1.18",
    )],
};

/// `struct policy_stats_key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The policy map's endpoint (host order).
    pub endpoint_id: u16,
    /// Policy key prefixlen − 40 (the PREFIX column).
    pub prefix_len: u8,
    pub identity: u32,
    pub egress: bool,
    pub proto: u8,
    /// Destination port (network order on the wire, copied from the policy key).
    pub dport: u16,
}

impl Key {
    /// The stats key of one policy entry of endpoint `ep`.
    pub fn for_policy(ep: u16, k: &policy::Key) -> Key {
        Key {
            endpoint_id: ep,
            prefix_len: k.prefix() as u8,
            identity: k.identity,
            egress: k.egress,
            proto: k.proto,
            dport: k.dport,
        }
    }

    pub fn decode(b: &[u8]) -> Option<Key> {
        fits(b, KEY_SIZE)?;
        Some(Key {
            endpoint_id: u16_host(b, 0),
            prefix_len: b[3],
            identity: u32_host(b, 4),
            egress: b[8] & 1 != 0,
            proto: b[9],
            dport: u16_be(b, 10),
        })
    }

    pub fn encode(&self) -> [u8; KEY_SIZE] {
        let mut b = [0u8; KEY_SIZE];
        b[0..2].copy_from_slice(&self.endpoint_id.to_ne_bytes());
        b[3] = self.prefix_len;
        b[4..8].copy_from_slice(&self.identity.to_ne_bytes());
        b[8] = self.egress as u8;
        b[9] = self.proto;
        b[10..12].copy_from_slice(&self.dport.to_be_bytes());
        b
    }
}

/// Sum of the per-CPU values: (packets, bytes).
pub fn sum_percpu(b: &[u8]) -> (u64, u64) {
    b.chunks_exact(VALUE_SIZE).fold((0u64, 0u64), |(p, by), slot| {
        (p.wrapping_add(u64_host(slot, 0)), by.wrapping_add(u64_host(slot, 8)))
    })
}

/// Go `GetStat`: the summed counters of one entry; `Ok(None)` when the map has no such key.
pub fn lookup(map: &Map, key: &Key) -> Result<Option<(u64, u64)>, crate::bpf::BpfError> {
    let mut v = vec![0u8; map.value_stride()];
    Ok(map.lookup(&key.encode(), &mut v)?.then(|| sum_percpu(&v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// fidelity.md C15: Allow Egress identity 3176 53/UDP, prefix 24, endpoint 234.
    #[test]
    fn fixture_fidelity_md_stats_key() {
        let bytes: [u8; 12] = [0xEA, 0x00, 0x00, 0x18, 0x68, 0x0C, 0x00, 0x00, 0x01, 0x11, 0x00, 0x35];
        let k = Key::decode(&bytes).unwrap();
        assert_eq!(
            k,
            Key {
                endpoint_id: 234,
                prefix_len: 24,
                identity: 3176,
                egress: true,
                proto: 17,
                dport: 53
            }
        );
        assert_eq!(k.encode(), bytes);
        let pk = policy::Key::new(3176, true, 17, 53, 16);
        assert_eq!(Key::for_policy(234, &pk).encode(), bytes);
        assert_eq!(Key::decode(&bytes[..11]), None);
    }

    #[test]
    fn per_cpu_sums() {
        let mut v = vec![0u8; 3 * VALUE_SIZE];
        for (cpu, (p, b)) in [(200u64, 16_000u64), (0, 0), (11, 33)].iter().enumerate() {
            v[cpu * 16..cpu * 16 + 8].copy_from_slice(&p.to_le_bytes());
            v[cpu * 16 + 8..cpu * 16 + 16].copy_from_slice(&b.to_le_bytes());
        }
        assert_eq!(sum_percpu(&v), (211, 16_033));
    }
}
