//! `cilium_egress_gw_policy_v4` (LPM): (pod source IP, destination CIDR) → egress IP and gateway.
//! Mirrors `struct egress_gw_policy_key/entry` (bpf/lib/egress_gateway.h) and Go
//! `pkg/maps/egressmap`.

use std::io::Write;
use std::net::Ipv4Addr;

use serde::Serialize;

use super::util::{fits, ipv4, u32_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;
use crate::output::sorted::object;

pub const KEY_SIZE: usize = 12;
pub const VALUE_SIZE: usize = 8;
// prefixlen, saddr, daddr.
const _: () = assert!(KEY_SIZE == 4 + 4 + 4);
// egress_ip, gateway_ip.
const _: () = assert!(VALUE_SIZE == 4 + 4);

pub const SPEC_V4: MapSpec = MapSpec {
    name: "cilium_egress_gw_policy_v4",
    shapes: &[Shape::new(
        map_type::LPM_TRIE,
        KEY_SIZE as u32,
        VALUE_SIZE as u32,
        "1.14–1.18",
    )],
};

/// Name of the 1.18 IPv6 map (not decoded by cdbg yet; reported when present).
pub const V6_NAME: &str = "cilium_egress_gw_policy_v6";

/// Gateway `0.0.0.0`: no gateway node found.
pub const GATEWAY_NOT_FOUND: Ipv4Addr = Ipv4Addr::new(0, 0, 0, 0);
/// Gateway `0.0.0.1`: destination in an excluded CIDR.
pub const EXCLUDED_CIDR: Ipv4Addr = Ipv4Addr::new(0, 0, 0, 1);

#[doc(alias = "cilium_egress_gw_policy_v4")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub source: Ipv4Addr,
    pub dest: Ipv4Addr,
    pub dest_bits: u8,
}

impl Key {
    pub fn decode(b: &[u8]) -> Option<Key> {
        fits(b, KEY_SIZE)?;
        Some(Key {
            dest_bits: u32_host(b, 0).saturating_sub(32) as u8,
            source: ipv4(b, 4),
            dest: ipv4(b, 8),
        })
    }

    pub fn encode(&self) -> [u8; KEY_SIZE] {
        let mut b = [0u8; KEY_SIZE];
        b[0..4].copy_from_slice(&(32 + self.dest_bits as u32).to_ne_bytes());
        b[4..8].copy_from_slice(&self.source.octets());
        b[8..12].copy_from_slice(&self.dest.octets());
        b
    }
}

/// (egress IP, gateway IP).
pub fn decode_value(b: &[u8]) -> Option<(Ipv4Addr, Ipv4Addr)> {
    fits(b, VALUE_SIZE)?;
    Some((ipv4(b, 0), ipv4(b, 4)))
}

pub fn encode_value(egress: Ipv4Addr, gw: Ipv4Addr) -> [u8; VALUE_SIZE] {
    let mut b = [0u8; VALUE_SIZE];
    b[0..4].copy_from_slice(&egress.octets());
    b[4..8].copy_from_slice(&gw.octets());
    b
}

/// cilium-dbg's gateway column: the special values by name.
pub fn gateway_string(gw: Ipv4Addr) -> String {
    if gw == GATEWAY_NOT_FOUND {
        "Not Found".into()
    } else if gw == EXCLUDED_CIDR {
        "Excluded CIDR".into()
    } else {
        gw.to_string()
    }
}

/// cilium-dbg's `-o json` element (`egressPolicy`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JsonPolicy {
    #[serde(rename = "SourceIP")]
    pub source_ip: String,
    #[serde(rename = "DestCIDR")]
    pub dest_cidr: String,
    #[serde(rename = "EgressIP")]
    pub egress_ip: String,
    #[serde(rename = "GatewayIP")]
    pub gateway_ip: String,
}

#[derive(Debug, Serialize)]
pub struct Record {
    pub source_ip: Ipv4Addr,
    pub destination_cidr: String,
    pub egress_ip: Ipv4Addr,
    pub gateway_ip: Ipv4Addr,
    pub gateway: &'static str,
}

pub fn gateway_kind(gw: Ipv4Addr) -> &'static str {
    if gw == GATEWAY_NOT_FOUND {
        "not_found"
    } else if gw == EXCLUDED_CIDR {
        "excluded_cidr"
    } else {
        "node"
    }
}

/// How `bpf egress list` and its watch show an entry.
#[derive(Debug, Clone, Copy, Default)]
pub struct View;

impl View {
    /// The listing's sort key (the decoded entry); `None` for an entry that does not fit.
    pub fn sort(k: &[u8], v: &[u8]) -> Option<(Key, (Ipv4Addr, Ipv4Addr))> {
        Some((Key::decode(k)?, decode_value(v)?))
    }
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some("Source IP\tDestination CIDR\tEgress IP\tGateway IP")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::sort(k, v).is_some()
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((k, (e, g))) = View::sort(k, v) {
            write!(
                out,
                "{}\t{}/{}\t{e}\t{}",
                k.source,
                k.dest,
                k.dest_bits,
                gateway_string(g)
            )?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match View::sort(k, v) {
            Some((k, (e, g))) => object(
                out,
                &Record {
                    source_ip: k.source,
                    destination_cidr: format!("{}/{}", k.dest, k.dest_bits),
                    egress_ip: e,
                    gateway_ip: g,
                    gateway: gateway_kind(g),
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
    fn roundtrip_and_specials() {
        let k = Key {
            source: "172.20.0.87".parse().unwrap(),
            dest: "10.0.0.0".parse().unwrap(),
            dest_bits: 8,
        };
        let b = k.encode();
        assert_eq!(u32::from_le_bytes(b[0..4].try_into().unwrap()), 40);
        assert_eq!(Key::decode(&b).unwrap(), k);
        let v = encode_value("192.168.10.200".parse().unwrap(), EXCLUDED_CIDR);
        let (e, g) = decode_value(&v).unwrap();
        assert_eq!(e.to_string(), "192.168.10.200");
        assert_eq!(gateway_string(g), "Excluded CIDR");
        assert_eq!(gateway_string(GATEWAY_NOT_FOUND), "Not Found");
        assert_eq!(gateway_kind("192.168.10.101".parse().unwrap()), "node");
    }

    /// Byte fixture from `maps.md` §9.3: pod 10.0.1.5 to 1.1.1.0/24 → prefixlen 32 + 24 = 56;
    /// value egress IP 192.168.1.10, gateway 0.0.0.1 (excluded CIDR).
    #[test]
    fn fixture_maps_md_egress_entry() {
        let key: [u8; 12] = [56, 0, 0, 0, 10, 0, 1, 5, 1, 1, 1, 0];
        let k = Key::decode(&key).unwrap();
        assert_eq!(
            (k.source, k.dest, k.dest_bits),
            ("10.0.1.5".parse().unwrap(), "1.1.1.0".parse().unwrap(), 24)
        );
        let (egress, gw) = decode_value(&[192, 168, 1, 10, 0, 0, 0, 1]).unwrap();
        assert_eq!(egress, Ipv4Addr::new(192, 168, 1, 10));
        assert_eq!(gw, EXCLUDED_CIDR);
        assert_eq!(Key::decode(&key[..11]), None);
        assert_eq!(decode_value(&[0; 7]), None);
    }

    /// A §9.3 entry (pod 10.0.1.5 to 192.168.0.0/24, excluded CIDR) as `bpf egress list` and its
    /// watch show it.
    #[test]
    fn view_shows_a_maps_md_egress_entry() {
        use crate::maps::view::View as _;
        let mut key = [0u8; 12];
        key[..4].copy_from_slice(&56u32.to_le_bytes());
        key[4..8].copy_from_slice(&[10, 0, 1, 5]);
        key[8..12].copy_from_slice(&[192, 168, 0, 0]);
        let val: [u8; 8] = [10, 0, 0, 9, 0, 0, 0, 1];
        let (mut line, mut rec) = (Vec::new(), Vec::new());
        View.table(&key, &val, &mut line).unwrap();
        View.record(&key, &val, &mut rec).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "10.0.1.5\t192.168.0.0/24\t10.0.0.9\tExcluded CIDR"
        );
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"source_ip":"10.0.1.5","destination_cidr":"192.168.0.0/24","egress_ip":"10.0.0.9","gateway_ip":"0.0.0.1","gateway":"excluded_cidr"}"#
        );
    }
}
