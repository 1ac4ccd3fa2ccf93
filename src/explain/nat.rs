//! Step 6: source NAT. The flow's `cilium_snat_v{4,6}_external` entries (point lookups with a
//! source port, one filtered pass without), and when there is none, whether masquerading would
//! apply (pod source, destination outside the cluster, not in the ip-masq-agent CIDRs).

use anyhow::Result;

use super::destination::Target;
use super::source::Peer;
use super::{lookup, Explainer, Flow, Observation, Step};
use crate::bpf::Map;
use crate::maps::ct::{encode_tuple, Tuple, TUPLE_F_IN, TUPLE_F_OUT};
use crate::maps::{ipmasq, nat};

fn key_text(key: &[u8]) -> String {
    let mut b = Vec::new();
    nat::format_key(&mut b, key);
    String::from_utf8_lossy(&b).trim_end().to_string()
}

/// Identities of addresses outside the cluster: world, world-ipv4/6, and CIDR identities
/// (local scope, 1 << 24 and up).
fn is_outside(id: u32) -> bool {
    matches!(id, 2 | 9 | 10) || id >= 1 << 24
}

/// The SNAT map for the flow's family.
pub fn spec_for(flow: &Flow) -> &'static crate::maps::MapSpec {
    if flow.src.is_ipv6() {
        &nat::SNAT6
    } else {
        &nat::SNAT4
    }
}

/// Without a source port: the raw OUT entries of the flow's source and protocol, from one pass
/// over the SNAT map. It needs no conntrack answer, so it runs beside the conntrack pass; `read`
/// then keeps the entries toward the flow's targets.
pub fn source_pass(m: &Map, flow: &Flow) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let spec = spec_for(flow);
    let (a, p) = if flow.src.is_ipv6() { (16, 32) } else { (4, 8) };
    let src_b = match flow.src {
        std::net::IpAddr::V4(v) => v.octets().to_vec(),
        std::net::IpAddr::V6(v) => v.octets().to_vec(),
    };
    let proto = flow.proto;
    let mut rows = Vec::new();
    crate::bpf::walk::stream::<anyhow::Error, _>(m, spec.name, |k, v| {
        if k.len() >= p + 6 && k[p + 4] == proto && k[p + 5] & TUPLE_F_IN == 0 && k[a..2 * a] == src_b[..] {
            rows.push((k.to_vec(), v.to_vec()));
        }
        Ok(())
    })?;
    Ok(rows)
}

/// `pre`: what [`source_pass`] found, when it ran beside the conntrack pass.
pub fn read(
    x: &mut Explainer<'_>,
    flow: &Flow,
    src: &Peer,
    targets: &[Target],
    pre: Option<Vec<(Vec<u8>, Vec<u8>)>>,
) -> Result<()> {
    let spec = spec_for(flow);
    let Some(m) = x.open(spec)? else {
        x.push(Observation::inferred(
            Step::Nat,
            format!("{} is not pinned: no BPF masquerading/SNAT on this node", spec.name),
            "map absent (BPF NodePort/masquerading off)",
        ));
        return Ok(());
    };
    let mut found = Vec::new();
    match flow.sport {
        Some(sport) => {
            for t in targets {
                let k = encode_tuple(&Tuple {
                    daddr: t.addr,
                    saddr: flow.src,
                    dport: t.port,
                    sport,
                    nexthdr: flow.proto,
                    flags: TUPLE_F_OUT,
                });
                if let Some(e) = lookup(&m, &k)?.and_then(|v| nat::Entry::decode(&v)) {
                    found.push((k, e));
                }
            }
        }
        None if !targets.is_empty() => {
            let (a, p) = if flow.src.is_ipv6() { (16, 32) } else { (4, 8) };
            let tg: Vec<(Vec<u8>, u16)> = targets
                .iter()
                .map(|t| {
                    let b = match t.addr {
                        std::net::IpAddr::V4(v) => v.octets().to_vec(),
                        std::net::IpAddr::V6(v) => v.octets().to_vec(),
                    };
                    (b, t.port)
                })
                .collect();
            let rows = match pre {
                Some(rows) => rows,
                None => source_pass(&m, flow)?,
            };
            for (k, v) in rows {
                let dport = u16::from_be_bytes([k[p], k[p + 1]]);
                if tg.iter().any(|(ta, tp)| k[0..a] == ta[..] && *tp == dport) {
                    if let Some(e) = nat::Entry::decode(&v) {
                        found.push((k, e));
                    }
                }
            }
            found.sort_by(|x, y| x.0.cmp(&y.0));
        }
        None => {}
    }
    for (k, e) in &found {
        let age = x
            .clock
            .as_ref()
            .map(|c| c.now_secs() as i64 - c.to_secs(e.created) as i64);
        let mut what = format!(
            "SNAT entry: the source is rewritten to {}",
            super::hostport(e.addr, e.port)
        );
        if let Some(a) = age {
            what.push_str(&format!(", created {a}s ago"));
        }
        x.push(
            Observation::read(Step::Nat, what, spec.name, key_text(k))
                .with("to_address", e.addr)
                .with("to_port", e.port)
                .with("age_secs", age)
                .with("needs_ct", e.needs_ct & 1 != 0),
        );
    }
    if !found.is_empty() {
        return Ok(());
    }
    let key = if let (Some(sport), Some(t)) = (flow.sport, targets.first()) {
        key_text(&encode_tuple(&Tuple {
            daddr: t.addr,
            saddr: flow.src,
            dport: t.port,
            sport,
            nexthdr: flow.proto,
            flags: TUPLE_F_OUT,
        }))
    } else {
        format!("* (filtered: OUT from {})", flow.src)
    };
    let outside: Vec<&Target> = targets
        .iter()
        .filter(|t| is_outside(t.peer.identity()) && !t.peer.is_local())
        .collect();
    if outside.is_empty() || src.local_endpoint().is_none() {
        let why = if src.local_endpoint().is_none() {
            "the source is not a local pod, so pod masquerading does not apply"
        } else {
            "the destination is inside the cluster (its identity is not world or a CIDR identity)"
        };
        x.push(Observation::read(
            Step::Nat,
            format!("no SNAT entry: {why}"),
            spec.name,
            key,
        ));
        return Ok(());
    }
    x.push(Observation::read(
        Step::Nat,
        "no SNAT entry for this flow yet",
        spec.name,
        key,
    ));
    // Masquerading: the ip-masq-agent's non-masquerade CIDRs exempt a destination.
    let masq = if flow.dst.is_ipv6() {
        &ipmasq::SPEC_V6
    } else {
        &ipmasq::SPEC_V4
    };
    for t in outside {
        let bits = if t.addr.is_ipv6() { 128 } else { 32 };
        match x.open(masq)? {
            Some(mm) => {
                let exempt = lookup(&mm, &ipmasq::encode_key(t.addr, bits))?.is_some();
                let what = if exempt {
                    format!("{} is in a non-masquerade CIDR: the pod's address is kept", t.addr)
                } else {
                    format!(
                        "{} is in no non-masquerade CIDR: the first packet is masqueraded to the egress device's address",
                        t.addr
                    )
                };
                x.push(Observation::read(Step::Nat, what, masq.name, format!("{}/{bits}", t.addr)).with("masquerade", !exempt));
            }
            None => x.push(Observation::inferred(
                Step::Nat,
                format!("{} is outside the cluster: masqueraded if BPF masquerading is on", t.addr),
                format!("{} is not pinned (no ip-masq-agent CIDRs); the device and masquerade setting come from the agent's config", masq.name),
            )),
        }
    }
    Ok(())
}
