//! SNAT maps: `ipv4_ct_tuple` / `ipv6_ct_tuple` keys (not reversed) and `struct ipv4_nat_entry`
//! / `ipv6_nat_entry` values (bpf/lib/nat.h; Go pkg/maps/nat/{ipv4,ipv6}.go), Cilium 1.16–1.18.

#![doc(alias = "cilium_snat_v4_external")]
#![doc(alias = "cilium_snat_v6_external")]

use std::net::IpAddr;

use serde::Serialize;

use super::ct::{
    json_bytes, json_fields, json_key, push_i64, push_ip, push_proto, push_u64, Tuple, KEY4_SIZE, KEY6_SIZE,
    TUPLE_F_IN, TUPLE_F_RELATED, TUPLE_F_SERVICE,
};
use super::{MapSpec, Shape};
use crate::bpf::map_type::LRU_HASH;

/// `sizeof(struct ipv4_nat_entry)`.
pub const VALUE4_SIZE: usize = 40;
/// `sizeof(struct ipv6_nat_entry)`.
pub const VALUE6_SIZE: usize = 56;

const _: () = assert!(VALUE4_SIZE == 4 * 8 + 4 + 2 + 2);
const _: () = assert!(VALUE6_SIZE == 4 * 8 + 16 + 2 + 6);

pub const SNAT4: MapSpec = MapSpec {
    name: "cilium_snat_v4_external",
    shapes: &[Shape::new(LRU_HASH, KEY4_SIZE as u32, VALUE4_SIZE as u32, "1.16–1.18")],
};
pub const SNAT6: MapSpec = MapSpec {
    name: "cilium_snat_v6_external",
    shapes: &[Shape::new(LRU_HASH, KEY6_SIZE as u32, VALUE6_SIZE as u32, "1.16–1.18")],
};

/// Per-cluster outer maps (ARRAY_OF_MAPS, cluster mesh).
pub const PER_CLUSTER_OUTER: [&str; 2] = [
    "cilium_per_cluster_snat_v4_external",
    "cilium_per_cluster_snat_v6_external",
];

/// A NAT entry, host-order fields (`port` swapped from network order).
#[doc(alias = "cilium_snat_v4_external")]
#[doc(alias = "cilium_snat_v6_external")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// `bpf_mono_now()` at creation.
    pub created: u64,
    pub needs_ct: u64,
    pub pad1: u64,
    pub pad2: u64,
    /// `to_saddr` (OUT) / `to_daddr` (IN).
    pub addr: IpAddr,
    pub port: u16,
}

impl Default for Entry {
    fn default() -> Self {
        Entry {
            created: 0,
            needs_ct: 0,
            pad1: 0,
            pad2: 0,
            addr: IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
            port: 0,
        }
    }
}

impl Entry {
    /// Decode a 40-byte (IPv4) or 56-byte (IPv6) value.
    pub fn decode(b: &[u8]) -> Option<Entry> {
        let u64h = |o: usize| u64::from_ne_bytes(b[o..o + 8].try_into().unwrap());
        let (addr, p) = match b.len() {
            VALUE6_SIZE => (IpAddr::from(<[u8; 16]>::try_from(&b[32..48]).unwrap()), 48),
            VALUE4_SIZE => (IpAddr::from(<[u8; 4]>::try_from(&b[32..36]).unwrap()), 36),
            _ => return None,
        };
        Some(Entry {
            created: u64h(0),
            needs_ct: u64h(8),
            pad1: u64h(16),
            pad2: u64h(24),
            addr,
            port: u16::from_be_bytes([b[p], b[p + 1]]),
        })
    }

    /// Encode (lab and tests); the size follows the address family.
    pub fn encode(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(VALUE6_SIZE);
        for v in [self.created, self.needs_ct, self.pad1, self.pad2] {
            b.extend_from_slice(&v.to_ne_bytes());
        }
        match self.addr {
            IpAddr::V4(a) => b.extend_from_slice(&a.octets()),
            IpAddr::V6(a) => b.extend_from_slice(&a.octets()),
        }
        b.extend_from_slice(&self.port.to_be_bytes());
        let size = if self.addr.is_ipv6() { VALUE6_SIZE } else { VALUE4_SIZE };
        b.resize(size, 0);
        b
    }
}

/// Write `addr:port` or `[addr]:port` from raw bytes (the port in host order).
fn push_host_port(buf: &mut Vec<u8>, addr: &[u8], port: u16) {
    if addr.len() == 16 {
        buf.push(b'[');
        push_ip(buf, addr);
        buf.push(b']');
    } else {
        push_ip(buf, addr);
    }
    buf.push(b':');
    push_u64(buf, u64::from(port));
}

/// Key part (`TupleKey{4,6}Global.Dump(reverse=false)`):
/// `PROTO OUT saddr:sport -> daddr:dport ` + `related ` / `service `. False for `nexthdr == 0`.
pub fn format_key(buf: &mut Vec<u8>, key: &[u8]) -> bool {
    let (a, p) = if key.len() == KEY6_SIZE { (16, 32) } else { (4, 8) };
    let nexthdr = key[p + 4];
    if nexthdr == 0 {
        return false;
    }
    let flags = key[p + 5];
    push_proto(buf, nexthdr);
    buf.extend_from_slice(if flags & TUPLE_F_IN != 0 { b" IN " } else { b" OUT " });
    push_host_port(buf, &key[a..2 * a], u16::from_be_bytes([key[p + 2], key[p + 3]]));
    buf.extend_from_slice(b" -> ");
    push_host_port(buf, &key[0..a], u16::from_be_bytes([key[p], key[p + 1]]));
    buf.push(b' ');
    if flags & TUPLE_F_RELATED != 0 {
        buf.extend_from_slice(b"related ");
    }
    if flags & TUPLE_F_SERVICE != 0 {
        buf.extend_from_slice(b"service ");
    }
    true
}

/// How `Created=` is printed.
#[derive(Debug, Clone, Copy)]
pub enum Age {
    /// `Nsec ago`: now and the created value are converted with `to_secs`.
    Known { now_secs: u64, jiffies_hz: Option<u64> },
    /// No clock source: `? (raw N)`.
    Unknown,
}

impl Age {
    fn to_secs(jiffies_hz: Option<u64>, v: u64) -> u64 {
        match jiffies_hz {
            Some(hz) => (v << 8) / hz,
            None => v,
        }
    }

    /// Seconds since `created`, when known.
    pub fn secs_ago(&self, created: u64) -> Option<i64> {
        match *self {
            Age::Known { now_secs, jiffies_hz } => Some(now_secs as i64 - Self::to_secs(jiffies_hz, created) as i64),
            Age::Unknown => None,
        }
    }
}

/// Value part (`NatEntry{4,6}.Dump`): `XLATE_SRC|XLATE_DST addr:port Created=… NeedsCT=n\n`.
pub fn format_value(buf: &mut Vec<u8>, key_flags: u8, val: &[u8], age: &Age) {
    let (a, p) = if val.len() == VALUE6_SIZE { (16, 48) } else { (4, 36) };
    buf.extend_from_slice(if key_flags & TUPLE_F_IN != 0 {
        b"XLATE_DST "
    } else {
        b"XLATE_SRC "
    });
    push_host_port(buf, &val[32..32 + a], u16::from_be_bytes([val[p], val[p + 1]]));
    let created = u64::from_ne_bytes(val[0..8].try_into().unwrap());
    buf.extend_from_slice(b" Created=");
    match age.secs_ago(created) {
        Some(s) => {
            push_i64(buf, s);
            buf.extend_from_slice(b"sec ago");
        }
        None => {
            buf.extend_from_slice(b"? (raw ");
            push_u64(buf, created);
            buf.push(b')');
        }
    }
    buf.extend_from_slice(b" NeedsCT=");
    push_u64(buf, u64::from_ne_bytes(val[8..16].try_into().unwrap()));
    buf.push(b'\n');
}

/// Key flags byte of a raw tuple.
pub fn key_flags(key: &[u8]) -> u8 {
    key[key.len() - 1]
}

/// One `-o json` record (`nat.NatMapRecord`): `{"Key":…,"Value":{Created,NeedsCT,Pad1,Pad2,Addr,Port}}`,
/// port raw as stored.
pub fn write_json_record(buf: &mut Vec<u8>, key: &[u8], val: &[u8]) {
    json_key(buf, key);
    buf.extend_from_slice(b",\n    \"Value\": {\n");
    let e = Entry::decode(val).unwrap_or_default();
    json_fields(
        buf,
        &[
            ("Created", e.created),
            ("NeedsCT", e.needs_ct),
            ("Pad1", e.pad1),
            ("Pad2", e.pad2),
        ][..],
        6,
    );
    // json_fields ended the last line without a comma; add one before Addr.
    buf.truncate(buf.len() - 1);
    buf.extend_from_slice(b",\n");
    let (a, p) = if val.len() == VALUE6_SIZE { (16, 48) } else { (4, 36) };
    json_bytes(buf, "Addr", &val[32..32 + a], 6);
    buf.extend_from_slice(b",\n      \"Port\": ");
    push_u64(buf, u64::from(u16::from_ne_bytes([val[p], val[p + 1]])));
    buf.extend_from_slice(b"\n    }\n  }");
}

/// The typed `-o jsonl` record.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub map: &'a str,
    pub proto: String,
    /// "OUT" (SNAT, egress) or "IN" (reverse SNAT).
    pub direction: &'static str,
    pub related: bool,
    pub service: bool,
    pub src: IpAddr,
    pub sport: u16,
    pub dst: IpAddr,
    pub dport: u16,
    /// "src" for OUT entries, "dst" for IN entries.
    pub xlate: &'static str,
    pub to_addr: IpAddr,
    pub to_port: u16,
    /// Raw `created` (datapath clock units).
    pub created: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_secs: Option<i64>,
    pub needs_ct: bool,
}

impl<'a> Record<'a> {
    pub fn new(map: &'a str, key: &[u8], val: &[u8], age: &Age) -> Option<Record<'a>> {
        let t = Tuple::decode(key)?;
        if t.nexthdr == 0 {
            return None;
        }
        let e = Entry::decode(val)?;
        let inbound = t.flags & TUPLE_F_IN != 0;
        Some(Record {
            map,
            proto: crate::maps::util::proto_name(t.nexthdr),
            direction: if inbound { "IN" } else { "OUT" },
            related: t.flags & TUPLE_F_RELATED != 0,
            service: t.flags & TUPLE_F_SERVICE != 0,
            src: t.saddr,
            sport: t.sport,
            dst: t.daddr,
            dport: t.dport,
            xlate: if inbound { "dst" } else { "src" },
            to_addr: e.addr,
            to_port: e.port,
            created: e.created,
            age_secs: age.secs_ago(e.created),
            needs_ct: e.needs_ct & 1 != 0,
        })
    }
}

/// How `bpf nat list` shows one SNAT map's entries, for its listing and its watch
/// ([`crate::maps::view::View`]); a watch compares the whole value.
pub struct View<'a> {
    /// The map's name, for the `-o jsonl` record.
    pub name: &'a str,
    pub age: &'a Age,
    /// The listing's filters (`None`: the caller filters).
    pub filter: Option<&'a crate::filter::FilterArgs>,
}

impl crate::maps::view::View for View<'_> {
    /// Occupied slots (`nexthdr != 0`) that pass the filters.
    fn keep(&self, key: &[u8], _value: &[u8]) -> bool {
        key.len() >= 2
            && key[key.len() - 2] != 0
            && self
                .filter
                .is_none_or(|f| !f.is_active() || f.matches(&Fields::new(key)))
    }

    /// The cilium-dbg line without its newline; nothing for an empty slot.
    fn table(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        let sizes_ok = matches!(
            (key.len(), value.len()),
            (KEY4_SIZE, VALUE4_SIZE) | (KEY6_SIZE, VALUE6_SIZE)
        );
        if sizes_ok && format_key(out, key) {
            format_value(out, key_flags(key), value, self.age);
            out.pop();
        }
        Ok(())
    }

    fn record(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some(r) = Record::new(self.name, key, value, self.age) {
            serde_json::to_writer(&mut *out, &r)?;
        }
        Ok(())
    }
}

/// A NAT entry as the dump filters see it: the packet's tuple as printed, with `IN`/`OUT`
/// (and `XLATE_SRC`/`XLATE_DST`) as flag names.
pub struct Fields {
    pub tuple: crate::maps::ct::Tuple,
}

impl Fields {
    pub fn new(key: &[u8]) -> Fields {
        Fields {
            tuple: crate::maps::ct::Tuple::decode(key).unwrap_or(crate::maps::ct::Tuple::EMPTY),
        }
    }

    fn is_in(&self) -> bool {
        self.tuple.flags & 1 != 0
    }
}

impl crate::filter::Entry for Fields {
    fn src(&self) -> Option<IpAddr> {
        Some(self.tuple.saddr)
    }
    fn dst(&self) -> Option<IpAddr> {
        Some(self.tuple.daddr)
    }
    fn sport(&self) -> Option<u16> {
        Some(self.tuple.sport)
    }
    fn dport(&self) -> Option<u16> {
        Some(self.tuple.dport)
    }
    fn proto(&self) -> Option<u8> {
        Some(self.tuple.nexthdr)
    }
    fn has_flag(&self, name: &str) -> bool {
        let (dir, xlate) = if self.is_in() {
            ("IN", "XLATE_DST")
        } else {
            ("OUT", "XLATE_SRC")
        };
        name.eq_ignore_ascii_case(dir) || name.eq_ignore_ascii_case(xlate)
    }
}

/// The map's key and value under the names every map module uses.
pub type Key = super::ct::Tuple;
pub type Value = Entry;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::ct::encode_tuple;

    fn tuple(d: &str, s: &str, dport: u16, sport: u16, proto: u8, flags: u8) -> Vec<u8> {
        encode_tuple(&Tuple {
            daddr: d.parse().unwrap(),
            saddr: s.parse().unwrap(),
            dport,
            sport,
            nexthdr: proto,
            flags,
        })
    }

    fn line(key: &[u8], val: &[u8], age: &Age) -> String {
        let mut b = Vec::new();
        assert!(format_key(&mut b, key));
        format_value(&mut b, key_flags(key), val, age);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn value_offsets() {
        let e = Entry {
            created: 13_500,
            needs_ct: 1,
            pad1: 0,
            pad2: 0,
            addr: "10.0.2.15".parse().unwrap(),
            port: 53066,
        };
        let b = e.encode();
        assert_eq!(b.len(), VALUE4_SIZE);
        assert_eq!(&b[32..36], &[10, 0, 2, 15]);
        assert_eq!(&b[36..38], &53066u16.to_be_bytes());
        assert_eq!(Entry::decode(&b).unwrap(), e);
        let e6 = Entry {
            addr: "fd00::15".parse().unwrap(),
            ..e
        };
        let b6 = e6.encode();
        assert_eq!(b6.len(), VALUE6_SIZE);
        assert_eq!(&b6[48..50], &53066u16.to_be_bytes());
        assert_eq!(Entry::decode(&b6).unwrap(), e6);
    }

    #[test]
    fn out_and_in_lines() {
        let now = Age::Known {
            now_secs: 13_542,
            jiffies_hz: None,
        };
        let out = tuple("142.250.185.78", "172.20.0.87", 443, 53066, 6, 0);
        let v = Entry {
            created: 13_500,
            needs_ct: 1,
            pad1: 0,
            pad2: 0,
            addr: "10.0.2.15".parse().unwrap(),
            port: 53066,
        }
        .encode();
        assert_eq!(
            line(&out, &v, &now),
            "TCP OUT 172.20.0.87:53066 -> 142.250.185.78:443 XLATE_SRC 10.0.2.15:53066 Created=42sec ago NeedsCT=1\n"
        );
        let inn = tuple("10.0.2.15", "142.250.185.78", 53066, 443, 6, 1);
        let v = Entry {
            created: 13_500,
            needs_ct: 0,
            pad1: 0,
            pad2: 0,
            addr: "172.20.0.87".parse().unwrap(),
            port: 53066,
        }
        .encode();
        assert_eq!(
            line(&inn, &v, &Age::Unknown),
            "TCP IN 142.250.185.78:443 -> 10.0.2.15:53066 XLATE_DST 172.20.0.87:53066 Created=? (raw 13500) NeedsCT=0\n"
        );
        let rel = tuple(
            "10.0.2.15",
            "8.8.8.8",
            0,
            0,
            1,
            TUPLE_F_IN | TUPLE_F_RELATED | TUPLE_F_SERVICE,
        );
        assert!(line(&rel, &v, &Age::Unknown).starts_with("ICMP IN 8.8.8.8:0 -> 10.0.2.15:0 related service XLATE_DST"));
    }

    #[test]
    fn ipv6_is_bracketed_and_jiffies_convert() {
        let k = tuple("2001:db8::1", "fd00:10:20::57", 443, 40000, 17, 0);
        let v = Entry {
            created: 1000,
            needs_ct: 1,
            pad1: 0,
            pad2: 0,
            addr: "2001:db8:100::15".parse().unwrap(),
            port: 40000,
        }
        .encode();
        // jiffies: value << 8 / HZ seconds; 1000 << 8 / 250 = 1024.
        let age = Age::Known {
            now_secs: 1030,
            jiffies_hz: Some(250),
        };
        assert_eq!(
            line(&k, &v, &age),
            "UDP OUT [fd00:10:20::57]:40000 -> [2001:db8::1]:443 XLATE_SRC [2001:db8:100::15]:40000 Created=6sec ago NeedsCT=1\n"
        );
    }

    #[test]
    fn json_record() {
        let k = tuple("142.250.185.78", "172.20.0.87", 443, 53066, 6, 0);
        let v = Entry {
            created: 7,
            needs_ct: 1,
            pad1: 0,
            pad2: 0,
            addr: "10.0.2.15".parse().unwrap(),
            port: 443,
        }
        .encode();
        let mut b = Vec::new();
        write_json_record(&mut b, &k, &v);
        let j: serde_json::Value = serde_json::from_slice(&b).unwrap();
        assert_eq!(j["Value"]["Addr"], serde_json::json!([10, 0, 2, 15]));
        assert_eq!(j["Value"]["Port"], 47873);
        assert_eq!(j["Value"]["Created"], 7);
        assert_eq!(j["Key"]["SourceAddr"], serde_json::json!([172, 20, 0, 87]));
        let keys: Vec<_> = j["Value"].as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys.len(), 6);
        let r = Record::new("cilium_snat_v4_external", &k, &v, &Age::Unknown).unwrap();
        let s = serde_json::to_string(&r).unwrap();
        assert!(s.contains(r#""src":"172.20.0.87","sport":53066,"dst":"142.250.185.78","dport":443,"xlate":"src","to_addr":"10.0.2.15","to_port":443"#), "{s}");
    }

    /// Byte fixture from `cli.md` §2.7 (example line) and `maps.md` §5 (layout): key not
    /// reversed, daddr@0 = 142.250.185.78, saddr@4 = 10.0.2.15, dport@8 = 443, sport@10 = 53066,
    /// TCP, OUT; value to_saddr@32 = 10.0.2.15, to_sport@36 = 53066, needs_ct 1.
    #[test]
    fn fixture_cli_md_nat_line() {
        let key: [u8; 14] = [142, 250, 185, 78, 10, 0, 2, 15, 0x01, 0xbb, 0xcf, 0x4a, 6, 0];
        let mut val = [0u8; 40];
        val[0..8].copy_from_slice(&100u64.to_le_bytes()); // created
        val[8..16].copy_from_slice(&1u64.to_le_bytes()); // needs_ct
        val[32..36].copy_from_slice(&[10, 0, 2, 15]);
        val[36..38].copy_from_slice(&53066u16.to_be_bytes());
        let e = Entry::decode(&val).unwrap();
        assert_eq!((e.created, e.needs_ct, e.port), (100, 1, 53066));
        assert_eq!(e.addr, "10.0.2.15".parse::<IpAddr>().unwrap());
        let mut line = Vec::new();
        assert!(format_key(&mut line, &key));
        let age = Age::Known {
            now_secs: 142,
            jiffies_hz: None,
        };
        format_value(&mut line, key_flags(&key), &val, &age);
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "TCP OUT 10.0.2.15:53066 -> 142.250.185.78:443 XLATE_SRC 10.0.2.15:53066 Created=42sec ago NeedsCT=1\n"
        );
        assert_eq!(Entry::decode(&val[..39]), None, "short value");
    }

    /// The cli.md line through [`View`]: the table without newline, the record as serde's.
    #[test]
    fn nat_view_cli_md_entry() {
        use crate::maps::view::View as _;
        let key: [u8; 14] = [142, 250, 185, 78, 10, 0, 2, 15, 0x01, 0xbb, 0xcf, 0x4a, 6, 0];
        let mut val = [0u8; 40];
        val[0..8].copy_from_slice(&100u64.to_le_bytes());
        val[8..16].copy_from_slice(&1u64.to_le_bytes());
        val[32..36].copy_from_slice(&[10, 0, 2, 15]);
        val[36..38].copy_from_slice(&53066u16.to_be_bytes());
        let age = Age::Unknown;
        let view = View {
            name: "cilium_snat_v4_external",
            age: &age,
            filter: None,
        };
        assert!(view.keep(&key, &val));
        let mut empty = key;
        empty[12] = 0;
        assert!(!view.keep(&empty, &val));
        let mut line = Vec::new();
        view.table(&key, &val, &mut line).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "TCP OUT 10.0.2.15:53066 -> 142.250.185.78:443 XLATE_SRC 10.0.2.15:53066 Created=? (raw 100) NeedsCT=1"
        );
        let mut rec = Vec::new();
        view.record(&key, &val, &mut rec).unwrap();
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"map":"cilium_snat_v4_external","proto":"TCP","direction":"OUT","related":false,"service":false,"src":"10.0.2.15","sport":53066,"dst":"142.250.185.78","dport":443,"xlate":"src","to_addr":"10.0.2.15","to_port":53066,"created":100,"needs_ct":true}"#
        );
        let mut st = Vec::new();
        view.state(&key, &val, &mut st);
        assert_eq!(st, val);
    }
}
