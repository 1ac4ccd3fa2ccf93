//! Conntrack maps: `struct ipv4_ct_tuple` / `ipv6_ct_tuple` keys and `struct ct_entry` values
//! (bpf/lib/common.h, bpf/lib/conntrack_map.h; Go pkg/maps/ctmap/types.go), Cilium 1.16–1.18.
//!
//! The cilium-dbg formatter writes into a caller-owned buffer without allocating, because
//! `bpf ct list` prints up to millions of lines.

#![doc(alias = "cilium_ct4_global")]
#![doc(alias = "cilium_ct_any4_global")]
#![doc(alias = "cilium_ct6_global")]
#![doc(alias = "cilium_ct_any6_global")]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use super::{MapSpec, Shape, Version};
use crate::bpf::map_type::LRU_HASH;

/// `sizeof(struct ipv4_ct_tuple)` (packed).
pub const KEY4_SIZE: usize = 14;
/// `sizeof(struct ipv6_ct_tuple)` (packed).
pub const KEY6_SIZE: usize = 38;
/// `sizeof(struct ct_entry)`.
pub const VALUE_SIZE: usize = 56;

const _: () = assert!(KEY4_SIZE == 4 + 4 + 2 + 2 + 1 + 1);
const _: () = assert!(KEY6_SIZE == 16 + 16 + 2 + 2 + 1 + 1);
const _: () = assert!(VALUE_SIZE == 4 * 8 + 4 + 2 + 2 + 2 + 1 + 1 + 4 + 4 + 4);

/// Tuple flags (`TUPLE_F_*`). OUT is the absence of IN.
pub const TUPLE_F_OUT: u8 = 0;
pub const TUPLE_F_IN: u8 = 1;
pub const TUPLE_F_RELATED: u8 = 2;
pub const TUPLE_F_SERVICE: u8 = 4;

const V4: &[Shape] = &[Shape::new(LRU_HASH, KEY4_SIZE as u32, VALUE_SIZE as u32, "1.16–1.18")];
const V6: &[Shape] = &[Shape::new(LRU_HASH, KEY6_SIZE as u32, VALUE_SIZE as u32, "1.16–1.18")];

pub const TCP4_GLOBAL: MapSpec = MapSpec {
    name: "cilium_ct4_global",
    shapes: V4,
};
pub const ANY4_GLOBAL: MapSpec = MapSpec {
    name: "cilium_ct_any4_global",
    shapes: V4,
};
pub const TCP6_GLOBAL: MapSpec = MapSpec {
    name: "cilium_ct6_global",
    shapes: V6,
};
pub const ANY6_GLOBAL: MapSpec = MapSpec {
    name: "cilium_ct_any6_global",
    shapes: V6,
};

/// The global maps in cilium-dbg's order (`ctmap.GlobalMaps`): TCP4, any4, TCP6, any6.
pub const GLOBAL: [MapSpec; 4] = [TCP4_GLOBAL, ANY4_GLOBAL, TCP6_GLOBAL, ANY6_GLOBAL];

/// Which of the four CT tables a map is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    pub ipv6: bool,
    pub tcp: bool,
}

impl Table {
    pub fn shapes(self) -> &'static [Shape] {
        if self.ipv6 {
            V6
        } else {
            V4
        }
    }

    pub fn key_size(self) -> usize {
        if self.ipv6 {
            KEY6_SIZE
        } else {
            KEY4_SIZE
        }
    }

    /// Name prefix shared by the global, per-endpoint and per-cluster maps.
    fn stem(self) -> &'static str {
        match (self.tcp, self.ipv6) {
            (true, false) => "cilium_ct4_",
            (false, false) => "cilium_ct_any4_",
            (true, true) => "cilium_ct6_",
            (false, true) => "cilium_ct_any6_",
        }
    }

    /// Per-endpoint (ConntrackLocal) map name: prefix + 5-digit endpoint ID.
    pub fn local_name(self, ep: u16) -> String {
        format!("{}{ep:05}", self.stem())
    }

    /// Outer ARRAY_OF_MAPS of the per-cluster tables (cluster mesh).
    pub fn per_cluster_outer(self) -> &'static str {
        match (self.tcp, self.ipv6) {
            (true, false) => "cilium_per_cluster_ct_tcp4",
            (false, false) => "cilium_per_cluster_ct_any4",
            (true, true) => "cilium_per_cluster_ct_tcp6",
            (false, true) => "cilium_per_cluster_ct_any6",
        }
    }
}

/// The four tables in cilium-dbg's order.
pub const TABLES: [Table; 4] = [
    Table { ipv6: false, tcp: true },
    Table {
        ipv6: false,
        tcp: false,
    },
    Table { ipv6: true, tcp: true },
    Table { ipv6: true, tcp: false },
];

/// A decoded CT / NAT tuple. Field names follow the C struct; ports are in host order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuple {
    /// Bytes 0..4 (v4) / 0..16 (v6).
    pub daddr: IpAddr,
    pub saddr: IpAddr,
    pub dport: u16,
    pub sport: u16,
    pub nexthdr: u8,
    pub flags: u8,
}

impl Tuple {
    /// An empty slot (`nexthdr == 0`), which every listing skips: what an undecodable key reads as
    /// where the caller cannot fail.
    pub const EMPTY: Tuple = Tuple {
        daddr: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        saddr: IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        dport: 0,
        sport: 0,
        nexthdr: 0,
        flags: 0,
    };

    /// Decode a 14-byte (IPv4) or 38-byte (IPv6) tuple.
    pub fn decode(b: &[u8]) -> Option<Tuple> {
        let (a, p) = match b.len() {
            KEY6_SIZE => (16, 32),
            KEY4_SIZE => (4, 8),
            _ => return None,
        };
        let addr = |off: usize| -> IpAddr {
            if a == 16 {
                IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(&b[off..off + 16]).unwrap()))
            } else {
                IpAddr::V4(Ipv4Addr::new(b[off], b[off + 1], b[off + 2], b[off + 3]))
            }
        };
        Some(Tuple {
            daddr: addr(0),
            saddr: addr(a),
            dport: u16::from_be_bytes([b[p], b[p + 1]]),
            sport: u16::from_be_bytes([b[p + 2], b[p + 3]]),
            nexthdr: b[p + 4],
            flags: b[p + 5],
        })
    }

    /// Direction word as cilium-dbg prints it.
    pub fn direction(&self) -> &'static str {
        if self.flags & TUPLE_F_SERVICE != 0 {
            "SVC"
        } else if self.flags & TUPLE_F_IN != 0 {
            "IN"
        } else {
            "OUT"
        }
    }

    /// The connection as the user thinks of it: (source, sport, destination, dport). CT entries
    /// store addresses in reply order (cilium/cilium#5848) and SERVICE entries in forward order
    /// with swapped ports; this undoes both, matching the cilium-dbg line.
    pub fn conn(&self) -> (IpAddr, u16, IpAddr, u16) {
        if self.flags & TUPLE_F_SERVICE != 0 {
            (self.saddr, self.dport, self.daddr, self.sport)
        } else {
            (self.daddr, self.sport, self.saddr, self.dport)
        }
    }
}

/// Raw key fields for cilium-dbg's `-o json` (ports as stored, i.e. network order read as a
/// host u16; addresses as bytes).
#[derive(Debug, Clone, Copy)]
pub struct RawTuple<'a> {
    pub daddr: &'a [u8],
    pub saddr: &'a [u8],
    pub dport_raw: u16,
    pub sport_raw: u16,
    pub nexthdr: u8,
    pub flags: u8,
}

impl<'a> RawTuple<'a> {
    pub fn new(b: &'a [u8]) -> RawTuple<'a> {
        let (a, p) = if b.len() == KEY6_SIZE { (16, 32) } else { (4, 8) };
        RawTuple {
            daddr: &b[0..a],
            saddr: &b[a..2 * a],
            dport_raw: u16::from_ne_bytes([b[p], b[p + 1]]),
            sport_raw: u16::from_ne_bytes([b[p + 2], b[p + 3]]),
            nexthdr: b[p + 4],
            flags: b[p + 5],
        }
    }
}

/// How the 56-byte value is laid out and printed (`maps.md` §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 1.16 and 1.17: `reserved0, backend_id, packets, bytes, …, ifindex, …`; prints
    /// `IfIndex=` and `BackendID=`.
    V1_16,
    /// 1.18: `ifindex` became `reserved4`; no `IfIndex=`.
    V1_18,
}

impl Layout {
    pub fn for_version(v: Version) -> Layout {
        match v {
            Version::V1_16 | Version::V1_17 => Layout::V1_16,
            Version::V1_18 => Layout::V1_18,
        }
    }
}

/// `struct ct_entry`, host-order fields; `rev_nat` already swapped from network order.
#[doc(alias = "cilium_ct4_global")]
#[doc(alias = "cilium_ct_any4_global")]
#[doc(alias = "cilium_ct6_global")]
#[doc(alias = "cilium_ct_any6_global")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Entry {
    pub reserved0: u64,
    pub backend_id: u64,
    pub packets: u64,
    pub bytes: u64,
    pub lifetime: u32,
    pub flags: u16,
    pub rev_nat: u16,
    /// 1.16/1.17 `ifindex`; 1.18 `reserved4`.
    pub ifindex: u16,
    pub tx_flags_seen: u8,
    pub rx_flags_seen: u8,
    pub src_sec_id: u32,
    pub last_tx_report: u32,
    pub last_rx_report: u32,
}

impl Entry {
    pub fn decode(b: &[u8]) -> Option<Entry> {
        if b.len() < VALUE_SIZE {
            return None;
        }
        let u64h = |o: usize| u64::from_ne_bytes(b[o..o + 8].try_into().unwrap());
        let u32h = |o: usize| u32::from_ne_bytes(b[o..o + 4].try_into().unwrap());
        Some(Entry {
            reserved0: u64h(0),
            backend_id: u64h(8),
            packets: u64h(16),
            bytes: u64h(24),
            lifetime: u32h(32),
            flags: u16::from_ne_bytes([b[36], b[37]]),
            rev_nat: u16::from_be_bytes([b[38], b[39]]),
            ifindex: u16::from_ne_bytes([b[40], b[41]]),
            tx_flags_seen: b[42],
            rx_flags_seen: b[43],
            src_sec_id: u32h(44),
            last_tx_report: u32h(48),
            last_rx_report: u32h(52),
        })
    }

    /// Encode (for the lab and tests).
    pub fn encode(&self) -> [u8; VALUE_SIZE] {
        let mut b = [0u8; VALUE_SIZE];
        b[0..8].copy_from_slice(&self.reserved0.to_ne_bytes());
        b[8..16].copy_from_slice(&self.backend_id.to_ne_bytes());
        b[16..24].copy_from_slice(&self.packets.to_ne_bytes());
        b[24..32].copy_from_slice(&self.bytes.to_ne_bytes());
        b[32..36].copy_from_slice(&self.lifetime.to_ne_bytes());
        b[36..38].copy_from_slice(&self.flags.to_ne_bytes());
        b[38..40].copy_from_slice(&self.rev_nat.to_be_bytes());
        b[40..42].copy_from_slice(&self.ifindex.to_ne_bytes());
        b[42] = self.tx_flags_seen;
        b[43] = self.rx_flags_seen;
        b[44..48].copy_from_slice(&self.src_sec_id.to_ne_bytes());
        b[48..52].copy_from_slice(&self.last_tx_report.to_ne_bytes());
        b[52..56].copy_from_slice(&self.last_rx_report.to_ne_bytes());
        b
    }
}

/// Encode a tuple (for the lab and tests). Addresses must match the family.
pub fn encode_tuple(t: &Tuple) -> Vec<u8> {
    let mut b = Vec::with_capacity(KEY6_SIZE);
    for a in [t.daddr, t.saddr] {
        match a {
            IpAddr::V4(a) => b.extend_from_slice(&a.octets()),
            IpAddr::V6(a) => b.extend_from_slice(&a.octets()),
        }
    }
    b.extend_from_slice(&t.dport.to_be_bytes());
    b.extend_from_slice(&t.sport.to_be_bytes());
    b.push(t.nexthdr);
    b.push(t.flags);
    b
}

/// CT entry flag bits (u16 @36) and their cilium-dbg names, in print order (1.16+).
pub const FLAGS: &[(u16, &str)] = &[
    (1 << 0, "RxClosing"),
    (1 << 1, "TxClosing"),
    (1 << 2, "Nat64"),
    (1 << 3, "LBLoopback"),
    (1 << 4, "SeenNonSyn"),
    (1 << 5, "NodePort"),
    (1 << 6, "ProxyRedirect"),
    (1 << 7, "DSRInternal"),
    (1 << 8, "FromL7LB"),
    // bit 9: reserved (was auth_required); neither named nor "unknown".
    (1 << 10, "FromTunnel"),
];
/// Bits at and above this are printed as `Unknown=`.
pub const MAX_FLAGS: u16 = 1 << 11;

/// The tuple directions a row prints ([`Tuple::direction`]).
pub const DIRECTIONS: [&str; 3] = ["IN", "OUT", "SVC"];

/// The names `--flags` accepts on CT rows: every entry flag of [`FLAGS`], then [`DIRECTIONS`].
pub const FILTER_FLAGS: [&str; FLAGS.len() + DIRECTIONS.len()] = {
    let mut out = [""; FLAGS.len() + DIRECTIONS.len()];
    let mut i = 0;
    while i < FLAGS.len() {
        out[i] = FLAGS[i].1;
        i += 1;
    }
    let mut d = 0;
    while d < DIRECTIONS.len() {
        out[i + d] = DIRECTIONS[d];
        d += 1;
    }
    out
};

pub const RX_CLOSING: u16 = 1 << 0;
pub const TX_CLOSING: u16 = 1 << 1;
pub const SEEN_NON_SYN: u16 = 1 << 4;
pub const NODE_PORT: u16 = 1 << 5;
pub const PROXY_REDIRECT: u16 = 1 << 6;

/// Names of the set flags (for `-o jsonl`); unknown bits as `Unknown=0x....`.
pub fn flag_names(flags: u16) -> Vec<String> {
    let mut v: Vec<String> = FLAGS
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, n)| (*n).to_string())
        .collect();
    let unknown = flags & !(MAX_FLAGS - 1);
    if unknown != 0 {
        v.push(format!("Unknown=0x{unknown:04x}"));
    }
    v
}

// ---- allocation-free text helpers (shared with nat.rs) ----

/// "00" to "99": two digits per table lookup.
const DIGITS2: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Append a decimal number. Hot in every listing: digits are made two at a time into a fixed
/// 20-byte block that is appended whole (a fixed-size copy, no `memcpy` call) and then cut to
/// the digit count.
#[inline]
pub fn push_u64(buf: &mut Vec<u8>, v: u64) {
    if v < 10 {
        buf.push(b'0' + v as u8);
        return;
    }
    if v < 100 {
        let i = v as usize * 2;
        buf.extend_from_slice(&[DIGITS2[i], DIGITS2[i + 1]]);
        return;
    }
    push_u64_long(buf, v);
}

fn push_u64_long(buf: &mut Vec<u8>, mut v: u64) {
    let n = v.ilog10() as usize + 1;
    let mut tmp = [0u8; 20];
    let mut i = n;
    while v >= 100 {
        let r = (v % 100) as usize * 2;
        v /= 100;
        i -= 2;
        tmp[i] = DIGITS2[r];
        tmp[i + 1] = DIGITS2[r + 1];
    }
    if v >= 10 {
        let r = v as usize * 2;
        tmp[0] = DIGITS2[r];
        tmp[1] = DIGITS2[r + 1];
    } else {
        tmp[0] = b'0' + v as u8;
    }
    let len = buf.len();
    buf.extend_from_slice(&tmp);
    buf.truncate(len + n);
}

pub fn push_i64(buf: &mut Vec<u8>, v: i64) {
    if v < 0 {
        buf.push(b'-');
    }
    push_u64(buf, v.unsigned_abs());
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Two lowercase hex digits (Go `%#02x` without the prefix).
pub fn push_hex2(buf: &mut Vec<u8>, v: u8) {
    buf.extend_from_slice(&[HEX[(v >> 4) as usize], HEX[(v & 15) as usize]]);
}

/// Four lowercase hex digits (Go `%#04x` of a u16 without the prefix).
pub fn push_hex4(buf: &mut Vec<u8>, v: u16) {
    buf.extend_from_slice(&[
        HEX[(v >> 12) as usize & 15],
        HEX[(v >> 8) as usize & 15],
        HEX[(v >> 4) as usize & 15],
        HEX[v as usize & 15],
    ]);
}

/// Each byte's decimal digits, left-aligned, with the digit count in the last byte.
const DEC3: [[u8; 4]; 256] = {
    let mut t = [[0u8; 4]; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 100 {
            [b'0' + b / 100, b'0' + (b / 10) % 10, b'0' + b % 10, 3]
        } else if b >= 10 {
            [b'0' + b / 10, b'0' + b % 10, 0, 2]
        } else {
            [b'0' + b, 0, 0, 1]
        };
        i += 1;
    }
    t
};

/// Dotted quad from 4 raw bytes.
pub fn push_ipv4(buf: &mut Vec<u8>, a: &[u8]) {
    // At most 15 bytes, made in a fixed block appended whole, then cut.
    let mut tmp = [0u8; 20];
    let mut n = 0;
    for (i, &o) in a[..4].iter().enumerate() {
        if i > 0 {
            tmp[n] = b'.';
            n += 1;
        }
        let d = DEC3[o as usize];
        tmp[n..n + 4].copy_from_slice(&d);
        n += d[3] as usize;
    }
    let len = buf.len();
    buf.extend_from_slice(&tmp[..16]);
    buf.truncate(len + n);
}

/// An address from 4 or 16 raw bytes as Go's `net.IP.String()` prints it (an IPv4-mapped IPv6
/// address prints dotted).
pub fn push_ip(buf: &mut Vec<u8>, a: &[u8]) {
    use std::io::Write;
    if a.len() == 4 {
        push_ipv4(buf, a);
    } else {
        let v6 = Ipv6Addr::from(<[u8; 16]>::try_from(a).unwrap());
        match v6.to_ipv4_mapped() {
            Some(v4) => push_ipv4(buf, &v4.octets()),
            None => {
                let _ = write!(buf, "{v6}");
            }
        }
    }
}

/// Write the key part of a global CT line (`CtKey{4,6}Global.Dump(reverse=true)` after
/// `ToHost()`), e.g. `TCP OUT 10.0.0.1:40000 -> 10.0.0.2:80 `. Returns false (and writes
/// nothing) for `nexthdr == 0`, which cilium-dbg skips. IPv6 addresses are not bracketed.
pub fn format_key(buf: &mut Vec<u8>, key: &[u8]) -> bool {
    let (a, p) = if key.len() == KEY6_SIZE { (16, 32) } else { (4, 8) };
    let nexthdr = key[p + 4];
    if nexthdr == 0 {
        return false;
    }
    let flags = key[p + 5];
    let (d, s) = (&key[0..a], &key[a..2 * a]);
    let dport = u64::from(u16::from_be_bytes([key[p], key[p + 1]]));
    let sport = u64::from(u16::from_be_bytes([key[p + 2], key[p + 3]]));
    push_proto(buf, nexthdr);
    // SERVICE: saddr:dport -> daddr:sport; IN/OUT: daddr:sport -> saddr:dport.
    let (word, a1, p1, a2, p2): (&[u8], _, _, _, _) = if flags & TUPLE_F_SERVICE != 0 {
        (b" SVC ", s, dport, d, sport)
    } else if flags & TUPLE_F_IN != 0 {
        (b" IN ", d, sport, s, dport)
    } else {
        (b" OUT ", d, sport, s, dport)
    };
    buf.extend_from_slice(word);
    push_ip(buf, a1);
    buf.push(b':');
    push_u64(buf, p1);
    buf.extend_from_slice(b" -> ");
    push_ip(buf, a2);
    buf.push(b':');
    push_u64(buf, p2);
    buf.push(b' ');
    if flags & TUPLE_F_RELATED != 0 {
        buf.extend_from_slice(b"related ");
    }
    true
}

/// Key part for per-endpoint (ConntrackLocal) maps (`CtKey{4,6}.Dump(reverse=true)`):
/// `PROTO OUT <addr@4> <dport>:<sport> ` / `PROTO IN <addr@4> <sport>:<dport> `, then
/// `related ` / `service `. False for `nexthdr == 0`.
pub fn format_local_key(buf: &mut Vec<u8>, key: &[u8]) -> bool {
    let (a, p) = if key.len() == KEY6_SIZE { (16, 32) } else { (4, 8) };
    let nexthdr = key[p + 4];
    if nexthdr == 0 {
        return false;
    }
    let flags = key[p + 5];
    let dport = u64::from(u16::from_be_bytes([key[p], key[p + 1]]));
    let sport = u64::from(u16::from_be_bytes([key[p + 2], key[p + 3]]));
    push_proto(buf, nexthdr);
    let (word, p1, p2): (&[u8], _, _) = if flags & TUPLE_F_IN != 0 {
        (b" IN ", sport, dport)
    } else {
        (b" OUT ", dport, sport)
    };
    buf.extend_from_slice(word);
    push_ip(buf, &key[a..2 * a]);
    buf.push(b' ');
    push_u64(buf, p1);
    buf.push(b':');
    push_u64(buf, p2);
    buf.push(b' ');
    if flags & TUPLE_F_RELATED != 0 {
        buf.extend_from_slice(b"related ");
    }
    if flags & TUPLE_F_SERVICE != 0 {
        buf.extend_from_slice(b"service ");
    }
    true
}

/// Go `u8proto` name (`maps.md` §11.1) without allocating.
pub fn push_proto(buf: &mut Vec<u8>, p: u8) {
    match p {
        0 => buf.extend_from_slice(b"ANY"),
        1 => buf.extend_from_slice(b"ICMP"),
        6 => buf.extend_from_slice(b"TCP"),
        17 => buf.extend_from_slice(b"UDP"),
        58 => buf.extend_from_slice(b"ICMPv6"),
        132 => buf.extend_from_slice(b"SCTP"),
        n => push_u64(buf, u64::from(n)),
    }
}

/// Write the value part (`CtEntry.StringWithTimeDiff`), including the trailing ` \n`.
/// `remaining` is `Some(lifetime_secs - now_secs)` with `--time-diff`.
pub fn format_value(buf: &mut Vec<u8>, v: &Entry, layout: Layout, remaining: Option<i64>) {
    buf.extend_from_slice(b"expires=");
    push_u64(buf, u64::from(v.lifetime));
    if let Some(r) = remaining {
        buf.extend_from_slice(b" (remaining: ");
        push_i64(buf, r);
        buf.extend_from_slice(b" sec(s))");
    }
    buf.extend_from_slice(b" Packets=");
    push_u64(buf, v.packets);
    buf.extend_from_slice(b" Bytes=");
    push_u64(buf, v.bytes);
    buf.extend_from_slice(b" RxFlagsSeen=0x");
    push_hex2(buf, v.rx_flags_seen);
    buf.extend_from_slice(b" LastRxReport=");
    push_u64(buf, u64::from(v.last_rx_report));
    buf.extend_from_slice(b" TxFlagsSeen=0x");
    push_hex2(buf, v.tx_flags_seen);
    buf.extend_from_slice(b" LastTxReport=");
    push_u64(buf, u64::from(v.last_tx_report));
    buf.extend_from_slice(b" Flags=0x");
    push_hex4(buf, v.flags);
    buf.extend_from_slice(b" [ ");
    for (bit, name) in FLAGS {
        if v.flags & bit != 0 {
            buf.extend_from_slice(name.as_bytes());
            buf.push(b' ');
        }
    }
    let unknown = v.flags & !(MAX_FLAGS - 1);
    if unknown != 0 {
        buf.extend_from_slice(b"Unknown=0x");
        push_hex4(buf, unknown);
        buf.push(b' ');
    }
    buf.extend_from_slice(b"] RevNAT=");
    push_u64(buf, u64::from(v.rev_nat));
    buf.extend_from_slice(b" SourceSecurityID=");
    push_u64(buf, u64::from(v.src_sec_id));
    if layout == Layout::V1_16 {
        buf.extend_from_slice(b" IfIndex=");
        push_u64(buf, u64::from(v.ifindex));
    }
    buf.extend_from_slice(b" BackendID=");
    push_u64(buf, v.backend_id);
    buf.extend_from_slice(b" \n");
}

/// One `"Name": n,` line at 6 spaces (a record's fields); [`end_fields`] drops the last comma.
macro_rules! field6 {
    ($buf:expr, $name:literal, $v:expr) => {{
        $buf.extend_from_slice(concat!("      \"", $name, "\": ").as_bytes());
        push_u64($buf, $v);
        $buf.extend_from_slice(b",\n");
    }};
}

/// Turn the trailing `,\n` of the last field into `\n`.
fn end_fields(buf: &mut Vec<u8>) {
    if buf.ends_with(b",\n") {
        buf.truncate(buf.len() - 2);
        buf.push(b'\n');
    }
}

/// Write one `-o json` record body (`{"Key":…,"Value":…}`) at cilium-dbg's indentation: the
/// record opens at 2 spaces inside the top-level array. Ports and RevNAT are raw as stored.
pub fn write_json_record(buf: &mut Vec<u8>, key: &[u8], val: &[u8], layout: Layout) {
    json_key(buf, key);
    buf.extend_from_slice(b",\n    \"Value\": {\n");
    let v = Entry::decode(val).unwrap_or_default();
    let raw_revnat = u16::from_ne_bytes([val[38], val[39]]);
    field6!(buf, "Reserved0", v.reserved0);
    field6!(buf, "BackendID", v.backend_id);
    field6!(buf, "Packets", v.packets);
    field6!(buf, "Bytes", v.bytes);
    field6!(buf, "Lifetime", u64::from(v.lifetime));
    field6!(buf, "Flags", u64::from(v.flags));
    field6!(buf, "RevNAT", u64::from(raw_revnat));
    // 1.18 renamed the field (same bytes 40..41) to the exported `Reserved4` (fidelity C14).
    if layout == Layout::V1_16 {
        field6!(buf, "IfIndex", u64::from(v.ifindex));
    } else {
        field6!(buf, "Reserved4", u64::from(v.ifindex));
    }
    field6!(buf, "TxFlagsSeen", u64::from(v.tx_flags_seen));
    field6!(buf, "RxFlagsSeen", u64::from(v.rx_flags_seen));
    field6!(buf, "SourceSecurityID", u64::from(v.src_sec_id));
    field6!(buf, "LastTxReport", u64::from(v.last_tx_report));
    field6!(buf, "LastRxReport", u64::from(v.last_rx_report));
    end_fields(buf);
    buf.extend_from_slice(b"    }\n  }");
}

/// `"Key": {…}` for a CT/NAT tuple (Go embeds TupleKey4 in CtKey4Global, so the fields are
/// flattened). Starts at the record's first line.
pub fn json_key(buf: &mut Vec<u8>, key: &[u8]) {
    let t = RawTuple::new(key);
    buf.extend_from_slice(b"  {\n    \"Key\": {\n      \"DestAddr\": [\n");
    json_byte_lines(buf, t.daddr, 8);
    buf.extend_from_slice(b"      ],\n      \"SourceAddr\": [\n");
    json_byte_lines(buf, t.saddr, 8);
    buf.extend_from_slice(b"      ],\n");
    field6!(buf, "DestPort", u64::from(t.dport_raw));
    field6!(buf, "SourcePort", u64::from(t.sport_raw));
    field6!(buf, "NextHeader", u64::from(t.nexthdr));
    field6!(buf, "Flags", u64::from(t.flags));
    end_fields(buf);
    buf.extend_from_slice(b"    }");
}

/// `"name": [\n  n,\n  …\n]` at `indent` spaces (no trailing comma or newline).
pub fn json_bytes(buf: &mut Vec<u8>, name: &str, bytes: &[u8], indent: usize) {
    pad(buf, indent);
    buf.push(b'"');
    buf.extend_from_slice(name.as_bytes());
    buf.extend_from_slice(b"\": [\n");
    json_byte_lines(buf, bytes, indent + 2);
    pad(buf, indent);
    buf.push(b']');
}

/// One line per byte at `indent` spaces, commas between, each ending in a newline.
fn json_byte_lines(buf: &mut Vec<u8>, bytes: &[u8], indent: usize) {
    if indent > 11 {
        for (i, b) in bytes.iter().enumerate() {
            pad(buf, indent);
            push_u64(buf, u64::from(*b));
            buf.extend_from_slice(if i + 1 < bytes.len() { b",\n" } else { b"\n" });
        }
        return;
    }
    // Each line (at most 11 spaces, 3 digits, comma, newline) is made in a fixed 16-byte block.
    for &b in bytes {
        let mut tmp = [b' '; 16];
        let mut n = indent;
        if b >= 100 {
            tmp[n] = b'0' + b / 100;
            n += 1;
        }
        if b >= 10 {
            tmp[n] = b'0' + (b / 10) % 10;
            n += 1;
        }
        tmp[n] = b'0' + b % 10;
        tmp[n + 1] = b',';
        tmp[n + 2] = b'\n';
        let len = buf.len();
        buf.extend_from_slice(&tmp);
        buf.truncate(len + n + 3);
    }
    if !bytes.is_empty() {
        end_fields(buf);
    }
}

/// Numeric fields, one per line, the last without a comma, each ending in a newline.
pub fn json_fields(buf: &mut Vec<u8>, fields: &[(&str, u64)], indent: usize) {
    for (k, v) in fields {
        pad(buf, indent);
        buf.push(b'"');
        buf.extend_from_slice(k.as_bytes());
        buf.extend_from_slice(b"\": ");
        push_u64(buf, *v);
        buf.extend_from_slice(b",\n");
    }
    if !fields.is_empty() {
        end_fields(buf);
    }
}

fn pad(buf: &mut Vec<u8>, n: usize) {
    if n <= 16 {
        let len = buf.len();
        buf.extend_from_slice(&[b' '; 16]);
        buf.truncate(len + n);
    } else {
        buf.extend(std::iter::repeat_n(b' ', n));
    }
}

/// The typed `-o jsonl` record: the connection in forward direction, real ports, flag names.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub map: &'a str,
    pub proto: String,
    /// "OUT", "IN" or "SVC".
    pub direction: &'static str,
    pub related: bool,
    pub src: IpAddr,
    pub sport: u16,
    pub dst: IpAddr,
    pub dport: u16,
    /// Raw `lifetime` (datapath clock units).
    pub expires: u32,
    /// Seconds until expiry, when a clock was resolved (`--time-diff`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_secs: Option<i64>,
    pub packets: u64,
    pub bytes: u64,
    pub rx_flags_seen: u8,
    pub tx_flags_seen: u8,
    pub last_rx_report: u32,
    pub last_tx_report: u32,
    pub flags: Vec<String>,
    pub flags_raw: u16,
    pub rev_nat: u16,
    pub src_sec_id: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ifindex: Option<u16>,
    pub backend_id: u64,
}

impl<'a> Record<'a> {
    /// `None` for `nexthdr == 0` slots (skipped as in the table).
    pub fn new(map: &'a str, key: &[u8], val: &[u8], layout: Layout, remaining: Option<i64>) -> Option<Record<'a>> {
        let t = Tuple::decode(key)?;
        if t.nexthdr == 0 {
            return None;
        }
        let v = Entry::decode(val)?;
        let (src, sport, dst, dport) = t.conn();
        Some(Record {
            map,
            proto: crate::maps::util::proto_name(t.nexthdr),
            direction: t.direction(),
            related: t.flags & TUPLE_F_RELATED != 0,
            src,
            sport,
            dst,
            dport,
            expires: v.lifetime,
            remaining_secs: remaining,
            packets: v.packets,
            bytes: v.bytes,
            rx_flags_seen: v.rx_flags_seen,
            tx_flags_seen: v.tx_flags_seen,
            last_rx_report: v.last_rx_report,
            last_tx_report: v.last_tx_report,
            flags: flag_names(v.flags),
            flags_raw: v.flags,
            rev_nat: v.rev_nat,
            src_sec_id: v.src_sec_id,
            ifindex: (layout == Layout::V1_16).then_some(v.ifindex),
            backend_id: v.backend_id,
        })
    }
}

/// [`Record`] as one compact JSON line, written straight from the raw entry (the `-o jsonl` hot
/// path: no allocation). Byte-identical to `serde_json` of [`Record::new`]; false (nothing
/// written) for `nexthdr == 0` slots.
pub fn write_jsonl(
    buf: &mut Vec<u8>,
    map: &str,
    key: &[u8],
    val: &[u8],
    layout: Layout,
    remaining: Option<i64>,
) -> bool {
    let ok = write_record(buf, map, key, val, layout, remaining, true);
    if ok {
        buf.push(b'\n');
    }
    ok
}

/// [`Record`] as one JSON object without a newline; without `volatile`, the fields only
/// `--all-changes` compares (lifetime, counters, TCP flags seen, report times) are left out.
fn write_record(
    buf: &mut Vec<u8>,
    map: &str,
    key: &[u8],
    val: &[u8],
    layout: Layout,
    remaining: Option<i64>,
    volatile: bool,
) -> bool {
    // Shape-checked maps always fit; a short entry writes nothing, like an empty slot.
    let (Some(t), Some(v)) = (Tuple::decode(key), Entry::decode(val)) else {
        return false;
    };
    if t.nexthdr == 0 {
        return false;
    }
    let (src, sport, dst, dport) = t.conn();
    buf.extend_from_slice(b"{\"map\":");
    json_str(buf, map);
    buf.extend_from_slice(b",\"proto\":\"");
    push_proto(buf, t.nexthdr);
    buf.extend_from_slice(b"\",\"direction\":\"");
    buf.extend_from_slice(t.direction().as_bytes());
    buf.extend_from_slice(if t.flags & TUPLE_F_RELATED != 0 {
        b"\",\"related\":true,\"src\":\""
    } else {
        b"\",\"related\":false,\"src\":\""
    });
    push_ip_display(buf, src);
    buf.extend_from_slice(b"\",\"sport\":");
    push_u64(buf, u64::from(sport));
    buf.extend_from_slice(b",\"dst\":\"");
    push_ip_display(buf, dst);
    buf.extend_from_slice(b"\",\"dport\":");
    push_u64(buf, u64::from(dport));
    macro_rules! field {
        ($buf:expr, $name:literal, $n:expr) => {{
            $buf.extend_from_slice(concat!(",\"", $name, "\":").as_bytes());
            push_u64($buf, $n);
        }};
    }
    if volatile {
        field!(buf, "expires", u64::from(v.lifetime));
    }
    if let Some(r) = remaining {
        buf.extend_from_slice(b",\"remaining_secs\":");
        push_i64(buf, r);
    }
    if volatile {
        field!(buf, "packets", v.packets);
        field!(buf, "bytes", v.bytes);
        field!(buf, "rx_flags_seen", u64::from(v.rx_flags_seen));
        field!(buf, "tx_flags_seen", u64::from(v.tx_flags_seen));
        field!(buf, "last_rx_report", u64::from(v.last_rx_report));
        field!(buf, "last_tx_report", u64::from(v.last_tx_report));
    }
    buf.extend_from_slice(b",\"flags\":[");
    let mut first = true;
    for (bit, name) in FLAGS.iter() {
        if v.flags & bit != 0 {
            if !first {
                buf.push(b',');
            }
            first = false;
            buf.push(b'"');
            buf.extend_from_slice(name.as_bytes());
            buf.push(b'"');
        }
    }
    let unknown = v.flags & !(MAX_FLAGS - 1);
    if unknown != 0 {
        if !first {
            buf.push(b',');
        }
        buf.extend_from_slice(b"\"Unknown=0x");
        push_hex4(buf, unknown);
        buf.push(b'"');
    }
    buf.push(b']');
    field!(buf, "flags_raw", u64::from(v.flags));
    field!(buf, "rev_nat", u64::from(v.rev_nat));
    field!(buf, "src_sec_id", u64::from(v.src_sec_id));
    if layout == Layout::V1_16 {
        field!(buf, "ifindex", u64::from(v.ifindex));
    }
    field!(buf, "backend_id", v.backend_id);
    buf.push(b'}');
    true
}

/// An address as Rust's `Display` prints it (what `serde` writes for an `IpAddr`).
fn push_ip_display(buf: &mut Vec<u8>, ip: IpAddr) {
    use std::io::Write;
    match ip {
        IpAddr::V4(a) => push_ipv4(buf, &a.octets()),
        IpAddr::V6(a) => {
            let _ = write!(buf, "{a}");
        }
    }
}

/// A JSON string; plain names go straight in, anything else through `serde_json`.
fn json_str(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\' && b < 0x7f) {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *buf, s);
    }
}

/// The CT value bytes a watch compares by default: backend ID, flags, rev-NAT, ifindex and
/// source identity (18 of 56 bytes). Lifetime, counters, TCP flags seen and report times change
/// with every packet; `--all-changes` compares the whole value.
pub const STABLE: [std::ops::Range<usize>; 3] = [8..16, 36..42, 44..48];

/// How `bpf ct list` shows one CT map's entries, for its listing and its watch
/// ([`crate::maps::view::View`]).
///
/// A row a watch remembers by its [`STABLE`] bytes alone (removed or changed, without
/// `--all-changes`) shows its key alone in the table and leaves the volatile fields out of its
/// record.
pub struct View<'a> {
    /// The map's name, for the `-o jsonl` record.
    pub name: &'a str,
    /// A per-endpoint map: keys print in the local style.
    pub local: bool,
    pub layout: Layout,
    /// Seconds left for a lifetime (`--time-diff`), when a clock was resolved.
    pub remaining: &'a dyn Fn(u32) -> Option<i64>,
    /// The listing's filters (`None`: the caller filters).
    pub filter: Option<&'a crate::filter::FilterArgs>,
    /// Compare the whole value (`--all-changes`), not only the [`STABLE`] bytes.
    pub all_changes: bool,
}

impl View<'_> {
    fn lifetime(value: &[u8]) -> u32 {
        value
            .get(32..36)
            .map_or(0, |b| u32::from_ne_bytes(b.try_into().unwrap()))
    }
}

impl crate::maps::view::View for View<'_> {
    /// Occupied slots (`nexthdr != 0`) that pass the filters.
    fn keep(&self, key: &[u8], value: &[u8]) -> bool {
        key.len() >= 2
            && key[key.len() - 2] != 0
            && self
                .filter
                .is_none_or(|f| !f.is_active() || f.matches(&Fields::new(key, value)))
    }

    /// The cilium-dbg line without its newline; nothing for an empty slot.
    fn table(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if key.len() != KEY4_SIZE && key.len() != KEY6_SIZE {
            return Ok(());
        }
        let ok = if self.local {
            format_local_key(out, key)
        } else {
            format_key(out, key)
        };
        if ok {
            let e = Entry::decode(value).unwrap_or_default();
            format_value(out, &e, self.layout, (self.remaining)(e.lifetime));
        }
        while out.last() == Some(&b'\n') {
            out.pop();
        }
        Ok(())
    }

    fn record(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        let remaining = (self.remaining)(Self::lifetime(value));
        write_record(out, self.name, key, value, self.layout, remaining, true);
        Ok(())
    }

    fn state(&self, _key: &[u8], value: &[u8], out: &mut Vec<u8>) {
        if self.all_changes || value.len() != VALUE_SIZE {
            out.extend_from_slice(value);
        } else {
            for r in STABLE {
                out.extend_from_slice(&value[r]);
            }
        }
    }

    /// The key alone (the stable bytes are not what a line shows), or the whole line with
    /// `--all-changes`.
    fn table_remembered(&self, key: &[u8], state: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if self.all_changes {
            return self.table(key, state, out);
        }
        if self.local {
            format_local_key(out, key);
        } else {
            format_key(out, key);
        }
        while out.last() == Some(&b'\n') {
            out.pop();
        }
        Ok(())
    }

    /// The record from the stable bytes, without the volatile fields (or the whole record with
    /// `--all-changes`).
    fn record_remembered(&self, key: &[u8], state: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if self.all_changes {
            return self.record(key, state, out);
        }
        let mut v = [0u8; VALUE_SIZE];
        let mut at = 0;
        for r in STABLE {
            if let Some(b) = state.get(at..at + r.len()) {
                v[r.clone()].copy_from_slice(b);
            }
            at += r.len();
        }
        write_record(out, self.name, key, &v, self.layout, None, false);
        Ok(())
    }
}

/// A decoded entry as the dump filters see it: the connection as printed (source, destination),
/// protocol, flag names and direction, source identity and rev-NAT (service) ID.
pub struct Fields {
    pub tuple: Tuple,
    pub entry: Entry,
}

impl Fields {
    pub fn new(key: &[u8], val: &[u8]) -> Fields {
        Fields {
            tuple: Tuple::decode(key).unwrap_or(Tuple::EMPTY),
            entry: Entry::decode(val).unwrap_or_default(),
        }
    }
}

impl crate::filter::Entry for Fields {
    fn src(&self) -> Option<IpAddr> {
        Some(self.tuple.conn().0)
    }
    fn dst(&self) -> Option<IpAddr> {
        Some(self.tuple.conn().2)
    }
    fn sport(&self) -> Option<u16> {
        Some(self.tuple.conn().1)
    }
    fn dport(&self) -> Option<u16> {
        Some(self.tuple.conn().3)
    }
    fn proto(&self) -> Option<u8> {
        Some(self.tuple.nexthdr)
    }
    fn has_flag(&self, name: &str) -> bool {
        name.eq_ignore_ascii_case(self.tuple.direction())
            || FLAGS
                .iter()
                .any(|(bit, n)| self.entry.flags & bit != 0 && n.eq_ignore_ascii_case(name))
    }
    fn identity(&self) -> Option<u32> {
        Some(self.entry.src_sec_id)
    }
    fn service_id(&self) -> Option<u16> {
        (self.entry.rev_nat != 0).then_some(self.entry.rev_nat)
    }
}

/// The map's key and value under the names every map module uses.
pub type Key = Tuple;
pub type Value = Entry;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_flags_are_the_flags_then_every_direction() {
        let names: Vec<&str> = FLAGS.iter().map(|(_, n)| *n).collect();
        assert_eq!(&FILTER_FLAGS[..FLAGS.len()], &names[..]);
        let any = std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED);
        for flags in [0, TUPLE_F_IN, TUPLE_F_SERVICE, TUPLE_F_IN | TUPLE_F_SERVICE] {
            let t = Tuple {
                daddr: any,
                saddr: any,
                dport: 0,
                sport: 0,
                nexthdr: 6,
                flags,
            };
            assert!(
                FILTER_FLAGS[FLAGS.len()..].contains(&t.direction()),
                "{}",
                t.direction()
            );
        }
    }

    #[test]
    fn jsonl_writer_matches_serde_record() {
        // Pseudo-random entries over both key sizes, all layouts, with and without a clock.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        };
        for i in 0..400 {
            let ks = if i % 2 == 0 { KEY4_SIZE } else { KEY6_SIZE };
            let mut key: Vec<u8> = (0..ks).map(|_| next()).collect();
            let val: Vec<u8> = (0..VALUE_SIZE).map(|_| next()).collect();
            if i % 3 == 0 {
                // IPv4-mapped IPv6 addresses print dotted in both.
                if ks == KEY6_SIZE {
                    key[..12].copy_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
                }
            }
            if i % 5 == 0 {
                key[ks - 2] = 0; // an empty slot: skipped by both
            }
            let layout = [Layout::V1_16, Layout::V1_18][(i % 2) ^ ((i / 7) % 2)];
            let remaining = (i % 4 == 0).then_some(-(i as i64) * 1000);
            let mut got = Vec::new();
            let wrote = write_jsonl(&mut got, "cilium_ct4_global", &key, &val, layout, remaining);
            let mut want = Vec::new();
            if let Some(r) = Record::new("cilium_ct4_global", &key, &val, layout, remaining) {
                crate::output::json::write_line(&mut want, &r).unwrap();
            }
            assert_eq!(wrote, !want.is_empty());
            assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(want).unwrap());
        }
    }

    fn key4(d: [u8; 4], s: [u8; 4], dport: u16, sport: u16, proto: u8, flags: u8) -> Vec<u8> {
        let mut k = Vec::new();
        k.extend_from_slice(&d);
        k.extend_from_slice(&s);
        k.extend_from_slice(&dport.to_be_bytes());
        k.extend_from_slice(&sport.to_be_bytes());
        k.push(proto);
        k.push(flags);
        k
    }

    fn key_str(k: &[u8]) -> String {
        let mut b = Vec::new();
        assert!(format_key(&mut b, k));
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn tuple_offsets_and_byte_orders() {
        // daddr@0 = 172.20.0.87 (original source), saddr@4, dport@8 = 80 (BE), sport@10 = 43512.
        let k = key4([172, 20, 0, 87], [172, 20, 2, 2], 80, 43512, 6, 0);
        assert_eq!(k, [172, 20, 0, 87, 172, 20, 2, 2, 0x00, 0x50, 0xa9, 0xf8, 6, 0]);
        let t = Tuple::decode(&k).unwrap();
        assert_eq!(t.dport, 80);
        assert_eq!(t.sport, 43512);
        assert_eq!(encode_tuple(&t), k);
        let r = RawTuple::new(&k);
        // Raw = network bytes read in host (little-endian) order, as cilium-dbg's JSON shows.
        assert_eq!(r.dport_raw, 0x5000);
        assert_eq!(r.sport_raw, u16::from_ne_bytes([0xa9, 0xf8]));
    }

    #[test]
    fn key_directions() {
        let out = key4([172, 20, 0, 87], [172, 20, 2, 2], 80, 43512, 6, TUPLE_F_OUT);
        assert_eq!(key_str(&out), "TCP OUT 172.20.0.87:43512 -> 172.20.2.2:80 ");
        let inn = key4([172, 20, 0, 87], [172, 20, 2, 2], 80, 43512, 6, TUPLE_F_IN);
        assert_eq!(key_str(&inn), "TCP IN 172.20.0.87:43512 -> 172.20.2.2:80 ");
        // SERVICE: @0 = VIP, @4 = client, @8 = client port, @10 = service port.
        let svc = key4([10, 96, 88, 105], [172, 20, 0, 87], 43512, 80, 6, TUPLE_F_SERVICE);
        assert_eq!(key_str(&svc), "TCP SVC 172.20.0.87:43512 -> 10.96.88.105:80 ");
        let rel = key4([172, 20, 0, 87], [172, 20, 2, 2], 0, 0, 1, TUPLE_F_IN | TUPLE_F_RELATED);
        assert_eq!(key_str(&rel), "ICMP IN 172.20.0.87:0 -> 172.20.2.2:0 related ");
        let udp = key4([172, 20, 0, 87], [172, 20, 0, 24], 53, 40000, 17, 0);
        assert_eq!(key_str(&udp), "UDP OUT 172.20.0.87:40000 -> 172.20.0.24:53 ");
        let odd = key4([1, 2, 3, 4], [5, 6, 7, 8], 1, 2, 99, 0);
        assert_eq!(key_str(&odd), "99 OUT 1.2.3.4:2 -> 5.6.7.8:1 ");
        let mut b = Vec::new();
        assert!(!format_key(&mut b, &key4([1, 2, 3, 4], [5, 6, 7, 8], 1, 2, 0, 0)));
        assert!(b.is_empty());
    }

    #[test]
    fn local_key_format() {
        let k = key4([172, 20, 0, 87], [172, 20, 2, 2], 80, 43512, 6, TUPLE_F_OUT);
        let mut b = Vec::new();
        assert!(format_local_key(&mut b, &k));
        assert_eq!(b, b"TCP OUT 172.20.2.2 80:43512 ");
        let k = key4(
            [172, 20, 0, 87],
            [172, 20, 2, 2],
            80,
            43512,
            6,
            TUPLE_F_IN | TUPLE_F_SERVICE,
        );
        b.clear();
        assert!(format_local_key(&mut b, &k));
        assert_eq!(b, b"TCP IN 172.20.2.2 43512:80 service ");
    }

    #[test]
    fn ipv6_key_has_no_brackets() {
        let d: Ipv6Addr = "fd00:10:20::57".parse().unwrap();
        let s: Ipv6Addr = "fd00:10:20:2::2".parse().unwrap();
        let t = Tuple {
            daddr: d.into(),
            saddr: s.into(),
            dport: 80,
            sport: 40000,
            nexthdr: 6,
            flags: 0,
        };
        let k = encode_tuple(&t);
        assert_eq!(k.len(), KEY6_SIZE);
        assert_eq!(Tuple::decode(&k).unwrap(), t);
        assert_eq!(key_str(&k), "TCP OUT fd00:10:20::57:40000 -> fd00:10:20:2::2:80 ");
        let mut b = Vec::new();
        push_ip(&mut b, &Ipv6Addr::from(0xffff_0a00_0001u128).octets());
        assert_eq!(b, b"10.0.0.1");
    }

    fn entry() -> Entry {
        Entry {
            reserved0: 0,
            backend_id: 8,
            packets: 3,
            bytes: 180,
            lifetime: 21_600,
            flags: SEEN_NON_SYN,
            rev_nat: 5,
            ifindex: 0,
            tx_flags_seen: 0x1a,
            rx_flags_seen: 0x02,
            src_sec_id: 3012,
            last_tx_report: 13_600,
            last_rx_report: 0,
        }
    }

    #[test]
    fn value_offsets() {
        let e = entry();
        let b = e.encode();
        assert_eq!(&b[8..16], &8u64.to_le_bytes());
        assert_eq!(&b[32..36], &21_600u32.to_le_bytes());
        assert_eq!(&b[36..38], &[0x10, 0x00]);
        assert_eq!(&b[38..40], &[0x00, 0x05], "rev_nat_index is network order");
        assert_eq!(b[42], 0x1a);
        assert_eq!(b[43], 0x02);
        assert_eq!(&b[44..48], &3012u32.to_le_bytes());
        assert_eq!(Entry::decode(&b).unwrap(), e);
    }

    fn value_str(e: &Entry, layout: Layout, rem: Option<i64>) -> String {
        let mut b = Vec::new();
        format_value(&mut b, e, layout, rem);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn value_string_1_17() {
        assert_eq!(
            value_str(&entry(), Layout::V1_16, None),
            "expires=21600 Packets=3 Bytes=180 RxFlagsSeen=0x02 LastRxReport=0 TxFlagsSeen=0x1a LastTxReport=13600 Flags=0x0010 [ SeenNonSyn ] RevNAT=5 SourceSecurityID=3012 IfIndex=0 BackendID=8 \n"
        );
        assert_eq!(
            value_str(&Entry::default(), Layout::V1_16, Some(-5)),
            "expires=0 (remaining: -5 sec(s)) Packets=0 Bytes=0 RxFlagsSeen=0x00 LastRxReport=0 TxFlagsSeen=0x00 LastTxReport=0 Flags=0x0000 [ ] RevNAT=0 SourceSecurityID=0 IfIndex=0 BackendID=0 \n"
        );
    }

    #[test]
    fn value_string_1_18_drops_ifindex() {
        let s = value_str(&entry(), Layout::V1_18, Some(8000));
        assert!(s.starts_with("expires=21600 (remaining: 8000 sec(s)) Packets=3"), "{s}");
        assert!(s.ends_with("SourceSecurityID=3012 BackendID=8 \n"), "{s}");
        assert!(!s.contains("IfIndex"));
    }

    #[test]
    fn every_flag_bit() {
        let names = [
            "RxClosing",
            "TxClosing",
            "Nat64",
            "LBLoopback",
            "SeenNonSyn",
            "NodePort",
            "ProxyRedirect",
            "DSRInternal",
            "FromL7LB",
            "",
            "FromTunnel",
        ];
        for (bit, name) in names.iter().enumerate() {
            let e = Entry {
                flags: 1 << bit,
                ..Entry::default()
            };
            let s = value_str(&e, Layout::V1_16, None);
            let want = if name.is_empty() {
                format!("Flags=0x{:04x} [ ] ", 1 << bit)
            } else {
                format!("Flags=0x{:04x} [ {name} ] ", 1 << bit)
            };
            assert!(s.contains(&want), "bit {bit}: {s}");
        }
        for bit in 11..16 {
            let e = Entry {
                flags: 1 << bit | RX_CLOSING,
                ..Entry::default()
            };
            let s = value_str(&e, Layout::V1_16, None);
            let want = format!("[ RxClosing Unknown=0x{:04x} ]", 1u16 << bit);
            assert!(s.contains(&want), "bit {bit}: {s}");
        }
        assert_eq!(
            flag_names(RX_CLOSING | TX_CLOSING | SEEN_NON_SYN | 0x8000),
            ["RxClosing", "TxClosing", "SeenNonSyn", "Unknown=0x8000"]
        );
    }

    #[test]
    fn json_record_shape() {
        let k = key4([10, 0, 0, 1], [10, 0, 0, 2], 443, 1234, 6, 0);
        let mut b = Vec::new();
        write_json_record(&mut b, &k, &entry().encode(), Layout::V1_16);
        let s = String::from_utf8(b).unwrap();
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["Key"]["DestAddr"], serde_json::json!([10, 0, 0, 1]));
        assert_eq!(v["Key"]["DestPort"], 47873, "443 unswapped");
        assert_eq!(v["Value"]["RevNAT"], 1280, "5 unswapped");
        assert_eq!(v["Value"]["IfIndex"], 0);
        assert!(
            s.starts_with("  {\n    \"Key\": {\n      \"DestAddr\": [\n        10,\n"),
            "{s}"
        );
        let mut b = Vec::new();
        write_json_record(&mut b, &k, &entry().encode(), Layout::V1_18);
        let v: serde_json::Value = serde_json::from_slice(&b).unwrap();
        assert!(v["Value"].get("IfIndex").is_none());
        assert_eq!(v["Value"]["LastRxReport"], 0);
        assert_eq!(v["Value"].as_object().unwrap().len(), 13);
        let s = String::from_utf8(b).unwrap();
        assert!(
            s.contains("\"RevNAT\": 1280,\n      \"Reserved4\": 0,\n      \"TxFlagsSeen\""),
            "1.18 keeps the field in place as Reserved4: {s}"
        );
    }

    #[test]
    fn jsonl_record_is_forward_direction() {
        let svc = key4([10, 96, 88, 105], [172, 20, 0, 87], 43512, 80, 6, TUPLE_F_SERVICE);
        let r = Record::new("cilium_ct4_global", &svc, &entry().encode(), Layout::V1_16, None).unwrap();
        let s = serde_json::to_string(&r).unwrap();
        assert!(
            s.contains(
                r#""direction":"SVC","related":false,"src":"172.20.0.87","sport":43512,"dst":"10.96.88.105","dport":80"#
            ),
            "{s}"
        );
        assert!(s.contains(r#""flags":["SeenNonSyn"]"#), "{s}");
        assert!(!s.contains("remaining_secs"));
    }

    #[test]
    fn local_and_cluster_names() {
        assert_eq!(TABLES[0].local_name(234), "cilium_ct4_00234");
        assert_eq!(TABLES[3].local_name(1), "cilium_ct_any6_00001");
        assert_eq!(TABLES[1].per_cluster_outer(), "cilium_per_cluster_ct_any4");
        assert_eq!(
            GLOBAL.map(|s| s.name),
            [
                "cilium_ct4_global",
                "cilium_ct_any4_global",
                "cilium_ct6_global",
                "cilium_ct_any6_global"
            ]
        );
    }

    #[test]
    fn numbers() {
        let mut b = Vec::new();
        push_u64(&mut b, 0);
        b.push(b' ');
        push_u64(&mut b, u64::MAX);
        b.push(b' ');
        push_i64(&mut b, i64::MIN);
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "0 18446744073709551615 -9223372036854775808"
        );
    }

    /// Byte fixture from `cli.md` §2.6 (example line) and `maps.md` §4.2/§4.3 (layouts), written
    /// by hand: key daddr@0 = 10.244.1.5 (the original source, stored reversed), saddr@4 =
    /// 10.96.0.1, dport@8 = 443 BE, sport@10 = 43512 BE, nexthdr 6, flags 0 (OUT).
    #[test]
    fn fixture_cli_md_ct_line() {
        let key: [u8; 14] = [10, 244, 1, 5, 10, 96, 0, 1, 0x01, 0xbb, 0xa9, 0xf8, 6, 0];
        let mut val = [0u8; 56];
        val[32..36].copy_from_slice(&1769u32.to_le_bytes()); // lifetime
        val[36..38].copy_from_slice(&0x0010u16.to_le_bytes()); // flags: SeenNonSyn
        val[38..40].copy_from_slice(&[0x00, 0x01]); // rev_nat_index 1, network order
        val[42] = 0x1a; // tx_flags_seen
        val[43] = 0x1a; // rx_flags_seen
        val[44..48].copy_from_slice(&12345u32.to_le_bytes()); // src_sec_id
        val[48..52].copy_from_slice(&1726u32.to_le_bytes()); // last_tx_report
        val[52..56].copy_from_slice(&1726u32.to_le_bytes()); // last_rx_report
        let t = Tuple::decode(&key).unwrap();
        assert_eq!((t.dport, t.sport, t.nexthdr, t.direction()), (443, 43512, 6, "OUT"));
        let e = Entry::decode(&val).unwrap();
        assert_eq!((e.lifetime, e.rev_nat, e.src_sec_id, e.flags), (1769, 1, 12345, 0x0010));
        let mut line = Vec::new();
        assert!(format_key(&mut line, &key));
        format_value(&mut line, &e, Layout::for_version(Version::V1_17), None);
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "TCP OUT 10.244.1.5:43512 -> 10.96.0.1:443 expires=1769 Packets=0 Bytes=0 RxFlagsSeen=0x1a \
             LastRxReport=1726 TxFlagsSeen=0x1a LastTxReport=1726 Flags=0x0010 [ SeenNonSyn ] RevNAT=1 \
             SourceSecurityID=12345 IfIndex=0 BackendID=0 \n"
        );
        assert_eq!(Tuple::decode(&key[..13]), None, "short key");
        assert_eq!(Entry::decode(&val[..55]), None, "short value");
    }

    /// The cli.md line through [`View`]: the table without newline, the watch's stable bytes,
    /// and a row rebuilt from them (key alone, record without the volatile fields).
    #[test]
    fn ct_view_cli_md_entry() {
        use crate::maps::view::View as _;
        let key: [u8; 14] = [10, 244, 1, 5, 10, 96, 0, 1, 0x01, 0xbb, 0xa9, 0xf8, 6, 0];
        let mut val = [0u8; 56];
        val[8..16].copy_from_slice(&7u64.to_le_bytes()); // backend_id
        val[16..24].copy_from_slice(&3u64.to_le_bytes()); // packets
        val[32..36].copy_from_slice(&1769u32.to_le_bytes());
        val[36..38].copy_from_slice(&0x0010u16.to_le_bytes());
        val[38..40].copy_from_slice(&[0x00, 0x01]);
        val[44..48].copy_from_slice(&12345u32.to_le_bytes());
        let filter = crate::filter::FilterArgs::default();
        let view = View {
            name: "cilium_ct4_global",
            local: false,
            layout: Layout::V1_16,
            remaining: &|_| None,
            filter: Some(&filter),
            all_changes: false,
        };
        assert!(view.keep(&key, &val));
        let mut empty = key;
        empty[12] = 0;
        assert!(!view.keep(&empty, &val), "nexthdr 0 is an empty slot");
        let mut line = Vec::new();
        view.table(&key, &val, &mut line).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "TCP OUT 10.244.1.5:43512 -> 10.96.0.1:443 expires=1769 Packets=3 Bytes=0 RxFlagsSeen=0x00 \
             LastRxReport=0 TxFlagsSeen=0x00 LastTxReport=0 Flags=0x0010 [ SeenNonSyn ] RevNAT=1 \
             SourceSecurityID=12345 IfIndex=0 BackendID=7 "
        );
        let mut st = Vec::new();
        view.state(&key, &val, &mut st);
        assert_eq!(st.len(), 18);
        assert_eq!(&st[..8], &7u64.to_le_bytes());
        let mut line = Vec::new();
        view.table_remembered(&key, &st, &mut line).unwrap();
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "TCP OUT 10.244.1.5:43512 -> 10.96.0.1:443 "
        );
        let mut rec = Vec::new();
        view.record_remembered(&key, &st, &mut rec).unwrap();
        assert_eq!(
            String::from_utf8(rec).unwrap(),
            r#"{"map":"cilium_ct4_global","proto":"TCP","direction":"OUT","related":false,"src":"10.244.1.5","sport":43512,"dst":"10.96.0.1","dport":443,"flags":["SeenNonSyn"],"flags_raw":16,"rev_nat":1,"src_sec_id":12345,"ifindex":0,"backend_id":7}"#
        );
        // The whole record is the serde one, without its newline.
        let mut rec = Vec::new();
        view.record(&key, &val, &mut rec).unwrap();
        let serde = serde_json::to_string(&Record::new("cilium_ct4_global", &key, &val, Layout::V1_16, None).unwrap());
        assert_eq!(String::from_utf8(rec).unwrap(), serde.unwrap());
        // --all-changes compares and rebuilds the whole value.
        let all = View {
            all_changes: true,
            ..view
        };
        let mut st = Vec::new();
        all.state(&key, &val, &mut st);
        assert_eq!(st, val);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        all.record_remembered(&key, &st, &mut a).unwrap();
        all.record(&key, &val, &mut b).unwrap();
        assert_eq!(a, b);
    }
}
