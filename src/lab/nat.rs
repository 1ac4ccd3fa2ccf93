//! Lab: the reference node's SNAT maps: pod traffic masqueraded to eth0 (10.0.2.15) and eth1
//! (192.168.10.100), and NodePort SNAT, as OUT + IN pairs. With `--faults`,
//! `cilium_snat_v4_external` is small and ≥ 95 % full.

use std::net::IpAddr;

use anyhow::Result;

use super::node;
use super::UpOptions;
use crate::bpf::map_type::LRU_HASH;
use crate::clock;
use crate::maps::ct::{encode_tuple, Tuple, KEY4_SIZE, KEY6_SIZE, TUPLE_F_IN, TUPLE_F_OUT};
use crate::maps::nat::{Entry, VALUE4_SIZE, VALUE6_SIZE};
use crate::maps::BpfRoot;

/// The agent's dynamic sizing minimum for `bpf-nat-global-max`.
pub const NAT_MAX: u32 = 131_072;
/// `--faults`: a NAT map this small, filled to [`FAULT_FILL`].
pub const FAULT_MAX: u32 = 1024;
pub const FAULT_FILL: u32 = 990;

fn ip(s: &str) -> IpAddr {
    s.parse().expect("lab IP")
}

/// One masqueraded flow `src:sport -> dst:dport`, translated to `to:to_port`, created `age`
/// seconds ago: the OUT (SNAT) and IN (reverse SNAT) entries.
#[allow(clippy::too_many_arguments)]
fn pair(
    proto: u8,
    src: &str,
    sport: u16,
    dst: &str,
    dport: u16,
    to: &str,
    to_port: u16,
    created: u64,
    needs_ct: u64,
) -> [(Vec<u8>, Vec<u8>); 2] {
    let out_key = encode_tuple(&Tuple {
        daddr: ip(dst),
        saddr: ip(src),
        dport,
        sport,
        nexthdr: proto,
        flags: TUPLE_F_OUT,
    });
    let out_val = Entry {
        created,
        needs_ct,
        pad1: 0,
        pad2: 0,
        addr: ip(to),
        port: to_port,
    }
    .encode();
    // Replies come from dst:dport to the translated address.
    let in_key = encode_tuple(&Tuple {
        daddr: ip(to),
        saddr: ip(dst),
        dport: to_port,
        sport: dport,
        nexthdr: proto,
        flags: TUPLE_F_IN,
    });
    let in_val = Entry {
        created,
        needs_ct,
        pad1: 0,
        pad2: 0,
        addr: ip(src),
        port: sport,
    }
    .encode();
    [(out_key, out_val), (in_key, in_val)]
}

fn rows(now: u64) -> Vec<(Vec<u8>, Vec<u8>)> {
    let curl = node::endpoint(234).ipv4;
    let coredns = node::endpoint(1059).ipv4;
    let eth0 = node::DEVICES[0].ip;
    let eth1 = node::DEVICES[1].ip;
    let webpod = node::backend(8);
    [
        // curl-pod -> the internet over eth0; the source port is kept.
        pair(
            6,
            curl,
            48244,
            "142.250.185.78",
            443,
            eth0,
            48244,
            now.saturating_sub(42),
            1,
        ),
        // coredns forwarding to an upstream resolver: the port collided and was rewritten.
        pair(17, coredns, 38011, "8.8.8.8", 53, eth0, 61883, now.saturating_sub(7), 1),
        // curl-pod pinging 8.8.8.8 (ICMP echo id in the port slots).
        pair(1, curl, 27, "8.8.8.8", 0, eth0, 27, now.saturating_sub(3), 1),
        // curl-pod -> a LAN host on eth1's network.
        pair(
            6,
            curl,
            39990,
            "192.168.10.1",
            8080,
            eth1,
            39990,
            now.saturating_sub(120),
            1,
        ),
        // NodePort 192.168.10.100:30080 from a LAN client, forwarded to webpod on cilium-w2 and
        // SNATed to the node IP.
        pair(
            6,
            "192.168.10.1",
            52000,
            webpod.ip,
            webpod.port,
            eth1,
            52000,
            now.saturating_sub(15),
            0,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Create and fill the maps.
pub fn populate(root: &BpfRoot, opts: UpOptions) -> Result<()> {
    let now = clock::monotonic_secs();
    let max = if opts.faults { FAULT_MAX } else { NAT_MAX };
    let m = super::create_pinned(
        root,
        "cilium_snat_v4_external",
        LRU_HASH,
        KEY4_SIZE as u32,
        VALUE4_SIZE as u32,
        max,
        0,
    )?;
    for (k, v) in rows(now) {
        m.update(&k, &v)?;
    }
    if opts.faults {
        // Port exhaustion towards one busy destination: OUT/IN pairs until ≥ 95 % full.
        let base = rows(now).len() as u32;
        let curl = node::endpoint(234).ipv4;
        let eth0 = node::DEVICES[0].ip;
        for i in 0..(FAULT_FILL - base) / 2 {
            let port = 32768 + i as u16;
            for (k, v) in pair(
                6,
                curl,
                port,
                "203.0.113.10",
                443,
                eth0,
                port,
                now.saturating_sub(u64::from(i % 300)),
                1,
            ) {
                m.update(&k, &v)?;
            }
        }
    }
    // IPv6 masquerading is on (the node is dual-stack) but no IPv6 flow is masqueraded now.
    super::create_pinned(
        root,
        "cilium_snat_v6_external",
        LRU_HASH,
        KEY6_SIZE as u32,
        VALUE6_SIZE as u32,
        NAT_MAX,
        0,
    )?;
    Ok(())
}

/// Fill `cilium_snat_v4_external` (created with `max` entries) with `n` synthetic entries, for
/// benchmarks.
pub fn fill(root: &BpfRoot, n: u32, max: u32) -> Result<u32> {
    let m = super::create_pinned(
        root,
        "cilium_snat_v4_external",
        LRU_HASH,
        KEY4_SIZE as u32,
        VALUE4_SIZE as u32,
        max,
        0,
    )?;
    let now = clock::monotonic_secs();
    let mut keys = Vec::with_capacity(4096 * KEY4_SIZE);
    let mut vals = Vec::with_capacity(4096 * VALUE4_SIZE);
    for i in 0..n {
        let k = encode_tuple(&Tuple {
            daddr: IpAddr::from([198, 18, (i >> 8) as u8, i as u8]),
            saddr: IpAddr::from([10, 200, (i >> 16) as u8, (i >> 8) as u8]),
            dport: 443,
            sport: 1024 + (i % 60000) as u16,
            nexthdr: 6,
            flags: (i % 2) as u8,
        });
        keys.extend_from_slice(&k);
        let v = Entry {
            created: now.saturating_sub(u64::from(i % 600)),
            needs_ct: 1,
            pad1: 0,
            pad2: 0,
            addr: IpAddr::from([10, 0, 2, 15]),
            port: 1024 + (i % 60000) as u16,
        }
        .encode();
        vals.extend_from_slice(&v);
        if keys.len() >= 4096 * KEY4_SIZE {
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
pub const TOUR: &[(&str, &str)] = &[(
    "bpf nat list",
    "SNAT: pod traffic masqueraded to eth0/eth1 and NodePort SNAT, as OUT (XLATE_SRC) + IN (XLATE_DST) pairs",
)];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::nat::{format_key, format_value, key_flags, Age};

    #[test]
    fn pairs_print_as_expected() {
        let r = rows(1000);
        let age = Age::Known {
            now_secs: 1000,
            jiffies_hz: None,
        };
        let mut b = Vec::new();
        for (k, v) in &r[..2] {
            assert!(format_key(&mut b, k));
            format_value(&mut b, key_flags(k), v, &age);
        }
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "TCP OUT 172.20.0.87:48244 -> 142.250.185.78:443 XLATE_SRC 10.0.2.15:48244 Created=42sec ago NeedsCT=1\n\
             TCP IN 142.250.185.78:443 -> 10.0.2.15:48244 XLATE_DST 172.20.0.87:48244 Created=42sec ago NeedsCT=1\n"
        );
        const { assert!(FAULT_FILL * 100 >= FAULT_MAX * 95) };
    }
}
