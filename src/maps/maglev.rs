//! Maglev: `cilium_lb{4,6}_maglev` (HASH_OF_MAPS, rev-NAT ID u16 network order → inner map) and
//! the unpinned inner maps (`cilium_maglev_inner`: ARRAY of one `u32 backend_id[M]`),
//! bpf/lib/lb.h, v1.16–1.18. Mirrors Go's `MaglevOuterMap`/`MaglevInnerMap` (pkg/maps/lbmap).

use anyhow::Context as _;
use serde::Serialize;

use super::util::{u16_be, u32_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

pub const OUTER_KEY_SIZE: usize = 2;
pub const OUTER_VALUE_SIZE: usize = 4;
pub const INNER_KEY_SIZE: usize = 4;
const _: () = assert!(OUTER_KEY_SIZE == 2 && OUTER_VALUE_SIZE == 4 && INNER_KEY_SIZE == 4);

/// Table sizes the agent accepts (`--bpf-lb-maglev-table-size`); default 16381.
pub const TABLE_SIZES: &[u32] = &[251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071];

#[doc(alias = "cilium_lb4_maglev")]
pub const SPEC4: MapSpec = MapSpec {
    name: "cilium_lb4_maglev",
    shapes: &[Shape::new(
        map_type::HASH_OF_MAPS,
        OUTER_KEY_SIZE as u32,
        OUTER_VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

#[doc(alias = "cilium_lb6_maglev")]
pub const SPEC6: MapSpec = MapSpec {
    name: "cilium_lb6_maglev",
    shapes: &[Shape::new(
        map_type::HASH_OF_MAPS,
        OUTER_KEY_SIZE as u32,
        OUTER_VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

/// Outer key: the service's rev-NAT ID (network order).
pub fn decode_outer_key(b: &[u8]) -> Option<u16> {
    (b.len() == OUTER_KEY_SIZE).then(|| u16_be(b, 0))
}

pub fn encode_outer_key(id: u16) -> [u8; 2] {
    id.to_be_bytes()
}

/// Outer value as a user-space lookup returns it: the inner map's kernel ID.
pub fn decode_outer_value(b: &[u8]) -> Option<u32> {
    (b.len() == OUTER_VALUE_SIZE).then(|| u32_host(b, 0))
}

/// Inner value: the lookup table, one host-order backend ID per entry.
pub fn decode_table(b: &[u8]) -> Option<Vec<u32>> {
    b.len()
        .is_multiple_of(4)
        .then(|| b.chunks_exact(4).map(|c| u32_host(c, 0)).collect())
}

pub fn encode_table(ids: &[u32]) -> Vec<u8> {
    ids.iter().flat_map(|i| i.to_ne_bytes()).collect()
}

/// cilium-dbg's key cell: `[ID]/v4` or `[ID]/v6`.
pub fn cilium_key(id: u16, ipv6: bool) -> String {
    format!("[{id}]/{}", if ipv6 { "v6" } else { "v4" })
}

/// cilium-dbg's value cell: Go's `%v` of the ID slice, `[1 2 3]`.
pub fn cilium_table(ids: &[u32]) -> String {
    let parts: Vec<String> = ids.iter().map(u32::to_string).collect();
    format!("[{}]", parts.join(" "))
}

/// `-o jsonl` record for one service's lookup table.
#[derive(Debug, Clone, Serialize)]
pub struct MaglevRecord {
    pub rev_nat_id: u16,
    pub family: &'static str,
    pub table_size: usize,
    /// How many table slots each backend owns, by backend ID (ascending).
    pub backend_slots: std::collections::BTreeMap<u32, u32>,
    pub table: Vec<u32>,
}

impl MaglevRecord {
    pub fn new(id: u16, ipv6: bool, table: Vec<u32>) -> MaglevRecord {
        let mut slots = std::collections::BTreeMap::new();
        for b in &table {
            *slots.entry(*b).or_insert(0) += 1;
        }
        MaglevRecord {
            rev_nat_id: id,
            family: if ipv6 { "ipv6" } else { "ipv4" },
            table_size: table.len(),
            backend_slots: slots,
            table,
        }
    }
}

/// Read one service's lookup table from the inner map a Maglev outer entry names.
pub fn read_table(outer: &crate::bpf::Map, inner_id: u32) -> anyhow::Result<Vec<u32>> {
    let inner = crate::bpf::Map::open_id(inner_id).with_context(|| {
        format!(
            "opening the Maglev inner map (id {inner_id}) named by {}",
            outer.path().display()
        )
    })?;
    let info = inner.info();
    if info.map_type != map_type::ARRAY || info.key_size != 4 || info.value_size % 4 != 0 {
        anyhow::bail!(
            "refusing to decode Maglev inner map id {inner_id} of {}: it is a {} map with key {} B / value {} B, \
             but cdbg knows it as an array with key 4 B and a value of u32 backend IDs",
            outer.path().display(),
            map_type::name(info.map_type),
            info.key_size,
            info.value_size
        );
    }
    let mut buf = vec![0u8; inner.value_stride()];
    if !inner.lookup(&0u32.to_ne_bytes(), &mut buf)? {
        anyhow::bail!("Maglev inner map id {inner_id} has no entry 0");
    }
    decode_table(&buf).ok_or_else(|| super::bad_entry(&inner).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outer_key_network_order_value_host_order() {
        assert_eq!(decode_outer_key(&[0x00, 0x07]), Some(7));
        assert_eq!(encode_outer_key(0x0102), [0x01, 0x02]);
        assert_eq!(decode_outer_value(&42u32.to_ne_bytes()), Some(42));
        assert_eq!(decode_outer_key(&[1, 2, 3]), None);
    }

    #[test]
    fn table_round_trip_and_format() {
        let t = vec![8, 9, 9, 8, 8];
        let b = encode_table(&t);
        assert_eq!(&b[4..8], &9u32.to_ne_bytes());
        assert_eq!(decode_table(&b), Some(t.clone()));
        assert_eq!(decode_table(&b[..5]), None);
        assert_eq!(cilium_table(&t), "[8 9 9 8 8]");
        assert_eq!(cilium_key(7, false), "[7]/v4");
        assert_eq!(cilium_key(16, true), "[16]/v6");
        let r = MaglevRecord::new(7, false, t);
        assert_eq!(r.backend_slots.get(&8), Some(&3));
        assert_eq!(r.table_size, 5);
        assert!(TABLE_SIZES.contains(&16381));
    }

    /// Byte fixture from `maps.md` §3.6: outer key rev-NAT ID 1 NBO, outer value inner map ID
    /// (host u32); inner value `u32 backend_id[M]` in host order.
    #[test]
    fn fixture_maps_md_maglev() {
        assert_eq!(decode_outer_key(&[0x00, 0x01]), Some(1));
        assert_eq!(decode_outer_value(&42u32.to_le_bytes()), Some(42));
        let table: Vec<u8> = [1u32, 2, 1].iter().flat_map(|x| x.to_le_bytes()).collect();
        assert_eq!(decode_table(&table), Some(vec![1, 2, 1]));
        assert_eq!(decode_outer_key(&[0x00]), None);
    }
}
