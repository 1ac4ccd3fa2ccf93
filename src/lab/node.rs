//! The reference node (cilium-m1 of a 3-node cluster) as data: nodes, devices, endpoints,
//! identities, services and backends. Every lab map, the stand-in agent and Hubble derive from
//! this one description so that they agree.

use std::net::IpAddr;

pub const CLUSTER_NAME: &str = "default";
pub const NODE_NAME: &str = "cilium-m1";
pub const POD_CIDR: &str = "172.20.0.0/16";
pub const CILIUM_VERSION: &str = "1.17.6 (v1.17.6-f0fd9f7c)";
pub const KERNEL_VERSION: &str = "6.8.0-60-generic";

/// A cluster node.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    pub name: &'static str,
    pub ip: &'static str,
    pub pod_cidr: &'static str,
    /// Node ID in `cilium_node_map(_v2)` (0 = this node).
    pub node_id: u16,
    /// `cilium_health` endpoint IP on that node.
    pub health_ip: &'static str,
}

pub const NODES: &[Node] = &[
    Node {
        name: "cilium-m1",
        ip: "192.168.10.100",
        pod_cidr: "172.20.0.0/24",
        node_id: 0,
        health_ip: "172.20.0.223",
    },
    Node {
        name: "cilium-w1",
        ip: "192.168.10.101",
        pod_cidr: "172.20.1.0/24",
        node_id: 1,
        health_ip: "172.20.1.12",
    },
    Node {
        name: "cilium-w2",
        ip: "192.168.10.102",
        pod_cidr: "172.20.2.0/24",
        node_id: 2,
        health_ip: "172.20.2.130",
    },
];

/// A network device of this node.
#[derive(Debug, Clone, Copy)]
pub struct Device {
    pub name: &'static str,
    pub ip: &'static str,
    pub ifindex: u32,
    pub mac: &'static str,
    /// The device used for direct routing.
    pub direct_routing: bool,
}

pub const DEVICES: &[Device] = &[
    Device {
        name: "eth0",
        ip: "10.0.2.15",
        ifindex: 2,
        mac: "08:00:27:71:f0:2b",
        direct_routing: false,
    },
    Device {
        name: "eth1",
        ip: "192.168.10.100",
        ifindex: 3,
        mac: "08:00:27:6e:1b:93",
        direct_routing: true,
    },
];

/// The `cilium_host` address of this node (router IP).
pub const CILIUM_HOST_IP: &str = "172.20.0.254";
pub const CILIUM_HOST_IFINDEX: u32 = 4;

/// This node's IPv6 address on eth1 (the lab's host-originated IPv6 flows use it).
pub const NODE_IPV6: &str = "fd00:192:168:10::100";

/// Reserved and allocated security identities used by the lab.
pub mod identity {
    pub const HOST: u32 = 1;
    pub const WORLD: u32 = 2;
    pub const HEALTH: u32 = 4;
    pub const REMOTE_NODE: u32 = 6;
    pub const KUBE_APISERVER: u32 = 7;
    pub const CURL: u32 = 3012;
    pub const COREDNS: u32 = 3176;
    pub const WEBPOD: u32 = 12787;
    pub const STICKY: u32 = 21041;
    pub const ECHO: u32 = 47730;
    /// A CIDR identity (cluster-local scope) for 8.8.8.8/32.
    pub const CIDR_DNS_GOOGLE: u32 = 16_777_217;
}

/// A security identity and its labels (as the agent reports them).
#[derive(Debug, Clone, Copy)]
pub struct Identity {
    pub id: u32,
    pub labels: &'static [&'static str],
}

pub const IDENTITIES: &[Identity] = &[
    Identity {
        id: identity::HOST,
        labels: &["reserved:host"],
    },
    Identity {
        id: identity::WORLD,
        labels: &["reserved:world"],
    },
    Identity {
        id: identity::HEALTH,
        labels: &["reserved:health"],
    },
    Identity {
        id: identity::REMOTE_NODE,
        labels: &["reserved:remote-node"],
    },
    Identity {
        id: identity::KUBE_APISERVER,
        labels: &["reserved:kube-apiserver"],
    },
    Identity {
        id: identity::CURL,
        labels: &[
            "k8s:app=curl",
            "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
            "k8s:io.cilium.k8s.policy.cluster=default",
            "k8s:io.cilium.k8s.policy.serviceaccount=default",
            "k8s:io.kubernetes.pod.namespace=default",
        ],
    },
    Identity {
        id: identity::COREDNS,
        labels: &[
            "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=kube-system",
            "k8s:io.cilium.k8s.policy.cluster=default",
            "k8s:io.cilium.k8s.policy.serviceaccount=coredns",
            "k8s:io.kubernetes.pod.namespace=kube-system",
            "k8s:k8s-app=kube-dns",
        ],
    },
    Identity {
        id: identity::WEBPOD,
        labels: &[
            "k8s:app=webpod",
            "k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=default",
            "k8s:io.cilium.k8s.policy.cluster=default",
            "k8s:io.cilium.k8s.policy.serviceaccount=default",
            "k8s:io.kubernetes.pod.namespace=default",
        ],
    },
    Identity {
        id: identity::STICKY,
        labels: &[
            "k8s:app=sticky",
            "k8s:io.cilium.k8s.policy.cluster=default",
            "k8s:io.kubernetes.pod.namespace=default",
        ],
    },
    Identity {
        id: identity::ECHO,
        labels: &[
            "k8s:app=echo",
            "k8s:io.cilium.k8s.policy.cluster=default",
            "k8s:io.kubernetes.pod.namespace=default",
        ],
    },
    Identity {
        id: identity::CIDR_DNS_GOOGLE,
        labels: &["cidr:8.8.8.8/32", "reserved:world"],
    },
];

/// A local endpoint (has a `cilium_lxc` entry and, except the host, a policy map).
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    pub id: u16,
    pub identity: u32,
    /// Pod name as `namespace/name`, or "" for the host / health endpoints.
    pub pod: &'static str,
    pub ipv4: &'static str,
    pub ifname: &'static str,
    pub ifindex: u32,
    pub mac: &'static str,
    pub node_mac: &'static str,
    pub container_id: &'static str,
    /// Policy enforcement (ingress, egress) as the agent reports it.
    pub ingress_enforced: bool,
    pub egress_enforced: bool,
}

pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        id: 234,
        identity: identity::CURL,
        pod: "default/curl-pod",
        ipv4: "172.20.0.87",
        ifname: "lxc8b2c1a7e5f90",
        ifindex: 12,
        mac: "4e:d2:91:0a:35:7c",
        node_mac: "f6:41:0c:9e:22:d1",
        container_id: "5b9c2f0e8d7a61c4f0b3e2d1a9c8b7e6f5d4c3b2a1908f7e6d5c4b3a29180716",
        ingress_enforced: false,
        egress_enforced: true,
    },
    Endpoint {
        id: 491,
        identity: identity::HEALTH,
        pod: "",
        ipv4: "172.20.0.223",
        ifname: "lxc_health",
        ifindex: 8,
        mac: "9a:3e:55:c1:07:b4",
        node_mac: "6a:14:f2:80:4d:3e",
        container_id: "",
        ingress_enforced: false,
        egress_enforced: false,
    },
    Endpoint {
        id: 1059,
        identity: identity::COREDNS,
        pod: "kube-system/coredns-668d6bf9bc-5xk2p",
        ipv4: "172.20.0.24",
        ifname: "lxc3f1e9b0c2d44",
        ifindex: 10,
        mac: "c2:5a:7e:19:e0:61",
        node_mac: "1e:9b:33:c4:5f:02",
        container_id: "8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
        ingress_enforced: false,
        egress_enforced: false,
    },
    Endpoint {
        id: 1960,
        identity: identity::COREDNS,
        pod: "kube-system/coredns-668d6bf9bc-q8wjn",
        ipv4: "172.20.0.249",
        ifname: "lxc7a0d4e2b9f13",
        ifindex: 11,
        mac: "0e:71:c8:2b:94:5d",
        node_mac: "b6:02:e9:47:1a:c8",
        container_id: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809",
        ingress_enforced: false,
        egress_enforced: false,
    },
    Endpoint {
        id: 2068,
        identity: identity::HOST,
        pod: "",
        ipv4: "",
        ifname: "cilium_host",
        ifindex: CILIUM_HOST_IFINDEX,
        mac: "3a:8c:d1:5e:40:f7",
        node_mac: "3a:8c:d1:5e:40:f7",
        container_id: "",
        ingress_enforced: false,
        egress_enforced: false,
    },
];

/// Remote pods the lab's flows and ipcache mention.
#[derive(Debug, Clone, Copy)]
pub struct RemotePod {
    pub pod: &'static str,
    pub ip: &'static str,
    pub identity: u32,
    pub node: &'static str,
}

pub const REMOTE_PODS: &[RemotePod] = &[
    RemotePod {
        pod: "default/webpod-697b545f57-lw9gk",
        ip: "172.20.2.2",
        identity: identity::WEBPOD,
        node: "cilium-w2",
    },
    RemotePod {
        pod: "default/webpod-697b545f57-sjgbt",
        ip: "172.20.1.249",
        identity: identity::WEBPOD,
        node: "cilium-w1",
    },
    RemotePod {
        pod: "default/sticky-7d9c8b6f5-2kq4x",
        ip: "172.20.1.77",
        identity: identity::STICKY,
        node: "cilium-w1",
    },
    RemotePod {
        pod: "default/sticky-7d9c8b6f5-x7m2c",
        ip: "172.20.2.78",
        identity: identity::STICKY,
        node: "cilium-w2",
    },
    RemotePod {
        pod: "default/echo-5f8d9c7b6-h4n9v",
        ip: "172.20.1.80",
        identity: identity::ECHO,
        node: "cilium-w1",
    },
    RemotePod {
        pod: "default/echo-5f8d9c7b6-zt6rp",
        ip: "172.20.2.81",
        identity: identity::ECHO,
        node: "cilium-w2",
    },
];

/// Backend states as `lb*_backend.flags` holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendState {
    Active = 0,
    Terminating = 1,
    Quarantined = 2,
    Maintenance = 3,
}

/// A load-balancer backend (`cilium_lb{4,6}_backends_v3`).
#[derive(Debug, Clone, Copy)]
pub struct Backend {
    pub id: u32,
    pub ip: &'static str,
    pub port: u16,
    pub proto: u8,
    pub state: BackendState,
}

const TCP: u8 = 6;
const UDP: u8 = 17;

pub const BACKENDS: &[Backend] = &[
    Backend {
        id: 1,
        ip: "192.168.10.100",
        port: 6443,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 2,
        ip: "172.20.0.24",
        port: 53,
        proto: UDP,
        state: BackendState::Active,
    },
    Backend {
        id: 3,
        ip: "172.20.0.249",
        port: 53,
        proto: UDP,
        state: BackendState::Active,
    },
    Backend {
        id: 4,
        ip: "172.20.0.24",
        port: 53,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 5,
        ip: "172.20.0.249",
        port: 53,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 6,
        ip: "172.20.0.24",
        port: 9153,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 7,
        ip: "172.20.0.249",
        port: 9153,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 8,
        ip: "172.20.2.2",
        port: 80,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 9,
        ip: "172.20.1.249",
        port: 80,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 10,
        ip: "172.20.1.77",
        port: 8080,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 11,
        ip: "172.20.2.78",
        port: 8080,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 12,
        ip: "172.20.1.80",
        port: 8080,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 13,
        ip: "172.20.2.81",
        port: 8080,
        proto: TCP,
        state: BackendState::Terminating,
    },
    Backend {
        id: 14,
        ip: "192.168.10.100",
        port: 4244,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 15,
        ip: "fd00:10:20:2::2",
        port: 80,
        proto: TCP,
        state: BackendState::Active,
    },
    Backend {
        id: 16,
        ip: "fd00:10:20:1::f9",
        port: 80,
        proto: TCP,
        state: BackendState::Active,
    },
];

/// Service flag bits (`ServiceFlags`, 16 bits = flags | flags2 << 8; maps.md §3.1).
pub mod svc_flag {
    pub const EXTERNAL_IP: u16 = 1 << 0;
    pub const NODEPORT: u16 = 1 << 1;
    pub const EXT_LOCAL_SCOPE: u16 = 1 << 2;
    pub const HOSTPORT: u16 = 1 << 3;
    pub const AFFINITY: u16 = 1 << 4;
    pub const LOADBALANCER: u16 = 1 << 5;
    pub const ROUTABLE: u16 = 1 << 6;
    pub const SOURCE_RANGE: u16 = 1 << 7;
    pub const LOCALREDIRECT: u16 = 1 << 8;
    pub const NAT_46X64: u16 = 1 << 9;
    pub const L7_LOADBALANCER: u16 = 1 << 10;
    pub const LOOPBACK: u16 = 1 << 11;
    pub const INT_LOCAL_SCOPE: u16 = 1 << 12;
    pub const TWO_SCOPES: u16 = 1 << 13;
    pub const QUARANTINED: u16 = 1 << 14;
    pub const FWD_MODE_DSR: u16 = 1 << 15;
}

/// One frontend of a Kubernetes service: one master entry in `cilium_lb*_services_v2`, one
/// rev-NAT entry, and one slot per backend.
#[derive(Debug, Clone, Copy)]
pub struct Frontend {
    /// Service / rev-NAT ID.
    pub id: u16,
    /// `namespace/name` of the Kubernetes service.
    pub service: &'static str,
    /// Port name in the Service spec.
    pub port_name: &'static str,
    /// k8s service type as the agent's API reports it (ClusterIP, NodePort, LoadBalancer, ...).
    pub kind: &'static str,
    pub ip: &'static str,
    pub port: u16,
    pub proto: u8,
    pub flags: u16,
    /// Backend IDs in slot order: active ones first, then non-active.
    pub backends: &'static [u32],
    /// Session-affinity timeout in seconds (with `svc_flag::AFFINITY`).
    pub affinity_timeout: u32,
    pub source_ranges: &'static [&'static str],
}

use svc_flag::*;

pub const FRONTENDS: &[Frontend] = &[
    Frontend {
        id: 1,
        service: "default/kubernetes",
        port_name: "https",
        kind: "ClusterIP",
        ip: "10.96.0.1",
        port: 443,
        proto: TCP,
        flags: 0,
        backends: &[1],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 2,
        service: "kube-system/kube-dns",
        port_name: "dns",
        kind: "ClusterIP",
        ip: "10.96.0.10",
        port: 53,
        proto: UDP,
        flags: 0,
        backends: &[2, 3],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 3,
        service: "kube-system/kube-dns",
        port_name: "dns-tcp",
        kind: "ClusterIP",
        ip: "10.96.0.10",
        port: 53,
        proto: TCP,
        flags: 0,
        backends: &[4, 5],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 4,
        service: "kube-system/kube-dns",
        port_name: "metrics",
        kind: "ClusterIP",
        ip: "10.96.0.10",
        port: 9153,
        proto: TCP,
        flags: 0,
        backends: &[6, 7],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 5,
        service: "default/webpod",
        port_name: "",
        kind: "ClusterIP",
        ip: "10.96.88.105",
        port: 80,
        proto: TCP,
        flags: 0,
        backends: &[8, 9],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 6,
        service: "default/webpod-np",
        port_name: "",
        kind: "ClusterIP",
        ip: "10.96.120.33",
        port: 80,
        proto: TCP,
        flags: 0,
        backends: &[8, 9],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 7,
        service: "default/webpod-np",
        port_name: "",
        kind: "NodePort",
        ip: "10.0.2.15",
        port: 30080,
        proto: TCP,
        flags: NODEPORT | ROUTABLE,
        backends: &[8, 9],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 8,
        service: "default/webpod-np",
        port_name: "",
        kind: "NodePort",
        ip: "192.168.10.100",
        port: 30080,
        proto: TCP,
        flags: NODEPORT | ROUTABLE,
        backends: &[8, 9],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 9,
        service: "default/webpod-np",
        port_name: "",
        kind: "NodePort",
        ip: "0.0.0.0",
        port: 30080,
        proto: TCP,
        flags: NODEPORT,
        backends: &[8, 9],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 10,
        service: "default/webpod-lb",
        port_name: "",
        kind: "ClusterIP",
        ip: "10.96.50.50",
        port: 80,
        proto: TCP,
        flags: 0,
        backends: &[8, 9],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    // externalTrafficPolicy=Local: no webpod runs on cilium-m1, so the LB frontend's external scope
    // has no backends here; its internal scope (two-scopes) has the ClusterIP frontend's.
    Frontend {
        id: 11,
        service: "default/webpod-lb",
        port_name: "",
        kind: "LoadBalancer",
        ip: "192.168.10.211",
        port: 80,
        proto: TCP,
        flags: LOADBALANCER | EXT_LOCAL_SCOPE | ROUTABLE | TWO_SCOPES,
        backends: &[],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 12,
        service: "default/sticky",
        port_name: "http",
        kind: "ClusterIP",
        ip: "10.96.200.10",
        port: 8080,
        proto: TCP,
        flags: AFFINITY,
        backends: &[10, 11],
        affinity_timeout: 10800,
        source_ranges: &[],
    },
    // One backend terminating: active slots first (count 1), then the terminating one (qcount 1).
    Frontend {
        id: 13,
        service: "default/echo",
        port_name: "http",
        kind: "ClusterIP",
        ip: "10.96.150.7",
        port: 8080,
        proto: TCP,
        flags: 0,
        backends: &[12, 13],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 14,
        service: "kube-system/hubble-peer",
        port_name: "peer-service",
        kind: "ClusterIP",
        ip: "10.96.33.44",
        port: 443,
        proto: TCP,
        flags: INT_LOCAL_SCOPE,
        backends: &[14],
        affinity_timeout: 0,
        source_ranges: &[],
    },
    Frontend {
        id: 15,
        service: "default/webpod-lb-private",
        port_name: "",
        kind: "LoadBalancer",
        ip: "192.168.10.212",
        port: 443,
        proto: TCP,
        flags: LOADBALANCER | ROUTABLE | SOURCE_RANGE,
        backends: &[8, 9],
        affinity_timeout: 0,
        source_ranges: &["10.0.0.0/8", "192.168.10.0/24"],
    },
    Frontend {
        id: 16,
        service: "default/webpod-v6",
        port_name: "",
        kind: "ClusterIP",
        ip: "fd00:10:96::5",
        port: 80,
        proto: TCP,
        flags: 0,
        backends: &[15, 16],
        affinity_timeout: 0,
        source_ranges: &[],
    },
];

impl Frontend {
    pub fn addr(&self) -> IpAddr {
        self.ip.parse().expect("lab frontend IP")
    }

    /// Backends with their states, in slot order.
    pub fn backend_list(&self) -> Vec<&'static Backend> {
        self.backends.iter().map(|id| backend(*id)).collect()
    }

    /// Number of active slots (`count`) and non-active slots (`qcount`).
    pub fn counts(&self) -> (u16, u16) {
        let active = self
            .backend_list()
            .iter()
            .filter(|b| b.state == BackendState::Active)
            .count() as u16;
        (active, self.backends.len() as u16 - active)
    }
}

pub fn backend(id: u32) -> &'static Backend {
    BACKENDS.iter().find(|b| b.id == id).expect("lab backend id")
}

pub fn endpoint(id: u16) -> &'static Endpoint {
    ENDPOINTS.iter().find(|e| e.id == id).expect("lab endpoint id")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_data_is_consistent() {
        for f in FRONTENDS {
            f.addr();
            let mut seen_inactive = false;
            for b in f.backend_list() {
                if b.state != BackendState::Active {
                    seen_inactive = true;
                } else {
                    assert!(!seen_inactive, "service {}: active backends come first", f.id);
                }
                assert_eq!(
                    b.ip.contains(':'),
                    f.ip.contains(':'),
                    "family of backend {} in {}",
                    b.id,
                    f.id
                );
            }
        }
        assert_eq!(FRONTENDS.iter().find(|f| f.id == 13).unwrap().counts(), (1, 1));
        let ids: std::collections::BTreeSet<_> = FRONTENDS.iter().map(|f| f.id).collect();
        assert_eq!(ids.len(), FRONTENDS.len());
    }
}
