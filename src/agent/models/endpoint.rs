//! Endpoint (`GET /v1/endpoint`), as far as `endpoint list` prints it; mirrors api/v1/models
//! endpoint.go, endpoint_status.go, endpoint_networking.go.

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Endpoint {
    pub id: i64,
    pub status: Option<EndpointStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EndpointStatus {
    #[serde(rename = "external-identifiers")]
    pub external_identifiers: Option<EndpointIdentifiers>,
    pub identity: Option<EndpointIdentity>,
    pub labels: Option<LabelConfigurationStatus>,
    pub networking: Option<EndpointNetworking>,
    pub policy: Option<EndpointPolicyStatus>,
    pub state: Option<String>,
}

/// `EndpointIdentifiers`: where the endpoint came from (only the pod name is read).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EndpointIdentifiers {
    #[serde(rename = "pod-name")]
    pub pod_name: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EndpointIdentity {
    pub id: i64,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LabelConfigurationStatus {
    #[serde(rename = "security-relevant")]
    pub security_relevant: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EndpointNetworking {
    pub addressing: Vec<AddressPair>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AddressPair {
    pub ipv4: String,
    pub ipv6: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EndpointPolicyStatus {
    pub realized: Option<EndpointPolicy>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EndpointPolicy {
    #[serde(rename = "policy-enabled")]
    pub policy_enabled: String,
}
