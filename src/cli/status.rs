//! `status`: the agent's health summary (cilium-dbg/cmd/status.go; the text comes from
//! `agent::render::{status,health}`), and `--from-maps`: what the pinned maps alone say when the
//! agent does not answer.

use std::fmt::Write as _;
use std::io::Write;
use std::time::Duration;

use anyhow::Result;
use clap::Args as ClapArgs;

use crate::agent::models::{HealthStatusResponse, StatusResponse};
use crate::agent::render::health::{format_health, format_modules_health};
use crate::agent::render::status::{
    format_brief, format_status_for, is_unhealthy, write_tabbed, Details, Extras, HEALTH_EP_CONTROLLER,
};
use crate::agent::{AgentError, Client};
use crate::cli::{Ctx, Exit};
use crate::maps::Version;
use crate::output::{render, table::tabwriter, OutputArgs, TableOnly};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Show all allocated addresses, not just count
    #[arg(long)]
    pub all_addresses: bool,
    /// Show all controllers, not just failing
    #[arg(long)]
    pub all_controllers: bool,
    /// Show all nodes, not just localhost
    #[arg(long)]
    pub all_nodes: bool,
    /// Show all redirects
    #[arg(long)]
    pub all_redirects: bool,
    /// Show all clusters
    #[arg(long)]
    pub all_clusters: bool,
    /// Show all health status, not just failing
    #[arg(long)]
    pub all_health: bool,
    /// Only print a one-line status message
    #[arg(long)]
    pub brief: bool,
    /// Equivalent to --all-addresses --all-controllers --all-nodes --all-redirects --all-clusters --all-health
    #[arg(long)]
    pub verbose: bool,
    /// Sets the timeout to use when querying for health (default 30s, or CDBG_API_TIMEOUT)
    #[arg(long, value_parser = crate::gotime::positive_duration, value_name = "duration")]
    pub timeout: Option<Duration>,
    /// Don't ask the agent: summarise what the pinned BPF maps say (cdbg)
    #[arg(long)]
    pub from_maps: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if args.from_maps {
        return from_maps_rendered(ctx, &args.output.output, out);
    }
    // An explicit --timeout wins over CDBG_API_TIMEOUT, which wins over the 30s default.
    let client = Client::for_commands(ctx.host.as_deref())?;
    let client = match args.timeout {
        Some(t) => client.with_timeout(t),
        None => client,
    };
    let brief = if args.brief { "true" } else { "false" };
    let raw = match client.get_raw_with("/healthz", &[("brief", brief), ("require-k8s-connectivity", "true")]) {
        Ok(r) => r,
        Err(e) => return unreachable_or_error(ctx, &args, e, out),
    };
    // The agent answers; say on stderr when it no longer programs the datapath.
    if let Some(w) = crate::checks::heartbeat::stale_warning(&ctx.bpf) {
        crate::output::notes::line(format_args!("{w}"));
    }
    let status = crate::agent::output::answer_as(
        &raw,
        crate::agent::output::Model::new(crate::maps::Version::detect(&ctx.bpf), "StatusResponse"),
        |w| print_status(ctx, &client, &args, &raw, w),
    );
    render(out, &args.output.output, &status)
}

/// The node's Cilium release: from the pinned maps when there are any, else from the agent's
/// version string (`cilium.msg`, e.g. `1.16.12 (v1.16.12-…)`), else 1.17.
pub fn node_version(root: &crate::maps::BpfRoot, sr: &StatusResponse) -> Version {
    let pinned = root
        .pinned_names()
        .is_ok_and(|n| n.iter().any(|n| n.starts_with("cilium_")));
    if pinned {
        return Version::detect(root);
    }
    let msg = sr.cilium.as_ref().map(|c| c.msg.as_str()).unwrap_or("");
    if msg.starts_with("1.16.") {
        Version::V1_16
    } else if msg.starts_with("1.18.") {
        Version::V1_18
    } else {
        Version::V1_17
    }
}

/// The agent's status as cilium-dbg prints it; exit 1 when it is unhealthy.
fn print_status(ctx: &Ctx, client: &Client, args: &Args, raw: &[u8], out: &mut dyn Write) -> Result<()> {
    let sr: StatusResponse = client.decode("/healthz", 200, raw)?;
    let v = node_version(&ctx.bpf, &sr);
    if args.brief {
        out.write_all(crate::output::sanitize::text(&format_brief(&sr)).as_bytes())?;
        if is_unhealthy(&sr) {
            return Err(Exit(1).into());
        }
        return Ok(());
    }
    let (details, all_health) = if args.verbose {
        (Details::ALL, true)
    } else {
        (
            Details {
                all_addresses: args.all_addresses,
                all_controllers: args.all_controllers,
                all_nodes: args.all_nodes,
                all_redirects: args.all_redirects,
                all_clusters: args.all_clusters,
                ..Details::default()
            },
            args.all_health,
        )
    };
    let now = crate::clock::unix_now_ns();
    let mut text = format_status_for(&sr, details, now, v, &Extras::from_raw(raw));
    if is_unhealthy(&sr) {
        write_tabbed(out, &text)?;
        return Err(Exit(1).into());
    }
    let health_enabled = sr.controllers.iter().flatten().any(|c| c.name == HEALTH_EP_CONTROLLER);
    if health_enabled {
        // cilium-dbg reads the module health table first and gives up when it cannot.
        let modules = crate::agent::statedb::health(client)
            .map_err(|e| anyhow::anyhow!("Failed while streaming remote health data table: {e:#}"))?;
        let max_lines = if all_health { 0 } else { 10 };
        // 1.16 prints every node with --verbose/--all-health; 1.17/1.18 with --all-nodes or
        // --verbose. The per-path form is --verbose alone (1.16 has none).
        let (all_nodes, verbose) = match v {
            Version::V1_16 => (all_health, false),
            _ => (args.all_nodes || args.verbose, args.verbose),
        };
        match client.health().get_json::<HealthStatusResponse>("/status") {
            Ok(h) => text.push_str(&format_health(&h, v, all_nodes, verbose, max_lines)),
            Err(_) => text.push_str("Cluster health:\t\t\tWarning\tcilium-health daemon unreachable\n"),
        }
        // Ages are taken at print time, after the query (as `time.Since` does).
        let now = crate::clock::unix_now_ns();
        text.push_str(&format_modules_health(&modules, v, all_health, now));
    } else {
        text.push_str("Cluster health:\t\tProbe disabled\n");
    }
    Ok(write_tabbed(out, &text)?)
}

/// Agent unreachable: one line naming the socket and the cause, then the maps' view; exit 1.
fn unreachable_or_error(ctx: &Ctx, args: &Args, e: AgentError, out: &mut dyn Write) -> Result<()> {
    if !e.is_unreachable() {
        return Err(e.into());
    }
    if args.brief {
        crate::output::notes::line(format_args!("cilium: daemon unreachable"));
        return Err(Exit(1).into());
    }
    crate::output::notes::error(format_args!("{}", crate::output::sanitize::text(&e.to_string())));
    // The maps' view is text only: with -o the document is missing, and nothing is printed.
    let fallback = TableOnly(|w: &mut dyn Write| {
        crate::output::notes::line(format_args!(
            "Showing what the pinned BPF maps say instead (status --from-maps):"
        ));
        if let Err(me) = from_maps(ctx, w) {
            crate::output::notes::error(format_args!("cannot read the pinned maps either: {me:#}"));
        }
        Ok(())
    });
    render(out, &args.output.output, &fallback)?;
    Err(Exit(1).into())
}

// ---------------------------------------------------------------------------------------------
// --from-maps

/// What the pinned maps alone say about the datapath (`status --from-maps`, also `-o json`).
#[derive(Debug, serde::Serialize)]
pub struct MapsView {
    pub globals: String,
    /// Service frontends (master slots); `None` when no LB service map is pinned.
    pub frontends: Option<u64>,
    pub backends: u64,
    /// Entries in `cilium_lxc`; `None` when it is absent.
    pub endpoints: Option<u64>,
    pub conntrack: Vec<MapFill>,
    pub nat: Vec<MapFill>,
    pub heartbeat: String,
}

/// One map's fill level.
#[derive(Debug, serde::Serialize)]
pub struct MapFill {
    pub map: &'static str,
    pub entries: u64,
    pub max_entries: u32,
    pub fill_percent: f64,
}

impl MapsView {
    /// Read the maps (one open path: a bad root or an unreadable pin is an error).
    pub fn read(root: &crate::maps::BpfRoot) -> Result<MapsView> {
        root.check()?;
        let mut frontends = None;
        for (name, slot_off) in [("cilium_lb4_services_v2", 6usize), ("cilium_lb6_services_v2", 18)] {
            if let Some(n) = count_masters(root, name, slot_off)? {
                *frontends.get_or_insert(0) += n;
            }
        }
        let mut backends = 0;
        for name in ["cilium_lb4_backends_v3", "cilium_lb6_backends_v3"] {
            if let Some((n, _)) = count(root, name)? {
                backends += n;
            }
        }
        let fills = |names: &[&'static str]| -> Result<Vec<MapFill>> {
            let mut v = Vec::new();
            for &map in names {
                if let Some((entries, max_entries)) = count(root, map)? {
                    let fill_percent = if max_entries > 0 {
                        entries as f64 * 100.0 / f64::from(max_entries)
                    } else {
                        0.0
                    };
                    v.push(MapFill {
                        map,
                        entries,
                        max_entries,
                        fill_percent,
                    });
                }
            }
            Ok(v)
        };
        Ok(MapsView {
            globals: root.globals().display().to_string(),
            frontends,
            backends,
            endpoints: count(root, "cilium_lxc")?.map(|(n, _)| n),
            conntrack: fills(&[
                "cilium_ct4_global",
                "cilium_ct_any4_global",
                "cilium_ct6_global",
                "cilium_ct_any6_global",
            ])?,
            nat: fills(&["cilium_snat_v4_external", "cilium_snat_v6_external"])?,
            heartbeat: crate::checks::heartbeat::summary(root),
        })
    }

    /// The text summary.
    pub fn write_table(&self, out: &mut dyn Write) -> Result<()> {
        let mut t = String::new();
        let _ = writeln!(t, "Datapath (from pinned maps in {}):", self.globals);
        match self.frontends {
            None => {
                t.push_str("Services:\tno service maps (cilium_lb4_services_v2 absent: kube-proxy replacement off?)\n")
            }
            Some(f) => {
                let _ = writeln!(t, "Services:\t{f} frontends, {} backends", self.backends);
            }
        }
        match self.endpoints {
            Some(n) => {
                let _ = writeln!(t, "Endpoints:\t{n} entries in cilium_lxc (endpoint and host IPs)");
            }
            None => t.push_str("Endpoints:\tcilium_lxc absent\n"),
        }
        for (label, fills) in [("Conntrack:", &self.conntrack), ("NAT:", &self.nat)] {
            if fills.is_empty() {
                let _ = writeln!(t, "{label}\tno maps");
            }
            for (i, f) in fills.iter().enumerate() {
                let _ = writeln!(
                    t,
                    "{}\t{}\t{}/{} ({:.1}%)",
                    if i == 0 { label } else { "" },
                    f.map,
                    f.entries,
                    f.max_entries,
                    f.fill_percent
                );
            }
        }
        let _ = writeln!(t, "Agent heartbeat:\t{}", self.heartbeat);
        let mut tw = tabwriter(&mut *out, 2, 3);
        tw.write_all(crate::output::sanitize::text(&t).as_bytes())?;
        tw.flush()?;
        Ok(())
    }
}

/// Summarise the datapath from the pinned maps alone, in any `-o` format.
fn from_maps_rendered(ctx: &Ctx, format: &crate::output::Format, out: &mut dyn Write) -> Result<()> {
    let view = MapsView::read(&ctx.bpf)?;
    let r = crate::output::Parts::new(
        |w: &mut dyn Write| view.write_table(w),
        || Ok(crate::output::Doc::value(&view)),
    );
    render(out, format, &r)
}

/// Summarise the datapath from the pinned maps alone (text).
pub fn from_maps(ctx: &Ctx, out: &mut dyn Write) -> Result<()> {
    MapsView::read(&ctx.bpf)?.write_table(out)
}

/// A pinned map by name, through the one open path: `None` when absent, an error when the pin
/// cannot be opened (permissions, not a pin).
fn open(root: &crate::maps::BpfRoot, name: &str) -> Result<Option<crate::bpf::Map>> {
    Ok(root.open_pin(name, crate::maps::Access::Read)?)
}

/// (entries, max_entries) of a pinned map.
fn count(root: &crate::maps::BpfRoot, name: &str) -> Result<Option<(u64, u32)>> {
    let Some(m) = open(root, name)? else {
        return Ok(None);
    };
    let max = m.info().max_entries;
    let s = crate::bpf::dump::count(&m)?;
    Ok(Some((s.entries, max)))
}

/// Service master entries (backend_slot == 0) of an LB services map.
fn count_masters(root: &crate::maps::BpfRoot, name: &str, slot_off: usize) -> Result<Option<u64>> {
    let Some(m) = open(root, name)? else {
        return Ok(None);
    };
    if (m.info().key_size as usize) < slot_off + 2 {
        return Ok(None);
    }
    let mut n = 0u64;
    crate::bpf::dump(&m, &crate::bpf::DumpOptions::default(), |k: &[u8], _v: &[u8]| {
        if u16::from_ne_bytes([k[slot_off], k[slot_off + 1]]) == 0 {
            n += 1;
        }
        Ok::<(), crate::bpf::BpfError>(())
    })?;
    Ok(Some(n))
}
