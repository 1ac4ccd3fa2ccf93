//! `cilium_lb{4,6}_backends_v3`: u32 backend ID → `struct lb4_backend` / `struct lb6_backend`,
//! bpf/lib/lb.h, v1.16–1.18. Mirrors Go's `Backend4KeyV3` / `Backend4ValueV3` (pkg/maps/lbmap).

use std::net::IpAddr;

use serde::Serialize;

use super::util::{ipv4, ipv6, proto_name, u16_be, u16_host, u32_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;

pub const KEY_SIZE: usize = 4;
pub const VALUE4_SIZE: usize = 12;
pub const VALUE6_SIZE: usize = 24;

const _: () = assert!(VALUE4_SIZE == 4 + 2 + 1 + 1 + 2 + 1 + 1);
const _: () = assert!(VALUE6_SIZE == 16 + 2 + 1 + 1 + 2 + 1 + 1);

#[doc(alias = "cilium_lb4_backends_v3")]
pub const SPEC4: MapSpec = MapSpec {
    name: "cilium_lb4_backends_v3",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE4_SIZE as u32,
        "1.16–1.18",
    )],
};

#[doc(alias = "cilium_lb6_backends_v3")]
pub const SPEC6: MapSpec = MapSpec {
    name: "cilium_lb6_backends_v3",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE6_SIZE as u32,
        "1.16–1.18",
    )],
};

/// Decode a backend ID key (host order).
pub fn decode_key(b: &[u8]) -> Option<u32> {
    (b.len() == KEY_SIZE).then(|| u32_host(b, 0))
}

/// One backend.
#[doc(alias = "cilium_lb4_backends_v3")]
#[doc(alias = "cilium_lb6_backends_v3")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backend {
    pub addr: IpAddr,
    pub port: u16,
    pub proto: u8,
    /// Backend state (`lb*_backend.flags`): 0 active, 1 terminating, 2 quarantined, 3 maintenance.
    pub state: u8,
    pub cluster_id: u16,
    /// Topology-zone index (0 = none).
    pub zone: u8,
}

impl Backend {
    /// Decode a 12-byte (IPv4) or 24-byte (IPv6) value.
    pub fn decode(b: &[u8]) -> Option<Backend> {
        let (addr, off) = match b.len() {
            VALUE4_SIZE => (IpAddr::V4(ipv4(b, 0)), 4),
            VALUE6_SIZE => (IpAddr::V6(ipv6(b, 0)), 16),
            _ => return None,
        };
        Some(Backend {
            addr,
            port: u16_be(b, off),
            proto: b[off + 2],
            state: b[off + 3],
            cluster_id: u16_host(b, off + 4),
            zone: b[off + 6],
        })
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut b = match self.addr {
            IpAddr::V4(a) => a.octets().to_vec(),
            IpAddr::V6(a) => a.octets().to_vec(),
        };
        b.extend_from_slice(&self.port.to_be_bytes());
        b.push(self.proto);
        b.push(self.state);
        b.extend_from_slice(&self.cluster_id.to_ne_bytes());
        b.push(self.zone);
        b.push(0);
        b
    }

    /// Go's `Backend4ValueV3.String()` (`--backends`): `PROTO://IP[@CLUSTER]`, plus `[ZONE]`
    /// when a zone is set. No port. cilium-dbg resolves the zone name from the agent's
    /// `--fixed-zone-mapping`, which it does not have, so the brackets come out empty.
    pub fn cilium_string(&self) -> String {
        let mut b = Vec::with_capacity(48);
        self.write_text(&mut b);
        String::from_utf8(b).expect("ASCII")
    }

    /// [`Backend::cilium_string`] into a byte buffer (the listing's hot path).
    pub fn write_text(&self, b: &mut Vec<u8>) {
        use std::io::Write;
        super::ct::push_proto(b, self.proto);
        b.extend_from_slice(b"://");
        match self.addr {
            std::net::IpAddr::V4(a) => super::ct::push_ipv4(b, &a.octets()),
            std::net::IpAddr::V6(a) => {
                let _ = write!(b, "{a}");
            }
        }
        if self.cluster_id != 0 {
            b.push(b'@');
            super::ct::push_u64(b, u64::from(self.cluster_id));
        }
        if self.zone != 0 {
            b.extend_from_slice(b"[]");
        }
    }
}

/// Backend state names (`loadbalancer.BackendState`).
pub fn state_name(state: u8) -> &'static str {
    match state {
        0 => "active",
        1 => "terminating",
        2 => "quarantined",
        3 => "maintenance",
        _ => "unknown",
    }
}

/// `-o jsonl` record for one backend.
#[derive(Debug, Clone, Serialize)]
pub struct BackendRecord {
    pub backend_id: u32,
    pub family: &'static str,
    pub ip: IpAddr,
    pub port: u16,
    pub proto: String,
    pub state: &'static str,
    pub cluster_id: u16,
    pub zone: u8,
}

impl BackendRecord {
    pub fn new(id: u32, b: &Backend) -> BackendRecord {
        BackendRecord {
            backend_id: id,
            family: if b.addr.is_ipv6() { "ipv6" } else { "ipv4" },
            ip: b.addr,
            port: b.port,
            proto: proto_name(b.proto),
            state: state_name(b.state),
            cluster_id: b.cluster_id,
            zone: b.zone,
        }
    }
}

impl BackendRecord {
    /// The record as serde_json writes it, without serde (the `-o jsonl` hot path; tested
    /// against serde in `lb_service`).
    pub fn write_json(&self, out: &mut Vec<u8>) {
        crate::output::json::Obj::new(out)
            .num("backend_id", u64::from(self.backend_id))
            .str("family", self.family)
            .ip("ip", self.ip)
            .num("port", u64::from(self.port))
            .str("proto", &self.proto)
            .str("state", self.state)
            .num("cluster_id", u64::from(self.cluster_id))
            .num("zone", u64::from(self.zone))
            .end();
    }
}

/// Filters on a `--backends` row: the backend is the destination.
impl crate::filter::Entry for BackendRecord {
    fn dst(&self) -> Option<IpAddr> {
        Some(self.ip)
    }
    fn dport(&self) -> Option<u16> {
        Some(self.port)
    }
    fn proto(&self) -> Option<u8> {
        super::util::parse_proto(&self.proto)
    }
    fn state(&self) -> Option<&str> {
        Some(self.state)
    }
}

/// The map's key and value under the names every map module uses.
pub type Value = Backend;

/// The rows of `bpf lb list --backends`, for the listing and its watch
/// ([`crate::maps::view::View`]).
pub struct BackendView<'a> {
    /// The listing's filters (`None`: the caller filters).
    pub filter: Option<&'a crate::filter::FilterArgs>,
}

impl BackendView<'_> {
    fn decode(key: &[u8], value: &[u8]) -> anyhow::Result<(u32, Backend)> {
        decode_key(key)
            .zip(Backend::decode(value))
            .ok_or_else(|| anyhow::anyhow!("bad backend entry"))
    }
}

super::util::id_rows_view!(BackendView);

impl super::util::IdRows for BackendView<'_> {
    type Record = BackendRecord;

    fn filter(&self) -> Option<&crate::filter::FilterArgs> {
        self.filter
    }

    /// Write the ID cell then the backend cell; returns where the ID cell ends.
    fn cells(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<usize> {
        let (id, b) = Self::decode(key, value)?;
        super::ct::push_u64(out, u64::from(id));
        let mid = out.len();
        b.write_text(out);
        Ok(mid)
    }

    fn id_record(&self, key: &[u8], value: &[u8]) -> anyhow::Result<BackendRecord> {
        let (id, b) = Self::decode(key, value)?;
        Ok(BackendRecord::new(id, &b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4_value_byte_orders() {
        // 172.20.2.81:8080 TCP terminating, cluster 3 (host order), zone 0
        let mut b = [172, 20, 2, 81, 0x1f, 0x90, 6, 1, 0, 0, 0, 0];
        b[8..10].copy_from_slice(&3u16.to_ne_bytes());
        let be = Backend::decode(&b).unwrap();
        assert_eq!(be.addr.to_string(), "172.20.2.81");
        assert_eq!(be.port, 8080);
        assert_eq!(be.proto, 6);
        assert_eq!(be.state, 1);
        assert_eq!(be.cluster_id, 3);
        assert_eq!(be.encode(), b.to_vec());
        assert_eq!(be.cilium_string(), "TCP://172.20.2.81@3");
        assert_eq!(state_name(be.state), "terminating");
    }

    #[test]
    fn v6_value_no_brackets_and_zone() {
        let mut b = [0u8; 24];
        b[..16].copy_from_slice(&"fd00:10:20:1::f9".parse::<std::net::Ipv6Addr>().unwrap().octets());
        b[16..18].copy_from_slice(&80u16.to_be_bytes());
        b[18] = 17;
        b[22] = 2;
        let be = Backend::decode(&b).unwrap();
        assert_eq!(be.port, 80);
        assert_eq!(be.zone, 2);
        assert_eq!(be.cilium_string(), "UDP://fd00:10:20:1::f9[]");
        assert_eq!(be.encode(), b.to_vec());
        assert!(Backend::decode(&b[..20]).is_none());
    }

    #[test]
    fn states_and_key() {
        assert_eq!(state_name(0), "active");
        assert_eq!(state_name(2), "quarantined");
        assert_eq!(state_name(3), "maintenance");
        assert_eq!(state_name(9), "unknown");
        assert_eq!(decode_key(&7u32.to_ne_bytes()), Some(7));
        assert_eq!(decode_key(&[1, 2]), None);
    }

    #[test]
    fn record_fields() {
        let be = Backend {
            addr: "172.20.1.80".parse().unwrap(),
            port: 8080,
            proto: 6,
            state: 0,
            cluster_id: 0,
            zone: 0,
        };
        let r = serde_json::to_string(&BackendRecord::new(12, &be)).unwrap();
        assert_eq!(
            r,
            r#"{"backend_id":12,"family":"ipv4","ip":"172.20.1.80","port":8080,"proto":"TCP","state":"active","cluster_id":0,"zone":0}"#
        );
    }

    /// Byte fixture from `maps.md` §3.2 and `cli.md` §2.5 (`--backends`: `PROTO://IP`, no
    /// port): backend 172.18.0.3:6443 TCP, active, cluster 0.
    #[test]
    fn fixture_maps_md_backend() {
        let val: [u8; 12] = [172, 18, 0, 3, 0x19, 0x2b, 6, 0, 0, 0, 0, 0];
        let b = Value::decode(&val).unwrap();
        assert_eq!(b.port, 6443);
        assert_eq!(b.cilium_string(), "TCP://172.18.0.3");
        assert_eq!(decode_key(&7u32.to_le_bytes()), Some(7));
        assert!(Value::decode(&val[..11]).is_none());
    }
}
