//! Agent vs datapath drift: the agent's services against the LB maps (missing frontends,
//! different backend sets), its endpoints against `cilium_lxc`, and ipcache identities the agent
//! does not know; and the LB maps' own consistency (`kpr check`'s: slots pointing at missing
//! backends, orphan backends, missing rev-NAT entries), which needs no agent.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::net::IpAddr;

use serde_json::Value;

use super::{host_port, Finding, Gathered, Level, Offender, Thresholds};
use crate::checks::lbcheck::{self, LbState};
use crate::maps::lb_service;
use crate::maps::util::proto_name;

/// `10.96.0.10:53/UDP`, `/i` for the internal scope.
pub fn frontend_name(addr: &IpAddr, port: u16, proto: u8, scope: u8) -> String {
    let i = if scope == lb_service::SCOPE_INTERNAL { "/i" } else { "" };
    format!("{}/{}{i}", host_port(addr, port), proto_name(proto))
}

/// The LB maps' consistency, with the offending frontends and backends named.
pub fn lb_maps(g: &Gathered) -> Finding {
    let name = "LB maps consistent";
    let st = match &g.lb {
        None => return Finding::new(name, Level::Warn, "LB maps not read"),
        Some(Err(e)) => return Finding::new(name, Level::Warn, "cannot read the LB maps").evidence(vec![e.clone()]),
        Some(Ok(st)) => st,
    };
    if st.frontends.is_empty() && st.absent.len() == 6 {
        return Finding::new(
            name,
            Level::Warn,
            "no LB maps are pinned: is this a Cilium node with kube-proxy replacement?",
        );
    }
    let c = lbcheck::check(st);
    let mut off = Vec::new();
    for e in &c.evidence {
        if let Some(rest) = e.strip_prefix("backend ") {
            if let Some(id) = rest.split_whitespace().next() {
                off.push(Offender::new("orphan backend", format!("backend {id}"), 1, None));
            }
        } else if let Some((fe, what)) = e.split_once(": ") {
            if what.contains("slot") && what.contains("does not exist") {
                let id = what
                    .split("backend ")
                    .nth(1)
                    .and_then(|r| r.split(',').next())
                    .unwrap_or("?");
                off.push(Offender::new(
                    "missing backend",
                    format!("{fe} -> backend {id}"),
                    1,
                    None,
                ));
            } else if what.starts_with("rev-NAT entry") {
                off.push(Offender::new("missing rev-NAT", fe.to_string(), 1, None));
            } else if what.starts_with("master says") || what.starts_with("backend slots without") {
                off.push(Offender::new("frontend", fe.to_string(), 1, None));
            }
        }
    }
    let mut f = Finding::new(name, c.level, c.summary)
        .evidence(c.evidence)
        .offenders(off);
    if c.level == Level::Fail {
        f = f.next(&["cdbg bpf lb list", "cdbg kpr check"]);
    } else if c.level == Level::Warn {
        f = f.next(&["cdbg bpf lb list --backends"]);
    }
    f
}

pub fn checks(g: &Gathered, _t: &Thresholds) -> Vec<Finding> {
    if !g.agent.answers() {
        let why = g.agent.error.clone().unwrap_or_default();
        return vec![Finding::new(
            "agent vs datapath",
            Level::Warn,
            "the agent did not answer: services, endpoints and identities not compared",
        )
        .evidence(vec![why])];
    }
    vec![services(g), endpoints(g), identities(g)]
}

fn proto_num(p: &str) -> u8 {
    match p {
        "TCP" => 6,
        "UDP" => 17,
        "SCTP" => 132,
        _ => 0,
    }
}

fn ip_port(v: &Value) -> Option<(IpAddr, u16)> {
    let ip = v.get("ip")?.as_str()?.parse().ok()?;
    let port = v.get("port").and_then(Value::as_u64).unwrap_or(0) as u16;
    Some((ip, port))
}

/// The backends a frontend's slots point at (IDs without a backend are left out: `lb_maps`
/// reports those).
fn map_backends(st: &LbState, slots: &BTreeMap<u16, u32>) -> BTreeSet<(IpAddr, u16)> {
    slots
        .values()
        .filter_map(|id| st.backends.get(id))
        .map(|b| (b.addr, b.port))
        .collect()
}

fn services(g: &Gathered) -> Finding {
    let name = "agent services vs LB maps";
    let st = match &g.lb {
        Some(Ok(st)) => st,
        _ => return Finding::new(name, Level::Warn, "the LB maps were not read"),
    };
    let Some(list) = g.agent.services.as_ref().and_then(Value::as_array) else {
        return Finding::new(name, Level::Warn, "the agent did not list its services");
    };
    let mut fails = Vec::new();
    let mut warns = Vec::new();
    let mut off = Vec::new();
    let mut matched = HashSet::new();
    for s in list {
        let spec = s.get("spec").unwrap_or(s);
        let id = spec.get("id").and_then(Value::as_u64).unwrap_or(0);
        let Some(fe) = spec.get("frontend-address") else {
            continue;
        };
        let Some((ip, port)) = ip_port(fe) else { continue };
        let proto = proto_num(fe.get("protocol").and_then(Value::as_str).unwrap_or(""));
        let key = st.frontends.keys().find(|(a, p, pr, sc)| {
            *a == ip && *p == port && *sc != lb_service::SCOPE_INTERNAL && (*pr == proto || *pr == 0 || proto == 0)
        });
        let fe_name = frontend_name(&ip, port, proto, 0);
        let Some(key) = key else {
            fails.push(format!(
                "service {id} {fe_name}: in the agent, missing from the LB maps"
            ));
            off.push(Offender::new(
                "missing frontend",
                format!("service {id} {fe_name}"),
                1,
                None,
            ));
            continue;
        };
        matched.insert(*key);
        let want: BTreeSet<(IpAddr, u16)> = spec
            .get("backend-addresses")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(ip_port).collect())
            .unwrap_or_default();
        let have = map_backends(st, &st.frontends[key].1);
        if want != have {
            let only_agent: Vec<String> = want.difference(&have).map(|(a, p)| host_port(a, *p)).collect();
            let only_maps: Vec<String> = have.difference(&want).map(|(a, p)| host_port(a, *p)).collect();
            fails.push(format!(
                "service {id} {fe_name}: backends differ: only in the agent [{}], only in the maps [{}]",
                only_agent.join(", "),
                only_maps.join(", ")
            ));
            off.push(Offender::new(
                "service",
                format!("service {id} {fe_name}"),
                (only_agent.len() + only_maps.len()) as u64,
                None,
            ));
        }
    }
    for (k @ (a, p, pr, sc), (m, _)) in &st.frontends {
        if *sc == lb_service::SCOPE_INTERNAL || m.is_none() || matched.contains(k) {
            continue;
        }
        let fe = frontend_name(a, *p, *pr, *sc);
        warns.push(format!("{fe}: in the LB maps, unknown to the agent (stale)"));
        off.push(Offender::new("stale frontend", fe, 1, None));
    }
    let ok = format!(
        "the LB maps hold the agent's {} services with the same backends",
        list.len()
    );
    let differ = |f, w| format!("{f} services differ between the agent and the LB maps, {w} stale frontends");
    verdict(
        name,
        (fails, warns, off),
        ok,
        differ,
        &["cdbg service list", "cdbg bpf lb list"],
    )
}

/// A comparison's finding: FAIL when anything is missing or wrong, WARN when only stale entries
/// remain, else OK with `ok`; `differ(failures, warnings)` sums up the rest. The evidence lists
/// the failures first; `next` is offered on FAIL.
fn verdict(
    name: &str,
    (mut fails, warns, off): (Vec<String>, Vec<String>, Vec<Offender>),
    ok: String,
    differ: impl FnOnce(usize, usize) -> String,
    next: &[&str],
) -> Finding {
    let level = if !fails.is_empty() {
        Level::Fail
    } else if !warns.is_empty() {
        Level::Warn
    } else {
        Level::Ok
    };
    let summary = match level {
        Level::Ok => ok,
        _ => differ(fails.len(), warns.len()),
    };
    fails.extend(warns);
    let mut f = Finding::new(name, level, summary).evidence(fails).offenders(off);
    if level == Level::Fail {
        f = f.next(next);
    }
    f
}

fn endpoints(g: &Gathered) -> Finding {
    let name = "agent endpoints vs cilium_lxc";
    let Some(lxc) = &g.lxc else {
        return Finding::new(name, Level::Warn, "cilium_lxc was not read");
    };
    let Some(list) = g.agent.endpoints.as_ref().and_then(Value::as_array) else {
        return Finding::new(name, Level::Warn, "the agent did not list its endpoints");
    };
    let mut fails = Vec::new();
    let mut off = Vec::new();
    let mut known = HashSet::new();
    for e in list {
        let id = e.get("id").and_then(Value::as_u64).unwrap_or(0) as u16;
        known.insert(id);
        let addrs = e
            .pointer("/status/networking/addressing")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for a in &addrs {
            for fam in ["ipv4", "ipv6"] {
                let Some(ip) = a
                    .get(fam)
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse::<IpAddr>().ok())
                else {
                    continue;
                };
                match lxc.get(&ip) {
                    None => {
                        fails.push(format!(
                            "endpoint {id} ({ip}): missing from cilium_lxc: traffic to it is dropped"
                        ));
                        off.push(Offender::new("endpoint", format!("endpoint {id} {ip}"), 1, None));
                    }
                    Some(info) if !info.is_host() && info.lxc_id != id => {
                        fails.push(format!(
                            "endpoint {id} ({ip}): cilium_lxc has endpoint {} for this address",
                            info.lxc_id
                        ));
                        off.push(Offender::new("endpoint", format!("endpoint {id} {ip}"), 1, None));
                    }
                    Some(_) => {}
                }
            }
        }
    }
    let mut warns = Vec::new();
    for (ip, info) in lxc {
        if !info.is_host() && !known.contains(&info.lxc_id) {
            warns.push(format!(
                "cilium_lxc {ip} -> endpoint {}: unknown to the agent (stale)",
                info.lxc_id
            ));
            off.push(Offender::new(
                "stale endpoint",
                format!("endpoint {} {ip}", info.lxc_id),
                1,
                None,
            ));
        }
    }
    let ok = format!("every address of the agent's {} endpoints is in cilium_lxc", list.len());
    let differ = |f, w| format!("{f} endpoint addresses missing or wrong in cilium_lxc, {w} stale entries");
    verdict(
        name,
        (fails, warns, off),
        ok,
        differ,
        &["cdbg endpoint list", "cdbg bpf endpoint list"],
    )
}

fn identities(g: &Gathered) -> Finding {
    let name = "ipcache identities known to the agent";
    let Some(ipc) = &g.ipcache else {
        return Finding::new(name, Level::Warn, "the ipcache was not read");
    };
    let Some(list) = g.agent.identities.as_ref().and_then(Value::as_array) else {
        return Finding::new(name, Level::Warn, "the agent did not list its identities");
    };
    let known: HashSet<u64> = list
        .iter()
        .filter_map(|i| i.get("id").and_then(Value::as_u64))
        .collect();
    let mut unknown: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for k in ipc {
        // Reserved identities (below 256) are built in.
        if k.identity < 256 || known.contains(&u64::from(k.identity)) {
            continue;
        }
        unknown
            .entry(k.identity)
            .or_default()
            .push(format!("{}/{}", k.ip, k.bits));
    }
    if unknown.is_empty() {
        return Finding::new(
            name,
            Level::Ok,
            format!("all {} ipcache entries carry identities the agent knows", ipc.len()),
        );
    }
    let mut ev = Vec::new();
    let mut off = Vec::new();
    for (id, prefixes) in &unknown {
        ev.push(format!("identity {id}: {}", prefixes.join(", ")));
        off.push(Offender::new(
            "identity",
            format!("identity {id}"),
            prefixes.len() as u64,
            None,
        ));
    }
    Finding::new(
        name,
        Level::Warn,
        format!("{} identities in the ipcache are unknown to the agent", unknown.len()),
    )
    .evidence(ev)
    .offenders(off)
    .next(&["cdbg bpf ipcache list", "cdbg identity list"])
}
