//! Per-endpoint policy maps: `cilium_policy_NNNNN` (≤1.16, value 24 B), `cilium_policy_v2_NNNNN`
//! (1.17 value 24 B with the new flag layout; 1.18 value 8 B). Mirrors `struct policy_key` /
//! `struct policy_entry` (bpf/lib/policy.h) and Go `pkg/maps/policymap`.

use std::io::Write;

use serde::Serialize;

use super::util::{fits, proto_name, u16_be, u32_host, u64_host};
use super::{Shape, Version};
use crate::bpf::map_type;

pub const KEY_SIZE: usize = 12;
pub const VALUE_SIZE_COUNTERS: usize = 24;
pub const VALUE_SIZE_18: usize = 8;
const _: () = assert!(KEY_SIZE == 4 + 4 + 1 + 1 + 2);
const _: () = assert!(VALUE_SIZE_COUNTERS == 2 + 1 + 1 + 1 + 1 + 2 + 8 + 8);
const _: () = assert!(VALUE_SIZE_18 == 2 + 1 + 1 + 1 + 1 + 2);
/// sec_label + direction byte: always matched.
pub const STATIC_PREFIX_BITS: u32 = 40;
pub const FULL_PREFIX_BITS: u32 = 24;

pub const PREFIX_V1: &str = "cilium_policy_";
pub const PREFIX_V2: &str = "cilium_policy_v2_";

pub const SHAPES: &[Shape] = &[
    Shape::new(
        map_type::LPM_TRIE,
        KEY_SIZE as u32,
        VALUE_SIZE_COUNTERS as u32,
        "1.14–1.17",
    ),
    Shape::new(map_type::LPM_TRIE, KEY_SIZE as u32, VALUE_SIZE_18 as u32, "1.18"),
];

/// Pinned name of an endpoint's policy map for a release.
pub fn map_name(ep: u16, v: Version) -> String {
    if v >= Version::V1_17 {
        format!("{PREFIX_V2}{ep:05}")
    } else {
        format!("{PREFIX_V1}{ep:05}")
    }
}

/// `struct policy_key`.
#[doc(alias = "cilium_policy_v2")]
#[doc(alias = "cilium_policy")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub prefixlen: u32,
    pub identity: u32,
    /// 0 ingress, 1 egress.
    pub egress: bool,
    pub proto: u8,
    pub dport: u16,
}

impl Key {
    pub fn decode(b: &[u8]) -> Option<Key> {
        fits(b, KEY_SIZE)?;
        Some(Key {
            prefixlen: u32_host(b, 0),
            identity: u32_host(b, 4),
            egress: b[8] & 1 != 0,
            proto: b[9],
            dport: u16_be(b, 10),
        })
    }

    pub fn encode(&self) -> [u8; KEY_SIZE] {
        let mut b = [0u8; KEY_SIZE];
        b[0..4].copy_from_slice(&self.prefixlen.to_ne_bytes());
        b[4..8].copy_from_slice(&self.identity.to_ne_bytes());
        b[8] = self.egress as u8;
        b[9] = self.proto;
        b[10..12].copy_from_slice(&self.dport.to_be_bytes());
        b
    }

    /// A key as the agent writes it: proto/port 0 are wildcards; `port_bits` 16 = exact port.
    pub fn new(identity: u32, egress: bool, proto: u8, dport: u16, port_bits: u32) -> Key {
        let mut prefixlen = STATIC_PREFIX_BITS;
        if proto != 0 {
            prefixlen += 8;
            if dport != 0 {
                prefixlen += port_bits.min(16);
            }
        }
        Key {
            prefixlen,
            identity,
            egress,
            proto,
            dport,
        }
    }

    /// Protocol + port prefix bits (0..=24).
    pub fn prefix(&self) -> u32 {
        self.prefixlen.saturating_sub(STATIC_PREFIX_BITS)
    }

    pub fn direction(&self) -> &'static str {
        if self.egress {
            "Egress"
        } else {
            "Ingress"
        }
    }

    /// Go `PolicyKey.PortProtoString()` (1.16+ range form).
    pub fn port_proto(&self) -> String {
        let p = self.prefix();
        let proto = proto_name(self.proto);
        match p {
            0 | 8 => proto,
            9..=23 => {
                let span = 0xffffu16 >> (p - 8);
                format!("{}-{}/{proto}", self.dport, self.dport.wrapping_add(span))
            }
            24 => format!("{}/{proto}", self.dport),
            _ => format!("<INVALID PREFIX LENGTH: {p}>"),
        }
    }
}

/// `struct policy_entry` (all layouts; counters are `None` in 1.18).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub proxy_port: u16,
    /// Byte 2 as stored: bit0 deny; ≤1.16 bits 1–2 wildcard flags; 1.17+ bits 3–7 prefix length.
    pub flags: u8,
    /// Byte 3 as stored: ≤1.16 auth type; 1.17+ auth type in bits 0–6, bit 7 explicit.
    pub auth: u8,
    pub proxy_port_priority: u8,
    pub packets: Option<u64>,
    pub bytes: Option<u64>,
}

impl Entry {
    /// Decode either layout: 24 bytes with counters (≤1.17) or 8 bytes (1.18).
    pub fn decode(b: &[u8]) -> Option<Entry> {
        fits(b, VALUE_SIZE_18)?;
        let counters = b.len() >= VALUE_SIZE_COUNTERS;
        Some(Entry {
            proxy_port: u16_be(b, 0),
            flags: b[2],
            auth: b[3],
            proxy_port_priority: b[4],
            packets: counters.then(|| u64_host(b, 8)),
            bytes: counters.then(|| u64_host(b, 16)),
        })
    }

    pub fn encode(&self, size: usize) -> Vec<u8> {
        let mut b = vec![0u8; size];
        b[0..2].copy_from_slice(&self.proxy_port.to_be_bytes());
        b[2] = self.flags;
        b[3] = self.auth;
        b[4] = self.proxy_port_priority;
        if size >= VALUE_SIZE_COUNTERS {
            b[8..16].copy_from_slice(&self.packets.unwrap_or(0).to_ne_bytes());
            b[16..24].copy_from_slice(&self.bytes.unwrap_or(0).to_ne_bytes());
        }
        b
    }

    /// An entry as the 1.17 agent writes it for `key`.
    pub fn new_v17(key: &Key, deny: bool, proxy_port: u16, auth_type: u8, packets: u64, bytes: u64) -> Entry {
        Entry {
            proxy_port,
            flags: deny as u8 | ((key.prefix() as u8) << 3),
            auth: auth_type & 0x7f,
            proxy_port_priority: 0,
            packets: Some(packets),
            bytes: Some(bytes),
        }
    }

    pub fn is_deny(&self) -> bool {
        self.flags & 1 != 0
    }

    /// The auth type number of the release's layout.
    pub fn auth_type(&self, v: Version) -> u8 {
        if v >= Version::V1_17 {
            self.auth & 0x7f
        } else {
            self.auth
        }
    }

    /// 1.17+: prefix length stored in the entry (bits 3–7 of byte 2).
    pub fn lpm_prefix_length(&self) -> u8 {
        self.flags >> 3
    }

    /// ≤1.16 flag names (bits 1–2).
    pub fn legacy_flag_names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.flags & 2 != 0 {
            v.push("wildcard_protocol");
        }
        if self.flags & 4 != 0 {
            v.push("wildcard_dport");
        }
        v
    }
}

/// Go `policy.AuthType.String()`.
pub fn auth_type_name(t: u8) -> String {
    match t {
        0 => "disabled".into(),
        1 => "spire".into(),
        2 => "test-always-fail".into(),
        n => format!("Unknown-auth-type-{n}"),
    }
}

/// cilium-dbg's order: deny first, then ingress before egress, then identity. cdbg breaks the
/// remaining ties by prefix, protocol and port so output is stable.
pub fn sort(entries: &mut [(Key, Entry)]) {
    entries.sort_by_key(|(k, e)| (!e.is_deny(), k.egress, k.identity, k.prefix(), k.proto, k.dport));
}

/// cilium-dbg's `-o json` element for 1.17 (`PolicyEntryDump`: the entry's Go fields, then `Key`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DumpV17 {
    pub proxy_port_network: u16,
    pub flags: u8,
    pub auth_requirement: u8,
    pub proxy_port_priority: u8,
    pub pad1: u8,
    pub pad2: u16,
    pub packets: u64,
    pub bytes: u64,
    pub key: DumpKey,
}

/// The ≤1.16 `PolicyEntryDump` element.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DumpV16 {
    pub proxy_port_network: u16,
    pub flags: u8,
    pub auth_type: u8,
    pub pad1: u16,
    pub pad2: u16,
    pub packets: u64,
    pub bytes: u64,
    pub key: DumpKey,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DumpKey {
    pub prefixlen: u32,
    pub identity: u32,
    pub traffic_direction: u8,
    pub nexthdr: u8,
    pub dest_port_network: u16,
}

impl DumpKey {
    fn new(k: &Key) -> DumpKey {
        DumpKey {
            prefixlen: k.prefixlen,
            identity: k.identity,
            traffic_direction: k.egress as u8,
            nexthdr: k.proto,
            // Go holds the network-order u16 in a host u16.
            dest_port_network: k.dport.swap_bytes(),
        }
    }
}

/// One entry in cilium-dbg's JSON shape for the release (Go field order kept).
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Dump {
    V17(DumpV17),
    V16(DumpV16),
}

pub fn dump_json(k: &Key, e: &Entry, v: Version) -> Dump {
    // 1.18: counters come from `cilium_policystats`; an entry without stats prints u64 max.
    let missing = if v >= Version::V1_18 { u64::MAX } else { 0 };
    if v >= Version::V1_17 {
        Dump::V17(DumpV17 {
            proxy_port_network: e.proxy_port.swap_bytes(),
            flags: e.flags,
            auth_requirement: e.auth,
            proxy_port_priority: e.proxy_port_priority,
            pad1: 0,
            pad2: 0,
            packets: e.packets.unwrap_or(missing),
            bytes: e.bytes.unwrap_or(missing),
            key: DumpKey::new(k),
        })
    } else {
        Dump::V16(DumpV16 {
            proxy_port_network: e.proxy_port.swap_bytes(),
            flags: e.flags,
            auth_type: e.auth,
            pad1: 0,
            pad2: 0,
            packets: e.packets.unwrap_or(0),
            bytes: e.bytes.unwrap_or(0),
            key: DumpKey::new(k),
        })
    }
}

/// One policy entry for `-o jsonl`.
#[derive(Debug, Serialize)]
pub struct Record {
    pub endpoint_id: u16,
    pub verdict: &'static str,
    pub direction: &'static str,
    pub identity: u32,
    pub labels: Vec<String>,
    pub proto: u8,
    pub port: u16,
    pub port_proto: String,
    pub prefix: u32,
    pub proxy_port: u16,
    pub proxy_port_priority: u8,
    pub auth_type: String,
    pub packets: Option<u64>,
    pub bytes: Option<u64>,
}

impl Record {
    pub fn new(ep: u16, k: &Key, e: &Entry, v: Version, labels: Vec<String>) -> Record {
        Record {
            endpoint_id: ep,
            verdict: if e.is_deny() { "deny" } else { "allow" },
            direction: if k.egress { "egress" } else { "ingress" },
            identity: k.identity,
            labels,
            proto: k.proto,
            port: k.dport,
            port_proto: k.port_proto(),
            prefix: k.prefix(),
            proxy_port: e.proxy_port,
            proxy_port_priority: e.proxy_port_priority,
            auth_type: auth_type_name(e.auth_type(v)),
            packets: e.packets,
            bytes: e.bytes,
        }
    }
}

/// Filters on a policy entry: the peer identity, protocol, destination port (exact-port and
/// range keys; the range's first port) and the names `deny`/`allow` and `ingress`/`egress`.
impl crate::filter::Entry for (Key, Entry) {
    fn identity(&self) -> Option<u32> {
        Some(self.0.identity)
    }
    fn proto(&self) -> Option<u8> {
        Some(self.0.proto)
    }
    fn dport(&self) -> Option<u16> {
        (self.0.prefix() > 8).then_some(self.0.dport)
    }
    fn has_flag(&self, name: &str) -> bool {
        let verdict = if self.1.is_deny() { "deny" } else { "allow" };
        name.eq_ignore_ascii_case(verdict) || name.eq_ignore_ascii_case(self.0.direction())
    }
}

/// The map's key and value under the names every map module uses.
pub type Value = Entry;

/// How `bpf policy get <endpoint> --watch` shows an entry (numeric identities); the listing
/// prints the same cells with the peers' labels. Unless `all_changes`, a watch compares and
/// remembers only the first 8 value bytes (the 1.18 layout, without ≤1.17's packet and byte
/// counters), so a remembered row shows its counters as `-`.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub endpoint: u16,
    pub version: Version,
    pub all_changes: bool,
    pub filter: Option<&'a crate::filter::FilterArgs>,
}

impl View<'_> {
    pub fn decode(k: &[u8], v: &[u8]) -> Option<(Key, Entry)> {
        Some((Key::decode(k)?, Entry::decode(v)?))
    }

    /// The cells after the identity: port/proto, proxy port, auth type, bytes, packets, prefix,
    /// each followed by a tab.
    pub fn write_rest(&self, k: &Key, e: &Entry, out: &mut Vec<u8>) -> std::io::Result<()> {
        let opt = |x: Option<u64>| x.map_or_else(|| "-".to_string(), |n| n.to_string());
        let proxy = if e.proxy_port == 0 {
            "NONE".to_string()
        } else {
            e.proxy_port.to_string()
        };
        write!(
            out,
            "{}\t{proxy}\t{}\t{}\t{}\t{}\t",
            k.port_proto(),
            auth_type_name(e.auth_type(self.version)),
            opt(e.bytes),
            opt(e.packets),
            k.prefix()
        )
    }
}

impl super::view::View for View<'_> {
    fn header(&self) -> Option<&'static str> {
        Some("POLICY\tDIRECTION\tIDENTITY\tPORT/PROTO\tPROXY PORT\tAUTH TYPE\tBYTES\tPACKETS\tPREFIX\t")
    }
    fn keep(&self, k: &[u8], v: &[u8]) -> bool {
        View::decode(k, v).is_some_and(|e| self.filter.is_none_or(|f| !f.is_active() || f.matches(&e)))
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((k, e)) = View::decode(k, v) {
            let verdict = if e.is_deny() { "Deny" } else { "Allow" };
            write!(out, "{verdict}\t{}\t{}\t", k.direction(), k.identity)?;
            self.write_rest(&k, &e, out)?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match View::decode(k, v) {
            Some((k, e)) => {
                crate::output::sorted::object(out, &Record::new(self.endpoint, &k, &e, self.version, Vec::new()))
            }
            None => Ok(()),
        }
    }
    fn state(&self, _: &[u8], v: &[u8], out: &mut Vec<u8>) {
        let end = if self.all_changes {
            v.len()
        } else {
            v.len().min(VALUE_SIZE_18)
        };
        out.extend_from_slice(&v[..end]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_bytes_and_port_forms() {
        let k = Key::new(3176, true, 17, 53, 16);
        let b = k.encode();
        assert_eq!(u32::from_le_bytes(b[0..4].try_into().unwrap()), 64);
        assert_eq!(&b[10..12], &[0, 53], "dport is network order");
        assert_eq!(Key::decode(&b).unwrap(), k);
        assert_eq!(k.port_proto(), "53/UDP");
        assert_eq!(k.direction(), "Egress");
        assert_eq!(Key::new(0, false, 0, 0, 0).port_proto(), "ANY");
        assert_eq!(Key::new(0, false, 6, 0, 0).port_proto(), "TCP");
        // 8080/12 bits of port → a range of 16 ports.
        let r = Key::new(2, false, 6, 8080, 12);
        assert_eq!(r.prefix(), 20);
        assert_eq!(r.port_proto(), "8080-8095/TCP");
        let bad = Key { prefixlen: 70, ..k };
        assert_eq!(bad.port_proto(), "<INVALID PREFIX LENGTH: 30>");
    }

    #[test]
    fn entries_per_layout() {
        let k = Key::new(3176, true, 17, 53, 16);
        let e = Entry::new_v17(&k, false, 40145, 0, 7, 700);
        let b = e.encode(VALUE_SIZE_COUNTERS);
        assert_eq!(&b[0..2], &40145u16.to_be_bytes());
        assert_eq!(b[2], 24 << 3);
        let d = Entry::decode(&b).unwrap();
        assert_eq!(d.lpm_prefix_length(), 24);
        assert_eq!(d.packets, Some(7));
        assert!(!d.is_deny());
        let short = Entry::decode(&e.encode(VALUE_SIZE_18)).unwrap();
        assert_eq!(short.packets, None);
        let deny = Entry::new_v17(&k, true, 0, 0, 0, 0);
        assert!(deny.is_deny());
        // auth: bit 7 = explicit in 1.17, part of the number in 1.16
        let a = Entry { auth: 0x81, ..deny };
        assert_eq!(auth_type_name(a.auth_type(Version::V1_17)), "spire");
        assert_eq!(auth_type_name(a.auth_type(Version::V1_16)), "Unknown-auth-type-129");
        assert_eq!(auth_type_name(2), "test-always-fail");
        let legacy = Entry { flags: 0b111, ..deny };
        assert_eq!(legacy.legacy_flag_names(), vec!["wildcard_protocol", "wildcard_dport"]);
    }

    #[test]
    fn sort_deny_first_then_direction_identity() {
        let mut v = vec![
            (
                Key::new(5, true, 0, 0, 0),
                Entry::new_v17(&Key::new(5, true, 0, 0, 0), false, 0, 0, 0, 0),
            ),
            (
                Key::new(9, false, 0, 0, 0),
                Entry::new_v17(&Key::new(9, false, 0, 0, 0), false, 0, 0, 0, 0),
            ),
            (
                Key::new(7, true, 0, 0, 0),
                Entry::new_v17(&Key::new(7, true, 0, 0, 0), true, 0, 0, 0, 0),
            ),
        ];
        sort(&mut v);
        let ids: Vec<u32> = v.iter().map(|(k, _)| k.identity).collect();
        assert_eq!(ids, vec![7, 9, 5]);
    }

    #[test]
    fn names() {
        assert_eq!(map_name(234, Version::V1_17), "cilium_policy_v2_00234");
        assert_eq!(map_name(234, Version::V1_16), "cilium_policy_00234");
    }

    /// fidelity.md C15: a 1.18 entry without stats prints u64 max in both counters.
    #[test]
    fn v118_json_counters_without_stats() {
        let k = Key::new(3176, true, 17, 53, 16);
        let e = Entry::decode(&Entry::new_v17(&k, false, 0, 0, 0, 0).encode(VALUE_SIZE_18)).unwrap();
        let j = serde_json::to_value(dump_json(&k, &e, Version::V1_18)).unwrap();
        assert_eq!(
            (j["Packets"].as_u64(), j["Bytes"].as_u64()),
            (Some(u64::MAX), Some(u64::MAX))
        );
        let found = Entry {
            packets: Some(211),
            bytes: Some(16_033),
            ..e
        };
        let j = serde_json::to_value(dump_json(&k, &found, Version::V1_18)).unwrap();
        assert_eq!((j["Packets"].as_u64(), j["Bytes"].as_u64()), (Some(211), Some(16_033)));
    }

    #[test]
    fn filter_fields() {
        use crate::filter::Entry as _;
        let exact = Key::new(3176, true, 17, 53, 16);
        let e = (exact, Entry::new_v17(&exact, false, 0, 0, 1, 2));
        assert_eq!((e.identity(), e.proto(), e.dport()), (Some(3176), Some(17), Some(53)));
        assert!(e.has_flag("allow") && e.has_flag("Egress") && !e.has_flag("deny") && !e.has_flag("ingress"));
        let any = Key::new(0, false, 0, 0, 0);
        let d = (any, Entry::new_v17(&any, true, 0, 0, 0, 0));
        assert_eq!(d.dport(), None, "a wildcard port is no port");
        assert!(d.has_flag("DENY") && d.has_flag("ingress"));
    }

    /// Byte fixture from `maps.md` §7.1 (layouts): an ingress allow of identity 1 (host) on
    /// 80/TCP: prefixlen 64, sec_label 1, egress 0, protocol 6, dport 80 BE; 1.17 value proxy
    /// port 0, byte 2 = lpm_prefix_length 24 << 3, packets 7 @8, bytes 420 @16.
    #[test]
    fn fixture_maps_md_policy_entry() {
        let key: [u8; 12] = [64, 0, 0, 0, 1, 0, 0, 0, 0, 6, 0x00, 0x50];
        let k = Key::decode(&key).unwrap();
        assert_eq!((k.identity, k.egress, k.proto, k.dport), (1, false, 6, 80));
        assert_eq!(
            (k.prefix(), k.direction(), k.port_proto()),
            (24, "Ingress", "80/TCP".to_string())
        );
        let mut val = [0u8; 24];
        val[2] = 24 << 3;
        val[8..16].copy_from_slice(&7u64.to_le_bytes());
        val[16..24].copy_from_slice(&420u64.to_le_bytes());
        let e = Value::decode(&val).unwrap();
        assert_eq!(
            (e.proxy_port, e.lpm_prefix_length(), e.packets, e.bytes),
            (0, 24, Some(7), Some(420))
        );
        assert!(!e.is_deny());
        // 1.18: 8 bytes, no counters.
        let e18 = Value::decode(&val[..8]).unwrap();
        assert_eq!((e18.packets, e18.bytes), (None, None));
        assert_eq!(Key::decode(&key[..11]), None);
        assert_eq!(Value::decode(&val[..7]), None);
    }

    /// The §7 fixture entry (allow ingress identity 1 on 80/TCP, 7 packets, 420 bytes) as the
    /// watch of `bpf policy get` shows it; without `--all-changes` the watch remembers no
    /// counters, so a remembered row shows `-`.
    #[test]
    fn view_shows_the_maps_md_policy_entry() {
        use crate::maps::view::View as _;
        let key: [u8; 12] = [64, 0, 0, 0, 1, 0, 0, 0, 0, 6, 0x00, 0x50];
        let mut val = [0u8; 24];
        val[2] = 24 << 3;
        val[8..16].copy_from_slice(&7u64.to_le_bytes());
        val[16..24].copy_from_slice(&420u64.to_le_bytes());
        let view = View {
            endpoint: 12,
            version: Version::V1_17,
            all_changes: false,
            filter: None,
        };
        let mut line = Vec::new();
        view.table(&key, &val, &mut line).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "Allow\tIngress\t1\t80/TCP\tNONE\tdisabled\t420\t7\t24\t"
        );
        let mut state = Vec::new();
        view.state(&key, &val, &mut state);
        let mut line = Vec::new();
        view.table_remembered(&key, &state, &mut line).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "Allow\tIngress\t1\t80/TCP\tNONE\tdisabled\t-\t-\t24\t"
        );
        let all = View {
            all_changes: true,
            ..view
        };
        let mut state = Vec::new();
        all.state(&key, &val, &mut state);
        assert_eq!(state, val);
        let mut rec = Vec::new();
        view.record(&key, &val, &mut rec).unwrap();
        let rec: serde_json::Value = serde_json::from_slice(&rec).unwrap();
        assert_eq!(
            (rec["endpoint_id"].clone(), rec["packets"].clone()),
            (12.into(), 7.into())
        );
    }
}
