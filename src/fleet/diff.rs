//! `fleet diff`: the keys whose values differ between nodes, or that some nodes lack, grouped by
//! the nodes on each side. Node-local fields are normalised first (see `Profile`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

use serde_json::Value;

use super::Node;
use crate::output::sanitize;

/// How one listing's jsonl records are compared across nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// `bpf lb list`: one key per frontend (address, port, protocol, scope); the value is the
    /// service type, flags and the set of backends (address, port, protocol, state). Service,
    /// backend and rev-NAT IDs and slot numbers are allocated per node and are left out.
    Lb,
    /// `bpf ipcache list`: one key per prefix; the value is the identity and the node the prefix
    /// lives on. `host` (1) and `remote-node` (6) are the same thing seen from two sides and
    /// compare as `node`; a tunnel endpoint is compared as the node that owns that address (the
    /// node listing it as `host`); a prefix without one is the reporting node's own (its host
    /// addresses, pods and health endpoint), another node's (`remote-node`), or outside the
    /// cluster (`world`, CIDR identities).
    Ipcache,
    /// `bpf nodeid list`: one key per node address; the node IDs are allocated per node and are
    /// left out, the SPI is compared.
    Nodeid,
    /// Any other listing: a record is its own key (presence only).
    Records,
}

impl Profile {
    /// The profile for a remote command line.
    pub fn for_command(argv: &[String]) -> Profile {
        let words: Vec<&str> = argv
            .iter()
            .map(String::as_str)
            .take_while(|a| !a.starts_with('-'))
            .collect();
        match words.as_slice() {
            ["bpf", "lb", "list", ..] => {
                let view = argv.iter().any(|a| {
                    matches!(
                        a.as_str(),
                        "--revnat" | "--frontends" | "--backends" | "--source-ranges"
                    )
                });
                if view {
                    Profile::Records
                } else {
                    Profile::Lb
                }
            }
            ["bpf", "ipcache", "list", ..] => Profile::Ipcache,
            ["bpf", "nodeid", "list", ..] => Profile::Nodeid,
            _ => Profile::Records,
        }
    }
}

/// Collects every node's records, then compares.
pub struct Diff<'a> {
    nodes: &'a [Node],
    profile: Profile,
    /// Raw records per node (kept until all nodes are in: normalising ipcache needs every node).
    records: Vec<Vec<Value>>,
    /// Nodes whose answer is in (failed nodes are not compared).
    answered: Vec<bool>,
}

/// One key's disagreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    pub key: String,
    /// Each distinct value with the nodes that have it (value sorted by node order).
    pub sides: Vec<(String, Vec<usize>)>,
    /// Nodes that answered but have no such key.
    pub missing_on: Vec<usize>,
}

impl<'a> Diff<'a> {
    pub fn new(nodes: &'a [Node], profile: Profile) -> Self {
        Diff {
            nodes,
            profile,
            records: vec![Vec::new(); nodes.len()],
            answered: vec![false; nodes.len()],
        }
    }

    /// One jsonl line of `node`; lines that are not JSON objects are ignored.
    pub fn line(&mut self, node: usize, line: &[u8]) {
        if let Ok(v @ Value::Object(_)) = serde_json::from_slice::<Value>(line) {
            self.records[node].push(v);
        }
    }

    pub fn answered(&mut self, node: usize) {
        self.answered[node] = true;
    }

    /// Every key that is not the same on all answering nodes, sorted by key.
    pub fn disagreements(&self) -> (usize, Vec<Disagreement>) {
        let owners = self.address_owners();
        let mut keys: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
        for (node, recs) in self.records.iter().enumerate() {
            if !self.answered[node] {
                continue;
            }
            for (k, v) in self.normalise(node, recs, &owners) {
                keys.entry(k).or_default().entry(v).or_default().push(node);
            }
        }
        let answered: Vec<usize> = (0..self.nodes.len()).filter(|i| self.answered[*i]).collect();
        let total = keys.len();
        let mut out = Vec::new();
        for (key, values) in keys {
            let present: HashSet<usize> = values.values().flatten().copied().collect();
            let missing_on: Vec<usize> = answered.iter().copied().filter(|i| !present.contains(i)).collect();
            if values.len() == 1 && missing_on.is_empty() {
                continue;
            }
            let mut sides: Vec<(String, Vec<usize>)> = values.into_iter().collect();
            sides.sort_by(|a, b| a.1.cmp(&b.1));
            out.push(Disagreement { key, sides, missing_on });
        }
        (total, out)
    }

    /// Node addresses by owner: every node's `host` (identity 1) ipcache prefixes.
    fn address_owners(&self) -> HashMap<String, usize> {
        let mut owners = HashMap::new();
        if self.profile != Profile::Ipcache {
            return owners;
        }
        for (node, recs) in self.records.iter().enumerate() {
            for r in recs {
                if r["identity"].as_u64() == Some(1) {
                    if let Some(p) = r["prefix"].as_str() {
                        let addr = p.split('/').next().unwrap_or(p);
                        owners.insert(addr.to_string(), node);
                    }
                }
            }
        }
        owners
    }

    /// (key, value) pairs of one node, node-local parts normalised.
    fn normalise(&self, node: usize, recs: &[Value], owners: &HashMap<String, usize>) -> Vec<(String, String)> {
        match self.profile {
            Profile::Records => recs.iter().map(|r| (canonical(r), String::new())).collect(),
            Profile::Nodeid => recs
                .iter()
                .map(|r| (text(&r["ip"]), format!("spi={}", text(&r["spi"]))))
                .collect(),
            Profile::Ipcache => recs
                .iter()
                .map(|r| {
                    let mut key = text(&r["prefix"]);
                    match r["cluster_id"].as_u64() {
                        Some(0) | None => {}
                        Some(c) => key = format!("{key}@{c}"),
                    }
                    let id = r["identity"].as_u64().unwrap_or(0);
                    let ident = match id {
                        1 | 6 => "node".to_string(),
                        _ => id.to_string(),
                    };
                    let on = match r["tunnel_endpoint"].as_str() {
                        Some(t) => match owners.get(t) {
                            Some(o) => format!("node {}", self.nodes[*o].name),
                            None => t.to_string(),
                        },
                        // No tunnel endpoint: the reporting node's own (host, pods, health…),
                        // another node's address, or outside the cluster (world, CIDRs).
                        None => match id {
                            1 => format!("node {}", self.nodes[node].name),
                            6 => match owners.get(key.split('/').next().unwrap_or("")) {
                                Some(o) => format!("node {}", self.nodes[*o].name),
                                None => "-".into(),
                            },
                            2 => "-".into(),
                            id if id >= 16_777_216 => "-".into(),
                            _ => format!("node {}", self.nodes[node].name),
                        },
                    };
                    (key, format!("identity={ident} on={on}"))
                })
                .collect(),
            Profile::Lb => lb_frontends(recs),
        }
    }

    /// Print the disagreements; returns whether there were any.
    pub fn write_text(&self, out: &mut dyn Write, command: &str) -> io::Result<bool> {
        let (total, diffs) = self.disagreements();
        let names = |v: &[usize]| {
            v.iter()
                .map(|i| sanitize::text(&self.nodes[*i].name).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        for d in &diffs {
            let sign = if d.missing_on.is_empty() { '~' } else { '-' };
            write!(out, "{sign} {}", sanitize::text(&d.key))?;
            if !d.missing_on.is_empty() {
                write!(out, " (missing on {})", names(&d.missing_on))?;
            }
            writeln!(out)?;
            if self.profile == Profile::Records {
                writeln!(out, "    present on {}", names(&d.sides[0].1))?;
                continue;
            }
            for (value, on) in &d.sides {
                writeln!(out, "    {}: {}", names(on), sanitize::text(value))?;
            }
        }
        let answered = self.answered.iter().filter(|a| **a).count();
        writeln!(
            out,
            "{command}: {answered} nodes compared, {total} keys, {} differ",
            diffs.len()
        )?;
        Ok(!diffs.is_empty())
    }

    /// One jsonl record per disagreement; returns whether there were any.
    pub fn write_jsonl(&self, out: &mut dyn Write) -> io::Result<bool> {
        let (_, diffs) = self.disagreements();
        let name = |i: &usize| Value::String(self.nodes[*i].name.clone());
        for d in &diffs {
            let sides: Vec<Value> = d
                .sides
                .iter()
                .map(|(v, on)| serde_json::json!({"value": v, "nodes": on.iter().map(name).collect::<Vec<_>>()}))
                .collect();
            let rec = serde_json::json!({
                "key": d.key,
                "sides": sides,
                "missing_on": d.missing_on.iter().map(name).collect::<Vec<_>>(),
            });
            serde_json::to_writer(&mut *out, &rec)?;
            writeln!(out)?;
        }
        Ok(!diffs.is_empty())
    }
}

/// `bpf lb list` rows folded into one value per frontend.
fn lb_frontends(recs: &[Value]) -> Vec<(String, String)> {
    let mut by: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for r in recs {
        let key = format!(
            "{}:{}/{} ({})",
            text(&r["frontend_ip"]),
            text(&r["frontend_port"]),
            text(&r["proto"]),
            text(&r["scope"])
        );
        let e = by.entry(key).or_default();
        match r["entry"].as_str() {
            Some("master") => {
                let flags: Vec<String> = r["flags"]
                    .as_array()
                    .map(|a| a.iter().map(text).collect())
                    .unwrap_or_default();
                e.0 = format!("type={} flags={}", text(&r["service_type"]), flags.join(","));
            }
            _ => {
                let b = &r["backend"];
                let be = if r["backend_missing"].as_bool() == Some(true) || b.is_null() {
                    "missing-backend".to_string()
                } else {
                    format!(
                        "{}:{}/{} {}",
                        text(&b["ip"]),
                        text(&b["port"]),
                        text(&b["proto"]),
                        text(&b["state"])
                    )
                };
                e.1.push(be);
            }
        }
    }
    by.into_iter()
        .map(|(k, (master, mut backends))| {
            backends.sort();
            let list = if backends.is_empty() {
                "none".to_string()
            } else {
                backends.join(", ")
            };
            (k, format!("{master} backends={list}"))
        })
        .collect()
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    }
}

/// A record as one string with its keys sorted.
fn canonical(v: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let b: BTreeMap<&String, Value> = m.iter().map(|(k, v)| (k, sorted(v))).collect();
                serde_json::to_value(b).unwrap_or(Value::Null)
            }
            Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(v).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes() -> Vec<Node> {
        ["cilium-m1", "cilium-w1", "cilium-w2"]
            .iter()
            .map(|n| Node::named(n))
            .collect()
    }

    fn feed(d: &mut Diff, node: usize, lines: &[&str]) {
        for l in lines {
            d.line(node, l.as_bytes());
        }
        d.answered(node);
    }

    const MASTER: &str = r#"{"frontend_ip":"10.96.88.105","frontend_port":80,"proto":"TCP","scope":"internal","slot":0,"rev_nat_id":5,"entry":"master","service_type":"ClusterIP","flags":["ClusterIP"],"backend":null}"#;
    const B1: &str = r#"{"frontend_ip":"10.96.88.105","frontend_port":80,"proto":"TCP","scope":"internal","slot":1,"rev_nat_id":5,"entry":"backend","backend_id":7,"backend":{"ip":"172.20.1.249","port":80,"proto":"TCP","state":"active"},"backend_missing":false}"#;
    const B2: &str = r#"{"frontend_ip":"10.96.88.105","frontend_port":80,"proto":"TCP","scope":"internal","slot":2,"rev_nat_id":5,"entry":"backend","backend_id":8,"backend":{"ip":"172.20.2.2","port":80,"proto":"TCP","state":"active"},"backend_missing":false}"#;

    #[test]
    fn a_missing_backend_on_one_node_is_the_only_difference() {
        let n = nodes();
        let mut d = Diff::new(&n, Profile::Lb);
        feed(&mut d, 0, &[MASTER, B1, B2]);
        // Same backends in other slots with other IDs: not a difference.
        let b2_other = B2
            .replace("\"slot\":2", "\"slot\":1")
            .replace("\"backend_id\":8", "\"backend_id\":3");
        let b1_other = B1.replace("\"slot\":1", "\"slot\":2");
        feed(&mut d, 1, &[MASTER, &b2_other, &b1_other]);
        feed(&mut d, 2, &[MASTER, B2]);
        let (total, diffs) = d.disagreements();
        assert_eq!(total, 1);
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].key, "10.96.88.105:80/TCP (internal)");
        assert_eq!(diffs[0].sides.len(), 2);
        assert_eq!(diffs[0].sides[0].1, vec![0, 1]);
        assert_eq!(diffs[0].sides[1].1, vec![2]);
        assert_eq!(
            diffs[0].sides[1].0,
            "type=ClusterIP flags=ClusterIP backends=172.20.2.2:80/TCP active"
        );
        let mut out = Vec::new();
        assert!(d.write_text(&mut out, "bpf lb list").unwrap());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "~ 10.96.88.105:80/TCP (internal)\n\
             \x20   cilium-m1, cilium-w1: type=ClusterIP flags=ClusterIP backends=172.20.1.249:80/TCP active, 172.20.2.2:80/TCP active\n\
             \x20   cilium-w2: type=ClusterIP flags=ClusterIP backends=172.20.2.2:80/TCP active\n\
             bpf lb list: 3 nodes compared, 1 keys, 1 differ\n"
        );
    }

    #[test]
    fn ipcache_is_compared_from_each_nodes_point_of_view() {
        let n = nodes();
        let mut d = Diff::new(&n, Profile::Ipcache);
        let host = |ip: &str| format!(r#"{{"prefix":"{ip}/32","cluster_id":0,"identity":1,"tunnel_endpoint":null}}"#);
        let remote = |ip: &str| format!(r#"{{"prefix":"{ip}/32","cluster_id":0,"identity":6,"tunnel_endpoint":null}}"#);
        let pod = |ip: &str, id: u32, t: Option<&str>| {
            let t = t.map(|t| format!("\"{t}\"")).unwrap_or("null".into());
            format!(r#"{{"prefix":"{ip}/32","cluster_id":0,"identity":{id},"tunnel_endpoint":{t}}}"#)
        };
        // m1 and w1 agree once seen from their own sides; w2 has a stale identity for the pod.
        feed(
            &mut d,
            0,
            &[
                &host("192.168.10.100"),
                &remote("192.168.10.101"),
                &remote("192.168.10.102"),
                &pod("172.20.0.87", 3012, None),
            ],
        );
        feed(
            &mut d,
            1,
            &[
                &remote("192.168.10.100"),
                &host("192.168.10.101"),
                &remote("192.168.10.102"),
                &pod("172.20.0.87", 3012, Some("192.168.10.100")),
            ],
        );
        feed(
            &mut d,
            2,
            &[
                &remote("192.168.10.100"),
                &remote("192.168.10.101"),
                &host("192.168.10.102"),
                &pod("172.20.0.87", 9999, Some("192.168.10.100")),
            ],
        );
        let (total, diffs) = d.disagreements();
        assert_eq!(total, 4);
        assert_eq!(diffs.len(), 1, "{diffs:?}");
        assert_eq!(diffs[0].key, "172.20.0.87/32");
        assert_eq!(
            diffs[0].sides[0],
            ("identity=3012 on=node cilium-m1".into(), vec![0, 1])
        );
        assert_eq!(diffs[0].sides[1], ("identity=9999 on=node cilium-m1".into(), vec![2]));
    }

    #[test]
    fn keys_missing_on_some_nodes_are_named() {
        let n = nodes();
        let mut d = Diff::new(&n, Profile::Nodeid);
        let id = |ip: &str, id: u32| format!(r#"{{"node_id":{id},"ip":"{ip}","spi":0}}"#);
        feed(&mut d, 0, &[&id("192.168.10.101", 1), &id("192.168.10.102", 2)]);
        feed(&mut d, 1, &[&id("192.168.10.101", 5), &id("192.168.10.102", 9)]);
        feed(&mut d, 2, &[&id("192.168.10.101", 1)]);
        let (_, diffs) = d.disagreements();
        assert_eq!(diffs.len(), 1);
        assert_eq!(diffs[0].key, "192.168.10.102");
        assert_eq!(diffs[0].missing_on, vec![2]);
        let mut out = Vec::new();
        d.write_jsonl(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"key\":\"192.168.10.102\",\"missing_on\":[\"cilium-w2\"],\"sides\":[{\"nodes\":[\"cilium-m1\",\"cilium-w1\"],\"value\":\"spi=0\"}]}\n"
        );
    }

    #[test]
    fn profiles_follow_the_command() {
        let argv = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(Profile::for_command(&argv("bpf lb list")), Profile::Lb);
        assert_eq!(Profile::for_command(&argv("bpf lb list --backends")), Profile::Records);
        assert_eq!(
            Profile::for_command(&argv("bpf ipcache list --ip 10.0.0.0/8")),
            Profile::Ipcache
        );
        assert_eq!(Profile::for_command(&argv("bpf nodeid list")), Profile::Nodeid);
        assert_eq!(Profile::for_command(&argv("bpf egress list")), Profile::Records);
    }
}
