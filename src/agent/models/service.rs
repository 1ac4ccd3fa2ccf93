//! Service (`GET /v1/service`), as far as `service list` prints it; mirrors api/v1/models
//! service.go, service_spec.go, frontend_address.go, backend_address.go.

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Service {
    pub spec: Option<ServiceSpec>,
    pub status: Option<ServiceStatus>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ServiceStatus {
    pub realized: Option<ServiceSpec>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ServiceSpec {
    pub id: i64,
    #[serde(rename = "frontend-address")]
    pub frontend_address: Option<FrontendAddress>,
    #[serde(rename = "backend-addresses")]
    pub backend_addresses: Vec<BackendAddress>,
    pub flags: Option<ServiceFlags>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FrontendAddress {
    pub ip: String,
    pub port: u16,
    pub protocol: String,
    pub scope: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BackendAddress {
    pub ip: Option<String>,
    pub port: u16,
    pub protocol: String,
    pub state: String,
    pub preferred: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ServiceFlags {
    #[serde(rename = "type")]
    pub kind: String,
    pub cluster: String,
    pub name: String,
    pub namespace: String,
}
