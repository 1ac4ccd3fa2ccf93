//! Lab: the reference node's endpoint, ipcache, policy, metrics, node-ID, auth, runtime-config,
//! ip-masq and fragment maps, all derived from `node.rs`. Tunnel, egress-gateway and bandwidth
//! maps stay absent (native routing, features off) except in the reshaped 1.16/1.18 variants.
//!
//! Clock hook: `AgentLiveness` is CLOCK_MONOTONIC at `lab up` (10 minutes older with
//! `--faults`), fixed by `CDBG_TEST_MONO_SECS` (`crate::clock`); `UTimeOffset` follows
//! `CDBG_TEST_UNIX_NS` the same way. Tests set both so goldens are stable.

use std::net::{IpAddr, Ipv4Addr};

use anyhow::{bail, Result};

use super::node::{self, identity, Endpoint, ENDPOINTS, NODES};
use super::{create_pinned, UpOptions};
use crate::bpf::{map_type, sys::BPF_F_NO_PREALLOC};
use crate::maps::{auth, frag, ipcache, ipmasq, lxc, metrics, nodeid, policy, runtime_config, throttle, tunnel};
use crate::maps::{BpfRoot, Version};

const TCP: u8 = 6;
const UDP: u8 = 17;
/// The DNS proxy's listener port (redirects for coredns traffic).
pub const DNS_PROXY_PORT: u16 = 40145;
/// Fixed expiration of the lab's auth entry: 2026-01-01T00:00:00Z.
pub const AUTH_EXPIRATION_UNIX: u64 = 1_767_225_600;

fn ip(s: &str) -> IpAddr {
    s.parse().expect("lab IP")
}

/// Create and fill the maps (Cilium 1.17 layout).
pub fn populate(root: &BpfRoot, opts: UpOptions) -> Result<()> {
    lxc_map(root)?;
    ipcache_map(root, Version::V1_17)?;
    for ep in ENDPOINTS {
        policy_map(root, ep, Version::V1_17)?;
    }
    metrics_map(root)?;
    node_maps(root, true, true)?;
    runtime_config_map(root, opts.faults)?;
    auth_map(root)?;
    ipmasq_map(root)?;
    frag_map(root)?;
    Ok(())
}

fn lxc_map(root: &BpfRoot) -> Result<()> {
    let m = create_pinned(
        root,
        lxc::SPEC.name,
        map_type::HASH,
        lxc::KEY_SIZE as u32,
        lxc::VALUE_SIZE as u32,
        65535,
        BPF_F_NO_PREALLOC,
    )?;
    for ep in ENDPOINTS.iter().filter(|e| !e.ipv4.is_empty()) {
        let info = lxc::EndpointInfo {
            ifindex: ep.ifindex,
            lxc_id: ep.id,
            flags: 0,
            mac: lxc::parse_mac(ep.mac).expect("lab MAC"),
            node_mac: lxc::parse_mac(ep.node_mac).expect("lab MAC"),
            sec_id: ep.identity,
            parent_ifindex: 0,
        };
        m.update(&lxc::EndpointKey::new(ip(ep.ipv4)).encode(), &info.encode())?;
    }
    // Host entries: the node's device addresses and the cilium_host router IP.
    let host_ips = node::DEVICES.iter().map(|d| d.ip).chain([node::CILIUM_HOST_IP]);
    for h in host_ips {
        m.update(
            &lxc::EndpointKey::new(ip(h)).encode(),
            &lxc::EndpointInfo::host().encode(),
        )?;
    }
    Ok(())
}

/// The ipcache entries of the reference node: (prefix, bits, identity, tunnel endpoint).
pub fn ipcache_entries() -> Vec<(IpAddr, u8, u32, IpAddr)> {
    let none = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    let node_ip = |name: &str| ip(NODES.iter().find(|n| n.name == name).expect("lab node").ip);
    let mut v = Vec::new();
    for ep in ENDPOINTS.iter().filter(|e| !e.ipv4.is_empty()) {
        v.push((ip(ep.ipv4), 32, ep.identity, none));
    }
    for p in node::REMOTE_PODS {
        v.push((ip(p.ip), 32, p.identity, node_ip(p.node)));
    }
    for n in NODES {
        let local = n.node_id == 0;
        v.push((
            ip(n.ip),
            32,
            if local { identity::HOST } else { identity::REMOTE_NODE },
            none,
        ));
        if !local {
            v.push((ip(n.health_ip), 32, identity::HEALTH, ip(n.ip)));
        }
    }
    for d in node::DEVICES.iter().filter(|d| !d.direct_routing) {
        v.push((ip(d.ip), 32, identity::HOST, none));
    }
    v.push((ip(node::CILIUM_HOST_IP), 32, identity::HOST, none));
    v.push((ip("0.0.0.0"), 0, identity::WORLD, none));
    v.push((ip("8.8.8.8"), 32, identity::CIDR_DNS_GOOGLE, none));
    v
}

/// Fill `cilium_ipcache_v2` with `n` prefixes (mostly /32 pod IPs, every 8th a /24), for
/// benchmarks.
pub fn fill_ipcache(root: &BpfRoot, n: u32) -> Result<()> {
    let max = n.max(512_000);
    let ks = ipcache::KEY_SIZE as u32;
    let vs = ipcache::V2_VALUE_SIZE as u32;
    let m = create_pinned(
        root,
        ipcache::SPEC_V2.name,
        map_type::LPM_TRIE,
        ks,
        vs,
        max,
        BPF_F_NO_PREALLOC,
    )?;
    for i in 0..n {
        let bits = if i % 8 == 7 { 24 } else { 32 };
        // Hosts in 11.0.0.0/8 and up, networks from 100.0.0.0/24: all distinct.
        let a = if bits == 24 {
            0x6400_0000 + (i << 8)
        } else {
            0x0b00_0000 + i
        };
        let key = ipcache::Key {
            ip: IpAddr::from(a.to_be_bytes()),
            bits,
            cluster_id: 0,
        };
        let val = ipcache::Value {
            identity: 1000 + i % 5000,
            tunnel_endpoint: IpAddr::from([192, 168, (i >> 8) as u8 % 16, i as u8]),
            key: 0,
            flags: ipcache::FLAG_HAS_TUNNEL_EP,
        };
        m.update(&key.encode(), &val.encode_v2())?;
    }
    Ok(())
}

fn ipcache_map(root: &BpfRoot, v: Version) -> Result<()> {
    let (spec, vsize) = if v >= Version::V1_18 {
        (&ipcache::SPEC_V2, ipcache::V2_VALUE_SIZE)
    } else {
        (&ipcache::SPEC_V1, ipcache::V1_VALUE_SIZE)
    };
    let m = create_pinned(
        root,
        spec.name,
        map_type::LPM_TRIE,
        ipcache::KEY_SIZE as u32,
        vsize as u32,
        512_000,
        BPF_F_NO_PREALLOC,
    )?;
    for (addr, bits, id, tun) in ipcache_entries() {
        let key = ipcache::Key {
            ip: addr,
            bits,
            cluster_id: 0,
        };
        let mut val = ipcache::Value {
            identity: id,
            tunnel_endpoint: tun,
            key: 0,
            flags: 0,
        };
        if v >= Version::V1_18 {
            if !tun.is_unspecified() {
                val.flags |= ipcache::FLAG_HAS_TUNNEL_EP;
            }
            m.update(&key.encode(), &val.encode_v2())?;
        } else {
            m.update(&key.encode(), &val.encode_v1())?;
        }
    }
    Ok(())
}

/// Policy rules of an endpoint: (key, deny, proxy port, packets, bytes).
pub fn policy_entries(ep: &Endpoint) -> Vec<(policy::Key, bool, u16, u64, u64)> {
    use policy::Key;
    if ep.id != 234 {
        // No policy selects these endpoints: allow everything both ways.
        return vec![
            (Key::new(0, false, 0, 0, 0), false, 0, 120, 9_840),
            (Key::new(0, true, 0, 0, 0), false, 0, 96, 7_104),
        ];
    }
    vec![
        // ingress is not enforced for curl-pod
        (Key::new(0, false, 0, 0, 0), false, 0, 42, 3_528),
        // DNS to coredns goes through the DNS proxy
        (
            Key::new(identity::COREDNS, true, UDP, 53, 16),
            false,
            DNS_PROXY_PORT,
            310,
            22_940,
        ),
        (
            Key::new(identity::COREDNS, true, TCP, 53, 16),
            false,
            DNS_PROXY_PORT,
            0,
            0,
        ),
        (Key::new(identity::WEBPOD, true, TCP, 80, 16), false, 0, 1_204, 96_320),
        (Key::new(identity::ECHO, true, TCP, 8080, 12), false, 0, 18, 1_296),
        (Key::new(identity::HOST, true, 0, 0, 0), false, 0, 6, 504),
        (
            Key::new(identity::KUBE_APISERVER, true, TCP, 6443, 16),
            false,
            0,
            77,
            9_856,
        ),
        // explicit deny of the 8.8.8.8/32 CIDR identity
        (Key::new(identity::CIDR_DNS_GOOGLE, true, 0, 0, 0), true, 0, 4, 336),
    ]
}

fn policy_map(root: &BpfRoot, ep: &Endpoint, v: Version) -> Result<()> {
    let vsize = if v >= Version::V1_18 {
        policy::VALUE_SIZE_18
    } else {
        policy::VALUE_SIZE_COUNTERS
    };
    let m = create_pinned(
        root,
        &policy::map_name(ep.id, v),
        map_type::LPM_TRIE,
        policy::KEY_SIZE as u32,
        vsize as u32,
        16384,
        BPF_F_NO_PREALLOC,
    )?;
    for (k, deny, proxy, packets, bytes) in policy_entries(ep) {
        let mut e = policy::Entry::new_v17(&k, deny, proxy, 0, packets, bytes);
        if v < Version::V1_17 {
            // ≤1.16: bit1 wildcard protocol, bit2 wildcard port.
            e.flags = deny as u8 | ((k.proto == 0) as u8) << 1 | ((k.dport == 0) as u8) << 2;
        }
        m.update(&k.encode(), &e.encode(vsize))?;
    }
    Ok(())
}

fn metrics_map(root: &BpfRoot) -> Result<()> {
    let m = create_pinned(
        root,
        metrics::SPEC.name,
        map_type::PERCPU_HASH,
        metrics::KEY_SIZE as u32,
        metrics::VALUE_SIZE as u32,
        1024,
        BPF_F_NO_PREALLOC,
    )?;
    // (reason, dir, line, file, packets, bytes); counts split over CPUs 0 and 1 so the summing
    // is exercised, with the same totals on any CPU count.
    let rows: &[(u8, u8, u16, u8, u64, u64)] = &[
        (0, metrics::DIR_INGRESS, 2305, 2, 18_211, 2_412_904),
        (0, metrics::DIR_EGRESS, 1438, 2, 20_544, 3_101_122),
        (0, metrics::DIR_INGRESS, 1201, 1, 6_402, 880_311),
        (0, metrics::DIR_EGRESS, 1660, 1, 5_877, 1_004_213),
        (3, metrics::DIR_INGRESS, 1305, 1, 912, 77_520),
        (133, metrics::DIR_EGRESS, 1455, 2, 4, 336),
        (133, metrics::DIR_INGRESS, 2171, 2, 11, 814),
        (181, metrics::DIR_EGRESS, 1442, 2, 2, 148),
        (151, metrics::DIR_INGRESS, 1622, 1, 3, 252),
        (189, metrics::DIR_EGRESS, 1470, 2, 1, 74),
    ];
    let stride = m.value_stride();
    for &(reason, dir, line, file, packets, bytes) in rows {
        let key = metrics::Key {
            reason,
            dir,
            line,
            file,
        };
        let mut val = vec![0u8; stride];
        let cpus = stride / 16;
        let first = if cpus > 1 { packets / 2 } else { packets };
        let first_b = if cpus > 1 { bytes / 2 } else { bytes };
        val[0..8].copy_from_slice(&first.to_ne_bytes());
        val[8..16].copy_from_slice(&first_b.to_ne_bytes());
        if cpus > 1 {
            val[16..24].copy_from_slice(&(packets - first).to_ne_bytes());
            val[24..32].copy_from_slice(&(bytes - first_b).to_ne_bytes());
        }
        m.update(&key.encode(), &val)?;
    }
    Ok(())
}

fn node_maps(root: &BpfRoot, v1: bool, v2: bool) -> Result<()> {
    let mk = |spec: &crate::maps::MapSpec, vsize: u32| {
        create_pinned(
            root,
            spec.name,
            map_type::HASH,
            nodeid::KEY_SIZE as u32,
            vsize,
            16384,
            BPF_F_NO_PREALLOC,
        )
    };
    let m1 = if v1 { Some(mk(&nodeid::SPEC_V1, 2)?) } else { None };
    let m2 = if v2 { Some(mk(&nodeid::SPEC_V2, 4)?) } else { None };
    for n in NODES {
        let k = nodeid::encode_key(ip(n.ip));
        let val = nodeid::Value { id: n.node_id, spi: 0 };
        if let Some(m) = &m1 {
            m.update(&k, &val.encode_v1())?;
        }
        if let Some(m) = &m2 {
            m.update(&k, &val.encode_v2())?;
        }
    }
    Ok(())
}

fn env_ns(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|s| s.parse().ok())
}

fn runtime_config_map(root: &BpfRoot, faults: bool) -> Result<()> {
    let m = create_pinned(
        root,
        runtime_config::SPEC.name,
        map_type::ARRAY,
        4,
        8,
        runtime_config::MAX_ENTRIES,
        0,
    )?;
    let mono = crate::clock::monotonic_ns();
    let unix = env_ns("CDBG_TEST_UNIX_NS").unwrap_or_else(|| crate::clock::unix_now_ns() as u64);
    // With --faults the heartbeat is exactly 10 minutes old: stale, at the edge of "down".
    let stale = crate::checks::heartbeat::FAIL_AFTER_SECS * 1_000_000_000;
    let liveness = if faults { mono.saturating_sub(stale) } else { mono };
    let offset = (unix >> 9).saturating_sub(mono >> 9);
    m.update(&runtime_config::AGENT_LIVENESS.to_ne_bytes(), &liveness.to_ne_bytes())?;
    m.update(&runtime_config::UTIME_OFFSET.to_ne_bytes(), &offset.to_ne_bytes())?;
    Ok(())
}

fn auth_map(root: &BpfRoot) -> Result<()> {
    let m = create_pinned(
        root,
        auth::SPEC.name,
        map_type::HASH,
        auth::KEY_SIZE as u32,
        auth::VALUE_SIZE as u32,
        524_288,
        BPF_F_NO_PREALLOC,
    )?;
    let k = auth::Key {
        local_identity: identity::CURL,
        remote_identity: identity::WEBPOD,
        remote_node_id: 2,
        auth_type: 1,
    };
    m.update(&k.encode(), &auth::unix_to_utime(AUTH_EXPIRATION_UNIX).to_ne_bytes())?;
    Ok(())
}

fn ipmasq_map(root: &BpfRoot) -> Result<()> {
    let m = create_pinned(
        root,
        ipmasq::SPEC_V4.name,
        map_type::LPM_TRIE,
        8,
        1,
        16384,
        BPF_F_NO_PREALLOC,
    )?;
    for (a, b) in [("10.0.0.0", 8), ("172.16.0.0", 12), ("192.168.0.0", 16)] {
        m.update(&ipmasq::encode_key(ip(a), b), &[0])?;
    }
    Ok(())
}

fn frag_map(root: &BpfRoot) -> Result<()> {
    let m = create_pinned(
        root,
        frag::SPEC_V4.name,
        map_type::LRU_HASH,
        frag::KEY_SIZE as u32,
        frag::VALUE_SIZE as u32,
        8192,
        0,
    )?;
    let e = frag::Entry {
        dst: "172.20.0.24".parse().unwrap(),
        src: "172.20.0.87".parse().unwrap(),
        id: 0x1c2d,
        proto: UDP,
        sport: 48211,
        dport: 53,
    };
    let (k, v) = e.encode();
    m.update(&k, &v)?;
    Ok(())
}

/// Test helper (`cdbg lab reshape`): rewrite an existing lab's maps in the layout of another
/// release. 1.16: `cilium_policy_NNNNN` maps, comma-style ipcache, plus tunnel-mode and
/// bandwidth maps; 1.18: `cilium_ipcache_v2`, 8-byte policy values with their counters in
/// `cilium_policystats`, v2 node map only, a 1.18-keyed throttle map and the IPv6 fragment map.
pub fn reshape(root: &BpfRoot, v: Version) -> Result<()> {
    // 1.18 adds maps the older layouts lack (and drops the v1 node map): going back from it would
    // leave a lab that looks like 1.18 to version detection.
    if Version::detect(root) == Version::V1_18 {
        bail!(
            "lab reshape: this lab is in the 1.18 layout already, and reshape does not go back from it; \
             build a new lab (`cdbg lab down`, then `cdbg lab up`) and reshape that"
        );
    }
    for name in root.pinned_names()? {
        if name.starts_with(policy::PREFIX_V1) || name.starts_with("cilium_ipcache") {
            std::fs::remove_file(root.path(&name))?;
        }
    }
    ipcache_map(root, v)?;
    for ep in ENDPOINTS {
        policy_map(root, ep, v)?;
    }
    match v {
        Version::V1_16 => {
            tunnel_map(root)?;
            throttle_map(root, v)?;
        }
        Version::V1_18 => {
            let _ = std::fs::remove_file(root.path(nodeid::SPEC_V1.name));
            throttle_map(root, v)?;
            policystats_map(root)?;
            frag6_map(root)?;
        }
        Version::V1_17 => bail!("the lab is already in the 1.17 layout"),
    }
    Ok(())
}

fn tunnel_map(root: &BpfRoot) -> Result<()> {
    let m = create_pinned(
        root,
        tunnel::SPEC.name,
        map_type::HASH,
        20,
        20,
        65536,
        BPF_F_NO_PREALLOC,
    )?;
    for n in NODES.iter().filter(|n| n.node_id != 0) {
        let net = n.pod_cidr.split('/').next().expect("pod CIDR");
        m.update(&tunnel::encode(ip(net), 0, 0), &tunnel::encode(ip(n.ip), 0, 0))?;
    }
    Ok(())
}

fn throttle_map(root: &BpfRoot, v: Version) -> Result<()> {
    let m = create_pinned(
        root,
        throttle::SPEC.name,
        map_type::HASH,
        8,
        56,
        65535,
        BPF_F_NO_PREALLOC,
    )?;
    // curl-pod limited to 100 Mbit/s egress (and 50 Mbit/s ingress on 1.18).
    let k = throttle::Key { id: 234, direction: 0 };
    m.update(
        &k.encode(v),
        &throttle::Value {
            bps: 12_500_000,
            prio: 0,
        }
        .encode(),
    )?;
    if v >= Version::V1_18 {
        let k = throttle::Key { id: 234, direction: 1 };
        m.update(
            &k.encode(v),
            &throttle::Value {
                bps: 6_250_000,
                prio: 0,
            }
            .encode(),
        )?;
    }
    Ok(())
}

/// Tour steps: (command line after `cdbg`, one-line explanation).
pub const TOUR: &[(&str, &str)] = &[
    ("bpf endpoint list", "Local endpoints and host IPs in cilium_lxc"),
    (
        "bpf ipcache list",
        "Every known prefix with its identity and tunnel endpoint",
    ),
    (
        "bpf ipcache get 172.20.2.2",
        "Longest-prefix answer for a remote webpod",
    ),
    (
        "bpf ipcache get 1.1.1.1",
        "An outside address falls through to world (0.0.0.0/0)",
    ),
    (
        "bpf policy get 234 -n",
        "curl-pod's policy map: DNS via the proxy, a deny, port ranges",
    ),
    (
        "bpf metrics list",
        "Forwarded and dropped packets by reason (summed over CPUs)",
    ),
    ("bpf nodeid list", "Node IDs of the cluster's nodes"),
    (
        "bpf config list",
        "Agent heartbeat (AgentLiveness) and the utime offset",
    ),
    ("bpf auth list", "A mutual-authentication entry and its expiration"),
    ("bpf tunnel list", "Absent on purpose: this node uses native routing"),
    ("bpf maps list", "Every pinned map with its fill level and memory"),
];

/// 1.18 `cilium_policystats`: the counters of every policy entry that saw traffic (entries with
/// no packets have no stats entry, so they print `-`), split over CPUs 0 and 1.
fn policystats_map(root: &BpfRoot) -> Result<()> {
    use crate::maps::policystats;
    let m = create_pinned(
        root,
        policystats::SPEC.name,
        map_type::LRU_PERCPU_HASH,
        policystats::KEY_SIZE as u32,
        policystats::VALUE_SIZE as u32,
        16384,
        policystats::NO_COMMON_LRU,
    )?;
    let stride = m.value_stride();
    for ep in ENDPOINTS {
        for (k, _, _, packets, bytes) in policy_entries(ep) {
            if packets == 0 {
                continue;
            }
            let mut val = vec![0u8; stride];
            let split = stride >= 32;
            let (p0, b0) = if split {
                (packets / 2, bytes / 2)
            } else {
                (packets, bytes)
            };
            val[0..8].copy_from_slice(&p0.to_ne_bytes());
            val[8..16].copy_from_slice(&b0.to_ne_bytes());
            if split {
                val[16..24].copy_from_slice(&(packets - p0).to_ne_bytes());
                val[24..32].copy_from_slice(&(bytes - b0).to_ne_bytes());
            }
            m.update(&policystats::Key::for_policy(ep.id, &k).encode(), &val)?;
        }
    }
    Ok(())
}

/// 1.18 `cilium_ipv6_frag_datagrams`: one fragmented DNS answer over IPv6.
fn frag6_map(root: &BpfRoot) -> Result<()> {
    let m = create_pinned(
        root,
        frag::SPEC_V6.name,
        map_type::LRU_HASH,
        frag::KEY6_SIZE as u32,
        frag::VALUE_SIZE as u32,
        8192,
        0,
    )?;
    let e = frag::Entry6 {
        id: 0x0001_3a4b,
        proto: UDP,
        src: "fd00:10:20:2::2".parse().unwrap(),
        dst: node::NODE_IPV6.parse().unwrap(),
        sport: 53,
        dport: 38216,
    };
    let (k, v) = e.encode();
    m.update(&k, &v)?;
    Ok(())
}
