//! `config`: the agent's runtime configuration (cilium-dbg/cmd/config.go): the read-write view of
//! `GET /v1/config` `status.realized`, and with `-r`/`-a` the read-only daemon configuration map.
use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{bail, Result};
use clap::Args as ClapArgs;

use crate::agent::models::DaemonConfiguration;
use crate::agent::models::DaemonConfigurationStatus;
use crate::agent::Client;
use crate::cli::Ctx;
use crate::output::sanitize::Writer;
use crate::output::{render, Doc, OutputArgs, Parts};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Display all cilium configurations
    #[arg(short = 'a', long = "all")]
    pub all: bool,
    /// Display read only configurations
    #[arg(short = 'r', long = "read-only")]
    pub read_only: bool,
    /// List available options
    #[arg(long)]
    pub list_options: bool,
    /// Changing options (`Option=Value`) is not supported by cdbg (read-only tool)
    #[arg(value_name = "<option>=(enable|disable)")]
    pub set: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if !args.set.is_empty() {
        bail!(
            "cdbg does not change agent options (PATCH /v1/config); use cilium-dbg config {}",
            args.set.join(" ")
        );
    }
    let client = Client::for_commands(ctx.host.as_deref())?;
    let raw = client.get_raw("/config")?;
    let cfg: DaemonConfiguration = client.decode("/config", 200, &raw)?;
    let st = cfg.status.unwrap_or_default();
    let realized = st.realized.clone().unwrap_or_default();
    if args.list_options {
        let mut out = Writer::new(out);
        for k in realized.options.keys() {
            writeln!(out, "{k:<24} ")?;
        }
        out.flush()?;
        return Ok(());
    }
    // The read-only map as Go decodes it with UseNumber: numbers keep their JSON spelling.
    let dmap = match GoVal::parse(&raw)?
        .get("status")
        .and_then(|s| s.get("daemonConfigurationMap"))
    {
        Some(GoVal::Obj(m)) => m.clone(),
        _ => BTreeMap::new(),
    };
    let (read_only, read_write) = (args.read_only || args.all, !args.read_only || args.all);
    let config = Parts::new(
        |w: &mut dyn Write| print_config(w, &st, &dmap, read_only, read_write),
        || {
            // printConfigurations: -r prints the map as decoded; -a merges the realized spec
            // into it through interface{} (numbers become float64); else the options.
            let doc = if args.read_only {
                GoVal::Obj(dmap.clone())
            } else if args.all {
                let mut m = dmap.clone();
                if !realized.options.is_empty() {
                    let opts = realized
                        .options
                        .iter()
                        .map(|(k, v)| (k.clone(), GoVal::Str(v.clone())))
                        .collect();
                    merge(&mut m, "options", GoVal::Obj(opts));
                }
                if !realized.policy_enforcement.is_empty() {
                    merge(
                        &mut m,
                        "policy-enforcement",
                        GoVal::Str(realized.policy_enforcement.clone()),
                    );
                }
                GoVal::Obj(m).as_float64()
            } else {
                GoVal::Obj(
                    realized
                        .options
                        .iter()
                        .map(|(k, v)| (k.clone(), GoVal::Str(v.clone())))
                        .collect(),
                )
            };
            let mut bytes = Vec::new();
            doc.write_json(&mut bytes);
            Ok(Doc::Raw(bytes.into()))
        },
    );
    render(out, &args.output.output, &config)
}

/// `recursiveMerge`: objects merge key by key, anything else is replaced by the patch.
fn merge(m: &mut BTreeMap<String, GoVal>, k: &str, patch: GoVal) {
    match (m.get_mut(k), patch) {
        (Some(GoVal::Obj(base)), GoVal::Obj(p)) => {
            for (pk, pv) in p {
                merge(base, &pk, pv);
            }
        }
        (_, p) => {
            m.insert(k.to_string(), p);
        }
    }
}

/// The read-only and/or read-write configuration, as `config` prints it.
fn print_config(
    out: &mut dyn Write,
    st: &DaemonConfigurationStatus,
    dmap: &BTreeMap<String, GoVal>,
    read_only: bool,
    read_write: bool,
) -> Result<()> {
    let realized = st.realized.clone().unwrap_or_default();
    // Keys and values come from the agent: escape them for the terminal.
    let out = &mut Writer::new(out);
    if read_only {
        writeln!(out, "#### Read-only configurations ####")?;
        for (k, v) in dmap {
            match v {
                // A nested map: the key alone, then its entries through NormalizeBool.
                GoVal::Obj(sub) => {
                    writeln!(out, "{k}")?;
                    for (sk, sv) in sub {
                        writeln!(out, "\t{sk:<26}: {}", normalize_bool(&sv.go_string()))?;
                    }
                }
                v => writeln!(out, "{k:<34}: {}", v.go_string())?,
            }
        }
        writeln!(out, "{:<34}: {}", "k8s-configuration", st.k8s_configuration)?;
        writeln!(out, "{:<34}: {}", "k8s-endpoint", st.k8s_endpoint)?;
        for (k, v) in &st.immutable {
            writeln!(out, "{k:<34}: {}", normalize_bool(v))?;
        }
    }
    if read_write {
        writeln!(out, "##### Read-write configurations #####")?;
        for (k, v) in &realized.options {
            writeln!(out, "{k:<34}: {}", normalise(v))?;
        }
        if let Some(nm) = &st.node_monitor {
            writeln!(out, "{:<34}: {}", "MonitorNumPages", nm.npages)?;
        }
        writeln!(out, "{:<34}: {}", "PolicyEnforcement", realized.policy_enforcement)?;
    }
    out.flush()?;
    Ok(())
}

/// Boolean-looking option values print as Enabled/Disabled.
fn normalise(v: &str) -> &str {
    match v {
        "Enabled" | "enabled" | "1" | "t" | "T" | "TRUE" | "true" | "True" => "Enabled",
        "Disabled" | "disabled" | "0" | "f" | "F" | "FALSE" | "false" | "False" => "Disabled",
        v => v,
    }
}

/// pkg/option `NormalizeBool` as `dumpConfig` applies it: case-insensitive
/// `true|on|enable|enabled|1` → `Enabled`, `false|off|disable|disabled|0` → `Disabled`.
fn normalize_bool(v: &str) -> &str {
    match v.to_ascii_lowercase().as_str() {
        "true" | "on" | "enable" | "enabled" | "1" => "Enabled",
        "false" | "off" | "disable" | "disabled" | "0" => "Disabled",
        _ => v,
    }
}

/// A JSON value as Go holds it after decoding into `interface{}` with `UseNumber`: numbers keep
/// their token text, objects are maps (so they print sorted).
#[derive(Debug, Clone, PartialEq)]
pub enum GoVal {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<GoVal>),
    Obj(BTreeMap<String, GoVal>),
}

/// Deeper nesting than this is refused (agent configuration maps are shallow).
const MAX_DEPTH: usize = 256;

impl GoVal {
    pub fn parse(b: &[u8]) -> Result<GoVal> {
        let mut i = 0;
        let v = Self::value(b, &mut i, 0)?;
        Ok(v)
    }

    fn get(&self, k: &str) -> Option<&GoVal> {
        match self {
            GoVal::Obj(m) => m.get(k),
            _ => None,
        }
    }

    fn value(b: &[u8], i: &mut usize, depth: usize) -> Result<GoVal> {
        if depth > MAX_DEPTH {
            bail!("agent /config: JSON nested deeper than {MAX_DEPTH} levels");
        }
        skip_ws(b, i);
        let Some(&c) = b.get(*i) else {
            bail!("agent /config: JSON ends early");
        };
        Ok(match c {
            b'{' => {
                *i += 1;
                let mut m = BTreeMap::new();
                loop {
                    skip_ws(b, i);
                    match b.get(*i) {
                        Some(b'}') => {
                            *i += 1;
                            break;
                        }
                        Some(b',') => *i += 1,
                        _ => {}
                    }
                    skip_ws(b, i);
                    if b.get(*i) == Some(&b'}') {
                        continue;
                    }
                    let GoVal::Str(k) = Self::value(b, i, depth + 1)? else {
                        bail!("agent /config: object key is not a string at byte {i}");
                    };
                    skip_ws(b, i);
                    if b.get(*i) != Some(&b':') {
                        bail!("agent /config: expected ':' at byte {i}");
                    }
                    *i += 1;
                    let v = Self::value(b, i, depth + 1)?;
                    m.insert(k, v);
                }
                GoVal::Obj(m)
            }
            b'[' => {
                *i += 1;
                let mut a = Vec::new();
                loop {
                    skip_ws(b, i);
                    match b.get(*i) {
                        Some(b']') => {
                            *i += 1;
                            break;
                        }
                        Some(b',') => {
                            *i += 1;
                            continue;
                        }
                        _ => a.push(Self::value(b, i, depth + 1)?),
                    }
                }
                GoVal::Arr(a)
            }
            b'"' => {
                let start = *i;
                *i += 1;
                while let Some(&c) = b.get(*i) {
                    *i += 1;
                    match c {
                        b'\\' => *i += 1,
                        b'"' => break,
                        _ => {}
                    }
                }
                GoVal::Str(serde_json::from_slice(&b[start..(*i).min(b.len())])?)
            }
            b't' | b'f' | b'n' => {
                let word = if c == b't' {
                    "true"
                } else if c == b'f' {
                    "false"
                } else {
                    "null"
                };
                if !b[*i..].starts_with(word.as_bytes()) {
                    bail!("agent /config: unexpected token at byte {i}");
                }
                *i += word.len();
                match c {
                    b't' => GoVal::Bool(true),
                    b'f' => GoVal::Bool(false),
                    _ => GoVal::Null,
                }
            }
            _ => {
                let start = *i;
                while b
                    .get(*i)
                    .is_some_and(|c| matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    *i += 1;
                }
                if start == *i {
                    bail!("agent /config: unexpected byte at {start}");
                }
                GoVal::Num(String::from_utf8_lossy(&b[start..*i]).into_owned())
            }
        })
    }

    /// Go's `%v` of the value.
    pub fn go_string(&self) -> String {
        match self {
            GoVal::Null => "<nil>".into(),
            GoVal::Bool(b) => b.to_string(),
            GoVal::Num(n) => n.clone(),
            GoVal::Str(s) => s.clone(),
            GoVal::Arr(a) => format!("[{}]", a.iter().map(GoVal::go_string).collect::<Vec<_>>().join(" ")),
            GoVal::Obj(o) => format!(
                "map[{}]",
                o.iter()
                    .map(|(k, v)| format!("{k}:{}", v.go_string()))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        }
    }

    /// The value after a JSON round trip through `interface{}` without UseNumber: every number
    /// becomes a float64 and is re-spelled as Go's encoding/json writes float64.
    pub fn as_float64(self) -> GoVal {
        match self {
            GoVal::Num(n) => GoVal::Num(go_float64(n.parse::<f64>().unwrap_or(0.0))),
            GoVal::Arr(a) => GoVal::Arr(a.into_iter().map(GoVal::as_float64).collect()),
            GoVal::Obj(o) => GoVal::Obj(o.into_iter().map(|(k, v)| (k, v.as_float64())).collect()),
            v => v,
        }
    }

    /// Compact JSON, keys sorted, strings escaped as encoding/json does (HTML-safe).
    pub fn write_json(&self, w: &mut Vec<u8>) {
        match self {
            GoVal::Null => w.extend_from_slice(b"null"),
            GoVal::Bool(b) => w.extend_from_slice(if *b { b"true" } else { b"false" }),
            GoVal::Num(n) => w.extend_from_slice(n.as_bytes()),
            GoVal::Str(s) => go_json_string(w, s),
            GoVal::Arr(a) => {
                w.push(b'[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        w.push(b',');
                    }
                    v.write_json(w);
                }
                w.push(b']');
            }
            GoVal::Obj(o) => {
                w.push(b'{');
                for (i, (k, v)) in o.iter().enumerate() {
                    if i > 0 {
                        w.push(b',');
                    }
                    go_json_string(w, k);
                    w.push(b':');
                    v.write_json(w);
                }
                w.push(b'}');
            }
        }
    }
}

fn skip_ws(b: &[u8], i: &mut usize) {
    while b.get(*i).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r')) {
        *i += 1;
    }
}

/// encoding/json's float64: shortest round-trip digits, plain notation for 1e-6 ≤ |x| < 1e21,
/// otherwise exponent form with at least two exponent digits trimmed to one (`1e-7`, `1e+21`).
pub fn go_float64(f: f64) -> String {
    let abs = f.abs();
    if abs == 0.0 || (1e-6..1e21).contains(&abs) {
        // Rust's Display is the shortest round-trip in plain notation.
        return format!("{f}");
    }
    let s = format!("{f:e}"); // e.g. 1e-7, 1.5e21
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let (sign, digits) = match exp.strip_prefix('-') {
        Some(d) => ('-', d),
        None => ('+', exp),
    };
    format!("{mant}e{sign}{digits}")
}

/// A string as encoding/json writes it.
fn go_json_string(w: &mut Vec<u8>, s: &str) {
    w.push(b'"');
    for c in s.chars() {
        match c {
            '"' => w.extend_from_slice(b"\\\""),
            '\\' => w.extend_from_slice(b"\\\\"),
            '\n' => w.extend_from_slice(b"\\n"),
            '\r' => w.extend_from_slice(b"\\r"),
            '\t' => w.extend_from_slice(b"\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => w.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes()),
            c if (c as u32) < 0x20 => w.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes()),
            c => {
                let mut buf = [0u8; 4];
                w.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    w.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_spelling_for_text_and_become_float64_for_json() {
        let v =
            GoVal::parse(br#"{"a":1e-05,"b":5.0,"c":900000000000,"d":[1,"x"],"e":null,"f":{"z":0,"y":"on"}}"#).unwrap();
        let GoVal::Obj(m) = &v else { panic!() };
        assert_eq!(m["a"].go_string(), "1e-05");
        assert_eq!(m["b"].go_string(), "5.0");
        assert_eq!(m["c"].go_string(), "900000000000");
        assert_eq!(m["d"].go_string(), "[1 x]");
        assert_eq!(m["e"].go_string(), "<nil>");
        let mut out = Vec::new();
        v.as_float64().write_json(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":0.00001,"b":5,"c":900000000000,"d":[1,"x"],"e":null,"f":{"y":"on","z":0}}"#
        );
    }

    #[test]
    fn go_float64_spelling() {
        assert_eq!(go_float64(1e-7), "1e-7");
        assert_eq!(go_float64(1e21), "1e+21");
        assert_eq!(go_float64(1.5e-7), "1.5e-7");
        assert_eq!(go_float64(0.0025), "0.0025");
        assert_eq!(go_float64(-3.0), "-3");
    }

    #[test]
    fn normalize_bool_is_case_insensitive() {
        assert_eq!(normalize_bool("ON"), "Enabled");
        assert_eq!(normalize_bool("0"), "Disabled");
        assert_eq!(normalize_bool("Disable"), "Disabled");
        assert_eq!(normalize_bool("3"), "3");
    }
}
