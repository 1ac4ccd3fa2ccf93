//! Lab: the stand-in Hubble server on `hubble.sock` — Observer (GetFlows with server-side
//! FlowFilter matching, ServerStatus, GetNamespaces; GetNodes is Unimplemented as on a real agent)
//! and grpc.health.v1 — over a ring of deterministic flows of the reference node. `--follow`
//! streams new flows (copies of the ring with the current time) at a steady rate.
//!
//! Test hook: every GetFlowsRequest received is written as one protojson line to
//! `hubble-last-request.json` next to the socket, so tests can check which FlowFilters a command
//! sent. `spawn` runs the same server in-process with faults for the error-path tests.

#![allow(deprecated)] // Flow.Summary is deprecated upstream but still filled in by agents.

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use tokio_stream::Stream;
use tonic::{Request, Response, Status};

use super::node::{self, identity as id};
use super::Lab;
use crate::hubble::proto::flow::{self, layer4::Protocol, Flow};
use crate::hubble::proto::health::{self, health_server};
use crate::hubble::proto::observer::{self, get_flows_response::ResponseTypes, observer_server, GetFlowsResponse};
use crate::hubble::protojson;

/// The ring's first flow: 2025-07-20T06:00:00Z.
pub const BASE_SECS: i64 = 1_752_991_200;
/// Ring capacity the lab reports (the agent default 4095).
pub const MAX_FLOWS: u64 = 4095;
/// The lab agent "started" this long before the ring's first flow.
const STARTED_BEFORE_BASE_NS: u64 = 2 * 3_600_000_000_000 + 14 * 60_000_000_000 + 7_500_000_000;
/// Name of the test-hook file (next to the socket).
pub const LAST_REQUEST_FILE: &str = "hubble-last-request.json";

/// Fault injection for the in-process test server.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    /// Serve only the health service (Observer calls get Unimplemented).
    pub no_observer: bool,
    /// Give flows verdict/type/direction values no Hubble release defines.
    pub unknown_enums: bool,
    /// End every GetFlows stream with an error after this many responses.
    pub reset_after: Option<usize>,
    /// Append [`extras`] to the ring: an auth-typed policy verdict and a lost-events record.
    pub extras: bool,
}

/// Server options.
#[derive(Debug, Clone)]
pub struct Options {
    pub faults: Faults,
    /// Interval between generated flows with `follow`.
    pub follow_interval: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            faults: Faults::default(),
            follow_interval: Duration::from_millis(200),
        }
    }
}

fn ts(ms: i64) -> prost_types::Timestamp {
    let ns = ms * 1_000_000;
    prost_types::Timestamp {
        seconds: BASE_SECS + ns.div_euclid(1_000_000_000),
        nanos: ns.rem_euclid(1_000_000_000) as i32,
    }
}

/// An endpoint of the reference node (local endpoint, remote pod, or reserved identity at an IP).
fn endpoint_for(ip: &str) -> flow::Endpoint {
    let labels = |identity: u32| -> Vec<String> {
        node::IDENTITIES
            .iter()
            .find(|i| i.id == identity)
            .map(|i| i.labels.iter().map(|s| (*s).to_string()).collect())
            .unwrap_or_default()
    };
    let workload = |pod: &str| -> Vec<flow::Workload> {
        // Deployment pods are named <deployment>-<replicaset hash>-<suffix>.
        let parts: Vec<&str> = pod.rsplitn(3, '-').collect();
        if parts.len() == 3 {
            vec![flow::Workload {
                name: parts[2].to_string(),
                kind: "Deployment".into(),
            }]
        } else {
            Vec::new()
        }
    };
    let pod_fields = |pod: &str| -> (String, String) {
        pod.split_once('/')
            .map_or((String::new(), String::new()), |(n, p)| (n.to_string(), p.to_string()))
    };
    if let Some(e) = node::ENDPOINTS.iter().find(|e| e.ipv4 == ip) {
        let (namespace, pod_name) = pod_fields(e.pod);
        return flow::Endpoint {
            id: u32::from(e.id),
            identity: e.identity,
            cluster_name: node::CLUSTER_NAME.into(),
            namespace,
            labels: labels(e.identity),
            workloads: workload(&pod_name),
            pod_name,
        };
    }
    if let Some(r) = node::REMOTE_PODS.iter().find(|r| r.ip == ip) {
        let (namespace, pod_name) = pod_fields(r.pod);
        return flow::Endpoint {
            identity: r.identity,
            cluster_name: node::CLUSTER_NAME.into(),
            namespace,
            labels: labels(r.identity),
            workloads: workload(&pod_name),
            pod_name,
            ..Default::default()
        };
    }
    let identity = if node::NODES.iter().any(|n| n.health_ip == ip) {
        id::HEALTH
    } else if node::NODES.iter().any(|n| n.ip == ip) {
        id::REMOTE_NODE
    } else {
        id::WORLD
    };
    flow::Endpoint {
        identity,
        cluster_name: node::CLUSTER_NAME.into(),
        labels: labels(identity),
        ..Default::default()
    }
}

/// What the datapath saw; the ring builder turns it into a Flow.
#[derive(Clone, Copy)]
enum Kind {
    /// Trace event at an observation point (datapath numbering).
    Trace(i32),
    /// Policy verdict: match type, allowed?
    Verdict(u32, bool),
    /// Drop with a datapath reason.
    Drop(i32),
}

#[derive(Clone, Copy)]
enum L4 {
    Tcp(u16, u16, &'static str),
    Udp(u16, u16),
    Icmp(u32),
}

struct Spec {
    ms: i64,
    src: &'static str,
    dst: &'static str,
    l4: L4,
    kind: Kind,
    reply: Option<bool>,
}

const CURL: &str = "172.20.0.87";
const DNS: &str = "172.20.0.24";
const WEB: &str = "172.20.2.2";
const ECHO: &str = "172.20.1.80";
const HEALTH: &str = "172.20.0.223";
const HEALTH_W1: &str = "172.20.1.12";
const HEALTH_W2: &str = "172.20.2.130";

const TO_ENDPOINT: Kind = Kind::Trace(0);
const TO_OVERLAY: Kind = Kind::Trace(4);

fn specs() -> Vec<Spec> {
    use L4::*;
    let s = |ms, src, dst, l4, kind, reply| Spec {
        ms,
        src,
        dst,
        l4,
        kind,
        reply,
    };
    vec![
        // cilium-health on cilium-w1 probes this node's health endpoint (HTTP on 4240).
        s(
            112,
            HEALTH_W1,
            HEALTH,
            Tcp(38240, 4240, "SYN"),
            TO_ENDPOINT,
            Some(false),
        ),
        s(
            113,
            HEALTH,
            HEALTH_W1,
            Tcp(4240, 38240, "SYN,ACK"),
            TO_OVERLAY,
            Some(true),
        ),
        // This node's health endpoint pings cilium-w2's.
        s(487, HEALTH, HEALTH_W2, Icmp(8), TO_OVERLAY, Some(false)),
        s(489, HEALTH_W2, HEALTH, Icmp(0), TO_ENDPOINT, Some(true)),
        // curl-pod resolves webpod via kube-dns (socket LB already picked coredns-…-5xk2p).
        s(1204, CURL, DNS, Udp(41503, 53), Kind::Verdict(2, true), Some(false)),
        s(1204, CURL, DNS, Udp(41503, 53), TO_ENDPOINT, Some(false)),
        s(1205, DNS, CURL, Udp(53, 41503), TO_ENDPOINT, Some(true)),
        // curl-pod → webpod (service default/webpod, backend on cilium-w2): one HTTP exchange.
        s(
            1209,
            CURL,
            WEB,
            Tcp(38512, 80, "SYN"),
            Kind::Verdict(2, true),
            Some(false),
        ),
        s(1209, CURL, WEB, Tcp(38512, 80, "SYN"), TO_OVERLAY, Some(false)),
        s(1210, WEB, CURL, Tcp(80, 38512, "SYN,ACK"), TO_ENDPOINT, Some(true)),
        s(1210, CURL, WEB, Tcp(38512, 80, "ACK"), TO_OVERLAY, Some(false)),
        s(1211, CURL, WEB, Tcp(38512, 80, "ACK,PSH"), TO_OVERLAY, Some(false)),
        s(1213, WEB, CURL, Tcp(80, 38512, "ACK,PSH"), TO_ENDPOINT, Some(true)),
        s(1214, CURL, WEB, Tcp(38512, 80, "ACK,FIN"), TO_OVERLAY, Some(false)),
        s(1215, WEB, CURL, Tcp(80, 38512, "ACK,FIN"), TO_ENDPOINT, Some(true)),
        s(1215, CURL, WEB, Tcp(38512, 80, "ACK"), TO_OVERLAY, Some(false)),
        // curl-pod's egress policy does not allow echo: denied, then the SYN retransmit.
        s(
            2731,
            CURL,
            ECHO,
            Tcp(52110, 8080, "SYN"),
            Kind::Verdict(0, false),
            Some(false),
        ),
        s(2731, CURL, ECHO, Tcp(52110, 8080, "SYN"), Kind::Drop(133), None),
        s(
            3756,
            CURL,
            ECHO,
            Tcp(52110, 8080, "SYN"),
            Kind::Verdict(0, false),
            Some(false),
        ),
        s(3756, CURL, ECHO, Tcp(52110, 8080, "SYN"), Kind::Drop(133), None),
        // The next health round.
        s(
            4113,
            HEALTH_W1,
            HEALTH,
            Tcp(38252, 4240, "SYN"),
            TO_ENDPOINT,
            Some(false),
        ),
        s(
            4114,
            HEALTH,
            HEALTH_W1,
            Tcp(4240, 38252, "SYN,ACK"),
            TO_OVERLAY,
            Some(true),
        ),
        s(4488, HEALTH, HEALTH_W2, Icmp(8), TO_OVERLAY, Some(false)),
        s(4490, HEALTH_W2, HEALTH, Icmp(0), TO_ENDPOINT, Some(true)),
    ]
}

fn tcp_flags(s: &str) -> (flow::TcpFlags, String) {
    let mut f = flow::TcpFlags::default();
    for p in s.split(',') {
        match p {
            "SYN" => f.syn = true,
            "ACK" => f.ack = true,
            "FIN" => f.fin = true,
            "PSH" => f.psh = true,
            "RST" => f.rst = true,
            _ => {}
        }
    }
    // The agent lists flags in this order.
    let order = [
        (f.syn, "SYN"),
        (f.ack, "ACK"),
        (f.rst, "RST"),
        (f.fin, "FIN"),
        (f.psh, "PSH"),
    ];
    let names: Vec<&str> = order.iter().filter(|(on, _)| *on).map(|(_, n)| *n).collect();
    (f, format!("TCP Flags: {}", names.join(", ")))
}

fn is_local(ip: &str) -> bool {
    node::ENDPOINTS.iter().any(|e| e.ipv4 == ip)
}

fn build_flow(i: usize, s: &Spec) -> Flow {
    let (l4, summary) = match s.l4 {
        L4::Tcp(sp, dp, flags) => {
            let (f, summary) = tcp_flags(flags);
            (
                Protocol::Tcp(flow::Tcp {
                    source_port: u32::from(sp),
                    destination_port: u32::from(dp),
                    flags: Some(f),
                }),
                summary,
            )
        }
        L4::Udp(sp, dp) => (
            Protocol::Udp(flow::Udp {
                source_port: u32::from(sp),
                destination_port: u32::from(dp),
            }),
            "UDP".to_string(),
        ),
        L4::Icmp(t) => (
            Protocol::IcmPv4(flow::IcmPv4 { r#type: t, code: 0 }),
            format!("ICMPv4 {}", if t == 8 { "EchoRequest" } else { "EchoReply" }),
        ),
    };
    let source = endpoint_for(s.src);
    let destination = endpoint_for(s.dst);
    // Direction from the local endpoint's point of view.
    let egress = match s.reply {
        Some(true) => !is_local(s.src),
        _ => is_local(s.src),
    };
    let mut f = Flow {
        time: Some(ts(s.ms)),
        uuid: format!("6c1b2f0e-3d4a-4e5b-9c8d-{:012x}", 0x5e00 + i),
        verdict: 1,
        ip: Some(flow::Ip {
            source: s.src.into(),
            destination: s.dst.into(),
            ip_version: flow::IpVersion::IPv4 as i32,
            ..Default::default()
        }),
        l4: Some(flow::Layer4 { protocol: Some(l4) }),
        source: Some(source),
        destination: Some(destination),
        r#type: flow::FlowType::L3L4 as i32,
        node_name: node::NODE_NAME.into(),
        node_labels: vec![
            "beta.kubernetes.io/arch=amd64".into(),
            "beta.kubernetes.io/os=linux".into(),
            format!("kubernetes.io/hostname={}", node::NODE_NAME),
            "kubernetes.io/os=linux".into(),
        ],
        is_reply: s.reply,
        reply: s.reply == Some(true),
        traffic_direction: if egress { 2 } else { 1 },
        summary,
        ..Default::default()
    };
    if s.dst == WEB {
        f.destination_service = Some(flow::Service {
            name: "webpod".into(),
            namespace: "default".into(),
        });
    }
    match s.kind {
        Kind::Trace(point) => {
            f.event_type = Some(flow::CiliumEventType {
                r#type: 4,
                sub_type: point,
            });
            f.trace_observation_point = if point == 0 { 101 } else { point };
            f.trace_reason = if s.reply == Some(true) {
                3
            } else if matches!(s.l4, L4::Tcp(_, _, "SYN")) || matches!(s.l4, L4::Udp(..) | L4::Icmp(8)) {
                1
            } else {
                2
            };
            if point == 0 {
                if let Some(e) = node::ENDPOINTS.iter().find(|e| e.ipv4 == s.dst) {
                    f.interface = Some(flow::NetworkInterface {
                        index: e.ifindex,
                        name: e.ifname.into(),
                    });
                    f.ethernet = Some(flow::Ethernet {
                        source: e.node_mac.into(),
                        destination: e.mac.into(),
                    });
                }
            } else if let Some(e) = node::ENDPOINTS.iter().find(|e| e.ipv4 == s.src) {
                f.ethernet = Some(flow::Ethernet {
                    source: e.mac.into(),
                    destination: e.node_mac.into(),
                });
            }
        }
        Kind::Verdict(match_type, allowed) => {
            f.event_type = Some(flow::CiliumEventType { r#type: 5, sub_type: 0 });
            f.policy_match_type = match_type;
            if !allowed {
                f.verdict = 2;
                f.drop_reason = 133;
                f.drop_reason_desc = 133;
            }
        }
        Kind::Drop(reason) => {
            f.event_type = Some(flow::CiliumEventType {
                r#type: 1,
                sub_type: reason,
            });
            f.verdict = 2;
            f.drop_reason = reason as u32;
            f.drop_reason_desc = reason;
            f.file = Some(flow::FileInfo {
                name: "bpf_lxc.c".into(),
                line: 1405,
            });
            if let Some(e) = node::ENDPOINTS.iter().find(|e| e.ipv4 == s.src) {
                f.ethernet = Some(flow::Ethernet {
                    source: e.mac.into(),
                    destination: e.node_mac.into(),
                });
            }
        }
    }
    f
}

/// The lab's ring buffer: 24 flows of cilium-m1, oldest first, at fixed times.
pub fn ring() -> Vec<GetFlowsResponse> {
    specs()
        .iter()
        .enumerate()
        .map(|(i, s)| wrap(build_flow(i, s)))
        .collect()
}

fn wrap(f: Flow) -> GetFlowsResponse {
    GetFlowsResponse {
        node_name: f.node_name.clone(),
        time: f.time,
        response_types: Some(ResponseTypes::Flow(f)),
    }
}

use crate::hubble::matcher::time_ns;
pub use crate::hubble::matcher::{filter_matches, request_matches};
#[cfg(test)]
use crate::hubble::{matcher::glob, proto::flow::FlowFilter};

// ---- the gRPC services ----

struct State {
    ring: Vec<GetFlowsResponse>,
    opts: Options,
    record: Option<PathBuf>,
}

#[derive(Clone)]
struct ObserverSvc(Arc<State>);

type BoxStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send>>;

fn unknown_enums(mut r: GetFlowsResponse) -> GetFlowsResponse {
    if let Some(ResponseTypes::Flow(f)) = &mut r.response_types {
        f.verdict = 42;
        f.r#type = 9;
        f.traffic_direction = 7;
    }
    r
}

impl ObserverSvc {
    fn record(&self, req: &observer::GetFlowsRequest) {
        if let Some(path) = &self.0.record {
            let line = protojson::to_json(".observer.GetFlowsRequest", req) + "\n";
            let tmp = path.with_extension("tmp");
            if std::fs::write(&tmp, line).is_ok() {
                let _ = std::fs::rename(&tmp, path);
            }
        }
    }

    /// The history part of GetFlows: since/until window, then the first or last N.
    fn history(&self, req: &observer::GetFlowsRequest) -> Vec<GetFlowsResponse> {
        crate::hubble::matcher::history(req, &self.0.ring)
            .into_iter()
            .cloned()
            .collect()
    }
}

#[tonic::async_trait]
impl observer_server::Observer for ObserverSvc {
    type GetFlowsStream = BoxStream<GetFlowsResponse>;
    type GetAgentEventsStream = BoxStream<observer::GetAgentEventsResponse>;
    type GetDebugEventsStream = BoxStream<observer::GetDebugEventsResponse>;

    async fn get_flows(
        &self,
        request: Request<observer::GetFlowsRequest>,
    ) -> Result<Response<Self::GetFlowsStream>, Status> {
        let req = request.into_inner();
        self.record(&req);
        let faults = self.0.opts.faults.clone();
        let interval = self.0.opts.follow_interval;
        let history = self.history(&req);
        let ring = self.0.ring.clone();
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<GetFlowsResponse, Status>>(64);
        tokio::spawn(async move {
            let mut sent = 0usize;
            let mask = req.field_mask.clone();
            let send = |r: GetFlowsResponse| {
                let r = if faults.unknown_enums { unknown_enums(r) } else { r };
                apply_mask(mask.as_ref(), r)
            };
            let reset = |sent: usize| faults.reset_after.is_some_and(|n| sent >= n);
            for r in history {
                if reset(sent) {
                    let _ = tx
                        .send(Err(Status::unavailable("lab fault: stream reset by peer")))
                        .await;
                    return;
                }
                if tx.send(Ok(send(r))).await.is_err() {
                    return;
                }
                sent += 1;
            }
            if !req.follow {
                return;
            }
            let mut tick = tokio::time::interval(interval);
            tick.tick().await;
            for i in 0.. {
                tick.tick().await;
                if reset(sent) {
                    let _ = tx
                        .send(Err(Status::unavailable("lab fault: stream reset by peer")))
                        .await;
                    return;
                }
                let mut r = ring[i % ring.len()].clone();
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default();
                let t = prost_types::Timestamp {
                    seconds: now.as_secs() as i64,
                    nanos: now.subsec_nanos() as i32,
                };
                r.time = Some(t);
                let Some(ResponseTypes::Flow(f)) = &mut r.response_types else {
                    continue;
                };
                f.time = Some(t);
                f.uuid = format!("6c1b2f0e-3d4a-4e5b-9c8d-{:012x}", 0x10_0000 + i);
                if !request_matches(&req, f) {
                    continue;
                }
                if tx.send(Ok(send(r))).await.is_err() {
                    return;
                }
                sent += 1;
            }
        });
        Ok(Response::new(Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx))))
    }

    async fn get_agent_events(
        &self,
        _request: Request<observer::GetAgentEventsRequest>,
    ) -> Result<Response<Self::GetAgentEventsStream>, Status> {
        Ok(Response::new(Box::pin(tokio_stream::empty())))
    }

    async fn get_debug_events(
        &self,
        _request: Request<observer::GetDebugEventsRequest>,
    ) -> Result<Response<Self::GetDebugEventsStream>, Status> {
        Ok(Response::new(Box::pin(tokio_stream::empty())))
    }

    async fn get_nodes(
        &self,
        _request: Request<observer::GetNodesRequest>,
    ) -> Result<Response<observer::GetNodesResponse>, Status> {
        Err(Status::unimplemented("GetNodes not implemented"))
    }

    async fn get_namespaces(
        &self,
        _request: Request<observer::GetNamespacesRequest>,
    ) -> Result<Response<observer::GetNamespacesResponse>, Status> {
        let mut set = std::collections::BTreeSet::new();
        for r in &self.0.ring {
            if let Some(ResponseTypes::Flow(f)) = &r.response_types {
                for e in [&f.source, &f.destination].into_iter().flatten() {
                    if !e.namespace.is_empty() {
                        set.insert((e.cluster_name.clone(), e.namespace.clone()));
                    }
                }
            }
        }
        let namespaces = set
            .into_iter()
            .map(|(cluster, namespace)| observer::Namespace { cluster, namespace })
            .collect();
        Ok(Response::new(observer::GetNamespacesResponse { namespaces }))
    }

    async fn server_status(
        &self,
        _request: Request<observer::ServerStatusRequest>,
    ) -> Result<Response<observer::ServerStatusResponse>, Status> {
        // The lab's clock stands at the ring's last flow, so status is deterministic.
        let times: Vec<i128> = self
            .0
            .ring
            .iter()
            .filter_map(|r| r.time.as_ref().map(time_ns))
            .collect();
        let last = times.iter().copied().max().unwrap_or(0);
        let base = i128::from(BASE_SECS) * 1_000_000_000;
        let uptime = (last - base) as u64 + STARTED_BEFORE_BASE_NS;
        let last_minute = times.iter().filter(|t| last - **t <= 60_000_000_000).count();
        let n = self.0.ring.len() as u64;
        Ok(Response::new(observer::ServerStatusResponse {
            num_flows: n,
            max_flows: MAX_FLOWS,
            seen_flows: n,
            uptime_ns: uptime,
            version: node::CILIUM_VERSION.into(),
            flows_rate: last_minute as f64 / 60.0,
            ..Default::default()
        }))
    }
}

#[derive(Clone)]
struct HealthSvc;

#[tonic::async_trait]
impl health_server::Health for HealthSvc {
    type WatchStream = BoxStream<health::HealthCheckResponse>;

    async fn check(
        &self,
        request: Request<health::HealthCheckRequest>,
    ) -> Result<Response<health::HealthCheckResponse>, Status> {
        let service = request.into_inner().service;
        if service.is_empty() || service == crate::hubble::OBSERVER_SERVICE_NAME {
            Ok(Response::new(health::HealthCheckResponse {
                status: health::health_check_response::ServingStatus::Serving as i32,
            }))
        } else {
            Err(Status::not_found(format!("unknown service {service}")))
        }
    }

    async fn watch(&self, request: Request<health::HealthCheckRequest>) -> Result<Response<Self::WatchStream>, Status> {
        let r = self.check(request).await?.into_inner();
        Ok(Response::new(Box::pin(tokio_stream::once(Ok(r)))))
    }
}

/// Serve on `sock` until the future is dropped.
pub async fn serve_on(sock: &Path, opts: Options) -> Result<()> {
    let _ = std::fs::remove_file(sock);
    let listener = tokio::net::UnixListener::bind(sock)?;
    let record = sock.parent().map(|d| d.join(LAST_REQUEST_FILE));
    let state = Arc::new(State {
        ring: if opts.faults.extras {
            ring().into_iter().chain(extras()).collect()
        } else {
            ring()
        },
        opts: opts.clone(),
        record,
    });
    let incoming = tokio_stream::wrappers::UnixListenerStream::new(listener);
    let mut router = tonic::transport::Server::builder().add_service(health_server::HealthServer::new(HealthSvc));
    if !opts.faults.no_observer {
        router = router.add_service(observer_server::ObserverServer::new(ObserverSvc(state)));
    }
    router.serve_with_incoming(incoming).await?;
    Ok(())
}

/// Serve Hubble until cancelled (part of `cdbg lab serve`).
pub async fn serve(lab: Lab) -> Result<()> {
    serve_on(&lab.hubble_sock(), Options::default()).await
}

/// An in-process lab Hubble server (for tests); stops when dropped.
pub struct Handle {
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Start the lab Hubble server on `sock` in a background thread and wait for the socket.
pub fn spawn(sock: &Path, opts: Options) -> Result<Handle> {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let path = sock.to_path_buf();
    let thread = std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
            return;
        };
        rt.block_on(async move {
            tokio::select! {
                r = serve_on(&path, opts) => { if let Err(e) = r { crate::output::notes::error(format_args!("lab hubble: {e:#}")); } }
                _ = stopped => {}
            }
        });
    });
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while !sock.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    Ok(Handle {
        stop: Some(stop),
        thread: Some(thread),
    })
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Tour steps: (command line after `cdbg`, one-line explanation).
pub const TOUR: &[(&str, &str)] = &[
    (
        "observe --last 10",
        "The last 10 flows Hubble saw on this node (hubble observe's compact format)",
    ),
    (
        "observe --verdict DROPPED",
        "Only dropped flows: the filter is applied by the Hubble server",
    ),
    (
        "observe --pod default/curl-pod --protocol udp",
        "Flows from or to curl-pod over UDP (its DNS lookups)",
    ),
    ("observe --last 2 -o dict", "The same flows as key: value blocks"),
    (
        "observe --last 1 -o json",
        "A whole GetFlowsResponse as protojson (hubble observe -o jsonpb)",
    ),
    (
        "observe status",
        "hubble status: health check, then ring buffer and rate",
    ),
    ("observe namespaces", "Namespaces with recent flows"),
];

// ---- test events beyond the default ring (Faults::extras) and the field mask ----

/// Two events after the ring: an egress policy verdict authenticated by SPIRE and allowed by a
/// named policy, then 12 events lost on CPU 1 (a perf ring buffer overflow).
pub fn extras() -> Vec<GetFlowsResponse> {
    let base = ring();
    let last = base
        .iter()
        .filter_map(|r| r.time.as_ref())
        .map(time_ns)
        .max()
        .unwrap_or(0);
    let at = |ms: i128| {
        let ns = last + ms * 1_000_000;
        prost_types::Timestamp {
            seconds: ns.div_euclid(1_000_000_000) as i64,
            nanos: ns.rem_euclid(1_000_000_000) as i32,
        }
    };
    let mut out = Vec::new();
    let pv = base.iter().find_map(|r| match &r.response_types {
        Some(ResponseTypes::Flow(f)) if f.event_type.is_some_and(|e| e.r#type == 5) => Some(f.clone()),
        _ => None,
    });
    if let Some(mut f) = pv {
        f.time = Some(at(100));
        f.uuid = "6c1b2f0e-3d4a-4e5b-9c8d-0000000a0001".into();
        f.verdict = flow::Verdict::Forwarded as i32;
        f.traffic_direction = flow::TrafficDirection::Egress as i32;
        f.auth_type = flow::AuthType::Spire as i32;
        f.egress_allowed_by = vec![flow::Policy {
            name: "allow-curl-to-webpod".into(),
            namespace: "default".into(),
            labels: vec![],
            revision: 7,
            kind: "CiliumNetworkPolicy".into(),
        }];
        out.push(wrap(f));
    }
    let t = at(200);
    out.push(GetFlowsResponse {
        node_name: node::NODE_NAME.to_string(),
        time: Some(t),
        response_types: Some(ResponseTypes::LostEvents(flow::LostEvent {
            source: flow::LostEventSource::PerfEventRingBuffer as i32,
            num_events_lost: 12,
            cpu: Some(1),
            first: Some(at(186)),
            last: Some(at(199)),
        })),
    });
    out
}

/// Apply the request's field mask to a flow, as a mask-aware agent does (lost events pass).
fn apply_mask(mask: Option<&prost_types::FieldMask>, mut r: GetFlowsResponse) -> GetFlowsResponse {
    use prost::Message;
    let Some(mask) = mask.filter(|m| !m.paths.is_empty()) else {
        return r;
    };
    if let Some(ResponseTypes::Flow(f)) = &mut r.response_types {
        let paths: Vec<&str> = mask.paths.iter().map(String::as_str).collect();
        let bytes = protojson::mask_message(".flow.Flow", &f.encode_to_vec(), &paths);
        *f = Flow::decode(bytes.as_slice()).unwrap_or_default();
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_is_deterministic_and_ordered() {
        let r = ring();
        assert_eq!(r.len(), 24);
        let times: Vec<i128> = r.iter().map(|x| time_ns(x.time.as_ref().unwrap())).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(
            protojson::to_json(".observer.GetFlowsResponse", &r[0]),
            protojson::to_json(".observer.GetFlowsResponse", &ring()[0])
        );
    }

    #[test]
    fn filters_match_as_the_agent_does() {
        let r = ring();
        let f = |i: usize| match &r[i].response_types {
            Some(ResponseTypes::Flow(f)) => f.clone(),
            _ => unreachable!(),
        };
        let curl_pod = FlowFilter {
            source_pod: vec!["curl".into()],
            ..Default::default()
        };
        assert!(filter_matches(&curl_pod, &f(4)));
        assert!(!filter_matches(&curl_pod, &f(0)));
        let ns = FlowFilter {
            destination_pod: vec!["kube-system/".into()],
            ..Default::default()
        };
        assert!(filter_matches(&ns, &f(5)));
        let cidr = FlowFilter {
            source_ip: vec!["172.20.1.0/24".into()],
            ..Default::default()
        };
        assert!(filter_matches(&cidr, &f(0)));
        let to_ep = FlowFilter {
            event_type: vec![flow::EventTypeFilter {
                r#type: 4,
                match_sub_type: true,
                sub_type: 0,
            }],
            ..Default::default()
        };
        assert!(filter_matches(&to_ep, &f(0)));
        assert!(!filter_matches(&to_ep, &f(1)));
        assert!(glob("cilium-*", "cilium-m1"));
    }
}
