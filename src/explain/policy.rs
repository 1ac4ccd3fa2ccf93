//! Step 4: policy at the source endpoint's egress and the destination endpoint's ingress, looked
//! up as `__policy_can_access` (bpf/lib/policy.h, 1.17+) does: an LPM lookup with the peer's
//! identity and the full protocol/port, then one with identity 0 (any); the L3 entry wins if it
//! denies; otherwise the L4-only entry wins if it denies, if there is no L3 entry, if its proxy
//! port priority is higher, or (equal priority) if its stored prefix length is longer; else the
//! L3 entry. No entry at all: default deny. The winner's deny bit, auth type and proxy port
//! decide.

use anyhow::Result;

use super::destination::Target;
use super::source::Peer;
use super::{identity_text, lookup, proto_name, Explainer, Flow, Observation, Step};
use crate::bpf::Map;
use crate::maps::policy::{self, Entry, Key};
use crate::maps::Version;

/// What the policy map decides for one direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Allow,
    /// Allowed, redirected to the L7 proxy listening on this port.
    Redirect(u16),
    /// Explicit deny entry.
    Deny,
    /// An entry requires authentication of this type (allowed once `cilium_auth_map` has it).
    AuthRequired(u8),
    /// No entry matched.
    DefaultDeny,
    /// The map could not be read; why.
    Unknown(String),
}

impl Outcome {
    pub fn drops(&self) -> bool {
        matches!(self, Outcome::Deny | Outcome::DefaultDeny)
    }

    fn word(&self) -> &'static str {
        match self {
            Outcome::Allow => "allow",
            Outcome::Redirect(_) => "redirect",
            Outcome::Deny => "deny",
            Outcome::AuthRequired(_) => "auth-required",
            Outcome::DefaultDeny => "default-deny",
            Outcome::Unknown(_) => "unknown",
        }
    }
}

/// A point lookup in an LPM trie (the kernel map, or a model of it in tests).
pub trait Lpm {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>>;
}

impl Lpm for Map {
    fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
        lookup(self, key)
    }
}

/// Which of the two lookups won.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Won {
    /// The identity-specific entry.
    L3,
    /// The identity-0 (any peer) entry.
    L4Only,
}

/// The result of the two lookups.
#[derive(Debug, Clone)]
pub struct Decision {
    pub l3: Option<Entry>,
    pub l4: Option<Entry>,
    pub won: Option<Won>,
    pub outcome: Outcome,
}

impl Decision {
    pub fn winner(&self) -> Option<&Entry> {
        match self.won? {
            Won::L3 => self.l3.as_ref(),
            Won::L4Only => self.l4.as_ref(),
        }
    }
}

/// The lookup key the datapath builds: full prefix, never wildcarded.
pub fn full_key(identity: u32, egress: bool, proto: u8, dport: u16) -> [u8; policy::KEY_SIZE] {
    Key {
        prefixlen: policy::STATIC_PREFIX_BITS + policy::FULL_PREFIX_BITS,
        identity,
        egress,
        proto,
        dport,
    }
    .encode()
}

/// Protocol+port prefix length of an entry: stored in 1.17+; ≤1.16 derived from the wildcard
/// flags (bit1 protocol, bit2 port).
pub fn prefix_len(e: &Entry, v: Version) -> u8 {
    if v >= Version::V1_17 {
        e.lpm_prefix_length()
    } else if e.flags & 2 != 0 {
        0
    } else if e.flags & 4 != 0 {
        8
    } else {
        24
    }
}

/// Run the datapath's two lookups and its precedence rules.
pub fn decide(m: &dyn Lpm, v: Version, remote: u32, egress: bool, proto: u8, dport: u16) -> Result<Decision> {
    let l3 = m
        .get(&full_key(remote, egress, proto, dport))?
        .and_then(|b| Entry::decode(&b));
    if let Some(p) = l3.filter(|p| p.is_deny()) {
        return Ok(Decision {
            l3: Some(p),
            l4: None,
            won: Some(Won::L3),
            outcome: Outcome::Deny,
        });
    }
    let l4 = if remote == 0 {
        None
    } else {
        m.get(&full_key(0, egress, proto, dport))?
            .and_then(|b| Entry::decode(&b))
    };
    let l4_wins = match (&l3, &l4) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(p), Some(q)) => {
            q.is_deny()
                || q.proxy_port_priority > p.proxy_port_priority
                || (q.proxy_port_priority == p.proxy_port_priority && prefix_len(q, v) > prefix_len(p, v))
        }
    };
    let won = if l4_wins {
        Some(Won::L4Only)
    } else if l3.is_some() {
        Some(Won::L3)
    } else {
        None
    };
    let mut d = Decision {
        l3,
        l4,
        won,
        outcome: Outcome::DefaultDeny,
    };
    let Some(w) = d.winner().copied() else {
        return Ok(d);
    };
    let other = match won {
        Some(Won::L3) => d.l4,
        _ => d.l3,
    };
    d.outcome = if w.is_deny() {
        Outcome::Deny
    } else {
        // The auth type comes from the winner unless it has none explicitly and the other
        // matching entry's is greater (`__policy_check`).
        let mut auth = w.auth_type(v);
        let explicit = v >= Version::V1_17 && w.auth & 0x80 != 0;
        if let Some(o) = other {
            if o.auth_type(v) > auth && !explicit {
                auth = o.auth_type(v);
            }
        }
        if auth != 0 {
            Outcome::AuthRequired(auth)
        } else if w.proxy_port != 0 {
            Outcome::Redirect(w.proxy_port)
        } else {
            Outcome::Allow
        }
    };
    Ok(d)
}

/// The winning entry as `bpf policy get` would show its key: identity, direction, port/proto.
pub fn entry_text(identity: u32, egress: bool, proto: u8, dport: u16, plen: u8) -> String {
    let (proto, dport) = if plen < 8 {
        (0, 0)
    } else if plen <= 8 {
        (proto, 0)
    } else if plen < 24 {
        (proto, dport & (0xffffu16 << (24 - plen)))
    } else {
        (proto, dport)
    };
    let k = Key {
        prefixlen: policy::STATIC_PREFIX_BITS + u32::from(plen),
        identity,
        egress,
        proto,
        dport,
    };
    let id = if identity == 0 {
        "ANY".to_string()
    } else {
        identity.to_string()
    };
    let pp = if plen == 0 { "ANY".to_string() } else { k.port_proto() };
    format!("{id} {} {pp} (prefix {plen})", k.direction())
}

fn lookup_key_text(identity: u32, egress: bool, proto: u8, dport: u16) -> String {
    let id = if identity == 0 {
        "ANY".to_string()
    } else {
        identity.to_string()
    };
    let dir = if egress { "Egress" } else { "Ingress" };
    format!("{id} {dir} {dport}/{}", proto_name(proto))
}

/// One direction's check at endpoint `ep` toward the peer `remote`.
fn check_one(x: &mut Explainer<'_>, ep: u16, egress: bool, remote: u32, flow: &Flow, dport: u16) -> Result<Outcome> {
    let v = x.version;
    let name = policy::map_name(ep, v);
    let dir = if egress { "egress" } else { "ingress" };
    let Some(m) = x.open_named(&name, policy::SHAPES)? else {
        let why = format!("{name} is not pinned");
        x.push(Observation::inferred(
            Step::Policy,
            format!("{dir} policy of endpoint {ep}: unknown"),
            why.clone(),
        ));
        return Ok(Outcome::Unknown(why));
    };
    let d = decide(&m, v, remote, egress, flow.proto, dport)?;
    let peer = identity_text(&mut x.names, remote);
    let pp = format!("{dport}/{}", proto_name(flow.proto));
    let mut keys = vec![lookup_key_text(remote, egress, flow.proto, dport)];
    if !(d.won == Some(Won::L3) && d.outcome == Outcome::Deny && d.l4.is_none()) && remote != 0 {
        keys.push(lookup_key_text(0, egress, flow.proto, dport));
    }
    let what = match (d.won, d.winner()) {
        (Some(won), Some(w)) => {
            let id = if won == Won::L3 { remote } else { 0 };
            let entry = entry_text(id, egress, flow.proto, dport, prefix_len(w, v));
            let kind = match won {
                Won::L3 => "identity-specific entry",
                Won::L4Only => "any-identity entry",
            };
            let result = match &d.outcome {
                Outcome::Allow => "allow".to_string(),
                Outcome::Redirect(p) => format!("allow, redirected to the L7 proxy on port {p}"),
                Outcome::Deny => "deny".to_string(),
                Outcome::AuthRequired(t) => format!(
                    "auth required ({}): allowed only while cilium_auth_map holds a valid entry",
                    policy::auth_type_name(*t)
                ),
                _ => String::new(),
            };
            let also = match (won, &d.l3, &d.l4) {
                (Won::L3, _, Some(_)) => " (an any-identity entry also matched and lost)",
                (Won::L4Only, Some(_), _) => " (an identity-specific entry also matched and lost)",
                _ => "",
            };
            format!("{dir} policy of endpoint {ep} toward identity {peer} on {pp}: {result}; {kind} {entry} won{also}")
        }
        _ => format!("{dir} policy of endpoint {ep} toward identity {peer} on {pp}: no entry matches: default deny"),
    };
    let mut o = Observation::read(Step::Policy, what, &name, keys.join(", then "))
        .with("direction", dir)
        .with("endpoint_id", ep)
        .with("remote_identity", remote)
        .with("l3_match", d.l3.is_some())
        .with("l4_only_match", d.l4.is_some())
        .with(
            "winner",
            d.won.map(|w| match w {
                Won::L3 => "identity",
                Won::L4Only => "any-identity",
            }),
        )
        .with("prefix_len", d.winner().map(|w| prefix_len(w, v)))
        .with("proxy_port", d.winner().map(|w| w.proxy_port))
        .verdict(d.outcome.word());
    if let Outcome::Redirect(p) = d.outcome {
        o = o.with("redirect_port", p);
    }
    x.push(o);
    Ok(d.outcome)
}

/// Policy outcome toward one target.
#[derive(Debug, Clone)]
pub struct PolicyResult {
    pub backend_id: Option<u32>,
    /// `None`: not checked on this node (source is not a local endpoint).
    pub egress: Option<Outcome>,
    /// `None`: not checked on this node (destination is not a local endpoint).
    pub ingress: Option<Outcome>,
}

/// Egress at the source endpoint and ingress at each local destination endpoint.
pub fn check(x: &mut Explainer<'_>, flow: &Flow, src: &Peer, targets: &[Target]) -> Result<Vec<PolicyResult>> {
    let mut out = Vec::new();
    if targets.is_empty() {
        return Ok(out);
    }
    if src.local_endpoint().is_none() {
        let why = if src.host {
            "the source is this node: pod egress policy does not apply (the host firewall is not modelled)"
        } else {
            "the source is not a local endpoint: its egress policy is enforced on its own node"
        };
        x.push(Observation::inferred(
            Step::Policy,
            "no egress policy check on this node",
            why,
        ));
    }
    // Candidates with the same identity and port share one egress decision: look it up once.
    let mut seen: Vec<((u32, u16), Outcome)> = Vec::new();
    for t in targets {
        let egress = match src.local_endpoint() {
            Some(ep) => {
                let k = (t.peer.identity(), t.port);
                match seen.iter().find(|(s, _)| *s == k) {
                    Some((_, o)) => Some(o.clone()),
                    None => {
                        let o = check_one(x, ep, true, k.0, flow, t.port)?;
                        seen.push((k, o.clone()));
                        Some(o)
                    }
                }
            }
            None => None,
        };
        let ingress = match t.peer.local_endpoint() {
            Some(ep) => Some(check_one(x, ep, false, src.identity(), flow, t.port)?),
            None => {
                if !t.peer.host {
                    let who = t
                        .backend_id
                        .map(|b| format!("backend {b}"))
                        .unwrap_or("the destination".into());
                    x.push(Observation::inferred(
                        Step::Policy,
                        format!("no ingress policy check on this node for {who}"),
                        "it is not a local endpoint: its ingress policy is enforced on its own node",
                    ));
                }
                None
            }
        };
        out.push(PolicyResult {
            backend_id: t.backend_id,
            egress,
            ingress,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// A model of the kernel's LPM trie over byte-level entries: the stored prefix length
    /// (bytes 0..4) counts bits of the data after it; the longest matching prefix wins.
    struct Trie {
        entries: Vec<([u8; 12], Vec<u8>)>,
        lookups: RefCell<Vec<[u8; 12]>>,
    }

    impl Trie {
        fn new(entries: &[([u8; 12], Vec<u8>)]) -> Trie {
            Trie {
                entries: entries.to_vec(),
                lookups: RefCell::new(Vec::new()),
            }
        }
    }

    fn bits_match(a: &[u8], b: &[u8], n: u32) -> bool {
        (0..n as usize).all(|i| (a[i / 8] >> (7 - i % 8)) & 1 == (b[i / 8] >> (7 - i % 8)) & 1)
    }

    impl Lpm for Trie {
        fn get(&self, key: &[u8]) -> Result<Option<Vec<u8>>> {
            self.lookups.borrow_mut().push(key.try_into().unwrap());
            let best = self
                .entries
                .iter()
                .filter(|(k, _)| {
                    let n = u32::from_ne_bytes(k[0..4].try_into().unwrap());
                    bits_match(&k[4..], &key[4..], n)
                })
                .max_by_key(|(k, _)| u32::from_ne_bytes(k[0..4].try_into().unwrap()));
            Ok(best.map(|(_, v)| v.clone()))
        }
    }

    /// A key as raw bytes: prefixlen (host order), identity (host order), direction, proto,
    /// port (network order).
    fn key(prefixlen: u32, identity: u32, egress: u8, proto: u8, port: u16) -> [u8; 12] {
        let mut b = [0u8; 12];
        b[0..4].copy_from_slice(&prefixlen.to_ne_bytes());
        b[4..8].copy_from_slice(&identity.to_ne_bytes());
        b[8] = egress;
        b[9] = proto;
        b[10..12].copy_from_slice(&port.to_be_bytes());
        b
    }

    /// A 1.17 value (24 bytes): proxy port (network order), deny | prefix << 3, auth, priority.
    fn val(deny: bool, prefix: u8, proxy: u16, auth: u8, prio: u8) -> Vec<u8> {
        let mut b = vec![0u8; 24];
        b[0..2].copy_from_slice(&proxy.to_be_bytes());
        b[2] = deny as u8 | prefix << 3;
        b[3] = auth;
        b[4] = prio;
        b
    }

    const V: Version = Version::V1_17;

    #[test]
    fn lookups_use_the_full_key_then_identity_zero() {
        let t = Trie::new(&[(key(64, 100, 1, 6, 80), val(false, 24, 0, 0, 0))]);
        let d = decide(&t, V, 100, true, 6, 80).unwrap();
        assert_eq!(d.outcome, Outcome::Allow);
        assert_eq!(d.won, Some(Won::L3));
        let l = t.lookups.borrow();
        assert_eq!(l.len(), 2);
        assert_eq!(l[0], key(64, 100, 1, 6, 80));
        assert_eq!(l[1], key(64, 0, 1, 6, 80));
    }

    #[test]
    fn no_entry_is_default_deny() {
        let t = Trie::new(&[(key(64, 100, 1, 6, 80), val(false, 24, 0, 0, 0))]);
        // Wrong direction, wrong port, other identity: nothing matches.
        assert_eq!(decide(&t, V, 100, false, 6, 80).unwrap().outcome, Outcome::DefaultDeny);
        assert_eq!(decide(&t, V, 100, true, 6, 81).unwrap().outcome, Outcome::DefaultDeny);
        assert_eq!(decide(&t, V, 101, true, 6, 80).unwrap().outcome, Outcome::DefaultDeny);
    }

    #[test]
    fn l3_deny_short_circuits() {
        // An L3 deny (any port) beats an L4-only allow on the exact port: one lookup only.
        let t = Trie::new(&[
            (key(40, 7, 1, 0, 0), val(true, 0, 0, 0, 0)),
            (key(64, 0, 1, 17, 53), val(false, 24, 0, 0, 0)),
        ]);
        let d = decide(&t, V, 7, true, 17, 53).unwrap();
        assert_eq!(d.outcome, Outcome::Deny);
        assert_eq!(d.won, Some(Won::L3));
        assert_eq!(t.lookups.borrow().len(), 1);
    }

    #[test]
    fn l4_only_deny_beats_l3_allow() {
        let t = Trie::new(&[
            (key(64, 7, 0, 6, 443), val(false, 24, 0, 0, 0)),
            (key(48, 0, 0, 6, 0), val(true, 8, 0, 0, 0)),
        ]);
        let d = decide(&t, V, 7, false, 6, 443).unwrap();
        assert_eq!(d.outcome, Outcome::Deny);
        assert_eq!(d.won, Some(Won::L4Only));
    }

    #[test]
    fn longer_stored_prefix_wins_between_allows_and_l3_breaks_ties() {
        // L3 entry for TCP (any port), L4-only for 8080/TCP with a proxy: L4-only is longer.
        let t = Trie::new(&[
            (key(48, 7, 1, 6, 0), val(false, 8, 0, 0, 0)),
            (key(64, 0, 1, 6, 8080), val(false, 24, 15001, 0, 0)),
        ]);
        let d = decide(&t, V, 7, true, 6, 8080).unwrap();
        assert_eq!(d.won, Some(Won::L4Only));
        assert_eq!(d.outcome, Outcome::Redirect(15001));
        // Equal prefix lengths: the identity-specific entry wins.
        let t = Trie::new(&[
            (key(64, 7, 1, 6, 8080), val(false, 24, 0, 0, 0)),
            (key(64, 0, 1, 6, 8080), val(false, 24, 15001, 0, 0)),
        ]);
        let d = decide(&t, V, 7, true, 6, 8080).unwrap();
        assert_eq!(d.won, Some(Won::L3));
        assert_eq!(d.outcome, Outcome::Allow);
    }

    #[test]
    fn proxy_port_priority_beats_prefix_length() {
        let t = Trie::new(&[
            (key(64, 7, 1, 6, 80), val(false, 24, 0, 0, 0)),
            (key(40, 0, 1, 0, 0), val(false, 0, 14000, 0, 1)),
        ]);
        let d = decide(&t, V, 7, true, 6, 80).unwrap();
        assert_eq!(d.won, Some(Won::L4Only));
        assert_eq!(d.outcome, Outcome::Redirect(14000));
    }

    #[test]
    fn port_ranges_match_by_prefix() {
        // 8080-8095/TCP (prefix 20): 8090 matches, 8100 does not.
        let t = Trie::new(&[(key(60, 7, 1, 6, 8080), val(false, 20, 0, 0, 0))]);
        assert_eq!(decide(&t, V, 7, true, 6, 8090).unwrap().outcome, Outcome::Allow);
        assert_eq!(decide(&t, V, 7, true, 6, 8100).unwrap().outcome, Outcome::DefaultDeny);
        assert_eq!(entry_text(7, true, 6, 8090, 20), "7 Egress 8080-8095/TCP (prefix 20)");
        assert_eq!(entry_text(0, false, 17, 53, 0), "ANY Ingress ANY (prefix 0)");
    }

    #[test]
    fn auth_is_propagated_from_the_losing_entry_unless_explicit() {
        // L3 allow without auth, L4-only (shorter) with auth type 1: auth required.
        let t = Trie::new(&[
            (key(64, 7, 1, 6, 80), val(false, 24, 0, 0, 0)),
            (key(48, 0, 1, 6, 0), val(false, 8, 0, 1, 0)),
        ]);
        assert_eq!(decide(&t, V, 7, true, 6, 80).unwrap().outcome, Outcome::AuthRequired(1));
        // The winner says explicitly "no auth" (bit 7 set, type 0): allowed.
        let t = Trie::new(&[
            (key(64, 7, 1, 6, 80), val(false, 24, 0, 0x80, 0)),
            (key(48, 0, 1, 6, 0), val(false, 8, 0, 1, 0)),
        ]);
        assert_eq!(decide(&t, V, 7, true, 6, 80).unwrap().outcome, Outcome::Allow);
    }

    #[test]
    fn the_lab_curl_pod_entries_decide_as_expected() {
        // Entries encoded with the map module's encoders, as the agent writes them.
        let e = |k: Key, deny: bool, proxy: u16| (k.encode(), Entry::new_v17(&k, deny, proxy, 0, 0, 0).encode(24));
        let t = Trie::new(&[
            e(Key::new(0, false, 0, 0, 0), false, 0),
            e(Key::new(3176, true, 17, 53, 16), false, 40193),
            e(Key::new(12787, true, 6, 80, 16), false, 0),
            e(Key::new(16_777_217, true, 0, 0, 0), true, 0),
        ]);
        assert_eq!(
            decide(&t, V, 3176, true, 17, 53).unwrap().outcome,
            Outcome::Redirect(40193)
        );
        assert_eq!(decide(&t, V, 12787, true, 6, 80).unwrap().outcome, Outcome::Allow);
        assert_eq!(decide(&t, V, 16_777_217, true, 17, 53).unwrap().outcome, Outcome::Deny);
        assert_eq!(decide(&t, V, 2, true, 6, 443).unwrap().outcome, Outcome::DefaultDeny);
        assert_eq!(decide(&t, V, 2, false, 6, 443).unwrap().outcome, Outcome::Allow);
    }
}
