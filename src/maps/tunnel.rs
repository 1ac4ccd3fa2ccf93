//! `cilium_tunnel_map` (1.14–1.17, tunnel routing only): remote pod CIDR → tunnel endpoint.
//! Mirrors `struct tunnel_key` / `struct tunnel_value` (bpf/lib/eps.h) and Go `pkg/maps/tunnel`.

use std::io::Write;
use std::net::IpAddr;

use serde::Serialize;

use super::util::{fits, ipv4, ipv6, u16_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;
use crate::output::sorted::object;

pub const SIZE: usize = 20;
// struct tunnel_key: ip, family, pad, cluster_id; struct tunnel_value: ip, family, key, pad.
const _: () = assert!(SIZE == 16 + 1 + 1 + 2);

#[doc(alias = "cilium_tunnel_map")]
pub const SPEC: MapSpec = MapSpec {
    name: "cilium_tunnel_map",
    shapes: &[Shape::new(map_type::HASH, SIZE as u32, SIZE as u32, "1.15–1.17")],
};

fn ip_at(b: &[u8], family: u8) -> IpAddr {
    if family == 2 {
        IpAddr::V6(ipv6(b, 0))
    } else {
        IpAddr::V4(ipv4(b, 0))
    }
}

/// Key: (prefix network address, cluster ID).
pub fn decode_key(b: &[u8]) -> Option<(IpAddr, u16)> {
    fits(b, SIZE)?;
    Some((ip_at(b, b[16]), u16_host(b, 18)))
}

/// Value: (tunnel endpoint, IPsec key).
pub fn decode_value(b: &[u8]) -> Option<(IpAddr, u8)> {
    fits(b, SIZE)?;
    Some((ip_at(b, b[16]), b[17]))
}

pub fn encode(ip: IpAddr, byte17: u8, cluster_id: u16) -> [u8; SIZE] {
    let mut b = [0u8; SIZE];
    match ip {
        IpAddr::V4(a) => {
            b[..4].copy_from_slice(&a.octets());
            b[16] = 1;
        }
        IpAddr::V6(a) => {
            b[..16].copy_from_slice(&a.octets());
            b[16] = 2;
        }
    }
    b[17] = byte17;
    b[18..20].copy_from_slice(&cluster_id.to_ne_bytes());
    b
}

/// Go key `String()`: `IP[@cluster]`.
pub fn key_string(ip: IpAddr, cluster: u16) -> String {
    if cluster != 0 {
        format!("{ip}@{cluster}")
    } else {
        ip.to_string()
    }
}

/// Go value `String()`: `IP:KEY`.
pub fn value_string(ip: IpAddr, key: u8) -> String {
    format!("{ip}:{key}")
}

#[derive(Debug, Serialize)]
pub struct Record {
    pub prefix: IpAddr,
    pub cluster_id: u16,
    pub tunnel_endpoint: IpAddr,
    pub encrypt_key: u8,
}

/// How `bpf tunnel list` and its watch show an entry (`TUNNEL<TAB>VALUE`).
#[derive(Debug, Clone, Copy, Default)]
pub struct View;

impl View {
    /// The listing's sort key (the decoded key and value); `None` for an entry that does not fit.
    pub fn sort(k: &[u8], v: &[u8]) -> Option<((IpAddr, u16), (IpAddr, u8))> {
        Some((decode_key(k)?, decode_value(v)?))
    }
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some("TUNNEL\tVALUE")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::sort(k, v).is_some()
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some(((ip, c), (t, key))) = View::sort(k, v) {
            write!(out, "{}\t{}", key_string(ip, c), value_string(t, key))?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match View::sort(k, v) {
            Some(((ip, c), (t, key))) => object(
                out,
                &Record {
                    prefix: ip,
                    cluster_id: c,
                    tunnel_endpoint: t,
                    encrypt_key: key,
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
    fn roundtrip() {
        let k = encode("172.20.1.0".parse().unwrap(), 0, 3);
        assert_eq!(k[18..20], 3u16.to_le_bytes());
        let (ip, c) = decode_key(&k).unwrap();
        assert_eq!(key_string(ip, c), "172.20.1.0@3");
        let v = encode("fd00::65".parse().unwrap(), 4, 0);
        let (ip, key) = decode_value(&v).unwrap();
        assert_eq!(value_string(ip, key), "fd00::65:4");
    }

    /// Byte fixture from `maps.md` §9.1 (1.15+ layout): key 10.244.2.0, family 1, pad,
    /// cluster_id 3; value endpoint 172.20.0.4, family 1, key 2. Printed `IP[@cluster]` and
    /// `IP:KEY`.
    #[test]
    fn fixture_maps_md_tunnel_entry() {
        let mut key = [0u8; 20];
        key[..4].copy_from_slice(&[10, 244, 2, 0]);
        key[16] = 1;
        key[18..20].copy_from_slice(&3u16.to_le_bytes());
        let mut val = [0u8; 20];
        val[..4].copy_from_slice(&[172, 20, 0, 4]);
        val[16] = 1;
        val[17] = 2;
        let (ip, cluster) = decode_key(&key).unwrap();
        let (ep, k) = decode_value(&val).unwrap();
        assert_eq!(key_string(ip, cluster), "10.244.2.0@3");
        assert_eq!(value_string(ep, k), "172.20.0.4:2");
        assert_eq!(decode_key(&key[..19]), None);
        assert_eq!(decode_value(&val[..17]), None);
    }

    /// The §9.1 entry as `bpf tunnel list` and its watch show it.
    #[test]
    fn view_shows_the_maps_md_tunnel_entry() {
        use crate::maps::view::View as _;
        let mut key = [0u8; 20];
        key[..4].copy_from_slice(&[10, 244, 2, 0]);
        key[16] = 1;
        key[18..20].copy_from_slice(&3u16.to_le_bytes());
        let mut val = [0u8; 20];
        val[..4].copy_from_slice(&[172, 20, 0, 4]);
        val[16] = 1;
        val[17] = 2;
        let (mut line, mut rec) = (Vec::new(), Vec::new());
        View.table(&key, &val, &mut line).unwrap();
        View.record(&key, &val, &mut rec).unwrap();
        assert_eq!(String::from_utf8(line).unwrap(), "10.244.2.0@3\t172.20.0.4:2");
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"prefix":"10.244.2.0","cluster_id":3,"tunnel_endpoint":"172.20.0.4","encrypt_key":2}"#
        );
    }
}
