//! Joins for `--resolve`: what a human needs next to a CT or NAT row — the service behind a
//! rev-NAT ID (frontend from the LB maps, name from the agent), the backend behind a backend ID,
//! and the endpoint, pod and identity behind an IP (cilium_lxc and cilium_ipcache; pod names and
//! identity labels from the agent when it answers), and the service behind a service VIP
//! (ClusterIP, LoadBalancer, external IP). Without an agent it resolves what the maps know, and
//! an address it cannot place says why.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use serde::Serialize;

use crate::agent::models::{Endpoint, Identity, Service};
use crate::bpf::{self, BpfError};
use crate::filter::Cidr;
use crate::maps::util::join_host_port;
use crate::maps::{ipcache, lb_backend, lb_revnat, lb_service, lxc, BpfRoot};

/// Reserved identity names (maps.md §11.4).
pub fn reserved_identity(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "reserved:unknown",
        1 => "reserved:host",
        2 => "reserved:world",
        3 => "reserved:unmanaged",
        4 => "reserved:health",
        5 => "reserved:init",
        6 => "reserved:remote-node",
        7 => "reserved:kube-apiserver",
        8 => "reserved:ingress",
        9 => "reserved:world-ipv4",
        10 => "reserved:world-ipv6",
        _ => return None,
    })
}

/// Lookup tables built once per command.
#[derive(Debug, Default)]
pub struct Resolver {
    revnat: HashMap<u16, (IpAddr, u16)>,
    backends: HashMap<u32, (IpAddr, u16)>,
    services: HashMap<(IpAddr, u16), String>,
    endpoints: HashMap<IpAddr, (u16, u32)>,
    pods: HashMap<IpAddr, String>,
    /// Most specific prefixes first.
    ipcache: Vec<(Cidr, u32)>,
    labels: HashMap<u32, String>,
    /// Service VIPs (frontends that are not node addresses), with the service's name when the
    /// agent gave it.
    vips: HashMap<IpAddr, Option<String>>,
    /// Whether cilium_lxc and cilium_ipcache could be read (an address missing from a map that
    /// was not read is not "not in" it).
    lxc_read: bool,
    ipcache_read: bool,
    /// Why names from the agent are missing, when they are.
    pub agent_note: Option<String>,
}

/// Service types whose frontend address belongs to the service (a VIP), as `ServiceFlags`
/// and the agent's `flags.type` name them. NodePort and HostPort frontends are node addresses.
fn is_vip_type(kind: &str) -> bool {
    matches!(kind, "ClusterIP" | "LoadBalancer" | "ExternalIPs" | "LocalRedirect")
}

/// What an IP resolves to.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct IpInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pod: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_name: Option<String>,
    /// The address is a service VIP.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub vip: bool,
    /// The service whose VIP this is, when the agent named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// Why nothing is known about the address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<String>,
}

impl IpInfo {
    /// `default/curl-pod id=3012`, `reserved:world id=2`, `k8s:app=webpod id=12787`,
    /// `service default/webpod`, `unresolved: not in cilium_lxc or cilium_ipcache`.
    pub fn short(&self) -> String {
        if self.vip {
            return format!("service {}", self.service.as_deref().unwrap_or("VIP"));
        }
        let name = self
            .pod
            .clone()
            .or_else(|| self.identity_name.clone())
            .or_else(|| self.endpoint.map(|e| format!("endpoint {e}")));
        match (name, self.identity) {
            (Some(n), Some(i)) => format!("{n} id={i}"),
            (Some(n), None) => n,
            (None, Some(i)) => format!("id={i}"),
            (None, None) => format!("unresolved: {}", self.unresolved.as_deref().unwrap_or("unknown")),
        }
    }
}

/// A service as resolved from a rev-NAT ID.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ServiceInfo {
    pub id: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frontend: Option<String>,
}

impl Resolver {
    /// Read the maps (read-only) and, if it answers within 2 s (or `CDBG_API_TIMEOUT`), the agent.
    pub fn load(root: &BpfRoot, host: Option<&str>) -> Resolver {
        let mut r = Resolver::default();
        r.load_maps(root);
        match crate::agent::Client::for_commands_or(host, Duration::from_secs(2)) {
            Ok(c) => {
                if let Err(e) = r.load_agent(&c) {
                    r.agent_note = Some(format!("names from the agent are missing: {e}"));
                }
            }
            Err(e) => r.agent_note = Some(e.to_string()),
        }
        r
    }

    fn load_maps(&mut self, root: &BpfRoot) {
        // True when the map was read to the end.
        let dump = |spec: &crate::maps::MapSpec, f: &mut dyn FnMut(&[u8], &[u8])| -> bool {
            match root.open_if_exists(spec) {
                Ok(Some((m, _))) => {
                    let name = m.path().display().to_string();
                    return bpf::walk::stream::<BpfError, _>(&m, &name, |k, v| {
                        f(k, v);
                        Ok(())
                    })
                    .is_ok();
                }
                Ok(None) => {}
                // Absent is normal; anything else leaves names out, so say why.
                Err(e) => crate::output::notes::warn(format_args!("--resolve cannot use {}: {e}", spec.name)),
            }
            false
        };
        for spec in [&lb_revnat::SPEC4, &lb_revnat::SPEC6] {
            dump(spec, &mut |k, v| {
                if let (Some(id), Some(rn)) = (lb_revnat::decode_key(k), lb_revnat::RevNat::decode(v)) {
                    self.revnat.insert(id, (rn.addr, rn.port));
                }
            });
        }
        for spec in [&lb_backend::SPEC4, &lb_backend::SPEC6] {
            dump(spec, &mut |k, v| {
                if let (Some(id), Some(b)) = (lb_backend::decode_key(k), lb_backend::Backend::decode(v)) {
                    self.backends.insert(id, (b.addr, b.port));
                }
            });
        }
        for spec in [&lb_service::SPEC4, &lb_service::SPEC6] {
            dump(spec, &mut |k, v| {
                if let (Some(key), Some(val)) = (lb_service::ServiceKey::decode(k), lb_service::ServiceValue::decode(v))
                {
                    if key.slot == 0 && is_vip_type(val.service_flags().service_type()) {
                        self.vips.entry(key.addr).or_insert(None);
                    }
                }
            });
        }
        self.lxc_read = dump(&lxc::SPEC, &mut |k, v| {
            if let (Some(key), Some(info)) = (lxc::EndpointKey::decode(k), lxc::EndpointInfo::decode(v)) {
                self.endpoints.insert(key.ip, (info.lxc_id, info.sec_id));
            }
        });
        for spec in [&ipcache::SPEC_V1, &ipcache::SPEC_V2] {
            let v2 = spec.name == ipcache::SPEC_V2.name;
            self.ipcache_read |= dump(spec, &mut |k, v| {
                let val = if v2 {
                    ipcache::Value::decode_v2(v)
                } else {
                    ipcache::Value::decode_v1(v)
                };
                let (Some(key), Some(val)) = (ipcache::Key::decode(k), val) else {
                    return;
                };
                self.ipcache.push((
                    Cidr {
                        addr: key.ip,
                        bits: key.bits,
                    },
                    val.identity,
                ));
            });
        }
        self.ipcache.sort_by_key(|e| std::cmp::Reverse(e.0.bits));
    }

    fn load_agent(&mut self, c: &crate::agent::Client) -> Result<(), crate::agent::AgentError> {
        let svcs: Vec<Service> = c.get_json("/service")?;
        for spec in svcs.iter().filter_map(|s| s.spec.as_ref()) {
            let (Some(fe), Some(flags)) = (&spec.frontend_address, &spec.flags) else {
                continue;
            };
            let Ok(ip) = fe.ip.parse::<IpAddr>() else {
                continue;
            };
            if flags.name.is_empty() {
                continue;
            }
            let name = if flags.namespace.is_empty() {
                flags.name.clone()
            } else {
                format!("{}/{}", flags.namespace, flags.name)
            };
            if is_vip_type(&flags.kind) {
                self.vips.entry(ip).or_insert(None).get_or_insert_with(|| name.clone());
            }
            self.services.insert((ip, fe.port), name);
        }
        let eps: Vec<Endpoint> = c.get_json("/endpoint")?;
        for st in eps.iter().filter_map(|e| e.status.as_ref()) {
            let Some(pod) = st
                .external_identifiers
                .as_ref()
                .map(|x| x.pod_name.as_str())
                .filter(|p| !p.is_empty())
            else {
                continue;
            };
            for a in st.networking.iter().flat_map(|n| &n.addressing) {
                for ip in [&a.ipv4, &a.ipv6].into_iter().filter_map(|s| s.parse::<IpAddr>().ok()) {
                    self.pods.insert(ip, pod.to_string());
                }
            }
        }
        let ids: Vec<Identity> = c.get_json("/identity")?;
        for i in &ids {
            let Ok(id) = u32::try_from(i.id) else {
                continue;
            };
            // The most telling label: an app label, else the first one.
            let pick = i
                .labels
                .iter()
                .find(|l| l.contains(":app=") || l.contains(":k8s-app="))
                .or_else(|| i.labels.first());
            if let Some(p) = pick {
                self.labels.insert(id, p.clone());
            }
        }
        Ok(())
    }

    /// The identity the datapath gives `ip`: the endpoint's, else the longest ipcache prefix.
    pub fn identity_of(&self, ip: IpAddr) -> Option<u32> {
        if let Some((_, id)) = self.endpoints.get(&ip) {
            if *id != 0 {
                return Some(*id);
            }
        }
        self.ipcache.iter().find(|(c, _)| c.contains(ip)).map(|(_, id)| *id)
    }

    pub fn ip(&self, ip: IpAddr) -> IpInfo {
        let pod = self.pods.get(&ip).cloned();
        let endpoint = self.endpoints.get(&ip).map(|(e, _)| *e).filter(|e| *e != 0);
        if pod.is_none() && endpoint.is_none() {
            // A VIP is not an endpoint: ipcache's catch-all would call it reserved:world.
            if let Some(name) = self.vips.get(&ip) {
                return IpInfo {
                    vip: true,
                    service: name.clone(),
                    ..IpInfo::default()
                };
            }
        }
        let identity = self.identity_of(ip);
        let unresolved = (pod.is_none() && endpoint.is_none() && identity.is_none()).then(|| self.why_unresolved());
        IpInfo {
            pod,
            endpoint,
            identity,
            identity_name: identity.and_then(|i| {
                reserved_identity(i)
                    .map(String::from)
                    .or_else(|| self.labels.get(&i).cloned())
            }),
            unresolved,
            ..IpInfo::default()
        }
    }

    /// Why an address matched nothing: the maps that do not have it, the ones that could not
    /// be read, and whether the agent (pod names) answered.
    fn why_unresolved(&self) -> String {
        let mut why = match (self.lxc_read, self.ipcache_read) {
            (true, true) => "not in cilium_lxc or cilium_ipcache".to_string(),
            (true, false) => "not in cilium_lxc, cilium_ipcache could not be read".to_string(),
            (false, true) => "not in cilium_ipcache, cilium_lxc could not be read".to_string(),
            (false, false) => "cilium_lxc and cilium_ipcache could not be read".to_string(),
        };
        if self.agent_note.is_some() {
            why.push_str(", agent unavailable");
        }
        why
    }

    pub fn service(&self, revnat: u16) -> Option<ServiceInfo> {
        if revnat == 0 {
            return None;
        }
        let fe = self.revnat.get(&revnat);
        Some(ServiceInfo {
            id: revnat,
            name: fe.and_then(|f| self.services.get(f).cloned()),
            frontend: fe.map(|(ip, port)| join_host_port(ip, *port)),
        })
    }

    pub fn backend(&self, id: u32) -> Option<String> {
        self.backends.get(&id).map(|(ip, port)| join_host_port(ip, *port))
    }
}

/// The joined fields of one CT or NAT row.
#[derive(Debug, Clone, Serialize)]
pub struct Resolved {
    pub src: IpInfo,
    pub dst: IpInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backend: Option<String>,
}

impl Resolved {
    /// Appended to a table row: `[src: ...; dst: ...; service: ...; backend: ...]`.
    pub fn write_suffix(&self, buf: &mut Vec<u8>) {
        use std::io::Write;
        let _ = write!(buf, "[src: {}; dst: {}", self.src.short(), self.dst.short());
        if let Some(s) = &self.service {
            let _ = write!(buf, "; service: ");
            match (&s.name, &s.frontend) {
                (Some(n), Some(f)) => {
                    let _ = write!(buf, "{n} {f}");
                }
                (None, Some(f)) => {
                    let _ = write!(buf, "{f}");
                }
                _ => {
                    let _ = write!(buf, "rev-NAT {} (no rev-NAT entry)", s.id);
                }
            }
        }
        if let Some(b) = &self.backend {
            let _ = write!(buf, "; backend: {b}");
        }
        buf.push(b']');
    }
}

/// A typed record with the joins beside it (for `-o jsonl --resolve`).
#[derive(Serialize)]
pub struct WithResolved<'a, T: Serialize> {
    #[serde(flatten)]
    pub record: T,
    pub resolved: &'a Resolved,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_and_names() {
        let mut r = Resolver {
            ipcache: vec![
                ("172.20.2.2/32".parse().unwrap(), 12787),
                ("172.20.0.0/16".parse().unwrap(), 6),
                ("0.0.0.0/0".parse().unwrap(), 2),
            ],
            ..Default::default()
        };
        r.labels.insert(12787, "k8s:app=webpod".into());
        r.endpoints.insert("172.20.0.87".parse().unwrap(), (234, 3012));
        r.pods.insert("172.20.0.87".parse().unwrap(), "default/curl-pod".into());
        assert_eq!(r.ip("172.20.2.2".parse().unwrap()).short(), "k8s:app=webpod id=12787");
        assert_eq!(r.ip("8.8.8.8".parse().unwrap()).short(), "reserved:world id=2");
        assert_eq!(r.ip("172.20.0.87".parse().unwrap()).short(), "default/curl-pod id=3012");
        r.revnat.insert(5, ("10.96.88.105".parse().unwrap(), 80));
        r.services
            .insert(("10.96.88.105".parse().unwrap(), 80), "default/webpod".into());
        let s = r.service(5).unwrap();
        assert_eq!(
            (s.name.as_deref(), s.frontend.as_deref()),
            (Some("default/webpod"), Some("10.96.88.105:80"))
        );
        assert!(r.service(0).is_none());
        let mut buf = Vec::new();
        Resolved {
            src: r.ip("172.20.0.87".parse().unwrap()),
            dst: IpInfo::default(),
            service: Some(s),
            backend: Some("172.20.2.2:80".into()),
        }
        .write_suffix(&mut buf);
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "[src: default/curl-pod id=3012; dst: unresolved: unknown; service: default/webpod 10.96.88.105:80; backend: 172.20.2.2:80]"
        );
    }

    #[test]
    fn service_vips_are_services_not_world() {
        let mut r = Resolver {
            ipcache: vec![("0.0.0.0/0".parse().unwrap(), 2)],
            lxc_read: true,
            ipcache_read: true,
            ..Default::default()
        };
        r.vips.insert("10.96.88.105".parse().unwrap(), None);
        let vip = r.ip("10.96.88.105".parse().unwrap());
        assert_eq!(vip.short(), "service VIP");
        assert_eq!(vip.identity, None, "a VIP has no identity of its own");
        r.vips
            .insert("10.96.88.105".parse().unwrap(), Some("default/webpod".into()));
        let vip = r.ip("10.96.88.105".parse().unwrap());
        assert_eq!(vip.short(), "service default/webpod");
        assert_eq!(
            serde_json::to_string(&vip).unwrap(),
            r#"{"vip":true,"service":"default/webpod"}"#
        );
        assert_eq!(r.ip("8.8.8.8".parse().unwrap()).short(), "reserved:world id=2");
        // A node address that is a NodePort frontend is not a VIP.
        assert!(!is_vip_type("NodePort") && !is_vip_type("HostPort"));
        assert!(is_vip_type("ClusterIP") && is_vip_type("LoadBalancer"));
    }

    #[test]
    fn unresolved_says_why() {
        let mut r = Resolver {
            lxc_read: true,
            ipcache_read: true,
            ..Default::default()
        };
        let ip: IpAddr = "fd00::1".parse().unwrap();
        assert_eq!(r.ip(ip).short(), "unresolved: not in cilium_lxc or cilium_ipcache");
        r.agent_note = Some("agent down".into());
        r.ipcache_read = false;
        assert_eq!(
            r.ip(ip).short(),
            "unresolved: not in cilium_lxc, cilium_ipcache could not be read, agent unavailable"
        );
        assert_eq!(
            serde_json::to_string(&r.ip(ip)).unwrap(),
            r#"{"unresolved":"not in cilium_lxc, cilium_ipcache could not be read, agent unavailable"}"#
        );
    }
}
