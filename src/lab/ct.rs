//! Lab: the reference node's conntrack maps (`cilium_ct{4,6}_global`, `cilium_ct_any{4,6}_global`)
//! with flows derived from `node.rs`, lifetimes relative to the current CLOCK_MONOTONIC (or the
//! `CDBG_TEST_MONO_SECS` test hook).

use std::net::IpAddr;

use anyhow::Result;

use super::node::{self, identity};
use super::UpOptions;
use crate::bpf::map_type::LRU_HASH;
use crate::clock;
use crate::maps::ct::{self, Entry, Tuple, TUPLE_F_IN, TUPLE_F_OUT, TUPLE_F_RELATED, TUPLE_F_SERVICE};
use crate::maps::BpfRoot;

const TCP: u8 = 6;
const UDP: u8 = 17;
const ICMP: u8 = 1;
const ICMPV6: u8 = 58;

/// The agent's dynamic sizing minimums (`maps.md` §1.6): what a small node gets.
pub const TCP_MAX: u32 = 131_072;
pub const ANY_MAX: u32 = 65_536;

/// Default timeouts in seconds (agent flags, `maps.md` §4.3).
const TCP_ESTABLISHED: u32 = 8000;
const TCP_SYN: u32 = 60;
const TCP_FIN: u32 = 10;
const NON_TCP: u32 = 60;
const SVC_TCP: u32 = 8000;
const SVC_NON_TCP: u32 = 60;

// TCP flag bytes as the datapath ORs them into *_flags_seen.
const SYN: u8 = 0x02;
const ACK_PSH_SYN: u8 = 0x1a;
const FIN_ACK_PSH_SYN: u8 = 0x1b;

fn ip(s: &str) -> IpAddr {
    s.parse().expect("lab IP")
}

/// One entry to insert.
struct Row {
    key: Vec<u8>,
    val: Entry,
}

/// A normal (non-service) entry: `src:sport -> dst:dport` as the user sees it; stored with
/// daddr@0 = src, saddr@4 = dst (reply order, cilium/cilium#5848).
fn conn(proto: u8, src: &str, sport: u16, dst: &str, dport: u16, flags: u8, val: Entry) -> Row {
    Row {
        key: ct::encode_tuple(&Tuple {
            daddr: ip(src),
            saddr: ip(dst),
            dport,
            sport,
            nexthdr: proto,
            flags,
        }),
        val,
    }
}

/// A SERVICE entry: client `src:sport` to `vip:vport`, stored forward (@0 = VIP, @4 = client,
/// @8 = client port, @10 = service port).
fn svc(proto: u8, src: &str, sport: u16, vip: &str, vport: u16, val: Entry) -> Row {
    Row {
        key: ct::encode_tuple(&Tuple {
            daddr: ip(vip),
            saddr: ip(src),
            dport: sport,
            sport: vport,
            nexthdr: proto,
            flags: TUPLE_F_SERVICE,
        }),
        val,
    }
}

/// The ICMP entry the datapath creates beside every connection so ICMP errors relate to it.
fn related(icmp: u8, src: &str, dst: &str, dir: u8, val: Entry) -> Row {
    conn(icmp, src, 0, dst, 0, dir | TUPLE_F_RELATED, val)
}

fn frontend(id: u16) -> &'static node::Frontend {
    node::FRONTENDS.iter().find(|f| f.id == id).expect("lab frontend")
}

/// The entries of each table, computed from `now` (seconds of CLOCK_MONOTONIC).
fn rows(now: u32) -> [(&'static str, Vec<Row>); 4] {
    let curl = node::endpoint(234).ipv4;
    let coredns = node::endpoint(1059).ipv4;
    let health = node::endpoint(491).ipv4;
    let node_ip = node::NODES[0].ip;
    let w1 = node::NODES[1];
    let w2 = node::NODES[2];
    let webpod = frontend(5);
    let kube_dns = frontend(2);
    let kubernetes = frontend(1);
    let echo = frontend(13);
    let webpod_v6 = frontend(16);
    let (b8, b9, b1, b2, b13) = (
        node::backend(8),
        node::backend(9),
        node::backend(1),
        node::backend(2),
        node::backend(13),
    );
    let (b15,) = (node::backend(15),);
    let seen = ct::SEEN_NON_SYN;
    let est = |src_sec_id: u32, rev_nat: u16, age: u32| Entry {
        lifetime: now + TCP_ESTABLISHED - age,
        flags: seen,
        rev_nat,
        tx_flags_seen: ACK_PSH_SYN,
        rx_flags_seen: ACK_PSH_SYN,
        src_sec_id,
        last_tx_report: now - age,
        last_rx_report: now - age,
        ..Entry::default()
    };
    let svc_entry = |backend_id: u32, rev_nat: u16, lifetime: u32, age: u32| Entry {
        backend_id: u64::from(backend_id),
        lifetime: now + lifetime - age,
        flags: seen,
        rev_nat,
        tx_flags_seen: ACK_PSH_SYN,
        last_tx_report: now - age,
        ..Entry::default()
    };

    // curl-pod -> webpod (ClusterIP 10.96.88.105:80) -> 172.20.2.2:80, established.
    let a_out = est(identity::CURL, webpod.id, 4);
    // A second request whose connection is closing (FIN both ways) -> 172.20.1.249:80.
    let b_out = Entry {
        lifetime: now + TCP_FIN - 3,
        flags: ct::RX_CLOSING | ct::TX_CLOSING | seen,
        tx_flags_seen: FIN_ACK_PSH_SYN,
        rx_flags_seen: FIN_ACK_PSH_SYN,
        ..est(identity::CURL, webpod.id, 3)
    };
    // curl-pod -> echo: the picked backend is terminating and never answers: SYN only.
    let c_out = Entry {
        lifetime: now + TCP_SYN - 12,
        flags: 0,
        tx_flags_seen: SYN,
        rx_flags_seen: 0,
        last_rx_report: 0,
        ..est(identity::CURL, echo.id, 12)
    };
    // coredns -> kubernetes API (10.96.0.1:443) -> 192.168.10.100:6443.
    let d_out = est(identity::COREDNS, kubernetes.id, 1);
    // Health probes: this node -> remote health endpoints (OUT) and remote nodes -> ours (IN).
    let h_out = est(identity::HOST, 0, 20);
    let h_in = est(identity::REMOTE_NODE, 0, 25);

    let tcp4 = vec![
        svc(
            TCP,
            curl,
            43512,
            webpod.ip,
            webpod.port,
            svc_entry(b8.id, webpod.id, SVC_TCP, 4),
        ),
        conn(TCP, curl, 43512, b8.ip, b8.port, TUPLE_F_OUT, a_out),
        svc(
            TCP,
            curl,
            43520,
            webpod.ip,
            webpod.port,
            svc_entry(b9.id, webpod.id, SVC_TCP, 3),
        ),
        conn(TCP, curl, 43520, b9.ip, b9.port, TUPLE_F_OUT, b_out),
        svc(
            TCP,
            curl,
            51022,
            echo.ip,
            echo.port,
            svc_entry(b13.id, echo.id, SVC_TCP, 12),
        ),
        conn(TCP, curl, 51022, b13.ip, b13.port, TUPLE_F_OUT, c_out),
        svc(
            TCP,
            coredns,
            38700,
            kubernetes.ip,
            kubernetes.port,
            svc_entry(b1.id, kubernetes.id, SVC_TCP, 1),
        ),
        conn(TCP, coredns, 38700, b1.ip, b1.port, TUPLE_F_OUT, d_out),
        conn(TCP, node_ip, 60312, w1.health_ip, 4240, TUPLE_F_OUT, h_out),
        conn(TCP, node_ip, 60318, w2.health_ip, 4240, TUPLE_F_OUT, h_out),
        conn(TCP, w1.ip, 47110, health, 4240, TUPLE_F_IN, h_in),
        conn(TCP, w2.ip, 52906, health, 4240, TUPLE_F_IN, h_in),
    ];

    let udp = |src_sec_id: u32, rev_nat: u16, age: u32| Entry {
        lifetime: now + NON_TCP - age,
        rev_nat,
        src_sec_id,
        last_tx_report: now - age,
        last_rx_report: now - age,
        ..Entry::default()
    };
    let rel = |e: Entry| Entry {
        flags: 0,
        tx_flags_seen: 0,
        rx_flags_seen: 0,
        ..e
    };
    let any4 = vec![
        // DNS: curl-pod -> kube-dns 10.96.0.10:53 -> coredns 172.20.0.24:53 on this node, so
        // both the egress (OUT) and the backend's ingress (IN) entries exist.
        svc(UDP, curl, 40017, kube_dns.ip, kube_dns.port, {
            let mut e = svc_entry(b2.id, kube_dns.id, SVC_NON_TCP, 2);
            e.flags = 0;
            e.tx_flags_seen = 0;
            e
        }),
        conn(
            UDP,
            curl,
            40017,
            b2.ip,
            b2.port,
            TUPLE_F_OUT,
            udp(identity::CURL, kube_dns.id, 2),
        ),
        conn(UDP, curl, 40017, b2.ip, b2.port, TUPLE_F_IN, udp(identity::CURL, 0, 2)),
        // ICMP entries created beside connections so that errors (e.g. frag needed) relate.
        related(ICMP, curl, b8.ip, TUPLE_F_OUT, rel(a_out)),
        related(ICMP, curl, b2.ip, TUPLE_F_OUT, rel(udp(identity::CURL, kube_dns.id, 2))),
        related(ICMP, w1.ip, health, TUPLE_F_IN, rel(h_in)),
        // Health ICMP echo: this node pings the remote health endpoints (id in the sport slot).
        conn(
            ICMP,
            node_ip,
            1538,
            w1.health_ip,
            0,
            TUPLE_F_OUT,
            udp(identity::HOST, 0, 15),
        ),
        conn(
            ICMP,
            node_ip,
            1539,
            w2.health_ip,
            0,
            TUPLE_F_OUT,
            udp(identity::HOST, 0, 15),
        ),
    ];

    // This node -> webpod-v6 ClusterIP over IPv6 (host-originated).
    let v6_out = est(identity::HOST, webpod_v6.id, 6);
    let tcp6 = vec![
        svc(
            TCP,
            node::NODE_IPV6,
            38216,
            webpod_v6.ip,
            webpod_v6.port,
            svc_entry(b15.id, webpod_v6.id, SVC_TCP, 6),
        ),
        conn(TCP, node::NODE_IPV6, 38216, b15.ip, b15.port, TUPLE_F_OUT, v6_out),
    ];
    let any6 = vec![related(ICMPV6, node::NODE_IPV6, b15.ip, TUPLE_F_OUT, rel(v6_out))];

    [
        ("cilium_ct4_global", tcp4),
        ("cilium_ct_any4_global", any4),
        ("cilium_ct6_global", tcp6),
        ("cilium_ct_any6_global", any6),
    ]
}

/// Create and fill the maps.
pub fn populate(root: &BpfRoot, _opts: UpOptions) -> Result<()> {
    // Entries date back up to 25 s; a node up for less than that would underflow.
    let now = clock::monotonic_secs().max(100) as u32;
    for (name, rows) in rows(now) {
        let table = ct::TABLES[ct::GLOBAL.iter().position(|s| s.name == name).unwrap()];
        let max = if table.tcp { TCP_MAX } else { ANY_MAX };
        let m = super::create_pinned(
            root,
            name,
            LRU_HASH,
            table.key_size() as u32,
            ct::VALUE_SIZE as u32,
            max,
            0,
        )?;
        for r in rows {
            m.update(&r.key, &r.val.encode())?;
        }
    }
    Ok(())
}

/// Fill `cilium_ct4_global` (created with `max` entries) with `n` synthetic established flows,
/// for benchmarks. Returns the number inserted.
pub fn fill(root: &BpfRoot, n: u32, max: u32) -> Result<u32> {
    let m = super::create_pinned(
        root,
        "cilium_ct4_global",
        LRU_HASH,
        ct::KEY4_SIZE as u32,
        ct::VALUE_SIZE as u32,
        max,
        0,
    )?;
    let now = clock::monotonic_secs() as u32;
    let mut keys = Vec::with_capacity(4096 * ct::KEY4_SIZE);
    let mut vals = Vec::with_capacity(4096 * ct::VALUE_SIZE);
    for i in 0..n {
        // Pods 10.200.x.y talking to 10.201.x.y:443 from distinct ports.
        let src = [10, 200, (i >> 16) as u8, (i >> 8) as u8];
        let dst = [10, 201, (i >> 8) as u8, i as u8];
        let mut k = Vec::with_capacity(ct::KEY4_SIZE);
        k.extend_from_slice(&src);
        k.extend_from_slice(&dst);
        k.extend_from_slice(&443u16.to_be_bytes());
        k.extend_from_slice(&(1024 + (i % 60000) as u16).to_be_bytes());
        k.push(TCP);
        k.push(if i % 2 == 0 { TUPLE_F_OUT } else { TUPLE_F_IN });
        keys.extend_from_slice(&k);
        let e = Entry {
            lifetime: now + TCP_ESTABLISHED,
            flags: ct::SEEN_NON_SYN,
            rev_nat: (i % 100) as u16,
            tx_flags_seen: ACK_PSH_SYN,
            rx_flags_seen: ACK_PSH_SYN,
            src_sec_id: 1000 + i % 5000,
            last_tx_report: now,
            last_rx_report: now,
            ..Entry::default()
        };
        vals.extend_from_slice(&e.encode());
        if keys.len() >= 4096 * ct::KEY4_SIZE {
            m.update_batch(&keys, &vals)?;
            keys.clear();
            vals.clear();
        }
    }
    if !keys.is_empty() {
        m.update_batch(&keys, &vals)?;
    }
    Ok(n)
}

/// Tour steps: (command line after `cdbg`, one-line explanation).
pub const TOUR: &[(&str, &str)] = &[
    (
        "bpf ct list global",
        "Conntrack: SVC entries (client -> ClusterIP), OUT/IN entries per connection, related ICMP entries",
    ),
    (
        "bpf ct list global -d --time-diff-clocksource-mode ktime",
        "The same with the seconds left before each entry expires (closing and SYN-only flows expire first)",
    ),
    (
        "bpf ct list global -o jsonl",
        "Typed records: the connection in forward direction, real ports, flag names (cdbg only)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_rows_are_consistent() {
        for (name, rows) in rows(13_600) {
            let v6 = name.contains('6');
            for r in &rows {
                assert_eq!(r.key.len(), if v6 { ct::KEY6_SIZE } else { ct::KEY4_SIZE }, "{name}");
                assert!(r.val.lifetime > 13_600 - 100, "{name}");
                let mut b = Vec::new();
                assert!(ct::format_key(&mut b, &r.key));
            }
        }
        let [(_, tcp4), ..] = rows(13_600);
        let mut b = Vec::new();
        ct::format_key(&mut b, &tcp4[0].key);
        assert_eq!(b, b"TCP SVC 172.20.0.87:43512 -> 10.96.88.105:80 ");
        b.clear();
        ct::format_key(&mut b, &tcp4[1].key);
        assert_eq!(b, b"TCP OUT 172.20.0.87:43512 -> 172.20.2.2:80 ");
    }
}
