//! `doctor`: node triage in one command; every check names its offender (cdbg).

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use clap::Args as ClapArgs;

use crate::cli::kpr::HookArgs;
use crate::cli::Ctx;
use crate::doctor::{self, gather, hooks, Options, Thresholds};
use crate::output::{render_verdict, Doc, Listing, OutputArgs};

/// Run every check the node supports, read-only, and name what is wrong.
///
/// Checks (names for --only): pressure (every map's fill; who holds CT, NAT, policy and LB
/// space), nat (NAT entries without conntrack, ports per destination, SNAT retries), conntrack
/// (expired-but-present, SYN-only, closing entries), lb (LB maps consistent), drift (agent vs
/// datapath: services, endpoints, identities), heartbeat (datapath heartbeat vs a live agent),
/// hooks (datapath programs on devices, socket-LB hooks), kernel (preflight kernel), drops (top
/// drop reasons; a rate with --interval). Each map is read at most once. Without the agent the
/// agent checks say so. Exit status: 0 all OK, 1 warnings, 2 failures.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Run only these checks
    #[arg(long, value_delimiter = ',', value_name = "CHECK,...", value_parser = doctor::parse_only)]
    pub only: Vec<String>,
    /// Map fill (percent) from which a map WARNs
    #[arg(long, default_value_t = 80.0, value_parser = crate::checks::pressure::parse_percent, value_name = "PERCENT")]
    pub warn_fill: f64,
    /// Map fill (percent) from which a map FAILs
    #[arg(long, default_value_t = 95.0, value_parser = crate::checks::pressure::parse_percent, value_name = "PERCENT")]
    pub fail_fill: f64,
    /// SYN-only conntrack entries at least this old (seconds) count as failed connections
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub syn_age: u64,
    /// Expired-but-present conntrack entries WARN from this share of the entries (percent)
    #[arg(long, default_value_t = 10.0, value_parser = crate::checks::pressure::parse_percent, value_name = "PERCENT")]
    pub expired: f64,
    /// NAT entries without conntrack WARN from this many
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub nat_orphans: u64,
    /// SNAT port range the ports per destination are measured against
    #[arg(long, default_value = "1024-65535", value_parser = parse_range, value_name = "MIN-MAX")]
    pub nat_port_range: (u16, u16),
    /// Read cilium_metrics twice this far apart and report drop rates
    #[arg(long, value_parser = crate::gotime::positive_duration, value_name = "DURATION")]
    pub interval: Option<Duration>,
    /// Drop rate (packets/s, with --interval) from which drops WARN
    #[arg(long, default_value_t = 10.0, value_name = "RATE")]
    pub drop_rate: f64,
    /// Offenders to name per check
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub top: usize,
    /// KPR devices to check (default: the agent's list)
    #[arg(long, value_delimiter = ',', value_name = "DEV,...")]
    pub devices: Vec<String>,
    #[command(flatten)]
    pub hooks: HookArgs,
    /// Read the kernel config from FILE instead of /proc/config.gz or /boot/config-<release>
    #[arg(long, value_name = "FILE")]
    pub kernel_config: Option<PathBuf>,
    /// Read loaded modules from FILE (in /proc/modules format) instead of /proc/modules
    #[arg(long, value_name = "FILE")]
    pub modules: Option<PathBuf>,
    /// Timeout for each agent request (default 5s, or CDBG_API_TIMEOUT)
    #[arg(long, value_parser = crate::gotime::positive_duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_range(s: &str) -> Result<(u16, u16), String> {
    let bad = || format!("{s:?} is not a port range: give MIN-MAX, e.g. 1024-65535");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let (a, b): (u16, u16) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if a > b {
        return Err(bad());
    }
    Ok((a, b))
}

pub fn run(ctx: &Ctx, a: Args, out: &mut dyn Write) -> Result<()> {
    if a.warn_fill > a.fail_fill {
        anyhow::bail!(
            "--warn-fill {} is above --fail-fill {}: the warning level must not exceed the failure level",
            a.warn_fill,
            a.fail_fill
        );
    }
    let opts = Options {
        only: a.only.clone(),
        thresholds: Thresholds {
            warn_fill: a.warn_fill,
            fail_fill: a.fail_fill,
            syn_age_secs: a.syn_age,
            expired_percent: a.expired,
            nat_orphans: a.nat_orphans,
            nat_ports: a.nat_port_range,
            drop_rate: a.drop_rate,
            top: a.top.max(1),
        },
        interval: a.interval,
        hooks: hooks::Inputs {
            devices: a.devices.clone(),
            cgroup_root: a.hooks.cgroup_root.clone(),
            netns: a.hooks.netns.clone(),
            kernel_config: a.kernel_config.clone(),
            modules: a.modules.clone(),
        },
        host: ctx.host.clone(),
        state_dir: ctx.state_dir.clone(),
    };
    let client = crate::agent::Client::for_commands_or(ctx.host.as_deref(), Duration::from_secs(5))?;
    let client = match a.timeout {
        Some(t) => client.with_timeout(t),
        None => client,
    };
    let g = gather::gather(&ctx.bpf, Some(&client), gather::Needs::for_options(&opts), &opts)?;
    let report = doctor::run(&g, &opts);
    let shown = Listing::new(
        |w: &mut dyn Write| Ok(doctor::write_text(w, &report)?),
        || Ok(Doc::value(&report)),
        || report.checks.iter(),
    );
    render_verdict(out, &a.output.output, &shown, report.result.exit_code())
}
