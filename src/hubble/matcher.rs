//! Hubble's server-side flow selection, as the agent applies a GetFlowsRequest: the
//! whitelist/blacklist filters, the since/until window and the first/last N. The lab's Hubble
//! server and snapshot replay (`observe --from`) both select flows here.

use std::net::IpAddr;

use super::proto::flow::{self, layer4::Protocol, Flow, FlowFilter};
use super::proto::observer::{self, get_flows_response::ResponseTypes, GetFlowsResponse};

pub fn time_ns(t: &prost_types::Timestamp) -> i128 {
    i128::from(t.seconds) * 1_000_000_000 + i128::from(t.nanos)
}

// ---- server-side filtering (as the agent's Hubble filters do) ----

fn ip_match(filters: &[String], ip: &str) -> bool {
    let Ok(addr) = ip.parse::<IpAddr>() else { return false };
    filters.iter().any(|f| match f.split_once('/') {
        None => f.parse::<IpAddr>().is_ok_and(|a| a == addr),
        Some((net, bits)) => {
            let (Ok(net), Ok(bits)) = (net.parse::<IpAddr>(), bits.parse::<u32>()) else {
                return false;
            };
            match (net, addr) {
                (IpAddr::V4(n), IpAddr::V4(a)) if bits <= 32 => {
                    let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
                    u32::from(n) & mask == u32::from(a) & mask
                }
                (IpAddr::V6(n), IpAddr::V6(a)) if bits <= 128 => {
                    let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
                    u128::from(n) & mask == u128::from(a) & mask
                }
                _ => false,
            }
        }
    })
}

/// `[namespace/]prefix`, namespace `default` when not given; `ns/` matches a whole namespace.
fn name_match(filters: &[String], ns: &str, name: &str) -> bool {
    filters.iter().any(|f| {
        let (fns, prefix) = f.split_once('/').unwrap_or(("default", f.as_str()));
        !name.is_empty() && fns == ns && name.starts_with(prefix)
    })
}

fn label_match(selectors: &[String], labels: &[String]) -> bool {
    let plain = |l: &str| l.split_once(':').map_or(l.to_string(), |(_, r)| r.to_string());
    selectors.iter().any(|sel| {
        sel.split(',').all(|term| {
            let term = term.trim();
            labels
                .iter()
                .any(|l| l == term || plain(l) == term || plain(l) == plain(term))
                || (!term.contains('=') && labels.iter().any(|l| plain(l).split('=').next() == Some(term)))
        })
    })
}

pub fn glob(pattern: &str, s: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == s,
        Some((pre, rest)) => {
            if !s.starts_with(pre) {
                return false;
            }
            let tail = &s[pre.len()..];
            (0..=tail.len()).any(|i| tail.is_char_boundary(i) && glob(rest, &tail[i..]))
        }
    }
}

fn ports(f: &Flow) -> Option<(u32, u32)> {
    match f.l4.as_ref()?.protocol.as_ref()? {
        Protocol::Tcp(t) => Some((t.source_port, t.destination_port)),
        Protocol::Udp(u) => Some((u.source_port, u.destination_port)),
        Protocol::Sctp(s) => Some((s.source_port, s.destination_port)),
        _ => None,
    }
}

#[allow(deprecated)] // layer7 Kafka records are deprecated upstream but still matched.
fn protocol_of(f: &Flow) -> Vec<&'static str> {
    let mut v = Vec::new();
    if let Some(p) = f.l4.as_ref().and_then(|l| l.protocol.as_ref()) {
        v.extend_from_slice(match p {
            Protocol::Tcp(_) => &["tcp"][..],
            Protocol::Udp(_) => &["udp"],
            Protocol::IcmPv4(_) => &["icmp", "icmpv4"],
            Protocol::IcmPv6(_) => &["icmp", "icmpv6"],
            Protocol::Sctp(_) => &["sctp"],
            Protocol::Vrrp(_) => &["vrrp"],
            Protocol::Igmp(_) => &["igmp"],
        });
    }
    if let Some(r) = f.l7.as_ref().and_then(|l| l.record.as_ref()) {
        v.push(match r {
            flow::layer7::Record::Dns(_) => "dns",
            flow::layer7::Record::Http(_) => "http",
            flow::layer7::Record::Kafka(_) => "kafka",
        });
    }
    v
}

/// Does one FlowFilter match (every set field must)?
pub fn filter_matches(ff: &FlowFilter, f: &Flow) -> bool {
    let ep = |e: &Option<flow::Endpoint>| e.clone().unwrap_or_default();
    let (src, dst) = (ep(&f.source), ep(&f.destination));
    let ip = f.ip.clone().unwrap_or_default();
    let (sport, dport) = ports(f).map_or((String::new(), String::new()), |(s, d)| (s.to_string(), d.to_string()));
    let svc = |s: &Option<flow::Service>| s.clone().unwrap_or_default();
    let (ssvc, dsvc) = (svc(&f.source_service), svc(&f.destination_service));
    let http_code = f.l7.as_ref().and_then(|l| match &l.record {
        Some(flow::layer7::Record::Http(h)) => Some(h.code),
        _ => None,
    });
    let checks: Vec<(bool, bool)> = vec![
        (!ff.uuid.is_empty(), ff.uuid.contains(&f.uuid)),
        (!ff.source_ip.is_empty(), ip_match(&ff.source_ip, &ip.source)),
        (
            !ff.source_ip_xlated.is_empty(),
            ip_match(&ff.source_ip_xlated, &ip.source_xlated),
        ),
        (
            !ff.destination_ip.is_empty(),
            ip_match(&ff.destination_ip, &ip.destination),
        ),
        (
            !ff.source_pod.is_empty(),
            name_match(&ff.source_pod, &src.namespace, &src.pod_name),
        ),
        (
            !ff.destination_pod.is_empty(),
            name_match(&ff.destination_pod, &dst.namespace, &dst.pod_name),
        ),
        (
            !ff.source_service.is_empty(),
            name_match(&ff.source_service, &ssvc.namespace, &ssvc.name),
        ),
        (
            !ff.destination_service.is_empty(),
            name_match(&ff.destination_service, &dsvc.namespace, &dsvc.name),
        ),
        (!ff.source_label.is_empty(), label_match(&ff.source_label, &src.labels)),
        (
            !ff.destination_label.is_empty(),
            label_match(&ff.destination_label, &dst.labels),
        ),
        (
            !ff.source_fqdn.is_empty(),
            ff.source_fqdn.iter().any(|p| f.source_names.iter().any(|n| glob(p, n))),
        ),
        (
            !ff.destination_fqdn.is_empty(),
            ff.destination_fqdn
                .iter()
                .any(|p| f.destination_names.iter().any(|n| glob(p, n))),
        ),
        (
            !ff.source_identity.is_empty(),
            ff.source_identity.contains(&src.identity),
        ),
        (
            !ff.destination_identity.is_empty(),
            ff.destination_identity.contains(&dst.identity),
        ),
        (
            !ff.source_cluster_name.is_empty(),
            ff.source_cluster_name.iter().any(|p| glob(p, &src.cluster_name)),
        ),
        (
            !ff.destination_cluster_name.is_empty(),
            ff.destination_cluster_name.iter().any(|p| glob(p, &dst.cluster_name)),
        ),
        (!ff.verdict.is_empty(), ff.verdict.contains(&f.verdict)),
        (
            !ff.drop_reason_desc.is_empty(),
            ff.drop_reason_desc.contains(&f.drop_reason_desc),
        ),
        (
            !ff.traffic_direction.is_empty(),
            ff.traffic_direction.contains(&f.traffic_direction),
        ),
        (
            !ff.event_type.is_empty(),
            ff.event_type.iter().any(|e| {
                let et = f.event_type.unwrap_or_default();
                e.r#type == et.r#type && (!e.match_sub_type || e.sub_type == et.sub_type)
            }),
        ),
        (
            !ff.http_status_code.is_empty(),
            http_code.is_some_and(|c| {
                let c = c.to_string();
                ff.http_status_code.iter().any(|p| match p.strip_suffix('+') {
                    Some(pre) => c.starts_with(pre),
                    None => *p == c,
                })
            }),
        ),
        (
            !ff.protocol.is_empty(),
            ff.protocol
                .iter()
                .any(|p| protocol_of(f).contains(&p.to_lowercase().as_str())),
        ),
        (!ff.source_port.is_empty(), ff.source_port.contains(&sport)),
        (!ff.destination_port.is_empty(), ff.destination_port.contains(&dport)),
        (!ff.reply.is_empty(), ff.reply.contains(&f.is_reply.unwrap_or(false))),
        (
            !ff.node_name.is_empty(),
            ff.node_name.iter().any(|p| glob(p, &f.node_name)),
        ),
        (!ff.ip_version.is_empty(), ff.ip_version.contains(&ip.ip_version)),
        (!ff.encrypted.is_empty(), ff.encrypted.contains(&ip.encrypted)),
        (
            !ff.tcp_flags.is_empty(),
            ff.tcp_flags.iter().any(|want| {
                let have = match f.l4.as_ref().and_then(|l| l.protocol.as_ref()) {
                    Some(Protocol::Tcp(t)) => t.flags.unwrap_or_default(),
                    _ => return false,
                };
                (!want.syn || have.syn)
                    && (!want.ack || have.ack)
                    && (!want.fin || have.fin)
                    && (!want.rst || have.rst)
                    && (!want.psh || have.psh)
                    && (!want.urg || have.urg)
            }),
        ),
        (
            !ff.interface.is_empty(),
            f.interface
                .as_ref()
                .is_some_and(|i| ff.interface.iter().any(|w| w.name == i.name)),
        ),
        // The lab has no L7, DNS or workload-typed data: such filters match nothing.
        (
            !ff.http_method.is_empty() || !ff.http_path.is_empty() || !ff.http_url.is_empty(),
            false,
        ),
        (
            !ff.http_header.is_empty() || !ff.dns_query.is_empty() || !ff.trace_id.is_empty(),
            false,
        ),
        (
            !ff.source_workload.is_empty(),
            ff.source_workload.iter().any(|w| {
                src.workloads
                    .iter()
                    .any(|x| x.name == w.name && (w.kind.is_empty() || w.kind == x.kind))
            }),
        ),
        (
            !ff.destination_workload.is_empty(),
            ff.destination_workload.iter().any(|w| {
                dst.workloads
                    .iter()
                    .any(|x| x.name == w.name && (w.kind.is_empty() || w.kind == x.kind))
            }),
        ),
        (!ff.node_labels.is_empty(), label_match(&ff.node_labels, &f.node_labels)),
        (!ff.ip_trace_id.is_empty(), false),
    ];
    checks.iter().all(|(set, ok)| !set || *ok)
}

/// Whitelist (any) minus blacklist (any).
pub fn request_matches(req: &observer::GetFlowsRequest, f: &Flow) -> bool {
    (req.whitelist.is_empty() || req.whitelist.iter().any(|w| filter_matches(w, f)))
        && !req.blacklist.iter().any(|b| filter_matches(b, f))
}

/// The history part of GetFlows over `ring` (oldest first): since/until window and filters, then
/// the first or last N.
pub fn history<'a>(req: &observer::GetFlowsRequest, ring: &'a [GetFlowsResponse]) -> Vec<&'a GetFlowsResponse> {
    let matching: Vec<&GetFlowsResponse> = ring
        .iter()
        .filter(|r| {
            let Some(ResponseTypes::Flow(f)) = &r.response_types else {
                return true;
            };
            let t = f.time.as_ref().map_or(0, time_ns);
            req.since.as_ref().is_none_or(|s| t >= time_ns(s))
                && req.until.as_ref().is_none_or(|u| t <= time_ns(u))
                && request_matches(req, f)
        })
        .collect();
    let n = usize::try_from(req.number).unwrap_or(usize::MAX);
    let windowed = req.since.is_some() || req.until.is_some();
    if windowed && req.number == 0 {
        matching
    } else if req.first {
        matching.into_iter().take(n).collect()
    } else {
        let skip = matching.len().saturating_sub(n);
        matching.into_iter().skip(skip).collect()
    }
}
