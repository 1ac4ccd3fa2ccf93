//! `cilium_auth_map`: authenticated (local identity, remote identity, remote node, auth type)
//! pairs with an expiration in utime. Mirrors `struct auth_key` / `struct auth_info`
//! (bpf/lib/auth.h) and Go `pkg/maps/authmap`.

use serde::Serialize;

use super::util::{fits, u16_host, u32_host, u64_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

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

extern "C" {
    fn tzset();
}

/// Local broken-down time of a Unix second: (y, mo, d, h, mi, s, utc offset s, zone name).
fn local_tm(secs: i64) -> (i32, u32, u32, u32, u32, u32, i64, String) {
    let t = secs as libc::time_t;
    // SAFETY: localtime_r fills the zeroed tm; tzset reads TZ.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    unsafe {
        tzset();
        libc::localtime_r(&t, &mut tm);
    }
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: tm_zone points to a NUL-terminated static string from libc.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    (
        tm.tm_year + 1900,
        (tm.tm_mon + 1) as u32,
        tm.tm_mday as u32,
        tm.tm_hour as u32,
        tm.tm_min as u32,
        tm.tm_sec as u32,
        tm.tm_gmtoff,
        zone,
    )
}

fn frac(nanos: u32) -> String {
    if nanos == 0 {
        return String::new();
    }
    let s = format!(".{nanos:09}");
    s.trim_end_matches('0').to_string()
}

fn offset(off: i64, colon: bool) -> String {
    let sign = if off < 0 { '-' } else { '+' };
    let a = off.abs();
    if colon {
        format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
    } else {
        format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
    }
}

/// Go `time.Time.String()` in local time: `2006-01-02 15:04:05.999999999 -0700 MST`.
pub fn go_time_string(secs: i64, nanos: u32) -> String {
    let (y, mo, d, h, mi, s, off, zone) = local_tm(secs);
    format!(
        "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}{} {} {zone}",
        frac(nanos),
        offset(off, false)
    )
}

/// Go `time.Time` JSON (RFC 3339 with nanoseconds), local time.
pub fn go_time_json(secs: i64, nanos: u32) -> String {
    let (y, mo, d, h, mi, s, off, _) = local_tm(secs);
    let z = if off == 0 { "Z".to_string() } else { offset(off, true) };
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{}{z}", frac(nanos))
}

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
        assert_eq!(Key::decode(&b).unwrap(), k);
    }

    #[test]
    fn utime_conversion() {
        let v = unix_to_utime(1_750_000_000);
        assert_eq!(utime_to_unix(v), (1_750_000_000, 0));
        assert_eq!(utime_to_unix(v + 1), (1_750_000_000, 512));
    }

    #[test]
    fn go_time_forms_in_utc() {
        std::env::set_var("TZ", "UTC");
        assert_eq!(go_time_string(1_750_000_000, 0), "2025-06-15 15:06:40 +0000 UTC");
        assert_eq!(
            go_time_string(1_750_000_000, 512),
            "2025-06-15 15:06:40.000000512 +0000 UTC"
        );
        assert_eq!(go_time_json(1_750_000_000, 0), "2025-06-15T15:06:40Z");
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
}
