//! `status`: the agent's health summary (cilium-dbg/cmd/status.go + pkg/client
//! `FormatStatusResponse`, pkg/health/client `FormatHealthStatusResponse`), and `--from-maps`:
//! what the pinned maps alone say when the agent does not answer.

use std::fmt::Write as _;
use std::io::Write;
use std::time::Duration;

use anyhow::Result;
use clap::Args as ClapArgs;

use crate::agent::models::{self, status::*, HealthStatusResponse, StatusResponse};
use crate::agent::{AgentError, Client};
use crate::cli::{Ctx, Exit};
use crate::output::{table::tabwriter, OutputArgs};

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
    #[arg(long, value_parser = parse_timeout, value_name = "duration")]
    pub timeout: Option<Duration>,
    /// Don't ask the agent: summarise what the pinned BPF maps say (cdbg)
    #[arg(long)]
    pub from_maps: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_timeout(s: &str) -> Result<Duration, String> {
    match models::parse_go_duration(s) {
        Some(ns) if ns > 0 => Ok(Duration::from_nanos(ns as u64)),
        _ => Err(format!("invalid duration {s:?} (use e.g. 30s, 500ms, 1m)")),
    }
}

/// Which optional parts `FormatStatusResponse` prints (pkg/client `StatusDetails`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Details {
    pub all_addresses: bool,
    pub all_controllers: bool,
    pub all_nodes: bool,
    pub all_redirects: bool,
    pub all_clusters: bool,
    pub bpf_map_details: bool,
    pub kpr_details: bool,
    pub clock_source_details: bool,
}

impl Details {
    pub const ALL: Details = Details {
        all_addresses: true,
        all_controllers: true,
        all_nodes: true,
        all_redirects: true,
        all_clusters: true,
        bpf_map_details: true,
        kpr_details: true,
        clock_source_details: true,
    };
}

/// The controller whose presence means cilium-health runs (pkg/health/defaults `HealthEPName`).
const HEALTH_EP_CONTROLLER: &str = "cilium-health-ep";

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if args.from_maps {
        return from_maps(ctx, out);
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
    if !args.output.output.is_table() {
        return crate::agent::output::write_raw(out, &args.output.output, &raw);
    }
    let sr: StatusResponse = client.decode("/healthz", 200, &raw)?;
    if args.brief {
        out.write_all(format_brief(&sr).as_bytes())?;
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
    let now = models::now_unix_ns();
    let mut text = format_status(&sr, details, now);
    if is_unhealthy(&sr) {
        flush_tabbed(out, &text)?;
        return Err(Exit(1).into());
    }
    let health_enabled = sr.controllers.iter().flatten().any(|c| c.name == HEALTH_EP_CONTROLLER);
    if health_enabled {
        let max_lines = if all_health { 0 } else { 10 };
        match client.health().get_json::<HealthStatusResponse>("/status") {
            Ok(h) => text.push_str(&format_health(&h, true, all_health, max_lines)),
            Err(_) => text.push_str("Cluster health:\t\t\tWarning\tcilium-health daemon unreachable\n"),
        }
    } else {
        text.push_str("Cluster health:\t\tProbe disabled\n");
    }
    flush_tabbed(out, &text)
}

/// Lay out tab-separated text with the status tabwriter (minwidth 2, padding 3).
fn flush_tabbed(out: &mut dyn Write, text: &str) -> Result<()> {
    let mut tw = tabwriter(&mut *out, 2, 3);
    tw.write_all(text.as_bytes())?;
    tw.flush()?;
    Ok(())
}

/// Agent unreachable: one line naming the socket and the cause, then the maps' view; exit 1.
fn unreachable_or_error(ctx: &Ctx, args: &Args, e: AgentError, out: &mut dyn Write) -> Result<()> {
    if !e.is_unreachable() {
        return Err(e.into());
    }
    if args.brief {
        eprintln!("cilium: daemon unreachable");
        return Err(Exit(1).into());
    }
    eprintln!("Error: {e}");
    if args.output.output.is_table() {
        eprintln!("Showing what the pinned BPF maps say instead (status --from-maps):");
        if let Err(me) = from_maps(ctx, out) {
            eprintln!("Error: cannot read the pinned maps either: {me:#}");
        }
    }
    Err(Exit(1).into())
}

fn is_unhealthy(sr: &StatusResponse) -> bool {
    sr.cilium
        .as_ref()
        .is_some_and(|c| c.state != "Ok" && c.state != "Disabled")
}

fn unhealthy(s: &Option<Status>) -> bool {
    s.as_ref().is_some_and(|s| s.state == "Warning" || s.state == "Failure")
}

/// `FormatStatusResponseBrief`: `OK` or `error in <component>: <msg>`.
pub fn format_brief(sr: &StatusResponse) -> String {
    let msg = if unhealthy(&sr.kvstore) {
        format!("kvstore: {}", sr.kvstore.as_ref().unwrap().msg)
    } else if unhealthy(&sr.container_runtime) {
        format!("container runtime: {}", sr.container_runtime.as_ref().unwrap().msg)
    } else if let Some(k) = sr
        .kubernetes
        .as_ref()
        .filter(|k| k.state == "Warning" || k.state == "Failure")
    {
        format!("kubernetes: {}", k.msg)
    } else if unhealthy(&sr.cilium) {
        format!("cilium: {}", sr.cilium.as_ref().unwrap().msg)
    } else if let Some(h) = sr.cluster.as_ref().map(|c| &c.cilium_health).filter(|h| unhealthy(h)) {
        format!("cilium-health: {}", h.as_ref().unwrap().msg)
    } else {
        sr.controllers
            .iter()
            .flatten()
            .find_map(|c| {
                let st = c.status.as_ref()?;
                (!st.last_failure_msg.is_empty()).then(|| format!("controller {}: {}", c.name, st.last_failure_msg))
            })
            .unwrap_or_default()
    };
    if msg.is_empty() {
        "OK\n".into()
    } else {
        format!("error in {msg}\n")
    }
}

fn enabled(b: bool) -> &'static str {
    if b {
        "Enabled"
    } else {
        "Disabled"
    }
}

/// Run text through a nested Go tabwriter (minwidth 0, padding 3), as the formatter does for its
/// sub-tables; the result has no tabs left.
fn nested_table(text: &str) -> String {
    let mut buf = Vec::new();
    {
        let mut tw = tabwriter(&mut buf, 0, 3);
        let _ = tw.write_all(text.as_bytes());
        let _ = tw.flush();
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// `FormatStatusResponse`: tab-separated text for the outer tabwriter (minwidth 2, padding 3).
pub fn format_status(sr: &StatusResponse, sd: Details, now_ns: i128) -> String {
    let mut w = String::new();
    if let Some(s) = &sr.kvstore {
        let _ = writeln!(w, "KVStore:\t{}\t{}", s.state, s.msg);
    }
    if let Some(s) = &sr.container_runtime {
        let _ = writeln!(w, "ContainerRuntime:\t{}\t{}", s.state, s.msg);
    }
    let mut kpr_devices = String::new();
    if let Some(k) = &sr.kubernetes {
        let _ = writeln!(w, "Kubernetes:\t{}\t{}", k.state, k.msg);
        if k.state != "Disabled" {
            let mut v = k.k8s_api_versions.clone();
            v.sort();
            let _ = writeln!(w, "Kubernetes APIs:\t[\"{}\"]", v.join("\", \""));
        }
    }
    if let Some(kpr) = &sr.kube_proxy_replacement {
        let mut devices = String::new();
        if kpr.mode != "False" {
            for (i, d) in kpr.device_list.iter().enumerate() {
                let _ = write!(kpr_devices, "{} {}", d.name, d.ip.join(" "));
                if d.name == kpr.direct_routing_device {
                    kpr_devices.push_str(" (Direct Routing)");
                }
                // cilium-dbg compares with len(devices), not len(deviceList).
                if i + 1 != kpr.devices.len() {
                    kpr_devices.push_str(", ");
                }
            }
            if !kpr.device_list.is_empty() {
                devices = format!("[{kpr_devices}]");
            }
        }
        let _ = writeln!(w, "KubeProxyReplacement:\t{}\t{}", kpr.mode, devices);
    }
    if let Some(h) = &sr.host_firewall {
        let _ = write!(w, "Host firewall:\t{}", h.mode);
        if h.mode != "Disabled" {
            let _ = write!(w, "\t[{}]", h.devices.join(", "));
        }
        w.push('\n');
    }
    if let Some(s) = &sr.srv6 {
        if s.enabled {
            let _ = writeln!(w, "SRv6:\tEnabled\t[encap-mode: {}]", s.encap_mode);
        } else {
            w.push_str("SRv6:\tDisabled\n");
        }
    }
    if let Some(c) = &sr.cni_chaining {
        let _ = writeln!(w, "CNI Chaining:\t{}", c.mode);
    }
    if let Some(c) = &sr.cni_file {
        let _ = writeln!(w, "CNI Config file:\t{}", c.msg);
    }
    if let Some(c) = &sr.cilium {
        let _ = writeln!(w, "Cilium:\t{}   {}", c.state, c.msg);
    }
    if let Some(stale) = &sr.stale {
        let parts: Vec<String> = stale.iter().map(|(p, t)| format!("{p:?} since {t}")).collect();
        let _ = writeln!(w, "Stale status:\t{}", parts.join(", "));
    }
    if let Some(nm) = &sr.node_monitor {
        let _ = writeln!(
            w,
            "NodeMonitor:\tListening for events on {} CPUs with {}x{} of shared memory",
            nm.cpus, nm.npages, nm.pagesize
        );
        if nm.lost != 0 || nm.unknown != 0 {
            let _ = writeln!(w, "\t{} events lost, {} unknown notifications", nm.lost, nm.unknown);
        }
    } else {
        w.push_str("NodeMonitor:\tDisabled\n");
    }
    if let Some(h) = sr.cluster.as_ref().and_then(|c| c.cilium_health.as_ref()) {
        let _ = writeln!(w, "Cilium health daemon:\t{}\t{}", h.state, h.msg);
    }
    if let Some(ipam) = &sr.ipam {
        let _ = writeln!(w, "IPAM:\t{}", ipam.status);
        if sd.all_addresses {
            w.push_str("Allocated addresses:\n");
            let mut lines: Vec<String> = ipam
                .allocations
                .iter()
                .map(|(ip, owner)| format!("  {ip} ({owner})"))
                .collect();
            lines.sort();
            for l in lines {
                let _ = writeln!(w, "{l}");
            }
        }
    }
    if let Some(cm) = &sr.cluster_mesh {
        let ready = cm.clusters.iter().filter(|c| c.ready).count();
        let _ = writeln!(
            w,
            "ClusterMesh:\t{}/{} clusters ready, {} global-services",
            ready,
            cm.clusters.len(),
            cm.num_global_services
        );
        for c in &cm.clusters {
            if !sd.all_clusters && c.ready {
                continue;
            }
            let _ = writeln!(
                w,
                "   {}: {}, {} nodes, {} endpoints, {} identities, {} services, {} failures (last: {})",
                c.name,
                if c.ready { "ready" } else { "not-ready" },
                c.num_nodes,
                c.num_endpoints,
                c.num_identities,
                c.num_shared_services,
                c.num_failures,
                models::time_since(&c.last_failure, now_ns)
            );
            let _ = writeln!(w, "   └  {}", c.status);
            w.push_str("   └  remote configuration: ");
            match &c.config {
                Some(cfg) => {
                    let _ = write!(w, "expected={}, retrieved={}", cfg.required, cfg.retrieved);
                    if cfg.retrieved {
                        let _ = write!(
                            w,
                            ", cluster-id={}, kvstoremesh={}, sync-canaries={}",
                            cfg.cluster_id, cfg.kvstoremesh, cfg.sync_canaries
                        );
                    }
                }
                None => w.push_str("expected=unknown, retrieved=unknown"),
            }
            w.push('\n');
            if let Some(s) = &c.synced {
                let _ = writeln!(
                    w,
                    "   └  synchronization status: nodes={}, endpoints={}, identities={}, services={}",
                    s.nodes, s.endpoints, s.identities, s.services
                );
            }
        }
    }
    for (label, bt) in [("IPv4 BIG TCP", &sr.ipv4_big_tcp), ("IPv6 BIG TCP", &sr.ipv6_big_tcp)] {
        if let Some(b) = bt {
            let status = if b.enabled {
                if b.max_gro != b.max_gso {
                    format!("Enabled\t[{}, {}]", b.max_gro, b.max_gso)
                } else {
                    format!("Enabled\t[{}]", b.max_gso)
                }
            } else {
                "Disabled".into()
            };
            let _ = writeln!(w, "{label}:\t{status}");
        }
    }
    if let Some(b) = &sr.bandwidth_manager {
        let status = if b.enabled {
            format!(
                "EDT with BPF [{}] [{}]",
                b.congestion_control.to_uppercase(),
                b.devices.join(", ")
            )
        } else {
            "Disabled".into()
        };
        let _ = writeln!(w, "BandwidthManager:\t{status}");
    }
    if let Some(h) = &sr.host_routing {
        // Releases before `routing` existed.
        let _ = writeln!(w, "Host Routing:\t{}", h.mode);
    }
    if let Some(r) = &sr.routing {
        let mut status = format!("Network: {}", r.inter_host_routing_mode);
        if r.inter_host_routing_mode == "Tunnel" {
            let _ = write!(status, " [{}]", r.tunnel_protocol);
        }
        let _ = write!(status, "\tHost: {}", r.intra_host_routing_mode);
        let _ = writeln!(w, "Routing:\t{status}");
    }
    if !sr.attach_mode.is_empty() {
        let s = if sr.attach_mode == "tcx" { "TCX" } else { "Legacy TC" };
        let _ = writeln!(w, "Attach Mode:\t{s}");
    }
    if !sr.datapath_mode.is_empty() {
        let s = match sr.datapath_mode.as_str() {
            "veth" => "veth",
            "netkit-l2" => "netkit-l2",
            "netkit" => "netkit",
            _ => "?",
        };
        let _ = writeln!(w, "Device Mode:\t{s}");
    }
    if let Some(m) = &sr.masquerading {
        let status = match &m.enabled_protocols {
            None => enabled(m.enabled).to_string(),
            Some(p) if !p.ipv4 && !p.ipv6 => "Disabled".to_string(),
            Some(p) => {
                let mut s = String::new();
                if m.mode == "BPF" {
                    s.push_str(if m.ip_masq_agent { "BPF (ip-masq-agent)" } else { "BPF" });
                    if let Some(kpr) = &sr.kube_proxy_replacement {
                        let names: Vec<&str> = kpr.device_list.iter().map(|d| d.name.as_str()).collect();
                        let _ = write!(s, "\t[{}]\t{}", names.join(", "), m.snat_exclusion_cidr_v4);
                    }
                } else if m.mode == "iptables" {
                    s.push_str("IPTables");
                }
                format!("{s} [IPv4: {}, IPv6: {}]", enabled(p.ipv4), enabled(p.ipv6))
            }
        };
        let _ = writeln!(w, "Masquerading:\t{status}");
    }
    if sd.clock_source_details {
        if let Some(c) = &sr.clock_source {
            if c.mode == "jiffies" {
                let _ = writeln!(w, "Clock Source for BPF:\t{}\t[{} Hz]", c.mode, c.hertz);
            } else {
                let _ = writeln!(w, "Clock Source for BPF:\t{}", c.mode);
            }
        }
    }
    if let Some(ctrls) = &sr.controllers {
        let mut failing = 0;
        let mut rows = vec!["  Name\tLast success\tLast error\tCount\tMessage\n".to_string()];
        for c in ctrls {
            let Some(st) = &c.status else { continue };
            if st.consecutive_failure_count > 0 {
                failing += 1;
            } else if !sd.all_controllers {
                continue;
            }
            let err = if st.last_failure_msg.is_empty() {
                "no error"
            } else {
                st.last_failure_msg.as_str()
            };
            rows.push(format!(
                "  {}\t{}\t{}\t{}\t{}\t\n",
                c.name,
                models::time_since(&st.last_success_timestamp, now_ns),
                models::time_since(&st.last_failure_timestamp, now_ns),
                st.consecutive_failure_count,
                err
            ));
        }
        let _ = writeln!(
            w,
            "Controller Status:\t{}/{} healthy",
            ctrls.len() - failing,
            ctrls.len()
        );
        if rows.len() > 1 {
            rows.sort();
            w.push_str(&nested_table(&rows.concat()));
        }
    }
    if let Some(p) = &sr.proxy {
        let _ = writeln!(
            w,
            "Proxy Status:\tOK, ip {}, {} redirects active on ports {}, Envoy: {}",
            p.ip, p.total_redirects, p.port_range, p.envoy_deployment_mode
        );
        if sd.all_redirects && p.total_redirects > 0 {
            let mut rows: Vec<String> = p
                .redirects
                .iter()
                .map(|r| format!("  {}\t{}\t{}\n", r.proxy, r.name, r.proxy_port))
                .collect();
            rows.sort();
            let mut t = String::from("  Protocol\tRedirect\tProxy Port\n");
            t.push_str(&rows.concat());
            w.push_str(&nested_table(&t));
        }
    } else {
        w.push_str("Proxy Status:\tNo managed proxy redirect\n");
    }
    match &sr.identity_range {
        Some(r) => {
            let _ = writeln!(
                w,
                "Global Identity Range:\tmin {}, max {}",
                r.min_identity, r.max_identity
            );
        }
        None => w.push_str("Global Identity Range:\tUnknown\n"),
    }
    if let Some(h) = &sr.hubble {
        let mut fields = vec![if h.msg.is_empty() {
            h.state.clone()
        } else {
            format!("{} {}", h.state, h.msg)
        }];
        if let Some(o) = &h.observer {
            let mut parts = Vec::new();
            if o.max_flows > 0 {
                parts.push(format!(
                    "Current/Max Flows: {}/{} ({:.2}%)",
                    o.current_flows,
                    o.max_flows,
                    o.current_flows as f64 / o.max_flows as f64 * 100.0
                ));
            }
            let up = models::parse_go_duration(&o.uptime).unwrap_or(0);
            if up > 0 {
                parts.push(format!("Flows/s: {:.2}", o.seen_flows as f64 / (up as f64 / 1e9)));
            }
            fields.push(parts.join(", "));
        }
        if let Some(m) = &h.metrics {
            fields.push(format!("Metrics: {}", m.state));
        }
        let _ = writeln!(w, "Hubble:\t{}", fields.join("\t"));
    }
    if sd.kpr_details && sr.kubernetes.is_some() {
        if let Some(kpr) = &sr.kube_proxy_replacement {
            w.push_str(&kpr_details(kpr, &kpr_devices));
        }
    }
    if sd.bpf_map_details {
        if let Some(b) = &sr.bpf_maps {
            let r = b.dynamic_size_ratio;
            let sizing = if 0.0 < r && r <= 1.0 {
                format!("on (ratio: {r:.6})")
            } else {
                "off".into()
            };
            let _ = writeln!(w, "BPF Maps:\tdynamic sizing: {sizing}");
            let mut t = String::from("  Name\tSize\n");
            for m in &b.maps {
                let _ = writeln!(t, "  {}\t{}", m.name, m.size);
            }
            w.push_str(&nested_table(&t));
        }
    }
    if let Some(e) = &sr.encryption {
        let mut fields = Vec::new();
        if !e.msg.is_empty() {
            fields.push(e.msg.clone());
        } else if let Some(wg) = &e.wireguard {
            fields.push(format!("[NodeEncryption: {}", wg.node_encryption));
            let ifaces: Vec<String> = wg
                .interfaces
                .iter()
                .map(|i| {
                    format!(
                        "{} (Pubkey: {}, Port: {}, Peers: {})",
                        i.name, i.public_key, i.listen_port, i.peer_count
                    )
                })
                .collect();
            fields.push(format!("{}]", ifaces.join(", ")));
        }
        let _ = writeln!(w, "Encryption:\t{}\t{}", e.mode, fields.join(", "));
    }
    w
}

/// The `KubeProxyReplacement Details:` block (its own tabwriter, minwidth 0, padding 3).
fn kpr_details(kpr: &KubeProxyReplacement, devices: &str) -> String {
    let f = &kpr.features;
    let np = &f.node_port;
    let (mut selection, mut mode, mut dsr, mut xdp) = (String::new(), String::new(), String::new(), String::new());
    let mut node_port = "Disabled".to_string();
    let mut lb = "Disabled";
    if np.enabled {
        selection = if np.algorithm == "Maglev" {
            format!("{} (Table Size: {})", np.algorithm, np.lut_size)
        } else {
            np.algorithm.clone()
        };
        xdp = np.acceleration.clone();
        mode = np.mode.clone();
        if mode == "DSR" || mode == "Hybrid" {
            dsr = np.dsr_mode.clone();
        }
        node_port = format!("Enabled (Range: {}-{})", np.port_min, np.port_max);
        lb = "Enabled";
    }
    let mut t = String::new();
    let _ = writeln!(t, "  Status:\t{}", kpr.mode);
    let _ = writeln!(t, "  Socket LB:\t{}", enabled(f.socket_lb.enabled));
    let _ = writeln!(t, "  Socket LB Tracing:\t{}", enabled(f.socket_lb_tracing.enabled));
    let _ = writeln!(
        t,
        "  Socket LB Coverage:\t{}",
        if f.bpf_socket_lb_hostns_only {
            "Hostns-only"
        } else {
            "Full"
        }
    );
    if !devices.is_empty() {
        let _ = writeln!(t, "  Devices:\t{devices}");
    }
    if !mode.is_empty() {
        let _ = writeln!(t, "  Mode:\t{mode}");
    }
    if !dsr.is_empty() {
        let _ = writeln!(t, "    DSR Dispatch Mode:\t{dsr}");
    }
    if !selection.is_empty() {
        let _ = writeln!(t, "  Backend Selection:\t{selection}");
    }
    let _ = writeln!(t, "  Session Affinity:\t{}", enabled(f.session_affinity.enabled));
    let _ = writeln!(
        t,
        "  Graceful Termination:\t{}",
        enabled(f.graceful_termination.enabled)
    );
    if !f.nat46x64.enabled {
        t.push_str("  NAT46/64 Support:\tDisabled\n");
    } else {
        let gw = f.nat46x64.gateway.enabled;
        t.push_str("  NAT46/64 Support:\n");
        let _ = writeln!(t, "  - Services:\t{}", enabled(f.nat46x64.service.enabled));
        let _ = writeln!(t, "  - Gateway:\t{}", enabled(gw));
        if gw && !f.nat46x64.gateway.prefixes.is_empty() {
            let _ = writeln!(t, "    Prefixes:\t{}", f.nat46x64.gateway.prefixes.join(", "));
        }
    }
    if !xdp.is_empty() {
        let _ = writeln!(t, "  XDP Acceleration:\t{xdp}");
    }
    t.push_str("  Services:\n");
    t.push_str("  - ClusterIP:\tEnabled\n");
    let _ = writeln!(t, "  - NodePort:\t{node_port} ");
    let _ = writeln!(t, "  - LoadBalancer:\t{lb} ");
    let _ = writeln!(t, "  - externalIPs:\t{} ", enabled(f.external_ips.enabled));
    let _ = writeln!(t, "  - HostPort:\t{}", enabled(f.host_port.enabled));
    format!("KubeProxyReplacement Details:\n{}", nested_table(&t))
}

/// `FormatHealthStatusResponse` (health API, 1.16+ layout): cells for the outer tabwriter.
pub fn format_health(sr: &HealthStatusResponse, all_nodes: bool, verbose: bool, max_lines: usize) -> String {
    let mut w = String::new();
    let local = sr.local.as_ref().map(|l| l.name.as_str());
    let healthy = sr.nodes.iter().filter(|n| node_healthy(n)).count();
    let _ = writeln!(
        w,
        "Cluster health:\t{}/{} reachable\t({})\t(Probe interval: {})",
        healthy,
        sr.nodes.len(),
        sr.timestamp,
        sr.probe_interval
    );
    w.push_str("Name\tIP\tNode\tEndpoints\n");
    let mut printed = 0usize;
    let localhost = sr.nodes.iter().find(|n| Some(n.name.as_str()) == local);
    if let Some(n) = localhost {
        if format_node(&mut w, n, all_nodes, verbose, true) {
            printed += 1;
        }
    }
    let mut nodes: Vec<&models::HealthNode> = sr.nodes.iter().collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    for n in nodes {
        if printed == max_lines {
            break;
        }
        if Some(n.name.as_str()) == local {
            continue;
        }
        if format_node(&mut w, n, all_nodes, verbose, false) {
            printed += 1;
        }
    }
    if sr.nodes.len() as i64 - printed as i64 - healthy as i64 > 0 {
        w.push_str("  ...\n");
    }
    w
}

#[derive(PartialEq)]
enum Conn {
    Reachable,
    Unreachable,
    Unknown,
}

fn conn(cs: &Option<models::ConnectivityStatus>) -> Conn {
    match cs {
        None => Conn::Unknown,
        Some(c) if c.status.is_empty() => Conn::Reachable,
        Some(_) => Conn::Unreachable,
    }
}

fn path_conn(p: Option<&models::PathStatus>) -> Conn {
    let Some(p) = p else { return Conn::Unreachable };
    let mut s = Conn::Reachable;
    for c in [&p.icmp, &p.http] {
        match conn(c) {
            Conn::Unreachable => return Conn::Unreachable,
            Conn::Unknown => s = Conn::Unknown,
            Conn::Reachable => {}
        }
    }
    s
}

/// (reachable, unknown, total, healthy) over a node's primary and secondary paths.
fn summarize(h: Option<&models::HealthHost>) -> (usize, usize, usize, bool) {
    let Some(h) = h else { return (0, 0, 0, true) };
    let mut r = (0, 0, 1 + h.secondary_addresses.len(), true);
    let paths = std::iter::once(h.primary_address.as_ref()).chain(h.secondary_addresses.iter().map(|p| p.as_ref()));
    for p in paths {
        match path_conn(p) {
            Conn::Reachable => r.0 += 1,
            Conn::Unknown => r.1 += 1,
            Conn::Unreachable => r.3 = false,
        }
    }
    r
}

fn node_healthy(n: &models::HealthNode) -> bool {
    summarize(n.host.as_ref()).3 && summarize(n.health_endpoint.as_ref()).3
}

fn format_node(w: &mut String, n: &models::HealthNode, all: bool, verbose: bool, localhost: bool) -> bool {
    let local = if localhost { " (localhost)" } else { "" };
    if verbose {
        let _ = writeln!(w, "  {}{}:", n.name, local);
        let host = n.host.as_ref();
        format_path(w, "Host", host.and_then(|h| h.primary_address.as_ref()), verbose);
        for a in host.map(|h| h.secondary_addresses.as_slice()).unwrap_or_default() {
            format_path(w, "Secondary Host", a.as_ref(), verbose);
        }
        let ep = n.health_endpoint.as_ref();
        format_path(w, "Endpoint", ep.and_then(|h| h.primary_address.as_ref()), verbose);
        for a in ep.map(|h| h.secondary_addresses.as_slice()).unwrap_or_default() {
            format_path(w, "Secondary Endpoint", a.as_ref(), verbose);
        }
        return true;
    }
    let (hr, hu, ht, hh) = summarize(n.host.as_ref());
    let (er, eu, et, eh) = summarize(n.health_endpoint.as_ref());
    if (hh && eh) && !all {
        return false;
    }
    let ip = n
        .host
        .as_ref()
        .and_then(|h| h.primary_address.as_ref())
        .map(|p| p.ip.as_str())
        .unwrap_or("Unavailable");
    let _ = write!(w, "  {}{}\t{}", n.name, local, ip);
    for a in n.host.iter().flat_map(|h| h.secondary_addresses.iter().flatten()) {
        let _ = write!(w, ",{}", a.ip);
    }
    let _ = write!(w, "\t{hr}/{ht}");
    if hu > 0 {
        let _ = write!(w, " ({hu} unknown)");
    }
    let _ = write!(w, "\t{er}/{et}");
    if eu > 0 {
        let _ = write!(w, " ({eu} unknown)");
    }
    w.push('\n');
    true
}

fn format_path(w: &mut String, name: &str, p: Option<&models::PathStatus>, verbose: bool) {
    let Some(p) = p else {
        if verbose {
            let _ = writeln!(w, "    {name} connectivity:\tnil");
        }
        return;
    };
    let _ = writeln!(w, "    {name} connectivity to {}:", p.ip);
    for (label, c) in [("ICMP to stack", &p.icmp), ("HTTP to agent", &p.http)] {
        if let Some(c) = c {
            let res = if c.status.is_empty() {
                format!("OK, RTT={}", models::go_duration(c.latency))
            } else {
                c.status.clone()
            };
            let _ = writeln!(w, "      {label}:\t{res}\t(Last probed: {})", c.last_probed);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// --from-maps

/// Summarise the datapath from the pinned maps alone.
pub fn from_maps(ctx: &Ctx, out: &mut dyn Write) -> Result<()> {
    let root = &ctx.bpf;
    let globals = root.globals();
    if !globals.is_dir() {
        anyhow::bail!(
            "no Cilium maps under {}: is the bpffs mounted and did cilium-agent ever run here? (set --bpf-root or CDBG_BPF_ROOT)",
            globals.display()
        );
    }
    let mut t = String::new();
    let _ = writeln!(t, "Datapath (from pinned maps in {}):", globals.display());
    let mut svc = Vec::new();
    let (mut frontends, mut backends) = (0u64, 0u64);
    for (name, slot_off) in [("cilium_lb4_services_v2", 6usize), ("cilium_lb6_services_v2", 18)] {
        if let Some(n) = count_masters(root, name, slot_off) {
            frontends += n;
            svc.push(name);
        }
    }
    for name in ["cilium_lb4_backends_v3", "cilium_lb6_backends_v3"] {
        if let Some((n, _)) = count(root, name) {
            backends += n;
        }
    }
    if svc.is_empty() {
        t.push_str("Services:\tno service maps (cilium_lb4_services_v2 absent: kube-proxy replacement off?)\n");
    } else {
        let _ = writeln!(t, "Services:\t{frontends} frontends, {backends} backends");
    }
    match count(root, "cilium_lxc") {
        Some((n, _)) => {
            let _ = writeln!(t, "Endpoints:\t{n} entries in cilium_lxc (endpoint and host IPs)");
        }
        None => t.push_str("Endpoints:\tcilium_lxc absent\n"),
    }
    for (label, names) in [
        (
            "Conntrack:",
            &[
                "cilium_ct4_global",
                "cilium_ct_any4_global",
                "cilium_ct6_global",
                "cilium_ct_any6_global",
            ][..],
        ),
        ("NAT:", &["cilium_snat_v4_external", "cilium_snat_v6_external"][..]),
    ] {
        let mut first = true;
        for name in names {
            if let Some((n, max)) = count(root, name) {
                let pct = if max > 0 { n as f64 * 100.0 / max as f64 } else { 0.0 };
                let _ = writeln!(t, "{}\t{name}\t{n}/{max} ({pct:.1}%)", if first { label } else { "" });
                first = false;
            }
        }
        if first {
            let _ = writeln!(t, "{label}\tno maps");
        }
    }
    let _ = writeln!(t, "Agent heartbeat:\t{}", heartbeat(root));
    let mut tw = tabwriter(&mut *out, 2, 3);
    tw.write_all(t.as_bytes())?;
    tw.flush()?;
    Ok(())
}

fn open(root: &crate::maps::BpfRoot, name: &str) -> Option<crate::bpf::Map> {
    let p = root.path(name);
    if !p.exists() {
        return None;
    }
    crate::bpf::Map::open_pinned(&p).ok()
}

/// (entries, max_entries) of a pinned map.
fn count(root: &crate::maps::BpfRoot, name: &str) -> Option<(u64, u32)> {
    let m = open(root, name)?;
    let max = m.info().max_entries;
    let s = crate::bpf::dump::count(&m).ok()?;
    Some((s.entries, max))
}

/// Service master entries (backend_slot == 0) of an LB services map.
fn count_masters(root: &crate::maps::BpfRoot, name: &str, slot_off: usize) -> Option<u64> {
    let m = open(root, name)?;
    if (m.info().key_size as usize) < slot_off + 2 {
        return None;
    }
    let mut n = 0u64;
    crate::bpf::dump(&m, &crate::bpf::DumpOptions::default(), |k: &[u8], _v: &[u8]| {
        if u16::from_ne_bytes([k[slot_off], k[slot_off + 1]]) == 0 {
            n += 1;
        }
        Ok::<(), crate::bpf::BpfError>(())
    })
    .ok()?;
    Some(n)
}

/// The agent's last liveness heartbeat: `cilium_runtime_config[1]` AgentLiveness, CLOCK_MONOTONIC
/// nanoseconds (maps.md §9.8).
fn heartbeat(root: &crate::maps::BpfRoot) -> String {
    use crate::maps::runtime_config;
    let live = match runtime_config::agent_liveness(root) {
        Err(e) if e.is_missing() => return "unknown (cilium_runtime_config absent)".into(),
        Err(e) => return format!("unknown ({e})"),
        Ok(None) => return "never (AgentLiveness is 0)".into(),
        Ok(Some(l)) => l,
    };
    let age = runtime_config::monotonic_now_ns() as i128 - live as i128;
    if age < 0 {
        return format!("AgentLiveness {live} ns is in the future (another boot?)");
    }
    let secs = (age / 1_000_000_000) as i64;
    let d = models::go_duration(secs * 1_000_000_000);
    if secs > 60 {
        format!("{d} ago (stale: the agent is not updating the datapath)")
    } else {
        format!("{d} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> String {
        let mut out = Vec::new();
        flush_tabbed(&mut out, text).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn columns_follow_go_tabwriter() {
        let sr: StatusResponse = serde_json::from_str(
            r#"{"kvstore":{"state":"Ok","msg":"Disabled"},"identity-range":{"min-identity":256,"max-identity":65535}}"#,
        )
        .unwrap();
        let s = layout(&format_status(&sr, Details::default(), 0));
        assert_eq!(
            s,
            "KVStore:                 Ok   Disabled\n\
             NodeMonitor:             Disabled\n\
             Proxy Status:            No managed proxy redirect\n\
             Global Identity Range:   min 256, max 65535\n"
        );
    }

    #[test]
    fn brief() {
        let sr: StatusResponse = serde_json::from_str(r#"{"cilium":{"state":"Failure","msg":"boom"}}"#).unwrap();
        assert_eq!(format_brief(&sr), "error in cilium: boom\n");
        assert_eq!(format_brief(&StatusResponse::default()), "OK\n");
    }
}
