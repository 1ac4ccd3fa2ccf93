//! Step 2: service translation as `lb4_lookup_service` / `lb6_lookup_service` do it: the
//! frontend's master entry (external scope, then the internal scope of a two-scope service for
//! in-cluster traffic), every backend slot and its state, source ranges, session affinity, and
//! which backend the connection gets (an existing CT SVC entry, affinity, or a new selection).

use std::net::IpAddr;

use anyhow::Result;

use super::source::Peer;
use super::{hostport, lookup, proto_name, Ct, Explainer, Flow, Observation, Step};
use crate::maps::lb_affinity::{self, AffinityKey, AffinityMatch, AffinityValue, Client};
use crate::maps::lb_backend::{self, state_name, Backend};
use crate::maps::lb_service::{self, flag, ServiceKey, ServiceValue};
use crate::maps::lb_source_range::{self, SourceRange};
use crate::maps::{maglev, Version};

/// One backend slot of the frontend.
#[derive(Debug, Clone)]
pub struct Slot {
    pub slot: u16,
    pub backend_id: u32,
    /// `None`: the slot names a backend ID with no entry in the backends map.
    pub backend: Option<Backend>,
    /// Within the first `count` slots (eligible for new connections).
    pub active_slot: bool,
}

/// How the backend is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// An existing CT SVC entry pins the connection (source port known) to this backend.
    Pinned(u32),
    /// The session-affinity entry of this client.
    Affinity(u32),
    /// A new connection: one of these (active) backends.
    Candidates(Vec<u32>),
    /// No active backend: the datapath drops new connections.
    NoBackend,
    /// The source range check rejects the client.
    Rejected,
}

/// The frontend as the maps hold it.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: u16,
    pub flags: u16,
    pub key: ServiceKey,
    pub count: u16,
    pub qcount: u16,
    pub slots: Vec<Slot>,
    pub affinity: Option<u32>,
    pub source_range_ok: Option<bool>,
    pub choice: Choice,
    /// The lookup happened in the internal scope (in-cluster source).
    pub internal: bool,
}

impl Service {
    pub fn slot_of(&self, backend_id: u32) -> Option<&Slot> {
        self.slots.iter().find(|s| s.backend_id == backend_id)
    }
}

fn specs(v6: bool) -> (&'static crate::maps::MapSpec, &'static crate::maps::MapSpec) {
    if v6 {
        (&lb_service::SPEC6, &lb_backend::SPEC6)
    } else {
        (&lb_service::SPEC4, &lb_backend::SPEC4)
    }
}

/// Is `flow.dst:dport/proto` a frontend? Reads the master entry, the slots and their backends,
/// source ranges and affinity. `None` when it is not a service.
pub fn translate(x: &mut Explainer<'_>, flow: &Flow, src: &Peer) -> Result<Option<Service>> {
    let v6 = flow.dst.is_ipv6();
    let (svc_spec, be_spec) = specs(v6);
    let Some(services) = x.open(svc_spec)? else {
        x.gap(svc_spec.name);
        x.push(Observation::inferred(
            Step::Service,
            format!("{} is not pinned: service translation is unknown", svc_spec.name),
            "map absent",
        ));
        return Ok(None);
    };
    let v = x.version;
    let base = ServiceKey {
        addr: flow.dst,
        port: flow.dport,
        slot: 0,
        proto: flow.proto,
        scope: 0,
    };
    // 1.17 agents write the protocol (`--bpf-lb-proto-diff`); older ones write 0 (any).
    let mut found = None;
    let mut tried = Vec::new();
    let mut candidates = vec![base, ServiceKey { proto: 0, ..base }];
    if src.is_local() || is_node_address(x, flow.dst)? {
        // NodePort on a node address also matches the surrogate 0.0.0.0:PORT / [::]:PORT entry.
        let any = if v6 {
            IpAddr::V6(std::net::Ipv6Addr::UNSPECIFIED)
        } else {
            IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED)
        };
        if is_node_address(x, flow.dst)? {
            candidates.push(ServiceKey { addr: any, ..base });
            candidates.push(ServiceKey {
                addr: any,
                proto: 0,
                ..base
            });
        }
    }
    for k in candidates {
        if tried.contains(&k) {
            continue;
        }
        tried.push(k);
        if let Some(val) = lookup(&services, &k.encode())?.and_then(|b| ServiceValue::decode(&b)) {
            found = Some((k, val));
            break;
        }
    }
    let Some((mut key, mut master)) = found else {
        let keys: Vec<String> = tried.iter().map(|k| k.cilium_string(v)).collect();
        x.push(Observation::read(
            Step::Service,
            format!(
                "{} is not a service frontend: no master entry, so no service translation",
                hostport(flow.dst, flow.dport) + "/" + &proto_name(flow.proto)
            ),
            svc_spec.name,
            keys.join(", "),
        ));
        return Ok(None);
    };
    let flags = master.service_flags();
    let internal = src.is_local() && flags.0 & flag::TWO_SCOPES != 0;
    let id = master.rev_nat;
    let name = x.names.service(id);
    let names = flags.names(v).join(", ");
    let mut what = format!(
        "{} is a frontend of service {id}{} ({names}): {} active backend slot(s), {} non-active",
        key.cilium_string(v).trim_end_matches(" (0)"),
        name.as_ref().map(|n| format!(" {n}")).unwrap_or_default(),
        master.count,
        master.qcount
    );
    if key.addr.is_unspecified() {
        what.push_str(" (the NodePort surrogate entry, which matches every node address)");
    }
    x.push(
        Observation::read(Step::Service, what, svc_spec.name, key.cilium_string(v))
            .with("service_id", id)
            .with("service", name)
            .with("type", flags.service_type())
            .with("flags", flags.names(v))
            .with("count", master.count)
            .with("qcount", master.qcount),
    );
    if flags.0 & flag::TWO_SCOPES != 0 {
        if internal {
            let ik = ServiceKey {
                scope: lb_service::SCOPE_INTERNAL,
                ..key
            };
            match lookup(&services, &ik.encode())?.and_then(|b| ServiceValue::decode(&b)) {
                Some(val) => {
                    x.push(
                        Observation::read(
                            Step::Service,
                            format!(
                                "the source is in-cluster, so the internal scope applies: {} active backend slot(s), {} non-active",
                                val.count, val.qcount
                            ),
                            svc_spec.name,
                            ik.cilium_string(v),
                        )
                        .with("count", val.count)
                        .with("qcount", val.qcount),
                    );
                    key = ik;
                    master = ServiceValue {
                        flags: master.flags,
                        flags2: master.flags2,
                        ..val
                    };
                }
                None => x.push(Observation::read(
                    Step::Service,
                    "two-scope service without an internal-scope entry: the external scope applies",
                    svc_spec.name,
                    ik.cilium_string(v),
                )),
            }
        } else {
            x.push(Observation::inferred(
                Step::Service,
                "the source is outside the cluster, so the external scope applies",
                "two-scope service; the datapath switches to the internal scope only for traffic from local endpoints and the host",
            ));
        }
    }

    // Slots 1..=count+qcount and their backends.
    let backends = x.open(be_spec)?;
    let mut slots = Vec::new();
    for s in 1..=master.count + master.qcount {
        let sk = ServiceKey { slot: s, ..key };
        let Some(sv) = lookup(&services, &sk.encode())?.and_then(|b| ServiceValue::decode(&b)) else {
            x.push(Observation::read(
                Step::Service,
                format!("slot {s} has no entry"),
                svc_spec.name,
                sk.cilium_string(v),
            ));
            continue;
        };
        let active_slot = s <= master.count;
        let be = match &backends {
            Some(m) => lookup(m, &sv.backend_id.to_ne_bytes())?.and_then(|b| Backend::decode(&b)),
            None => None,
        };
        let what = match &be {
            Some(b) => format!(
                "slot {s}: backend {} {}/{} {}{}",
                sv.backend_id,
                hostport(b.addr, b.port),
                proto_name(b.proto),
                state_name(b.state),
                if active_slot {
                    ""
                } else {
                    " (non-active slot: not used for new connections)"
                }
            ),
            None => format!("slot {s}: backend {} not found", sv.backend_id),
        };
        let mut o = Observation::read(Step::Service, what, be_spec.name, sv.backend_id.to_string())
            .with("slot", s)
            .with("slot_key", sk.cilium_string(v))
            .with("backend_id", sv.backend_id)
            .with("active_slot", active_slot);
        if let Some(b) = &be {
            o = o
                .with("address", b.addr)
                .with("port", b.port)
                .with("state", state_name(b.state));
        } else {
            o = o.verdict("missing-backend");
        }
        x.push(o);
        slots.push(Slot {
            slot: s,
            backend_id: sv.backend_id,
            backend: be,
            active_slot,
        });
    }

    // Source ranges (loadBalancerSourceRanges).
    let mut source_range_ok = None;
    if flags.0 & flag::SOURCE_RANGE != 0 {
        let spec = if v6 {
            &lb_source_range::SPEC6
        } else {
            &lb_source_range::SPEC4
        };
        let deny_list = v >= Version::V1_17 && flags.0 & flag::SOURCE_RANGE_DENY != 0;
        let bits = if flow.src.is_ipv6() { 128 } else { 32 };
        let k = SourceRange::new(id, flow.src, bits);
        let key_text = k.cilium_string();
        match x.open(spec)? {
            Some(m) => {
                let hit = lookup(&m, &k.encode())?.is_some();
                let ok = hit != deny_list;
                source_range_ok = Some(ok);
                let list = if deny_list { "deny list" } else { "allow list" };
                let what = format!(
                    "source {} {} the service's source ranges ({list}): {}",
                    flow.src,
                    if hit { "matches" } else { "matches none of" },
                    if ok { "allowed" } else { "rejected" }
                );
                let mut o = Observation::read(Step::Service, what, spec.name, key_text)
                    .with("match", hit)
                    .with("deny_list", deny_list);
                if !ok {
                    o = o.verdict("drop");
                }
                x.push(o);
            }
            None => x.push(Observation::inferred(
                Step::Service,
                format!("the service checks source ranges but {} is not pinned", spec.name),
                "map absent",
            )),
        }
    }

    // Session affinity.
    let mut affinity = None;
    if flags.0 & flag::AFFINITY != 0 {
        let spec = if v6 { &lb_affinity::SPEC6 } else { &lb_affinity::SPEC4 };
        let timeout = master.affinity_timeout(v);
        let k = AffinityKey {
            client: Client::Ip(flow.src),
            rev_nat: id,
        };
        let key_text = format!("{} {id}", flow.src);
        if let Some(m) = x.open(spec)? {
            match lookup(&m, &k.encode(v6))?.and_then(|b| AffinityValue::decode(&b)) {
                Some(a) => {
                    let age = x
                        .clock
                        .as_ref()
                        .map(|c| c.now_secs() as i64 - c.to_secs(a.last_used) as i64);
                    let fresh = age.is_none_or(|s| s <= i64::from(timeout));
                    let member = match x.open(&lb_affinity::MATCH_SPEC)? {
                        Some(mm) => Some(
                            lookup(
                                &mm,
                                &AffinityMatch {
                                    backend_id: a.backend_id,
                                    rev_nat: id,
                                }
                                .encode(),
                            )?
                            .is_some(),
                        ),
                        None => None,
                    };
                    let mut what = format!(
                        "session affinity (timeout {timeout}s): this client sticks to backend {}",
                        a.backend_id
                    );
                    if let Some(s) = age {
                        what.push_str(&format!(", last used {s}s ago"));
                    }
                    if !fresh {
                        what.push_str(" (expired: a new backend is chosen)");
                    }
                    if member == Some(false) {
                        what.push_str(" (no longer a backend of the service: a new backend is chosen)");
                    }
                    if fresh && member != Some(false) {
                        affinity = Some(a.backend_id);
                    }
                    x.push(
                        Observation::read(Step::Service, what, spec.name, key_text)
                            .with("backend_id", a.backend_id)
                            .with("age_secs", age)
                            .with("timeout_secs", timeout)
                            .with("still_member", member),
                    );
                }
                None => x.push(Observation::read(
                    Step::Service,
                    format!("session affinity (timeout {timeout}s): no entry for this client yet"),
                    spec.name,
                    key_text,
                )),
            }
        }
    }

    Ok(Some(Service {
        id,
        flags: flags.0,
        key,
        count: master.count,
        qcount: master.qcount,
        slots,
        affinity,
        source_range_ok,
        choice: Choice::NoBackend,
        internal,
    }))
}

/// Whether `ip` is one of this node's addresses (a host entry in `cilium_lxc`).
fn is_node_address(x: &Explainer<'_>, ip: IpAddr) -> Result<bool> {
    let Some(m) = x.open(&crate::maps::lxc::SPEC)? else {
        return Ok(false);
    };
    Ok(lookup(&m, &crate::maps::lxc::EndpointKey::new(ip).encode())?
        .and_then(|v| crate::maps::lxc::EndpointInfo::decode(&v))
        .is_some_and(|i| i.is_host()))
}

/// Decide the backend from CT, affinity and the slots, and say how.
pub fn selection(x: &mut Explainer<'_>, flow: &Flow, svc: &mut Service, ct: &Ct) -> Result<()> {
    if svc.source_range_ok == Some(false) {
        svc.choice = Choice::Rejected;
        return Ok(());
    }
    // An existing SVC entry for this exact client port pins the backend.
    if flow.sport.is_some() {
        if let Some(e) = ct.svc.first() {
            let b = e.entry.backend_id as u32;
            let state = svc
                .slot_of(b)
                .and_then(|s| s.backend.as_ref())
                .map(|be| state_name(be.state));
            let what = match (svc.slot_of(b), state) {
                (None, _) => format!(
                    "the existing connection's backend {b} is no longer in the service: the datapath selects a new backend"
                ),
                (Some(_), Some("active")) | (Some(_), None) => {
                    format!("the existing connection stays on backend {b}")
                }
                (Some(_), Some(st)) => format!("the existing connection stays on backend {b}, which is {st}"),
            };
            let why = "an established CT SVC entry is reused before any new selection (lb4_local/lb6_local)";
            if svc.slot_of(b).is_some() {
                x.push(Observation::inferred(Step::Service, what, why).with("backend_id", b));
                svc.choice = Choice::Pinned(b);
                return Ok(());
            }
            x.push(Observation::inferred(Step::Service, what, why).with("backend_id", b));
        }
    }
    if let Some(b) = svc.affinity {
        x.push(Observation::inferred(
            Step::Service,
            format!("a new connection goes to backend {b} (session affinity)"),
            "the affinity entry is fresh and its backend still belongs to the service",
        ));
        svc.choice = Choice::Affinity(b);
        return Ok(());
    }
    // Every active slot can be picked, also one whose backend entry is missing (the datapath
    // then drops the packet).
    let active: Vec<u32> = svc
        .slots
        .iter()
        .filter(|s| s.active_slot)
        .map(|s| s.backend_id)
        .collect();
    if active.is_empty() {
        let why = if svc.flags & flag::EXT_LOCAL_SCOPE != 0 && !svc.internal {
            "externalTrafficPolicy=Local and no backend runs on this node (the external scope has no active slot)"
        } else if svc.qcount > 0 {
            "only non-active (terminating, quarantined, maintenance) slots remain"
        } else {
            "the service has no active backend slot"
        };
        x.push(
            Observation::inferred(
                Step::Service,
                "a new connection finds no backend: the datapath drops it (no service backend)",
                why,
            )
            .verdict("drop"),
        );
        svc.choice = Choice::NoBackend;
        return Ok(());
    }
    let external = flag::NODEPORT | flag::LOADBALANCER | flag::EXTERNAL_IP;
    let v6 = flow.dst.is_ipv6();
    let spec = if v6 { &maglev::SPEC6 } else { &maglev::SPEC4 };
    let mut how = "random selection among the active slots".to_string();
    let mut why = "in-cluster traffic (bpf_lxc) always selects backends at random".to_string();
    if svc.flags & external != 0 && !svc.internal {
        // Maglev when a table is pinned for this service (the node-wide algorithm is maglev).
        if let Some(m) = x.open(spec)? {
            if lookup(&m, &maglev::encode_outer_key(svc.id))?.is_some() {
                how = "Maglev consistent hashing over the 5-tuple".into();
                why = format!("{} holds a table for service {}", spec.name, svc.id);
            } else {
                why = format!("{} has no table for service {}", spec.name, svc.id);
            }
        }
    }
    let list: Vec<String> = active.iter().map(|b| b.to_string()).collect();
    x.push(
        Observation::inferred(
            Step::Service,
            format!(
                "a new connection goes to one of {} active backend(s) ({}): {how}",
                active.len(),
                list.join(", ")
            ),
            why,
        )
        .with("candidates", &active),
    );
    svc.choice = Choice::Candidates(active);
    Ok(())
}
