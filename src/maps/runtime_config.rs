//! `cilium_runtime_config` (ARRAY 256 × u64): agent-written runtime values for the datapath.
//! Mirrors the index enum of Go `pkg/maps/configmap` (bpf/lib/common.h `RUNTIME_CONFIG_*`).

use serde::Serialize;

use super::util::{fits, u64_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

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
}
