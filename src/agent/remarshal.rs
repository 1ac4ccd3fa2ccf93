//! cilium-dbg never echoes the agent's JSON: it decodes it into its own release's go-swagger
//! models and marshals those again. This walks an answer by a schema table of those models
//! (`models/schema/v1_*.json`, see `tools/agent-models.py`) and produces what Go would print:
//! fields in model order (byte-sorted JSON names), zero `omitempty` fields dropped, fields
//! without `omitempty` printed (as `null` when absent), unknown fields dropped, durations and
//! date-times re-formatted.
//!
//! Where the tables come from: written in `tools/agent-models.py`'s format from one published
//! `api/v1/openapi.yaml` plus the per-release differences observed on the real 1.16/1.17/1.18
//! clients (fidelity.md C4 point 5: 1.16 has no `features.annotations` nor backend `protocol`,
//! 1.18 adds `hubble-metrics`); the `DaemonConfiguration*` models follow the generated
//! `api/v1/models/daemon_configuration*.go`. The spec of each release could not be fetched
//! when they were written; regenerating from each release's own spec with the tool is exact.

use std::collections::HashMap;
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};
use serde_json::{Map, Number, Value};

use crate::release::Version;

/// A field's or element's Go type, as the schema table spells it.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    /// `str`: string (enums too).
    Str,
    /// `int`: any Go integer.
    Int,
    /// `num`: float64.
    Num,
    /// `bool`.
    Bool,
    /// `any`: `interface{}` (numbers become float64).
    Any,
    /// `dt`: `strfmt.DateTime` (a struct: never dropped by omitempty).
    DateTime,
    /// `dur`: `strfmt.Duration` (an int64 printed as Go's `Duration.String()`).
    Duration,
    /// `@Name`: another model.
    Ref(String),
    /// `[T]`: a slice.
    Array(Box<Ty>),
    /// `{T}`: `map[string]T`.
    Map(Box<Ty>),
}

impl Ty {
    fn parse(s: &str) -> Result<Ty> {
        Ok(match s {
            "str" => Ty::Str,
            "int" => Ty::Int,
            "num" => Ty::Num,
            "bool" => Ty::Bool,
            "any" => Ty::Any,
            "dt" => Ty::DateTime,
            "dur" => Ty::Duration,
            _ => {
                if let Some(n) = s.strip_prefix('@') {
                    Ty::Ref(n.to_string())
                } else if s.starts_with(|c: char| c.is_ascii_uppercase()) {
                    // A bare model name, as callers write it (`[Service]`).
                    Ty::Ref(s.to_string())
                } else if let Some(i) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
                    Ty::Array(Box::new(Ty::parse(i)?))
                } else if let Some(i) = s.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
                    Ty::Map(Box::new(Ty::parse(i)?))
                } else {
                    bail!("unknown type {s:?} in the agent model table")
                }
            }
        })
    }
}

#[derive(Debug)]
struct Field {
    name: String,
    ty: Ty,
    /// `json:",omitempty"`.
    omitempty: bool,
    /// A pointer field (required or x-nullable scalars): absent is nil, a present zero stays.
    pointer: bool,
}

#[derive(Debug)]
enum Def {
    /// A struct, fields in declaration order.
    Object(Vec<Field>),
    /// A named non-struct type (`Labels` = `[str]`).
    Alias(Ty),
}

/// One release's models.
#[derive(Debug)]
pub struct Schema {
    defs: HashMap<String, Def>,
}

const V1_16: &str = include_str!("models/schema/v1_16.json");
const V1_17: &str = include_str!("models/schema/v1_17.json");
const V1_18: &str = include_str!("models/schema/v1_18.json");

impl Schema {
    /// Parse a schema table: `{"Model": ["json-name type flags", ...], "Alias": "type"}`,
    /// flags `o` (omitempty) and `p` (pointer).
    pub fn parse(text: &str) -> Result<Schema> {
        let raw: HashMap<String, Value> = serde_json::from_str(text).context("the agent model table is not JSON")?;
        let mut defs = HashMap::new();
        for (name, v) in raw {
            let def = match v {
                Value::String(t) => Def::Alias(Ty::parse(&t)?),
                Value::Array(fields) => {
                    let mut out = Vec::new();
                    for f in fields {
                        let s = f.as_str().context("a model field must be a string")?;
                        let mut parts = s.split_whitespace();
                        let (Some(json), Some(ty)) = (parts.next(), parts.next()) else {
                            bail!("model {name}: field {s:?} needs a name and a type");
                        };
                        let flags = parts.next().unwrap_or("");
                        out.push(Field {
                            name: json.to_string(),
                            ty: Ty::parse(ty)?,
                            omitempty: flags.contains('o'),
                            pointer: flags.contains('p'),
                        });
                    }
                    // go-swagger declares properties sorted by name.
                    out.sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
                    Def::Object(out)
                }
                _ => bail!("model {name}: expected a field list or a type"),
            };
            defs.insert(name, def);
        }
        Ok(Schema { defs })
    }

    /// The models of the cilium-dbg release that goes with `v`.
    pub fn of(v: Version) -> &'static Schema {
        static S: [OnceLock<Schema>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let (i, text) = match v {
            Version::V1_16 => (0, V1_16),
            Version::V1_17 => (1, V1_17),
            Version::V1_18 => (2, V1_18),
        };
        S[i].get_or_init(|| Schema::parse(text).expect("the built-in agent model tables parse (unit-tested)"))
    }

    /// Re-marshal `v` as the Go type `ty` (`Service`, `[Service]`, `{str}`, ...).
    pub fn remarshal(&self, ty: &str, v: &Value) -> Result<Value> {
        let ty = Ty::parse(ty)?;
        self.check(&ty)?;
        Ok(self.value(&ty, v))
    }

    fn check(&self, ty: &Ty) -> Result<()> {
        match ty {
            Ty::Ref(n) if !self.defs.contains_key(n) => bail!("no agent model named {n}"),
            Ty::Array(t) | Ty::Map(t) => self.check(t),
            _ => Ok(()),
        }
    }

    /// `ty` with aliases resolved (a ref to a struct stays a ref).
    fn resolve<'a>(&'a self, ty: &'a Ty) -> &'a Ty {
        match ty {
            Ty::Ref(n) => match self.defs.get(n) {
                Some(Def::Alias(t)) => self.resolve(t),
                _ => ty,
            },
            _ => ty,
        }
    }

    /// Whether a Go value of `ty` is held by reference (struct pointer, slice, map,
    /// interface): absent means nil, printed `null`.
    fn nil_able(&self, ty: &Ty) -> bool {
        matches!(self.resolve(ty), Ty::Ref(_) | Ty::Array(_) | Ty::Map(_) | Ty::Any)
    }

    /// One field of a struct: `None` when Go would leave it out.
    fn field(&self, f: &Field, v: Option<&Value>) -> Option<Value> {
        let ty = self.resolve(&f.ty);
        match v.filter(|v| !v.is_null()) {
            None if f.pointer || self.nil_able(ty) => (!f.omitempty).then_some(Value::Null),
            // A date-time is a struct: omitempty never drops it.
            None if *ty == Ty::DateTime => Some(Value::String(ZERO_TIME.into())),
            None => (!f.omitempty).then(|| zero(ty)),
            Some(v) => {
                let out = self.value(ty, v);
                let keep = !f.omitempty
                    || f.pointer
                    || matches!(ty, Ty::Ref(_) | Ty::Any | Ty::DateTime)
                    || !is_zero(&out, ty);
                keep.then_some(out)
            }
        }
    }

    /// A present value of `ty`. A value of the wrong JSON kind stays as it is (Go would refuse
    /// the answer; cdbg shows it).
    fn value(&self, ty: &Ty, v: &Value) -> Value {
        match (self.resolve(ty), v) {
            (Ty::Ref(_), Value::Null) | (Ty::Array(_) | Ty::Map(_) | Ty::Any, Value::Null) => Value::Null,
            (t, Value::Null) => zero(t),
            (Ty::Ref(n), Value::Object(o)) => match self.defs.get(n) {
                Some(Def::Object(fields)) => {
                    let mut out = Map::new();
                    for f in fields {
                        if let Some(x) = self.field(f, o.get(&f.name)) {
                            out.insert(f.name.clone(), x);
                        }
                    }
                    Value::Object(out)
                }
                _ => v.clone(),
            },
            (Ty::Array(t), Value::Array(a)) => Value::Array(a.iter().map(|x| self.value(t, x)).collect()),
            (Ty::Map(t), Value::Object(o)) => {
                Value::Object(o.iter().map(|(k, x)| (k.clone(), self.value(t, x))).collect())
            }
            (Ty::Num, Value::Number(n)) => float64(n),
            (Ty::Any, _) => any(v),
            (Ty::DateTime, Value::String(s)) => date_time(s).map(Value::String).unwrap_or_else(|| v.clone()),
            (Ty::Duration, Value::String(s)) => match crate::gotime::parse_duration(s) {
                Ok(ns) => Value::String(crate::gotime::duration_string(ns)),
                Err(_) => v.clone(),
            },
            _ => v.clone(),
        }
    }
}

/// Go's zero `time.Time` as `strfmt.DateTime` prints it.
const ZERO_TIME: &str = "0001-01-01T00:00:00.000Z";

fn zero(ty: &Ty) -> Value {
    match ty {
        Ty::Str => Value::String(String::new()),
        Ty::Int | Ty::Num => Value::from(0),
        Ty::Bool => Value::Bool(false),
        Ty::Duration => Value::String("0s".into()),
        Ty::DateTime => Value::String(ZERO_TIME.into()),
        _ => Value::Null,
    }
}

/// encoding/json's "empty value" for omitempty.
fn is_zero(v: &Value, ty: &Ty) -> bool {
    match v {
        Value::String(s) if *ty == Ty::Duration => s == "0s",
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

/// A number as Go's float64 prints it: integral values without a fraction.
fn float64(n: &Number) -> Value {
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e21 && !n.is_f64() => Value::Number(n.clone()),
        Some(f) if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 => Value::from(f as i64),
        Some(f) => Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null),
        None => Value::Number(n.clone()),
    }
}

/// An `interface{}` value: objects sorted (serde_json's map), numbers as float64.
fn any(v: &Value) -> Value {
    match v {
        Value::Number(n) => float64(n),
        Value::Array(a) => Value::Array(a.iter().map(any).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, x)| (k.clone(), any(x))).collect()),
        _ => v.clone(),
    }
}

/// `strfmt.DateTime`: RFC 3339 with milliseconds (truncated), in the offset it was given.
fn date_time(s: &str) -> Option<String> {
    let ts: jiff::Timestamp = s.parse().ok()?;
    let offset = if s.ends_with(['Z', 'z']) {
        jiff::tz::Offset::UTC
    } else {
        let tail = s.get(s.len().checked_sub(6)?..)?;
        let sign = match tail.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let h: i32 = tail.get(1..3)?.parse().ok()?;
        let m: i32 = tail.get(4..6)?.parse().ok()?;
        jiff::tz::Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()?
    };
    let civil = offset.to_datetime(ts);
    let ms = civil.subsec_nanosecond() / 1_000_000;
    let zone = if offset == jiff::tz::Offset::UTC {
        "Z".to_string()
    } else {
        let secs = offset.seconds();
        let sign = if secs < 0 { '-' } else { '+' };
        format!("{sign}{:02}:{:02}", secs.abs() / 3600, secs.abs() % 3600 / 60)
    };
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{ms:03}{zone}",
        civil.year(),
        civil.month(),
        civil.day(),
        civil.hour(),
        civil.minute(),
        civil.second()
    ))
}

/// Decode an agent answer and re-marshal it as release `v`'s model `ty`.
pub fn remarshal(v: Version, ty: &str, raw: &[u8]) -> Result<Value> {
    let value: Value = serde_json::from_slice(raw).context("the agent's answer is not valid JSON")?;
    Schema::of(v).remarshal(ty, &value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn go(v: Version, ty: &str, input: Value) -> String {
        let out = Schema::of(v).remarshal(ty, &input).unwrap();
        let mut buf = Vec::new();
        crate::output::json::write_go_json(&mut buf, &out).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn tables_parse_and_refer_only_to_known_models() {
        for v in [Version::V1_16, Version::V1_17, Version::V1_18] {
            let s = Schema::of(v);
            for def in s.defs.values() {
                let tys: Vec<&Ty> = match def {
                    Def::Object(f) => f.iter().map(|f| &f.ty).collect(),
                    Def::Alias(t) => vec![t],
                };
                for t in tys {
                    s.check(t).unwrap();
                }
            }
        }
    }

    #[test]
    fn keys_sorted_msg_first() {
        // fidelity C4 example: msg before state.
        let out = go(
            Version::V1_17,
            "StatusResponse",
            json!({"auth-certificate-provider": {"state": "Ok", "msg": "No certificate provider"}}),
        );
        assert_eq!(
            out,
            "{\n  \"auth-certificate-provider\": {\n    \"msg\": \"No certificate provider\",\n    \"state\": \"Ok\"\n  }\n}"
        );
    }

    #[test]
    fn proxy_totals_dropped_and_redirects_null() {
        let out = go(
            Version::V1_17,
            "StatusResponse",
            json!({"proxy": {"ip": "10.0.0.1", "port-range": "10000-20000", "total-ports": 0, "total-redirects": 0}}),
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["proxy"],
            json!({"ip": "10.0.0.1", "port-range": "10000-20000", "redirects": null})
        );
        assert!(out.find("\"ip\"").unwrap() < out.find("\"port-range\"").unwrap());
    }

    #[test]
    fn omitempty_zeroes_and_present_empty_structs() {
        let v: Value = serde_json::from_str(&go(
            Version::V1_17,
            "StatusResponse",
            json!({
                "bandwidth-manager": {"enabled": false, "congestionControl": "cubic"},
                "host-firewall": {"mode": "Disabled"},
                "ipam": {"ipv4": ["10.0.0.0/24"], "status": "x"},
                "cluster": {"self": "n1"},
                "kube-proxy-replacement": {"features": {
                    "bpfSocketLBHostnsOnly": false,
                    "nat46X64": {"enabled": false, "gateway": {"enabled": false, "prefixes": ["64:ff9b::/96"]}, "service": {"enabled": false}}
                }},
                "masquerading": {"enabledProtocols": {"ipv4": true, "ipv6": false}},
                "controllers": [{"name": "c", "status": {"consecutive-failure-count": 0, "failure-count": 0, "success-count": 3}}],
                "hubble": {"observer": {"uptime": "1923.4s"}},
                "nodeMonitor": {"cpus": 2, "lost": 0},
                "srv6": {"enabled": false},
                "something-new": 1,
            }),
        ))
        .unwrap();
        assert_eq!(
            v["bandwidth-manager"],
            json!({"congestionControl": "cubic", "devices": null})
        );
        assert_eq!(v["host-firewall"], json!({"devices": null, "mode": "Disabled"}));
        assert_eq!(v["ipam"]["ipv6"], Value::Null);
        assert_eq!(v["cluster"], json!({"nodes": null, "self": "n1"}));
        let f = &v["kube-proxy-replacement"]["features"];
        assert!(f.get("bpfSocketLBHostnsOnly").is_none());
        assert_eq!(
            f["nat46X64"],
            json!({"gateway": {"prefixes": ["64:ff9b::/96"]}, "service": {}})
        );
        assert_eq!(v["masquerading"]["enabledProtocols"], json!({"ipv4": true}));
        // date-times are structs in Go: printed even when absent.
        assert_eq!(
            v["controllers"][0]["status"],
            json!({"last-failure-timestamp": ZERO_TIME, "last-success-timestamp": ZERO_TIME, "success-count": 3})
        );
        assert_eq!(v["hubble"]["observer"]["uptime"], json!("32m3.4s"));
        assert_eq!(v["nodeMonitor"], json!({"cpus": 2}));
        assert_eq!(v["srv6"], json!({}));
        assert!(v.get("something-new").is_none());
    }

    #[test]
    fn endpoint_policy_non_omitempty_fields() {
        let v: Value = serde_json::from_str(&go(
            Version::V1_17,
            "[Endpoint]",
            json!([{"id": 1, "status": {
                "labels": {"derived": [], "security-relevant": ["k8s:a=b"]},
                "namedPorts": [],
                "policy": {"proxy-statistics": [], "realized": {"cidr-policy": {}, "l4": {}, "allowed-egress-identities": []}},
                "state": "ready"
            }}]),
        ))
        .unwrap();
        let st = &v[0]["status"];
        assert_eq!(st["labels"], json!({"security-relevant": ["k8s:a=b"]}));
        assert!(st.get("namedPorts").is_none());
        assert_eq!(st["policy"]["proxy-statistics"], json!([]));
        let r = &st["policy"]["realized"];
        assert_eq!(r["cidr-policy"], json!({"egress": null, "ingress": null}));
        assert_eq!(r["l4"], json!({"egress": null, "ingress": null}));
        assert_eq!(r["allowed-egress-identities"], json!([]));
        assert_eq!(r["denied-egress-identities"], Value::Null);
        assert_eq!(r["denied-ingress-identities"], Value::Null);
        // state is required: a pointer, null when missing.
        let v: Value = serde_json::from_str(&go(Version::V1_17, "Endpoint", json!({"status": {}}))).unwrap();
        assert_eq!(v["status"], json!({"state": null}));
    }

    #[test]
    fn backend_protocol_per_version() {
        let svc = json!([{"spec": {"frontend-address": {"ip": "10.96.0.10", "port": 53, "protocol": "UDP"},
            "backend-addresses": [{"ip": "172.20.0.24", "port": 53, "protocol": "UDP", "state": "active", "preferred": false}]}}]);
        let v16: Value = serde_json::from_str(&go(Version::V1_16, "[Service]", svc.clone())).unwrap();
        let v17: Value = serde_json::from_str(&go(Version::V1_17, "[Service]", svc.clone())).unwrap();
        let v18: Value = serde_json::from_str(&go(Version::V1_18, "[Service]", svc)).unwrap();
        let b = json!({"ip": "172.20.0.24", "port": 53, "state": "active"});
        assert_eq!(v16[0]["spec"]["backend-addresses"][0], b);
        let mut b17 = b.clone();
        b17["protocol"] = json!("UDP");
        assert_eq!(v17[0]["spec"]["backend-addresses"][0], b17);
        assert_eq!(v18, v17);
        // frontend protocol stays in 1.16.
        assert_eq!(v16[0]["spec"]["frontend-address"]["protocol"], json!("UDP"));
        // backend ip is required: null when missing.
        let v: Value = serde_json::from_str(&go(Version::V1_17, "BackendAddress", json!({"port": 1}))).unwrap();
        assert_eq!(v, json!({"ip": null, "port": 1}));
    }

    #[test]
    fn status_fields_per_version() {
        let st = json!({
            "hubble": {"state": "Ok"},
            "hubble-metrics": {"state": "Ok"},
            "kube-proxy-replacement": {"features": {"annotations": ["a"]}}
        });
        let out18 = go(Version::V1_18, "StatusResponse", st.clone());
        assert!(out18.find("\"hubble\"").unwrap() < out18.find("\"hubble-metrics\"").unwrap());
        let v17: Value = serde_json::from_str(&go(Version::V1_17, "StatusResponse", st.clone())).unwrap();
        assert!(v17.get("hubble-metrics").is_none());
        assert_eq!(v17["kube-proxy-replacement"]["features"]["annotations"], json!(["a"]));
        let v16: Value = serde_json::from_str(&go(Version::V1_16, "StatusResponse", st)).unwrap();
        assert!(v16["kube-proxy-replacement"]["features"].get("annotations").is_none());
    }

    #[test]
    fn date_times_and_durations_reformatted() {
        assert_eq!(date_time("2025-07-20T08:00:00Z").unwrap(), "2025-07-20T08:00:00.000Z");
        assert_eq!(
            date_time("2025-07-20T08:00:00.123456789Z").unwrap(),
            "2025-07-20T08:00:00.123Z"
        );
        assert_eq!(
            date_time("2025-07-20T10:00:00.5+02:00").unwrap(),
            "2025-07-20T10:00:00.500+02:00"
        );
        assert_eq!(date_time("0001-01-01T00:00:00Z").unwrap(), ZERO_TIME);
        let v: Value = serde_json::from_str(&go(
            Version::V1_17,
            "ControllerStatus",
            json!({"configuration": {"interval": "60s", "error-retry-base": "0s"}}),
        ))
        .unwrap();
        assert_eq!(v["configuration"], json!({"interval": "1m0s"}));
    }

    #[test]
    fn unknown_model_is_an_error_and_maps_sort() {
        assert!(Schema::of(Version::V1_17).remarshal("NoSuchModel", &json!({})).is_err());
        let out = go(
            Version::V1_17,
            "IPAMStatus",
            json!({"allocations": {"172.20.0.24": "b", "172.20.0.223": "a"}}),
        );
        assert!(out.find("172.20.0.223").unwrap() < out.find("172.20.0.24").unwrap());
        assert_eq!(float64(&Number::from_f64(5.0).unwrap()), json!(5));
    }
}
