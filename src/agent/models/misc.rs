//! The smaller models: Identity, IdentityEndpoints, IPListEntry, BPFMapList, DaemonConfiguration,
//! DebugInfo, ClusterNodeStatus/NodeElement (api/v1/models) and the health API's
//! HealthStatusResponse (api/v1/health/models).

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Identity {
    pub id: i64,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IdentityEndpoints {
    pub identity: Option<Identity>,
    #[serde(rename = "refCount")]
    pub ref_count: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IpListEntry {
    pub cidr: String,
    pub identity: i64,
    #[serde(rename = "hostIP")]
    pub host_ip: String,
    #[serde(rename = "encryptKey")]
    pub encrypt_key: i64,
    pub metadata: Option<IpListEntryMetadata>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IpListEntryMetadata {
    pub source: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BpfMapList {
    pub maps: Option<Vec<BpfMap>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BpfMap {
    pub path: String,
    pub cache: Option<Vec<BpfMapEntry>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BpfMapEntry {
    pub key: String,
    pub value: String,
    #[serde(rename = "desired-action")]
    pub desired_action: String,
    #[serde(rename = "last-error")]
    pub last_error: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DaemonConfiguration {
    pub status: Option<DaemonConfigurationStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DaemonConfigurationStatus {
    pub realized: Option<DaemonConfigurationSpec>,
    pub immutable: BTreeMap<String, String>,
    #[serde(rename = "nodeMonitor")]
    pub node_monitor: Option<super::status::MonitorStatus>,
    #[serde(rename = "k8s-configuration")]
    pub k8s_configuration: String,
    #[serde(rename = "k8s-endpoint")]
    pub k8s_endpoint: String,
    #[serde(rename = "daemonConfigurationMap")]
    pub daemon_configuration_map: Option<serde_json::Map<String, serde_json::Value>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DaemonConfigurationSpec {
    pub options: BTreeMap<String, String>,
    #[serde(rename = "policy-enforcement")]
    pub policy_enforcement: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DebugInfo {
    #[serde(rename = "cilium-version")]
    pub cilium_version: String,
    #[serde(rename = "kernel-version")]
    pub kernel_version: String,
    #[serde(rename = "cilium-status")]
    pub cilium_status: Option<super::StatusResponse>,
    #[serde(rename = "endpoint-list")]
    pub endpoint_list: Vec<super::Endpoint>,
    #[serde(rename = "service-list")]
    pub service_list: Vec<super::Service>,
    #[serde(rename = "environment-variables")]
    pub environment_variables: Vec<String>,
    pub subsystem: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClusterNodeStatus {
    #[serde(rename = "nodesAdded")]
    pub nodes_added: Option<Vec<NodeElement>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NodeElement {
    pub name: String,
    #[serde(rename = "primary-address")]
    pub primary_address: Option<NodeAddressing>,
    pub source: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NodeAddressing {
    pub ipv4: Option<NodeAddressingElement>,
    pub ipv6: Option<NodeAddressingElement>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NodeAddressingElement {
    pub enabled: bool,
    pub ip: String,
    #[serde(rename = "alloc-range")]
    pub alloc_range: String,
}

/// Health API (`GET /v1beta/status` on health.sock).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HealthStatusResponse {
    pub timestamp: String,
    #[serde(rename = "probeInterval")]
    pub probe_interval: String,
    pub local: Option<HealthSelf>,
    pub nodes: Vec<HealthNode>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HealthSelf {
    pub name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HealthNode {
    pub name: String,
    pub host: Option<HealthHost>,
    #[serde(rename = "health-endpoint")]
    pub health_endpoint: Option<HealthHost>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HealthHost {
    #[serde(rename = "primary-address")]
    pub primary_address: Option<PathStatus>,
    #[serde(rename = "secondary-addresses")]
    pub secondary_addresses: Vec<Option<PathStatus>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PathStatus {
    pub ip: String,
    pub icmp: Option<ConnectivityStatus>,
    pub http: Option<ConnectivityStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ConnectivityStatus {
    /// Round-trip time in nanoseconds.
    pub latency: i64,
    pub status: String,
    #[serde(rename = "lastProbed")]
    pub last_probed: String,
}
