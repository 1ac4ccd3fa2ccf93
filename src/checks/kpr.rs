//! `kpr check`: is kube-proxy replacement really in force on this node? Each check reports
//! OK/WARN/FAIL with the evidence it saw: kube-proxy's iptables leftovers, the LB maps'
//! consistency, the agent's heartbeat, datapath programs on the KPR devices, socket-LB hooks on
//! the cgroup, and — when the agent answers — whether its status agrees with the kernel.

use super::hooks::{self, DeviceHooks};
use super::{Check, Level, Report};

/// kube-proxy's chains in `iptables-save` output: (chain declarations, KUBE-SVC chains, rules).
pub fn kube_proxy_leftovers(save: &str) -> Vec<String> {
    let mut found = Vec::new();
    for l in save.lines() {
        let chain = l.strip_prefix(':').and_then(|c| c.split_whitespace().next());
        if let Some(c) = chain {
            if c == "KUBE-SERVICES"
                || c == "KUBE-NODEPORTS"
                || c.starts_with("KUBE-SVC-")
                || c.starts_with("KUBE-SEP-")
                || c.starts_with("KUBE-EXT-")
            {
                found.push(c.to_string());
            }
        }
    }
    found
}

/// Check iptables dumps (text of `iptables-save` / `ip6tables-save`, with where it came from).
pub fn check_iptables(dumps: &[(String, Option<String>)]) -> Check {
    let mut evidence = Vec::new();
    let mut leftovers = 0;
    let mut read_any = false;
    for (src, text) in dumps {
        match text {
            None => evidence.push(format!("{src}: not available")),
            Some(t) => {
                read_any = true;
                let l = kube_proxy_leftovers(t);
                if l.is_empty() {
                    evidence.push(format!("{src}: no KUBE-SERVICES / KUBE-SVC-* chains"));
                } else {
                    leftovers += l.len();
                    let shown: Vec<_> = l.iter().take(5).cloned().collect();
                    let more = if l.len() > 5 {
                        format!(" and {} more", l.len() - 5)
                    } else {
                        String::new()
                    };
                    evidence.push(format!(
                        "{src}: {} kube-proxy chains: {}{more}",
                        l.len(),
                        shown.join(", ")
                    ));
                }
            }
        }
    }
    if leftovers > 0 {
        Check::new(
            "kube-proxy iptables rules",
            Level::Fail,
            "kube-proxy's service chains are still installed: remove kube-proxy and flush its rules (kube-proxy --cleanup)",
            evidence,
        )
    } else if !read_any {
        Check::new(
            "kube-proxy iptables rules",
            Level::Warn,
            "could not read iptables (no iptables-save here; pass --iptables-save FILE)",
            evidence,
        )
    } else {
        Check::new(
            "kube-proxy iptables rules",
            Level::Ok,
            "no kube-proxy chains left",
            evidence,
        )
    }
}

/// Check the agent's heartbeat age (`cilium_runtime_config` AgentLiveness vs CLOCK_MONOTONIC).
pub fn check_heartbeat(liveness_ns: Option<u64>, now_ns: u64, source: &str) -> Check {
    let name = "agent heartbeat";
    let Some(l) = liveness_ns else {
        return Check::new(
            name,
            Level::Warn,
            "no heartbeat recorded",
            vec![format!("{source}: AgentLiveness is 0 or the map is absent")],
        );
    };
    let age = super::heartbeat::age_secs(l, now_ns).unwrap_or(0);
    let ev = vec![format!(
        "{source}: AgentLiveness {l} ns, {age}s before now (CLOCK_MONOTONIC)"
    )];
    let level = super::heartbeat::assess(age);
    let msg = match level {
        Level::Ok => format!("the agent updated the datapath {age}s ago"),
        Level::Warn => format!("no agent heartbeat for {age}s: the agent may be restarting or stuck"),
        Level::Fail => format!("no agent heartbeat for {age}s: the agent is down or hung; the datapath keeps its last state but nothing updates it"),
    };
    Check::new(name, level, msg, ev)
}

/// Check datapath programs on the KPR devices.
pub fn check_devices(devices: &[String], source: &str, xdp_expected: bool) -> Check {
    let name = "datapath programs on devices";
    if devices.is_empty() {
        return Check::new(
            name,
            Level::Warn,
            "no KPR devices known (agent not reachable; pass --devices)",
            vec![],
        );
    }
    let mut evidence = vec![format!("devices from {source}: {}", devices.join(", "))];
    let mut level = Level::Ok;
    for d in devices {
        match hooks::device_hooks(d) {
            Err(e) => {
                level = Level::Fail;
                evidence.push(format!("{d}: {e}"));
            }
            Ok(DeviceHooks { programs, .. }) => {
                let has = |dir: &str| programs.iter().any(|p| p.hook.ends_with(dir) && p.hook != "xdp");
                let list: Vec<String> = programs.iter().map(|p| format!("{} {}", p.hook, p.name)).collect();
                let xdp = programs.iter().any(|p| p.hook == "xdp");
                if !has("ingress") || !has("egress") {
                    level = level.max(Level::Fail);
                    evidence.push(format!(
                        "{d}: missing {} program: {}",
                        if has("ingress") { "egress" } else { "ingress" },
                        if list.is_empty() {
                            "nothing attached".into()
                        } else {
                            list.join(", ")
                        }
                    ));
                } else {
                    evidence.push(format!("{d}: {}", list.join(", ")));
                }
                if xdp_expected && !xdp {
                    level = level.max(Level::Fail);
                    evidence.push(format!(
                        "{d}: XDP acceleration is on in the agent but no XDP program is attached"
                    ));
                }
            }
        }
    }
    let summary = match level {
        Level::Ok => "tc/tcx programs attached in both directions on every KPR device",
        _ => "some KPR devices lack datapath programs: NodePort/LoadBalancer traffic there bypasses Cilium",
    };
    Check::new(name, level, summary, evidence)
}

/// Check socket-LB programs on the cgroup root.
pub fn check_socket_lb(cgroup: Option<&std::path::Path>, agent_says_enabled: Option<bool>) -> Check {
    let name = "socket LB hooks";
    if agent_says_enabled == Some(false) {
        return Check::new(
            name,
            Level::Ok,
            "socket LB is disabled in the agent: nothing to check",
            vec![],
        );
    }
    let Some(cg) = cgroup else {
        return Check::new(name, Level::Warn, "no cgroup2 root found (pass --cgroup-root)", vec![]);
    };
    match hooks::cgroup_hooks(cg) {
        Err(e) => Check::new(name, Level::Warn, format!("cannot query {}: {e}", cg.display()), vec![]),
        Ok(progs) => {
            let need = ["connect4", "sendmsg4", "recvmsg4", "getpeername4"];
            let missing: Vec<&str> = need
                .iter()
                .copied()
                .filter(|h| !progs.iter().any(|p| p.hook == *h))
                .collect();
            let mut evidence = vec![format!("cgroup {}", cg.display())];
            evidence.extend(progs.iter().map(|p| format!("{} {}", p.hook, p.name)));
            if missing.is_empty() {
                Check::new(
                    name,
                    Level::Ok,
                    format!("{} socket-LB programs attached", progs.len()),
                    evidence,
                )
            } else {
                evidence.push(format!("missing: {}", missing.join(", ")));
                Check::new(
                    name,
                    Level::Fail,
                    "socket-LB programs are missing: ClusterIP traffic from pods and the host is not translated at connect()",
                    evidence,
                )
            }
        }
    }
}

/// The human report.
pub fn write_table(w: &mut dyn std::io::Write, r: &Report) -> std::io::Result<()> {
    for c in &r.checks {
        writeln!(w, "[{:<4}] {}: {}", c.level.as_str(), c.check, c.summary)?;
        for e in &c.evidence {
            writeln!(w, "         {e}")?;
        }
    }
    let verdict = match r.result {
        Level::Ok => "OK: kube-proxy replacement is in force on this node",
        Level::Warn => "WARN: kube-proxy replacement works, with warnings",
        Level::Fail => "FAIL: kube-proxy replacement is broken on this node",
    };
    writeln!(w, "\n{verdict}")
}

/// The agent heartbeat from `cilium_runtime_config` (index 1, AgentLiveness).
pub fn heartbeat_from_maps(root: &crate::maps::BpfRoot) -> Check {
    use crate::maps::runtime_config;
    match runtime_config::agent_liveness(root) {
        Err(e) => Check::new(
            "agent heartbeat",
            Level::Warn,
            "cannot read the heartbeat",
            vec![e.to_string()],
        ),
        Ok(l) => check_heartbeat(l, crate::clock::monotonic_ns(), "cilium_runtime_config[1]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_found() {
        let save = "*nat\n:PREROUTING ACCEPT [0:0]\n:KUBE-SERVICES - [0:0]\n:KUBE-SVC-TCOU7JCQXEZGVUNU - [0:0]\n:CILIUM_POST_nat - [0:0]\n-A PREROUTING -j KUBE-SERVICES\nCOMMIT\n";
        assert_eq!(
            kube_proxy_leftovers(save),
            vec!["KUBE-SERVICES", "KUBE-SVC-TCOU7JCQXEZGVUNU"]
        );
        let c = check_iptables(&[
            ("iptables-save".into(), Some(save.into())),
            ("ip6tables-save".into(), None),
        ]);
        assert_eq!(c.level, Level::Fail);
        let c = check_iptables(&[("iptables-save".into(), Some("*filter\nCOMMIT\n".into()))]);
        assert_eq!(c.level, Level::Ok);
        let c = check_iptables(&[("iptables-save".into(), None)]);
        assert_eq!(c.level, Level::Warn);
    }

    #[test]
    fn heartbeat_ages() {
        let s = 1_000_000_000u64;
        assert_eq!(check_heartbeat(Some(100 * s), 110 * s, "m").level, Level::Ok);
        assert_eq!(check_heartbeat(Some(100 * s), 400 * s, "m").level, Level::Warn);
        assert_eq!(check_heartbeat(Some(100 * s), 1000 * s, "m").level, Level::Fail);
        assert_eq!(check_heartbeat(None, 1000 * s, "m").level, Level::Warn);
    }
}
