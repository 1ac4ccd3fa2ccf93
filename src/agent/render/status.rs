//! The agent's status as cilium-dbg prints it (pkg/client `FormatStatusResponse`,
//! `FormatStatusResponseBrief`): tab-separated text for the status tabwriter.

use std::fmt::Write as _;
use std::io::Write;

use crate::agent::models::{self, status::*, StatusResponse};
use crate::output::sanitize::Writer;
use crate::output::table::tabwriter;
use crate::release::Version;

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
pub const HEALTH_EP_CONTROLLER: &str = "cilium-health-ep";

/// Lay out tab-separated status text with the status tabwriter (minwidth 2, padding 3), control
/// characters from the agent escaped.
pub fn write_tabbed(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    let mut tw = Writer::new(tabwriter(&mut *out, 2, 3));
    tw.write_all(text.as_bytes())?;
    tw.flush()
}

pub fn is_unhealthy(sr: &StatusResponse) -> bool {
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

/// StatusResponse fields that only some releases have, read from the agent's raw answer:
/// `kube-proxy-replacement.features.annotations` (1.17+), `masquerading.snat-exclusion-cidr-v6`
/// and top-level `hubble-metrics` (1.18).
#[derive(Debug, Clone, Default)]
pub struct Extras {
    pub annotations: Vec<String>,
    pub snat_exclusion_cidr_v6: String,
    /// (state, msg) of `hubble-metrics`.
    pub hubble_metrics: Option<(String, String)>,
}

impl Extras {
    pub fn from_raw(raw: &[u8]) -> Extras {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(raw) else {
            return Extras::default();
        };
        let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
        Extras {
            annotations: v["kube-proxy-replacement"]["features"]["annotations"]
                .as_array()
                .map(|a| a.iter().map(s).collect())
                .unwrap_or_default(),
            snat_exclusion_cidr_v6: s(&v["masquerading"]["snat-exclusion-cidr-v6"]),
            hubble_metrics: v
                .get("hubble-metrics")
                .filter(|m| m.is_object())
                .map(|m| (s(&m["state"]), s(&m["msg"]))),
        }
    }
}

/// `FormatStatusResponse` of 1.17: tab-separated text for the outer tabwriter.
pub fn format_status(sr: &StatusResponse, sd: Details, now_ns: i128) -> String {
    format_status_for(sr, sd, now_ns, Version::V1_17, &Extras::default())
}

/// `FormatStatusResponse` as release `v` prints it: tab-separated text for the outer tabwriter
/// (minwidth 2, padding 3).
pub fn format_status_for(sr: &StatusResponse, sd: Details, now_ns: i128, v: Version, x: &Extras) -> String {
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
                        // 1.18 joins both exclusion CIDRs with a space, even when empty.
                        if v == Version::V1_18 {
                            let _ = write!(s, " {}", x.snat_exclusion_cidr_v6);
                        }
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
            let up = crate::gotime::parse_duration(&o.uptime).unwrap_or(0);
            if up > 0 {
                parts.push(format!("Flows/s: {:.2}", o.seen_flows as f64 / (up as f64 / 1e9)));
            }
            fields.push(parts.join(", "));
        }
        if v == Version::V1_18 {
            // 1.18 reads the top-level `hubble-metrics`; the `(msg)` suffix follows the release's
            // formatter (unobserved on a real binary).
            if let Some((state, msg)) = &x.hubble_metrics {
                if msg.is_empty() {
                    fields.push(format!("Metrics: {state}"));
                } else {
                    fields.push(format!("Metrics: {state} ({msg})"));
                }
            }
        } else if let Some(m) = &h.metrics {
            fields.push(format!("Metrics: {}", m.state));
        }
        let _ = writeln!(w, "Hubble:\t{}", fields.join("\t"));
    }
    if sd.kpr_details && sr.kubernetes.is_some() {
        if let Some(kpr) = &sr.kube_proxy_replacement {
            w.push_str(&kpr_details(kpr, &kpr_devices, v, &x.annotations));
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
/// 1.18 has no `Graceful Termination` line; 1.17 and 1.18 list the KPR annotations.
fn kpr_details(kpr: &KubeProxyReplacement, devices: &str, v: Version, annotations: &[String]) -> String {
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
    if v != Version::V1_18 {
        let _ = writeln!(
            t,
            "  Graceful Termination:\t{}",
            enabled(f.graceful_termination.enabled)
        );
    }
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
    if v != Version::V1_16 {
        if !annotations.is_empty() {
            t.push_str("  Annotations:\n");
            for a in annotations {
                let _ = writeln!(t, "  - {a}");
            }
        } else if v == Version::V1_18 {
            // 1.18 says so when there are none (fidelity.md C9, from the release notes; not
            // observed, and the 1.18 formatter was not in the public source searched).
            t.push_str("  Annotations:\t(n/a)\n");
        }
    }
    format!("KubeProxyReplacement Details:\n{}", nested_table(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> String {
        let mut out = Vec::new();
        write_tabbed(&mut out, text).unwrap();
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
