//! Conntrack health: entries past their lifetime that are still in the map (the CT GC is
//! behind), TCP entries that saw only SYNs for longer than a threshold, by destination (what
//! cannot connect), and closing entries.

use super::{host_port, share, top, Finding, Gathered, Level, Offender, Thresholds};

pub fn checks(g: &Gathered, t: &Thresholds) -> Vec<Finding> {
    let Some(ct) = &g.ct else {
        return vec![];
    };
    if ct.maps.is_empty() {
        return vec![Finding::new(
            "conntrack health",
            Level::Warn,
            "no global conntrack maps pinned",
        )];
    }
    if g.clock.is_none() {
        return vec![Finding::new(
            "conntrack health",
            Level::Warn,
            "the datapath clock is unknown: lifetimes and ages not checked",
        )];
    }
    vec![expired(g, t), syn_only(g, t), closing(g)]
}

fn expired(g: &Gathered, t: &Thresholds) -> Finding {
    let ct = g.ct.as_ref().expect("ct read");
    let name = "conntrack expired entries";
    if ct.expired == 0 {
        return Finding::new(
            name,
            Level::Ok,
            format!("none of {} entries is past its lifetime", ct.entries),
        );
    }
    let pct = ct.expired as f64 * 100.0 / ct.entries.max(1) as f64;
    let level = if pct >= t.expired_percent {
        Level::Warn
    } else {
        Level::Ok
    };
    let tops = top(ct.expired_by_dst.iter(), t.top);
    let parts: Vec<String> = tops
        .iter()
        .map(|(ip, c)| format!("{ip} {}", share(*c, ct.expired)))
        .collect();
    let ev = vec![
        format!(
            "{} expired but present, the oldest expired {}s ago (WARN from {:.0} % of entries)",
            share(ct.expired, ct.entries),
            ct.expired_oldest,
            t.expired_percent
        ),
        format!("by destination: {}", parts.join(", ")),
    ];
    let off = tops
        .iter()
        .map(|(ip, c)| Offender::new("destination", ip.to_string(), *c, Some(ct.expired)))
        .collect();
    let summary = if level == Level::Ok {
        format!(
            "{} expired entries ({pct:.1} %), within what the CT GC leaves between runs",
            ct.expired
        )
    } else {
        format!(
            "{} of {} entries ({pct:.1} %) are past their lifetime: the conntrack GC is behind",
            ct.expired, ct.entries
        )
    };
    Finding::new(name, level, summary).evidence(ev).offenders(off)
}

fn syn_only(g: &Gathered, t: &Thresholds) -> Finding {
    let ct = g.ct.as_ref().expect("ct read");
    let name = "conntrack SYN-only";
    let total: u64 = ct.syn_only.values().map(|v| v.0).sum();
    if total == 0 {
        return Finding::new(
            name,
            Level::Ok,
            format!(
                "no TCP entry has waited {}s or more for an answer ({} younger SYN-only)",
                t.syn_age_secs, ct.syn_young
            ),
        );
    }
    let mut dests: Vec<_> = ct.syn_only.iter().collect();
    dests.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    let mut ev = Vec::new();
    let mut off = Vec::new();
    for ((ip, port), (n, age)) in dests.iter().take(t.top) {
        let d = host_port(ip, *port);
        ev.push(format!("{d}: {n} SYN-only entries, oldest {age}s"));
        off.push(Offender::new("destination", d, *n, Some(total)));
    }
    let first = host_port(&dests[0].0 .0, dests[0].0 .1);
    Finding::new(
        name,
        Level::Warn,
        format!(
            "{total} TCP connections got no answer for {}s or more; most to {first}",
            t.syn_age_secs
        ),
    )
    .evidence(ev)
    .offenders(off)
}

fn closing(g: &Gathered) -> Finding {
    let ct = g.ct.as_ref().expect("ct read");
    let pct = ct.closing as f64 * 100.0 / ct.tcp.max(1) as f64;
    // Many closing entries are normal for short connections; a majority of a big table is churn.
    let level = if ct.closing >= 10_000 && pct >= 50.0 {
        Level::Warn
    } else {
        Level::Ok
    };
    Finding::new(
        "conntrack closing",
        level,
        format!("{} of {} TCP entries are closing ({pct:.1} %)", ct.closing, ct.tcp),
    )
}
