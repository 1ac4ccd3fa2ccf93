//! Drops: the top drop reasons in `cilium_metrics` (counters since boot), and with `--interval`
//! the drop rate between two reads.

use std::collections::BTreeMap;

use super::{share, top, Finding, Gathered, Level, Offender, Thresholds};
use crate::maps::metrics;

pub fn check(g: &Gathered, t: &Thresholds) -> Finding {
    let name = "drops";
    let Some(now) = &g.metrics else {
        return Finding::new(name, Level::Ok, "cilium_metrics is not pinned: nothing to count");
    };
    let by_reason = |m: &BTreeMap<metrics::Key, (u64, u64)>| {
        let mut r: BTreeMap<u8, u64> = BTreeMap::new();
        for (k, (p, _)) in m {
            if metrics::is_drop(k.reason) {
                *r.entry(k.reason).or_default() += p;
            }
        }
        r
    };
    let totals = by_reason(now);
    let total: u64 = totals.values().sum();
    let reason = |r: &u8| metrics::reason_name(*r);
    if let Some((iv, later)) = &g.metrics_later {
        let after = by_reason(later);
        let secs = iv.as_secs_f64().max(0.001);
        let delta: BTreeMap<u8, u64> = after
            .iter()
            .map(|(r, p)| (*r, p.saturating_sub(totals.get(r).copied().unwrap_or(0))))
            .filter(|(_, d)| *d > 0)
            .collect();
        let dsum: u64 = delta.values().sum();
        let rate = dsum as f64 / secs;
        let tops = top(delta, t.top);
        let ev: Vec<String> = tops
            .iter()
            .map(|(r, d)| format!("{}: {:.1} packets/s", reason(r), *d as f64 / secs))
            .collect();
        let off = tops
            .iter()
            .map(|(r, d)| Offender::new("drop reason", reason(r), *d, Some(dsum)))
            .collect();
        let level = if rate >= t.drop_rate { Level::Warn } else { Level::Ok };
        let mut f = Finding::new(
            name,
            level,
            format!("{rate:.1} drops/s over {:.1}s ({total} since boot)", secs),
        )
        .evidence(ev)
        .offenders(off);
        if level > Level::Ok {
            f = f.next(&["cdbg bpf metrics list"]);
        }
        return f;
    }
    let tops = top(totals, t.top);
    let ev: Vec<String> = tops
        .iter()
        .map(|(r, p)| format!("{}: {}", reason(r), share(*p, total)))
        .collect();
    let off = tops
        .iter()
        .map(|(r, p)| Offender::new("drop reason", reason(r), *p, Some(total)))
        .collect();
    Finding::new(
        name,
        Level::Ok,
        format!("{total} packets dropped since boot (counters only; --interval gives a rate)"),
    )
    .evidence(ev)
    .offenders(off)
}
