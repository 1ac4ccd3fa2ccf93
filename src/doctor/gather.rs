//! The one pass of `doctor`: every map a selected check needs is walked once (NAT before CT, so
//! the CT walk can tick off the NAT entries it backs), aggregated on the fly, and counted for
//! the pressure check; the agent is asked once per endpoint it serves.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::Duration;

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::bpf::{self, BpfError, DumpOptions, Map};
use crate::checks::lbcheck::{self, LbState};
use crate::checks::pressure::Usage;
use crate::maps::clock::Clock;
use crate::maps::{ct, ipcache, lxc, metrics, nat, policy, runtime_config, Access, BpfRoot, MapError};

/// Which parts to read (from the selected groups).
#[derive(Debug, Clone, Copy, Default)]
pub struct Needs {
    pub usage: bool,
    pub ct: bool,
    pub nat: bool,
    pub lb: bool,
    pub endpoints: bool,
    pub policy: bool,
    pub metrics: bool,
    pub heartbeat: bool,
    pub agent: bool,
}

impl Needs {
    pub fn for_options(o: &super::Options) -> Needs {
        let w = |g: &str| o.wants(g);
        Needs {
            usage: w("pressure"),
            ct: w("pressure") || w("nat") || w("conntrack"),
            nat: w("pressure") || w("nat"),
            lb: w("pressure") || w("lb") || w("drift"),
            endpoints: w("pressure") || w("nat") || w("drift"),
            policy: w("pressure"),
            metrics: w("drops"),
            heartbeat: w("heartbeat"),
            agent: true,
        }
    }
}

/// What the agent said (each `None` when it did not answer).
#[derive(Debug, Default)]
pub struct AgentView {
    /// Why the agent did not answer `/v1/healthz`.
    pub error: Option<String>,
    pub status: Option<Value>,
    pub node: Option<String>,
    pub version: Option<String>,
    pub services: Option<Value>,
    pub endpoints: Option<Value>,
    pub identities: Option<Value>,
}

impl AgentView {
    pub fn answers(&self) -> bool {
        self.status.is_some()
    }
}

/// Conntrack, aggregated.
#[derive(Debug, Default)]
pub struct CtScan {
    pub entries: u64,
    pub by_src: IpCounter,
    pub by_dst: IpCounter,
    pub by_identity: FxHashMap<u32, u64>,
    pub by_endpoint: FxHashMap<u16, u64>,
    /// Past their lifetime but still in the map.
    pub expired: u64,
    pub expired_by_dst: IpCounter,
    /// Seconds since the longest-expired entry expired.
    pub expired_oldest: u64,
    /// TCP entries that never saw a non-SYN packet, at least `syn_age_secs` old, per destination:
    /// (count, oldest age).
    pub syn_only: FxHashMap<(IpAddr, u16), (u64, u64)>,
    /// SYN-only entries younger than the threshold.
    pub syn_young: u64,
    pub closing: u64,
    pub tcp: u64,
    /// Maps walked.
    pub maps: Vec<String>,
}

/// A NAT OUT entry that needs a CT entry.
#[derive(Debug, Clone, Copy)]
pub struct NatOut {
    pub proto: u8,
    pub src: IpAddr,
    pub sport: u16,
    pub dst: IpAddr,
    pub dport: u16,
}

/// Counts per IP address, compact for IPv4 (8 bytes a slot): a big table may hold a million
/// distinct addresses.
#[derive(Debug, Default)]
pub struct IpCounter {
    v4: FxHashMap<u32, u32>,
    v6: FxHashMap<Ipv6Addr, u32>,
}

impl IpCounter {
    pub fn add(&mut self, ip: IpAddr) {
        match ip {
            IpAddr::V4(a) => *self.v4.entry(u32::from(a)).or_default() += 1,
            IpAddr::V6(a) => *self.v6.entry(a).or_default() += 1,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (IpAddr, u64)> + '_ {
        let v4 = self
            .v4
            .iter()
            .map(|(a, c)| (IpAddr::V4(Ipv4Addr::from(*a)), u64::from(*c)));
        let v6 = self.v6.iter().map(|(a, c)| (IpAddr::V6(*a), u64::from(*c)));
        v4.chain(v6)
    }

    pub fn total(&self) -> u64 {
        self.iter().map(|(_, c)| c).sum()
    }
}

/// NAT OUT entries waiting for their CT entry: IPv4 as their exact [`conn_key`] alone (16
/// bytes), IPv6 with the connection beside its hashed key.
#[derive(Debug, Default)]
pub struct Waiting {
    v4: rustc_hash::FxHashSet<u128>,
    v6: FxHashMap<u128, NatOut>,
}

impl Waiting {
    pub fn insert(&mut self, o: NatOut) {
        let k = conn_key(o.proto, o.src, o.sport, o.dst, o.dport);
        if o.src.is_ipv4() && o.dst.is_ipv4() {
            self.v4.insert(k);
        } else {
            self.v6.insert(k, o);
        }
    }

    pub fn remove(&mut self, key: u128) {
        if key >> 127 == 0 {
            self.v4.remove(&key);
        } else {
            self.v6.remove(&key);
        }
    }

    pub fn len(&self) -> usize {
        self.v4.len() + self.v6.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = NatOut> + '_ {
        let v4 = self.v4.iter().map(|k| NatOut {
            proto: (k >> 96) as u8,
            src: IpAddr::V4(Ipv4Addr::from((k >> 64) as u32)),
            sport: (k >> 48) as u16,
            dst: IpAddr::V4(Ipv4Addr::from((k >> 16) as u32)),
            dport: *k as u16,
        });
        v4.chain(self.v6.values().copied())
    }
}

/// Ports used per (translated address, destination, port, protocol), compact for IPv4.
#[derive(Debug, Default)]
pub struct Ports {
    v4: FxHashMap<(u64, u32), u32>,
    v6: FxHashMap<(IpAddr, IpAddr, u16, u8), u32>,
}

impl Ports {
    pub fn add(&mut self, to: IpAddr, dst: IpAddr, dport: u16, proto: u8) {
        match (to, dst) {
            (IpAddr::V4(t), IpAddr::V4(d)) => {
                let k = (
                    (u64::from(u32::from(t)) << 32) | u64::from(u32::from(d)),
                    (u32::from(dport) << 8) | u32::from(proto),
                );
                *self.v4.entry(k).or_default() += 1;
            }
            _ => *self.v6.entry((to, dst, dport, proto)).or_default() += 1,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = ((IpAddr, IpAddr, u16, u8), u64)> + '_ {
        let v4 = self.v4.iter().map(|((a, b), c)| {
            let to = IpAddr::V4(Ipv4Addr::from((a >> 32) as u32));
            let dst = IpAddr::V4(Ipv4Addr::from(*a as u32));
            ((to, dst, (b >> 8) as u16, *b as u8), u64::from(*c))
        });
        v4.chain(self.v6.iter().map(|(k, c)| (*k, u64::from(*c))))
    }
}

/// NAT, aggregated.
#[derive(Debug, Default)]
pub struct NatScan {
    pub entries: u64,
    /// Original sources of OUT entries.
    pub by_src: IpCounter,
    pub by_dst: IpCounter,
    /// OUT entries needing CT, by connection; the CT walk removes those it finds.
    pub waiting: Waiting,
    /// OUT entries needing CT (before the CT walk).
    pub needing_ct: u64,
    /// Ports used per (translated address, destination, port, protocol).
    pub ports: Ports,
    /// `cilium_snat_v{4,6}_alloc_retries` histograms: retries → count (1.18).
    pub retries: BTreeMap<u32, u64>,
    pub retries_map: bool,
    pub maps: Vec<String>,
}

/// One endpoint policy map.
#[derive(Debug)]
pub struct PolicyScan {
    pub name: String,
    pub endpoint: u16,
    pub entries: u64,
    pub max: u32,
}

/// Everything `doctor` read in one pass.
#[derive(Debug, Default)]
pub struct Gathered {
    pub usage: Vec<Usage>,
    /// Maps that could not be read, with the reason.
    pub errors: Vec<String>,
    pub clock: Option<Clock>,
    pub ct: Option<CtScan>,
    pub nat: Option<NatScan>,
    pub lb: Option<Result<LbState, String>>,
    pub lxc: Option<BTreeMap<IpAddr, lxc::EndpointInfo>>,
    pub ipcache: Option<Vec<Prefix>>,
    pub policy: Vec<PolicyScan>,
    pub policy_identities: FxHashMap<u32, u64>,
    pub metrics: Option<Metrics>,
    /// Metrics read `interval` later, for rates.
    pub metrics_later: Option<(Duration, Metrics)>,
    pub liveness: Option<Result<Option<u64>, String>>,
    pub agent: AgentView,
}

impl Gathered {
    /// The local endpoint holding `ip`, if any (not the host's addresses).
    pub fn endpoint_of(&self, ip: &IpAddr) -> Option<u16> {
        self.lxc.as_ref()?.get(ip).filter(|e| !e.is_host()).map(|e| e.lxc_id)
    }
}

/// One ipcache entry as doctor keeps it (24 bytes; a decoded key and value take 44).
#[derive(Debug, Clone, Copy)]
pub struct Prefix {
    pub ip: IpAddr,
    pub bits: u8,
    pub identity: u32,
}

/// The ipcache by prefix length, for longest-prefix lookups of many addresses: per length a
/// sorted list of (masked address, identity), 8 bytes an IPv4 prefix (a 500k-prefix ipcache
/// costs 4 MiB, not the 25 MiB of a hash map keyed by `IpAddr`).
#[derive(Debug, Default)]
pub struct IdentityIndex {
    /// Prefix lengths present, longest first, each with its prefixes sorted.
    v4: Vec<(u8, Vec<(u32, u32)>)>,
    v6: Vec<(u8, Vec<(u128, u32)>)>,
}

/// Sort by address; of equal addresses the last added wins (as a map insert would).
fn sorted_last_wins<A: Ord + Copy>(mut v: Vec<(A, u32)>) -> Vec<(A, u32)> {
    v.reverse();
    v.sort_by_key(|e| e.0);
    v.dedup_by_key(|e| e.0);
    v.shrink_to_fit();
    v
}

fn find<A: Ord + Copy>(v: &[(A, u32)], a: A) -> Option<u32> {
    v.binary_search_by_key(&a, |e| e.0).ok().map(|i| v[i].1)
}

impl IdentityIndex {
    /// The identity of `ip`: its endpoint's, else the longest ipcache prefix holding it.
    pub fn lookup(&self, g: &Gathered, ip: &IpAddr) -> Option<u32> {
        if let Some(e) = g.lxc.as_ref().and_then(|l| l.get(ip)).filter(|e| !e.is_host()) {
            return Some(e.sec_id);
        }
        match ip {
            IpAddr::V4(_) => self.v4.iter().find_map(|(bits, m)| match ipcache::mask(*ip, *bits) {
                IpAddr::V4(a) => find(m, u32::from(a)),
                IpAddr::V6(_) => None,
            }),
            IpAddr::V6(_) => self.v6.iter().find_map(|(bits, m)| match ipcache::mask(*ip, *bits) {
                IpAddr::V6(a) => find(m, u128::from(a)),
                IpAddr::V4(_) => None,
            }),
        }
    }
}

impl Gathered {
    /// Index the ipcache for [`IdentityIndex::lookup`].
    pub fn identity_index(&self) -> IdentityIndex {
        let mut v4: BTreeMap<u8, Vec<(u32, u32)>> = BTreeMap::new();
        let mut v6: BTreeMap<u8, Vec<(u128, u32)>> = BTreeMap::new();
        for p in self.ipcache.iter().flatten() {
            match ipcache::mask(p.ip, p.bits) {
                IpAddr::V4(a) if p.bits <= 32 => v4.entry(p.bits).or_default().push((u32::from(a), p.identity)),
                IpAddr::V6(a) => v6.entry(p.bits).or_default().push((u128::from(a), p.identity)),
                IpAddr::V4(_) => {}
            }
        }
        IdentityIndex {
            v4: v4.into_iter().rev().map(|(b, l)| (b, sorted_last_wins(l))).collect(),
            v6: v6.into_iter().rev().map(|(b, l)| (b, sorted_last_wins(l))).collect(),
        }
    }
}

/// A connection as one number: exact for IPv4, a 128-bit hash for IPv6.
pub fn conn_key(proto: u8, src: IpAddr, sport: u16, dst: IpAddr, dport: u16) -> u128 {
    match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            (u128::from(proto) << 96)
                | (u128::from(u32::from(s)) << 64)
                | (u128::from(sport) << 48)
                | (u128::from(u32::from(d)) << 16)
                | u128::from(dport)
        }
        _ => {
            let h = |seed: u8| {
                let mut s = std::collections::hash_map::DefaultHasher::new();
                (seed, proto, src, sport, dst, dport).hash(&mut s);
                u128::from(s.finish())
            };
            (1u128 << 127) | (h(1) << 64) | h(2)
        }
    }
}

/// The agent's default lifetime of a SYN-only TCP entry (`--bpf-ct-timeout-regular-tcp-syn`).
const SYN_TIMEOUT_SECS: i64 = 60;

/// Read what the selected checks need.
pub fn gather(
    root: &BpfRoot,
    agent: Option<&crate::agent::Client>,
    needs: Needs,
    opts: &super::Options,
) -> Result<Gathered, MapError> {
    root.check()?;
    let mut g = Gathered::default();
    let mut counted: HashMap<String, (u64, bool)> = HashMap::new();
    if needs.agent {
        g.agent = ask_agent(agent, needs);
    }
    if needs.endpoints || needs.ct {
        read_lxc(root, &mut g, &mut counted)?;
        read_ipcache(root, &mut g, &mut counted)?;
    }
    if needs.ct || needs.nat {
        g.clock = crate::maps::clock::resolve(None, opts.host.as_deref(), &opts.state_dir).ok();
    }
    if needs.nat {
        g.nat = Some(read_nat(root, &mut g.errors, &mut counted)?);
    }
    if needs.ct {
        let ct = read_ct(root, &mut g, &mut counted, &opts.thresholds)?;
        g.ct = Some(ct);
    }
    if needs.lb {
        g.lb = Some(match lbcheck::read(root) {
            Ok(st) => {
                for (name, n) in lb_counts(&st) {
                    counted.insert(name, (n, false));
                }
                Ok(st)
            }
            Err(e @ (MapError::Root(_) | MapError::Denied { .. })) => return Err(e),
            Err(e) => Err(e.to_string()),
        });
    }
    if needs.policy {
        read_policy(root, &mut g, &mut counted)?;
    }
    if needs.metrics {
        g.metrics = read_metrics(root, &mut g.errors, &mut counted)?;
        if let (Some(iv), Some(_)) = (opts.interval, &g.metrics) {
            std::thread::sleep(iv);
            let mut again = HashMap::new();
            if let Some(m) = read_metrics(root, &mut g.errors, &mut again)? {
                g.metrics_later = Some((iv, m));
            }
        }
    }
    if needs.heartbeat {
        g.liveness = Some(runtime_config::agent_liveness(root).map_err(|e| e.to_string()));
    }
    if needs.usage {
        usage(root, &mut g, &counted)?;
    }
    Ok(g)
}

fn ask_agent(client: Option<&crate::agent::Client>, needs: Needs) -> AgentView {
    let mut v = AgentView::default();
    let Some(c) = client else {
        v.error = Some("no agent client".into());
        return v;
    };
    match c.get_json::<Value>("/healthz") {
        Err(e) => {
            v.error = Some(e.to_string());
            return v;
        }
        Ok(s) => {
            v.version = s.pointer("/cilium/msg").and_then(|m| m.as_str()).map(String::from);
            v.status = Some(s);
        }
    }
    if let Ok(n) = c.get_json::<Value>("/cluster/nodes") {
        v.node = n
            .get("self")
            .and_then(|s| s.as_str())
            .map(|s| s.rsplit('/').next().unwrap_or(s).to_string());
    }
    if needs.lb || needs.endpoints {
        v.services = c.get_json("/service").ok();
        v.endpoints = c.get_json("/endpoint").ok();
        v.identities = c.get_json("/identity").ok();
    }
    v
}

/// A missing map is fine (the feature is off); a bad root or a permission problem is fatal; any
/// other failure is noted and the map skipped.
fn open(
    root: &BpfRoot,
    name: &str,
    shapes: &[crate::maps::Shape],
    errors: &mut Vec<String>,
) -> Result<Option<Map>, MapError> {
    match root.open_map(name, shapes, Access::Read) {
        Ok(crate::maps::Opened::Opened(m, _)) => Ok(Some(m)),
        Ok(crate::maps::Opened::Absent(_)) => Ok(None),
        Err(e @ (MapError::Root(_) | MapError::Denied { .. })) => Err(e),
        Err(e) => {
            errors.push(e.to_string());
            Ok(None)
        }
    }
}

fn read_lxc(root: &BpfRoot, g: &mut Gathered, counted: &mut HashMap<String, (u64, bool)>) -> Result<(), MapError> {
    let Some(m) = open(root, lxc::SPEC.name, lxc::SPEC.shapes, &mut g.errors)? else {
        return Ok(());
    };
    let mut out = BTreeMap::new();
    let st = bpf::dump::<BpfError, _>(&m, &DumpOptions::default(), |k, v| {
        if let (Some(k), Some(v)) = (lxc::EndpointKey::decode(k), lxc::EndpointInfo::decode(v)) {
            out.insert(k.ip, v);
        }
        Ok(())
    })?;
    counted.insert(lxc::SPEC.name.into(), (st.entries, st.incomplete.is_some()));
    g.lxc = Some(out);
    Ok(())
}

fn read_ipcache(root: &BpfRoot, g: &mut Gathered, counted: &mut HashMap<String, (u64, bool)>) -> Result<(), MapError> {
    for spec in [&ipcache::SPEC_V2, &ipcache::SPEC_V1] {
        let Some(m) = open(root, spec.name, spec.shapes, &mut g.errors)? else {
            continue;
        };
        let mut out = Vec::new();
        let st = bpf::dump::<BpfError, _>(&m, &DumpOptions::default(), |k, v| {
            if let (Some(k), Some(v)) = (ipcache::Key::decode(k), ipcache::Value::decode(v)) {
                out.push(Prefix {
                    ip: k.ip,
                    bits: k.bits,
                    identity: v.identity,
                });
            }
            Ok(())
        })?;
        counted.insert(spec.name.into(), (st.entries, st.incomplete.is_some()));
        g.ipcache = Some(out);
        return Ok(());
    }
    Ok(())
}

fn read_nat(
    root: &BpfRoot,
    errors: &mut Vec<String>,
    counted: &mut HashMap<String, (u64, bool)>,
) -> Result<NatScan, MapError> {
    let mut s = NatScan::default();
    for spec in [&nat::SNAT4, &nat::SNAT6] {
        let Some(m) = open(root, spec.name, spec.shapes, errors)? else {
            continue;
        };
        let st = bpf::walk::stream::<MapError, _>(&m, spec.name, |k, v| {
            let (Some(t), Some(e)) = (ct::Tuple::decode(k), nat::Entry::decode(v)) else {
                return Ok(());
            };
            if t.nexthdr == 0 {
                return Ok(());
            }
            s.entries += 1;
            if t.flags & ct::TUPLE_F_IN != 0 {
                return Ok(());
            }
            s.by_src.add(t.saddr);
            s.by_dst.add(t.daddr);
            s.ports.add(e.addr, t.daddr, t.dport, t.nexthdr);
            if e.needs_ct != 0 {
                s.needing_ct += 1;
                let out = NatOut {
                    proto: t.nexthdr,
                    src: t.saddr,
                    sport: t.sport,
                    dst: t.daddr,
                    dport: t.dport,
                };
                s.waiting.insert(out);
            }
            Ok(())
        })?;
        counted.insert(spec.name.into(), (st.entries, st.incomplete.is_some()));
        s.maps.push(spec.name.into());
    }
    for name in ["cilium_snat_v4_alloc_retries", "cilium_snat_v6_alloc_retries"] {
        let shapes = [crate::maps::Shape::new(bpf::map_type::PERCPU_ARRAY, 4, 4, "1.18")];
        let Some(m) = open(root, name, &shapes, errors)? else {
            continue;
        };
        s.retries_map = true;
        bpf::dump::<BpfError, _>(&m, &DumpOptions::default(), |k, v| {
            let retries = u32::from_ne_bytes(k[..4].try_into().unwrap_or_default());
            // One 8-byte slot per CPU, the u32 count first.
            let n: u64 = v
                .chunks(8)
                .map(|c| u64::from(u32::from_ne_bytes(c[..4].try_into().unwrap_or_default())))
                .sum();
            if n > 0 {
                *s.retries.entry(retries).or_default() += n;
            }
            Ok(())
        })?;
    }
    Ok(s)
}

fn read_ct(
    root: &BpfRoot,
    g: &mut Gathered,
    counted: &mut HashMap<String, (u64, bool)>,
    t: &super::Thresholds,
) -> Result<CtScan, MapError> {
    let mut s = CtScan::default();
    let clock = g.clock.clone();
    let ep_of: FxHashMap<IpAddr, u16> = g
        .lxc
        .as_ref()
        .map(|l| {
            l.iter()
                .filter(|(_, e)| !e.is_host())
                .map(|(ip, e)| (*ip, e.lxc_id))
                .collect()
        })
        .unwrap_or_default();
    let mut waiting = g.nat.as_mut().map(|n| std::mem::take(&mut n.waiting));
    for spec in ct::GLOBAL.iter() {
        let Some(m) = open(root, spec.name, spec.shapes, &mut g.errors)? else {
            continue;
        };
        let st = bpf::walk::stream::<MapError, _>(&m, spec.name, |k, v| {
            let (Some(tu), Some(e)) = (ct::Tuple::decode(k), ct::Entry::decode(v)) else {
                return Ok(());
            };
            if tu.nexthdr == 0 {
                return Ok(());
            }
            s.entries += 1;
            let (src, sport, dst, dport) = tu.conn();
            if let Some(w) = waiting.as_mut() {
                if !w.is_empty() {
                    w.remove(conn_key(tu.nexthdr, src, sport, dst, dport));
                }
            }
            s.by_src.add(src);
            s.by_dst.add(dst);
            if e.src_sec_id != 0 {
                *s.by_identity.entry(e.src_sec_id).or_default() += 1;
            }
            if let Some(ep) = ep_of.get(&src).or_else(|| ep_of.get(&dst)) {
                *s.by_endpoint.entry(*ep).or_default() += 1;
            }
            if e.flags & (ct::RX_CLOSING | ct::TX_CLOSING) != 0 {
                s.closing += 1;
            }
            let Some(c) = &clock else {
                return Ok(());
            };
            let remaining = c.remaining(u64::from(e.lifetime));
            if remaining < 0 {
                s.expired += 1;
                s.expired_by_dst.add(dst);
                s.expired_oldest = s.expired_oldest.max(remaining.unsigned_abs());
            }
            if tu.nexthdr == 6 && tu.flags & ct::TUPLE_F_RELATED == 0 {
                s.tcp += 1;
                if e.flags & ct::SEEN_NON_SYN == 0 && e.flags & (ct::RX_CLOSING | ct::TX_CLOSING) == 0 {
                    // The first packet's report time, else what the SYN timeout has used up.
                    let age = if e.last_tx_report > 0 {
                        c.now_secs().saturating_sub(c.to_secs(u64::from(e.last_tx_report)))
                    } else {
                        (SYN_TIMEOUT_SECS - remaining.min(SYN_TIMEOUT_SECS)).max(0) as u64
                    };
                    if age >= t.syn_age_secs {
                        let d = s.syn_only.entry((dst, dport)).or_default();
                        d.0 += 1;
                        d.1 = d.1.max(age);
                    } else {
                        s.syn_young += 1;
                    }
                }
            }
            Ok(())
        })?;
        counted.insert(spec.name.into(), (st.entries, st.incomplete.is_some()));
        s.maps.push(spec.name.into());
    }
    if let (Some(n), Some(w)) = (g.nat.as_mut(), waiting) {
        n.waiting = w;
    }
    Ok(s)
}

fn lb_counts(st: &LbState) -> Vec<(String, u64)> {
    let v4 = |ip: &IpAddr| ip.is_ipv4();
    let slots = |want4: bool| {
        st.frontends
            .iter()
            .filter(|(k, _)| v4(&k.0) == want4)
            .map(|(_, (m, s))| s.len() as u64 + u64::from(m.is_some()))
            .sum::<u64>()
    };
    let backends = |want4: bool| st.backends.values().filter(|b| v4(&b.addr) == want4).count() as u64;
    let revnat = |want4: bool| st.revnat.values().filter(|r| v4(&r.addr) == want4).count() as u64;
    let mut out = Vec::new();
    for (i, want4) in [(0, true), (1, false)] {
        let svc = [&crate::maps::lb_service::SPEC4, &crate::maps::lb_service::SPEC6][i].name;
        let be = [&crate::maps::lb_backend::SPEC4, &crate::maps::lb_backend::SPEC6][i].name;
        let rn = [&crate::maps::lb_revnat::SPEC4, &crate::maps::lb_revnat::SPEC6][i].name;
        if !st.absent.iter().any(|a| a == svc) {
            out.push((svc.to_string(), slots(want4)));
        }
        if !st.absent.iter().any(|a| a == be) {
            out.push((be.to_string(), backends(want4)));
        }
        if !st.absent.iter().any(|a| a == rn) {
            out.push((rn.to_string(), revnat(want4)));
        }
    }
    out
}

/// A pinned endpoint policy map's endpoint ID, from its name.
pub fn policy_endpoint(name: &str) -> Option<u16> {
    let rest = name
        .strip_prefix(policy::PREFIX_V2)
        .or_else(|| name.strip_prefix(policy::PREFIX_V1))?;
    (rest.len() == 5 && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.parse().ok())?
}

fn read_policy(root: &BpfRoot, g: &mut Gathered, counted: &mut HashMap<String, (u64, bool)>) -> Result<(), MapError> {
    let names = root.pinned_names()?;
    for name in names {
        let Some(ep) = policy_endpoint(&name) else {
            continue;
        };
        let Some(m) = open(root, &name, policy::SHAPES, &mut g.errors)? else {
            continue;
        };
        let ids = &mut g.policy_identities;
        let st = bpf::dump::<BpfError, _>(&m, &DumpOptions::default(), |k, _| {
            if let Some(k) = policy::Key::decode(k) {
                *ids.entry(k.identity).or_default() += 1;
            }
            Ok(())
        })?;
        counted.insert(name.clone(), (st.entries, st.incomplete.is_some()));
        g.policy.push(PolicyScan {
            max: m.info().max_entries,
            name,
            endpoint: ep,
            entries: st.entries,
        });
    }
    Ok(())
}

/// `cilium_metrics` summed over CPUs: key → (packets, bytes).
pub type Metrics = BTreeMap<metrics::Key, (u64, u64)>;

fn read_metrics(
    root: &BpfRoot,
    errors: &mut Vec<String>,
    counted: &mut HashMap<String, (u64, bool)>,
) -> Result<Option<Metrics>, MapError> {
    let Some(m) = open(root, metrics::SPEC.name, metrics::SPEC.shapes, errors)? else {
        return Ok(None);
    };
    let mut out = BTreeMap::new();
    let st = bpf::dump::<BpfError, _>(&m, &DumpOptions::default(), |k, v| {
        if let Some(k) = metrics::Key::decode(k) {
            out.insert(k, metrics::sum_percpu(v));
        }
        Ok(())
    })?;
    counted.insert(metrics::SPEC.name.into(), (st.entries, st.incomplete.is_some()));
    Ok(Some(out))
}

/// Every pinned map's fill: from the walks above where a map was walked, else counted here
/// (the only read of that map in the run).
fn usage(root: &BpfRoot, g: &mut Gathered, counted: &HashMap<String, (u64, bool)>) -> Result<(), MapError> {
    for name in root.pinned_names()? {
        if root.path(&name).is_dir() {
            continue;
        }
        let m = match root.open_pin(&name, Access::Read) {
            Ok(Some(m)) => m,
            Ok(None) => continue,
            Err(MapError::Bpf(e)) if e.op == "BPF_OBJ_GET_INFO_BY_FD" && e.errno() == Some(libc::EINVAL) => continue,
            Err(e @ (MapError::Denied { .. } | MapError::Root(_))) => return Err(e),
            Err(e) => {
                g.errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        let u = match counted.get(&name) {
            Some((n, incomplete)) => {
                let info = m.info();
                let fill = (info.max_entries > 0).then(|| *n as f64 * 100.0 / f64::from(info.max_entries));
                Usage {
                    name: name.clone(),
                    map_type: bpf::map_type::name(info.map_type),
                    key_size: info.key_size,
                    value_size: info.value_size,
                    entries: Some(*n),
                    max_entries: info.max_entries,
                    fill_percent: fill.map(super::round1),
                    memlock_bytes: m.memlock(),
                    flags: info.flags,
                    incomplete: *incomplete,
                    warning: false,
                }
            }
            None => match crate::checks::pressure::usage(&name, &m) {
                Ok(u) => u,
                Err(e) => {
                    g.errors.push(format!("{name}: {e}"));
                    continue;
                }
            },
        };
        g.usage.push(u);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_as_numbers() {
        let a: IpAddr = "10.0.1.2".parse().unwrap();
        let b: IpAddr = "8.8.8.8".parse().unwrap();
        assert_ne!(conn_key(6, a, 1000, b, 53), conn_key(6, b, 1000, a, 53));
        assert_ne!(conn_key(6, a, 1000, b, 53), conn_key(17, a, 1000, b, 53));
        assert_eq!(conn_key(6, a, 1000, b, 53), conn_key(6, a, 1000, b, 53));
        let v6: IpAddr = "fd00::1".parse().unwrap();
        let w6: IpAddr = "fd00::2".parse().unwrap();
        assert_ne!(conn_key(6, v6, 1, w6, 2), conn_key(6, w6, 1, v6, 2));
        assert_ne!(conn_key(6, v6, 1, w6, 2) >> 127, 0);
    }

    #[test]
    fn compact_counters_give_back_what_went_in() {
        let ip = |s: &str| -> IpAddr { s.parse().unwrap() };
        let mut w = Waiting::default();
        let o4 = NatOut {
            proto: 17,
            src: ip("172.20.0.24"),
            sport: 40000,
            dst: ip("1.1.1.1"),
            dport: 53,
        };
        let o6 = NatOut {
            src: ip("fd00::24"),
            dst: ip("2001:db8::1"),
            ..o4
        };
        w.insert(o4);
        w.insert(o6);
        let mut back: Vec<_> = w.iter().map(|o| (o.proto, o.src, o.sport, o.dst, o.dport)).collect();
        back.sort();
        assert_eq!(
            back,
            vec![(17, o4.src, 40000, o4.dst, 53), (17, o6.src, 40000, o6.dst, 53)]
        );
        w.remove(conn_key(17, o4.src, 40000, o4.dst, 53));
        w.remove(conn_key(17, o6.src, 40000, o6.dst, 53));
        assert!(w.is_empty());

        let mut p = Ports::default();
        p.add(ip("10.0.2.15"), ip("203.0.113.10"), 443, 6);
        p.add(ip("10.0.2.15"), ip("203.0.113.10"), 443, 6);
        p.add(ip("fd00::1"), ip("2001:db8::1"), 443, 6);
        let mut got: Vec<_> = p.iter().collect();
        got.sort();
        assert_eq!(
            got,
            vec![
                ((ip("10.0.2.15"), ip("203.0.113.10"), 443, 6), 2),
                ((ip("fd00::1"), ip("2001:db8::1"), 443, 6), 1)
            ]
        );

        let mut c = IpCounter::default();
        for a in ["10.0.0.1", "10.0.0.1", "fd00::1"] {
            c.add(ip(a));
        }
        assert_eq!(c.total(), 3);
        assert!(c.iter().any(|(a, n)| a == ip("10.0.0.1") && n == 2));
    }

    #[test]
    fn policy_map_names() {
        assert_eq!(policy_endpoint("cilium_policy_v2_00234"), Some(234));
        assert_eq!(policy_endpoint("cilium_policy_01059"), Some(1059));
        assert_eq!(policy_endpoint("cilium_policystats"), None);
        assert_eq!(policy_endpoint("cilium_policy_v2_0023x"), None);
    }

    #[test]
    fn identities_by_longest_prefix() {
        let g = Gathered {
            ipcache: Some(vec![
                Prefix {
                    ip: "0.0.0.0".parse().unwrap(),
                    bits: 0,
                    identity: 2,
                },
                Prefix {
                    ip: "10.0.0.0".parse().unwrap(),
                    bits: 8,
                    identity: 16_777_300,
                },
                Prefix {
                    ip: "10.0.1.2".parse().unwrap(),
                    bits: 32,
                    identity: 3012,
                },
                Prefix {
                    ip: "10.0.3.0".parse().unwrap(),
                    bits: 24,
                    identity: 16_777_301,
                },
                // The same prefix again (another cluster): the later entry wins.
                Prefix {
                    ip: "10.0.3.0".parse().unwrap(),
                    bits: 24,
                    identity: 16_777_302,
                },
                Prefix {
                    ip: "fd00::".parse().unwrap(),
                    bits: 64,
                    identity: 16_777_400,
                },
            ]),
            ..Gathered::default()
        };
        let ix = g.identity_index();
        let look = |s: &str| ix.lookup(&g, &s.parse().unwrap());
        assert_eq!(look("10.0.1.2"), Some(3012));
        assert_eq!(look("10.0.1.3"), Some(16_777_300));
        assert_eq!(look("10.0.3.9"), Some(16_777_302));
        assert_eq!(look("10.9.9.9"), Some(16_777_300));
        assert_eq!(look("1.1.1.1"), Some(2));
        assert_eq!(look("fd00::1"), Some(16_777_400));
        assert_eq!(look("fd01::1"), None);
    }
}
