//! JSON as Go's `encoding/json` writes it (MarshalIndent, HTML escaping), JSON lines, and a small
//! k8s-style jsonpath evaluator for `-o jsonpath=...`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

/// `json.MarshalIndent(v, "", "  ")` without the trailing newline. Map keys come out sorted
/// (serde_json's map is ordered by key); struct fields in declaration order.
pub fn write_go_json<T: Serialize + ?Sized>(w: &mut dyn Write, v: &T) -> io::Result<()> {
    let mut buf = Vec::with_capacity(256);
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"  ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    v.serialize(&mut ser).map_err(io::Error::other)?;
    w.write_all(&go_escape(&buf))
}

/// One compact JSON value and a newline (for `-o jsonl`).
pub fn write_line<T: Serialize + ?Sized>(w: &mut dyn Write, v: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *w, v).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

/// A compact JSON object written field by field into a byte buffer, byte-identical to what
/// serde_json writes for a struct with the same fields in the same order: for the `-o jsonl`
/// hot paths, where serde's per-fragment writes cost more than the rest of the row. Callers keep
/// a test that compares both.
pub struct Obj<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    #[inline]
    pub fn new(out: &'a mut Vec<u8>) -> Obj<'a> {
        out.reserve(256);
        out.push(b'{');
        Obj { out, first: true }
    }

    /// Start a field: `"key":`.
    #[inline]
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    #[inline]
    pub fn str(&mut self, key: &str, v: &str) -> &mut Self {
        let out = self.key(key);
        push_str(out, v);
        self
    }

    #[inline]
    pub fn num(&mut self, key: &str, v: u64) -> &mut Self {
        let out = self.key(key);
        out.extend_from_slice(itoa_buf(v).take());
        self
    }

    #[inline]
    pub fn opt_num(&mut self, key: &str, v: Option<u64>) -> &mut Self {
        match v {
            Some(v) => self.num(key, v),
            None => self.null(key),
        }
    }

    #[inline]
    pub fn opt_str(&mut self, key: &str, v: Option<&str>) -> &mut Self {
        match v {
            Some(v) => self.str(key, v),
            None => self.null(key),
        }
    }

    #[inline]
    pub fn ip(&mut self, key: &str, v: std::net::IpAddr) -> &mut Self {
        let out = self.key(key);
        out.push(b'"');
        match v {
            std::net::IpAddr::V4(a) => {
                for (i, o) in a.octets().into_iter().enumerate() {
                    if i > 0 {
                        out.push(b'.');
                    }
                    out.extend_from_slice(itoa_buf(u64::from(o)).take());
                }
            }
            std::net::IpAddr::V6(a) => {
                let _ = write!(out, "{a}");
            }
        }
        out.push(b'"');
        self
    }

    #[inline]
    pub fn bool(&mut self, key: &str, v: bool) -> &mut Self {
        self.key(key).extend_from_slice(if v { b"true" } else { b"false" });
        self
    }

    #[inline]
    pub fn null(&mut self, key: &str) -> &mut Self {
        self.key(key).extend_from_slice(b"null");
        self
    }

    #[inline]
    pub fn strs(&mut self, key: &str, v: &[&str]) -> &mut Self {
        let out = self.key(key);
        out.push(b'[');
        for (i, s) in v.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_str(out, s);
        }
        out.push(b']');
        self
    }

    /// End the object.
    #[inline]
    pub fn end(&mut self) {
        self.out.push(b'}');
    }
}

/// A JSON string: plain printable ASCII written as it is, anything else through serde_json.
#[inline]
fn push_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

/// Decimal digits of `v` without going through `fmt`.
struct Digits {
    buf: [u8; 20],
    at: usize,
}

impl Digits {
    fn take(&self) -> &[u8] {
        &self.buf[self.at..]
    }
}

#[inline]
fn itoa_buf(mut v: u64) -> Digits {
    let mut d = Digits { buf: [0; 20], at: 20 };
    loop {
        d.at -= 1;
        d.buf[d.at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            return d;
        }
    }
}

/// Go escapes `<`, `>`, `&`, U+2028 and U+2029 inside strings. Those bytes only occur inside
/// strings in serialized JSON, so a byte-level pass is exact.
pub fn go_escape(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + 16);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b'&' => out.extend_from_slice(b"\\u0026"),
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8) | Some(0xA9)) => {
                out.extend_from_slice(if b[i + 2] == 0xA8 { b"\\u2028" } else { b"\\u2029" });
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Evaluate a k8s-style jsonpath template: literal text plus `{...}` expressions with `.field`,
/// `.*`, `['field']`, `[N]`, `[*]`, `..field` and `{range EXPR}...{end}`. Missing keys print
/// nothing (cilium-dbg sets AllowMissingKeys).
pub fn jsonpath(v: &Value, template: &str) -> Result<String, String> {
    jsonpath_noting(v, template).map(|(s, _)| s)
}

/// [`jsonpath`], plus the keys the template names that no object in the document has (most
/// likely typos): cilium-dbg prints nothing for them, and a script should not have to guess.
pub fn jsonpath_noting(v: &Value, template: &str) -> Result<(String, Vec<String>), String> {
    let mut out = String::new();
    let toks = tokenize(template)?;
    let mut pos = 0;
    let mut keys = Keys::default();
    render(&toks, &mut pos, v, v, &mut out, false, &mut keys)?;
    let missing = keys.missing.into_iter().filter(|k| !keys.found.contains(k)).collect();
    Ok((out, missing))
}

/// Keys looked up while evaluating: found somewhere, or asked of an object that lacked them.
#[derive(Default)]
struct Keys {
    found: std::collections::BTreeSet<String>,
    missing: Vec<String>,
}

impl Keys {
    /// `obj[name]` for every object in `set` that has it; notes whether any had it.
    fn get(&mut self, set: &[Value], name: &str) -> Vec<Value> {
        let out: Vec<Value> = set.iter().filter_map(|v| v.get(name).cloned()).collect();
        self.note(name, !out.is_empty() || set.is_empty());
        out
    }

    fn note(&mut self, name: &str, found: bool) {
        if found {
            self.found.insert(name.to_string());
        } else if !self.missing.iter().any(|m| m == name) {
            self.missing.push(name.to_string());
        }
    }
}

#[derive(Debug, Clone)]
enum Tok {
    Text(String),
    Expr(String),
    Range(String),
    End,
}

fn tokenize(t: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        if i > 0 {
            toks.push(Tok::Text(rest[..i].to_string()));
        }
        let j = rest[i..].find('}').ok_or_else(|| format!("unclosed action in {t:?}"))? + i;
        let e = rest[i + 1..j].trim();
        if let Some(r) = e.strip_prefix("range ") {
            toks.push(Tok::Range(r.trim().to_string()));
        } else if e == "end" {
            toks.push(Tok::End);
        } else if e.starts_with('"') && e.ends_with('"') && e.len() >= 2 {
            toks.push(Tok::Text(unquote(&e[1..e.len() - 1])));
        } else {
            toks.push(Tok::Expr(e.to_string()));
        }
        rest = &rest[j + 1..];
    }
    if !rest.is_empty() {
        toks.push(Tok::Text(rest.to_string()));
    }
    Ok(toks)
}

fn unquote(s: &str) -> String {
    s.replace("\\n", "\n").replace("\\t", "\t")
}

fn render(
    toks: &[Tok],
    pos: &mut usize,
    root: &Value,
    cur: &Value,
    out: &mut String,
    in_range: bool,
    keys: &mut Keys,
) -> Result<(), String> {
    while *pos < toks.len() {
        match &toks[*pos] {
            Tok::Text(s) => out.push_str(s),
            Tok::Expr(e) => {
                let vals = select(root, cur, e, keys)?;
                let parts: Vec<String> = vals.iter().map(scalar).collect();
                out.push_str(&parts.join(" "));
            }
            Tok::Range(e) => {
                let vals = select(root, cur, e, keys)?;
                let start = *pos + 1;
                let items: Vec<Value> = match vals.as_slice() {
                    [Value::Array(a)] => a.clone(),
                    other => other.to_vec(),
                };
                let mut end_pos = start;
                if items.is_empty() {
                    // Skip to the matching end.
                    let mut depth = 0;
                    let mut p = start;
                    while p < toks.len() {
                        match toks[p] {
                            Tok::Range(_) => depth += 1,
                            Tok::End if depth == 0 => break,
                            Tok::End => depth -= 1,
                            _ => {}
                        }
                        p += 1;
                    }
                    end_pos = p;
                }
                for it in &items {
                    let mut p = start;
                    render(toks, &mut p, root, it, out, true, keys)?;
                    end_pos = p;
                }
                *pos = end_pos;
            }
            Tok::End => {
                if in_range {
                    return Ok(());
                }
                return Err("not in range, nothing to end".into());
            }
        }
        *pos += 1;
    }
    Ok(())
}

/// One result as k8s prints it: strings bare, objects and arrays as compact Go JSON.
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Object(_) | Value::Array(_) => {
            String::from_utf8_lossy(&go_escape(v.to_string().as_bytes())).into_owned()
        }
        other => other.to_string(),
    }
}

/// k8s `evalWildcard`: the values of objects and the elements of arrays.
fn wildcard(set: &[Value]) -> Vec<Value> {
    set.iter()
        .flat_map(|v| match v {
            Value::Array(a) => a.clone(),
            Value::Object(o) => o.values().cloned().collect(),
            _ => vec![],
        })
        .collect()
}

fn select(root: &Value, cur: &Value, expr: &str, keys: &mut Keys) -> Result<Vec<Value>, String> {
    let (mut set, mut rest) = if let Some(r) = expr.strip_prefix('$') {
        (vec![root.clone()], r)
    } else if let Some(r) = expr.strip_prefix('@') {
        (vec![cur.clone()], r)
    } else {
        (vec![cur.clone()], expr)
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("..") {
            let (name, r2) = split_name(r);
            let mut found = Vec::new();
            for v in &set {
                descend(v, &name, &mut found);
            }
            keys.note(&name, !found.is_empty() || set.is_empty());
            set = found;
            rest = r2;
        } else if let Some(r) = rest.strip_prefix('.') {
            let (name, r2) = split_name(r);
            if name == "*" {
                set = wildcard(&set);
            } else if !name.is_empty() {
                set = keys.get(&set, &name);
            }
            rest = r2;
        } else if let Some(r) = rest.strip_prefix('[') {
            let j = r.find(']').ok_or_else(|| format!("unterminated [ in {expr:?}"))?;
            let inner = r[..j].trim();
            rest = &r[j + 1..];
            if inner == "*" {
                set = wildcard(&set);
            } else if let Some(q) = inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
                set = keys.get(&set, q);
            } else if let Ok(i) = inner.parse::<i64>() {
                set = set
                    .iter()
                    .filter_map(|v| {
                        let a = v.as_array()?;
                        let idx = if i < 0 { a.len() as i64 + i } else { i };
                        a.get(usize::try_from(idx).ok()?).cloned()
                    })
                    .collect();
            } else {
                return Err(format!("unsupported jsonpath subscript [{inner}]"));
            }
        } else {
            return Err(format!("unrecognized character in action: {rest:?}"));
        }
    }
    Ok(set)
}

fn split_name(s: &str) -> (String, &str) {
    let end = s.find(['.', '[']).unwrap_or(s.len());
    (s[..end].to_string(), &s[end..])
}

fn descend(v: &Value, name: &str, out: &mut Vec<Value>) {
    match v {
        Value::Object(o) => {
            if let Some(x) = o.get(name) {
                out.push(x.clone());
            }
            for c in o.values() {
                descend(c, name, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| descend(c, name, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obj_matches_serde() {
        #[derive(Serialize)]
        struct S<'a> {
            a: &'a str,
            n: u64,
            o: Option<u16>,
            p: Option<u16>,
            ip: std::net::IpAddr,
            ip4: std::net::IpAddr,
            b: bool,
            v: Vec<&'a str>,
            e: Vec<&'a str>,
            q: &'a str,
        }
        for (a, q) in [("plain", "x"), ("quo\"te\\", "tab\tnl\n\u{1}é")] {
            let s = S {
                a,
                n: 18_446_744_073_709_551_615,
                o: Some(0),
                p: None,
                ip: "fd00::1".parse().unwrap(),
                ip4: "10.0.255.7".parse().unwrap(),
                b: true,
                v: vec!["x", "y<z"],
                e: vec![],
                q,
            };
            let want = serde_json::to_string(&s).unwrap();
            let mut got = Vec::new();
            Obj::new(&mut got)
                .str("a", s.a)
                .num("n", s.n)
                .opt_num("o", s.o.map(u64::from))
                .opt_num("p", s.p.map(u64::from))
                .ip("ip", s.ip)
                .ip("ip4", s.ip4)
                .bool("b", s.b)
                .strs("v", &s.v)
                .strs("e", &s.e)
                .str("q", s.q)
                .end();
            assert_eq!(String::from_utf8(got).unwrap(), want);
        }
    }
    use serde_json::json;

    #[test]
    fn go_escaping() {
        assert_eq!(go_escape(b"\"<a&b>\""), b"\"\\u003ca\\u0026b\\u003e\"".to_vec());
        assert_eq!(go_escape("\u{2028}".as_bytes()), b"\\u2028".to_vec());
    }

    #[test]
    fn indent_like_marshal_indent() {
        let mut out = Vec::new();
        write_go_json(&mut out, &json!({"b": 1, "a": [true]})).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"a\": [\n    true\n  ],\n  \"b\": 1\n}"
        );
    }

    #[test]
    fn jsonpath_basics() {
        let v = json!({"items": [{"id": 1, "n": "a"}, {"id": 2, "n": "b"}], "x": {"y": "z"}});
        assert_eq!(jsonpath(&v, "{.x.y}").unwrap(), "z");
        assert_eq!(jsonpath(&v, "{.items[*].id}").unwrap(), "1 2");
        assert_eq!(jsonpath(&v, "{.items[-1].n}").unwrap(), "b");
        assert_eq!(jsonpath(&v, "{range .items[*]}{.n}{\"\\n\"}{end}").unwrap(), "a\nb\n");
        assert_eq!(jsonpath(&v, "{..n}").unwrap(), "a b");
        assert_eq!(jsonpath(&v, "{.missing}").unwrap(), "");
        assert_eq!(jsonpath(&v, "{['x']['y']}").unwrap(), "z");
    }

    #[test]
    fn jsonpath_wildcards_as_in_kubernetes() {
        let v = json!({"items": [{"name": "a", "n": 1}, {"name": "b", "n": 2}], "x": {"p": "q", "r": 7}});
        assert_eq!(jsonpath(&v, "{.items[*].name}").unwrap(), "a b");
        assert_eq!(jsonpath(&v, "{.items.*.name}").unwrap(), "a b");
        assert_eq!(jsonpath(&v, "{.x.*}").unwrap(), "q 7");
        assert_eq!(jsonpath(&v, "{.x[*]}").unwrap(), "q 7");
        // Objects and arrays print as compact JSON, Go-escaped.
        assert_eq!(
            jsonpath(&json!({"a": ["<x>"]}), "{.*}").unwrap(),
            "[\"\\u003cx\\u003e\"]"
        );
        assert_eq!(
            jsonpath(&v, "{.*}").unwrap(),
            "[{\"n\":1,\"name\":\"a\"},{\"n\":2,\"name\":\"b\"}] {\"p\":\"q\",\"r\":7}"
        );
        assert_eq!(jsonpath(&json!([1, 2]), "{.*}").unwrap(), "1 2");
        assert_eq!(jsonpath(&json!(3), "{.*}").unwrap(), "");
    }

    #[test]
    fn jsonpath_notes_keys_no_object_has() {
        let v = json!({"items": [{"name": "a", "opt": 1}, {"name": "b"}]});
        let (s, missing) = jsonpath_noting(&v, "{.items[*].nmae}").unwrap();
        assert_eq!((s.as_str(), missing), ("", vec!["nmae".to_string()]));
        // A key some objects have is not a typo.
        let (s, missing) = jsonpath_noting(&v, "{range .items[*]}{.opt}{end}").unwrap();
        assert_eq!((s.as_str(), missing), ("1", vec![]));
        let (_, missing) = jsonpath_noting(&v, "{..nope} {['gone']} {.items[0].name}").unwrap();
        assert_eq!(missing, vec!["nope".to_string(), "gone".to_string()]);
        // Nothing to look in (an empty list) is not a missing key.
        let (_, missing) = jsonpath_noting(&json!({"items": []}), "{.items[*].name}").unwrap();
        assert!(missing.is_empty());
    }
}
