//! Step 3: the destination, or each backend the connection may go to: identity, node (tunnel
//! endpoint, node ID), local endpoint or remote, from the same lookups as the source.

use std::net::IpAddr;

use anyhow::Result;

use super::service::{Choice, Service};
use super::source::{locate, Peer};
use super::Ct;
use super::{Explainer, Flow, Step};

/// Where the packet may be delivered.
#[derive(Debug, Clone)]
pub struct Target {
    /// The backend, when a service translated the destination.
    pub backend_id: Option<u32>,
    pub addr: IpAddr,
    pub port: u16,
    pub peer: Peer,
}

/// Locate the destination (no service) or the chosen / candidate backends.
pub fn targets(x: &mut Explainer<'_>, flow: &Flow, svc: Option<&Service>, _ct: &Ct) -> Result<Vec<Target>> {
    let Some(svc) = svc else {
        let peer = locate(x, flow.dst, Step::Destination, "destination")?;
        return Ok(vec![Target {
            backend_id: None,
            addr: flow.dst,
            port: flow.dport,
            peer,
        }]);
    };
    let ids: Vec<u32> = match &svc.choice {
        Choice::Pinned(b) | Choice::Affinity(b) => vec![*b],
        Choice::Candidates(v) => v.clone(),
        Choice::NoBackend | Choice::Rejected => Vec::new(),
    };
    let mut out = Vec::new();
    for id in ids {
        let Some(b) = svc.slot_of(id).and_then(|s| s.backend) else {
            continue;
        };
        let role = format!("backend {id}");
        let peer = locate(x, b.addr, Step::Destination, &role)?;
        out.push(Target {
            backend_id: Some(id),
            addr: b.addr,
            port: b.port,
            peer,
        });
    }
    Ok(out)
}
