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

/// The top holders of a space, kind by kind: an evidence line and offenders per kind.
struct Holders {
    total: u64,
    n: usize,
    evidence: Vec<String>,
    offenders: Vec<Offender>,
}

impl Holders {
    fn new(total: u64, n: usize) -> Holders {
        Holders {
            total,
            n,
            evidence: Vec::new(),
            offenders: Vec::new(),
        }
    }

    /// The top `n` of one kind (`kind` names an offender, `label` the evidence line).
    fn add<K: Ord + Clone>(
        &mut self,
        kind: &str,
        label: &str,
        m: impl IntoIterator<Item = (K, u64)>,
        name: impl Fn(&K) -> String,
    ) -> &mut Holders {
        let tops = top(m, self.n);
        if tops.is_empty() {
            return self;
        }
        let total = self.total;
        let parts: Vec<String> = tops
            .iter()
            .map(|(k, c)| format!("{} {}", name(k), share(*c, total)))
            .collect();
        self.evidence.push(format!("top {label}: {}", parts.join(", ")));
        self.offenders
            .extend(tops.iter().map(|(k, c)| Offender::new(kind, name(k), *c, Some(total))));
        self
    }

    /// Sources, destinations, endpoints and identities, in that order.
    fn four(
        &mut self,
        by_src: impl IntoIterator<Item = (IpAddr, u64)>,
        by_dst: impl IntoIterator<Item = (IpAddr, u64)>,
        by_ep: impl IntoIterator<Item = (u16, u64)>,
        by_id: impl IntoIterator<Item = (u32, u64)>,
    ) -> &mut Holders {
        self.add("source", "sources", by_src, ip_name)
            .add("destination", "destinations", by_dst, ip_name)
            .add("endpoint", "endpoints", by_ep, |e| format!("endpoint {e}"))
            .add("identity", "identities", by_id, |i| format!("identity {i}"))
    }

    /// The finding: `<head> <max> % full`, the top source's share, and `next` when it fails.
    fn finding(self, check: &str, level: Level, head: String, max: f64, next: &'static str) -> Finding {
        let lead = self
            .offenders
            .first()
            .map(|o| format!("; top source {} holds {:.1} %", o.name, o.share_percent.unwrap_or(0.0)));
        let summary = format!("{head} {max:.1} % full{}", lead.unwrap_or_default());
        let mut f = Finding::new(check, level, summary)
            .evidence(self.evidence)
            .offenders(self.offenders);
        if level == Level::Fail {
            f = f.next(&[next]);
        }
        f
    }
}

fn ip_name(ip: &IpAddr) -> String {
    ip.to_string()
}

fn ct_space(g: &Gathered, t: &Thresholds) -> Finding {
    let ct = g.ct.as_ref().expect("ct read");
    let names: Vec<&str> = ct.maps.iter().map(String::as_str).collect();
    let (level, max) = level_of(g, t, &names);
    let mut h = Holders::new(ct.entries, t.top);
    h.four(
        ct.by_src.iter(),
        ct.by_dst.iter(),
        ct.by_endpoint.iter().map(|(k, v)| (*k, *v)),
        ct.by_identity.iter().map(|(k, v)| (*k, *v)),
    );
    let head = format!("{} conntrack entries, fullest CT map", ct.entries);
    h.finding(
        "conntrack space",
        level,
        head,
        max,
        "cdbg bpf ct list global --top 10 --by src",
    )
}

fn nat_space(g: &Gathered, t: &Thresholds) -> Finding {
    let nat = g.nat.as_ref().expect("nat read");
    let names: Vec<&str> = nat.maps.iter().map(String::as_str).collect();
    let (level, max) = level_of(g, t, &names);
    let outs: u64 = nat.by_src.total();
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
    let mut h = Holders::new(outs, t.top);
    h.four(nat.by_src.iter(), nat.by_dst.iter(), by_ep, by_id);
    let head = format!("{} NAT entries ({outs} outgoing), fullest NAT map", nat.entries);
    h.finding("NAT space", level, head, max, "cdbg bpf nat list --top 10 --by src")
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
    let mut h = Holders {
        total,
        n: t.top,
        evidence: ev,
        offenders: off,
    };
    h.add(
        "identity",
        "identities by policy entries",
        g.policy_identities.iter().map(|(k, v)| (*k, *v)),
        |i| {
            if *i == 0 {
                "identity 0 (any)".to_string()
            } else {
                format!("identity {i}")
            }
        },
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
        .evidence(h.evidence)
        .offenders(h.offenders);
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
    let mut h = Holders::new(total, t.top);
    h.add("service", "services by backend slots", slots, |s| s.clone());
    let summary = format!(
        "{} frontends, {} backend slots, {} backends; fullest LB map {:.1} % full",
        st.frontends.len(),
        total,
        st.backends.len(),
        max
    );
    let mut f = Finding::new("LB space", level, summary)
        .evidence(h.evidence)
        .offenders(h.offenders);
    if level == Level::Fail {
        f = f.next(&["cdbg bpf lb list"]);
    }
    f
}
