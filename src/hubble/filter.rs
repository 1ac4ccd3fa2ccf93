//! `hubble observe` filter flags → GetFlowsRequest whitelist/blacklist FlowFilters, as
//! cilium/cilium hubble/cmd/observe/flows_filter.go builds them: flags are applied in command-line
//! order, `--not` sends the next flag to the blacklist, symmetric flags (`--pod`, `--ip`, ...) fill
//! a source-side and a destination-side filter, and equal sides collapse into one filter.

use super::names;
use super::proto::flow::{EventTypeFilter, FlowFilter, TcpFlags, Workload};
use super::protojson;

/// Flag conflict groups, in the Hubble CLI's order (the first pair found names the error).
const CONFLICTS: &[&[&str]] = &[
    &[
        "from-fqdn",
        "from-ip",
        "ip",
        "fqdn",
        "from-namespace",
        "namespace",
        "from-all-namespaces",
        "all-namespaces",
    ],
    &["from-fqdn", "from-ip", "ip", "fqdn", "from-pod", "pod"],
    &[
        "to-fqdn",
        "to-ip",
        "ip",
        "fqdn",
        "to-namespace",
        "namespace",
        "to-all-namespaces",
        "all-namespaces",
    ],
    &["to-fqdn", "to-ip", "ip", "fqdn", "to-pod", "pod"],
    &["to-pod", "namespace", "all-namespaces"],
    &["from-pod", "namespace", "all-namespaces"],
    &["to-service", "namespace", "all-namespaces"],
    &["from-service", "namespace", "all-namespaces"],
    &["label", "from-label"],
    &["label", "to-label"],
    &["service", "from-service"],
    &["service", "to-service"],
    &["port", "to-port"],
    &["port", "from-port"],
    &["identity", "to-identity"],
    &["identity", "from-identity"],
    &["workload", "to-workload"],
    &["workload", "from-workload"],
    &["encrypted", "unencrypted"],
];

/// How a filter flag is given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// `--flag VALUE`, repeatable.
    Value,
    /// `--flag` alone, repeatable; each occurrence applies this value (pflag's NoOptDefVal).
    Switch(&'static str),
}

/// One filter flag of `observe`: the single declaration the command line is built from.
#[derive(Debug, Clone, Copy)]
pub struct FlagSpec {
    /// Long name, without dashes.
    pub name: &'static str,
    pub short: Option<char>,
    pub takes: Takes,
    pub help: &'static str,
}

const fn value(name: &'static str, short: Option<char>, help: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        short,
        takes: Takes::Value,
        help,
    }
}

const fn switch(name: &'static str, short: Option<char>, val: &'static str, help: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        short,
        takes: Takes::Switch(val),
        help,
    }
}

/// Every filter flag, in the Hubble CLI's help order. `observe` builds its clap arguments from
/// this table and `Builder::set` handles each name.
#[rustfmt::skip]
pub const FLAGS: &[FlagSpec] = &[
    switch("not", None, "true", "Reverses the next filter to be blacklist i.e. --not --from-ip 2.2.2.2"),
    value("uuid", None, "Show the only flow matching this unique flow identifier, if any"),
    value("node-name", None, "Show all flows which match the given node names (e.g. \"k8s*\", \"test-cluster/*.company.com\")"),
    value("node-label", None, "Show only flows observed on nodes matching the given label filter"),
    value("from-cluster", None, "Show all flows originating from endpoints known to be in the given cluster name"),
    value("cluster", None, "Show all flows which match the cluster names (e.g. \"test-cluster\", \"prod-*\")"),
    value("to-cluster", None, "Show all flows destined to endpoints known to be in the given cluster name"),
    value("protocol", None, "Show only flows which match the given L4/L7 flow protocol (e.g. \"udp\", \"http\")"),
    value("tcp-flags", None, "Show only flows which match the given TCP flags (e.g. \"syn\", \"ack\", \"fin\")"),
    value("type", Some('t'), "Filter by event types TYPE[:SUBTYPE] (capture, drop, l7, policy-verdict, trace[:to-endpoint|from-endpoint|...], trace-sock)"),
    value("verdict", None, "Show only flows with this verdict [FORWARDED, DROPPED, AUDIT, REDIRECTED, ERROR, TRACED, TRANSLATED]"),
    value("drop-reason-desc", None, "Show only flows which match this drop reason describe (e.g. \"POLICY_DENIED\", \"UNSUPPORTED_L3_PROTOCOL\")"),
    value("http-status", None, "Show only flows which match this HTTP status code prefix (e.g. \"404\", \"5+\")"),
    value("http-method", None, "Show only flows which match this HTTP method (e.g. \"get\", \"post\")"),
    value("http-path", None, "Show only flows which match this HTTP path regular expressions (e.g. \"/page/\\\\d+\")"),
    value("http-url", None, "Show only flows which match this HTTP URL regular expressions"),
    value("trace-id", None, "Show only flows which match this trace ID"),
    value("from-fqdn", None, "Show all flows originating at the given fully qualified domain name (e.g. \"*.cilium.io\")"),
    value("fqdn", None, "Show all flows related to the given fully qualified domain name (e.g. \"*.cilium.io\")"),
    value("to-fqdn", None, "Show all flows terminating at the given fully qualified domain name (e.g. \"*.cilium.io\")"),
    value("from-ip", None, "Show all flows originating at the given IP address or CIDR (e.g. 1.1.1.1, 1.1.1.0/24)"),
    value("snat-ip", None, "Show all flows SNATed with the given IP address or CIDR"),
    value("ip", None, "Show all flows originating or terminating at the given IP address or CIDR"),
    value("to-ip", None, "Show all flows terminating at the given IP address or CIDR"),
    switch("ipv4", Some('4'), "v4", "Show only IPv4 flows"),
    switch("ipv6", Some('6'), "v6", "Show only IPv6 flows"),
    value("ip-version", None, "Show only IPv4, IPv6 flows or non IP flows (e.g. ARP packets) (ie: \"none\", \"v4\", \"v6\")"),
    value("from-pod", None, "Show all flows originating in the given pod name prefix ([namespace/]<pod-name>); namespace default if not given"),
    value("pod", None, "Show all flows related to the given pod name prefix ([namespace/]<pod-name>); namespace default if not given"),
    value("to-pod", None, "Show all flows terminating in the given pod name prefix ([namespace/]<pod-name>); namespace default if not given"),
    value("from-namespace", None, "Show all flows originating in the given Kubernetes namespace"),
    value("namespace", Some('n'), "Show all flows related to the given Kubernetes namespace"),
    value("to-namespace", None, "Show all flows terminating in the given Kubernetes namespace"),
    switch("from-all-namespaces", None, "true", "Show flows originating in any Kubernetes namespace"),
    switch("all-namespaces", Some('A'), "true", "Show all flows in any Kubernetes namespace"),
    switch("to-all-namespaces", None, "true", "Show flows terminating in any Kubernetes namespace"),
    value("from-label", None, "Show only flows originating in an endpoint with the given labels (e.g. \"key1=value1\", \"reserved:world\")"),
    value("label", Some('l'), "Show only flows related to an endpoint with the given labels (e.g. \"key1=value1\", \"reserved:world\")"),
    value("to-label", None, "Show only flows terminating in an endpoint with given labels (e.g. \"key1=value1\", \"reserved:world\")"),
    value("from-service", None, "Shows flows whose source matches the given service name prefix ([namespace/]<svc-name>)"),
    value("service", None, "Shows flows whose source or destination matches the given service name prefix ([namespace/]<svc-name>)"),
    value("to-service", None, "Shows flows whose destination matches the given service name prefix ([namespace/]<svc-name>)"),
    value("from-port", None, "Show only flows with the given source port (e.g. 8080)"),
    value("port", None, "Show only flows with given port in either source or destination (e.g. 8080)"),
    value("to-port", None, "Show only flows with the given destination port (e.g. 8080)"),
    value("from-workload", None, "Show all flows originating at an endpoint with the given workload"),
    value("workload", None, "Show all flows related to an endpoint with the given workload"),
    value("to-workload", None, "Show all flows terminating at an endpoint with the given workload"),
    value("from-identity", None, "Show all flows originating at an endpoint with the given security identity"),
    value("identity", None, "Show all flows related to an endpoint with the given security identity"),
    value("to-identity", None, "Show all flows terminating at an endpoint with the given security identity"),
    value("traffic-direction", None, "Show all flows in the given traffic direction (either ingress or egress)"),
    value("interface", None, "Show all flows observed at the given interface name (e.g. eth0)"),
    switch("encrypted", None, "true", "Show only encrypted flows"),
    switch("unencrypted", None, "true", "Show only unencrypted flows"),
];

/// One side pair of filters (`filterTracker`): the result is `left OR right`.
#[derive(Debug, Default)]
struct Tracker {
    left: Option<FlowFilter>,
    right: Option<FlowFilter>,
    ns: Vec<String>,
    src_ns: Vec<String>,
    dst_ns: Vec<String>,
    changed: Vec<String>,
}

impl Tracker {
    fn apply(&mut self, f: impl Fn(&mut FlowFilter)) {
        f(self.left.get_or_insert_with(Default::default));
        f(self.right.get_or_insert_with(Default::default));
    }

    fn split(&mut self, l: impl Fn(&mut FlowFilter), r: impl Fn(&mut FlowFilter)) {
        l(self.left.get_or_insert_with(Default::default));
        r(self.right.get_or_insert_with(Default::default));
    }

    fn conflict(&self) -> Result<(), String> {
        for group in CONFLICTS {
            for flag in *group {
                if self.changed.iter().any(|c| c == flag) {
                    for other in *group {
                        if other != flag && self.changed.iter().any(|c| c == other) {
                            return Err(format!("filters --{flag} and --{other} cannot be combined"));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn filters(mut self) -> Vec<FlowFilter> {
        if self.left.is_none()
            && self.right.is_none()
            && self.ns.is_empty()
            && self.src_ns.is_empty()
            && self.dst_ns.is_empty()
        {
            return Vec::new();
        }
        let mut left = self.left.take().unwrap_or_default();
        let mut right = self.right.take().unwrap_or_default();
        if !self.dst_ns.is_empty() {
            apply_dst_ns(&self.dst_ns, &mut left);
            apply_dst_ns(&self.dst_ns, &mut right);
        }
        if !self.src_ns.is_empty() {
            apply_src_ns(&self.src_ns, &mut left);
            apply_src_ns(&self.src_ns, &mut right);
        }
        if !self.ns.is_empty() {
            apply_src_ns(&self.ns, &mut left);
            apply_dst_ns(&self.ns, &mut right);
        }
        if left == right {
            vec![left]
        } else {
            vec![left, right]
        }
    }

    /// `checkNamespaceConflicts` on each side: every failing check's first conflict, joined by
    /// newlines as Go's `errors.Join` prints them.
    fn namespace_conflicts(&self) -> Result<(), String> {
        for f in [&self.left, &self.right].into_iter().flatten() {
            let mut errs: Vec<String> = [
                (&self.ns, &f.source_pod),
                (&self.ns, &f.source_service),
                (&self.ns, &f.destination_pod),
                (&self.ns, &f.destination_service),
                (&self.src_ns, &f.source_pod),
                (&self.src_ns, &f.source_service),
                (&self.dst_ns, &f.destination_pod),
                (&self.dst_ns, &f.destination_service),
            ]
            .into_iter()
            .filter_map(|(nss, names)| ns_conflict(nss, names))
            .collect();
            errs.extend(inconsistent_namespaces(&f.source_pod, &f.source_service));
            errs.extend(inconsistent_namespaces(&f.destination_pod, &f.destination_service));
            if !errs.is_empty() {
                return Err(errs.join("\n"));
            }
        }
        Ok(())
    }
}

/// The namespace part of `ns/name`, or "" without a slash.
fn namespace_of(name: &str) -> &str {
    name.split_once('/').map_or("", |(ns, _)| ns)
}

fn ns_conflict(nss: &[String], names: &[String]) -> Option<String> {
    for ns in nss {
        for name in names {
            let nn = namespace_of(name);
            if !nn.is_empty() && nn != ns {
                return Some(format!("namespace conflict: {ns:?} does not contain {name:?}"));
            }
        }
    }
    None
}

/// A pod and a service of one side must name the same namespace (`checkInconsistentNamespaces`).
fn inconsistent_namespaces(pods: &[String], services: &[String]) -> Option<String> {
    for pod in pods {
        let pod_ns = namespace_of(pod);
        if pod_ns.is_empty() {
            continue;
        }
        for svc in services {
            if namespace_of(svc) != pod_ns {
                return Some(format!("namespace of service {svc:?} conflict with pod {pod_ns:?}"));
            }
        }
    }
    None
}

fn add_namespaces(filter: &[String], ns: &[String]) -> Vec<String> {
    if ns.is_empty() || filter.is_empty() {
        return filter.to_vec();
    }
    let mut out = Vec::new();
    for f in filter {
        if f.contains('/') {
            out.push(f.clone());
            continue;
        }
        for n in ns {
            out.push(format!("{n}/{f}"));
        }
    }
    out
}

fn apply_src_ns(ns: &[String], f: &mut FlowFilter) {
    if f.source_pod.is_empty() && f.source_service.is_empty() {
        f.source_pod = vec![String::new()];
    }
    f.source_pod = add_namespaces(&f.source_pod, ns);
    f.source_service = add_namespaces(&f.source_service, ns);
}

fn apply_dst_ns(ns: &[String], f: &mut FlowFilter) {
    if f.destination_pod.is_empty() && f.destination_service.is_empty() {
        f.destination_pod = vec![String::new()];
    }
    f.destination_pod = add_namespaces(&f.destination_pod, ns);
    f.destination_service = add_namespaces(&f.destination_service, ns);
}

/// Accumulates filter flags in command-line order.
#[derive(Debug, Default)]
pub struct Builder {
    white: Option<Tracker>,
    black: Option<Tracker>,
    blacklisting: bool,
}

/// The whitelist and blacklist of a GetFlowsRequest.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Filters {
    pub whitelist: Vec<FlowFilter>,
    pub blacklist: Vec<FlowFilter>,
}

/// pflag's wrapping of a flag value error.
pub fn flag_error(name: &str, val: &str, err: &str) -> String {
    let flag = match FLAGS.iter().find(|f| f.name == name).and_then(|f| f.short) {
        Some(s) => format!("-{s}, --{name}"),
        None => format!("--{name}"),
    };
    format!("invalid argument {val:?} for {flag:?} flag: {err}")
}

fn reserved_names() -> String {
    let mut v: Vec<&str> = names::RESERVED_IDENTITIES.iter().skip(1).map(|(_, n)| *n).collect();
    v.sort_unstable();
    format!("[{}]", v.join(" "))
}

fn parse_u(s: &str) -> Result<i32, String> {
    s.parse::<u32>()
        .map(|v| v as i32)
        .map_err(|_| format!("strconv.ParseUint: parsing {s:?}: invalid syntax"))
}

impl Builder {
    /// Apply one flag (`name` without dashes). Errors are worded as the Hubble CLI's, already
    /// wrapped as pflag wraps them.
    pub fn set(&mut self, name: &str, val: &str) -> Result<(), String> {
        self.set_inner(name, val).map_err(|e| flag_error(name, val, &e))
    }

    fn set_inner(&mut self, name: &str, val: &str) -> Result<(), String> {
        if name == "not" {
            if self.blacklisting {
                return Err("consecutive --not statements".into());
            }
            self.blacklisting = true;
            return Ok(());
        }
        let t = if self.blacklisting {
            self.blacklisting = false;
            self.black.get_or_insert_with(Default::default)
        } else {
            self.white.get_or_insert_with(Default::default)
        };
        let first_use = !t.changed.iter().any(|c| c == name);
        if first_use {
            t.changed.push(name.to_string());
        }
        t.conflict()?;
        let v = val.to_string();
        match name {
            "uuid" => t.apply(|f| f.uuid.push(v.clone())),
            "fqdn" => t.split(
                |f| f.source_fqdn.push(v.clone()),
                |f| f.destination_fqdn.push(v.clone()),
            ),
            "from-fqdn" => t.apply(|f| f.source_fqdn.push(v.clone())),
            "to-fqdn" => t.apply(|f| f.destination_fqdn.push(v.clone())),
            "pod" => t.split(|f| f.source_pod.push(v.clone()), |f| f.destination_pod.push(v.clone())),
            "from-pod" => t.apply(|f| f.source_pod.push(v.clone())),
            "to-pod" => t.apply(|f| f.destination_pod.push(v.clone())),
            "ip" => t.split(|f| f.source_ip.push(v.clone()), |f| f.destination_ip.push(v.clone())),
            "from-ip" => t.apply(|f| f.source_ip.push(v.clone())),
            "snat-ip" => t.apply(|f| f.source_ip_xlated.push(v.clone())),
            "to-ip" => t.apply(|f| f.destination_ip.push(v.clone())),
            "ipv4" => t.apply(|f| f.ip_version.push(1)),
            "ipv6" => t.apply(|f| f.ip_version.push(2)),
            "ip-version" => {
                let iv = match val.to_lowercase().as_str() {
                    "4" | "v4" | "ipv4" | "ip4" => 1,
                    "6" | "v6" | "ipv6" | "ip6" => 2,
                    _ => 0,
                };
                t.apply(|f| f.ip_version.push(iv));
            }
            "label" => t.split(
                |f| f.source_label.push(v.clone()),
                |f| f.destination_label.push(v.clone()),
            ),
            "from-label" => t.apply(|f| f.source_label.push(v.clone())),
            "to-label" => t.apply(|f| f.destination_label.push(v.clone())),
            "namespace" => t.ns.push(v),
            "from-namespace" => t.src_ns.push(v),
            "to-namespace" => t.dst_ns.push(v),
            "all-namespaces" => t.ns.push(String::new()),
            "from-all-namespaces" => t.src_ns.push(String::new()),
            "to-all-namespaces" => t.dst_ns.push(String::new()),
            "service" => t.split(
                |f| f.source_service.push(v.clone()),
                |f| f.destination_service.push(v.clone()),
            ),
            "from-service" => t.apply(|f| f.source_service.push(v.clone())),
            "to-service" => t.apply(|f| f.destination_service.push(v.clone())),
            "port" => t.split(
                |f| f.source_port.push(v.clone()),
                |f| f.destination_port.push(v.clone()),
            ),
            "from-port" => t.apply(|f| f.source_port.push(v.clone())),
            "to-port" => t.apply(|f| f.destination_port.push(v.clone())),
            "trace-id" => t.apply(|f| f.trace_id.push(v.clone())),
            "verdict" => {
                if first_use {
                    t.apply(|f| f.verdict.clear());
                }
                let n = protojson::enum_value(".flow.Verdict", val)
                    .ok_or_else(|| format!("invalid --verdict value: {val}"))?;
                t.apply(|f| f.verdict.push(n));
            }
            "drop-reason-desc" => {
                if val.is_empty() {
                    return Err("empty --drop-reason-desc value".into());
                }
                let n = protojson::enum_value(".flow.DropReason", val)
                    .ok_or_else(|| format!("invalid --drop-reason-desc value: {val}"))?;
                t.apply(|f| f.drop_reason_desc.push(n));
            }
            "http-status" => t.apply(|f| f.http_status_code.push(v.clone())),
            "http-method" => t.apply(|f| f.http_method.push(v.clone())),
            "http-path" => t.apply(|f| f.http_path.push(v.clone())),
            "http-url" => t.apply(|f| f.http_url.push(v.clone())),
            "type" => {
                if first_use {
                    t.apply(|f| f.event_type.clear());
                }
                let etf = parse_type(val)?;
                t.apply(|f| f.event_type.push(etf));
            }
            "protocol" => t.apply(|f| f.protocol.push(v.clone())),
            "workload" | "from-workload" | "to-workload" => {
                let (kind, wname) = match val.split_once('/') {
                    Some((k, n)) => (k.to_string(), n.to_string()),
                    None => (String::new(), val.to_string()),
                };
                let w = Workload { name: wname, kind };
                match name {
                    "workload" => t.split(
                        |f| f.source_workload.push(w.clone()),
                        |f| f.destination_workload.push(w.clone()),
                    ),
                    "from-workload" => t.apply(|f| f.source_workload.push(w.clone())),
                    _ => t.apply(|f| f.destination_workload.push(w.clone())),
                }
            }
            "identity" | "from-identity" | "to-identity" => {
                let id = names::parse_identity(val).ok_or_else(|| {
                    format!(
                        "invalid security identity, expected one of {} or a numeric value",
                        reserved_names()
                    )
                })?;
                match name {
                    "identity" => t.split(|f| f.source_identity.push(id), |f| f.destination_identity.push(id)),
                    "from-identity" => t.apply(|f| f.source_identity.push(id)),
                    _ => t.apply(|f| f.destination_identity.push(id)),
                }
            }
            "node-name" => t.apply(|f| f.node_name.push(v.clone())),
            "node-label" => t.apply(|f| f.node_labels.push(v.clone())),
            "cluster" => t.split(
                |f| f.source_cluster_name.push(v.clone()),
                |f| f.destination_cluster_name.push(v.clone()),
            ),
            "from-cluster" => t.apply(|f| f.source_cluster_name.push(v.clone())),
            "to-cluster" => t.apply(|f| f.destination_cluster_name.push(v.clone())),
            "tcp-flags" => {
                let flags = parse_tcp_flags(val)?;
                t.apply(|f| f.tcp_flags.push(flags));
            }
            "traffic-direction" => {
                let td = val.to_lowercase();
                let d = match td.as_str() {
                    "ingress" => 1,
                    "egress" => 2,
                    _ => return Err(format!("{td}: invalid traffic direction, expected ingress or egress")),
                };
                t.apply(|f| f.traffic_direction.push(d));
            }
            "interface" => t.apply(|f| {
                f.interface.push(super::proto::flow::NetworkInterface {
                    index: 0,
                    name: v.clone(),
                });
            }),
            "encrypted" => t.apply(|f| f.encrypted.push(true)),
            "unencrypted" => t.apply(|f| f.encrypted.push(false)),
            other => return Err(format!("unknown filter flag --{other}")),
        }
        t.namespace_conflicts()
    }

    /// The final lists; an unfinished `--not` is an error.
    pub fn finish(self) -> Result<Filters, String> {
        if self.blacklisting {
            return Err("trailing --not found in the arguments".into());
        }
        Ok(Filters {
            whitelist: self.white.map(Tracker::filters).unwrap_or_default(),
            blacklist: self.black.map(Tracker::filters).unwrap_or_default(),
        })
    }
}

/// The checks the Hubble server makes when it builds a request's filters
/// (pkg/hubble/filters: `BuildFilterList`, whitelist then blacklist, each filter in the
/// `DefaultFilters` order). The Hubble CLI prints the server's message as the error; cdbg makes
/// the same checks before it connects, with the same words.
pub fn check_values(f: &Filters) -> Result<(), String> {
    f.whitelist.iter().chain(&f.blacklist).try_for_each(check_filter)
}

fn check_filter(f: &FlowFilter) -> Result<(), String> {
    // ProtocolFilter.
    for p in &f.protocol {
        let known = ["icmp", "icmpv4", "icmpv6", "tcp", "udp", "sctp", "dns", "http", "kafka"];
        if !known.contains(&p.to_lowercase().as_str()) {
            return Err(format!("invalid protocol filter: unknown protocol: {p:?}"));
        }
    }
    // IPFilter.
    for ip in f.source_ip.iter().chain(&f.destination_ip).chain(&f.source_ip_xlated) {
        check_ip(ip)?;
    }
    // PortFilter.
    for (side, ports) in [("source", &f.source_port), ("destination", &f.destination_port)] {
        for p in ports {
            parse_go_uint(p, u64::from(u16::MAX))
                .map_err(|e| format!("invalid {side} port filter: invalid port {p:?}: {e}"))?;
        }
    }
    // HTTPFilter: HTTP fields match only L7 events.
    let l7_ok = f.event_type.is_empty() || f.event_type.iter().any(|t| t.r#type == names::msg_type::ACCESS_LOG);
    for (what, set) in [
        ("status code", !f.http_status_code.is_empty()),
        ("method", !f.http_method.is_empty()),
        ("path", !f.http_path.is_empty()),
    ] {
        if set && !l7_ok {
            return Err(format!(
                "filtering by http {what} requires the event type filter to only match 'l7' events"
            ));
        }
        if what == "status code" {
            for c in &f.http_status_code {
                if !http_status_ok(c) {
                    return Err(format!(
                        "invalid http status code filter: invalid status code prefix: {c:?}"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Go `net.ParseIP` / `net.ParseCIDR` as the IP filter uses them.
fn check_ip(ip: &str) -> Result<(), String> {
    match ip.split_once('/') {
        Some((addr, bits)) => {
            let max = match addr.parse::<std::net::IpAddr>() {
                Ok(std::net::IpAddr::V4(_)) => 32,
                Ok(std::net::IpAddr::V6(_)) => 128,
                Err(_) => return Err(format!("invalid CIDR in filter: {ip:?}")),
            };
            let digits_ok = !bits.is_empty()
                && bits.len() <= 3
                && bits.bytes().all(|b| b.is_ascii_digit())
                && (bits == "0" || !bits.starts_with('0'));
            if !digits_ok || bits.parse::<u32>().map_or(true, |b| b > max) {
                return Err(format!("invalid CIDR in filter: {ip:?}"));
            }
            Ok(())
        }
        None if ip.parse::<std::net::IpAddr>().is_ok() => Ok(()),
        None => Err(format!("invalid IP address in filter: {ip:?}")),
    }
}

/// Go `strconv.ParseUint(s, 10, bits)` with its error text.
fn parse_go_uint(s: &str, max: u64) -> Result<u64, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("strconv.ParseUint: parsing {s:?}: invalid syntax"));
    }
    match s.parse::<u64>() {
        Ok(v) if v <= max => Ok(v),
        _ => Err(format!("strconv.ParseUint: parsing {s:?}: value out of range")),
    }
}

/// `^[1-5][0-9]{2}$` or `^[1-5][0-9]?\+$`.
fn http_status_ok(s: &str) -> bool {
    let b = s.as_bytes();
    let first = |b: &[u8]| matches!(b.first(), Some(b'1'..=b'5'));
    let digits = |b: &[u8]| b.iter().all(u8::is_ascii_digit);
    match b.strip_suffix(b"+") {
        Some(head) => (1..=2).contains(&head.len()) && first(head) && digits(head),
        None => b.len() == 3 && first(b) && digits(b),
    }
}

fn parse_tcp_flags(val: &str) -> Result<TcpFlags, String> {
    let mut f = TcpFlags::default();
    for p in val.split(',') {
        match p.to_uppercase().as_str() {
            "SYN" => f.syn = true,
            "FIN" => f.fin = true,
            "RST" => f.rst = true,
            "PSH" => f.psh = true,
            "ACK" => f.ack = true,
            "URG" => f.urg = true,
            "ECE" => f.ece = true,
            "CWR" => f.cwr = true,
            "NS" => f.ns = true,
            _ => return Err(format!("unknown tcp flag: {p}")),
        }
    }
    Ok(f)
}

/// `--type TYPE[:SUBTYPE]`.
fn parse_type(val: &str) -> Result<EventTypeFilter, String> {
    let (ty, sub) = match val.split_once(':') {
        Some((t, s)) => (t, Some(s)),
        None => (val, None),
    };
    let t = match names::MESSAGE_TYPE_NAMES.iter().find(|(n, _)| *n == ty) {
        Some((_, t)) => *t,
        None => parse_u(ty).map_err(|e| {
            format!("unable to parse type '{ty}', not a known type name and unable to parse as numeric value: {e}")
        })?,
    };
    let mut f = EventTypeFilter {
        r#type: t,
        match_sub_type: false,
        sub_type: 0,
    };
    if let Some(s) = sub {
        let named = match t {
            names::msg_type::TRACE => names::TRACE_POINTS.iter().find(|(_, n)| *n == s).map(|(v, _)| *v),
            names::msg_type::AGENT => names::AGENT_SUBTYPES.iter().find(|(n, _)| *n == s).map(|(_, v)| *v),
            _ => None,
        };
        f.match_sub_type = true;
        f.sub_type = match named {
            Some(v) => v,
            None => parse_u(s).map_err(|e| {
                format!("unable to parse event sub-type '{s}', not a known sub-type name and unable to parse as numeric value: {e}")
            })?,
        };
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(flags: &[(&str, &str)]) -> Result<Filters, String> {
        let mut b = Builder::default();
        for (n, v) in flags {
            b.set(n, v)?;
        }
        b.finish()
    }

    #[test]
    fn symmetric_flags_make_two_filters_and_one_directional_collapse() {
        let f = build(&[("pod", "curl"), ("verdict", "DROPPED")]).unwrap();
        assert_eq!(f.whitelist.len(), 2);
        assert_eq!(f.whitelist[0].source_pod, vec!["curl"]);
        assert_eq!(f.whitelist[1].destination_pod, vec!["curl"]);
        assert_eq!(f.whitelist[0].verdict, vec![2]);
        assert_eq!(f.whitelist[1].verdict, vec![2]);
        let f = build(&[("from-pod", "default/curl"), ("to-port", "80")]).unwrap();
        assert_eq!(f.whitelist.len(), 1);
        assert_eq!(f.whitelist[0].destination_port, vec!["80"]);
    }

    #[test]
    fn namespace_becomes_pod_prefixes() {
        let f = build(&[("namespace", "kube-system")]).unwrap();
        assert_eq!(f.whitelist[0].source_pod, vec!["kube-system/"]);
        assert_eq!(f.whitelist[1].destination_pod, vec!["kube-system/"]);
    }

    #[test]
    fn not_goes_to_blacklist() {
        let f = build(&[("not", "true"), ("verdict", "FORWARDED"), ("protocol", "tcp")]).unwrap();
        assert_eq!(f.blacklist.len(), 1);
        assert_eq!(f.blacklist[0].verdict, vec![1]);
        assert_eq!(f.whitelist[0].protocol, vec!["tcp"]);
        assert_eq!(
            build(&[("not", "true")]).unwrap_err(),
            "trailing --not found in the arguments"
        );
        assert_eq!(
            build(&[("not", "true"), ("not", "true")]).unwrap_err(),
            "invalid argument \"true\" for \"--not\" flag: consecutive --not statements"
        );
    }

    #[test]
    fn errors_read_as_the_hubble_cli() {
        assert_eq!(
            build(&[("verdict", "FOO")]).unwrap_err(),
            "invalid argument \"FOO\" for \"--verdict\" flag: invalid --verdict value: FOO"
        );
        assert_eq!(
            build(&[("from-pod", "a"), ("from-ip", "1.1.1.1")]).unwrap_err(),
            "invalid argument \"1.1.1.1\" for \"--from-ip\" flag: filters --from-ip and --from-pod cannot be combined"
        );
        assert!(build(&[("type", "bogus")])
            .unwrap_err()
            .starts_with("invalid argument \"bogus\" for \"-t, --type\" flag: unable to parse type 'bogus'"));
    }

    fn checked(flags: &[(&str, &str)]) -> Result<(), String> {
        check_values(&build(flags)?)
    }

    #[test]
    fn server_side_checks_read_as_the_hubble_server() {
        assert_eq!(
            checked(&[("protocol", "tcpx")]).unwrap_err(),
            "invalid protocol filter: unknown protocol: \"tcpx\""
        );
        assert!(checked(&[("protocol", "TCP"), ("protocol", "sctp"), ("protocol", "kafka")]).is_ok());
        assert_eq!(
            checked(&[("to-ip", "10.0.0")]).unwrap_err(),
            "invalid IP address in filter: \"10.0.0\""
        );
        assert_eq!(
            checked(&[("from-ip", "10.0.0.0/33")]).unwrap_err(),
            "invalid CIDR in filter: \"10.0.0.0/33\""
        );
        assert_eq!(
            checked(&[("snat-ip", "nope")]).unwrap_err(),
            "invalid IP address in filter: \"nope\""
        );
        assert!(checked(&[("ip", "fd00::1"), ("ip", "fd00::/8"), ("ip", "0.0.0.0/0")]).is_ok());
        assert_eq!(
            checked(&[("port", "http")]).unwrap_err(),
            "invalid source port filter: invalid port \"http\": strconv.ParseUint: parsing \"http\": invalid syntax"
        );
        assert_eq!(
            checked(&[("to-port", "65536")]).unwrap_err(),
            "invalid destination port filter: invalid port \"65536\": strconv.ParseUint: parsing \"65536\": value out of range"
        );
        assert!(checked(&[("port", "65535")]).is_ok());
        assert!(checked(&[("from-port", "0")]).is_ok());
        for ok in ["200", "5+", "40+", "599"] {
            assert!(checked(&[("http-status", ok)]).is_ok(), "{ok}");
        }
        for bad in ["600", "2000", "+", "5", "500+", "6+", "20x"] {
            assert_eq!(
                checked(&[("http-status", bad)]).unwrap_err(),
                format!("invalid http status code filter: invalid status code prefix: {bad:?}")
            );
        }
        assert_eq!(
            checked(&[("http-method", "get"), ("type", "drop")]).unwrap_err(),
            "filtering by http method requires the event type filter to only match 'l7' events"
        );
        assert!(checked(&[("http-status", "404"), ("type", "l7")]).is_ok());
        // The blacklist is checked too.
        assert!(checked(&[("not", "true"), ("protocol", "bogus")]).is_err());
    }

    #[test]
    fn pods_and_services_of_one_side_share_a_namespace() {
        assert_eq!(
            build(&[("from-pod", "a/x"), ("from-service", "b/svc")]).unwrap_err(),
            "invalid argument \"b/svc\" for \"--from-service\" flag: namespace of service \"b/svc\" conflict with pod \"a\""
        );
        assert!(build(&[("from-pod", "a/x"), ("from-service", "a/svc")]).is_ok());
    }

    #[test]
    fn type_subtypes() {
        let f = build(&[("type", "trace:to-endpoint")]).unwrap();
        assert_eq!(
            f.whitelist[0].event_type,
            vec![EventTypeFilter {
                r#type: 4,
                match_sub_type: true,
                sub_type: 0
            }]
        );
        let f = build(&[("type", "drop")]).unwrap();
        assert_eq!(f.whitelist[0].event_type[0].r#type, 1);
    }
}
