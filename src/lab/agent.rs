//! Lab: the stand-in cilium-agent REST API on `cilium.sock` (and cilium-health on `health.sock`
//! beside it), answering with documents in Cilium's OpenAPI shapes built from `node.rs`, so they
//! agree with the lab's maps; and the agent's state file `agent-runtime-config.json`.

use std::convert::Infallible;
use std::path::Path;

use anyhow::Result;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};

use super::node::{self, identity as id, BackendState};
use super::{Lab, UpOptions};
use crate::clock::unix_now_ns as now_unix_ns;
use crate::gotime::format_rfc3339_ms;

/// Serve the agent API (and the health API) until cancelled.
pub async fn serve(lab: Lab) -> Result<()> {
    let _ = LAB_DIR.set(lab.dir.clone());
    let health_sock = lab.agent_sock().with_file_name("health.sock");
    let _ = std::fs::remove_file(lab.agent_sock());
    let _ = std::fs::remove_file(&health_sock);
    let agent = tokio::net::UnixListener::bind(lab.agent_sock())?;
    let health = tokio::net::UnixListener::bind(&health_sock)?;
    let a = accept_loop(agent, lab.root());
    let h = accept_loop(health, lab.root());
    tokio::select! {
        r = a => r,
        r = h => r,
    }
}

async fn accept_loop(l: tokio::net::UnixListener, root: crate::maps::BpfRoot) -> Result<()> {
    loop {
        let (stream, _) = l.accept().await?;
        let root = root.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(|req: hyper::Request<hyper::body::Incoming>| {
                let root = root.clone();
                async move {
                    let path = req.uri().path().to_string();
                    let query = req.uri().query().unwrap_or("").to_string();
                    let (status, body) = match path.as_str() {
                        "/statedb/query" => {
                            use http_body_util::BodyExt;
                            let body = req
                                .into_body()
                                .collect()
                                .await
                                .map(|b| b.to_bytes())
                                .unwrap_or_default();
                            statedb_query(&body, now_unix_ns())
                        }
                        _ => as_version(crate::maps::Version::detect(&root), &path, route(&path, &query)),
                    };
                    let resp = hyper::Response::builder()
                        .status(status)
                        .header("Content-Type", "application/json")
                        .body(Full::new(Bytes::from(body)))
                        .expect("static response parts");
                    Ok::<_, Infallible>(resp)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), svc)
                .await;
        });
    }
}

/// Answer one request: (HTTP status, JSON body).
pub fn route(path: &str, query: &str) -> (u16, String) {
    let ok = |v: Value| (200, serde_json::to_string(&v).expect("json"));
    let not_found = |what: &str| (404, serde_json::to_string(&json!({ "message": what })).expect("json"));
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segs.as_slice() {
        ["v1", "healthz"] => ok(status_response(now_unix_ns())),
        ["v1", "config"] => ok(with_ipv6_addressing(daemon_config())),
        ["v1", "endpoint"] => ok(Value::Array(node::ENDPOINTS.iter().map(endpoint).collect())),
        ["v1", "endpoint", eid] => {
            let want = eid.rsplit(':').next().unwrap_or(eid);
            match node::ENDPOINTS.iter().find(|e| e.id.to_string() == want) {
                Some(e) => ok(endpoint(e)),
                None => not_found("endpoint not found"),
            }
        }
        ["v1", "service"] => ok(Value::Array(node::FRONTENDS.iter().map(service).collect())),
        ["v1", "service", sid] => match node::FRONTENDS.iter().find(|f| f.id.to_string() == *sid) {
            Some(f) => ok(service(f)),
            None => not_found("service not found"),
        },
        ["v1", "identity"] => ok(Value::Array(node::IDENTITIES.iter().map(identity).collect())),
        ["v1", "identity", "endpoints"] => ok(identity_endpoints()),
        ["v1", "identity", iid] => match node::IDENTITIES.iter().find(|i| i.id.to_string() == *iid) {
            Some(i) => ok(identity(i)),
            None => not_found("identity not found"),
        },
        ["v1", "ip"] => {
            let cidr = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("cidr="))
                .map(|c| c.replace("%2F", "/").replace("%2f", "/"));
            let all = ip_list();
            match cidr {
                None => ok(Value::Array(all)),
                Some(c) => {
                    let want = if c.contains('/') { c } else { format!("{c}/32") };
                    let hits: Vec<Value> = all.into_iter().filter(|e| e["cidr"] == want.as_str()).collect();
                    if hits.is_empty() {
                        not_found("no entries for that IP")
                    } else {
                        ok(Value::Array(hits))
                    }
                }
            }
        }
        ["v1", "map"] => ok(json!({ "maps": map_list() })),
        ["v1", "map", name] => match map_list()
            .into_iter()
            .find(|m| m["path"].as_str().is_some_and(|p| p.ends_with(name)))
        {
            Some(m) => ok(m),
            None => not_found("map not found"),
        },
        ["v1", "debuginfo"] => ok(debuginfo()),
        ["v1", "cluster", "nodes"] => {
            ok(json!({ "client-id": 0, "nodes-added": node_elements(), "self": self_name() }))
        }
        ["v1", "node", "ids"] => ok(Value::Array(
            node::NODES
                .iter()
                .filter(|n| n.node_id != 0)
                .map(|n| json!({ "id": n.node_id, "ips": [n.ip, n.health_ip] }))
                .collect(),
        )),
        ["v1beta", "healthz"] => ok(json!({ "uptime": "1h2m3s" })),
        ["v1beta", "status"] => ok(health_status()),
        _ => not_found("no such path in the lab agent"),
    }
}

fn self_name() -> String {
    format!("{}/{}", node::CLUSTER_NAME, node::NODE_NAME)
}

fn proto(p: u8) -> &'static str {
    match p {
        6 => "TCP",
        17 => "UDP",
        132 => "SCTP",
        _ => "ANY",
    }
}

fn labels_of(identity_id: u32) -> Vec<&'static str> {
    node::IDENTITIES
        .iter()
        .find(|i| i.id == identity_id)
        .map(|i| i.labels.to_vec())
        .unwrap_or_default()
}

/// A timestamp `secs_ago` before `now_ns` in `strfmt.DateTime` form.
fn ago(now_ns: i128, secs_ago: i64) -> String {
    format_rfc3339_ms(now_ns - secs_ago as i128 * 1_000_000_000)
}

const ZERO_TIME: &str = "0001-01-01T00:00:00.000Z";

/// StatusResponse of the reference node (the lab's 1.17 agent).
pub fn status_response(now_ns: i128) -> Value {
    let devices: Vec<Value> = node::DEVICES
        .iter()
        .map(|d| json!({ "name": d.name, "ip": [d.ip] }))
        .collect();
    let direct = node::DEVICES
        .iter()
        .find(|d| d.direct_routing)
        .map(|d| d.name)
        .unwrap_or("");
    let ctrl = |name: &str, ok_ago: i64, fails: i64, msg: &str, fail_ago: Option<i64>| {
        json!({
            "configuration": { "error-retry": true, "interval": "1m0s" },
            "name": name,
            "status": {
                "consecutive-failure-count": fails,
                "failure-count": fails,
                "last-failure-msg": msg,
                "last-failure-timestamp": fail_ago.map(|s| ago(now_ns, s)).unwrap_or_else(|| ZERO_TIME.into()),
                "last-success-timestamp": ago(now_ns, ok_ago),
                "success-count": 42,
            },
            "uuid": format!("{:08x}-0000-4000-8000-{:012x}", name.len() * 7919, name.len() * 104_729),
        })
    };
    let mut controllers = vec![
        ctrl("cilium-health-ep", 12, 0, "", None),
        ctrl("ipcache-inject-labels", 41, 0, "", None),
        ctrl("k8s-heartbeat", 7, 0, "", None),
        ctrl("sync-host-ips", 5, 0, "", None),
        ctrl("sync-lb-maps-with-k8s-services", 3_723, 0, "", None),
        ctrl("template-dir-watcher", 3_723, 0, "", None),
    ];
    for e in node::ENDPOINTS {
        controllers.push(ctrl(
            &format!("endpoint-{}-regeneration-recovery", e.id),
            3_600,
            0,
            "",
            None,
        ));
    }
    let mut allocations = serde_json::Map::new();
    for e in node::ENDPOINTS.iter().filter(|e| !e.ipv4.is_empty()) {
        let owner = if e.pod.is_empty() {
            "health".to_string()
        } else {
            e.pod.to_string()
        };
        allocations.insert(e.ipv4.into(), Value::String(owner));
    }
    allocations.insert(node::CILIUM_HOST_IP.into(), Value::String("router".into()));
    let local_cidr = node::NODES[0].pod_cidr;
    let used = allocations.len();
    json!({
        "attach-mode": "tcx",
        "bandwidth-manager": { "congestionControl": "cubic", "enabled": false },
        "bpf-maps": {
            "dynamic-size-ratio": 0.0025,
            "maps": [
                { "name": "Auth", "size": 524288 },
                { "name": "Non-TCP connection tracking", "size": 65536 },
                { "name": "TCP connection tracking", "size": 131072 },
                { "name": "Endpoint policy", "size": 65535 },
                { "name": "IP cache", "size": 512000 },
                { "name": "IPv4 masquerading agent", "size": 16384 },
                { "name": "IPv4 fragmentation", "size": 8192 },
                { "name": "IPv4 service", "size": 65536 },
                { "name": "IPv4 service backend", "size": 65536 },
                { "name": "IPv4 service reverse NAT", "size": 65536 },
                { "name": "Metrics", "size": 1024 },
                { "name": "Ratelimit metrics", "size": 64 },
                { "name": "NAT", "size": 131072 },
                { "name": "Neighbor table", "size": 131072 },
                { "name": "Endpoints", "size": 65535 },
                { "name": "Session affinity", "size": 65536 },
                { "name": "Sock reverse NAT", "size": 65536 },
            ]
        },
        "cilium": { "msg": node::CILIUM_VERSION, "state": "Ok" },
        "client-id": 1,
        "clock-source": { "mode": "ktime" },
        "cluster": {
            "ciliumHealth": { "state": "Ok" },
            "nodes": node_elements(),
            "self": self_name(),
        },
        "cni-chaining": { "mode": "none" },
        "cni-file": { "msg": "successfully wrote CNI configuration file to /host/etc/cni/net.d/05-cilium.conflist", "state": "Ok" },
        "container-runtime": null,
        "controllers": controllers,
        "datapath-mode": "veth",
        "encryption": { "mode": "Disabled" },
        "host-firewall": { "mode": "Disabled" },
        "hubble": {
            "metrics": { "state": "Disabled" },
            "observer": { "current-flows": 4095, "max-flows": 4095, "seen-flows": 12321, "uptime": "1h2m3s" },
            "state": "Ok",
        },
        "identity-range": { "max-identity": 65535, "min-identity": 256 },
        "ipam": {
            "allocations": allocations,
            "ipv4": [local_cidr],
            "status": format!("IPv4: {used}/254 allocated from {local_cidr}, "),
        },
        "ipv4-big-tcp": { "enabled": false, "maxGRO": 65536, "maxGSO": 65536 },
        "ipv6-big-tcp": { "enabled": false, "maxGRO": 65536, "maxGSO": 65536 },
        "kube-proxy-replacement": {
            "deviceList": devices,
            "devices": node::DEVICES.iter().map(|d| d.name).collect::<Vec<_>>(),
            "directRoutingDevice": direct,
            "features": {
                "bpfSocketLBHostnsOnly": false,
                "externalIPs": { "enabled": true },
                "gracefulTermination": { "enabled": true },
                "hostPort": { "enabled": true },
                "hostReachableServices": {},
                "nat46X64": { "gateway": { "enabled": false, "prefixes": ["64:ff9b::/96"] }, "service": { "enabled": false } },
                "nodePort": {
                    "acceleration": "Disabled",
                    "algorithm": "Random",
                    "dsrMode": "IP Option/Extension",
                    "enabled": true,
                    "lutSize": 16381,
                    "mode": "SNAT",
                    "portMax": 32767,
                    "portMin": 30000,
                },
                "sessionAffinity": { "enabled": true },
                "socketLB": { "enabled": true },
                "socketLBTracing": { "enabled": true },
            },
            "mode": "True",
        },
        "kubernetes": {
            "k8s-api-versions": [
                "EndpointSliceOrEndpoint",
                "cilium/v2::CiliumClusterwideNetworkPolicy",
                "cilium/v2::CiliumEndpoint",
                "cilium/v2::CiliumNetworkPolicy",
                "cilium/v2::CiliumNode",
                "cilium/v2alpha1::CiliumCIDRGroup",
                "core/v1::Namespace",
                "core/v1::Pods",
                "core/v1::Service",
                "networking.k8s.io/v1::NetworkPolicy",
            ],
            "msg": "1.32 (v1.32.5) [linux/amd64]",
            "state": "Ok",
        },
        "kvstore": { "msg": "Disabled", "state": "Ok" },
        "masquerading": {
            "enabled": true,
            "enabledProtocols": { "ipv4": true },
            "mode": "BPF",
            "snat-exclusion-cidr-v4": node::POD_CIDR,
        },
        "nodeMonitor": { "cpus": 2, "lost": 0, "npages": 64, "pagesize": 4096, "unknown": 0 },
        "proxy": { "envoy-deployment-mode": "external", "ip": node::CILIUM_HOST_IP, "port-range": "10000-20000", "total-ports": 0, "total-redirects": 0 },
        "routing": { "inter-host-routing-mode": "Native", "intra-host-routing-mode": "BPF", "tunnel-protocol": "vxlan" },
        "srv6": { "enabled": false },
    })
}

fn node_elements() -> Vec<Value> {
    node::NODES
        .iter()
        .map(|n| {
            json!({
                "health-endpoint-address": { "ipv4": { "enabled": true, "ip": n.health_ip } },
                "name": format!("{}/{}", node::CLUSTER_NAME, n.name),
                "primary-address": {
                    "ipv4": { "alloc-range": n.pod_cidr, "enabled": true, "ip": n.ip },
                    "ipv6": { "enabled": false },
                },
                "source": if n.node_id == 0 { "local" } else { "custom-resource" },
            })
        })
        .collect()
}

fn endpoint(e: &node::Endpoint) -> Value {
    let mut labels: Vec<&str> = labels_of(e.identity);
    labels.sort();
    let policy = match (e.ingress_enforced, e.egress_enforced) {
        (true, true) => "both",
        (true, false) => "ingress",
        (false, true) => "egress",
        (false, false) => "none",
    };
    let (ns, pod) = e.pod.split_once('/').unwrap_or(("", ""));
    let mut ext = serde_json::Map::new();
    if !e.container_id.is_empty() {
        ext.insert("container-id".into(), json!(e.container_id));
        ext.insert("cni-attachment-id".into(), json!(format!("{}:eth0", e.container_id)));
        ext.insert("k8s-namespace".into(), json!(ns));
        ext.insert("k8s-pod-name".into(), json!(pod));
        ext.insert("pod-name".into(), json!(e.pod));
    }
    let addressing = if e.ipv4.is_empty() {
        json!([{}])
    } else {
        json!([{ "ipv4": e.ipv4 }])
    };
    json!({
        "id": e.id,
        "spec": { "label-configuration": {}, "options": { "Conntrack": "Enabled", "Debug": "Disabled", "Policy": "Enabled" } },
        "status": {
            "external-identifiers": ext,
            "health": { "bpf": "OK", "connected": true, "overallHealth": "OK", "policy": "OK" },
            "identity": { "id": e.identity, "labels": labels, "labelsSHA256": "" },
            "labels": { "derived": [], "realized": {}, "security-relevant": labels },
            "namedPorts": [],
            "networking": {
                "addressing": addressing,
                "host-mac": e.node_mac,
                "interface-index": e.ifindex,
                "interface-name": e.ifname,
                "mac": e.mac,
            },
            "policy": {
                "proxy-statistics": [],
                "realized": { "allowed-egress-identities": [], "allowed-ingress-identities": [], "build": 3, "cidr-policy": {}, "id": e.identity, "l4": {}, "policy-enabled": policy, "policy-revision": 3 },
                "spec": { "build": 3, "id": e.identity, "policy-enabled": policy, "policy-revision": 3 },
            },
            "state": "ready",
        },
    })
}

fn service(f: &node::Frontend) -> Value {
    let backends: Vec<Value> = f
        .backend_list()
        .iter()
        .map(|b| {
            let node_name = node::REMOTE_PODS
                .iter()
                .find(|p| p.ip == b.ip)
                .map(|p| p.node)
                .unwrap_or(node::NODE_NAME);
            json!({
                "ip": b.ip,
                "nodeName": node_name,
                "port": b.port,
                "preferred": false,
                "protocol": proto(b.proto),
                "state": match b.state {
                    BackendState::Active => "active",
                    BackendState::Terminating => "terminating",
                    BackendState::Quarantined => "quarantined",
                    BackendState::Maintenance => "maintenance",
                },
            })
        })
        .collect();
    let (ns, name) = f.service.split_once('/').unwrap_or(("", f.service));
    let ext_local = f.flags & node::svc_flag::EXT_LOCAL_SCOPE != 0;
    let int_local = f.flags & node::svc_flag::INT_LOCAL_SCOPE != 0;
    let spec = json!({
        "backend-addresses": backends,
        "flags": {
            "extTrafficPolicy": if ext_local { "Local" } else { "Cluster" },
            "intTrafficPolicy": if int_local { "Local" } else { "Cluster" },
            "name": name,
            "namespace": ns,
            "natPolicy": "None",
            "type": f.kind,
        },
        "frontend-address": { "ip": f.ip, "port": f.port, "protocol": proto(f.proto), "scope": "external" },
        "id": f.id,
    });
    json!({ "spec": spec.clone(), "status": { "realized": spec } })
}

fn identity(i: &node::Identity) -> Value {
    json!({ "id": i.id, "labels": i.labels, "labelsSHA256": "" })
}

fn identity_endpoints() -> Value {
    let mut ids: Vec<u32> = node::ENDPOINTS.iter().map(|e| e.identity).collect();
    ids.sort();
    ids.dedup();
    Value::Array(
        ids.iter()
            .filter_map(|i| node::IDENTITIES.iter().find(|x| x.id == *i))
            .map(|i| {
                let refs = node::ENDPOINTS.iter().filter(|e| e.identity == i.id).count();
                json!({ "identity": identity(i), "refCount": refs })
            })
            .collect(),
    )
}

/// The agent's userspace ipcache: local endpoints, node IPs, remote pods and the world.
fn ip_list() -> Vec<Value> {
    let mut v = Vec::new();
    let entry = |cidr: String, ident: u32, source: &str, host: &str| {
        let mut e = json!({ "cidr": cidr, "identity": ident, "metadata": { "source": source } });
        if !host.is_empty() {
            e["hostIP"] = json!(host);
        }
        e
    };
    v.push(entry("0.0.0.0/0".into(), id::WORLD, "reserved", ""));
    v.push(entry("8.8.8.8/32".into(), id::CIDR_DNS_GOOGLE, "generated", ""));
    for d in node::DEVICES {
        v.push(entry(format!("{}/32", d.ip), id::HOST, "local", ""));
    }
    v.push(entry(format!("{}/32", node::CILIUM_HOST_IP), id::HOST, "local", ""));
    for e in node::ENDPOINTS.iter().filter(|e| !e.ipv4.is_empty()) {
        v.push(entry(
            format!("{}/32", e.ipv4),
            e.identity,
            "custom-resource",
            node::NODES[0].ip,
        ));
    }
    for n in node::NODES.iter().filter(|n| n.node_id != 0) {
        v.push(entry(format!("{}/32", n.ip), id::REMOTE_NODE, "custom-resource", ""));
        v.push(entry(
            format!("{}/32", n.health_ip),
            id::HEALTH,
            "custom-resource",
            n.ip,
        ));
    }
    for p in node::REMOTE_PODS {
        let host = node::NODES
            .iter()
            .find(|n| n.name == p.node)
            .map(|n| n.ip)
            .unwrap_or("");
        v.push(entry(format!("{}/32", p.ip), p.identity, "custom-resource", host));
    }
    v
}

/// The agent's map cache: endpoints (cached), services (cache empty), ipcache (no cache).
fn map_list() -> Vec<Value> {
    let lxc: Vec<Value> = node::ENDPOINTS
        .iter()
        .filter(|e| !e.ipv4.is_empty())
        .map(|e| {
            json!({
                "desired-action": "sync",
                "key": format!("{}:0", e.ipv4),
                "value": format!("id={:<5} sec_id={:<5} flags=0x0000 ifindex={:<3} mac={} nodemac={}", e.id, e.identity, e.ifindex, e.mac.to_uppercase(), e.node_mac.to_uppercase()),
            })
        })
        .collect();
    vec![
        json!({ "cache": lxc, "path": "/sys/fs/bpf/tc/globals/cilium_lxc" }),
        json!({ "cache": [], "path": "/sys/fs/bpf/tc/globals/cilium_lb4_reverse_nat" }),
        json!({ "path": "/sys/fs/bpf/tc/globals/cilium_ipcache" }),
    ]
}

fn daemon_config() -> Value {
    json!({
        "spec": { "options": {}, "policy-enforcement": "default" },
        "status": {
            "addressing": { "ipv4": { "alloc-range": node::NODES[0].pod_cidr, "enabled": true, "ip": node::CILIUM_HOST_IP }, "ipv6": { "enabled": false } },
            "daemonConfigurationMap": {
                "BPFMapsDynamicSizeRatio": 0.0025,
                "ClusterName": node::CLUSTER_NAME,
                "EnableBPFMasquerade": true,
                "EnableIPv4": true,
                "EnableIPv6": false,
                "EnableNodePort": true,
                "KubeProxyReplacement": "true",
                "NodePortMax": 32767,
                "NodePortMin": 30000,
                "RoutingMode": "native",
            },
            "datapathMode": "veth",
            "deviceMTU": 1500,
            "immutable": {},
            "ipam-mode": "cluster-pool",
            "k8s-configuration": "",
            "k8s-endpoint": "https://10.96.0.1:443",
            "kvstoreConfiguration": {},
            "masquerade": true,
            "masqueradeProtocols": { "ipv4": true, "ipv6": false },
            "nodeMonitor": { "cpus": 2, "lost": 0, "npages": 64, "pagesize": 4096, "unknown": 0 },
            "realized": {
                "options": {
                    "ConntrackAccounting": "Disabled",
                    "ConntrackLocal": "Disabled",
                    "Debug": "Disabled",
                    "DebugLB": "Disabled",
                    "DebugPolicy": "Disabled",
                    "DropNotification": "Enabled",
                    "MonitorAggregationLevel": "Medium",
                    "PolicyAccounting": "Enabled",
                    "PolicyAuditMode": "Disabled",
                    "PolicyTracing": "Disabled",
                    "PolicyVerdictNotification": "Enabled",
                    "SourceIPVerification": "Enabled",
                    "TraceNotification": "Enabled",
                },
                "policy-enforcement": "default",
            },
            "routeMTU": 1500,
        },
    })
}

fn debuginfo() -> Value {
    json!({
        "cilium-status": status_response(now_unix_ns()),
        "cilium-version": cilium_version_line(),
        "endpoint-list": node::ENDPOINTS.iter().map(endpoint).collect::<Vec<_>>(),
        "environment-variables": ["CILIUM_CNI_CHAINING_MODE=none", "CILIUM_K8S_NAMESPACE=kube-system", "KUBERNETES_SERVICE_HOST=10.96.0.1"],
        "kernel-version": node::KERNEL_VERSION,
        "service-list": node::FRONTENDS.iter().map(service).collect::<Vec<_>>(),
    })
}

/// HealthStatusResponse: every node reachable (fixed probe times so outputs are reproducible).
fn health_status() -> Value {
    let probe = "2025-07-20T08:00:00Z";
    let path = |ip: &str, lat: i64| {
        json!({
            "http": { "lastProbed": probe, "latency": lat * 2 },
            "icmp": { "lastProbed": probe, "latency": lat },
            "ip": ip,
        })
    };
    let nodes: Vec<Value> = node::NODES
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let lat = 180_000 + i as i64 * 123_000;
            json!({
                "health-endpoint": { "primary-address": path(n.health_ip, lat + 50_000) },
                "host": { "primary-address": path(n.ip, lat) },
                "name": format!("{}/{}", node::CLUSTER_NAME, n.name),
            })
        })
        .collect();
    json!({
        "local": { "name": self_name() },
        "nodes": nodes,
        "probeInterval": "1m23.5s",
        "timestamp": probe,
    })
}

/// Write `agent-runtime-config.json` (the agent's `option.DaemonConfig`, Go field names; only the
/// fields cdbg and cilium-dbg read from it: address families and the BPF clock source).
pub fn write_state(state_dir: &Path, _opts: UpOptions) -> Result<()> {
    std::fs::create_dir_all(state_dir)?;
    let cfg = json!({
        "ClockSource": 0,
        "ClusterName": node::CLUSTER_NAME,
        "DatapathMode": "veth",
        "EnableBPFMasquerade": true,
        "EnableIPv4": true,
        "EnableIPv4Masquerade": true,
        "EnableIPv6": true,
        "EnableNodePort": true,
        "KernelHz": 250,
        "KubeProxyReplacement": "true",
        "NodePortMax": 32767,
        "NodePortMin": 30000,
        "RoutingMode": "native",
    });
    std::fs::write(
        state_dir.join("agent-runtime-config.json"),
        serde_json::to_vec_pretty(&cfg)?,
    )?;
    Ok(())
}

/// Tour steps: (command line after `cdbg`, one-line explanation).
pub const TOUR: &[(&str, &str)] = &[
    (
        "status",
        "The agent's status, as cilium-dbg prints it (KPR devices, routing, masquerading)",
    ),
    (
        "status --verbose",
        "Everything: controllers, KPR details, BPF map sizes, cluster health",
    ),
    ("status --brief", "One line for scripts: OK or the first problem"),
    (
        "status --from-maps",
        "Without the agent: what the pinned maps say (services, CT/NAT fill, heartbeat)",
    ),
    (
        "endpoint list",
        "Local endpoints with identities, labels and policy enforcement",
    ),
    (
        "service list",
        "The agent's service table: frontends and their backends",
    ),
    ("identity list", "Security identities and their labels"),
    ("ip list", "The agent's IP cache: which identity each IP maps to"),
    ("config", "The agent's read-write options"),
    ("map list", "Maps whose contents the agent caches in userspace"),
    ("node list", "Cluster nodes the agent knows"),
    ("version", "Client and daemon versions"),
];

/// `cilium-version` as pkg/version prints it: `<version> <revision> <date> go version <go> <arch>`.
fn cilium_version_line() -> String {
    let (v, rest) = node::CILIUM_VERSION
        .split_once(' ')
        .unwrap_or((node::CILIUM_VERSION, ""));
    let rev = rest
        .trim_matches(|c| c == '(' || c == ')')
        .rsplit('-')
        .next()
        .unwrap_or("");
    format!("{v} {rev} 2025-07-16T10:00:00+00:00 go version go1.23.10 linux/amd64")
}

/// The directory of the lab being served (for test overrides read per request).
static LAB_DIR: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Test override: while this file exists in the lab directory, the agent answers as an
/// IPv4-only agent (`/v1/config` without an `ipv6` addressing object).
pub const IPV6_OFF_FILE: &str = "agent-ipv6-off";

/// `status.addressing.ipv6` as the lab's datapath has it: IPv6 is on (the node's eth1 address
/// and the IPv6 service's CT and NAT tables), unless the test override says otherwise.
fn with_ipv6_addressing(mut config: Value) -> Value {
    let off = LAB_DIR.get().is_some_and(|d| d.join(IPV6_OFF_FILE).exists());
    if let Some(a) = config.pointer_mut("/status/addressing").and_then(|a| a.as_object_mut()) {
        if off {
            a.remove("ipv6");
        } else {
            a.insert(
                "ipv6".into(),
                json!({ "alloc-range": "fd00:10:20::/64", "enabled": true, "ip": "fd00:10:20::a3" }),
            );
        }
    }
    config
}

/// The lab agent answers as the release whose map layout the lab has (`lab reshape`), decided per
/// request from the pinned maps: `/v1/healthz` carries that release's version string and fields.
fn as_version(v: crate::maps::Version, path: &str, (status, body): (u16, String)) -> (u16, String) {
    use crate::maps::Version;
    if path.trim_end_matches('/') != "/v1/healthz" || status != 200 || v == Version::V1_17 {
        return (status, body);
    }
    let Ok(mut sr) = serde_json::from_str::<Value>(&body) else {
        return (status, body);
    };
    match v {
        Version::V1_16 => {
            sr["cilium"]["msg"] = json!("1.16.12 (v1.16.12-5a1b2c3d)");
            if let Some(f) = sr["kube-proxy-replacement"]["features"].as_object_mut() {
                f.remove("annotations");
            }
        }
        _ => {
            sr["cilium"]["msg"] = json!("1.18.1 (v1.18.1-9f8e7d6c)");
            let metrics = sr["hubble"]
                .as_object_mut()
                .and_then(|h| h.remove("metrics"))
                .unwrap_or_else(|| json!({ "state": "Disabled" }));
            sr["hubble-metrics"] = metrics;
            sr["masquerading"]["snat-exclusion-cidr-v6"] = json!("");
        }
    }
    (status, serde_json::to_string(&sr).expect("json"))
}

/// `GET /statedb/query` (cilium/statedb `QueryRequest` body): the `health` table, one
/// `{"rev":N,"obj":{…}}` line per module status, in primary-index (ID) order from the lower bound.
fn statedb_query(body: &[u8], now_ns: i128) -> (u16, String) {
    let line = |v: Value| serde_json::to_string(&v).expect("json") + "\n";
    let req: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return (400, line(json!({ "rev": 0, "obj": null, "err": e.to_string() }))),
    };
    let table = req["table"].as_str().unwrap_or("");
    if table != "health" {
        return (
            404,
            line(json!({ "rev": 0, "obj": null, "err": format!("Table {table:?} not found") })),
        );
    }
    let lower = base64_key(req["key"].as_str().unwrap_or(""));
    let mut rows: Vec<(String, Value)> = HEALTH_TABLE
        .iter()
        .map(|&(module, component, level, message, age)| {
            let updated = format_go_time(now_ns - age as i128 * 1_000_000_000);
            let comp: Value = if component.is_empty() {
                Value::Null
            } else {
                json!(component.split('.').collect::<Vec<_>>())
            };
            let id = if component.is_empty() {
                module.to_string()
            } else {
                format!("{module}.{component}")
            };
            let obj = json!({
                "ID": { "Module": module.split('.').collect::<Vec<_>>(), "Component": comp },
                "Level": level,
                "Message": message,
                "Error": "",
                "LastOK": if level == "OK" { updated.clone() } else { "0001-01-01T00:00:00Z".to_string() },
                "Updated": updated,
                "Stopped": "0001-01-01T00:00:00Z",
                "Final": "",
                "Count": 1,
            });
            (id, obj)
        })
        .filter(|(id, _)| req["lowerbound"].as_bool() != Some(true) || id.as_bytes() >= lower.as_slice())
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let out: String = rows
        .into_iter()
        .enumerate()
        .map(|(i, (_, obj))| line(json!({ "rev": 100 + i, "obj": obj })))
        .collect();
    (200, out)
}

/// The lab agent's module health reports: (module ID, component ID, level, message, age in
/// seconds). Ages sit 30 s past whole minutes or hours so the printed ages do not move during a
/// test.
const HEALTH_TABLE: &[(&str, &str, &str, &str, i64)] = &[
    (
        "agent.controlplane.auth",
        "observer-job-auth-request-authentication",
        "OK",
        "Primed",
        3_810,
    ),
    (
        "agent.controlplane.auth",
        "timer-job-auth-gc-cleanup",
        "OK",
        "OK",
        1_290,
    ),
    (
        "agent.controlplane.endpoint-manager",
        "cilium-endpoint-491.policy",
        "OK",
        "OK",
        1_290,
    ),
    (
        "agent.datapath.agent-liveness-updater",
        "timer-job-agent-liveness-updater",
        "OK",
        "OK",
        7_230,
    ),
    (
        "agent.datapath.l2-responder",
        "job-l2-responder-reconciler",
        "OK",
        "Running",
        14_430,
    ),
    (
        "agent.infra.k8s-synced-crdsync",
        "job-sync-crds",
        "Stopped",
        "CRDs synced",
        18_030,
    ),
];

/// Go's `time.Time` JSON form (RFC 3339 with nanoseconds, trailing zeros dropped) in UTC.
fn format_go_time(unix_ns: i128) -> String {
    let ts = jiff::Timestamp::from_nanosecond(unix_ns).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.strftime("%Y-%m-%dT%H:%M:%S%.fZ").to_string()
}

/// Decode the base64 query key (standard alphabet, padded).
fn base64_key(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().take_while(|&c| c != b'=') {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            break;
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
