//! `kpr check`: verify kube-proxy replacement on this node (cdbg).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::checks::{kpr, Check, Level, Report};
use crate::cli::Ctx;
use crate::output::{render_verdict, Doc, OutputArgs, Parts};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Verify kube-proxy replacement on this node.
    ///
    /// Checks, each with OK/WARN/FAIL and its evidence: no kube-proxy chains left in iptables,
    /// the LB maps are consistent (every slot's backend exists, no orphan backends, rev-NAT
    /// entries present, slot counts match), the agent's heartbeat is fresh, tc/tcx (and XDP when
    /// accelerated) programs are attached on the KPR devices, socket-LB programs are attached to
    /// the cgroup root, and — when the agent answers — that its status agrees with the kernel.
    /// Exit status: 0 all OK, 1 warnings, 2 failures.
    Check(CheckArgs),
}

/// Where the socket-LB and device hooks are looked for: `kpr check` and `doctor`.
#[derive(Debug, Clone, Args)]
pub struct HookArgs {
    /// cgroup2 directory Cilium attaches socket LB to (default /run/cilium/cgroupv2, else the cgroup2 mount)
    #[arg(long, env = "CDBG_CGROUP_ROOT", value_name = "DIR")]
    pub cgroup_root: Option<PathBuf>,
    /// Network namespace to inspect devices in (an nsfs file such as /var/run/netns/NAME)
    #[arg(long, env = "CDBG_NETNS", value_name = "FILE")]
    pub netns: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// KPR devices to check (default: the agent's list; without an agent, every non-pod device)
    #[arg(long, value_delimiter = ',', value_name = "DEV,...")]
    pub devices: Vec<String>,
    #[command(flatten)]
    pub hooks: HookArgs,
    /// Read iptables rules from FILE (iptables-save format) instead of running iptables-save/ip6tables-save
    #[arg(long, value_name = "FILE")]
    pub iptables_save: Vec<PathBuf>,
    /// Timeout for the agent status request (default 5s, or CDBG_API_TIMEOUT)
    #[arg(long, value_parser = crate::gotime::positive_duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::Check(a) = cmd;
    let report = check(ctx, &a)?;
    let shown = Parts::new(
        |w: &mut dyn Write| Ok(kpr::write_table(w, &report)?),
        || Ok(Doc::value(&report)),
    );
    render_verdict(out, &a.output.output, &shown, report.result.exit_code())
}

fn check(ctx: &Ctx, a: &CheckArgs) -> Result<Report> {
    // Files named on the command line must be readable: a typo is an error, not a skipped check.
    let iptables = iptables_dumps(&a.iptables_save)?;
    // The LB and heartbeat checks read the maps: a bad --bpf-root is an error, not a WARN.
    ctx.bpf.check()?;
    // The agent's view first (a unix socket is reachable from any network namespace).
    let client = crate::agent::Client::for_commands_or(ctx.host.as_deref(), Duration::from_secs(5))?;
    let client = match a.timeout {
        Some(t) => client.with_timeout(t),
        None => client,
    };
    let status: Result<serde_json::Value, _> = client.get_json("/healthz");
    if let Some(ns) = &a.hooks.netns {
        crate::checks::hooks::enter_netns(ns).map_err(|e| {
            anyhow::anyhow!(
                "cannot enter the network namespace {}: {e} (needs root / CAP_SYS_ADMIN)",
                ns.display()
            )
        })?;
    }
    let kpr_status = status
        .as_ref()
        .ok()
        .and_then(|s| s.get("kube-proxy-replacement").cloned());
    let mut checks = vec![kpr::check_iptables(&iptables)];
    checks.push(lb_check(ctx));
    checks.push(heartbeat_check(ctx));

    let (devices, source) = if !a.devices.is_empty() {
        (a.devices.clone(), "--devices".to_string())
    } else if let Some(k) = &kpr_status {
        (agent_devices(k), "the agent's status".to_string())
    } else {
        (
            local_devices(),
            "this node's interfaces (agent not reachable)".to_string(),
        )
    };
    let xdp = kpr_status
        .as_ref()
        .and_then(|k| k.pointer("/features/nodePort/acceleration"))
        .and_then(|v| v.as_str())
        .is_some_and(|s| s != "None" && s != "Disabled");
    checks.push(kpr::check_devices(&devices, &source, xdp));
    let socket_lb = kpr_status
        .as_ref()
        .and_then(|k| k.pointer("/features/socketLB/enabled"))
        .and_then(|v| v.as_bool());
    let cg = a.hooks.cgroup_root.clone().or_else(default_cgroup_root);
    let sock = kpr::check_socket_lb(cg.as_deref(), socket_lb);
    checks.push(agreement(&status, kpr_status.as_ref(), &checks, &sock));
    checks.insert(checks.len() - 1, sock);
    Ok(Report::new(checks))
}

/// `iptables-save` and `ip6tables-save` output, or the files given (which must be readable).
fn iptables_dumps(files: &[PathBuf]) -> Result<Vec<(String, Option<String>)>> {
    if !files.is_empty() {
        return files
            .iter()
            .map(|f| {
                let text = std::fs::read_to_string(f).map_err(|e| {
                    anyhow::anyhow!(
                        "cannot read --iptables-save file {}: {e} (give a file written by iptables-save, or leave out --iptables-save to run iptables-save on this node)",
                        f.display()
                    )
                })?;
                Ok((f.display().to_string(), Some(text)))
            })
            .collect();
    }
    Ok(["iptables-save", "ip6tables-save"]
        .iter()
        .map(|cmd| {
            let text = std::process::Command::new(cmd)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
            (cmd.to_string(), text)
        })
        .collect())
}

fn agent_devices(k: &serde_json::Value) -> Vec<String> {
    if let Some(list) = k.get("deviceList").and_then(|v| v.as_array()) {
        return list
            .iter()
            .filter_map(|d| d.get("name").and_then(|n| n.as_str()).map(String::from))
            .collect();
    }
    k.get("devices")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|d| d.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

/// Every interface of the current network namespace that is not loopback, a pod veth or one
/// of Cilium's own.
fn local_devices() -> Vec<String> {
    let mut out = Vec::new();
    // SAFETY: if_nameindex returns an array terminated by a zero entry; freed below.
    unsafe {
        let list = libc::if_nameindex();
        if list.is_null() {
            return out;
        }
        let mut p = list;
        while (*p).if_index != 0 {
            let n = std::ffi::CStr::from_ptr((*p).if_name).to_string_lossy().to_string();
            if !(n == "lo" || n.starts_with("lxc") || n.starts_with("cilium_") || n.ends_with("-peer")) {
                out.push(n);
            }
            p = p.add(1);
        }
        libc::if_freenameindex(list);
    }
    out.sort();
    out
}

fn default_cgroup_root() -> Option<PathBuf> {
    let cilium = Path::new("/run/cilium/cgroupv2");
    if cilium.exists() {
        return Some(cilium.into());
    }
    crate::bpf::fs::cgroup2_mount()
}

fn lb_check(ctx: &Ctx) -> Check {
    crate::checks::lbcheck::check_maps(&ctx.bpf)
}

fn heartbeat_check(ctx: &Ctx) -> Check {
    crate::checks::kpr::heartbeat_from_maps(&ctx.bpf)
}

/// Does the agent's status agree with what the kernel shows?
fn agreement(
    status: &Result<serde_json::Value, crate::agent::AgentError>,
    kpr_status: Option<&serde_json::Value>,
    checks: &[Check],
    sock: &Check,
) -> Check {
    let name = "agent status agrees with the kernel";
    let st = match status {
        Err(e) => {
            return Check::new(
                name,
                Level::Warn,
                "the agent did not answer: only the kernel's side was checked",
                vec![e.to_string()],
            )
        }
        Ok(s) => s,
    };
    let Some(k) = kpr_status else {
        return Check::new(
            name,
            Level::Warn,
            "the agent's status has no kube-proxy-replacement section",
            vec![],
        );
    };
    let mode = k.get("mode").and_then(|v| v.as_str()).unwrap_or("");
    let mut evidence = vec![format!("agent: KubeProxyReplacement {mode}")];
    if let Some(v) = st.pointer("/cilium/msg").and_then(|v| v.as_str()) {
        evidence.push(format!("agent: {v}"));
    }
    if mode != "True" && mode != "Strict" {
        return Check::new(
            name,
            Level::Fail,
            "the agent runs without kube-proxy replacement",
            evidence,
        );
    }
    let devices_ok = checks
        .iter()
        .find(|c| c.check == "datapath programs on devices")
        .is_some_and(|c| c.level == Level::Ok);
    let sock_ok = sock.level == Level::Ok;
    let socket_lb = k
        .pointer("/features/socketLB/enabled")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    evidence.push(format!(
        "agent: socket LB {}",
        if socket_lb { "enabled" } else { "disabled" }
    ));
    if devices_ok && (sock_ok || !socket_lb) {
        Check::new(name, Level::Ok, "the kernel shows what the agent reports", evidence)
    } else {
        Check::new(
            name,
            Level::Fail,
            "the agent reports kube-proxy replacement, but the kernel lacks programs it needs (see above)",
            evidence,
        )
    }
}
