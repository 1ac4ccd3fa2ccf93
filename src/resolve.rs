//! Joins for `--resolve`: what a human needs next to a CT or NAT row — the service behind a
//! rev-NAT ID (frontend from the LB maps, name from the agent), the backend behind a backend ID,
//! and the endpoint, pod and identity behind an IP (cilium_lxc and cilium_ipcache; pod names and
//! identity labels from the agent when it answers). Without an agent it resolves what the maps know.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::Duration;

use serde::Serialize;

use crate::bpf::{self, BpfError};
use crate::filter::Cidr;
use crate::maps::util::join_host_port;
use crate::maps::{ipcache, lb_backend, lb_revnat, lxc, BpfRoot};

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
    /// Why names from the agent are missing, when they are.
    pub agent_note: Option<String>,
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
}

impl IpInfo {
    /// `default/curl-pod id=3012`, `reserved:world id=2`, `k8s:app=webpod id=12787`.
    pub fn short(&self) -> String {
        let name = self
            .pod
            .clone()
            .or_else(|| self.identity_name.clone())
            .or_else(|| self.endpoint.map(|e| format!("endpoint {e}")));
        match (name, self.identity) {
            (Some(n), Some(i)) => format!("{n} id={i}"),
            (Some(n), None) => n,
            (None, Some(i)) => format!("id={i}"),
            (None, None) => "?".into(),
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
    /// Read the maps (read-only) and, if it answers within 2 s, the agent.
    pub fn load(root: &BpfRoot, host: Option<&str>) -> Resolver {
        let mut r = Resolver::default();
        r.load_maps(root);
        match crate::agent::Client::from_host(host) {
            Ok(c) => {
                let c = c.with_timeout(Duration::from_secs(2));
                if let Err(e) = r.load_agent(&c) {
                    r.agent_note = Some(format!("names from the agent are missing: {e}"));
                }
            }
            Err(e) => r.agent_note = Some(e.to_string()),
        }
        r
    }

    fn load_maps(&mut self, root: &BpfRoot) {
        let dump = |spec: &crate::maps::MapSpec, f: &mut dyn FnMut(&[u8], &[u8])| {
            if let Ok(Some((m, _))) = root.open_if_exists(spec) {
                let name = m.path().display().to_string();
                let _ = bpf::walk::stream::<BpfError, _>(&m, &name, |k, v| {
                    f(k, v);
                    Ok(())
                });
            }
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
        dump(&lxc::SPEC, &mut |k, v| {
            let key = lxc::EndpointKey::decode(k);
            let info = lxc::EndpointInfo::decode(v);
            self.endpoints.insert(key.ip, (info.lxc_id, info.sec_id));
        });
        for spec in [&ipcache::SPEC_V1, &ipcache::SPEC_V2] {
            let v2 = spec.name == ipcache::SPEC_V2.name;
            dump(spec, &mut |k, v| {
                let key = ipcache::Key::decode(k);
                let val = if v2 {
                    ipcache::Value::decode_v2(v)
                } else {
                    ipcache::Value::decode_v1(v)
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
        use serde_json::Value;
        let svcs: Vec<Value> = c.get_json("/service")?;
        for s in &svcs {
            let spec = &s["spec"];
            let (Some(ip), Some(port)) = (
                spec.pointer("/frontend-address/ip")
                    .and_then(Value::as_str)
                    .and_then(|i| i.parse::<IpAddr>().ok()),
                spec.pointer("/frontend-address/port").and_then(Value::as_u64),
            ) else {
                continue;
            };
            let name = spec.pointer("/flags/name").and_then(Value::as_str).unwrap_or("");
            let ns = spec.pointer("/flags/namespace").and_then(Value::as_str).unwrap_or("");
            if !name.is_empty() {
                self.services.insert(
                    (ip, port as u16),
                    if ns.is_empty() {
                        name.into()
                    } else {
                        format!("{ns}/{name}")
                    },
                );
            }
        }
        let eps: Vec<Value> = c.get_json("/endpoint")?;
        for e in &eps {
            let st = &e["status"];
            let pod = st
                .pointer("/external-identifiers/pod-name")
                .and_then(Value::as_str)
                .filter(|p| !p.is_empty());
            let (Some(pod), Some(addrs)) = (pod, st.pointer("/networking/addressing").and_then(Value::as_array)) else {
                continue;
            };
            for a in addrs {
                for fam in ["ipv4", "ipv6"] {
                    if let Some(ip) = a
                        .get(fam)
                        .and_then(Value::as_str)
                        .and_then(|s| s.parse::<IpAddr>().ok())
                    {
                        self.pods.insert(ip, pod.to_string());
                    }
                }
            }
        }
        let ids: Vec<Value> = c.get_json("/identity")?;
        for i in &ids {
            let (Some(id), Some(labels)) = (i["id"].as_u64(), i["labels"].as_array()) else {
                continue;
            };
            let labels: Vec<&str> = labels.iter().filter_map(Value::as_str).collect();
            // The most telling label: an app label, else the first one.
            let pick = labels
                .iter()
                .find(|l| l.contains(":app=") || l.contains(":k8s-app="))
                .or_else(|| labels.first())
                .map(|s| s.to_string());
            if let Some(p) = pick {
                self.labels.insert(id as u32, p);
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
        let identity = self.identity_of(ip);
        IpInfo {
            pod: self.pods.get(&ip).cloned(),
            endpoint: self.endpoints.get(&ip).map(|(e, _)| *e).filter(|e| *e != 0),
            identity,
            identity_name: identity.and_then(|i| {
                reserved_identity(i)
                    .map(String::from)
                    .or_else(|| self.labels.get(&i).cloned())
            }),
        }
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
            "[src: default/curl-pod id=3012; dst: ?; service: default/webpod 10.96.88.105:80; backend: 172.20.2.2:80]"
        );
    }
}
