//! `cilium_runtime_config` (ARRAY 256 × u64): agent-written runtime values for the datapath.
//! Mirrors the index enum of Go `pkg/maps/configmap` (bpf/lib/common.h `RUNTIME_CONFIG_*`).

use std::io::Write;

use serde::Serialize;

use super::util::{fits, u64_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;
use crate::output::sorted::object;

/// Key: u32 index.
pub const KEY_SIZE: usize = 4;
/// Value: u64.
pub const VALUE_SIZE: usize = 8;

#[doc(alias = "cilium_runtime_config")]
pub const SPEC: MapSpec = MapSpec {
    name: "cilium_runtime_config",
    shapes: &[Shape::new(
        map_type::ARRAY,
        KEY_SIZE as u32,
        VALUE_SIZE as u32,
        "1.14–1.18",
    )],
};

pub const MAX_ENTRIES: u32 = 256;

/// Index 0: boot time in utime units (datapath utime = (ktime_ns >> 9) + offset).
pub const UTIME_OFFSET: u32 = 0;
/// Index 1: CLOCK_MONOTONIC ns of the agent's last heartbeat.
pub const AGENT_LIVENESS: u32 = 1;

/// Go `configmap.Index.String()`.
pub fn index_name(i: u32) -> String {
    match i {
        UTIME_OFFSET => "UTimeOffset".into(),
        AGENT_LIVENESS => "AgentLiveness".into(),
        n => format!("Unknown({n})"),
    }
}

pub fn decode_value(b: &[u8]) -> Option<u64> {
    fits(b, VALUE_SIZE)?;
    Some(u64_host(b, 0))
}

/// cilium-dbg's `-o json` element (`configEntry`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JsonEntry {
    pub key: String,
    pub value: u64,
}

/// One runtime config value for `-o jsonl`; the liveness age is relative to `now_ns`.
#[derive(Debug, Serialize)]
pub struct Record {
    pub index: u32,
    pub key: String,
    pub value: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_seconds: Option<f64>,
}

/// The agent's last heartbeat (`AgentLiveness`, CLOCK_MONOTONIC ns); `Ok(None)` when never set.
pub fn agent_liveness(root: &crate::maps::BpfRoot) -> Result<Option<u64>, crate::maps::MapError> {
    let (m, _) = root.open(&SPEC)?;
    let mut v = [0u8; 8];
    if !m.lookup(&AGENT_LIVENESS.to_ne_bytes(), &mut v)? {
        return Ok(None);
    }
    Ok(decode_value(&v).filter(|&x| x != 0))
}

/// How `bpf config list` and its watch show a slot: the agent liveness and the utime offset.
/// Only a row just read shows the liveness age; a row a watch remembers (changed or removed)
/// shows its value alone, so a change names the value, not the age.
#[derive(Debug, Clone, Copy, Default)]
pub struct View;

impl View {
    /// The listed slot index and its value; `None` for other slots and short values.
    pub fn decode(k: &[u8], v: &[u8]) -> Option<(u32, u64)> {
        let i = u32::from_ne_bytes(k.try_into().ok()?);
        [AGENT_LIVENESS, UTIME_OFFSET].contains(&i).then_some(())?;
        Some((i, decode_value(v.get(..VALUE_SIZE)?)?))
    }
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some("KEY\tVALUE")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::decode(k, v).is_some()
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((i, val)) = View::decode(k, v) {
            write!(out, "{}\t{val}", index_name(i))?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        let Some((i, val)) = View::decode(k, v) else {
            return Ok(());
        };
        let age = (i == AGENT_LIVENESS).then(|| crate::clock::monotonic_ns().saturating_sub(val) as f64 / 1e9);
        record(out, i, val, age)
    }
    fn record_remembered(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match View::decode(k, v) {
            Some((i, val)) => record(out, i, val, None),
            None => Ok(()),
        }
    }
}

/// One slot's `-o jsonl` record.
fn record(out: &mut Vec<u8>, i: u32, val: u64, age: Option<f64>) -> anyhow::Result<()> {
    object(
        out,
        &Record {
            index: i,
            key: index_name(i),
            value: val,
            age_seconds: age,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values() {
        assert_eq!(index_name(0), "UTimeOffset");
        assert_eq!(index_name(1), "AgentLiveness");
        assert_eq!(index_name(7), "Unknown(7)");
        assert_eq!(decode_value(&42u64.to_le_bytes()).unwrap(), 42);
    }

    /// Byte fixture from `maps.md` §9.8: index 1 is AgentLiveness, a host-order u64 of
    /// CLOCK_MONOTONIC ns.
    #[test]
    fn fixture_maps_md_runtime_config() {
        assert_eq!(index_name(1), "AgentLiveness");
        assert_eq!(index_name(0), "UTimeOffset");
        let v = 5_000_000_000u64.to_le_bytes();
        assert_eq!(decode_value(&v), Some(5_000_000_000));
        assert_eq!(decode_value(&v[..7]), None);
    }

    /// The §9.8 slots as `bpf config list` and its watch show them; a remembered liveness row
    /// (rebuilt from the watch's state) has no age.
    #[test]
    fn view_shows_the_maps_md_slots() {
        use crate::maps::view::View as _;
        let live = AGENT_LIVENESS.to_ne_bytes();
        let val = 5_000_000_000u64.to_le_bytes();
        let mut line = Vec::new();
        View.table(&live, &val, &mut line).unwrap();
        assert_eq!(String::from_utf8(line).unwrap(), "AgentLiveness\t5000000000");
        let mut line = Vec::new();
        View.table(&UTIME_OFFSET.to_ne_bytes(), &val, &mut line).unwrap();
        assert_eq!(String::from_utf8(line).unwrap(), "UTimeOffset\t5000000000");
        assert!(!View.keep(&2u32.to_ne_bytes(), &val), "other slots are not listed");
        let rec = |v: &[u8]| {
            let mut b = Vec::new();
            View.record(&live, v, &mut b).unwrap();
            serde_json::from_slice::<serde_json::Value>(&b).unwrap()
        };
        assert!(rec(&val).get("age_seconds").is_some());
        let mut b = Vec::new();
        View.record_remembered(&live, &val, &mut b).unwrap();
        let remembered = serde_json::from_slice::<serde_json::Value>(&b).unwrap();
        assert_eq!(remembered["value"], 5_000_000_000u64);
        assert!(remembered.get("age_seconds").is_none());
    }
}
