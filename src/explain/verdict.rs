//! Step 7: one line that sums the steps up: forwarded to which backend and node, dropped and by
//! what (source range, no backend, policy), or unknown and why. Always an inference from the
//! observations before it.

use super::destination::Target;
use super::policy::{Outcome, PolicyResult};
use super::service::{Choice, Service};
use super::source::Peer;
use super::Ct;
use super::{hostport, Explainer, Flow, Observation, Step};

fn where_(t: &Target) -> String {
    if let Some(ep) = t.peer.local_endpoint() {
        format!("on local endpoint {ep}")
    } else if t.peer.host {
        "on this node (host)".to_string()
    } else if let Some(n) = t.peer.tunnel {
        match t.peer.node_id {
            Some(id) => format!("on node {n} (node ID {id}, via tunnel)"),
            None => format!("on node {n} (via tunnel)"),
        }
    } else {
        "routed by this node (no tunnel endpoint: outside the cluster or natively routed)".to_string()
    }
}

fn drop_by(dir: &str, o: &Outcome, ep: Option<u16>) -> Option<String> {
    let at = ep.map(|e| format!(" of endpoint {e}")).unwrap_or_default();
    match o {
        Outcome::Deny => Some(format!("dropped by {dir} policy{at} (deny entry)")),
        Outcome::DefaultDeny => Some(format!("dropped by {dir} policy{at} (no entry matches: default deny)")),
        _ => None,
    }
}

/// The outcome toward one target, as (kind, sentence).
fn one(src: &Peer, t: &Target, p: Option<&PolicyResult>) -> (&'static str, String) {
    let name = match t.backend_id {
        Some(b) => format!("backend {b} ({})", hostport(t.addr, t.port)),
        None => hostport(t.addr, t.port),
    };
    if let Some(p) = p {
        for (dir, o, ep) in [
            ("egress", &p.egress, src.local_endpoint()),
            ("ingress", &p.ingress, t.peer.local_endpoint()),
        ] {
            if let Some(o) = o {
                if let Some(d) = drop_by(dir, o, ep) {
                    return ("dropped", format!("{d} toward {name}"));
                }
                if let Outcome::Unknown(why) = o {
                    return ("unknown", format!("{dir} policy toward {name} unknown: {why}"));
                }
            }
        }
    }
    let mut s = format!("forwarded to {name} {}", where_(t));
    if let Some(p) = p {
        for (dir, o) in [("egress", &p.egress), ("ingress", &p.ingress)] {
            match o {
                Some(Outcome::Redirect(port)) => s.push_str(&format!(", through the L7 proxy (port {port}, {dir})")),
                Some(Outcome::AuthRequired(_)) => s.push_str(&format!(", once mutual authentication succeeds ({dir})")),
                _ => {}
            }
        }
    }
    ("forwarded", s)
}

pub fn conclude(
    x: &mut Explainer<'_>,
    flow: &Flow,
    src: &Peer,
    svc: Option<&Service>,
    _ct: &Ct,
    targets: &[Target],
    pol: &[PolicyResult],
) {
    let (kind, what, why) = match svc.map(|s| &s.choice) {
        Some(Choice::Rejected) => (
            "dropped",
            format!("dropped: {} is not in the service's source ranges", flow.src),
            "the source-range lookup rejected the client",
        ),
        Some(Choice::NoBackend) => (
            "dropped",
            "dropped: the service has no backend for this connection".to_string(),
            "no active backend slot in the scope that applies",
        ),
        _ if targets.is_empty() && !matches!(svc.map(|s| &s.choice), Some(Choice::Candidates(_))) => (
            "unknown",
            "unknown: no destination could be determined".to_string(),
            "the maps needed were not readable",
        ),
        _ => {
            let mut outs: Vec<(&str, String)> = targets
                .iter()
                .map(|t| one(src, t, pol.iter().find(|p| p.backend_id == t.backend_id)))
                .collect();
            // Candidate slots whose backend entry is missing: lb4_local/lb6_local drop.
            if let Some(Choice::Candidates(ids)) = svc.map(|s| &s.choice) {
                for id in ids {
                    if !targets.iter().any(|t| t.backend_id == Some(*id)) {
                        outs.push((
                            "dropped",
                            format!(
                                "dropped when backend {id} is picked: it has no backend entry (no service backend)"
                            ),
                        ));
                    }
                }
            }
            let kind = if outs.iter().all(|o| o.0 == outs[0].0) {
                outs[0].0
            } else {
                "depends"
            };
            let multi = outs.len() > 1;
            let why = if multi {
                "the backend of a new connection is picked per connection; each candidate's outcome is listed"
            } else {
                "from the observations above"
            };
            let sentences: Vec<String> = outs.into_iter().map(|o| o.1).collect();
            let prefix = if multi { "one of: " } else { "" };
            (kind, format!("{prefix}{}", sentences.join("; ")), why)
        }
    };
    // A verdict built on maps that were not there is not an answer: a missing service map can
    // hide a translation, a missing ipcache the identity policy is looked up with.
    if !x.gaps.is_empty() {
        let what = format!(
            "unknown: {} not pinned, so the datapath's decision cannot be told (from the maps that were read: {what})",
            x.gaps.join(", ") + if x.gaps.len() > 1 { " are" } else { " is" }
        );
        x.push(
            Observation::inferred(Step::Verdict, what, "maps the decision depends on are absent").verdict("unknown"),
        );
        return;
    }
    x.push(Observation::inferred(Step::Verdict, what, why).verdict(kind));
}
