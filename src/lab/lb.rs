//! Lab: the reference node's load-balancer maps (services, backends, rev-NAT, source ranges,
//! affinity, maglev), written as a 1.17 agent writes them from `node::FRONTENDS` / `BACKENDS`.

use std::net::IpAddr;
use std::os::fd::AsRawFd;

use anyhow::{Context, Result};

use super::node::{self, svc_flag, BackendState, Frontend};
use super::{create_pinned, UpOptions};
use crate::bpf::map_type::{ARRAY, HASH, HASH_OF_MAPS, LPM_TRIE, LRU_HASH};
use crate::bpf::sys::BPF_F_NO_PREALLOC;
use crate::bpf::Map;
use crate::maps::lb_affinity::{self, AffinityKey, AffinityMatch, AffinityValue, Client};
use crate::maps::lb_backend::{self, Backend};
use crate::maps::lb_revnat::{self, RevNat};
use crate::maps::lb_service::{self, ServiceKey, ServiceValue, SCOPE_INTERNAL};
use crate::maps::lb_source_range::{self, SourceRange};
use crate::maps::{maglev, BpfRoot};

/// `--bpf-lb-map-max` default: every LB map's max_entries.
pub const LB_MAP_MAX: u32 = 65536;
/// The lab's Maglev table size: the smallest the agent accepts (its default is 16381), so that
/// `bpf lb maglev list` stays readable.
pub const MAGLEV_TABLE_SIZE: u32 = 251;

/// `--faults`: a backend no service references.
pub const FAULT_ORPHAN_BACKEND: node::Backend = node::Backend {
    id: 17,
    ip: "172.20.2.99",
    port: 8080,
    proto: 6,
    state: BackendState::Active,
};
/// `--faults`: the service that gets an extra slot pointing at a backend ID that does not exist.
pub const FAULT_SERVICE: u16 = 5;
pub const FAULT_MISSING_BACKEND_ID: u32 = 99;

/// The pinned maps, one per family.
struct Family {
    services: Map,
    backends: Map,
    revnat: Map,
    source_range: Map,
    affinity: Map,
    maglev: Map,
}

fn create_family(root: &BpfRoot, v6: bool) -> Result<Family> {
    let pick = |a: usize, b: usize| if v6 { b } else { a };
    let n = |s4: &crate::maps::MapSpec, s6: &crate::maps::MapSpec| if v6 { s6.name } else { s4.name };
    let np = BPF_F_NO_PREALLOC;
    let services = create_pinned(
        root,
        n(&lb_service::SPEC4, &lb_service::SPEC6),
        HASH,
        pick(lb_service::KEY4_SIZE, lb_service::KEY6_SIZE) as u32,
        lb_service::VALUE_SIZE as u32,
        LB_MAP_MAX,
        np,
    )?;
    let backends = create_pinned(
        root,
        n(&lb_backend::SPEC4, &lb_backend::SPEC6),
        HASH,
        lb_backend::KEY_SIZE as u32,
        pick(lb_backend::VALUE4_SIZE, lb_backend::VALUE6_SIZE) as u32,
        LB_MAP_MAX,
        np,
    )?;
    let revnat = create_pinned(
        root,
        n(&lb_revnat::SPEC4, &lb_revnat::SPEC6),
        HASH,
        lb_revnat::KEY_SIZE as u32,
        pick(lb_revnat::VALUE4_SIZE, lb_revnat::VALUE6_SIZE) as u32,
        LB_MAP_MAX,
        np,
    )?;
    let source_range = create_pinned(
        root,
        n(&lb_source_range::SPEC4, &lb_source_range::SPEC6),
        LPM_TRIE,
        pick(lb_source_range::KEY4_SIZE, lb_source_range::KEY6_SIZE) as u32,
        lb_source_range::VALUE_SIZE as u32,
        LB_MAP_MAX,
        np,
    )?;
    let affinity = create_pinned(
        root,
        n(&lb_affinity::SPEC4, &lb_affinity::SPEC6),
        LRU_HASH,
        pick(lb_affinity::KEY4_SIZE, lb_affinity::KEY6_SIZE) as u32,
        lb_affinity::VALUE_SIZE as u32,
        LB_MAP_MAX,
        0,
    )?;
    // The outer map needs an inner template; the agent uses an empty table of the same size.
    let template = new_maglev_inner()?;
    let mut maglev_map = Map::create_with_inner(
        HASH_OF_MAPS,
        n(&maglev::SPEC4, &maglev::SPEC6),
        maglev::OUTER_KEY_SIZE as u32,
        maglev::OUTER_VALUE_SIZE as u32,
        LB_MAP_MAX,
        np,
        Some(&template),
    )?;
    let path = root.path(n(&maglev::SPEC4, &maglev::SPEC6));
    if path.exists() {
        std::fs::remove_file(&path)?;
    }
    maglev_map.pin(&path)?;
    Ok(Family {
        services,
        backends,
        revnat,
        source_range,
        affinity,
        maglev: maglev_map,
    })
}

fn new_maglev_inner() -> Result<Map> {
    Ok(Map::create(
        ARRAY,
        "cilium_maglev_inner",
        maglev::INNER_KEY_SIZE as u32,
        MAGLEV_TABLE_SIZE * 4,
        1,
        0,
    )?)
}

fn ip(s: &str) -> IpAddr {
    s.parse().expect("lab IP")
}

fn backend_value(b: &node::Backend) -> Backend {
    Backend {
        addr: ip(b.ip),
        port: b.port,
        proto: b.proto,
        state: b.state as u8,
        cluster_id: 0,
        zone: 0,
    }
}

/// Backends of the internal scope of a two-scope service: those of the service's ClusterIP
/// frontend (the external scope keeps only node-local ones).
fn internal_backends(f: &Frontend) -> &'static [u32] {
    node::FRONTENDS
        .iter()
        .find(|o| o.service == f.service && o.kind == "ClusterIP")
        .map_or(f.backends, |o| o.backends)
}

/// Write one scope of a frontend: the master entry, then active slots, then non-active ones
/// (flagged quarantined, counted in qcount), as the 1.17 agent does.
fn write_scope(m: &Map, f: &Frontend, scope: u8, ids: &[u32], extra_missing: Option<u32>) -> Result<()> {
    let mut slots: Vec<(u32, bool)> = ids
        .iter()
        .map(|id| (*id, node::backend(*id).state == BackendState::Active))
        .collect();
    // Active first (the reference data already orders them; keep it stable either way).
    slots.sort_by_key(|(_, active)| !active);
    if let Some(id) = extra_missing {
        let at = slots.iter().take_while(|(_, a)| *a).count();
        slots.insert(at, (id, true));
    }
    let count = slots.iter().filter(|(_, a)| *a).count() as u16;
    let qcount = slots.len() as u16 - count;
    let key = ServiceKey {
        addr: f.addr(),
        port: f.port,
        slot: 0,
        proto: f.proto,
        scope,
    };
    let mut union = 0;
    if f.flags & svc_flag::AFFINITY != 0 {
        union = f.affinity_timeout & 0x00ff_ffff;
    }
    let master = ServiceValue {
        backend_id: union,
        count,
        rev_nat: f.id,
        flags: f.flags as u8,
        flags2: (f.flags >> 8) as u8,
        qcount,
    };
    m.update(&key.encode(), &master.encode())?;
    for (i, (id, active)) in slots.iter().enumerate() {
        let k = ServiceKey {
            slot: i as u16 + 1,
            ..key
        };
        let v = ServiceValue {
            backend_id: *id,
            count: 0,
            rev_nat: f.id,
            flags: 0,
            flags2: if *active { 0 } else { (svc_flag::QUARANTINED >> 8) as u8 },
            qcount: 0,
        };
        m.update(&k.encode(), &v.encode())?;
    }
    Ok(())
}

/// A deterministic stand-in for a Maglev table: the active backends spread round-robin.
fn maglev_table(ids: &[u32]) -> Vec<u32> {
    (0..MAGLEV_TABLE_SIZE as usize).map(|i| ids[i % ids.len()]).collect()
}

/// Create and fill the maps.
pub fn populate(root: &BpfRoot, opts: UpOptions) -> Result<()> {
    let v4 = create_family(root, false).context("IPv4 LB maps")?;
    let v6 = create_family(root, true).context("IPv6 LB maps")?;
    let fam = |a: &IpAddr| if a.is_ipv6() { &v6 } else { &v4 };
    let matches = create_pinned(
        root,
        lb_affinity::MATCH_SPEC.name,
        HASH,
        lb_affinity::MATCH_KEY_SIZE as u32,
        lb_affinity::MATCH_VALUE_SIZE as u32,
        LB_MAP_MAX,
        BPF_F_NO_PREALLOC,
    )?;

    let mut backends: Vec<&node::Backend> = node::BACKENDS.iter().collect();
    if opts.faults {
        backends.push(&FAULT_ORPHAN_BACKEND);
    }
    for b in backends {
        let v = backend_value(b);
        fam(&v.addr).backends.update(&b.id.to_ne_bytes(), &v.encode())?;
    }

    let mut inner_maps = Vec::new();
    for f in node::FRONTENDS {
        let addr = f.addr();
        let m = fam(&addr);
        let rn = RevNat { addr, port: f.port };
        m.revnat.update(&lb_revnat::encode_key(f.id), &rn.encode())?;
        let missing = (opts.faults && f.id == FAULT_SERVICE).then_some(FAULT_MISSING_BACKEND_ID);
        write_scope(&m.services, f, 0, f.backends, missing)?;
        if f.flags & svc_flag::TWO_SCOPES != 0 {
            write_scope(&m.services, f, SCOPE_INTERNAL, internal_backends(f), None)?;
        }
        for cidr in f.source_ranges {
            let (a, bits) = cidr.split_once('/').expect("lab CIDR");
            let r = SourceRange::new(f.id, ip(a), bits.parse().expect("lab CIDR bits"));
            m.source_range.update(&r.encode(), &[0])?;
        }
        if f.flags & svc_flag::AFFINITY != 0 {
            for id in f.backends {
                let k = AffinityMatch {
                    backend_id: *id,
                    rev_nat: f.id,
                };
                matches.update(&k.encode(), &[0])?;
            }
            // The curl pod has talked to the service recently and sticks to its first backend.
            let curl = node::endpoint(234);
            let k = AffinityKey {
                client: Client::Ip(ip(curl.ipv4)),
                rev_nat: f.id,
            };
            let v = AffinityValue {
                last_used: crate::clock::monotonic_secs().saturating_sub(42),
                backend_id: f.backends[0],
            };
            m.affinity.update(&k.encode(addr.is_ipv6()), &v.encode())?;
        }
        // Maglev tables for the externally reachable frontends (NodePort, LoadBalancer,
        // ExternalIPs) that have active backends.
        let external = svc_flag::NODEPORT | svc_flag::LOADBALANCER | svc_flag::EXTERNAL_IP;
        let active: Vec<u32> = f
            .backend_list()
            .iter()
            .filter(|b| b.state == BackendState::Active)
            .map(|b| b.id)
            .collect();
        if f.flags & external != 0 && !active.is_empty() {
            let inner = new_maglev_inner()?;
            inner.update(&0u32.to_ne_bytes(), &maglev::encode_table(&maglev_table(&active)))?;
            let fd = inner.as_raw_fd() as u32;
            m.maglev.update(&maglev::encode_outer_key(f.id), &fd.to_ne_bytes())?;
            inner_maps.push(inner);
        }
    }
    Ok(())
}

/// Tour steps: (command line after `cdbg`, one-line explanation).
pub const TOUR: &[(&str, &str)] = &[
    (
        "bpf lb list",
        "Every service frontend with its backends, as cilium-dbg prints it (sorted here)",
    ),
    (
        "bpf lb list --frontends",
        "The raw service map values: backend ID, count[qcount], rev-NAT ID, flag bytes",
    ),
    (
        "bpf lb list --backends",
        "The backend map: protocol and address per backend ID",
    ),
    (
        "bpf lb list --revnat",
        "Reverse-NAT entries: the frontend each rev-NAT ID rewrites replies to",
    ),
    (
        "bpf lb list --source-ranges",
        "loadBalancerSourceRanges of webpod-lb-private, per rev-NAT ID",
    ),
    (
        "bpf lb list -o jsonl",
        "The same entries as typed JSON lines (cdbg only), ready for jq",
    ),
    (
        "bpf lb maglev list",
        "Maglev lookup tables of the NodePort and LoadBalancer frontends",
    ),
];

/// Fill `cilium_lb4_services_v2` with `slots` entries (services of one master and 15 backend
/// slots each), `cilium_lb4_backends_v3` with `slots` backends and `cilium_lb4_reverse_nat` with
/// one entry per service, for benchmarks.
pub fn fill(root: &BpfRoot, slots: u32) -> Result<()> {
    let max = slots.max(LB_MAP_MAX);
    let np = BPF_F_NO_PREALLOC;
    let k4 = lb_service::KEY4_SIZE as u32;
    let services = create_pinned(
        root,
        lb_service::SPEC4.name,
        HASH,
        k4,
        lb_service::VALUE_SIZE as u32,
        max,
        np,
    )?;
    let bsize = lb_backend::VALUE4_SIZE as u32;
    let backends = create_pinned(
        root,
        lb_backend::SPEC4.name,
        HASH,
        lb_backend::KEY_SIZE as u32,
        bsize,
        max,
        np,
    )?;
    let rsize = lb_revnat::VALUE4_SIZE as u32;
    let revnat = create_pinned(
        root,
        lb_revnat::SPEC4.name,
        HASH,
        lb_revnat::KEY_SIZE as u32,
        rsize,
        max,
        np,
    )?;
    const PER_SERVICE: u32 = 16;
    for id in 1..=slots {
        let b = Backend {
            addr: IpAddr::from([10, 210, (id >> 8) as u8, id as u8]),
            port: 8080,
            proto: 6,
            state: 0,
            cluster_id: 0,
            zone: 0,
        };
        backends.update(&id.to_ne_bytes(), &b.encode())?;
    }
    for i in 0..slots {
        let (svc, slot) = (i / PER_SERVICE, (i % PER_SERVICE) as u16);
        let rev_nat = (svc + 1) as u16;
        let addr = IpAddr::from([10, 96, (svc >> 8) as u8, svc as u8]);
        let key = ServiceKey {
            addr,
            port: 443,
            slot,
            proto: 6,
            scope: 0,
        };
        let val = ServiceValue {
            backend_id: if slot == 0 { 0 } else { i - svc + 1 },
            count: if slot == 0 { (PER_SERVICE - 1) as u16 } else { 0 },
            rev_nat,
            flags: 0,
            flags2: 0,
            qcount: 0,
        };
        services.update(&key.encode(), &val.encode())?;
        if slot == 0 {
            revnat.update(&lb_revnat::encode_key(rev_nat), &RevNat { addr, port: 443 }.encode())?;
        }
    }
    Ok(())
}
