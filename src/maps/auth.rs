//! `cilium_auth_map`: authenticated (local identity, remote identity, remote node, auth type)
//! pairs with an expiration in utime. Mirrors `struct auth_key` / `struct auth_info`
//! (bpf/lib/auth.h) and Go `pkg/maps/authmap`.

use std::io::Write;

use serde::Serialize;

use super::policy::auth_type_name;
use super::util::{fits, u16_host, u32_host, u64_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;
use crate::output::sorted::object;

pub const KEY_SIZE: usize = 12;
pub const VALUE_SIZE: usize = 8;
// struct auth_key: local_sec_label, remote_sec_label, remote_node_id, auth_type, pad.
const _: () = assert!(KEY_SIZE == 4 + 4 + 2 + 1 + 1);
// struct auth_info: expiration.
const _: () = assert!(VALUE_SIZE == 8);

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

#[doc(alias = "cilium_auth_map")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub local_identity: u32,
    pub remote_identity: u32,
    pub remote_node_id: u16,
    pub auth_type: u8,
}

impl Key {
    pub fn decode(b: &[u8]) -> Option<Key> {
        fits(b, KEY_SIZE)?;
        Some(Key {
            local_identity: u32_host(b, 0),
            remote_identity: u32_host(b, 4),
            remote_node_id: u16_host(b, 8),
            auth_type: b[10],
        })
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

pub fn decode_value(b: &[u8]) -> Option<u64> {
    fits(b, VALUE_SIZE)?;
    Some(u64_host(b, 0))
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

/// How `bpf auth list` and its watch show an entry.
#[derive(Debug, Clone, Copy, Default)]
pub struct View;

impl View {
    /// The listing's sort key; `None` for an entry that does not fit the layout.
    pub fn sort(k: &[u8], v: &[u8]) -> Option<(Key, u64)> {
        Some((Key::decode(k)?, decode_value(v)?))
    }
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some("SRC IDENTITY\tDST IDENTITY\tREMOTE NODE ID\tAUTH TYPE\tEXPIRATION")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::sort(k, v).is_some()
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((k, exp)) = View::sort(k, v) {
            let (s, n) = utime_to_unix(exp);
            write!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                k.local_identity,
                k.remote_identity,
                k.remote_node_id,
                auth_type_name(k.auth_type),
                go_time_string(s, n)
            )?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        let Some((k, exp)) = View::sort(k, v) else {
            return Ok(());
        };
        let (s, n) = utime_to_unix(exp);
        object(
            out,
            &Record {
                local_identity: k.local_identity,
                remote_identity: k.remote_identity,
                remote_node_id: k.remote_node_id,
                auth_type: auth_type_name(k.auth_type),
                expiration: go_time_json(s, n),
                expiration_unix_ns: s as i128 * 1_000_000_000 + n as i128,
            },
        )
    }
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
        assert_eq!(Key::decode(&b).unwrap(), k);
    }

    #[test]
    fn utime_conversion() {
        let v = unix_to_utime(1_750_000_000);
        assert_eq!(utime_to_unix(v), (1_750_000_000, 0));
        assert_eq!(utime_to_unix(v + 1), (1_750_000_000, 512));
    }

    /// Byte fixture from `maps.md` §9.7: local 1000, remote 2000, remote node 3, auth type 1
    /// (spire); expiration in utime (Unix ns >> 9): 1_700_000_000 s → × 1953125.
    #[test]
    fn fixture_maps_md_auth_entry() {
        let key: [u8; 12] = [0xe8, 0x03, 0, 0, 0xd0, 0x07, 0, 0, 3, 0, 1, 0];
        let k = Key::decode(&key).unwrap();
        assert_eq!(
            (k.local_identity, k.remote_identity, k.remote_node_id, k.auth_type),
            (1000, 2000, 3, 1)
        );
        let v = decode_value(&(1_700_000_000u64 * 1_953_125).to_le_bytes()).unwrap();
        assert_eq!(utime_to_unix(v), (1_700_000_000, 0));
        assert_eq!(utime_to_unix(v + 1), (1_700_000_000, 512), "one utime unit is 512 ns");
        assert_eq!(Key::decode(&key[..11]), None);
        assert_eq!(decode_value(&[0; 7]), None);
    }

    /// The §9.7 entry as `bpf auth list` and its watch show it: table line and record.
    #[test]
    fn view_shows_the_maps_md_auth_entry() {
        use crate::maps::view::View as _;
        let key: [u8; 12] = [0xe8, 0x03, 0, 0, 0xd0, 0x07, 0, 0, 3, 0, 1, 0];
        let val = (1_700_000_000u64 * 1_953_125).to_le_bytes();
        let mut line = Vec::new();
        View.table(&key, &val, &mut line).unwrap();
        let line = String::from_utf8(line).unwrap();
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells[..4], ["1000", "2000", "3", "spire"]);
        assert_eq!(cells[4], go_time_string(1_700_000_000, 0));
        let mut rec = Vec::new();
        View.record(&key, &val, &mut rec).unwrap();
        let rec: serde_json::Value = serde_json::from_slice(&rec).unwrap();
        assert_eq!(rec["local_identity"], 1000);
        assert_eq!(rec["remote_node_id"], 3);
        assert_eq!(rec["auth_type"], "spire");
        assert_eq!(rec["expiration_unix_ns"], 1_700_000_000_000_000_000u64);
        assert!(!View.keep(&key[..11], &val), "a short key is not listed");
    }
}
