//! `cilium_lb{4,6}_services_v2`: `struct lb4_key` / `struct lb6_key` and `struct lb4_service`
//! (= `lb6_service`), bpf/lib/lb.h, v1.16–1.18. Mirrors Go's `Service4Key`/`Service4Value` and
//! `loadbalancer.ServiceFlags` (pkg/maps/lbmap, pkg/loadbalancer).

use std::net::IpAddr;

use serde::Serialize;

use super::ct::{push_ipv4, push_proto, push_u64};
use super::util::{ipv4, ipv6, proto_name, u16_be, u16_host, u32_host};
use super::{MapSpec, Shape, Version};
use crate::bpf::map_type;

pub const KEY4_SIZE: usize = 12;
pub const KEY6_SIZE: usize = 24;
pub const VALUE_SIZE: usize = 12;

const _: () = assert!(KEY4_SIZE == 4 + 2 + 2 + 1 + 1 + 2);
const _: () = assert!(KEY6_SIZE == 16 + 2 + 2 + 1 + 1 + 2);
const _: () = assert!(VALUE_SIZE == 4 + 2 + 2 + 1 + 1 + 2);

#[doc(alias = "cilium_lb4_services_v2")]
pub const SPEC4: MapSpec = MapSpec {
    name: "cilium_lb4_services_v2",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY4_SIZE as u32,
        VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

#[doc(alias = "cilium_lb6_services_v2")]
pub const SPEC6: MapSpec = MapSpec {
    name: "cilium_lb6_services_v2",
    shapes: &[Shape::new(
        map_type::HASH,
        KEY6_SIZE as u32,
        VALUE_SIZE as u32,
        "1.16–1.18",
    )],
};

/// `LB_LOOKUP_SCOPE_INT`: the internal-traffic set of a two-scope service.
pub const SCOPE_INTERNAL: u8 = 1;

/// A service map key: one frontend slot.
#[doc(alias = "cilium_lb4_services_v2")]
#[doc(alias = "cilium_lb6_services_v2")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceKey {
    pub addr: IpAddr,
    pub port: u16,
    /// 0 = the master (frontend) entry; 1.. = backend slots.
    pub slot: u16,
    pub proto: u8,
    pub scope: u8,
}

impl ServiceKey {
    /// Decode a 12-byte (IPv4) or 24-byte (IPv6) key; `None` for any other length.
    pub fn decode(b: &[u8]) -> Option<ServiceKey> {
        let (addr, off) = match b.len() {
            KEY4_SIZE => (IpAddr::V4(ipv4(b, 0)), 4),
            KEY6_SIZE => (IpAddr::V6(ipv6(b, 0)), 16),
            _ => return None,
        };
        Some(ServiceKey {
            addr,
            port: u16_be(b, off),
            slot: u16_host(b, off + 2),
            proto: b[off + 4],
            scope: b[off + 5],
        })
    }

    /// The kernel bytes of this key (the lab writes them).
    pub fn encode(&self) -> Vec<u8> {
        let mut b = match self.addr {
            IpAddr::V4(a) => a.octets().to_vec(),
            IpAddr::V6(a) => a.octets().to_vec(),
        };
        b.extend_from_slice(&self.port.to_be_bytes());
        b.extend_from_slice(&self.slot.to_ne_bytes());
        b.push(self.proto);
        b.push(self.scope);
        b.extend_from_slice(&[0, 0]);
        b
    }

    pub fn is_ipv6(&self) -> bool {
        self.addr.is_ipv6()
    }

    pub fn is_internal(&self) -> bool {
        self.scope == SCOPE_INTERNAL
    }

    /// Go's `Service4Key.String()`: `ADDR:PORT/PROTO[/i] (SLOT)`; 1.16 has no `/PROTO`.
    pub fn cilium_string(&self, v: Version) -> String {
        let mut b = Vec::with_capacity(64);
        self.write_text(&mut b, v);
        String::from_utf8(b).expect("ASCII")
    }

    /// [`ServiceKey::cilium_string`] into a byte buffer (the listing's hot path).
    pub fn write_text(&self, buf: &mut Vec<u8>, v: Version) {
        push_host_port(buf, self.addr, self.addr.is_ipv6(), self.port);
        if v >= Version::V1_17 {
            buf.push(b'/');
            push_proto(buf, self.proto);
        }
        if self.is_internal() {
            buf.extend_from_slice(b"/i");
        }
        buf.extend_from_slice(b" (");
        push_u64(buf, u64::from(self.slot));
        buf.push(b')');
    }

    /// Typed order for sorting rows: IPv4 before IPv6, then address, port, protocol, scope, slot.
    pub fn sort_key(&self) -> (bool, IpAddr, u16, u8, u8, u16) {
        (self.is_ipv6(), self.addr, self.port, self.proto, self.scope, self.slot)
    }

    /// [`ServiceKey::sort_key`] packed big-endian into bytes, so a plain byte comparison gives
    /// the same order (a listing sorts 24 bytes a row instead of a tuple holding an `IpAddr`).
    pub fn sort_bytes(&self) -> [u8; 24] {
        let mut b = [0u8; 24];
        match self.addr {
            IpAddr::V4(a) => b[1..5].copy_from_slice(&a.octets()),
            IpAddr::V6(a) => {
                b[0] = 1;
                b[1..17].copy_from_slice(&a.octets());
            }
        }
        b[17..19].copy_from_slice(&self.port.to_be_bytes());
        b[19] = self.proto;
        b[20] = self.scope;
        b[21..23].copy_from_slice(&self.slot.to_be_bytes());
        b
    }
}

/// [`ServiceKey::sort_bytes`] straight from a raw key, without decoding it; `None` for a key of
/// another size.
pub fn sort_bytes(key: &[u8]) -> Option<[u8; 24]> {
    let off = match key.len() {
        KEY4_SIZE => 4,
        KEY6_SIZE => 16,
        _ => return None,
    };
    let mut b = [0u8; 24];
    b[0] = u8::from(off == 16);
    b[1..1 + off].copy_from_slice(&key[..off]);
    b[17..19].copy_from_slice(&key[off..off + 2]);
    b[19] = key[off + 4];
    b[20] = key[off + 5];
    b[21..23].copy_from_slice(&u16_host(key, off + 2).to_be_bytes());
    Some(b)
}

/// A service map value: the master entry (slot 0) or a backend slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceValue {
    /// The union at offset 0: backend ID (slots), or LB algorithm + affinity timeout / L7
    /// proxy port (master).
    pub backend_id: u32,
    pub count: u16,
    pub rev_nat: u16,
    pub flags: u8,
    pub flags2: u8,
    /// Non-active slots after the active ones (1.17+; padding before).
    pub qcount: u16,
}

/// `LB_ALGORITHM_SHIFT` and the affinity-timeout mask of the master union (1.17+).
const LB_ALGORITHM_SHIFT: u32 = 24;
const AFFINITY_TIMEOUT_MASK: u32 = 0x00ff_ffff;

impl ServiceValue {
    pub fn decode(b: &[u8]) -> Option<ServiceValue> {
        if b.len() != VALUE_SIZE {
            return None;
        }
        Some(ServiceValue {
            backend_id: u32_host(b, 0),
            count: u16_host(b, 4),
            rev_nat: u16_be(b, 6),
            flags: b[8],
            flags2: b[9],
            qcount: u16_host(b, 10),
        })
    }

    pub fn encode(&self) -> [u8; VALUE_SIZE] {
        let mut b = [0u8; VALUE_SIZE];
        b[0..4].copy_from_slice(&self.backend_id.to_ne_bytes());
        b[4..6].copy_from_slice(&self.count.to_ne_bytes());
        b[6..8].copy_from_slice(&self.rev_nat.to_be_bytes());
        b[8] = self.flags;
        b[9] = self.flags2;
        b[10..12].copy_from_slice(&self.qcount.to_ne_bytes());
        b
    }

    /// Go's `ServiceFlags`: `flags | flags2 << 8`.
    pub fn service_flags(&self) -> ServiceFlags {
        ServiceFlags(u16::from(self.flags) | u16::from(self.flags2) << 8)
    }

    /// LB algorithm of a master entry (1.17+; top byte of the union).
    pub fn lb_algorithm(&self) -> u8 {
        (self.backend_id >> LB_ALGORITHM_SHIFT) as u8
    }

    /// Session-affinity timeout (s) of a master entry. 1.16 uses the whole union.
    pub fn affinity_timeout(&self, v: Version) -> u32 {
        if v >= Version::V1_17 {
            self.backend_id & AFFINITY_TIMEOUT_MASK
        } else {
            self.backend_id
        }
    }

    /// L7 proxy port of a master entry: the union holds `htons(port)` in its low 16 bits.
    pub fn l7_proxy_port(&self) -> u16 {
        (self.backend_id as u16).swap_bytes()
    }

    /// Go's `Service4Value.String()` (`--frontends`): `ID COUNT[QCOUNT] (REVNAT) [0xF 0xF2]` in
    /// 1.17+, `ID COUNT (REVNAT) [0xF 0xF2]` in 1.16.
    pub fn cilium_string(&self, v: Version) -> String {
        let mut b = Vec::with_capacity(48);
        self.write_text(&mut b, v);
        String::from_utf8(b).expect("ASCII")
    }

    /// [`ServiceValue::cilium_string`] into a byte buffer (the listing's hot path).
    pub fn write_text(&self, buf: &mut Vec<u8>, v: Version) {
        push_u64(buf, u64::from(self.backend_id));
        buf.push(b' ');
        push_u64(buf, u64::from(self.count));
        if v >= Version::V1_17 {
            buf.push(b'[');
            push_u64(buf, u64::from(self.qcount));
            buf.push(b']');
        }
        buf.extend_from_slice(b" (");
        push_u64(buf, u64::from(self.rev_nat));
        buf.extend_from_slice(b") [");
        push_hex_alt(buf, self.flags);
        buf.push(b' ');
        push_hex_alt(buf, self.flags2);
        buf.push(b']');
    }
}

/// Go's `%#x` of a byte: `0x` and lower-case hex digits without leading zeros.
fn push_hex_alt(buf: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    buf.extend_from_slice(b"0x");
    if b >= 16 {
        buf.push(HEX[usize::from(b >> 4)]);
    }
    buf.push(HEX[usize::from(b & 15)]);
}

/// Service flag bits (`SVC_FLAG_*`, 16 bits = flags | flags2 << 8).
pub mod flag {
    pub const EXTERNAL_IP: u16 = 1 << 0;
    pub const NODEPORT: u16 = 1 << 1;
    pub const EXT_LOCAL_SCOPE: u16 = 1 << 2;
    pub const HOSTPORT: u16 = 1 << 3;
    pub const AFFINITY: u16 = 1 << 4;
    pub const LOADBALANCER: u16 = 1 << 5;
    pub const ROUTABLE: u16 = 1 << 6;
    pub const SOURCE_RANGE: u16 = 1 << 7;
    pub const LOCALREDIRECT: u16 = 1 << 8;
    pub const NAT_46X64: u16 = 1 << 9;
    pub const L7_LOADBALANCER: u16 = 1 << 10;
    pub const LOOPBACK: u16 = 1 << 11;
    pub const INT_LOCAL_SCOPE: u16 = 1 << 12;
    pub const TWO_SCOPES: u16 = 1 << 13;
    /// 1.17+: QUARANTINED on backend slots, SOURCE_RANGE_DENY on the master entry.
    pub const QUARANTINED: u16 = 1 << 14;
    pub const SOURCE_RANGE_DENY: u16 = 1 << 14;
    /// 1.17+: per-service DSR.
    pub const FWD_MODE_DSR: u16 = 1 << 15;
}

/// Go's `loadbalancer.ServiceFlags`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceFlags(pub u16);

impl ServiceFlags {
    fn has(&self, bit: u16) -> bool {
        self.0 & bit != 0
    }

    /// `SVCType()`: the first of ExternalIPs, NodePort, LoadBalancer, HostPort, LocalRedirect.
    pub fn service_type(&self) -> &'static str {
        if self.has(flag::EXTERNAL_IP) {
            "ExternalIPs"
        } else if self.has(flag::NODEPORT) {
            "NodePort"
        } else if self.has(flag::LOADBALANCER) {
            "LoadBalancer"
        } else if self.has(flag::HOSTPORT) {
            "HostPort"
        } else if self.has(flag::LOCALREDIRECT) {
            "LocalRedirect"
        } else {
            "ClusterIP"
        }
    }

    pub fn is_l7_lb(&self) -> bool {
        self.has(flag::L7_LOADBALANCER)
    }

    /// The parts of `String()` in order; bits 14–15 only count from 1.17, and the loopback bit
    /// reads `delegate-if-local` for non-HostPort services from 1.18.
    pub fn names(&self, v: Version) -> Vec<&'static str> {
        let mut n = Vec::with_capacity(4);
        self.each_name(v, |name| n.push(name));
        n
    }

    /// [`ServiceFlags::names`] one by one, without collecting them (the listing's hot path).
    pub fn each_name(&self, v: Version, mut push: impl FnMut(&'static str)) {
        push(self.service_type());
        if self.has(flag::EXT_LOCAL_SCOPE) {
            push("Local");
        }
        if self.has(flag::INT_LOCAL_SCOPE) {
            push("InternalLocal");
        }
        if self.has(flag::TWO_SCOPES) {
            push("two-scopes");
        }
        if self.has(flag::AFFINITY) {
            push("sessionAffinity");
        }
        if !self.has(flag::ROUTABLE) {
            push("non-routable");
        }
        let new_bits = v >= Version::V1_17;
        let mut deny = false;
        if self.has(flag::SOURCE_RANGE) {
            push("check source-range");
            if new_bits && self.has(flag::SOURCE_RANGE_DENY) {
                deny = true;
                push("deny");
            }
        }
        if self.has(flag::NAT_46X64) {
            push("46x64");
        }
        if self.has(flag::L7_LOADBALANCER) {
            push("l7-load-balancer");
        }
        if self.has(flag::LOOPBACK) {
            if v >= Version::V1_18 && self.service_type() != "HostPort" {
                push("delegate-if-local");
            } else {
                push("loopback");
            }
        }
        if new_bits && !deny && self.has(flag::QUARANTINED) {
            push("quarantined");
        }
        if new_bits && self.has(flag::FWD_MODE_DSR) {
            push("dsr");
        }
    }

    /// Go's `ServiceFlags.String()`.
    pub fn cilium_string(&self, v: Version) -> String {
        self.names(v).join(", ")
    }
}

/// LB algorithm names (`SVCLoadBalancingAlgorithm.String()`).
pub fn lb_algorithm_name(a: u8) -> &'static str {
    match a {
        1 => "random",
        2 => "maglev",
        _ => "undef",
    }
}

/// The value cell of a master entry in `bpf lb list`:
/// `0.0.0.0:0 (REVNAT) (0) [FLAGS] ` plus `(L7LB Proxy Port: N)` for L7 services.
pub fn master_entry_string(key: &ServiceKey, val: &ServiceValue, v: Version) -> String {
    let mut b = Vec::with_capacity(96);
    write_master_entry(&mut b, key, val, v);
    String::from_utf8(b).expect("ASCII")
}

/// [`master_entry_string`] into a byte buffer (the listing's hot path).
pub fn write_master_entry(b: &mut Vec<u8>, key: &ServiceKey, val: &ServiceValue, v: Version) {
    let flags = val.service_flags();
    b.extend_from_slice(if key.is_ipv6() { b"[::]:0 (" } else { b"0.0.0.0:0 (" });
    push_u64(b, u64::from(val.rev_nat));
    b.extend_from_slice(b") (");
    push_u64(b, u64::from(key.slot));
    b.extend_from_slice(b") [");
    let mut first = true;
    flags.each_name(v, |n| {
        if !first {
            b.extend_from_slice(b", ");
        }
        first = false;
        b.extend_from_slice(n.as_bytes());
    });
    b.extend_from_slice(b"] ");
    if flags.is_l7_lb() {
        b.extend_from_slice(b"(L7LB Proxy Port: ");
        push_u64(b, u64::from(val.l7_proxy_port()));
        b.push(b')');
    }
}

/// The value cell of a backend slot in `bpf lb list`: `IP:PORT/PROTO (REVNAT) (SLOT)` (1.17+;
/// 1.16 without `/PROTO`), IPv6 in brackets when the service is IPv6.
pub fn slot_entry_string(
    key: &ServiceKey,
    val: &ServiceValue,
    backend: &super::lb_backend::Backend,
    v: Version,
) -> String {
    let mut b = Vec::with_capacity(64);
    write_slot_entry(&mut b, key, val, backend, v);
    String::from_utf8(b).expect("ASCII")
}

/// [`slot_entry_string`] into a byte buffer (the listing's hot path).
pub fn write_slot_entry(
    buf: &mut Vec<u8>,
    key: &ServiceKey,
    val: &ServiceValue,
    backend: &super::lb_backend::Backend,
    v: Version,
) {
    push_host_port(buf, backend.addr, key.is_ipv6(), backend.port);
    if v >= Version::V1_17 {
        buf.push(b'/');
        push_proto(buf, backend.proto);
    }
    buf.extend_from_slice(b" (");
    push_u64(buf, u64::from(val.rev_nat));
    buf.extend_from_slice(b") (");
    push_u64(buf, u64::from(key.slot));
    buf.push(b')');
}

/// `ADDR:PORT` with the address as Rust's `Display` prints it, in brackets when `bracket`.
fn push_host_port(buf: &mut Vec<u8>, addr: IpAddr, bracket: bool, port: u16) {
    use std::io::Write;
    if bracket {
        buf.push(b'[');
    }
    match addr {
        IpAddr::V4(a) => push_ipv4(buf, &a.octets()),
        IpAddr::V6(a) => {
            let _ = write!(buf, "{a}");
        }
    }
    if bracket {
        buf.push(b']');
    }
    buf.push(b':');
    push_u64(buf, u64::from(port));
}

/// `-o jsonl` record for one service map entry (default view and `--frontends`).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceRecord {
    pub family: &'static str,
    pub frontend_ip: IpAddr,
    pub frontend_port: u16,
    pub proto: String,
    /// "external" or "internal".
    pub scope: &'static str,
    pub slot: u16,
    pub rev_nat_id: u16,
    /// "master" (slot 0) or "backend".
    pub entry: &'static str,
    pub service_type: Option<&'static str>,
    /// Flag names as cilium-dbg prints them (master), or `["quarantined"]` for a non-active slot.
    pub flags: Vec<&'static str>,
    pub flags_raw: u16,
    pub count: Option<u16>,
    pub qcount: Option<u16>,
    pub lb_algorithm: Option<&'static str>,
    pub affinity_timeout: Option<u32>,
    pub l7_proxy_port: Option<u16>,
    pub backend_id: Option<u32>,
    /// The joined backend (default view); `null` for master entries, `--frontends`, or a
    /// backend ID that is not in the backends map (`backend_missing`).
    pub backend: Option<super::lb_backend::BackendRecord>,
    pub backend_missing: bool,
}

impl ServiceRecord {
    pub fn new(key: &ServiceKey, val: &ServiceValue, v: Version) -> ServiceRecord {
        let f = val.service_flags();
        let master = key.slot == 0;
        let flags = if master {
            f.names(v)
        } else if v >= Version::V1_17 && f.0 & flag::QUARANTINED != 0 {
            vec!["quarantined"]
        } else {
            Vec::new()
        };
        ServiceRecord {
            family: if key.is_ipv6() { "ipv6" } else { "ipv4" },
            frontend_ip: key.addr,
            frontend_port: key.port,
            proto: proto_name(key.proto),
            scope: if key.is_internal() { "internal" } else { "external" },
            slot: key.slot,
            rev_nat_id: val.rev_nat,
            entry: if master { "master" } else { "backend" },
            service_type: master.then(|| f.service_type()),
            flags,
            flags_raw: f.0,
            count: master.then_some(val.count),
            qcount: (master && v >= Version::V1_17).then_some(val.qcount),
            lb_algorithm: (master && v >= Version::V1_17 && !f.is_l7_lb())
                .then(|| lb_algorithm_name(val.lb_algorithm())),
            affinity_timeout: (master && f.0 & flag::AFFINITY != 0 && !f.is_l7_lb()).then(|| val.affinity_timeout(v)),
            l7_proxy_port: (master && f.is_l7_lb()).then(|| val.l7_proxy_port()),
            backend_id: (!master).then_some(val.backend_id),
            backend: None,
            backend_missing: false,
        }
    }
}

impl ServiceRecord {
    /// The record as serde_json writes it, without serde (the `-o jsonl` hot path);
    /// `record_writers_match_serde` keeps the two equal.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let n = |v: Option<u16>| v.map(u64::from);
        let mut o = crate::output::json::Obj::new(out);
        o.str("family", self.family)
            .ip("frontend_ip", self.frontend_ip)
            .num("frontend_port", u64::from(self.frontend_port))
            .str("proto", &self.proto)
            .str("scope", self.scope)
            .num("slot", u64::from(self.slot))
            .num("rev_nat_id", u64::from(self.rev_nat_id))
            .str("entry", self.entry)
            .opt_str("service_type", self.service_type)
            .strs("flags", &self.flags)
            .num("flags_raw", u64::from(self.flags_raw))
            .opt_num("count", n(self.count))
            .opt_num("qcount", n(self.qcount))
            .opt_str("lb_algorithm", self.lb_algorithm)
            .opt_num("affinity_timeout", self.affinity_timeout.map(u64::from))
            .opt_num("l7_proxy_port", n(self.l7_proxy_port))
            .opt_num("backend_id", self.backend_id.map(u64::from));
        match &self.backend {
            Some(b) => b.write_json(o.key("backend")),
            None => {
                o.null("backend");
            }
        }
        o.bool("backend_missing", self.backend_missing).end();
    }
}

/// Filters on a service row: the frontend is the destination, the joined backend (slots in
/// the default view) the source; flags are the printed names.
impl crate::filter::Entry for ServiceRecord {
    fn src(&self) -> Option<IpAddr> {
        self.backend.as_ref().map(|b| b.ip)
    }
    fn dst(&self) -> Option<IpAddr> {
        Some(self.frontend_ip)
    }
    fn sport(&self) -> Option<u16> {
        self.backend.as_ref().map(|b| b.port)
    }
    fn dport(&self) -> Option<u16> {
        Some(self.frontend_port)
    }
    fn proto(&self) -> Option<u8> {
        super::util::parse_proto(&self.proto)
    }
    fn has_flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f.eq_ignore_ascii_case(name))
    }
    fn state(&self) -> Option<&str> {
        self.backend.as_ref().map(|b| b.state)
    }
    fn service_id(&self) -> Option<u16> {
        Some(self.rev_nat_id)
    }
    fn service_frontend(&self) -> Option<(IpAddr, u16)> {
        Some((self.frontend_ip, self.frontend_port))
    }
}

/// The map's key and value under the names every map module uses.
pub type Key = ServiceKey;
pub type Value = ServiceValue;

/// Backends by ID for the default view's join: IDs are allocated from 1 up, so most sit in a
/// table indexed by ID (one index a slot, no hashing); the table grows only to 65,536 plus four
/// times the backends held, and an ID beyond that goes to a hash map.
#[derive(Debug, Default)]
pub struct Backends {
    dense: Vec<Option<super::lb_backend::Backend>>,
    sparse: rustc_hash::FxHashMap<u32, super::lb_backend::Backend>,
    len: usize,
}

impl Backends {
    pub fn insert(&mut self, id: u32, b: super::lb_backend::Backend) {
        let i = id as usize;
        if i >= self.dense.len() && i < 65_536 + 4 * (self.len + 1) {
            self.dense.resize(i + 1, None);
        }
        let old = match self.dense.get_mut(i) {
            Some(slot) => slot.replace(b),
            None => self.sparse.insert(id, b),
        };
        if old.is_none() {
            self.len += 1;
        }
    }

    pub fn get(&self, id: &u32) -> Option<&super::lb_backend::Backend> {
        match self.dense.get(*id as usize) {
            Some(slot) => slot.as_ref(),
            None => self.sparse.get(id),
        }
    }
}

/// Room for a joined backend value after a service value in a [`ServiceView`] row: its length,
/// then up to 31 bytes (a backend value is 12 or 24 bytes).
pub const BACKEND_ROOM: usize = 32;

/// Append the joined backend (`None`: not found) to a service value, as [`ServiceView`] reads it.
pub fn push_joined(out: &mut Vec<u8>, backend: Option<&[u8]>) {
    let mut room = [0u8; BACKEND_ROOM];
    if let Some(b) = backend.filter(|b| b.len() < BACKEND_ROOM) {
        room[0] = b.len() as u8;
        room[1..1 + b.len()].copy_from_slice(b);
    }
    out.extend_from_slice(&room);
}

/// The rows of `bpf lb list` (default view: slots joined with backends) and `--frontends`,
/// for the listing and its watch ([`crate::maps::view::View`]).
///
/// A row's value is the service value, followed in a watch by the joined backend
/// ([`push_joined`]); without it, the backend is looked up in `backends`.
pub struct ServiceView<'a> {
    pub v: Version,
    /// The default view (join backends); false for `--frontends`.
    pub join: bool,
    /// Backends by ID, for rows whose value does not carry the joined backend.
    pub backends: Option<&'a Backends>,
    /// The listing's filters (`None`: the caller filters).
    pub filter: Option<&'a crate::filter::FilterArgs>,
}

impl ServiceView<'_> {
    /// The service value, and for a joined slot its backend (`Some(None)`: not found).
    fn split(
        &self,
        key: &ServiceKey,
        value: &[u8],
    ) -> Option<(ServiceValue, Option<Option<super::lb_backend::Backend>>)> {
        let sv = ServiceValue::decode(value.get(..VALUE_SIZE)?)?;
        if !self.join || key.slot == 0 {
            return Some((sv, None));
        }
        let joined = match value.get(VALUE_SIZE..) {
            Some(room) if !room.is_empty() => {
                let n = usize::from(room[0]);
                room.get(1..1 + n).and_then(super::lb_backend::Backend::decode)
            }
            _ => self.backends.and_then(|all| all.get(&sv.backend_id)).copied(),
        };
        Some((sv, Some(joined)))
    }

    /// Write the key cell then the value cell; returns where the key cell ends.
    pub fn cells(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<usize> {
        let bad = || anyhow::anyhow!("bad service entry");
        let k = ServiceKey::decode(key).ok_or_else(bad)?;
        let (sv, joined) = self.split(&k, value).ok_or_else(bad)?;
        k.write_text(out, self.v);
        let mid = out.len();
        match joined {
            _ if !self.join => sv.write_text(out, self.v),
            None => write_master_entry(out, &k, &sv, self.v),
            Some(Some(b)) => write_slot_entry(out, &k, &sv, &b, self.v),
            Some(None) => {
                out.extend_from_slice(b"backend ");
                push_u64(out, u64::from(sv.backend_id));
                out.extend_from_slice(b" not found");
            }
        }
        Ok(mid)
    }

    /// The row's `-o jsonl` record (the joined backend, or marked missing).
    pub fn service_record(&self, key: &[u8], value: &[u8]) -> Option<ServiceRecord> {
        let k = ServiceKey::decode(key)?;
        let (sv, joined) = self.split(&k, value)?;
        let mut rec = ServiceRecord::new(&k, &sv, self.v);
        match joined {
            Some(Some(b)) => rec.backend = Some(super::lb_backend::BackendRecord::new(sv.backend_id, &b)),
            Some(None) => rec.backend_missing = true,
            None => {}
        }
        Some(rec)
    }
}

impl crate::maps::view::View for ServiceView<'_> {
    fn header(&self) -> Option<&'static str> {
        Some(if self.join {
            "SERVICE ADDRESS\tBACKEND ADDRESS (REVNAT_ID) (SLOT)"
        } else {
            "SERVICE ADDRESS\tBACKEND ID"
        })
    }

    fn keep(&self, key: &[u8], value: &[u8]) -> bool {
        match self.filter.filter(|f| f.is_active()) {
            Some(f) => self.service_record(key, value).is_some_and(|r| f.matches(&r)),
            None => true,
        }
    }

    fn table(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        let start = out.len();
        let mid = self.cells(key, value, out)?;
        if mid >= start {
            out.insert(mid, b'\t');
        }
        Ok(())
    }

    fn record(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        let rec = self
            .service_record(key, value)
            .ok_or_else(|| anyhow::anyhow!("bad service entry"))?;
        rec.write_json(out);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_writers_match_serde() {
        use crate::maps::lb_backend::BackendRecord;
        let backend = BackendRecord {
            backend_id: 4_000_000_000,
            family: "ipv6",
            ip: "fd00::65".parse().unwrap(),
            port: 8080,
            proto: "TCP".into(),
            state: "quarantined",
            cluster_id: 3,
            zone: 7,
        };
        for slot in [0u16, 1, 65_535] {
            for (backend, missing) in [(None, false), (None, true), (Some(backend.clone()), false)] {
                let master = slot == 0;
                let rec = ServiceRecord {
                    family: "ipv4",
                    frontend_ip: "10.96.0.10".parse().unwrap(),
                    frontend_port: 53,
                    proto: if master { "ANY".into() } else { "250".into() },
                    scope: "internal",
                    slot,
                    rev_nat_id: 9,
                    entry: if master { "master" } else { "backend" },
                    service_type: master.then_some("ClusterIP"),
                    flags: if master {
                        vec!["ClusterIP", "non-routable"]
                    } else {
                        vec![]
                    },
                    flags_raw: 0x8001,
                    count: master.then_some(2),
                    qcount: master.then_some(0),
                    lb_algorithm: master.then_some("maglev"),
                    affinity_timeout: master.then_some(u32::MAX),
                    l7_proxy_port: None,
                    backend_id: (!master).then_some(17),
                    backend,
                    backend_missing: missing,
                };
                let mut got = Vec::new();
                rec.write_json(&mut got);
                assert_eq!(String::from_utf8(got).unwrap(), serde_json::to_string(&rec).unwrap());
            }
        }
        let mut got = Vec::new();
        backend.write_json(&mut got);
        assert_eq!(
            String::from_utf8(got).unwrap(),
            serde_json::to_string(&backend).unwrap()
        );
    }
    use crate::maps::lb_backend::Backend;

    const V17: Version = Version::V1_17;

    fn key4() -> [u8; 12] {
        // 10.96.0.1:443, slot 2 (host order), TCP, scope 1
        let mut b = [10, 96, 0, 1, 0x01, 0xbb, 0, 0, 6, 1, 0, 0];
        b[6..8].copy_from_slice(&2u16.to_ne_bytes());
        b
    }

    #[test]
    fn key_v4_decodes_with_both_byte_orders() {
        let k = ServiceKey::decode(&key4()).unwrap();
        assert_eq!(k.addr.to_string(), "10.96.0.1");
        assert_eq!(k.port, 443);
        assert_eq!(k.slot, 2);
        assert_eq!(k.proto, 6);
        assert_eq!(k.scope, 1);
        assert_eq!(k.encode(), key4().to_vec());
        assert_eq!(k.cilium_string(V17), "10.96.0.1:443/TCP/i (2)");
        assert_eq!(k.cilium_string(Version::V1_16), "10.96.0.1:443/i (2)");
    }

    #[test]
    fn key_v6_decodes_and_brackets() {
        let mut b = [0u8; 24];
        b[..16].copy_from_slice(&"fd00:10:96::5".parse::<std::net::Ipv6Addr>().unwrap().octets());
        b[16..18].copy_from_slice(&80u16.to_be_bytes());
        b[18..20].copy_from_slice(&0u16.to_ne_bytes());
        b[20] = 0;
        let k = ServiceKey::decode(&b).unwrap();
        assert_eq!(k.cilium_string(V17), "[fd00:10:96::5]:80/ANY (0)");
        assert_eq!(k.encode(), b.to_vec());
        assert!(ServiceKey::decode(&b[..20]).is_none());
    }

    #[test]
    fn sort_key_orders_typed() {
        let a = ServiceKey {
            addr: "10.96.0.10".parse().unwrap(),
            port: 53,
            slot: 2,
            proto: 17,
            scope: 0,
        };
        let b = ServiceKey {
            addr: "10.96.0.9".parse().unwrap(),
            ..a
        };
        let c = ServiceKey {
            addr: "::1".parse().unwrap(),
            ..a
        };
        let d = ServiceKey { slot: 10, ..b };
        let mut v = vec![c, d, a, b];
        v.sort_by_key(|k| k.sort_key());
        assert_eq!(v, vec![b, d, a, c]);
    }

    #[test]
    fn sort_bytes_order_as_sort_key() {
        let mut keys = Vec::new();
        for addr in [
            "10.96.0.10",
            "10.96.0.9",
            "255.0.0.1",
            "::",
            "::1",
            "fd00::a",
            "ff02::1",
        ] {
            for (port, proto, scope, slot) in [(53, 17, 0, 2), (53, 6, 1, 0), (80, 6, 0, 300), (443, 6, 0, 1)] {
                keys.push(ServiceKey {
                    addr: addr.parse().unwrap(),
                    port,
                    slot,
                    proto,
                    scope,
                });
            }
        }
        let mut by_tuple = keys.clone();
        by_tuple.sort_by_key(|k| k.sort_key());
        keys.sort_by_key(|k| k.sort_bytes());
        assert_eq!(keys, by_tuple);
    }

    /// Small IDs are indexed, large ones hashed; both are found, and a re-insert replaces.
    #[test]
    fn backends_by_id() {
        let b = |port: u16| Backend::decode(&[10, 0, 0, 1, (port >> 8) as u8, port as u8, 6, 0, 0, 0, 0, 0]).unwrap();
        let mut all = Backends::default();
        all.insert(7, b(80));
        all.insert(4_000_000_000, b(81));
        all.insert(7, b(82));
        assert_eq!(all.get(&7).map(|b| b.port), Some(82));
        assert_eq!(all.get(&4_000_000_000).map(|b| b.port), Some(81));
        assert!(all.get(&8).is_none() && all.get(&3_999_999_999).is_none());
        assert_eq!(all.len, 2);
        assert!(all.dense.len() < 70_000);
    }

    /// The allocation-free value text is the `format!` one, for every flags byte.
    #[test]
    fn value_text_matches_format() {
        for f in 0..=255u8 {
            let sv = ServiceValue {
                backend_id: 4_000_000_000,
                count: 3,
                qcount: 2,
                rev_nat: 65535,
                flags: f,
                flags2: 255 - f,
            };
            let mut b = Vec::new();
            sv.write_text(&mut b, Version::V1_17);
            let want = format!("4000000000 3[2] (65535) [{:#x} {:#x}]", f, 255 - f);
            assert_eq!(String::from_utf8(b).unwrap(), want);
            let mut b = Vec::new();
            sv.write_text(&mut b, Version::V1_16);
            let want = format!("4000000000 3 (65535) [{:#x} {:#x}]", f, 255 - f);
            assert_eq!(String::from_utf8(b).unwrap(), want);
        }
    }

    /// The cli.md sample rows (`10.96.0.1:443/TCP (0)` master, slot 1 → 172.18.0.3:6443)
    /// through [`ServiceView`]: the listing (backends by ID) and the watch (backend carried in
    /// the value) print the same cells and records; an unknown backend is "not found".
    #[test]
    fn service_view_cli_md_rows() {
        use crate::maps::view::View as _;
        let key = |slot: u16| {
            let mut k = [10, 96, 0, 1, 0x01, 0xbb, 0, 0, 6, 0, 0, 0];
            k[6..8].copy_from_slice(&slot.to_ne_bytes());
            k
        };
        let mut master = [0u8; 12];
        master[4..6].copy_from_slice(&1u16.to_ne_bytes()); // count
        master[6..8].copy_from_slice(&[0, 1]); // rev-NAT 1, network order
        let mut slot = master;
        slot[0..4].copy_from_slice(&7u32.to_ne_bytes()); // backend 7
        let be = [172, 18, 0, 3, 0x19, 0x2b, 6, 0, 0, 0, 0, 0]; // 172.18.0.3:6443 TCP active
        let mut all = Backends::default();
        all.insert(7, Backend::decode(&be).unwrap());
        let listing = ServiceView {
            v: Version::V1_17,
            join: true,
            backends: Some(&all),
            filter: None,
        };
        let watch = ServiceView {
            backends: None,
            ..listing
        };
        let line = |view: &ServiceView, k: &[u8], val: &[u8]| {
            let mut b = Vec::new();
            view.table(k, val, &mut b).unwrap();
            String::from_utf8(b).unwrap()
        };
        assert_eq!(
            line(&listing, &key(0), &master),
            "10.96.0.1:443/TCP (0)\t0.0.0.0:0 (1) (0) [ClusterIP, non-routable] "
        );
        assert_eq!(
            line(&listing, &key(1), &slot),
            "10.96.0.1:443/TCP (1)\t172.18.0.3:6443/TCP (1) (1)"
        );
        let mut joined = slot.to_vec();
        push_joined(&mut joined, Some(&be));
        assert_eq!(line(&watch, &key(1), &joined), line(&listing, &key(1), &slot));
        let rec = |view: &ServiceView, val: &[u8]| {
            let mut b = Vec::new();
            view.record(&key(1), val, &mut b).unwrap();
            String::from_utf8(b).unwrap()
        };
        assert_eq!(rec(&watch, &joined), rec(&listing, &slot));
        assert!(rec(&listing, &slot).contains(r#""backend":{"#));
        let mut gone = slot.to_vec();
        push_joined(&mut gone, None);
        assert_eq!(
            line(&watch, &key(1), &gone),
            "10.96.0.1:443/TCP (1)\tbackend 7 not found"
        );
        assert!(rec(&watch, &gone).contains(r#""backend_missing":true"#));
        let frontends = ServiceView { join: false, ..listing };
        assert_eq!(
            line(&frontends, &key(1), &slot),
            format!(
                "10.96.0.1:443/TCP (1)\t{}",
                ServiceValue::decode(&slot).unwrap().cilium_string(Version::V1_17)
            )
        );
        // The raw sort bytes are the decoded key's.
        for k in [key(0), key(1), key4()] {
            assert_eq!(sort_bytes(&k), Some(ServiceKey::decode(&k).unwrap().sort_bytes()));
        }
        let mut k6 = [0u8; 24];
        k6[0] = 0xfd;
        k6[15] = 1;
        k6[16..18].copy_from_slice(&53u16.to_be_bytes());
        k6[18..20].copy_from_slice(&3u16.to_ne_bytes());
        k6[20] = 17;
        assert_eq!(sort_bytes(&k6), Some(ServiceKey::decode(&k6).unwrap().sort_bytes()));
        assert_eq!(sort_bytes(&k6[..20]), None);
    }

    #[test]
    fn value_decodes_nbo_revnat_and_host_counts() {
        let mut b = [0u8; 12];
        b[0..4].copy_from_slice(&(0x0200_2a30u32).to_ne_bytes());
        b[4..6].copy_from_slice(&3u16.to_ne_bytes());
        b[6..8].copy_from_slice(&[0x01, 0x02]); // rev-NAT 258, NBO
        b[8] = 0x50;
        b[9] = 0x40;
        b[10..12].copy_from_slice(&1u16.to_ne_bytes());
        let v = ServiceValue::decode(&b).unwrap();
        assert_eq!(v.rev_nat, 258);
        assert_eq!(v.count, 3);
        assert_eq!(v.qcount, 1);
        assert_eq!(v.lb_algorithm(), 2);
        assert_eq!(v.affinity_timeout(V17), 0x2a30);
        assert_eq!(v.affinity_timeout(Version::V1_16), 0x0200_2a30);
        assert_eq!(v.encode(), b);
        assert_eq!(v.cilium_string(V17), "33565232 3[1] (258) [0x50 0x40]");
        assert_eq!(v.cilium_string(Version::V1_16), "33565232 3 (258) [0x50 0x40]");
        assert!(ServiceValue::decode(&b[..8]).is_none());
    }

    #[test]
    fn l7_proxy_port_is_byte_swapped_low_half() {
        let v = ServiceValue {
            backend_id: u32::from(15001u16.to_be()),
            count: 0,
            rev_nat: 9,
            flags: 0x40,
            flags2: 0x04,
            qcount: 0,
        };
        assert_eq!(v.l7_proxy_port(), 15001);
        let k = ServiceKey {
            addr: "10.96.7.7".parse().unwrap(),
            port: 80,
            slot: 0,
            proto: 6,
            scope: 0,
        };
        assert_eq!(
            master_entry_string(&k, &v, V17),
            "0.0.0.0:0 (9) (0) [ClusterIP, l7-load-balancer] (L7LB Proxy Port: 15001)"
        );
    }

    #[test]
    fn every_flag_bit_has_its_name() {
        let one = |bit: u16| ServiceFlags(bit | flag::ROUTABLE).cilium_string(V17);
        assert_eq!(one(0), "ClusterIP");
        assert_eq!(ServiceFlags(0).cilium_string(V17), "ClusterIP, non-routable");
        assert_eq!(one(flag::EXTERNAL_IP), "ExternalIPs");
        assert_eq!(one(flag::NODEPORT), "NodePort");
        assert_eq!(one(flag::EXT_LOCAL_SCOPE), "ClusterIP, Local");
        assert_eq!(one(flag::HOSTPORT), "HostPort");
        assert_eq!(one(flag::AFFINITY), "ClusterIP, sessionAffinity");
        assert_eq!(one(flag::LOADBALANCER), "LoadBalancer");
        assert_eq!(one(flag::SOURCE_RANGE), "ClusterIP, check source-range");
        assert_eq!(one(flag::LOCALREDIRECT), "LocalRedirect");
        assert_eq!(one(flag::NAT_46X64), "ClusterIP, 46x64");
        assert_eq!(one(flag::L7_LOADBALANCER), "ClusterIP, l7-load-balancer");
        assert_eq!(one(flag::LOOPBACK), "ClusterIP, loopback");
        assert_eq!(one(flag::INT_LOCAL_SCOPE), "ClusterIP, InternalLocal");
        assert_eq!(one(flag::TWO_SCOPES), "ClusterIP, two-scopes");
        assert_eq!(one(flag::QUARANTINED), "ClusterIP, quarantined");
        assert_eq!(one(flag::FWD_MODE_DSR), "ClusterIP, dsr");
        // Type precedence: ExternalIPs wins over NodePort, NodePort over LoadBalancer, ...
        assert_eq!(one(flag::NODEPORT | flag::EXTERNAL_IP), "ExternalIPs");
        assert_eq!(one(flag::LOADBALANCER | flag::NODEPORT), "NodePort");
        assert_eq!(one(flag::HOSTPORT | flag::LOADBALANCER), "LoadBalancer");
        assert_eq!(one(flag::LOCALREDIRECT | flag::HOSTPORT), "HostPort");
    }

    #[test]
    fn flag_order_and_deny() {
        let all = ServiceFlags(!flag::ROUTABLE);
        assert_eq!(
            all.cilium_string(V17),
            "ExternalIPs, Local, InternalLocal, two-scopes, sessionAffinity, non-routable, \
             check source-range, deny, 46x64, l7-load-balancer, loopback, dsr"
        );
        // Without SOURCE_RANGE, bit 14 is the slot's quarantine mark.
        let q = ServiceFlags(flag::QUARANTINED | flag::NODEPORT | flag::ROUTABLE);
        assert_eq!(q.cilium_string(V17), "NodePort, quarantined");
        // 1.16 knows neither bit 14 nor 15.
        assert_eq!(
            ServiceFlags(flag::QUARANTINED | flag::FWD_MODE_DSR | flag::SOURCE_RANGE | flag::ROUTABLE)
                .cilium_string(Version::V1_16),
            "ClusterIP, check source-range"
        );
        // 1.18 names the loopback bit by service type.
        let lb = ServiceFlags(flag::LOOPBACK | flag::ROUTABLE);
        assert_eq!(lb.cilium_string(Version::V1_18), "ClusterIP, delegate-if-local");
        let hp = ServiceFlags(flag::LOOPBACK | flag::HOSTPORT | flag::ROUTABLE);
        assert_eq!(hp.cilium_string(Version::V1_18), "HostPort, loopback");
    }

    #[test]
    fn list_cells() {
        let k = ServiceKey {
            addr: "10.96.150.7".parse().unwrap(),
            port: 8080,
            slot: 0,
            proto: 6,
            scope: 0,
        };
        let master = ServiceValue {
            backend_id: 0,
            count: 1,
            rev_nat: 13,
            flags: 0,
            flags2: 0,
            qcount: 1,
        };
        assert_eq!(
            master_entry_string(&k, &master, V17),
            "0.0.0.0:0 (13) (0) [ClusterIP, non-routable] "
        );
        let slot = ServiceKey { slot: 2, ..k };
        let sv = ServiceValue {
            backend_id: 13,
            count: 0,
            rev_nat: 13,
            flags: 0,
            flags2: 0x40,
            qcount: 0,
        };
        let be = Backend {
            addr: "172.20.2.81".parse().unwrap(),
            port: 8080,
            proto: 6,
            state: 1,
            cluster_id: 0,
            zone: 0,
        };
        assert_eq!(slot_entry_string(&slot, &sv, &be, V17), "172.20.2.81:8080/TCP (13) (2)");
        assert_eq!(
            slot_entry_string(&slot, &sv, &be, Version::V1_16),
            "172.20.2.81:8080 (13) (2)"
        );
        let r = ServiceRecord::new(&slot, &sv, V17);
        assert_eq!(r.flags, vec!["quarantined"]);
        assert_eq!(r.backend_id, Some(13));
        let m = ServiceRecord::new(&k, &master, V17);
        assert_eq!(m.flags, vec!["ClusterIP", "non-routable"]);
        assert_eq!(m.count, Some(1));
        assert_eq!(m.qcount, Some(1));
        assert_eq!(m.lb_algorithm, Some("undef"));
        let k6 = ServiceKey {
            addr: "fd00:10:96::5".parse().unwrap(),
            ..slot
        };
        let be6 = Backend {
            addr: "fd00:10:20:2::2".parse().unwrap(),
            ..be
        };
        assert_eq!(master_entry_string(&k6, &master, V17).split(' ').next(), Some("[::]:0"));
        assert_eq!(
            slot_entry_string(&k6, &sv, &be6, V17),
            "[fd00:10:20:2::2]:8080/TCP (13) (2)"
        );
    }

    #[test]
    fn filter_fields_of_master_and_slot_rows() {
        use crate::filter::Entry as _;
        let key = ServiceKey::decode(&key4()).unwrap();
        let master_key = ServiceKey { slot: 0, ..key };
        let val = ServiceValue {
            backend_id: 0,
            count: 1,
            rev_nat: 7,
            flags: flag::LOADBALANCER as u8,
            flags2: 0,
            qcount: 0,
        };
        let m = ServiceRecord::new(&master_key, &val, V17);
        assert_eq!(m.dst(), Some(key.addr));
        assert_eq!((m.src(), m.state()), (None, None));
        assert_eq!((m.dport(), m.proto(), m.service_id()), (Some(443), Some(6), Some(7)));
        assert_eq!(m.service_frontend(), Some((key.addr, 443)));
        assert!(m.has_flag("loadbalancer") && m.has_flag("non-routable") && !m.has_flag("NodePort"));
        let b = Backend {
            addr: "172.20.2.81".parse().unwrap(),
            port: 8080,
            proto: 6,
            state: 1,
            cluster_id: 0,
            zone: 0,
        };
        let mut slot = ServiceRecord::new(&key, &ServiceValue { backend_id: 13, ..val }, V17);
        slot.backend = Some(crate::maps::lb_backend::BackendRecord::new(13, &b));
        assert_eq!((slot.src(), slot.sport()), (Some(b.addr), Some(8080)));
        assert_eq!((slot.dst(), slot.dport()), (Some(key.addr), Some(443)));
        assert_eq!(slot.state(), Some("terminating"));
    }

    /// Byte fixture from `cli.md` §2.5 (example rows) and `maps.md` §3.1 (layouts): key
    /// 10.96.0.1:443 BE, slot 0, proto 6, scope 0; master value count 1, rev_nat 1 BE, flags 0
    /// (ClusterIP, routable bit clear → non-routable).
    #[test]
    fn fixture_cli_md_lb_master_row() {
        let key: [u8; 12] = [10, 96, 0, 1, 0x01, 0xbb, 0, 0, 6, 0, 0, 0];
        let val: [u8; 12] = [0, 0, 0, 0, 1, 0, 0x00, 0x01, 0, 0, 0, 0];
        let k = Key::decode(&key).unwrap();
        assert_eq!(k.cilium_string(Version::V1_17), "10.96.0.1:443/TCP (0)");
        let v = Value::decode(&val).unwrap();
        assert_eq!(
            master_entry_string(&k, &v, Version::V1_17),
            "0.0.0.0:0 (1) (0) [ClusterIP, non-routable] "
        );
        assert_eq!(Key::decode(&key[..11]), None);
        assert_eq!(Value::decode(&val[..11]), None);
    }
}
