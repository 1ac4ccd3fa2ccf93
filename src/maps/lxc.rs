//! `cilium_lxc`: local endpoints and host IPs. Mirrors `struct endpoint_key` / `struct
//! endpoint_info` (bpf/lib/eps.h) and Go `pkg/maps/lxcmap`.

use std::io::Write;
use std::net::IpAddr;

use serde::Serialize;

use super::util::{fits, ipv4, ipv6, u16_host, u32_host};
use super::{MapSpec, Shape, Version};
use crate::bpf::map_type;
use crate::output::sorted::object;

pub const KEY_SIZE: usize = 20;
pub const VALUE_SIZE: usize = 48;

pub const SPEC: MapSpec = MapSpec {
    name: "cilium_lxc",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY_SIZE as u32,
        VALUE_SIZE as u32,
        "1.15–1.18",
    )],
};

/// `ENDPOINT_F_HOST`: the entry is a local host IP.
pub const F_HOST: u32 = 1;
/// `ENDPOINT_F_ATHOSTNS` (1.17+): the endpoint lives in the host network namespace.
pub const F_ATHOSTNS: u32 = 2;

const FAMILY_V4: u8 = 1;
const FAMILY_V6: u8 = 2;

/// `struct endpoint_key`.
#[doc(alias = "cilium_lxc")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EndpointKey {
    pub ip: IpAddr,
    pub key: u8,
    pub cluster_id: u16,
}

impl EndpointKey {
    pub fn decode(b: &[u8]) -> Option<EndpointKey> {
        fits(b, KEY_SIZE)?;
        let ip = if b[16] == FAMILY_V6 {
            IpAddr::V6(ipv6(b, 0))
        } else {
            IpAddr::V4(ipv4(b, 0))
        };
        Some(EndpointKey {
            ip,
            key: b[17],
            cluster_id: u16_host(b, 18),
        })
    }

    pub fn encode(&self) -> [u8; KEY_SIZE] {
        let mut b = [0u8; KEY_SIZE];
        match self.ip {
            IpAddr::V4(a) => {
                b[..4].copy_from_slice(&a.octets());
                b[16] = FAMILY_V4;
            }
            IpAddr::V6(a) => {
                b[..16].copy_from_slice(&a.octets());
                b[16] = FAMILY_V6;
            }
        }
        b[17] = self.key;
        b[18..20].copy_from_slice(&self.cluster_id.to_ne_bytes());
        b
    }

    pub fn new(ip: IpAddr) -> EndpointKey {
        EndpointKey {
            ip,
            key: 0,
            cluster_id: 0,
        }
    }
}

/// Go `EndpointKey.String()`: `IP[@cluster]:KEY`, IPv6 not bracketed.
impl std::fmt::Display for EndpointKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.cluster_id != 0 {
            write!(f, "{}@{}:{}", self.ip, self.cluster_id, self.key)
        } else {
            write!(f, "{}:{}", self.ip, self.key)
        }
    }
}

/// `struct endpoint_info`.
#[doc(alias = "cilium_lxc")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EndpointInfo {
    pub ifindex: u32,
    pub lxc_id: u16,
    pub flags: u32,
    pub mac: [u8; 6],
    pub node_mac: [u8; 6],
    pub sec_id: u32,
    /// 1.17+; part of the padding before.
    pub parent_ifindex: u32,
}

const _: () = assert!(36 + 4 + 8 == VALUE_SIZE);

impl EndpointInfo {
    pub fn decode(b: &[u8]) -> Option<EndpointInfo> {
        fits(b, VALUE_SIZE)?;
        Some(EndpointInfo {
            ifindex: u32_host(b, 0),
            lxc_id: u16_host(b, 6),
            flags: u32_host(b, 8),
            mac: b[16..22].try_into().unwrap(),
            node_mac: b[24..30].try_into().unwrap(),
            sec_id: u32_host(b, 32),
            parent_ifindex: u32_host(b, 36),
        })
    }

    pub fn encode(&self) -> [u8; VALUE_SIZE] {
        let mut b = [0u8; VALUE_SIZE];
        b[0..4].copy_from_slice(&self.ifindex.to_ne_bytes());
        b[6..8].copy_from_slice(&self.lxc_id.to_ne_bytes());
        b[8..12].copy_from_slice(&self.flags.to_ne_bytes());
        b[16..22].copy_from_slice(&self.mac);
        b[24..30].copy_from_slice(&self.node_mac);
        b[32..36].copy_from_slice(&self.sec_id.to_ne_bytes());
        b[36..40].copy_from_slice(&self.parent_ifindex.to_ne_bytes());
        b
    }

    /// A host entry: all zero except the HOST flag.
    pub fn host() -> EndpointInfo {
        EndpointInfo {
            flags: F_HOST,
            ..Default::default()
        }
    }

    pub fn is_host(&self) -> bool {
        self.flags & F_HOST != 0
    }

    /// Go `EndpointInfo.String()`; 1.18 appends `parent_ifindex`.
    pub fn format(&self, v: Version) -> String {
        if self.is_host() {
            return "(localhost)".into();
        }
        let mut s = format!(
            "id={:<5} sec_id={:<5} flags=0x{:04X} ifindex={:<3} mac={} nodemac={}",
            self.lxc_id,
            self.sec_id,
            self.flags,
            self.ifindex,
            mac_string(&self.mac),
            mac_string(&self.node_mac)
        );
        if v >= Version::V1_18 {
            s.push_str(&format!(" parent_ifindex={:<3}", self.parent_ifindex));
        }
        s
    }

    pub fn flag_names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.flags & F_HOST != 0 {
            v.push("host");
        }
        if self.flags & F_ATHOSTNS != 0 {
            v.push("at_host_ns");
        }
        v
    }
}

/// MAC in Go's `mac.MAC` form: upper-case hex, colon separated.
pub fn mac_string(m: &[u8; 6]) -> String {
    m.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// Parse `aa:bb:cc:dd:ee:ff`.
pub fn parse_mac(s: &str) -> Option<[u8; 6]> {
    let parts: Vec<u8> = s.split(':').filter_map(|p| u8::from_str_radix(p, 16).ok()).collect();
    parts.try_into().ok()
}

/// One `cilium_lxc` entry for `-o jsonl`.
#[derive(Debug, Serialize)]
pub struct Record {
    pub ip: IpAddr,
    pub cluster_id: u16,
    pub host: bool,
    pub endpoint_id: u16,
    pub identity: u32,
    pub ifindex: u32,
    pub parent_ifindex: u32,
    pub mac: String,
    pub node_mac: String,
    pub flags: Vec<&'static str>,
}

impl Record {
    pub fn new(k: &EndpointKey, v: &EndpointInfo) -> Record {
        Record {
            ip: k.ip,
            cluster_id: k.cluster_id,
            host: v.is_host(),
            endpoint_id: v.lxc_id,
            identity: v.sec_id,
            ifindex: v.ifindex,
            parent_ifindex: v.parent_ifindex,
            mac: mac_string(&v.mac).to_lowercase(),
            node_mac: mac_string(&v.node_mac).to_lowercase(),
            flags: v.flag_names(),
        }
    }
}

/// A key for `delete`: the address as cilium-dbg parses it.
pub fn key_for(ip: IpAddr) -> EndpointKey {
    let ip = match ip {
        IpAddr::V6(a) => a.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(IpAddr::V6(a)),
        v4 => v4,
    };
    EndpointKey::new(ip)
}

/// Filters on an endpoint: its address on both sides, its identity (not for host entries),
/// and the flag names `host`, `at_host_ns`.
impl crate::filter::Entry for (EndpointKey, EndpointInfo) {
    fn src(&self) -> Option<IpAddr> {
        Some(self.0.ip)
    }
    fn dst(&self) -> Option<IpAddr> {
        Some(self.0.ip)
    }
    fn identity(&self) -> Option<u32> {
        (!self.1.is_host()).then_some(self.1.sec_id)
    }
    fn has_flag(&self, name: &str) -> bool {
        self.1.flag_names().iter().any(|f| f.eq_ignore_ascii_case(name))
    }
}

/// The map's key and value under the names every map module uses.
pub type Key = EndpointKey;
pub type Value = EndpointInfo;

/// How `bpf endpoint list` and its watch show an entry (`IP ADDRESS<TAB>LOCAL ENDPOINT INFO`);
/// a watch also applies the listing's filters.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub version: Version,
    pub filter: Option<&'a crate::filter::FilterArgs>,
}

impl View<'_> {
    pub fn decode(k: &[u8], v: &[u8]) -> Option<(EndpointKey, EndpointInfo)> {
        Some((EndpointKey::decode(k)?, EndpointInfo::decode(v)?))
    }
}

impl super::view::View for View<'_> {
    fn header(&self) -> Option<&'static str> {
        Some("IP ADDRESS\tLOCAL ENDPOINT INFO")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::decode(k, v).is_some_and(|e| self.filter.is_none_or(|f| !f.is_active() || f.matches(&e)))
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((k, val)) = View::decode(k, v) {
            write!(out, "{k}\t{}", val.format(self.version))?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match View::decode(k, v) {
            Some((k, val)) => object(out, &Record::new(&k, &val)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Vec<u8> {
        let mut v = vec![0u8; VALUE_SIZE];
        v[0..4].copy_from_slice(&12u32.to_le_bytes());
        v[6..8].copy_from_slice(&234u16.to_le_bytes());
        v[8..12].copy_from_slice(&2u32.to_le_bytes());
        v[16..22].copy_from_slice(&[0x4e, 0xd2, 0x91, 0x0a, 0x35, 0x7c]);
        v[24..30].copy_from_slice(&[0xf6, 0x41, 0x0c, 0x9e, 0x22, 0xd1]);
        v[32..36].copy_from_slice(&3012u32.to_le_bytes());
        v[36..40].copy_from_slice(&7u32.to_le_bytes());
        v
    }

    #[test]
    fn decode_value_and_format_per_version() {
        let v = EndpointInfo::decode(&fixture()).unwrap();
        assert_eq!(v.lxc_id, 234);
        assert_eq!(v.sec_id, 3012);
        assert_eq!(v.parent_ifindex, 7);
        assert_eq!(v.flag_names(), vec!["at_host_ns"]);
        assert_eq!(
            v.format(Version::V1_17),
            "id=234   sec_id=3012  flags=0x0002 ifindex=12  mac=4E:D2:91:0A:35:7C nodemac=F6:41:0C:9E:22:D1"
        );
        assert_eq!(
            v.format(Version::V1_18),
            "id=234   sec_id=3012  flags=0x0002 ifindex=12  mac=4E:D2:91:0A:35:7C nodemac=F6:41:0C:9E:22:D1 parent_ifindex=7  "
        );
        assert_eq!(v.encode().to_vec(), fixture());
    }

    #[test]
    fn host_flag_and_both_bits() {
        let h = EndpointInfo::host();
        assert_eq!(h.format(Version::V1_17), "(localhost)");
        let both = EndpointInfo {
            flags: F_HOST | F_ATHOSTNS,
            ..Default::default()
        };
        assert_eq!(both.flag_names(), vec!["host", "at_host_ns"]);
    }

    #[test]
    fn keys_v4_v6_and_cluster() {
        let mut b = [0u8; KEY_SIZE];
        b[..4].copy_from_slice(&[172, 20, 0, 87]);
        b[16] = 1;
        assert_eq!(EndpointKey::decode(&b).unwrap().to_string(), "172.20.0.87:0");
        // cluster_id is host order (little-endian here)
        b[18..20].copy_from_slice(&0x0102u16.to_le_bytes());
        assert_eq!(EndpointKey::decode(&b).unwrap().to_string(), "172.20.0.87@258:0");
        let k6 = EndpointKey::new("fd00::1".parse().unwrap());
        let e = k6.encode();
        assert_eq!(e[16], 2);
        assert_eq!(EndpointKey::decode(&e).unwrap().to_string(), "fd00::1:0");
        assert_eq!(key_for("::ffff:10.0.0.1".parse().unwrap()).ip.to_string(), "10.0.0.1");
    }

    /// Byte fixture from `cli.md` §2.8 (example line) and `maps.md` §6 (layouts): key
    /// 10.244.1.5, family 1; value ifindex 12, lxc_id 1234, flags 0, mac 2A:6D:E4:1B:8C:1E @16,
    /// sec_id 45678 @32.
    #[test]
    fn fixture_cli_md_endpoint_line() {
        let mut key = [0u8; 20];
        key[..4].copy_from_slice(&[10, 244, 1, 5]);
        key[16] = 1;
        let mut val = [0u8; 48];
        val[0..4].copy_from_slice(&12u32.to_le_bytes());
        val[6..8].copy_from_slice(&1234u16.to_le_bytes());
        val[16..22].copy_from_slice(&[0x2a, 0x6d, 0xe4, 0x1b, 0x8c, 0x1e]);
        val[24..30].copy_from_slice(&[0x9e, 0x01, 0x02, 0x03, 0x04, 0x05]);
        val[32..36].copy_from_slice(&45678u32.to_le_bytes());
        let k = Key::decode(&key).unwrap();
        assert_eq!(k.to_string(), "10.244.1.5:0");
        let v = Value::decode(&val).unwrap();
        assert_eq!((v.ifindex, v.lxc_id, v.sec_id, v.flags), (12, 1234, 45678, 0));
        assert_eq!(
            v.format(Version::V1_17),
            "id=1234  sec_id=45678 flags=0x0000 ifindex=12  mac=2A:6D:E4:1B:8C:1E nodemac=9E:01:02:03:04:05"
        );
        assert_eq!(Key::decode(&key[..19]), None);
        assert_eq!(Value::decode(&val[..47]), None);
    }

    /// The fixture endpoint as `bpf endpoint list` and its watch show it (cli.md §2.8 key and
    /// value forms), and its record.
    #[test]
    fn view_shows_the_fixture_endpoint() {
        use crate::maps::view::View as _;
        let mut key = [0u8; KEY_SIZE];
        key[..4].copy_from_slice(&[10, 244, 1, 5]);
        key[16] = 1;
        let view = View {
            version: Version::V1_17,
            filter: None,
        };
        let (mut line, mut rec) = (Vec::new(), Vec::new());
        view.table(&key, &fixture(), &mut line).unwrap();
        view.record(&key, &fixture(), &mut rec).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "10.244.1.5:0\tid=234   sec_id=3012  flags=0x0002 ifindex=12  mac=4E:D2:91:0A:35:7C nodemac=F6:41:0C:9E:22:D1"
        );
        let rec: serde_json::Value = serde_json::from_slice(&rec).unwrap();
        assert_eq!(
            (rec["endpoint_id"].clone(), rec["identity"].clone()),
            (234.into(), 3012.into())
        );
    }
}
