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
/// `['field']`, `[N]`, `[*]`, `..field` and `{range EXPR}...{end}`. Missing keys print nothing
/// (cilium-dbg sets AllowMissingKeys).
pub fn jsonpath(v: &Value, template: &str) -> Result<String, String> {
    let mut out = String::new();
    let toks = tokenize(template)?;
    let mut pos = 0;
    render(&toks, &mut pos, v, v, &mut out, false)?;
    Ok(out)
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
) -> Result<(), String> {
    while *pos < toks.len() {
        match &toks[*pos] {
            Tok::Text(s) => out.push_str(s),
            Tok::Expr(e) => {
                let vals = select(root, cur, e)?;
                let parts: Vec<String> = vals.iter().map(scalar).collect();
                out.push_str(&parts.join(" "));
            }
            Tok::Range(e) => {
                let vals = select(root, cur, e)?;
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
                    render(toks, &mut p, root, it, out, true)?;
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

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn select(root: &Value, cur: &Value, expr: &str) -> Result<Vec<Value>, String> {
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
            set = found;
            rest = r2;
        } else if let Some(r) = rest.strip_prefix('.') {
            let (name, r2) = split_name(r);
            if !name.is_empty() {
                set = set.iter().filter_map(|v| v.get(&name).cloned()).collect();
            }
            rest = r2;
        } else if let Some(r) = rest.strip_prefix('[') {
            let j = r.find(']').ok_or_else(|| format!("unterminated [ in {expr:?}"))?;
            let inner = r[..j].trim();
            rest = &r[j + 1..];
            if inner == "*" {
                set = set
                    .iter()
                    .flat_map(|v| match v {
                        Value::Array(a) => a.clone(),
                        Value::Object(o) => o.values().cloned().collect(),
                        _ => vec![],
                    })
                    .collect();
            } else if let Some(q) = inner.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
                set = set.iter().filter_map(|v| v.get(q).cloned()).collect();
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
}
