//! StatusResponse (`GET /v1/healthz`) as far as `status` prints it; mirrors api/v1/models
//! status_response.go and friends. Every field is optional: 1.16–1.18 agents differ.

use std::collections::BTreeMap;

use serde::Deserialize;

/// `models.Status`: a component state and message.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Status {
    pub state: String,
    pub msg: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StatusResponse {
    pub kvstore: Option<Status>,
    #[serde(rename = "container-runtime")]
    pub container_runtime: Option<Status>,
    pub kubernetes: Option<K8sStatus>,
    #[serde(rename = "kube-proxy-replacement")]
    pub kube_proxy_replacement: Option<KubeProxyReplacement>,
    #[serde(rename = "host-firewall")]
    pub host_firewall: Option<HostFirewall>,
    pub srv6: Option<Srv6>,
    #[serde(rename = "cni-chaining")]
    pub cni_chaining: Option<CniChaining>,
    #[serde(rename = "cni-file")]
    pub cni_file: Option<Status>,
    pub cilium: Option<Status>,
    pub stale: Option<BTreeMap<String, String>>,
    #[serde(rename = "nodeMonitor")]
    pub node_monitor: Option<MonitorStatus>,
    pub cluster: Option<ClusterStatus>,
    pub ipam: Option<IpamStatus>,
    #[serde(rename = "cluster-mesh")]
    pub cluster_mesh: Option<ClusterMeshStatus>,
    #[serde(rename = "ipv4-big-tcp")]
    pub ipv4_big_tcp: Option<BigTcp>,
    #[serde(rename = "ipv6-big-tcp")]
    pub ipv6_big_tcp: Option<BigTcp>,
    #[serde(rename = "bandwidth-manager")]
    pub bandwidth_manager: Option<BandwidthManager>,
    #[serde(rename = "host-routing")]
    pub host_routing: Option<HostRouting>,
    pub routing: Option<Routing>,
    #[serde(rename = "attach-mode")]
    pub attach_mode: String,
    #[serde(rename = "datapath-mode")]
    pub datapath_mode: String,
    pub masquerading: Option<Masquerading>,
    #[serde(rename = "clock-source")]
    pub clock_source: Option<ClockSource>,
    pub controllers: Option<Vec<Controller>>,
    pub proxy: Option<ProxyStatus>,
    #[serde(rename = "identity-range")]
    pub identity_range: Option<IdentityRange>,
    pub hubble: Option<HubbleStatus>,
    #[serde(rename = "bpf-maps")]
    pub bpf_maps: Option<BpfMapStatus>,
    pub encryption: Option<EncryptionStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct K8sStatus {
    pub state: String,
    pub msg: String,
    #[serde(rename = "k8s-api-versions")]
    pub k8s_api_versions: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct KubeProxyReplacement {
    pub mode: String,
    pub devices: Vec<String>,
    #[serde(rename = "deviceList")]
    pub device_list: Vec<KprDevice>,
    #[serde(rename = "directRoutingDevice")]
    pub direct_routing_device: String,
    pub features: KprFeatures,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct KprDevice {
    pub name: String,
    pub ip: Vec<String>,
}

/// `{enabled}` feature toggles.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Toggle {
    pub enabled: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct KprFeatures {
    #[serde(rename = "nodePort")]
    pub node_port: NodePort,
    #[serde(rename = "hostPort")]
    pub host_port: Toggle,
    #[serde(rename = "externalIPs")]
    pub external_ips: Toggle,
    #[serde(rename = "sessionAffinity")]
    pub session_affinity: Toggle,
    #[serde(rename = "gracefulTermination")]
    pub graceful_termination: Toggle,
    #[serde(rename = "socketLB")]
    pub socket_lb: Toggle,
    #[serde(rename = "socketLBTracing")]
    pub socket_lb_tracing: Toggle,
    #[serde(rename = "bpfSocketLBHostnsOnly")]
    pub bpf_socket_lb_hostns_only: bool,
    #[serde(rename = "nat46X64")]
    pub nat46x64: Nat46X64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NodePort {
    pub enabled: bool,
    pub mode: String,
    #[serde(rename = "dsrMode")]
    pub dsr_mode: String,
    pub algorithm: String,
    pub acceleration: String,
    #[serde(rename = "portMin")]
    pub port_min: i64,
    #[serde(rename = "portMax")]
    pub port_max: i64,
    #[serde(rename = "lutSize")]
    pub lut_size: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Nat46X64 {
    pub enabled: bool,
    pub gateway: Nat46X64Gateway,
    pub service: Toggle,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Nat46X64Gateway {
    pub enabled: bool,
    pub prefixes: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HostFirewall {
    pub mode: String,
    pub devices: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Srv6 {
    pub enabled: bool,
    #[serde(rename = "SRv6EncapMode", alias = "srv6EncapMode")]
    pub encap_mode: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CniChaining {
    pub mode: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MonitorStatus {
    pub cpus: i64,
    pub npages: i64,
    pub pagesize: i64,
    pub lost: i64,
    pub unknown: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClusterStatus {
    #[serde(rename = "ciliumHealth")]
    pub cilium_health: Option<Status>,
    #[serde(rename = "self")]
    pub self_: String,
    pub nodes: Vec<super::NodeElement>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IpamStatus {
    pub allocations: BTreeMap<String, String>,
    pub ipv4: Vec<String>,
    pub ipv6: Vec<String>,
    pub status: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClusterMeshStatus {
    pub clusters: Vec<RemoteCluster>,
    #[serde(rename = "num-global-services")]
    pub num_global_services: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RemoteCluster {
    pub name: String,
    pub ready: bool,
    pub status: String,
    #[serde(rename = "num-nodes")]
    pub num_nodes: i64,
    #[serde(rename = "num-endpoints")]
    pub num_endpoints: i64,
    #[serde(rename = "num-identities")]
    pub num_identities: i64,
    #[serde(rename = "num-shared-services")]
    pub num_shared_services: i64,
    #[serde(rename = "num-failures")]
    pub num_failures: i64,
    #[serde(rename = "last-failure")]
    pub last_failure: String,
    pub config: Option<RemoteClusterConfig>,
    pub synced: Option<RemoteClusterSynced>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RemoteClusterConfig {
    pub required: bool,
    pub retrieved: bool,
    #[serde(rename = "cluster-id")]
    pub cluster_id: i64,
    pub kvstoremesh: bool,
    #[serde(rename = "sync-canaries")]
    pub sync_canaries: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RemoteClusterSynced {
    pub nodes: bool,
    pub endpoints: bool,
    pub identities: bool,
    pub services: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BigTcp {
    pub enabled: bool,
    #[serde(rename = "maxGRO")]
    pub max_gro: i64,
    #[serde(rename = "maxGSO")]
    pub max_gso: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BandwidthManager {
    pub enabled: bool,
    pub devices: Vec<String>,
    #[serde(rename = "congestionControl")]
    pub congestion_control: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HostRouting {
    pub mode: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Routing {
    #[serde(rename = "inter-host-routing-mode")]
    pub inter_host_routing_mode: String,
    #[serde(rename = "intra-host-routing-mode")]
    pub intra_host_routing_mode: String,
    #[serde(rename = "tunnel-protocol")]
    pub tunnel_protocol: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Masquerading {
    pub enabled: bool,
    #[serde(rename = "enabledProtocols")]
    pub enabled_protocols: Option<MasqProtocols>,
    pub mode: String,
    #[serde(rename = "ip-masq-agent")]
    pub ip_masq_agent: bool,
    #[serde(rename = "snat-exclusion-cidr-v4")]
    pub snat_exclusion_cidr_v4: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MasqProtocols {
    pub ipv4: bool,
    pub ipv6: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClockSource {
    pub mode: String,
    pub hertz: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Controller {
    pub name: String,
    pub status: Option<ControllerStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ControllerStatus {
    #[serde(rename = "consecutive-failure-count")]
    pub consecutive_failure_count: i64,
    #[serde(rename = "last-failure-msg")]
    pub last_failure_msg: String,
    #[serde(rename = "last-failure-timestamp")]
    pub last_failure_timestamp: String,
    #[serde(rename = "last-success-timestamp")]
    pub last_success_timestamp: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProxyStatus {
    pub ip: String,
    #[serde(rename = "port-range")]
    pub port_range: String,
    #[serde(rename = "total-redirects")]
    pub total_redirects: i64,
    pub redirects: Vec<ProxyRedirect>,
    #[serde(rename = "envoy-deployment-mode")]
    pub envoy_deployment_mode: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProxyRedirect {
    pub name: String,
    pub proxy: String,
    #[serde(rename = "proxy-port")]
    pub proxy_port: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IdentityRange {
    #[serde(rename = "min-identity")]
    pub min_identity: i64,
    #[serde(rename = "max-identity")]
    pub max_identity: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HubbleStatus {
    pub state: String,
    pub msg: String,
    pub observer: Option<HubbleObserver>,
    pub metrics: Option<HubbleMetrics>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HubbleObserver {
    #[serde(rename = "current-flows")]
    pub current_flows: i64,
    #[serde(rename = "max-flows")]
    pub max_flows: i64,
    #[serde(rename = "seen-flows")]
    pub seen_flows: i64,
    /// A Go duration string (`strfmt.Duration`).
    pub uptime: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HubbleMetrics {
    pub state: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BpfMapStatus {
    #[serde(rename = "dynamic-size-ratio")]
    pub dynamic_size_ratio: f64,
    pub maps: Vec<BpfMapProps>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BpfMapProps {
    pub name: String,
    pub size: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EncryptionStatus {
    pub mode: String,
    pub msg: String,
    pub wireguard: Option<WireguardStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WireguardStatus {
    pub interfaces: Vec<WireguardInterface>,
    #[serde(rename = "node-encryption")]
    pub node_encryption: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WireguardInterface {
    pub name: String,
    #[serde(rename = "public-key")]
    pub public_key: String,
    #[serde(rename = "listen-port")]
    pub listen_port: i64,
    #[serde(rename = "peer-count")]
    pub peer_count: i64,
}
