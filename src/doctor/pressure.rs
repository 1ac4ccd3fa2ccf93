//! Map pressure with attribution: every map's fill, and for the maps that fill up in practice
//! who holds the space — CT and NAT by source, destination, endpoint and identity; policy maps by
//! endpoint and identity; the LB maps by service.

use std::collections::HashMap;
use std::net::IpAddr;

use super::{share, top, Finding, Gathered, Level, Offender, Thresholds};

pub fn checks(g: &Gathered, t: &Thresholds) -> Vec<Finding> {
    let mut out = vec![fill(g, t)];
    if let Some(ct) = &g.ct {
        if !ct.maps.is_empty() {
            out.push(ct_space(g, t));
        }
    }
    if let Some(nat) = &g.nat {
        if !nat.maps.is_empty() {
            out.push(nat_space(g, t));
        }
    }
    if !g.policy.is_empty() {
        out.push(policy_space(g, t));
    }
    if let Some(Ok(_)) = &g.lb {
        out.push(lb_space(g, t));
    }
    out
}

fn fill_of(g: &Gathered, name: &str) -> Option<f64> {
    g.usage.iter().find(|u| u.name == name).and_then(|u| u.fill_percent)
}

/// The worst level over maps named by `names`, and the fullest one's fill.
fn level_of(g: &Gathered, t: &Thresholds, names: &[&str]) -> (Level, f64) {
    let fills: Vec<f64> = names.iter().filter_map(|n| fill_of(g, n)).collect();
    let max = fills.iter().copied().fold(0.0, f64::max);
    (t.fill_level(max), max)
}

fn fill(g: &Gathered, t: &Thresholds) -> Finding {
    let mut rows: Vec<_> = g.usage.iter().filter(|u| u.fill_percent.is_some()).collect();
    rows.sort_by(|a, b| {
        b.fill_percent
            .unwrap_or(0.0)
            .total_cmp(&a.fill_percent.unwrap_or(0.0))
            .then_with(|| a.name.cmp(&b.name))
    });
    let level = rows
        .iter()
        .map(|u| t.fill_level(u.fill_percent.unwrap_or(0.0)))
        .max()
        .unwrap_or(Level::Ok);
    let hot: Vec<_> = rows
        .iter()
        .filter(|u| t.fill_level(u.fill_percent.unwrap_or(0.0)) > Level::Ok)
        .collect();
    let line = |u: &crate::checks::pressure::Usage| {
        format!(
            "{}: {}{} / {} entries ({:.1} %)",
            u.name,
            if u.incomplete { "~" } else { "" },
            u.entries.unwrap_or(0),
            u.max_entries,
            u.fill_percent.unwrap_or(0.0)
        )
    };
    let mut evidence: Vec<String> = if hot.is_empty() {
        rows.iter().take(3).map(|u| line(u)).collect()
    } else {
        hot.iter().map(|u| line(u)).collect()
    };
    evidence.extend(g.errors.iter().map(|e| format!("not read: {e}")));
    let offenders = hot
        .iter()
        .map(|u| Offender {
            kind: "map".into(),
            name: u.name.clone(),
            count: u.entries.unwrap_or(0),
            share_percent: u.fill_percent,
        })
        .collect();
    let summary = match (level, hot.first()) {
        (Level::Ok, _) => format!(
            "{} maps, all below {:.0} % full (fullest shown)",
            g.usage.len(),
            t.warn_fill
        ),
        (_, Some(u)) => format!(
            "{} of {} maps at or above {:.0} % full; fullest {} at {:.1} %",
            hot.len(),
            g.usage.len(),
            t.warn_fill,
            u.name,
            u.fill_percent.unwrap_or(0.0)
        ),
        _ => String::new(),
    };
    let mut f = Finding::new("map fill", level, summary)
        .evidence(evidence)
        .offenders(offenders);
    if level == Level::Fail {
        f = f.next(&["cdbg bpf pressure"]);
    }
    f
}

/// Top holders of one kind: evidence line and offenders.
#[allow(clippy::too_many_arguments)]
fn holders<K: Ord + Clone>(
    kind: &str,
    label: &str,
    m: impl IntoIterator<Item = (K, u64)>,
    total: u64,
    n: usize,
    name: impl Fn(&K) -> String,
    evidence: &mut Vec<String>,
    offenders: &mut Vec<Offender>,
) {
    let tops = top(m, n);
    if tops.is_empty() {
        return;
    }
    let parts: Vec<String> = tops
        .iter()
        .map(|(k, c)| format!("{} {}", name(k), share(*c, total)))
        .collect();
    evidence.push(format!("top {label}: {}", parts.join(", ")));
    offenders.extend(tops.iter().map(|(k, c)| Offender::new(kind, name(k), *c, Some(total))));
}

fn ip_name(ip: &IpAddr) -> String {
    ip.to_string()
}

fn ct_space(g: &Gathered, t: &Thresholds) -> Finding {
    let ct = g.ct.as_ref().expect("ct read");
    let names: Vec<&str> = ct.maps.iter().map(String::as_str).collect();
    let (level, max) = level_of(g, t, &names);
    let mut ev = Vec::new();
    let mut off = Vec::new();
    let n = t.top;
    holders(
        "source",
        "sources",
        ct.by_src.iter(),
        ct.entries,
        n,
        ip_name,
        &mut ev,
        &mut off,
    );
    holders(
        "destination",
        "destinations",
        ct.by_dst.iter(),
        ct.entries,
        n,
        ip_name,
        &mut ev,
        &mut off,
    );
    holders(
        "endpoint",
        "endpoints",
        ct.by_endpoint.iter().map(|(k, v)| (*k, *v)),
        ct.entries,
        n,
        |e| format!("endpoint {e}"),
        &mut ev,
        &mut off,
    );
    holders(
        "identity",
        "identities",
        ct.by_identity.iter().map(|(k, v)| (*k, *v)),
        ct.entries,
        n,
        |i| format!("identity {i}"),
        &mut ev,
        &mut off,
    );
    let lead = off
        .first()
        .map(|o| format!("; top source {} holds {:.1} %", o.name, o.share_percent.unwrap_or(0.0)));
    let summary = format!(
        "{} conntrack entries, fullest CT map {:.1} % full{}",
        ct.entries,
        max,
        lead.unwrap_or_default()
    );
    let mut f = Finding::new("conntrack space", level, summary)
        .evidence(ev)
        .offenders(off);
    if level == Level::Fail {
        f = f.next(&["cdbg bpf ct list global --top 10 --by src"]);
    }
    f
}

fn nat_space(g: &Gathered, t: &Thresholds) -> Finding {
    let nat = g.nat.as_ref().expect("nat read");
    let names: Vec<&str> = nat.maps.iter().map(String::as_str).collect();
    let (level, max) = level_of(g, t, &names);
    let outs: u64 = nat.by_src.total();
    let mut ev = Vec::new();
    let mut off = Vec::new();
    let n = t.top;
    let mut by_ep: HashMap<u16, u64> = HashMap::new();
    let mut by_id: HashMap<u32, u64> = HashMap::new();
    let index = g.identity_index();
    for (ip, c) in nat.by_src.iter() {
        if let Some(e) = g.endpoint_of(&ip) {
            *by_ep.entry(e).or_default() += c;
        }
        if let Some(i) = index.lookup(g, &ip) {
            *by_id.entry(i).or_default() += c;
        }
    }
    holders(
        "source",
        "sources",
        nat.by_src.iter(),
        outs,
        n,
        ip_name,
        &mut ev,
        &mut off,
    );
    holders(
        "destination",
        "destinations",
        nat.by_dst.iter(),
        outs,
        n,
        ip_name,
        &mut ev,
        &mut off,
    );
    holders(
        "endpoint",
        "endpoints",
        by_ep,
        outs,
        n,
        |e| format!("endpoint {e}"),
        &mut ev,
        &mut off,
    );
    holders(
        "identity",
        "identities",
        by_id,
        outs,
        n,
        |i| format!("identity {i}"),
        &mut ev,
        &mut off,
    );
    let lead = off
        .first()
        .map(|o| format!("; top source {} holds {:.1} %", o.name, o.share_percent.unwrap_or(0.0)));
    let summary = format!(
        "{} NAT entries ({outs} outgoing), fullest NAT map {:.1} % full{}",
        nat.entries,
        max,
        lead.unwrap_or_default()
    );
    let mut f = Finding::new("NAT space", level, summary).evidence(ev).offenders(off);
    if level == Level::Fail {
        f = f.next(&["cdbg bpf nat list --top 10 --by src"]);
    }
    f
}

fn policy_space(g: &Gathered, t: &Thresholds) -> Finding {
    let mut maps: Vec<_> = g.policy.iter().collect();
    let fill = |p: &super::gather::PolicyScan| {
        if p.max == 0 {
            0.0
        } else {
            p.entries as f64 * 100.0 / f64::from(p.max)
        }
    };
    maps.sort_by(|a, b| fill(b).total_cmp(&fill(a)).then_with(|| a.endpoint.cmp(&b.endpoint)));
    let level = maps.iter().map(|p| t.fill_level(fill(p))).max().unwrap_or(Level::Ok);
    let mut ev: Vec<String> = Vec::new();
    let mut off = Vec::new();
    for p in maps.iter().take(t.top) {
        ev.push(format!(
            "endpoint {} ({}): {} / {} entries ({:.1} %)",
            p.endpoint,
            p.name,
            p.entries,
            p.max,
            fill(p)
        ));
        if t.fill_level(fill(p)) > Level::Ok {
            off.push(Offender {
                kind: "endpoint".into(),
                name: format!("endpoint {}", p.endpoint),
                count: p.entries,
                share_percent: Some(super::round1(fill(p))),
            });
        }
    }
    let total: u64 = g.policy_identities.values().sum();
    holders(
        "identity",
        "identities by policy entries",
        g.policy_identities.iter().map(|(k, v)| (*k, *v)),
        total,
        t.top,
        |i| {
            if *i == 0 {
                "identity 0 (any)".to_string()
            } else {
                format!("identity {i}")
            }
        },
        &mut ev,
        &mut off,
    );
    let first = maps.first();
    let summary = match first {
        Some(p) => format!(
            "{} endpoint policy maps; closest to its limit: endpoint {} at {:.1} % ({} / {})",
            maps.len(),
            p.endpoint,
            fill(p),
            p.entries,
            p.max
        ),
        None => "no endpoint policy maps".into(),
    };
    let mut f = Finding::new("policy map space", level, summary)
        .evidence(ev)
        .offenders(off);
    if level == Level::Fail {
        if let Some(p) = first {
            f.next = vec![format!("cdbg bpf policy get {}", p.endpoint)];
        }
    }
    f
}

fn lb_space(g: &Gathered, t: &Thresholds) -> Finding {
    let Some(Ok(st)) = &g.lb else { unreachable!("lb read") };
    let names = [
        crate::maps::lb_service::SPEC4.name,
        crate::maps::lb_service::SPEC6.name,
        crate::maps::lb_backend::SPEC4.name,
        crate::maps::lb_backend::SPEC6.name,
    ];
    let (level, max) = level_of(g, t, &names);
    let slots: Vec<(String, u64)> = st
        .frontends
        .iter()
        .map(|((addr, port, proto, scope), (_, s))| {
            (super::drift::frontend_name(addr, *port, *proto, *scope), s.len() as u64)
        })
        .collect();
    let total: u64 = slots.iter().map(|s| s.1).sum();
    let mut ev = Vec::new();
    let mut off = Vec::new();
    holders(
        "service",
        "services by backend slots",
        slots,
        total,
        t.top,
        |s| s.clone(),
        &mut ev,
        &mut off,
    );
    let summary = format!(
        "{} frontends, {} backend slots, {} backends; fullest LB map {:.1} % full",
        st.frontends.len(),
        total,
        st.backends.len(),
        max
    );
    let mut f = Finding::new("LB space", level, summary).evidence(ev).offenders(off);
    if level == Level::Fail {
        f = f.next(&["cdbg bpf lb list"]);
    }
    f
}
