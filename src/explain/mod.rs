//! `cdbg explain`: what the datapath does to one connection, told as a numbered list of
//! observations read from the pinned maps (or inferred, and then saying why), in datapath order:
//! source, service translation, destination, policy, connection state, NAT, verdict.
//!
//! Maps are read only through `BpfRoot`/`Map` (point lookups where the key is known, one filtered
//! pass via `bpf::walk` otherwise) and the agent only through `agent::Client`, so a snapshot
//! source below those types serves this command unchanged.

pub mod conntrack;
pub mod destination;
pub mod flows;
pub mod nat;
pub mod policy;
pub mod service;
pub mod source;
pub mod verdict;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::net::IpAddr;

use anyhow::{bail, Context, Result};
use serde::Serialize;
use serde_json::Value;

use crate::bpf::Map;
use crate::maps::{BpfRoot, MapSpec, Version};

pub const TCP: u8 = 6;
pub const UDP: u8 = 17;
pub const ICMP: u8 = 1;
pub const ICMPV6: u8 = 58;
pub const SCTP: u8 = 132;

/// The connection asked about. `sport` is optional: without it CT and NAT need a filtered pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    pub src: IpAddr,
    pub sport: Option<u16>,
    pub dst: IpAddr,
    pub dport: u16,
    pub proto: u8,
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sport {
            Some(p) => write!(f, "{}", hostport(self.src, p))?,
            None => write!(f, "{}", self.src)?,
        }
        write!(f, " -> {}/{}", hostport(self.dst, self.dport), proto_name(self.proto))
    }
}

/// `ip:port`, IPv6 in brackets.
pub fn hostport(ip: IpAddr, port: u16) -> String {
    match ip {
        IpAddr::V4(a) => format!("{a}:{port}"),
        IpAddr::V6(a) => format!("[{a}]:{port}"),
    }
}

pub fn proto_name(p: u8) -> String {
    match p {
        TCP => "TCP".into(),
        UDP => "UDP".into(),
        SCTP => "SCTP".into(),
        ICMP => "ICMP".into(),
        ICMPV6 => "ICMPv6".into(),
        0 => "ANY".into(),
        n => n.to_string(),
    }
}

/// Parse `tcp|udp|sctp|icmp` (any case).
pub fn parse_proto(s: &str) -> Option<u8> {
    match s.to_ascii_lowercase().as_str() {
        "tcp" => Some(TCP),
        "udp" => Some(UDP),
        "sctp" => Some(SCTP),
        "icmp" => Some(ICMP),
        "icmpv6" => Some(ICMPV6),
        _ => None,
    }
}

/// Which datapath step an observation belongs to (the numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Source = 1,
    Service = 2,
    Destination = 3,
    Policy = 4,
    Conntrack = 5,
    Nat = 6,
    Verdict = 7,
    /// `--flows`: what Hubble recorded (after the verdict, which it does not change).
    Flows = 8,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Source => "source",
            Step::Service => "service",
            Step::Destination => "destination",
            Step::Policy => "policy",
            Step::Conntrack => "conntrack",
            Step::Nat => "nat",
            Step::Verdict => "verdict",
            Step::Flows => "flows",
        }
    }
}

/// One fact about the connection: read from a map entry (or its absence), or inferred.
#[derive(Debug, Clone, Serialize)]
pub struct Observation {
    /// Datapath step, 1..=7.
    pub step: u8,
    /// Its name: source, service, destination, policy, conntrack, nat, verdict.
    pub stage: &'static str,
    /// The observation in one sentence.
    pub what: String,
    /// The pinned map it was read from (`None` when inferred).
    pub map: Option<String>,
    /// The key looked up, as cilium-dbg prints such keys.
    pub key: Option<String>,
    /// True when read from the map (an entry, or the fact that there is none).
    pub read: bool,
    /// Why, when the observation is an inference rather than a read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inferred: Option<String>,
    /// What this observation means for the packet, when it decides something
    /// (`allow`, `deny`, `redirect`, `drop`, `forward`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<String>,
    /// Decoded fields backing the sentence.
    pub evidence: BTreeMap<String, Value>,
}

impl Observation {
    /// Read from `map` with `key` (the entry or its absence).
    pub fn read(step: Step, what: impl Into<String>, map: &str, key: impl Into<String>) -> Observation {
        Observation {
            step: step as u8,
            stage: step.name(),
            what: what.into(),
            map: Some(map.to_string()),
            key: Some(key.into()),
            read: true,
            inferred: None,
            verdict: None,
            evidence: BTreeMap::new(),
        }
    }

    /// Inferred, not read; `why` says from what.
    pub fn inferred(step: Step, what: impl Into<String>, why: impl Into<String>) -> Observation {
        Observation {
            step: step as u8,
            stage: step.name(),
            what: what.into(),
            map: None,
            key: None,
            read: false,
            inferred: Some(why.into()),
            verdict: None,
            evidence: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, v: impl Serialize) -> Observation {
        self.evidence
            .insert(name.to_string(), serde_json::to_value(v).unwrap_or(Value::Null));
        self
    }

    pub fn verdict(mut self, v: &str) -> Observation {
        self.verdict = Some(v.to_string());
        self
    }
}

/// Names from the agent (pod names, identity labels, service names), optional.
pub struct Names {
    client: Option<crate::agent::Client>,
    /// Why the agent gave no names (unreachable, error), once known.
    pub unavailable: Option<String>,
    /// Names asked for but not known, in the order asked.
    pub missing: Vec<String>,
    pods: Option<BTreeMap<u16, String>>,
    services: Option<BTreeMap<u16, String>>,
}

impl Names {
    pub fn new(host: Option<&str>) -> Names {
        let (client, unavailable) = match crate::agent::Client::for_commands_or(host, std::time::Duration::from_secs(5))
        {
            Ok(c) => (Some(c), None),
            Err(e) => (None, Some(e.to_string())),
        };
        Names {
            client,
            unavailable,
            missing: Vec::new(),
            pods: None,
            services: None,
        }
    }

    /// No agent at all (unit tests).
    pub fn none() -> Names {
        Names {
            client: None,
            unavailable: Some("no agent asked".into()),
            missing: Vec::new(),
            pods: None,
            services: None,
        }
    }

    fn get<T: serde::de::DeserializeOwned>(&mut self, path: &str) -> Option<T> {
        if self.unavailable.is_some() {
            return None;
        }
        let c = self.client.as_ref()?;
        match c.get_json::<T>(path) {
            Ok(v) => Some(v),
            Err(e) => {
                self.unavailable = Some(if e.is_unreachable() {
                    format!("agent not reachable at {}", c.target)
                } else {
                    format!("agent answered GET {path} with an error: {e}")
                });
                None
            }
        }
    }

    fn miss(&mut self, what: String) {
        if !self.missing.contains(&what) {
            self.missing.push(what);
        }
    }

    /// Pod name (`namespace/name`) of a local endpoint.
    pub fn pod(&mut self, ep: u16) -> Option<String> {
        if self.pods.is_none() {
            let list: Option<Vec<crate::agent::models::endpoint::Endpoint>> = self.get("/endpoint");
            let list = list?;
            let mut m = BTreeMap::new();
            for e in list {
                let pod = e
                    .status
                    .as_ref()
                    .and_then(|s| s.external_identifiers.as_ref())
                    .map(|x| x.pod_name.clone())
                    .unwrap_or_default();
                if !pod.is_empty() {
                    m.insert(e.id as u16, pod);
                }
            }
            self.pods = Some(m);
        }
        self.pods.as_ref().and_then(|m| m.get(&ep).cloned())
    }

    /// The address of a local pod `namespace/name`, from the agent's endpoint list.
    pub fn pod_ip(&mut self, name: &str) -> Result<Option<IpAddr>> {
        let list: Option<Vec<crate::agent::models::endpoint::Endpoint>> = self.get("/endpoint");
        let Some(list) = list else {
            bail!(
                "pod {name}: resolving a pod name needs the agent ({}); give the pod's IP instead",
                self.unavailable.clone().unwrap_or_default()
            );
        };
        for e in list {
            let Some(st) = e.status else { continue };
            let pod = st.external_identifiers.map(|x| x.pod_name).unwrap_or_default();
            if pod != name {
                continue;
            }
            for a in st.networking.map(|n| n.addressing).unwrap_or_default() {
                for s in [a.ipv4, a.ipv6] {
                    if let Ok(ip) = s.parse() {
                        return Ok(Some(ip));
                    }
                }
            }
        }
        Ok(None)
    }

    /// Pod name of a local endpoint, noting it as missing when the agent cannot say.
    pub fn pod_or_note(&mut self, ep: u16) -> Option<String> {
        let p = self.pod(ep);
        if p.is_none() && self.unavailable.is_some() {
            self.miss(format!("pod of endpoint {ep}"));
        }
        p
    }

    /// Labels of an identity: reserved ones are known without the agent.
    pub fn labels(&mut self, id: u32) -> Option<Vec<String>> {
        if let Some(r) = reserved_identity(id) {
            return Some(vec![format!("reserved:{r}")]);
        }
        let v: Option<crate::agent::models::misc::Identity> = self.get(&format!("/identity/{id}"));
        match v {
            Some(i) => Some(i.labels),
            None => {
                if self.unavailable.is_some() {
                    self.miss(format!("labels of identity {id}"));
                }
                None
            }
        }
    }

    /// `namespace/name` of a service by its ID.
    pub fn service(&mut self, id: u16) -> Option<String> {
        if self.services.is_none() {
            let list: Option<Vec<crate::agent::models::service::Service>> = self.get("/service");
            let mut m = BTreeMap::new();
            for s in list.unwrap_or_default() {
                let Some(spec) = s.spec else { continue };
                if let Some(f) = &spec.flags {
                    if !f.name.is_empty() {
                        m.insert(spec.id as u16, format!("{}/{}", f.namespace, f.name));
                    }
                }
            }
            if self.unavailable.is_some() {
                self.miss(format!("name of service {id}"));
                return None;
            }
            self.services = Some(m);
        }
        self.services.as_ref().and_then(|m| m.get(&id).cloned())
    }

    /// Every frontend `(ip, port, proto)` of a service `namespace/name`, from the agent.
    pub fn frontends_of(&mut self, name: &str) -> Result<Vec<(IpAddr, u16, String)>> {
        let list: Option<Vec<crate::agent::models::service::Service>> = self.get("/service");
        let Some(list) = list else {
            bail!(
                "service {name}: resolving a service name needs the agent ({}); give its frontend address instead (cdbg bpf lb list --frontends lists them)",
                self.unavailable.clone().unwrap_or_default()
            );
        };
        let mut out = Vec::new();
        for s in list {
            let Some(spec) = s.spec else { continue };
            let Some(flags) = &spec.flags else { continue };
            if format!("{}/{}", flags.namespace, flags.name) != name {
                continue;
            }
            if let Some(fe) = &spec.frontend_address {
                if let Ok(ip) = fe.ip.parse() {
                    out.push((ip, fe.port, fe.protocol.clone()));
                }
            }
        }
        Ok(out)
    }
}

/// Names of the reserved identities (`maps.md` §11.4).
pub fn reserved_identity(id: u32) -> Option<&'static str> {
    Some(match id {
        1 => "host",
        2 => "world",
        3 => "unmanaged",
        4 => "health",
        5 => "init",
        6 => "remote-node",
        7 => "kube-apiserver",
        8 => "ingress",
        9 => "world-ipv4",
        10 => "world-ipv6",
        _ => return None,
    })
}

/// An identity with its labels when known: `3012 (k8s:app=curl)`.
pub fn identity_text(names: &mut Names, id: u32) -> String {
    match names.labels(id) {
        Some(l) => {
            // The labels that tell most: app/k8s-app, cidr, reserved; else the first.
            let pick: Vec<&String> = l
                .iter()
                .filter(|s| {
                    s.starts_with("k8s:app=")
                        || s.starts_with("k8s:k8s-app=")
                        || s.starts_with("cidr:")
                        || s.starts_with("reserved:")
                })
                .collect();
            let shown = if pick.is_empty() {
                l.first().cloned().unwrap_or_default()
            } else {
                pick.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            };
            if shown.is_empty() {
                id.to_string()
            } else {
                format!("{id} ({shown})")
            }
        }
        None => id.to_string(),
    }
}

/// The shared state of one explanation: the maps, the names and the observations so far.
pub struct Explainer<'a> {
    pub root: &'a BpfRoot,
    pub version: Version,
    pub names: Names,
    /// The datapath clock, for CT lifetimes (`None`: remaining lifetimes are not shown).
    pub clock: Option<crate::maps::clock::Clock>,
    pub obs: Vec<Observation>,
    /// Maps the verdict depends on that could not be read (absent): the verdict is then unknown.
    pub gaps: Vec<String>,
}

impl<'a> Explainer<'a> {
    pub fn new(root: &'a BpfRoot, names: Names, clock: Option<crate::maps::clock::Clock>) -> Explainer<'a> {
        Explainer {
            root,
            version: Version::detect(root),
            names,
            clock,
            obs: Vec::new(),
            gaps: Vec::new(),
        }
    }

    /// Note a map the verdict needs but that is not pinned.
    pub fn gap(&mut self, name: &str) {
        if !self.gaps.iter().any(|g| g == name) {
            self.gaps.push(name.to_string());
        }
    }

    pub fn push(&mut self, o: Observation) {
        self.obs.push(o);
    }

    /// Open a map if pinned (shape-checked); `None` when absent.
    pub fn open(&self, spec: &MapSpec) -> Result<Option<Map>> {
        Ok(self.root.open_if_exists(spec)?.map(|(m, _)| m))
    }

    /// Open a map by computed name (per-endpoint maps) if pinned.
    pub fn open_named(&self, name: &str, shapes: &[crate::maps::Shape]) -> Result<Option<Map>> {
        match self.root.open_map(name, shapes, crate::maps::Access::Read)? {
            crate::maps::Opened::Opened(m, _) => Ok(Some(m)),
            crate::maps::Opened::Absent(_) => Ok(None),
        }
    }
}

/// One point lookup: the value bytes, or `None` when the key has no entry.
pub fn lookup(map: &Map, key: &[u8]) -> Result<Option<Vec<u8>>> {
    let mut v = vec![0u8; map.value_stride()];
    let found = map
        .lookup(key, &mut v)
        .with_context(|| format!("lookup in {}", map.path().display()))?;
    Ok(found.then_some(v))
}

/// The whole answer.
pub struct Explanation {
    pub flow: Flow,
    pub observations: Vec<Observation>,
    /// Why names are missing (agent not reachable) and which.
    pub names_note: Option<String>,
}

/// Explain `flow`: run every step and return the observations in datapath order.
pub fn explain(x: &mut Explainer<'_>, flow: Flow, flows: Option<&flows::FlowsQuery<'_>>) -> Result<Explanation> {
    let src = source::locate(x, flow.src, Step::Source, "source")?;
    let mut svc = service::translate(x, &flow, &src)?;
    // Without a source port the conntrack and SNAT maps each take one filtered pass: run the
    // SNAT pass (by source only, which needs no conntrack answer) beside the conntrack pass.
    let nat_map = match flow.sport {
        None => x.open(nat::spec_for(&flow))?,
        Some(_) => None,
    };
    let (ct, nat_pre) = std::thread::scope(|s| {
        let flow = &flow;
        let pass = nat_map.map(|m| s.spawn(move || nat::source_pass(&m, flow)));
        let ct = conntrack::read(x, flow, &svc);
        (ct, pass.map(|h| h.join().expect("the SNAT pass thread panicked")))
    });
    let ct = ct?;
    let nat_pre = nat_pre.transpose()?;
    if let Some(svc) = &mut svc {
        service::selection(x, &flow, svc, &ct)?;
    }
    let targets = destination::targets(x, &flow, svc.as_ref(), &ct)?;
    let pol = policy::check(x, &flow, &src, &targets)?;
    nat::read(x, &flow, &src, &targets, nat_pre)?;
    verdict::conclude(x, &flow, &src, svc.as_ref(), &ct, &targets, &pol);
    if let Some(q) = flows {
        let mut dsts: Vec<IpAddr> = vec![flow.dst];
        dsts.extend(targets.iter().map(|t| t.addr).filter(|a| *a != flow.dst));
        flows::read(x, q, flow.src, &dsts);
    }
    let mut observations = std::mem::take(&mut x.obs);
    observations.sort_by_key(|o| o.step);
    let names_note = match (&x.names.unavailable, x.names.missing.is_empty()) {
        (Some(why), false) => Some(format!("{why}; names missing: {}", x.names.missing.join(", "))),
        _ => None,
    };
    Ok(Explanation {
        flow,
        observations,
        names_note,
    })
}

impl Explanation {
    /// The human form: a header, numbered observations with where each came from, the verdict.
    pub fn write_text(&self, w: &mut dyn Write) -> Result<()> {
        use crate::output::sanitize::field as escape;
        writeln!(w, "explain {}", escape(&self.flow.to_string()))?;
        let mut n = 0;
        for o in &self.observations {
            if o.step == Step::Verdict as u8 {
                continue;
            }
            n += 1;
            writeln!(w, "{n:>2}. [{}] {}", o.stage, escape(&o.what))?;
            match (&o.map, &o.key, &o.inferred) {
                (Some(m), Some(k), _) if m == "hubble" => {
                    writeln!(w, "      read from Hubble (GetFlows, filter {})", escape(k))?
                }
                (Some(m), Some(k), _) => writeln!(w, "      read from {m} key {}", escape(k))?,
                (_, _, Some(why)) => writeln!(w, "      inferred: {}", escape(why))?,
                _ => {}
            }
        }
        for o in self.observations.iter().filter(|o| o.step == Step::Verdict as u8) {
            writeln!(w, "verdict: {}", escape(&o.what))?;
            if let Some(why) = &o.inferred {
                writeln!(w, "      inferred: {}", escape(why))?;
            }
        }
        Ok(())
    }
}

/// One CT entry found for the flow.
#[derive(Debug, Clone)]
pub struct CtEntry {
    pub map: &'static str,
    pub key: Vec<u8>,
    pub tuple: crate::maps::ct::Tuple,
    pub entry: crate::maps::ct::Entry,
}

/// The flow's CT entries.
#[derive(Debug, Clone, Default)]
pub struct Ct {
    /// SVC entries of this client for the frontend (one with a source port).
    pub svc: Vec<CtEntry>,
    /// OUT / IN / related entries toward the destination or any backend.
    pub conns: Vec<CtEntry>,
}
