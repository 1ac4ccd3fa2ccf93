//! Datapath hooks and kernel: `kpr check`'s device and socket-LB checks (fed by the agent's
//! status) and `preflight kernel`'s verdict, as doctor findings.

use std::path::PathBuf;

use serde_json::Value;

use super::{Finding, Gathered, Level};
use crate::checks::{kernel, kpr, Check};

/// Where the hooks and kernel checks look (flags of `doctor`, as in `kpr check` and
/// `preflight kernel`).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub devices: Vec<String>,
    pub cgroup_root: Option<PathBuf>,
    pub netns: Option<PathBuf>,
    pub kernel_config: Option<PathBuf>,
    pub modules: Option<PathBuf>,
}

fn from_check(c: Check) -> Finding {
    let mut f = Finding::new(&c.check, c.level, c.summary).evidence(c.evidence);
    if c.level == Level::Fail {
        f = f.next(&["cdbg kpr check"]);
    }
    f
}

fn agent_devices(k: &Value) -> Vec<String> {
    if let Some(list) = k.get("deviceList").and_then(Value::as_array) {
        return list
            .iter()
            .filter_map(|d| d.get("name").and_then(Value::as_str).map(String::from))
            .collect();
    }
    k.get("devices")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|d| d.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

pub fn hooks(g: &Gathered, i: &Inputs) -> Vec<Finding> {
    let kpr_status = g.agent.status.as_ref().and_then(|s| s.get("kube-proxy-replacement"));
    if let Some(ns) = &i.netns {
        if let Err(e) = crate::checks::hooks::enter_netns(ns) {
            return vec![Finding::new(
                "datapath programs on devices",
                Level::Warn,
                format!(
                    "cannot enter the network namespace {}: {e} (needs root / CAP_SYS_ADMIN)",
                    ns.display()
                ),
            )];
        }
    }
    let (devices, source) = if !i.devices.is_empty() {
        (i.devices.clone(), "--devices")
    } else if let Some(k) = kpr_status {
        (agent_devices(k), "the agent's status")
    } else {
        (Vec::new(), "")
    };
    let xdp = kpr_status
        .and_then(|k| k.pointer("/features/nodePort/acceleration"))
        .and_then(Value::as_str)
        .is_some_and(|s| s != "None" && s != "Disabled");
    let mut out = vec![from_check(kpr::check_devices(&devices, source, xdp))];
    let socket_lb = kpr_status
        .and_then(|k| k.pointer("/features/socketLB/enabled"))
        .and_then(Value::as_bool);
    let cg = i.cgroup_root.clone().or_else(|| {
        let cilium = std::path::Path::new("/run/cilium/cgroupv2");
        if cilium.exists() {
            Some(cilium.into())
        } else {
            crate::bpf::fs::cgroup2_mount()
        }
    });
    out.push(from_check(kpr::check_socket_lb(cg.as_deref(), socket_lb)));
    out
}

pub fn kernel(i: &Inputs) -> Finding {
    let name = "kernel requirements";
    let mut src = kernel::Sources::live();
    if let Some(p) = &i.kernel_config {
        match kernel::read_config(p) {
            Some(c) => src.config = Some(c),
            None => {
                return Finding::new(
                    name,
                    Level::Warn,
                    format!("cannot read the kernel config {}", p.display()),
                )
            }
        }
    }
    if let Some(p) = &i.modules {
        if let Ok(s) = std::fs::read_to_string(p) {
            src.loaded = kernel::parse_modules(&s);
        }
    }
    let r = kernel::check(&src);
    let mut ev = vec![format!("kernel {} ({}): {}", r.release, r.arch, r.release_note)];
    match &r.config_source {
        Some(p) => ev.push(format!("config from {}", p.display())),
        None => ev.push("no kernel config found (pass --kernel-config)".into()),
    }
    for grp in r.groups.iter().filter(|g| g.level > Level::Ok) {
        let bad: Vec<String> = grp
            .options
            .iter()
            .filter(|o| o.level > Level::Ok)
            .map(|o| format!("{} {}", o.option, o.state))
            .collect();
        ev.push(format!("{} ({}): {}", grp.group, grp.level.as_str(), bad.join(", ")));
    }
    let summary = match r.result {
        Level::Ok => "the kernel meets Cilium's requirements".to_string(),
        Level::Warn => {
            "the kernel meets the base requirements; some options are unknown or optional ones absent".to_string()
        }
        Level::Fail => "the kernel lacks what Cilium needs".to_string(),
    };
    let mut f = Finding::new(name, r.result, summary).evidence(ev);
    if r.result == Level::Fail {
        f = f.next(&["cdbg preflight kernel"]);
    }
    f
}
