//! Lab: named faults injected into an existing lab (`cdbg lab fault --dir D NAME`), one broken
//! state each, for `doctor`'s tests. Acts only on a directory the lab marker says is a lab.

use std::net::IpAddr;

use anyhow::{bail, Context, Result};

use super::agent::AGENT_OVERRIDES;
use super::node;
use super::{Lab, UpOptions};
use crate::bpf::{map_type, BpfError, DumpOptions, Map};
use crate::maps::ct::{self, Tuple, TUPLE_F_IN, TUPLE_F_OUT};
use crate::maps::{lb_backend, lb_revnat, lb_service, lxc, nat, policy, runtime_config};

/// The faults: (name, what it breaks).
pub const FAULTS: &[(&str, &str)] = &[
    (
        "nat-full",
        "cilium_snat_v4_external 97 % full, most of it curl-pod (172.20.0.87) to 203.0.113.10:443",
    ),
    (
        "nat-without-ct",
        "150 NAT flows of coredns (172.20.0.24) to 1.1.1.1:53 with no conntrack entry",
    ),
    (
        "policy-near-limit",
        "endpoint 234's policy map (cilium_policy_v2_00234) 62 of 64 entries full",
    ),
    ("orphan-backend", "backend 901 (172.20.9.1:8080) used by no service"),
    (
        "missing-backend",
        "kube-dns 10.96.0.10:53/UDP gets a slot pointing at backend 4242, which does not exist",
    ),
    ("missing-revnat", "the rev-NAT entry of 10.96.0.1:443 (id 1) is deleted"),
    (
        "agent-backends",
        "the agent says webpod 10.96.88.105:80 has backend 172.20.9.9:80 instead of its maps' backends",
    ),
    (
        "endpoint-missing",
        "coredns (endpoint 1059, 172.20.0.24) is deleted from cilium_lxc",
    ),
    (
        "expired-ct",
        "20 conntrack entries of curl-pod to 172.20.1.99:8080 expired 120 s ago but still present",
    ),
    ("stale-heartbeat", "the datapath heartbeat is 10 minutes old"),
];

pub fn inject(lab: &Lab, name: &str) -> Result<()> {
    let root = lab.root();
    let open = |n: &str| Map::open_pinned_rw(&root.path(n)).with_context(|| format!("opening the lab's {n}"));
    let ip = |s: &str| -> IpAddr { s.parse().expect("lab IP") };
    match name {
        "nat-full" => super::nat::populate(
            &root,
            UpOptions {
                faults: true,
                serve: false,
            },
        )?,
        "nat-without-ct" => {
            let m = open(nat::SNAT4.name)?;
            let now = crate::clock::monotonic_secs();
            let coredns = ip(node::endpoint(1059).ipv4);
            let eth0 = ip(node::DEVICES[0].ip);
            let dst = ip("1.1.1.1");
            for i in 0..150u16 {
                let port = 40000 + i;
                let out = Tuple {
                    daddr: dst,
                    saddr: coredns,
                    dport: 53,
                    sport: port,
                    nexthdr: 17,
                    flags: TUPLE_F_OUT,
                };
                let back = Tuple {
                    daddr: eth0,
                    saddr: dst,
                    dport: port,
                    sport: 53,
                    nexthdr: 17,
                    flags: TUPLE_F_IN,
                };
                let val = |addr: IpAddr| nat::Entry {
                    created: now.saturating_sub(30),
                    needs_ct: 1,
                    addr,
                    port,
                    ..nat::Entry::default()
                };
                m.update(&ct::encode_tuple(&out), &val(eth0).encode())?;
                m.update(&ct::encode_tuple(&back), &val(coredns).encode())?;
            }
        }
        "policy-near-limit" => {
            let name = policy::map_name(234, crate::maps::Version::detect(&root));
            let old = open(&name)?;
            let vsize = old.info().value_size;
            let mut keep = Vec::new();
            crate::bpf::dump::<BpfError, _>(&old, &DumpOptions::default(), |k, v| {
                keep.push((k.to_vec(), v.to_vec()));
                Ok(())
            })?;
            drop(old);
            let m = super::create_pinned(
                &root,
                &name,
                map_type::LPM_TRIE,
                policy::KEY_SIZE as u32,
                vsize,
                64,
                crate::bpf::sys::BPF_F_NO_PREALLOC,
            )?;
            for (k, v) in &keep {
                m.update(k, v)?;
            }
            let mut id = 70_000;
            while (keep.len() as u32) < 62 {
                let k = policy::Key::new(id, true, 6, 443, 16);
                let e = policy::Entry::new_v17(&k, false, 0, 0, 0, 0);
                m.update(&k.encode(), &e.encode(vsize as usize))?;
                keep.push((Vec::new(), Vec::new()));
                id += 1;
            }
        }
        "orphan-backend" => {
            let m = open(lb_backend::SPEC4.name)?;
            let b = lb_backend::Backend {
                addr: ip("172.20.9.1"),
                port: 8080,
                proto: 6,
                state: 0,
                cluster_id: 0,
                zone: 0,
            };
            m.update(&901u32.to_ne_bytes(), &b.encode())?;
        }
        "missing-backend" => {
            let m = open(lb_service::SPEC4.name)?;
            let mut key = lb_service::ServiceKey {
                addr: ip("10.96.0.10"),
                port: 53,
                slot: 0,
                proto: 17,
                scope: 0,
            };
            let mut buf = vec![0u8; lb_service::VALUE_SIZE];
            if !m.lookup(&key.encode(), &mut buf)? {
                bail!("the lab has no 10.96.0.10:53/UDP frontend");
            }
            let mut master = lb_service::ServiceValue::decode(&buf).context("decoding the master entry")?;
            master.count += 1;
            let slot = master.count + master.qcount;
            m.update(&key.encode(), &master.encode())?;
            key.slot = slot;
            let v = lb_service::ServiceValue {
                backend_id: 4242,
                count: 0,
                qcount: 0,
                flags: 0,
                flags2: 0,
                ..master
            };
            m.update(&key.encode(), &v.encode())?;
        }
        "missing-revnat" => {
            open(lb_revnat::SPEC4.name)?.delete(&lb_revnat::encode_key(1))?;
        }
        "agent-backends" => {
            let (_, body) = super::agent::route("/v1/service", "");
            let mut list: serde_json::Value = serde_json::from_str(&body)?;
            for s in list.as_array_mut().into_iter().flatten() {
                if s.pointer("/spec/id").and_then(|v| v.as_u64()) == Some(5) {
                    let b = serde_json::json!([{ "ip": "172.20.9.9", "port": 80, "protocol": "TCP", "state": "active", "nodeName": node::NODE_NAME, "preferred": false }]);
                    s["spec"]["backend-addresses"] = b.clone();
                    s["status"]["realized"]["backend-addresses"] = b;
                }
            }
            let doc = serde_json::json!({ "/v1/service": list });
            std::fs::write(lab.dir.join(AGENT_OVERRIDES), serde_json::to_vec(&doc)?)?;
        }
        "endpoint-missing" => {
            let key = lxc::EndpointKey::new(ip(node::endpoint(1059).ipv4));
            open(lxc::SPEC.name)?.delete(&key.encode())?;
        }
        "expired-ct" => {
            let m = open(ct::TCP4_GLOBAL.name)?;
            let now = crate::clock::monotonic_secs() as u32;
            let curl = ip(node::endpoint(234).ipv4);
            for i in 0..20u16 {
                // Stored in reply order: daddr = source (cilium/cilium#5848).
                let k = Tuple {
                    daddr: curl,
                    saddr: ip("172.20.1.99"),
                    dport: 8080,
                    sport: 50000 + i,
                    nexthdr: 6,
                    flags: TUPLE_F_OUT,
                };
                let e = ct::Entry {
                    lifetime: now.saturating_sub(120),
                    flags: ct::SEEN_NON_SYN,
                    tx_flags_seen: 0x1a,
                    rx_flags_seen: 0x1a,
                    src_sec_id: node::identity::CURL,
                    last_tx_report: now.saturating_sub(8000),
                    last_rx_report: now.saturating_sub(8000),
                    ..ct::Entry::default()
                };
                m.update(&ct::encode_tuple(&k), &e.encode())?;
            }
        }
        "stale-heartbeat" => {
            let m = open(runtime_config::SPEC.name)?;
            let stale = crate::checks::heartbeat::FAIL_AFTER_SECS * 1_000_000_000;
            let live = crate::clock::monotonic_ns().saturating_sub(stale);
            m.update(&runtime_config::AGENT_LIVENESS.to_ne_bytes(), &live.to_ne_bytes())?;
        }
        other => {
            let names: Vec<&str> = FAULTS.iter().map(|(n, _)| *n).collect();
            bail!("unknown fault {other:?}: choose from {}", names.join(", "));
        }
    }
    Ok(())
}
