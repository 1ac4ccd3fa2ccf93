//! Consistency of the load-balancer maps, as the datapath relies on it: every slot's backend
//! exists, every backend is used, every frontend has its rev-NAT entry, and slot counts match.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use super::{Check, Level};
use crate::bpf::{self, BpfError, DumpOptions};
use crate::maps::util::join_host_port;
use crate::maps::{lb_backend, lb_revnat, lb_service, BpfRoot, MapError};

/// A frontend: (address, port, protocol, scope).
pub type FrontendKey = (IpAddr, u16, u8, u8);
/// A frontend's master value and its slots (slot → backend ID).
pub type FrontendSlots = (Option<lb_service::ServiceValue>, BTreeMap<u16, u32>);

/// What the LB maps hold, read once.
#[derive(Debug, Default)]
pub struct LbState {
    /// Frontend (addr, port, proto, scope) → (master value, slot → backend ID).
    pub frontends: BTreeMap<FrontendKey, FrontendSlots>,
    pub backends: BTreeMap<u32, lb_backend::Backend>,
    pub revnat: BTreeMap<u16, lb_revnat::RevNat>,
    /// Maps that are not pinned (a family that is off).
    pub absent: Vec<String>,
}

/// Read the services, backends and rev-NAT maps of both families.
pub fn read(root: &BpfRoot) -> Result<LbState, MapError> {
    let mut st = LbState::default();
    for spec in [&lb_service::SPEC4, &lb_service::SPEC6] {
        let Some((m, _)) = root.open_if_exists(spec)? else {
            st.absent.push(spec.name.into());
            continue;
        };
        bpf::dump::<BpfError, _>(&m, &DumpOptions::default(), |k, v| {
            if let (Some(k), Some(v)) = (lb_service::ServiceKey::decode(k), lb_service::ServiceValue::decode(v)) {
                let e = st.frontends.entry((k.addr, k.port, k.proto, k.scope)).or_default();
                if k.slot == 0 {
                    e.0 = Some(v);
                } else {
                    e.1.insert(k.slot, v.backend_id);
                }
            }
            Ok(())
        })?;
    }
    for spec in [&lb_backend::SPEC4, &lb_backend::SPEC6] {
        let Some((m, _)) = root.open_if_exists(spec)? else {
            st.absent.push(spec.name.into());
            continue;
        };
        bpf::dump::<BpfError, _>(&m, &DumpOptions::default(), |k, v| {
            if let (Some(id), Some(b)) = (lb_backend::decode_key(k), lb_backend::Backend::decode(v)) {
                st.backends.insert(id, b);
            }
            Ok(())
        })?;
    }
    for spec in [&lb_revnat::SPEC4, &lb_revnat::SPEC6] {
        let Some((m, _)) = root.open_if_exists(spec)? else {
            st.absent.push(spec.name.into());
            continue;
        };
        bpf::dump::<BpfError, _>(&m, &DumpOptions::default(), |k, v| {
            if let (Some(id), Some(r)) = (lb_revnat::decode_key(k), lb_revnat::RevNat::decode(v)) {
                st.revnat.insert(id, r);
            }
            Ok(())
        })?;
    }
    Ok(st)
}

fn fe_name(addr: &IpAddr, port: u16, proto: u8, scope: u8) -> String {
    let i = if scope == lb_service::SCOPE_INTERNAL { "/i" } else { "" };
    format!(
        "{}/{}{i}",
        join_host_port(addr, port),
        crate::maps::util::proto_name(proto)
    )
}

/// The consistency check over `st`.
pub fn check(st: &LbState) -> Check {
    let name = "LB maps consistent";
    let mut fails = Vec::new();
    let mut warns = Vec::new();
    let mut used = BTreeSet::new();
    let mut no_backends = 0;
    for ((addr, port, proto, scope), (master, slots)) in &st.frontends {
        let fe = fe_name(addr, *port, *proto, *scope);
        let Some(m) = master else {
            fails.push(format!("{fe}: backend slots without a master entry (slot 0)"));
            continue;
        };
        if !st.revnat.contains_key(&m.rev_nat) {
            fails.push(format!(
                "{fe}: rev-NAT entry {} is missing: replies will not be translated back",
                m.rev_nat
            ));
        }
        let expected = u32::from(m.count) + u32::from(m.qcount);
        if slots.len() as u32 != expected || slots.keys().any(|s| u32::from(*s) > expected) {
            fails.push(format!(
                "{fe}: master says {} active + {} other slots, the map holds slots {}",
                m.count,
                m.qcount,
                slots.keys().map(|s| s.to_string()).collect::<Vec<_>>().join(",")
            ));
        }
        if m.count == 0 {
            no_backends += 1;
        }
        for (slot, id) in slots {
            used.insert(*id);
            if !st.backends.contains_key(id) {
                fails.push(format!(
                    "{fe}: slot {slot} points at backend {id}, which does not exist"
                ));
            }
        }
    }
    for (id, b) in &st.backends {
        if !used.contains(id) {
            warns.push(format!(
                "backend {id} ({}) is used by no service: leaked by the agent",
                join_host_port(&b.addr, b.port)
            ));
        }
    }
    let masters = st.frontends.values().filter(|f| f.0.is_some()).count();
    let mut evidence = vec![format!(
        "{masters} frontends, {} backends, {} rev-NAT entries",
        st.backends.len(),
        st.revnat.len()
    )];
    if no_backends > 0 {
        evidence.push(format!(
            "{no_backends} frontend(s) without an active backend (normal for externalTrafficPolicy=Local without a local pod)"
        ));
    }
    let level = if !fails.is_empty() {
        Level::Fail
    } else if !warns.is_empty() {
        Level::Warn
    } else {
        Level::Ok
    };
    evidence.extend(fails);
    evidence.extend(warns);
    let summary = match level {
        Level::Ok => "every slot's backend exists, every backend is used, rev-NAT entries and slot counts match",
        Level::Warn => "the LB maps work but hold leftovers",
        Level::Fail => "the LB maps are inconsistent: some service traffic is dropped or mistranslated",
    };
    Check::new(name, level, summary, evidence)
}

/// Read and check; a read error becomes a WARN with the reason.
pub fn check_maps(root: &BpfRoot) -> Check {
    match read(root) {
        Ok(st) if st.frontends.is_empty() && st.absent.len() == 6 => Check::new(
            "LB maps consistent",
            Level::Warn,
            "no LB maps are pinned: is this a Cilium node with kube-proxy replacement?",
            vec![],
        ),
        Ok(st) => check(&st),
        Err(e) => Check::new(
            "LB maps consistent",
            Level::Warn,
            "cannot read the LB maps",
            vec![e.to_string()],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sv(backend_id: u32, count: u16, qcount: u16, rev_nat: u16) -> lb_service::ServiceValue {
        lb_service::ServiceValue {
            backend_id,
            count,
            rev_nat,
            flags: 0,
            flags2: 0,
            qcount,
        }
    }

    fn state() -> LbState {
        let mut st = LbState::default();
        let fe: IpAddr = "10.96.0.10".parse().unwrap();
        let mut slots = BTreeMap::new();
        slots.insert(1, 2);
        slots.insert(2, 3);
        st.frontends.insert((fe, 53, 17, 0), (Some(sv(0, 2, 0, 2)), slots));
        for id in [2, 3] {
            st.backends.insert(
                id,
                lb_backend::Backend {
                    addr: "172.20.0.24".parse().unwrap(),
                    port: 53,
                    proto: 17,
                    state: 0,
                    cluster_id: 0,
                    zone: 0,
                },
            );
        }
        st.revnat.insert(2, lb_revnat::RevNat { addr: fe, port: 53 });
        st
    }

    #[test]
    fn healthy() {
        assert_eq!(check(&state()).level, Level::Ok);
    }

    #[test]
    fn dangling_orphan_and_counts() {
        let mut st = state();
        st.backends.insert(17, st.backends[&2]);
        let c = check(&st);
        assert_eq!(c.level, Level::Warn);
        assert!(c.evidence.iter().any(|e| e.contains("backend 17")), "{c:?}");
        let fe = *st.frontends.keys().next().unwrap();
        st.frontends.get_mut(&fe).unwrap().1.insert(3, 99);
        let c = check(&st);
        assert_eq!(c.level, Level::Fail);
        assert!(
            c.evidence.iter().any(|e| e.contains("slot 3 points at backend 99")),
            "{c:?}"
        );
        assert!(
            c.evidence
                .iter()
                .any(|e| e.contains("master says 2 active + 0 other slots")),
            "{c:?}"
        );
        st.revnat.clear();
        assert!(check(&st)
            .evidence
            .iter()
            .any(|e| e.contains("rev-NAT entry 2 is missing")));
    }
}
