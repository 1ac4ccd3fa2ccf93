//! `cilium_ipcache` (1.16/1.17, value 12 B) and `cilium_ipcache_v2` (1.18, value 24 B): prefix →
//! identity, tunnel endpoint, IPsec key, flags. Mirrors `struct ipcache_key` /
//! `struct remote_endpoint_info` (bpf/lib/eps.h) and Go `pkg/maps/ipcache`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use super::ct::{push_ipv4, push_u64};
use super::util::{fits, ipv4, ipv6, u16_host, u32_host};
use super::{MapSpec, Shape, Version};
use crate::bpf::map_type;

pub const KEY_SIZE: usize = 24;
pub const V1_VALUE_SIZE: usize = 12;
pub const V2_VALUE_SIZE: usize = 24;
/// cluster_id + pad + family: always matched.
pub const STATIC_PREFIX_BITS: u32 = 32;
const _: () = assert!(KEY_SIZE == 4 + 2 + 1 + 1 + 16);
const _: () = assert!(V1_VALUE_SIZE == 4 + 4 + 2 + 1 + 1);
const _: () = assert!(V2_VALUE_SIZE == 4 + 16 + 2 + 1 + 1);

#[doc(alias = "cilium_ipcache")]
pub const SPEC_V1: MapSpec = MapSpec {
    name: "cilium_ipcache",
    shapes: &[Shape::new(
        map_type::LPM_TRIE,
        KEY_SIZE as u32,
        V1_VALUE_SIZE as u32,
        "1.15–1.17",
    )],
};

#[doc(alias = "cilium_ipcache_v2")]
pub const SPEC_V2: MapSpec = MapSpec {
    name: "cilium_ipcache_v2",
    shapes: &[Shape::new(
        map_type::LPM_TRIE,
        KEY_SIZE as u32,
        V2_VALUE_SIZE as u32,
        "1.18",
    )],
};

pub const FLAG_SKIP_TUNNEL: u8 = 1;
pub const FLAG_HAS_TUNNEL_EP: u8 = 2;
pub const FLAG_IPV6_TUNNEL_EP: u8 = 4;

/// `struct ipcache_key`.
#[doc(alias = "cilium_ipcache")]
#[doc(alias = "cilium_ipcache_v2")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub ip: IpAddr,
    /// CIDR bits (stored prefixlen minus the static 32).
    pub bits: u8,
    pub cluster_id: u16,
}

impl Key {
    pub fn decode(b: &[u8]) -> Option<Key> {
        fits(b, KEY_SIZE)?;
        let prefixlen = u32_host(b, 0);
        let ip = if b[7] == 2 {
            IpAddr::V6(ipv6(b, 8))
        } else {
            IpAddr::V4(ipv4(b, 8))
        };
        Some(Key {
            ip,
            bits: prefixlen.saturating_sub(STATIC_PREFIX_BITS) as u8,
            cluster_id: u16_host(b, 4),
        })
    }

    /// Encode with the address masked to `bits`.
    pub fn encode(&self) -> [u8; KEY_SIZE] {
        let mut b = [0u8; KEY_SIZE];
        b[0..4].copy_from_slice(&(STATIC_PREFIX_BITS + self.bits as u32).to_ne_bytes());
        b[4..6].copy_from_slice(&self.cluster_id.to_ne_bytes());
        match mask(self.ip, self.bits) {
            IpAddr::V4(a) => {
                b[7] = 1;
                b[8..12].copy_from_slice(&a.octets());
            }
            IpAddr::V6(a) => {
                b[7] = 2;
                b[8..24].copy_from_slice(&a.octets());
            }
        }
        b
    }

    /// A full-length key for an address: an LPM lookup with it returns the longest match.
    pub fn host(ip: IpAddr) -> Key {
        let bits = if ip.is_ipv4() { 32 } else { 128 };
        Key {
            ip,
            bits,
            cluster_id: 0,
        }
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        ip.is_ipv4() == self.ip.is_ipv4() && mask(ip, self.bits) == mask(self.ip, self.bits)
    }
}

impl Key {
    /// [`Display`](std::fmt::Display) into a byte buffer without allocating (the listing's hot
    /// path).
    pub fn write_text(&self, buf: &mut Vec<u8>) {
        push_addr(buf, self.ip);
        buf.push(b'/');
        push_u64(buf, u64::from(self.bits));
        if self.cluster_id != 0 {
            buf.push(b'@');
            push_u64(buf, u64::from(self.cluster_id));
        }
    }
}

/// An address as Rust's `Display` prints it.
fn push_addr(buf: &mut Vec<u8>, ip: IpAddr) {
    use std::io::Write;
    match ip {
        IpAddr::V4(a) => push_ipv4(buf, &a.octets()),
        IpAddr::V6(a) => {
            let _ = write!(buf, "{a}");
        }
    }
}

/// Go `Key.String()`: `PREFIX[@cluster]`.
impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.ip, self.bits)?;
        if self.cluster_id != 0 {
            write!(f, "@{}", self.cluster_id)?;
        }
        Ok(())
    }
}

/// The address with only the first `bits` bits kept.
pub fn mask(ip: IpAddr, bits: u8) -> IpAddr {
    match ip {
        IpAddr::V4(a) => {
            let m = if bits == 0 {
                0
            } else {
                u32::MAX << (32 - bits.min(32) as u32)
            };
            IpAddr::V4(Ipv4Addr::from(u32::from(a) & m))
        }
        IpAddr::V6(a) => {
            let m = if bits == 0 {
                0
            } else {
                u128::MAX << (128 - bits.min(128) as u32)
            };
            IpAddr::V6(Ipv6Addr::from(u128::from(a) & m))
        }
    }
}

/// `struct remote_endpoint_info` (either layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value {
    pub identity: u32,
    pub tunnel_endpoint: IpAddr,
    pub key: u8,
    pub flags: u8,
}

impl Value {
    /// v1: identity @0, tunnel be32 @4, pad @8, key @10, flags @11.
    pub fn decode_v1(b: &[u8]) -> Option<Value> {
        fits(b, V1_VALUE_SIZE)?;
        Some(Value {
            identity: u32_host(b, 0),
            tunnel_endpoint: IpAddr::V4(ipv4(b, 4)),
            key: b[10],
            flags: b[11],
        })
    }

    /// v2: identity @0, tunnel 16 B @4, pad @20, key @22, flags @23.
    pub fn decode_v2(b: &[u8]) -> Option<Value> {
        fits(b, V2_VALUE_SIZE)?;
        let flags = b[23];
        let tunnel_endpoint = if flags & FLAG_IPV6_TUNNEL_EP != 0 {
            IpAddr::V6(ipv6(b, 4))
        } else {
            IpAddr::V4(ipv4(b, 4))
        };
        Some(Value {
            identity: u32_host(b, 0),
            tunnel_endpoint,
            key: b[22],
            flags,
        })
    }

    /// Either layout, chosen by length.
    pub fn decode(b: &[u8]) -> Option<Value> {
        if b.len() >= V2_VALUE_SIZE {
            Value::decode_v2(b)
        } else {
            Value::decode_v1(b)
        }
    }

    pub fn encode_v1(&self) -> [u8; V1_VALUE_SIZE] {
        let mut b = [0u8; V1_VALUE_SIZE];
        b[0..4].copy_from_slice(&self.identity.to_ne_bytes());
        if let IpAddr::V4(a) = self.tunnel_endpoint {
            b[4..8].copy_from_slice(&a.octets());
        }
        b[10] = self.key;
        b[11] = self.flags;
        b
    }

    pub fn encode_v2(&self) -> [u8; V2_VALUE_SIZE] {
        let mut b = [0u8; V2_VALUE_SIZE];
        b[0..4].copy_from_slice(&self.identity.to_ne_bytes());
        match self.tunnel_endpoint {
            IpAddr::V4(a) => b[4..8].copy_from_slice(&a.octets()),
            IpAddr::V6(a) => b[4..20].copy_from_slice(&a.octets()),
        }
        b[22] = self.key;
        b[23] = self.flags;
        b
    }

    /// Flag names: 1.16/1.17 know only `skiptunnel`; 1.18 adds `hastunnel`, `ipv6tunnel`.
    pub fn flag_names(&self, v: Version) -> Flags {
        let mut n = Flags::default();
        if self.flags & FLAG_SKIP_TUNNEL != 0 {
            n.push("skiptunnel");
        }
        if v >= Version::V1_18 {
            if self.flags & FLAG_HAS_TUNNEL_EP != 0 {
                n.push("hastunnel");
            }
            if self.flags & FLAG_IPV6_TUNNEL_EP != 0 {
                n.push("ipv6tunnel");
            }
        }
        n
    }

    /// Go `RemoteEndpointInfo.String()` of the given release.
    pub fn format(&self, v: Version) -> String {
        let mut b = Vec::with_capacity(80);
        self.write_text(&mut b, v);
        String::from_utf8(b).expect("ASCII")
    }

    /// [`Value::format`] into a byte buffer without allocating (the listing's hot path).
    pub fn write_text(&self, buf: &mut Vec<u8>, v: Version) {
        buf.extend_from_slice(b"identity=");
        push_u64(buf, u64::from(self.identity));
        buf.extend_from_slice(b" encryptkey=");
        push_u64(buf, u64::from(self.key));
        buf.extend_from_slice(b" tunnelendpoint=");
        push_addr(buf, self.tunnel_endpoint);
        if v == Version::V1_16 {
            buf.push(b',');
        }
        buf.extend_from_slice(b" flags=");
        let names = self.flag_names(v);
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(n.as_bytes());
        }
        if names.is_empty() {
            buf.extend_from_slice(b"<none>");
        }
    }
}

/// The names of an entry's flags (at most three), without a heap allocation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    names: [&'static str; 3],
    len: usize,
}

impl Flags {
    fn push(&mut self, n: &'static str) {
        self.names[self.len] = n;
        self.len += 1;
    }
}

impl std::ops::Deref for Flags {
    type Target = [&'static str];
    fn deref(&self) -> &[&'static str] {
        &self.names[..self.len]
    }
}

/// One ipcache entry for `-o jsonl` and `ipcache get -o json`.
#[derive(Debug, Serialize)]
pub struct Record {
    pub prefix: String,
    pub cluster_id: u16,
    pub identity: u32,
    pub tunnel_endpoint: Option<IpAddr>,
    pub encrypt_key: u8,
    pub flags: Vec<&'static str>,
}

impl Record {
    pub fn new(k: &Key, val: &Value, v: Version) -> Record {
        Record {
            prefix: format!("{}/{}", k.ip, k.bits),
            cluster_id: k.cluster_id,
            identity: val.identity,
            tunnel_endpoint: (!val.tunnel_endpoint.is_unspecified()).then_some(val.tunnel_endpoint),
            encrypt_key: val.key,
            flags: val.flag_names(v).to_vec(),
        }
    }
}

/// Filters on an ipcache entry: the prefix's address is the destination (so `--ip CIDR`
/// matches the entries whose address lies in the CIDR); flags by name, every bit known.
impl crate::filter::Entry for (Key, Value) {
    fn dst(&self) -> Option<IpAddr> {
        Some(self.0.ip)
    }
    fn identity(&self) -> Option<u32> {
        Some(self.1.identity)
    }
    fn has_flag(&self, name: &str) -> bool {
        self.1
            .flag_names(Version::V1_18)
            .iter()
            .any(|f| f.eq_ignore_ascii_case(name))
    }
}

/// How `bpf ipcache list` and its watch show an entry (`IP PREFIX/ADDRESS<TAB>IDENTITY`); a
/// watch also applies the listing's filters.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub version: Version,
    pub filter: Option<&'a crate::filter::FilterArgs>,
}

impl View<'_> {
    pub fn decode(k: &[u8], v: &[u8]) -> Option<(Key, Value)> {
        Some((Key::decode(k)?, Value::decode(v)?))
    }
}

impl super::view::View for View<'_> {
    fn header(&self) -> Option<&'static str> {
        Some("IP PREFIX/ADDRESS\tIDENTITY")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::decode(k, v).is_some_and(|e| self.filter.is_none_or(|f| !f.is_active() || f.matches(&e)))
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((k, val)) = View::decode(k, v) {
            k.write_text(out);
            out.push(b'\t');
            val.write_text(out, self.version);
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((k, val)) = View::decode(k, v) {
            write_record(out, &k, &val, self.version);
        }
        Ok(())
    }
}

/// [`Record`] as serde_json writes it, without building it (the `-o jsonl` hot path);
/// `record_writer_matches_serde` keeps the two equal.
fn write_record(out: &mut Vec<u8>, k: &Key, val: &Value, v: Version) {
    let mut o = crate::output::json::Obj::new(out);
    let b = o.key("prefix");
    b.push(b'"');
    push_addr(b, k.ip);
    b.push(b'/');
    push_u64(b, u64::from(k.bits));
    b.push(b'"');
    o.num("cluster_id", u64::from(k.cluster_id))
        .num("identity", u64::from(val.identity));
    if val.tunnel_endpoint.is_unspecified() {
        o.null("tunnel_endpoint");
    } else {
        o.ip("tunnel_endpoint", val.tunnel_endpoint);
    }
    o.num("encrypt_key", u64::from(val.key))
        .strs("flags", &val.flag_names(v))
        .end();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_writer_matches_serde() {
        let keys = [
            ("172.20.0.87", 32, 0),
            ("10.0.0.0", 8, 5),
            ("0.0.0.0", 0, 0),
            ("fd00:10::1", 128, 0),
            ("2001:db8::", 32, 255),
        ];
        let tunnels = ["0.0.0.0", "192.168.10.101", "::", "fd00::65"];
        for (ip, bits, cluster_id) in keys {
            let k = Key {
                ip: ip.parse().unwrap(),
                bits,
                cluster_id,
            };
            for t in tunnels {
                for flags in 0..8u8 {
                    for v in [Version::V1_16, Version::V1_17, Version::V1_18] {
                        let val = Value {
                            identity: 16_777_217,
                            tunnel_endpoint: t.parse().unwrap(),
                            key: 3,
                            flags,
                        };
                        let mut want = Vec::new();
                        crate::output::sorted::object(&mut want, &Record::new(&k, &val, v)).unwrap();
                        let mut got = Vec::new();
                        write_record(&mut got, &k, &val, v);
                        assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(want).unwrap());
                    }
                }
            }
        }
    }

    #[test]
    fn key_decode_v4_v6_cluster() {
        let mut b = [0u8; KEY_SIZE];
        b[0..4].copy_from_slice(&64u32.to_le_bytes());
        b[7] = 1;
        b[8..12].copy_from_slice(&[172, 20, 0, 87]);
        assert_eq!(Key::decode(&b).unwrap().to_string(), "172.20.0.87/32");
        b[4..6].copy_from_slice(&5u16.to_le_bytes());
        assert_eq!(Key::decode(&b).unwrap().to_string(), "172.20.0.87/32@5");
        let k = Key {
            ip: "fd00:10::1".parse().unwrap(),
            bits: 64,
            cluster_id: 0,
        };
        let e = k.encode();
        assert_eq!(u32::from_le_bytes(e[0..4].try_into().unwrap()), 96);
        assert_eq!(Key::decode(&e).unwrap().to_string(), "fd00:10::/64");
        let w = Key {
            ip: "0.0.0.0".parse().unwrap(),
            bits: 0,
            cluster_id: 0,
        };
        assert_eq!(Key::decode(&w.encode()).unwrap().to_string(), "0.0.0.0/0");
        assert!(w.contains("8.8.8.8".parse().unwrap()));
        assert!(!w.contains("fd00::1".parse().unwrap()));
    }

    #[test]
    fn value_v1_per_version() {
        let mut b = [0u8; V1_VALUE_SIZE];
        b[0..4].copy_from_slice(&6u32.to_le_bytes());
        b[4..8].copy_from_slice(&[192, 168, 10, 101]);
        b[10] = 3;
        let v = Value::decode_v1(&b).unwrap();
        assert_eq!(
            v.format(Version::V1_17),
            "identity=6 encryptkey=3 tunnelendpoint=192.168.10.101 flags=<none>"
        );
        assert_eq!(
            v.format(Version::V1_16),
            "identity=6 encryptkey=3 tunnelendpoint=192.168.10.101, flags=<none>"
        );
        b[11] = FLAG_SKIP_TUNNEL;
        assert_eq!(
            Value::decode_v1(&b).unwrap().format(Version::V1_17),
            "identity=6 encryptkey=3 tunnelendpoint=192.168.10.101 flags=skiptunnel"
        );
        assert_eq!(Value::decode_v1(&b).unwrap().encode_v1(), b);
    }

    #[test]
    fn value_v2_every_flag() {
        let mut b = [0u8; V2_VALUE_SIZE];
        b[0..4].copy_from_slice(&2u32.to_le_bytes());
        let tun: Ipv6Addr = "fd00::65".parse().unwrap();
        b[4..20].copy_from_slice(&tun.octets());
        b[22] = 1;
        b[23] = FLAG_SKIP_TUNNEL | FLAG_HAS_TUNNEL_EP | FLAG_IPV6_TUNNEL_EP;
        let v = Value::decode_v2(&b).unwrap();
        assert_eq!(
            v.format(Version::V1_18),
            "identity=2 encryptkey=1 tunnelendpoint=fd00::65 flags=skiptunnel,hastunnel,ipv6tunnel"
        );
        assert_eq!(v.encode_v2(), b);
        b[23] = FLAG_HAS_TUNNEL_EP;
        b[4..20].fill(0);
        b[4..8].copy_from_slice(&[10, 0, 0, 1]);
        assert_eq!(
            Value::decode_v2(&b).unwrap().format(Version::V1_18),
            "identity=2 encryptkey=1 tunnelendpoint=10.0.0.1 flags=hastunnel"
        );
    }

    /// Byte fixture from `maps.md` §8.2/§8.3 (layouts) and `cli.md` §2.9 (value format): key
    /// 172.20.0.87/32 = prefixlen 64, cluster_id 0, pad, family 1, address; v1 value identity 6
    /// (remote-node), tunnel endpoint 172.20.0.2, key 0, flags skip_tunnel.
    #[test]
    fn fixture_maps_md_ipcache_entry() {
        let mut key = [0u8; 24];
        key[0..4].copy_from_slice(&64u32.to_le_bytes());
        key[7] = 1;
        key[8..12].copy_from_slice(&[172, 20, 0, 87]);
        let k = Key::decode(&key).unwrap();
        assert_eq!((k.bits, k.cluster_id), (32, 0));
        assert_eq!(k.to_string(), "172.20.0.87/32");
        let mut val = [0u8; 12];
        val[0..4].copy_from_slice(&6u32.to_le_bytes());
        val[4..8].copy_from_slice(&[172, 20, 0, 2]);
        val[11] = 1;
        let v = Value::decode(&val).unwrap();
        assert_eq!(
            v.format(Version::V1_17),
            "identity=6 encryptkey=0 tunnelendpoint=172.20.0.2 flags=skiptunnel"
        );
        assert_eq!(Key::decode(&key[..23]), None);
        assert_eq!(Value::decode(&val[..11]), None);
    }

    /// The §8 fixture entry as `bpf ipcache list` and its watch show it.
    #[test]
    fn view_shows_the_maps_md_ipcache_entry() {
        use crate::maps::view::View as _;
        let mut key = [0u8; 24];
        key[0..4].copy_from_slice(&64u32.to_le_bytes());
        key[7] = 1;
        key[8..12].copy_from_slice(&[172, 20, 0, 87]);
        let mut val = [0u8; 12];
        val[0..4].copy_from_slice(&6u32.to_le_bytes());
        val[4..8].copy_from_slice(&[172, 20, 0, 2]);
        val[11] = 1;
        let view = View {
            version: Version::V1_17,
            filter: None,
        };
        let (mut line, mut rec) = (Vec::new(), Vec::new());
        view.table(&key, &val, &mut line).unwrap();
        view.record(&key, &val, &mut rec).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "172.20.0.87/32\tidentity=6 encryptkey=0 tunnelendpoint=172.20.0.2 flags=skiptunnel"
        );
        let rec: serde_json::Value = serde_json::from_slice(&rec).unwrap();
        assert_eq!(rec["identity"], 6);
        assert!(!view.keep(&key[..23], &val));
    }
}
