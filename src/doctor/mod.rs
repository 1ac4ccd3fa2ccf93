//! `doctor`: node triage in one command. Reads every map once ([`gather`]), asks the agent once,
//! and runs the check groups over what was read; each finding names its offenders and the numbers
//! behind its level. One file per check group.

pub mod conntrack;
pub mod drift;
pub mod drops;
pub mod gather;
pub mod heartbeat;
pub mod hooks;
pub mod nat;
pub mod pressure;

use std::io::Write;
use std::net::IpAddr;
use std::time::Duration;

use serde::Serialize;

pub use crate::checks::Level;
pub use gather::Gathered;

/// The check groups, in run order: (name for `--only`, what it looks at).
pub const GROUPS: &[(&str, &str)] = &[
    ("pressure", "every map's fill; who holds CT, NAT, policy and LB space"),
    (
        "nat",
        "NAT entries without conntrack, ports per destination, SNAT retries",
    ),
    ("conntrack", "expired-but-present, SYN-only and closing entries"),
    ("lb", "LB maps consistent: slots, orphan backends, rev-NAT"),
    ("drift", "agent vs datapath: services, endpoints, identities"),
    ("heartbeat", "the datapath heartbeat, and whether the agent answers"),
    ("hooks", "datapath programs on devices and socket-LB hooks (kpr check)"),
    ("kernel", "kernel requirements (preflight kernel)"),
    ("drops", "top drop reasons from cilium_metrics"),
];

/// Thresholds every check reads; each has a flag.
#[derive(Debug, Clone)]
pub struct Thresholds {
    /// Map fill (percent) from which a map WARNs.
    pub warn_fill: f64,
    /// Map fill (percent) from which a map FAILs.
    pub fail_fill: f64,
    /// SYN-only entries at least this old (seconds) count as "cannot connect".
    pub syn_age_secs: u64,
    /// Expired-but-present CT entries WARN from this share (percent) of the entries.
    pub expired_percent: f64,
    /// NAT entries without conntrack WARN from this many (a few are normal between GC runs).
    pub nat_orphans: u64,
    /// SNAT port range (inclusive) the ports per destination are measured against.
    pub nat_ports: (u16, u16),
    /// Drop rate (packets/s, with `--interval`) from which drops WARN.
    pub drop_rate: f64,
    /// How many offenders to name per finding.
    pub top: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            warn_fill: 80.0,
            fail_fill: 95.0,
            syn_age_secs: 30,
            expired_percent: 10.0,
            nat_orphans: 100,
            nat_ports: (1024, 65535),
            drop_rate: 10.0,
            top: 5,
        }
    }
}

impl Thresholds {
    /// The level of a map `fill` percent full.
    pub fn fill_level(&self, fill: f64) -> Level {
        if fill >= self.fail_fill {
            Level::Fail
        } else if fill >= self.warn_fill {
            Level::Warn
        } else {
            Level::Ok
        }
    }
}

/// One holder of the space or cause of the verdict: a source IP, an endpoint, a map, a service.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Offender {
    /// What it is: `source`, `destination`, `endpoint`, `identity`, `map`, `service`, `backend`, …
    pub kind: String,
    pub name: String,
    /// The number behind it (entries, ports, packets).
    pub count: u64,
    /// Its share of the whole, in percent, when that means something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_percent: Option<f64>,
}

impl Offender {
    pub fn new(kind: &str, name: impl Into<String>, count: u64, total: Option<u64>) -> Offender {
        Offender {
            kind: kind.into(),
            name: name.into(),
            count,
            share_percent: total
                .filter(|t| *t > 0)
                .map(|t| round1(count as f64 * 100.0 / t as f64)),
        }
    }
}

/// One check's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub name: String,
    pub level: Level,
    pub summary: String,
    pub evidence: Vec<String>,
    pub offenders: Vec<Offender>,
    /// Commands that show more (printed after the report for FAILs).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<String>,
}

impl Finding {
    pub fn new(name: &str, level: Level, summary: impl Into<String>) -> Finding {
        Finding {
            name: name.into(),
            level,
            summary: summary.into(),
            evidence: Vec::new(),
            offenders: Vec::new(),
            next: Vec::new(),
        }
    }

    pub fn evidence(mut self, e: Vec<String>) -> Finding {
        self.evidence = e;
        self
    }

    pub fn offenders(mut self, o: Vec<Offender>) -> Finding {
        self.offenders = o;
        self
    }

    pub fn next(mut self, n: &[&str]) -> Finding {
        self.next = n.iter().map(|s| s.to_string()).collect();
        self
    }
}

/// The whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub node: String,
    pub cilium_version: String,
    pub time: String,
    pub checks: Vec<Finding>,
    pub result: Level,
}

/// What to run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Groups to run (empty: all).
    pub only: Vec<String>,
    pub thresholds: Thresholds,
    /// Sample `cilium_metrics` twice this far apart for drop rates.
    pub interval: Option<Duration>,
    /// Inputs of the hooks and kernel groups.
    pub hooks: hooks::Inputs,
    /// The agent (`-H`), for the datapath clock source.
    pub host: Option<String>,
    /// The agent's state directory (its runtime config names the clock source).
    pub state_dir: std::path::PathBuf,
}

impl Options {
    pub fn wants(&self, group: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == group)
    }
}

/// Check that every `--only` name is a group.
pub fn parse_only(s: &str) -> Result<String, String> {
    if GROUPS.iter().any(|(g, _)| *g == s) {
        Ok(s.to_string())
    } else {
        let names: Vec<&str> = GROUPS.iter().map(|(g, _)| *g).collect();
        Err(format!("unknown check {s:?}: choose from {}", names.join(", ")))
    }
}

/// Run the selected groups over one gathered pass.
pub fn run(g: &Gathered, opts: &Options) -> Report {
    let t = &opts.thresholds;
    let mut checks = Vec::new();
    if opts.wants("pressure") {
        checks.extend(pressure::checks(g, t));
    }
    if opts.wants("nat") {
        checks.extend(nat::checks(g, t));
    }
    if opts.wants("conntrack") {
        checks.extend(conntrack::checks(g, t));
    }
    if opts.wants("lb") {
        checks.push(drift::lb_maps(g));
    }
    if opts.wants("drift") {
        checks.extend(drift::checks(g, t));
    }
    if opts.wants("heartbeat") {
        checks.push(heartbeat::check(g));
    }
    if opts.wants("hooks") {
        match crate::replay::active() {
            // Attached programs are not in a snapshot: say so rather than check this host.
            Some(snap) => checks.extend(["datapath programs on devices", "socket LB hooks"].map(|name| {
                Finding::new(
                    name,
                    Level::Warn,
                    format!(
                        "not checked: the snapshot {} holds no attached programs; run `cdbg doctor --only hooks` on the node",
                        snap.path.display()
                    ),
                )
            })),
            None => checks.extend(hooks::hooks(g, &opts.hooks)),
        }
    }
    if opts.wants("kernel") {
        checks.push(hooks::kernel(&opts.hooks));
    }
    if opts.wants("drops") {
        checks.push(drops::check(g, t));
    }
    let result = checks.iter().map(|c| c.level).max().unwrap_or(Level::Ok);
    Report {
        node: g.agent.node.clone().unwrap_or_else(hostname),
        cilium_version: g
            .agent
            .version
            .clone()
            .unwrap_or_else(|| "unknown (agent not reachable)".into()),
        time: crate::gotime::format_rfc3339_ms(crate::clock::unix_now_ns()),
        checks,
        result,
    }
}

fn hostname() -> String {
    rustix::system::uname().nodename().to_string_lossy().into_owned()
}

/// The human report: `[LEVEL] name: summary`, evidence indented, the worst level, and the next
/// commands for each FAIL.
pub fn write_text(w: &mut dyn Write, r: &Report) -> std::io::Result<()> {
    use crate::output::sanitize::field;
    writeln!(
        w,
        "node {}, Cilium {}, {}",
        field(&r.node),
        field(&r.cilium_version),
        r.time
    )?;
    for c in &r.checks {
        writeln!(w, "[{:<4}] {}: {}", c.level.as_str(), c.name, field(&c.summary))?;
        for e in &c.evidence {
            writeln!(w, "         {}", field(e))?;
        }
    }
    let counts = |l: Level| r.checks.iter().filter(|c| c.level == l).count();
    writeln!(
        w,
        "\n{}: {} checks, {} OK, {} WARN, {} FAIL",
        r.result.as_str(),
        r.checks.len(),
        counts(Level::Ok),
        counts(Level::Warn),
        counts(Level::Fail)
    )?;
    let fails: Vec<&Finding> = r
        .checks
        .iter()
        .filter(|c| c.level == Level::Fail && !c.next.is_empty())
        .collect();
    if !fails.is_empty() {
        writeln!(w, "\nnext commands to run:")?;
        for c in fails {
            for n in &c.next {
                writeln!(w, "  {n:<48} # {}", c.name)?;
            }
        }
    }
    Ok(())
}

/// Round to one decimal.
pub fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The `n` largest counts of `m`, largest first, ties by key.
pub fn top<K: Ord + Clone>(m: impl IntoIterator<Item = (K, u64)>, n: usize) -> Vec<(K, u64)> {
    let mut v: Vec<(K, u64)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

/// `count (share %)`.
pub fn share(count: u64, total: u64) -> String {
    if total == 0 {
        return count.to_string();
    }
    format!("{count} ({:.1} %)", count as f64 * 100.0 / total as f64)
}

/// `10.0.1.2` or `[fd00::1]` with a port.
pub fn host_port(ip: &IpAddr, port: u16) -> String {
    crate::maps::util::join_host_port(ip, port)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_levels_and_top() {
        let t = Thresholds::default();
        assert_eq!(t.fill_level(79.9), Level::Ok);
        assert_eq!(t.fill_level(80.0), Level::Warn);
        assert_eq!(t.fill_level(97.0), Level::Fail);
        assert_eq!(top([("a", 1), ("b", 5), ("c", 5)], 2), vec![("b", 5), ("c", 5)]);
        assert_eq!(Offender::new("source", "x", 1, Some(3)).share_percent, Some(33.3));
        assert!(parse_only("nat").is_ok());
        assert!(parse_only("bogus").unwrap_err().contains("pressure, nat"));
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn text_report_levels_evidence_and_next_commands() {
        let r = Report {
            node: "n1".into(),
            cilium_version: "1.17.6".into(),
            time: "2026-01-01T00:00:00.000Z".into(),
            checks: vec![
                Finding::new("map fill", Level::Ok, "fine").evidence(vec!["cilium_lxc: 1 / 10".into()]),
                Finding::new("NAT space", Level::Fail, "full").next(&["cdbg bpf nat list"]),
            ],
            result: Level::Fail,
        };
        let mut out = Vec::new();
        write_text(&mut out, &r).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "node n1, Cilium 1.17.6, 2026-01-01T00:00:00.000Z\n\
             [OK  ] map fill: fine\n         cilium_lxc: 1 / 10\n\
             [FAIL] NAT space: full\n\
             \nFAIL: 2 checks, 1 OK, 0 WARN, 1 FAIL\n\
             \nnext commands to run:\n  cdbg bpf nat list                                # NAT space\n"
        );
    }
}
