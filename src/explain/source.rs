//! Step 1 (and the lookups step 3 reuses): where an address lives, from `cilium_lxc` (local
//! endpoint or host entry) and the ipcache (identity, tunnel endpoint), as the datapath resolves
//! a packet's peer.

use std::net::IpAddr;

use anyhow::Result;

use super::{identity_text, lookup, Explainer, Observation, Step};
use crate::maps::{ipcache, lxc, nodeid, Version};

/// What the maps say about one address.
#[derive(Debug, Clone, Default)]
pub struct Peer {
    pub ip: Option<IpAddr>,
    /// Local endpoint ID and its identity (`cilium_lxc`).
    pub endpoint: Option<(u16, u32)>,
    /// A host entry in `cilium_lxc` (an address of this node).
    pub host: bool,
    /// The ipcache identity (longest-prefix match), if an entry matched.
    pub ipcache_identity: Option<u32>,
    /// The tunnel endpoint (remote node) from the ipcache, when set.
    pub tunnel: Option<IpAddr>,
    /// Node ID of the tunnel endpoint (`cilium_node_map`).
    pub node_id: Option<u16>,
}

impl Peer {
    /// The security identity the datapath uses for this address: a local endpoint's own, the
    /// host's for host entries, else the ipcache's, else world.
    pub fn identity(&self) -> u32 {
        if let Some((_, id)) = self.endpoint {
            id
        } else if self.host {
            1
        } else {
            self.ipcache_identity.unwrap_or(2)
        }
    }

    /// A local, policy-enforcing endpoint (not the host).
    pub fn local_endpoint(&self) -> Option<u16> {
        self.endpoint.map(|(id, _)| id)
    }

    /// On this node (an endpoint or a host address).
    pub fn is_local(&self) -> bool {
        self.endpoint.is_some() || self.host
    }
}

/// The ipcache map of this node's release (1.18 `cilium_ipcache_v2`, else `cilium_ipcache`).
pub fn ipcache_spec(x: &Explainer<'_>) -> &'static crate::maps::MapSpec {
    if x.version >= Version::V1_18 || x.root.exists(ipcache::SPEC_V2.name) {
        &ipcache::SPEC_V2
    } else {
        &ipcache::SPEC_V1
    }
}

/// Look `ip` up in `cilium_lxc`, the ipcache and (for remote addresses) the node map, adding
/// observations for `step`; `role` names the address in the sentences ("source", "backend 8").
pub fn locate(x: &mut Explainer<'_>, ip: IpAddr, step: Step, role: &str) -> Result<Peer> {
    let mut p = Peer {
        ip: Some(ip),
        ..Peer::default()
    };
    let key = lxc::EndpointKey::new(ip);
    let key_text = key.to_string();
    match x.open(&lxc::SPEC)? {
        None => {
            x.gap(lxc::SPEC.name);
            x.push(Observation::inferred(
                step,
                format!("{role} {ip}: cilium_lxc is not pinned, so whether it is a local endpoint is unknown"),
                "map absent",
            ));
        }
        Some(m) => match lookup(&m, &key.encode())?.and_then(|v| lxc::EndpointInfo::decode(&v)) {
            Some(info) if info.is_host() => {
                p.host = true;
                x.push(
                    Observation::read(
                        step,
                        format!("{role} {ip} is an address of this node (host entry, identity 1 reserved:host)"),
                        lxc::SPEC.name,
                        &key_text,
                    )
                    .with("host", true)
                    .with("identity", 1),
                );
            }
            Some(info) => {
                p.endpoint = Some((info.lxc_id, info.sec_id));
                let pod = x.names.pod_or_note(info.lxc_id);
                let id = identity_text(&mut x.names, info.sec_id);
                let mut what = format!("{role} {ip} is local endpoint {}, identity {id}", info.lxc_id);
                if let Some(pod) = &pod {
                    what.push_str(&format!(", pod {pod}"));
                }
                x.push(
                    Observation::read(step, what, lxc::SPEC.name, &key_text)
                        .with("endpoint_id", info.lxc_id)
                        .with("identity", info.sec_id)
                        .with("ifindex", info.ifindex)
                        .with("pod", pod),
                );
            }
            None => x.push(
                Observation::read(
                    step,
                    format!("{role} {ip} is not a local endpoint or host address (no entry)"),
                    lxc::SPEC.name,
                    &key_text,
                )
                .with("local", false),
            ),
        },
    }
    ipcache_lookup(x, &mut p, ip, step, role)?;
    if let Some(t) = p.tunnel {
        node_lookup(x, &mut p, t, step, role)?;
    }
    Ok(p)
}

fn ipcache_lookup(x: &mut Explainer<'_>, p: &mut Peer, ip: IpAddr, step: Step, role: &str) -> Result<()> {
    let spec = ipcache_spec(x);
    let key = ipcache::Key::host(ip);
    let key_text = key.to_string();
    let Some(m) = x.open(spec)? else {
        x.gap(spec.name);
        x.push(Observation::inferred(
            step,
            format!("{role} {ip}: {} is not pinned, so its identity is unknown", spec.name),
            "map absent",
        ));
        return Ok(());
    };
    match lookup(&m, &key.encode())?.and_then(|v| ipcache::Value::decode(&v)) {
        Some(v) => {
            p.ipcache_identity = Some(v.identity);
            let tunnel = (!v.tunnel_endpoint.is_unspecified()).then_some(v.tunnel_endpoint);
            p.tunnel = tunnel;
            let id = identity_text(&mut x.names, v.identity);
            let where_ = match tunnel {
                Some(t) => format!("behind tunnel endpoint {t}"),
                None => "no tunnel endpoint".to_string(),
            };
            let mut o = Observation::read(
                step,
                format!("{role} {ip} has identity {id}, {where_} (longest-prefix match)"),
                spec.name,
                key_text,
            )
            .with("identity", v.identity)
            .with("tunnel_endpoint", tunnel)
            .with("encrypt_key", v.key);
            if p.endpoint.is_some() && p.endpoint.map(|e| e.1) != Some(v.identity) {
                o = o.with(
                    "note",
                    "ipcache identity differs from cilium_lxc's; the datapath uses the endpoint's",
                );
            }
            x.push(o);
        }
        None => {
            let mut o = Observation::read(
                step,
                format!("{role} {ip} has no ipcache entry (not even a /0)"),
                spec.name,
                key_text,
            );
            if !p.is_local() {
                o.what.push_str(": the datapath treats it as world (identity 2)");
            }
            x.push(o);
        }
    }
    Ok(())
}

fn node_lookup(x: &mut Explainer<'_>, p: &mut Peer, tunnel: IpAddr, step: Step, role: &str) -> Result<()> {
    let spec = if x.root.exists(nodeid::SPEC_V2.name) {
        &nodeid::SPEC_V2
    } else {
        &nodeid::SPEC_V1
    };
    let Some(m) = x.open(spec)? else {
        return Ok(());
    };
    let key_text = tunnel.to_string();
    match lookup(&m, &nodeid::encode_key(tunnel))?.and_then(|v| nodeid::Value::decode(&v)) {
        Some(v) => {
            p.node_id = Some(v.id);
            x.push(
                Observation::read(
                    step,
                    format!("{role}'s node {tunnel} has node ID {}", v.id),
                    spec.name,
                    key_text,
                )
                .with("node_id", v.id),
            );
        }
        None => x.push(Observation::read(
            step,
            format!("{role}'s node {tunnel} has no node ID"),
            spec.name,
            key_text,
        )),
    }
    Ok(())
}
