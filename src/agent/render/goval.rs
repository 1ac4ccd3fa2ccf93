//! A JSON value as Go's encoding/json holds it in `interface{}` (with or without `UseNumber`),
//! printed with `%v` or re-marshalled: the agent's daemon configuration map for `config`.

use std::collections::BTreeMap;

use anyhow::{bail, Result};

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

    /// A value already decoded (numbers keep serde_json's spelling of them).
    pub fn from_value(v: &serde_json::Value) -> GoVal {
        use serde_json::Value;
        match v {
            Value::Null => GoVal::Null,
            Value::Bool(b) => GoVal::Bool(*b),
            Value::Number(n) => GoVal::Num(n.to_string()),
            Value::String(s) => GoVal::Str(s.clone()),
            Value::Array(a) => GoVal::Arr(a.iter().map(GoVal::from_value).collect()),
            Value::Object(o) => GoVal::Obj(o.iter().map(|(k, v)| (k.clone(), GoVal::from_value(v))).collect()),
        }
    }

    pub fn get(&self, k: &str) -> Option<&GoVal> {
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
}
