//! `cilium_metrics` (PERCPU_HASH): forwarded/dropped packet and byte counters by reason,
//! direction and source line. Mirrors `struct metrics_key` / `struct metrics_value`
//! (bpf/lib/common.h), Go `pkg/maps/metricsmap` and the reason texts of `pkg/monitor/api/drop.go`.

use std::io::Write;

use serde::Serialize;

use super::util::{fits, u16_host, u64_host};
use super::{MapSpec, Shape};
use crate::bpf::map_type;
use crate::output::sorted::object;

pub const KEY_SIZE: usize = 8;
pub const VALUE_SIZE: usize = 16;
// struct metrics_key (1.16+): reason, dir:2 + pad:6, line, file, reserved[3].
const _: () = assert!(KEY_SIZE == 1 + 1 + 2 + 1 + 3);
// struct metrics_value (per CPU): count, bytes.
const _: () = assert!(VALUE_SIZE == 8 + 8);

pub const SPEC: MapSpec = MapSpec {
    name: "cilium_metrics",
    shapes: &[Shape::new(
        map_type::PERCPU_HASH,
        KEY_SIZE as u32,
        VALUE_SIZE as u32,
        "1.14–1.18",
    )],
};

/// `struct metrics_key` (1.16+ layout; older keys have zero line/file).
#[doc(alias = "cilium_metrics")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub reason: u8,
    pub dir: u8,
    pub line: u16,
    pub file: u8,
}

impl Key {
    pub fn decode(b: &[u8]) -> Option<Key> {
        fits(b, KEY_SIZE)?;
        Some(Key {
            reason: b[0],
            dir: b[1] & 0x3,
            line: u16_host(b, 2),
            file: b[4],
        })
    }

    pub fn encode(&self) -> [u8; KEY_SIZE] {
        let mut b = [0u8; KEY_SIZE];
        b[0] = self.reason;
        b[1] = self.dir & 0x3;
        b[2..4].copy_from_slice(&self.line.to_ne_bytes());
        b[4] = self.file;
        b
    }

    pub fn direction(&self) -> &'static str {
        direction_name(self.dir)
    }
}

pub const DIR_INGRESS: u8 = 1;
pub const DIR_EGRESS: u8 = 2;
pub const DIR_SERVICE: u8 = 3;

pub fn direction_name(d: u8) -> &'static str {
    match d {
        1 => "INGRESS",
        2 => "EGRESS",
        3 => "SERVICE",
        _ => "UNKNOWN",
    }
}

/// Sum of the per-CPU `struct metrics_value` slots (each rounded up to 8 bytes; 16 here).
pub fn sum_percpu(b: &[u8]) -> (u64, u64) {
    let (mut packets, mut bytes) = (0u64, 0u64);
    for slot in b.chunks_exact(VALUE_SIZE) {
        packets = packets.wrapping_add(u64_host(slot, 0));
        bytes = bytes.wrapping_add(u64_host(slot, 8));
    }
    (packets, bytes)
}

/// Go `monitorAPI.DropReason(code)`: the table text, else `"<code>, 0"`.
pub fn reason_name(code: u8) -> String {
    reason_text(code)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{code}, 0"))
}

/// Forward (< 130) and drop (≥ 130) reason texts of 1.17 (drop codes are −DROP_*).
pub fn reason_text(code: u8) -> Option<&'static str> {
    Some(match code {
        0 => "Success",
        2 => "Invalid packet",
        3 => "Interface",
        4 => "Interface Decrypted",
        5 => "LB, sock cgroup: No backend slot entry found",
        6 => "LB, sock cgroup: No backend entry found",
        7 => "LB, sock cgroup: Reverse entry update failed",
        8 => "LB, sock cgroup: Reverse entry stale",
        9 => "Fragmented packet",
        10 => "Fragmented packet entry update failed",
        11 => "Missed tail call to custom program",
        130 => "Invalid source mac",
        131 => "Invalid destination mac",
        132 => "Invalid source ip",
        133 => "Policy denied",
        134 => "Invalid packet",
        135 => "CT: Truncated or invalid header",
        136 => "Fragmentation needed",
        137 => "CT: Unknown L4 protocol",
        138 => "CT: Can't create entry from packet",
        139 => "Unsupported L3 protocol",
        140 => "Missed tail call",
        141 => "Error writing to packet",
        142 => "Unknown L4 protocol",
        143 => "Unknown ICMPv4 code",
        144 => "Unknown ICMPv4 type",
        145 => "Unknown ICMPv6 code",
        146 => "Unknown ICMPv6 type",
        147 => "Error retrieving tunnel key",
        148 => "Error retrieving tunnel options",
        149 => "Invalid Geneve option",
        150 => "Unknown L3 target address",
        151 => "Stale or unroutable IP",
        152 => "No matching local container found",
        153 => "Error while correcting L3 checksum",
        154 => "Error while correcting L4 checksum",
        155 => "CT: Map insertion failed",
        156 => "Invalid IPv6 extension header",
        157 => "IP fragmentation not supported",
        158 => "Service backend not found",
        160 => "No tunnel/encapsulation endpoint (datapath BUG!)",
        161 => "NAT 46/64 not enabled",
        162 => "Reached EDT rate-limiting drop horizon",
        163 => "Unknown connection tracking state",
        164 => "Local host is unreachable",
        165 => "No configuration available to perform policy decision",
        166 => "Unsupported L2 protocol",
        167 => "No mapping for NAT masquerade",
        168 => "Unsupported protocol for NAT masquerade",
        169 => "FIB lookup failed",
        170 => "Encapsulation traffic is prohibited",
        171 => "Invalid identity",
        172 => "Unknown sender",
        173 => "NAT not needed",
        174 => "Is a ClusterIP",
        175 => "First logical datagram fragment not found",
        176 => "Forbidden ICMPv6 message",
        177 => "Denied by LB src range check",
        178 => "Socket lookup failed",
        179 => "Socket assign failed",
        180 => "Proxy redirection not supported for protocol",
        181 => "Policy denied by denylist",
        182 => "VLAN traffic disallowed by VLAN filter",
        183 => "Incorrect VNI from VTEP",
        184 => "Failed to update or lookup TC buffer",
        185 => "No SID was found for the IP address",
        186 => "SRv6 state was removed during tail call",
        187 => "L3 translation from IPv4 to IPv6 failed (NAT46)",
        188 => "L3 translation from IPv6 to IPv4 failed (NAT64)",
        189 => "Authentication required",
        190 => "No conntrack map found",
        191 => "No nat map found",
        192 => "Invalid ClusterID",
        193 => "Unsupported packet protocol for DSR encapsulation",
        194 => "No egress gateway found",
        195 => "Traffic is unencrypted",
        196 => "TTL exceeded",
        197 => "No node ID found",
        198 => "Rate limited",
        199 => "IGMP handled",
        200 => "IGMP subscribed",
        201 => "Multicast handled",
        202 => "Host datapath not ready",
        203 => "Endpoint policy program not available",
        204 => "No Egress IP configured",
        _ => return None,
    })
}

/// Go `monitorAPI.BPFFileName(id)` (1.17 list).
pub fn file_name(id: u8) -> String {
    let n = match id {
        1 => "bpf_host.c",
        2 => "bpf_lxc.c",
        3 => "bpf_overlay.c",
        4 => "bpf_xdp.c",
        5 => "bpf_sock.c",
        6 => "bpf_network.c",
        7 => "bpf_wireguard.c",
        101 => "arp.h",
        102 => "drop.h",
        103 => "srv6.h",
        104 => "icmp6.h",
        105 => "nodeport.h",
        106 => "lb.h",
        107 => "mcast.h",
        108 => "ipv4.h",
        109 => "conntrack.h",
        110 => "l3.h",
        111 => "trace.h",
        112 => "encap.h",
        113 => "encrypt.h",
        114 => "host_firewall.h",
        115 => "nodeport_egress.h",
        _ => return format!("unknown({id})"),
    };
    n.to_string()
}

/// `Key.IsDrop()`: reason 2 (invalid packet) or ≥ 130.
pub fn is_drop(reason: u8) -> bool {
    reason == 2 || reason >= 130
}

/// cilium-dbg's `-o json` element.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonMetric {
    pub reason: String,
    pub direction: String,
    pub packets: u64,
    pub bytes: u64,
    pub line: u16,
    pub file: String,
}

/// One counter for `-o jsonl`.
#[derive(Debug, Serialize)]
pub struct Record {
    pub reason_code: u8,
    pub reason: String,
    pub drop: bool,
    pub direction: &'static str,
    pub packets: u64,
    pub bytes: u64,
    pub line: u16,
    pub file: String,
}

impl Record {
    pub fn new(k: &Key, packets: u64, bytes: u64) -> Record {
        Record {
            reason_code: k.reason,
            reason: reason_name(k.reason),
            drop: is_drop(k.reason),
            direction: k.direction(),
            packets,
            bytes,
            line: k.line,
            file: file_name(k.file),
        }
    }
}

/// How `bpf metrics list` shows a counter. The value is the per-CPU slots, or their sum (one
/// 16-byte slot): the listing keeps only the sums.
#[derive(Debug, Clone, Copy, Default)]
pub struct View;

impl View {
    /// The key and the summed counter as the listing keeps them (24 bytes); `None` for a key
    /// that does not fit.
    pub fn sum(k: &[u8], v: &[u8]) -> Option<([u8; KEY_SIZE], [u8; VALUE_SIZE])> {
        Key::decode(k)?;
        let (p, b) = sum_percpu(v);
        let mut s = [0u8; VALUE_SIZE];
        s[..8].copy_from_slice(&p.to_ne_bytes());
        s[8..].copy_from_slice(&b.to_ne_bytes());
        Some((k.get(..KEY_SIZE)?.try_into().ok()?, s))
    }

    pub fn decode(k: &[u8], v: &[u8]) -> Option<(Key, u64, u64)> {
        let (p, b) = sum_percpu(v);
        Some((Key::decode(k)?, p, b))
    }
}

impl super::view::View for View {
    fn header(&self) -> Option<&'static str> {
        Some("REASON\tDIRECTION\tPACKETS\tBYTES\tLINE\tFILE")
    }
    fn keep(&self, k: &[u8], _: &[u8]) -> bool {
        Key::decode(k).is_some()
    }
    fn table(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        if let Some((k, p, b)) = View::decode(k, v) {
            write!(
                out,
                "{}\t{}\t{p}\t{b}\t{}\t{}",
                reason_name(k.reason),
                k.direction(),
                k.line,
                file_name(k.file)
            )?;
        }
        Ok(())
    }
    fn record(&self, k: &[u8], v: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
        match View::decode(k, v) {
            Some((k, p, b)) => object(out, &Record::new(&k, p, b)),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_layout_and_dir_bits() {
        let k = Key {
            reason: 133,
            dir: DIR_EGRESS,
            line: 1234,
            file: 2,
        };
        let b = k.encode();
        assert_eq!(b[2..4], 1234u16.to_le_bytes());
        assert_eq!(Key::decode(&b).unwrap(), k);
        // pad bits above the 2 direction bits are ignored
        let mut b2 = b;
        b2[1] = 0b1111_1101;
        assert_eq!(Key::decode(&b2).unwrap().direction(), "INGRESS");
        for (d, n) in [(0, "UNKNOWN"), (1, "INGRESS"), (2, "EGRESS"), (3, "SERVICE")] {
            assert_eq!(direction_name(d), n);
        }
    }

    #[test]
    fn percpu_sum_and_names() {
        let mut v = vec![0u8; VALUE_SIZE * 3];
        for cpu in 0..3u64 {
            v[cpu as usize * 16..cpu as usize * 16 + 8].copy_from_slice(&(cpu + 1).to_le_bytes());
            v[cpu as usize * 16 + 8..cpu as usize * 16 + 16].copy_from_slice(&(100 * (cpu + 1)).to_le_bytes());
        }
        assert_eq!(sum_percpu(&v), (6, 600));
        assert_eq!(reason_name(0), "Success");
        assert_eq!(reason_name(133), "Policy denied");
        assert_eq!(reason_name(159), "159, 0");
        assert_eq!(reason_name(250), "250, 0");
        assert_eq!(file_name(115), "nodeport_egress.h");
        assert_eq!(file_name(0), "unknown(0)");
        assert!(is_drop(2) && is_drop(133) && !is_drop(3));
    }

    /// Byte fixture from `maps.md` §9.5 and §11.5/§11.6: reason 133 (Policy denied), dir 1
    /// (INGRESS), line 1234, file 2 (bpf_lxc.c); per-CPU values of two CPUs are summed.
    #[test]
    fn fixture_maps_md_metrics_entry() {
        let key: [u8; 8] = [133, 1, 0xd2, 0x04, 2, 0, 0, 0];
        let k = Key::decode(&key).unwrap();
        assert_eq!((k.reason, k.dir, k.line, k.file), (133, 1, 1234, 2));
        assert_eq!(k.direction(), "INGRESS");
        assert_eq!(reason_text(133), Some("Policy denied"));
        assert_eq!(file_name(2), "bpf_lxc.c");
        let mut vals = [0u8; 32];
        vals[0..8].copy_from_slice(&3u64.to_le_bytes());
        vals[8..16].copy_from_slice(&300u64.to_le_bytes());
        vals[16..24].copy_from_slice(&4u64.to_le_bytes());
        vals[24..32].copy_from_slice(&400u64.to_le_bytes());
        assert_eq!(sum_percpu(&vals), (7, 700));
        assert_eq!(Key::decode(&key[..7]), None);
    }

    /// The §9.5 entry (two CPUs) as `bpf metrics list` shows it, from the per-CPU slots and
    /// from the sum the listing keeps.
    #[test]
    fn view_shows_the_maps_md_metrics_entry() {
        use crate::maps::view::View as _;
        let key: [u8; 8] = [133, 1, 0xd2, 0x04, 2, 0, 0, 0];
        let mut vals = [0u8; 32];
        vals[0..8].copy_from_slice(&3u64.to_le_bytes());
        vals[8..16].copy_from_slice(&300u64.to_le_bytes());
        vals[16..24].copy_from_slice(&4u64.to_le_bytes());
        vals[24..32].copy_from_slice(&400u64.to_le_bytes());
        let (k, summed) = View::sum(&key, &vals).unwrap();
        for v in [&vals[..], &summed[..]] {
            let (mut line, mut rec) = (Vec::new(), Vec::new());
            View.table(&k, v, &mut line).unwrap();
            View.record(&k, v, &mut rec).unwrap();
            assert_eq!(
                String::from_utf8(line).unwrap(),
                "Policy denied\tINGRESS\t7\t700\t1234\tbpf_lxc.c"
            );
            assert_eq!(
                String::from_utf8(rec).unwrap(),
                r#"{"reason_code":133,"reason":"Policy denied","drop":true,"direction":"INGRESS","packets":7,"bytes":700,"line":1234,"file":"bpf_lxc.c"}"#
            );
        }
    }
}
