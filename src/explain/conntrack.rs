//! Step 5: the connection's conntrack entries (SVC, OUT, IN, related) in the global CT maps.
//! With a source port every key is known and each is one point lookup; without it, one filtered
//! pass over the flow's CT table (TCP or non-TCP, by family) keeps the entries of this client.

use std::net::IpAddr;

use anyhow::Result;

use super::service::Service;
use super::{lookup, Ct, CtEntry, Explainer, Flow, Observation, Step, ICMP, ICMPV6, TCP};
use crate::maps::ct::{self, Table, Tuple, TUPLE_F_IN, TUPLE_F_OUT, TUPLE_F_RELATED, TUPLE_F_SERVICE};
use crate::maps::MapSpec;

fn table_spec(t: Table) -> &'static MapSpec {
    &ct::GLOBAL[ct::TABLES.iter().position(|x| *x == t).unwrap_or(0)]
}

/// Where the packet goes after service translation: (address, port) pairs to look for.
fn targets(flow: &Flow, svc: Option<&Service>) -> Vec<(IpAddr, u16)> {
    match svc {
        Some(s) => s
            .slots
            .iter()
            .filter_map(|sl| sl.backend.as_ref().map(|b| (b.addr, b.port)))
            .collect(),
        None => vec![(flow.dst, flow.dport)],
    }
}

/// `PROTO DIR a:p -> b:q` as cilium-dbg prints the key (no trailing space).
pub fn key_text(key: &[u8]) -> String {
    let mut b = Vec::new();
    ct::format_key(&mut b, key);
    String::from_utf8_lossy(&b).trim_end().to_string()
}

/// Read the flow's CT entries (point lookups with a source port, else one filtered pass) and
/// add their observations.
pub fn read(x: &mut Explainer<'_>, flow: &Flow, svc: &Option<Service>) -> Result<Ct> {
    let v6 = flow.src.is_ipv6();
    let table = Table {
        ipv6: v6,
        tcp: flow.proto == TCP,
    };
    let spec = table_spec(table);
    let mut ct = Ct::default();
    let Some(m) = x.open_named(spec.name, table.shapes())? else {
        x.push(Observation::inferred(
            Step::Conntrack,
            format!("{} is not pinned: connection state unknown", spec.name),
            "map absent",
        ));
        return Ok(ct);
    };
    let tg = targets(flow, svc.as_ref());
    match flow.sport {
        Some(sport) => {
            let mut keys = Vec::new();
            if svc.is_some() {
                keys.push(Tuple {
                    daddr: flow.dst,
                    saddr: flow.src,
                    dport: sport,
                    sport: flow.dport,
                    nexthdr: flow.proto,
                    flags: TUPLE_F_SERVICE,
                });
            }
            for (a, p) in &tg {
                for dir in [TUPLE_F_OUT, TUPLE_F_IN] {
                    keys.push(Tuple {
                        daddr: flow.src,
                        saddr: *a,
                        dport: *p,
                        sport,
                        nexthdr: flow.proto,
                        flags: dir,
                    });
                }
            }
            let mut misses = Vec::new();
            for t in keys {
                if t.saddr.is_ipv6() != v6 || t.daddr.is_ipv6() != v6 {
                    continue;
                }
                let kb = ct::encode_tuple(&t);
                match lookup(&m, &kb)?.and_then(|v| ct::Entry::decode(&v)) {
                    Some(e) => push_entry(
                        &mut ct,
                        CtEntry {
                            map: spec.name,
                            key: kb,
                            tuple: t,
                            entry: e,
                        },
                    ),
                    None => misses.push(key_text(&kb)),
                }
            }
            if ct.svc.is_empty() && ct.conns.is_empty() {
                x.push(
                    Observation::read(
                        Step::Conntrack,
                        "no conntrack entry for this 5-tuple: the next packet starts a new connection",
                        spec.name,
                        misses.join(", "),
                    )
                    .with("lookups", misses.len()),
                );
            }
        }
        None => {
            // One filtered pass: raw byte compares, decode only the matches.
            let (a, p) = if v6 { (16, 32) } else { (4, 8) };
            let src = addr_bytes(flow.src);
            let vip = svc.as_ref().map(|_| (addr_bytes(flow.dst), flow.dport));
            let tg_bytes: Vec<(Vec<u8>, u16)> = tg.iter().map(|(ad, po)| (addr_bytes(*ad), *po)).collect();
            let proto = flow.proto;
            let mut found = Vec::new();
            crate::bpf::walk::stream::<anyhow::Error, _>(&m, spec.name, |k, v| {
                if k.len() < p + 6 || k[p + 4] != proto {
                    return Ok(());
                }
                let flags = k[p + 5];
                let port = |o: usize| u16::from_be_bytes([k[o], k[o + 1]]);
                let keep = if flags & TUPLE_F_SERVICE != 0 {
                    // SVC: @0 VIP, @a client, @p+2 service port.
                    vip.as_ref()
                        .is_some_and(|(va, vp)| k[0..a] == va[..] && k[a..2 * a] == src[..] && port(p + 2) == *vp)
                } else {
                    // OUT/IN: @0 client, @a destination, @p destination port.
                    k[0..a] == src[..] && tg_bytes.iter().any(|(ta, tp)| k[a..2 * a] == ta[..] && port(p) == *tp)
                };
                if keep {
                    if let (Some(t), Some(e)) = (Tuple::decode(k), ct::Entry::decode(v)) {
                        found.push(CtEntry {
                            map: spec.name,
                            key: k.to_vec(),
                            tuple: t,
                            entry: e,
                        });
                    }
                }
                Ok(())
            })?;
            // OUT/IN entries made through a service carry its rev-NAT ID: keep only this
            // service's, so another service's connections to the same backend do not show.
            if let Some(s) = svc {
                found.retain(|e| {
                    e.tuple.flags & TUPLE_F_SERVICE != 0
                        || e.entry.rev_nat == s.id
                        || e.entry.rev_nat == 0 && e.tuple.flags & TUPLE_F_IN != 0
                });
            }
            found.sort_by(|x, y| x.key.cmp(&y.key));
            for e in found {
                push_entry(&mut ct, e);
            }
            if ct.svc.is_empty() && ct.conns.is_empty() {
                x.push(Observation::read(
                    Step::Conntrack,
                    format!(
                        "no conntrack entry from {} to {}: no connection is tracked (one filtered pass, no source port given)",
                        flow.src,
                        super::hostport(flow.dst, flow.dport)
                    ),
                    spec.name,
                    format!("* (filtered: {} {} -> {})", super::proto_name(flow.proto), flow.src, super::hostport(flow.dst, flow.dport)),
                ));
            }
        }
    }
    // Related ICMP entries (created beside each connection for ICMP errors): point lookups.
    let any = Table { ipv6: v6, tcp: false };
    let any_spec = table_spec(any);
    let icmp = if v6 { ICMPV6 } else { ICMP };
    let mut related_targets: Vec<IpAddr> = ct.conns.iter().map(|e| e.tuple.saddr).collect();
    related_targets.dedup();
    if !related_targets.is_empty() {
        if let Some(am) = x.open_named(any_spec.name, any.shapes())? {
            for t in related_targets {
                let tuple = Tuple {
                    daddr: flow.src,
                    saddr: t,
                    dport: 0,
                    sport: 0,
                    nexthdr: icmp,
                    flags: TUPLE_F_OUT | TUPLE_F_RELATED,
                };
                let kb = ct::encode_tuple(&tuple);
                if let Some(e) = lookup(&am, &kb)?.and_then(|v| ct::Entry::decode(&v)) {
                    ct.conns.push(CtEntry {
                        map: any_spec.name,
                        key: kb,
                        tuple,
                        entry: e,
                    });
                }
            }
        }
    }
    for e in ct.svc.iter().chain(ct.conns.iter()) {
        x.push(describe(x.clock.as_ref(), e));
    }
    Ok(ct)
}

fn push_entry(ct: &mut Ct, e: CtEntry) {
    if e.tuple.flags & TUPLE_F_SERVICE != 0 {
        ct.svc.push(e);
    } else {
        ct.conns.push(e);
    }
}

fn addr_bytes(a: IpAddr) -> Vec<u8> {
    match a {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    }
}

/// The state a CT entry shows, in words.
fn state(e: &ct::Entry, tcp: bool) -> &'static str {
    if !tcp {
        return "tracked";
    }
    if e.flags & (ct::RX_CLOSING | ct::TX_CLOSING) == ct::RX_CLOSING | ct::TX_CLOSING {
        "closing (FIN both ways)"
    } else if e.flags & (ct::RX_CLOSING | ct::TX_CLOSING) != 0 {
        "half-closed"
    } else if e.flags & ct::SEEN_NON_SYN != 0 {
        "established"
    } else if e.rx_flags_seen == 0 {
        "SYN sent, no reply seen"
    } else {
        "opening"
    }
}

fn describe(clock: Option<&crate::maps::clock::Clock>, c: &CtEntry) -> Observation {
    let e = &c.entry;
    let svc = c.tuple.flags & TUPLE_F_SERVICE != 0;
    let related = c.tuple.flags & TUPLE_F_RELATED != 0;
    let dir = if svc {
        "SVC"
    } else if c.tuple.flags & TUPLE_F_IN != 0 {
        "IN"
    } else {
        "OUT"
    };
    let remaining = clock.map(|k| k.remaining(u64::from(e.lifetime)));
    let mut what = format!("{dir}{} entry: ", if related { " related" } else { "" });
    if svc {
        what.push_str(&format!("backend {}", e.backend_id));
    } else {
        what.push_str(state(e, c.tuple.nexthdr == TCP));
    }
    if e.rev_nat != 0 {
        what.push_str(&format!(", rev-NAT {}", e.rev_nat));
    }
    let flags = ct::flag_names(e.flags);
    if !flags.is_empty() {
        what.push_str(&format!(", flags {}", flags.join(" ")));
    }
    if let Some(r) = remaining {
        if r < 0 {
            what.push_str(&format!(", expired {}s ago (garbage collection pending)", -r));
        } else {
            what.push_str(&format!(", expires in {r}s"));
        }
    }
    if e.packets != 0 || e.bytes != 0 {
        what.push_str(&format!(", {} packets / {} bytes", e.packets, e.bytes));
    }
    if !svc && e.src_sec_id != 0 {
        what.push_str(&format!(", source identity {}", e.src_sec_id));
    }
    Observation::read(Step::Conntrack, what, c.map, key_text(&c.key))
        .with("direction", dir)
        .with("related", related)
        .with("backend_id", svc.then_some(e.backend_id))
        .with("rev_nat", e.rev_nat)
        .with("flags", flags)
        .with("remaining_secs", remaining)
        .with("lifetime", e.lifetime)
        .with("tx_flags_seen", e.tx_flags_seen)
        .with("rx_flags_seen", e.rx_flags_seen)
        .with("packets", e.packets)
        .with("bytes", e.bytes)
        .with("src_sec_id", e.src_sec_id)
}
