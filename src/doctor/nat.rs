//! NAT health: OUT entries whose conntrack entry is gone (leaked SNAT state that holds ports),
//! ports used per (translated address, destination) against the SNAT port range, and the SNAT
//! port-allocation retries histogram where the map exists (1.18).

use std::collections::HashMap;
use std::net::IpAddr;

use super::{host_port, share, top, Finding, Gathered, Level, Offender, Thresholds};
use crate::maps::util::proto_name;

pub fn checks(g: &Gathered, t: &Thresholds) -> Vec<Finding> {
    let Some(nat) = &g.nat else {
        return vec![];
    };
    if nat.maps.is_empty() {
        return vec![Finding::new(
            "NAT health",
            Level::Ok,
            "no SNAT maps pinned: masquerading is off",
        )];
    }
    vec![without_ct(g, t), ports(g, t)]
}

fn without_ct(g: &Gathered, t: &Thresholds) -> Finding {
    let nat = g.nat.as_ref().expect("nat read");
    let name = "NAT without conntrack";
    if g.ct.as_ref().is_none_or(|c| c.maps.is_empty()) {
        return Finding::new(name, Level::Warn, "no conntrack maps to compare with: not checked");
    }
    let orphans = &nat.waiting;
    if orphans.is_empty() {
        return Finding::new(
            name,
            Level::Ok,
            format!(
                "all {} outgoing NAT entries that need conntrack have it",
                nat.needing_ct
            ),
        );
    }
    let mut by_src: HashMap<IpAddr, u64> = HashMap::new();
    for o in orphans.iter() {
        *by_src.entry(o.src).or_default() += 1;
    }
    let total = orphans.len() as u64;
    let tops = top(by_src, t.top);
    let mut ev = vec![format!(
        "{} of {} outgoing NAT entries have no conntrack entry: the CT entry expired or was flushed and the NAT GC has not caught up; their ports stay taken",
        total, nat.needing_ct
    )];
    let parts: Vec<String> = tops
        .iter()
        .map(|(ip, c)| format!("{ip} {}", share(*c, total)))
        .collect();
    ev.push(format!("by source: {}", parts.join(", ")));
    let mut sample: Vec<_> = orphans.iter().collect();
    // The top source's entries first.
    let lead_src = tops.first().map(|t| t.0);
    sample.sort_by_key(|o| (Some(o.src) != lead_src, o.src, o.sport, o.dst, o.dport, o.proto));
    for o in sample.iter().take(t.top) {
        ev.push(format!(
            "{} {} -> {}",
            proto_name(o.proto),
            host_port(&o.src, o.sport),
            host_port(&o.dst, o.dport)
        ));
    }
    let off = tops
        .iter()
        .map(|(ip, c)| Offender::new("source", ip.to_string(), *c, Some(total)))
        .collect();
    let level = if total < t.nat_orphans {
        Level::Ok
    } else if total * 2 >= nat.needing_ct && total >= t.nat_orphans * 10 {
        Level::Fail
    } else {
        Level::Warn
    };
    let lead = tops
        .first()
        .map(|(ip, _)| format!(", most from {ip}"))
        .unwrap_or_default();
    let summary = if level == Level::Ok {
        format!(
            "{total} NAT entries without conntrack (below {}: normal between GC runs)",
            t.nat_orphans
        )
    } else {
        format!("{total} NAT entries without conntrack{lead}")
    };
    let mut f = Finding::new(name, level, summary).evidence(ev).offenders(off);
    if let Some((ip, _)) = tops.first().filter(|_| level > Level::Ok) {
        f.next = vec![format!("cdbg bpf nat list --src {ip}")];
    }
    f
}

fn ports(g: &Gathered, t: &Thresholds) -> Finding {
    let nat = g.nat.as_ref().expect("nat read");
    let name = "NAT ports per destination";
    let (lo, hi) = t.nat_ports;
    let range = u64::from(hi.saturating_sub(lo)) + 1;
    let tops = top(nat.ports.iter(), t.top);
    let label = |(to, dst, dport, proto): &(IpAddr, IpAddr, u16, u8)| {
        format!("{to} -> {}/{}", host_port(dst, *dport), proto_name(*proto))
    };
    let mut level = tops
        .first()
        .map(|(_, c)| t.fill_level(*c as f64 * 100.0 / range as f64))
        .unwrap_or(Level::Ok);
    let mut ev: Vec<String> = tops
        .iter()
        .map(|(k, c)| {
            format!(
                "{}: {c} of {range} ports ({:.1} %)",
                label(k),
                *c as f64 * 100.0 / range as f64
            )
        })
        .collect();
    if nat.retries_map {
        let total: u64 = nat.retries.values().sum();
        let hard: u64 = nat.retries.range(32..).map(|(_, c)| c).sum();
        ev.push(format!(
            "SNAT port allocations: {total}, {} needed 32 or more retries",
            share(hard, total)
        ));
        if hard > 0 {
            level = level.max(Level::Warn);
        }
    }
    let off = tops
        .iter()
        .filter(|(_, c)| t.fill_level(*c as f64 * 100.0 / range as f64) > Level::Ok)
        .map(|(k, c)| Offender::new("destination", label(k), *c, Some(range)))
        .collect();
    let summary = match tops.first() {
        Some((k, c)) => format!(
            "busiest: {} uses {c} of the {range} ports {lo}-{hi} ({:.1} %)",
            label(k),
            *c as f64 * 100.0 / range as f64
        ),
        None => "no outgoing NAT entries".into(),
    };
    let mut f = Finding::new(name, level, summary).evidence(ev).offenders(off);
    if level == Level::Fail {
        f = f.next(&["cdbg bpf nat list"]);
    }
    f
}
