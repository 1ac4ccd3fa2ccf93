//! `cilium_auth_map`: authenticated (local identity, remote identity, remote node, auth type)
//! pairs with an expiration in utime. Mirrors `struct auth_key` / `struct auth_info`
//! (bpf/lib/auth.h) and Go `pkg/maps/authmap`.

use serde::Serialize;

use super::util::{u16_host, u32_host, u64_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

pub const KEY_SIZE: usize = 12;
pub const VALUE_SIZE: usize = 8;

pub const SPEC: MapSpec = MapSpec {
    name: "cilium_auth_map",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE_SIZE as u32,
        "1.14–1.18",
    )],
};

/// utime units per second (1 unit = 512 ns).
pub const UTIME_PER_SEC: u64 = 1_953_125;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub local_identity: u32,
    pub remote_identity: u32,
    pub remote_node_id: u16,
    pub auth_type: u8,
}

impl Key {
    pub fn decode(b: &[u8]) -> Key {
        Key {
            local_identity: u32_host(b, 0),
            remote_identity: u32_host(b, 4),
            remote_node_id: u16_host(b, 8),
            auth_type: b[10],
        }
    }

    pub fn encode(&self) -> [u8; KEY_SIZE] {
        let mut b = [0u8; KEY_SIZE];
        b[0..4].copy_from_slice(&self.local_identity.to_ne_bytes());
        b[4..8].copy_from_slice(&self.remote_identity.to_ne_bytes());
        b[8..10].copy_from_slice(&self.remote_node_id.to_ne_bytes());
        b[10] = self.auth_type;
        b
    }
}

/// Expiration (utime) → Unix (seconds, nanoseconds).
pub fn utime_to_unix(v: u64) -> (i64, u32) {
    ((v / UTIME_PER_SEC) as i64, ((v % UTIME_PER_SEC) << 9) as u32)
}

pub fn unix_to_utime(secs: u64) -> u64 {
    secs * UTIME_PER_SEC
}

pub fn decode_value(b: &[u8]) -> u64 {
    u64_host(b, 0)
}

pub use crate::gotime::{time_json as go_time_json, time_string as go_time_string};

/// cilium-dbg's `-o json` element (`authEntry`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JsonEntry {
    pub local_identity: u32,
    pub remote_identity: u32,
    #[serde(rename = "RemoteNodeID")]
    pub remote_node_id: u16,
    pub auth_type: u8,
    pub expiration: String,
}

/// One auth entry for `-o jsonl`.
#[derive(Debug, Serialize)]
pub struct Record {
    pub local_identity: u32,
    pub remote_identity: u32,
    pub remote_node_id: u16,
    pub auth_type: String,
    pub expiration: String,
    pub expiration_unix_ns: i128,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_bytes() {
        let k = Key {
            local_identity: 3012,
            remote_identity: 12787,
            remote_node_id: 2,
            auth_type: 1,
        };
        let b = k.encode();
        assert_eq!(b[0..4], 3012u32.to_le_bytes());
        assert_eq!(b[8..10], 2u16.to_le_bytes());
        assert_eq!(Key::decode(&b), k);
    }

    #[test]
    fn utime_conversion() {
        let v = unix_to_utime(1_750_000_000);
        assert_eq!(utime_to_unix(v), (1_750_000_000, 0));
        assert_eq!(utime_to_unix(v + 1), (1_750_000_000, 512));
    }
}
