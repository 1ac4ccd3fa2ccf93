//! JSON documents cdbg passes through as bytes (the agent's answers): a depth-limited syntax check
//! that never recurses, and a streaming re-indent in Go's `json.MarshalIndent` layout whose time and
//! memory are linear in the output, not in depth × size.

use std::fmt;
use std::io::{self, Write};

/// Why a document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// Nested deeper than the limit (Go's decoder stops at 10,000 levels).
    TooDeep { limit: usize, offset: usize },
    /// Not JSON: what was expected at which byte.
    Syntax { offset: usize, expected: &'static str },
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::TooDeep { limit, offset } => write!(
                f,
                "JSON nested more than {limit} levels deep (at byte {offset}); Go's encoding/json refuses such documents too"
            ),
            JsonError::Syntax { offset, expected } => {
                write!(f, "not valid JSON: expected {expected} at byte {offset}")
            }
        }
    }
}

impl std::error::Error for JsonError {}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

fn syntax(offset: usize, expected: &'static str) -> JsonError {
    JsonError::Syntax { offset, expected }
}

/// Skip a string starting at `b[i] == '"'`; returns the index after the closing quote.
fn skip_string(b: &[u8], mut i: usize) -> Result<usize, JsonError> {
    i += 1;
    loop {
        match b.get(i) {
            None => return Err(syntax(i, "the end of a string")),
            Some(b'"') => return Ok(i + 1),
            Some(b'\\') => match b.get(i + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                Some(b'u') => {
                    let hex = b.get(i + 2..i + 6).ok_or(syntax(i, "four hex digits after \\u"))?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return Err(syntax(i + 2, "four hex digits after \\u"));
                    }
                    i += 6;
                }
                _ => return Err(syntax(i + 1, "an escape character")),
            },
            Some(c) if *c < 0x20 => return Err(syntax(i, "an escaped control character")),
            Some(_) => i += 1,
        }
    }
}

fn skip_number(b: &[u8], mut i: usize) -> Result<usize, JsonError> {
    let digits = |b: &[u8], mut i: usize| {
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i, i - s)
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(b, i).0,
        _ => return Err(syntax(i, "a digit")),
    }
    if b.get(i) == Some(&b'.') {
        let (j, n) = digits(b, i + 1);
        if n == 0 {
            return Err(syntax(j, "a digit after the decimal point"));
        }
        i = j;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let (j, n) = digits(b, i);
        if n == 0 {
            return Err(syntax(j, "a digit in the exponent"));
        }
        i = j;
    }
    Ok(i)
}

/// Check that `b` is one JSON value nested at most `max_depth` levels, without recursion.
pub fn check(b: &[u8], max_depth: usize) -> Result<(), JsonError> {
    // One flag per open container: true for an object.
    let mut stack: Vec<bool> = Vec::new();
    let mut i = skip_ws(b, 0);
    'value: loop {
        // A value starts at `i`.
        match b.get(i) {
            Some(&c @ (b'{' | b'[')) => {
                if stack.len() >= max_depth {
                    return Err(JsonError::TooDeep {
                        limit: max_depth,
                        offset: i,
                    });
                }
                let obj = c == b'{';
                i = skip_ws(b, i + 1);
                if b.get(i) == Some(if obj { &b'}' } else { &b']' }) {
                    i += 1;
                } else {
                    stack.push(obj);
                    if obj {
                        i = key(b, i)?;
                    }
                    continue 'value;
                }
            }
            Some(b'"') => i = skip_string(b, i)?,
            Some(b'-' | b'0'..=b'9') => i = skip_number(b, i)?,
            Some(b't') if b[i..].starts_with(b"true") => i += 4,
            Some(b'f') if b[i..].starts_with(b"false") => i += 5,
            Some(b'n') if b[i..].starts_with(b"null") => i += 4,
            _ => return Err(syntax(i, "a value")),
        }
        // After a value: a separator, a closing bracket, or the end.
        loop {
            i = skip_ws(b, i);
            let Some(&obj) = stack.last() else {
                return if i == b.len() {
                    Ok(())
                } else {
                    Err(syntax(i, "the end of the document"))
                };
            };
            match b.get(i) {
                Some(b',') => {
                    i = skip_ws(b, i + 1);
                    if obj {
                        i = key(b, i)?;
                    }
                    continue 'value;
                }
                Some(b'}') if obj => {
                    stack.pop();
                    i += 1;
                }
                Some(b']') if !obj => {
                    stack.pop();
                    i += 1;
                }
                _ => return Err(syntax(i, if obj { "',' or '}'" } else { "',' or ']'" })),
            }
        }
    }
}

/// An object key and its colon at `i`; returns where the value starts.
fn key(b: &[u8], i: usize) -> Result<usize, JsonError> {
    if b.get(i) != Some(&b'"') {
        return Err(syntax(i, "an object key"));
    }
    let i = skip_ws(b, skip_string(b, i)?);
    if b.get(i) != Some(&b':') {
        return Err(syntax(i, "':'"));
    }
    Ok(skip_ws(b, i + 1))
}

/// Write a document (already `check`ed) as `json.MarshalIndent(v, "", "  ")` lays it out, keeping
/// its key order and number spelling, with Go's HTML escaping; DEL and C1 controls are written
/// as `\u00XX` so no terminal sees them raw. Invalid UTF-8 becomes U+FFFD, as in Go.
/// Output goes out in 64 KiB chunks: memory stays flat whatever the depth.
pub fn write_reindented(w: &mut dyn Write, raw: &[u8]) -> io::Result<()> {
    const CHUNK: usize = 64 * 1024;
    let text = String::from_utf8_lossy(raw);
    let raw = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(CHUNK + 64);
    let mut depth = 0usize;
    let mut i = 0;
    let spill = |out: &mut Vec<u8>, w: &mut dyn Write| -> io::Result<()> {
        if out.len() >= CHUNK {
            w.write_all(out)?;
            out.clear();
        }
        Ok(())
    };
    let newline = |out: &mut Vec<u8>, w: &mut dyn Write, depth: usize| -> io::Result<()> {
        out.push(b'\n');
        let mut n = depth * 2;
        while n > 0 {
            let k = n.min(CHUNK);
            out.extend(std::iter::repeat_n(b' ', k));
            n -= k;
            if out.len() >= CHUNK {
                w.write_all(out)?;
                out.clear();
            }
        }
        Ok(())
    };
    while i < raw.len() {
        let c = raw[i];
        match c {
            b'"' => {
                out.push(b'"');
                i += 1;
                while i < raw.len() && raw[i] != b'"' {
                    match raw[i] {
                        b'\\' => {
                            out.push(b'\\');
                            if let Some(&n) = raw.get(i + 1) {
                                out.push(n);
                            }
                            i += 1;
                        }
                        b'<' => out.extend_from_slice(b"\\u003c"),
                        b'>' => out.extend_from_slice(b"\\u003e"),
                        b'&' => out.extend_from_slice(b"\\u0026"),
                        0x7f => out.extend_from_slice(b"\\u007f"),
                        // U+0080..U+009F (C1 controls) and U+2028/U+2029 (Go escapes these).
                        0xC2 if raw.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => {
                            out.extend_from_slice(format!("\\u00{:02x}", raw[i + 1]).as_bytes());
                            i += 1;
                        }
                        0xE2 if raw.get(i + 1) == Some(&0x80) && matches!(raw.get(i + 2), Some(0xA8 | 0xA9)) => {
                            out.extend_from_slice(if raw[i + 2] == 0xA8 { b"\\u2028" } else { b"\\u2029" });
                            i += 2;
                        }
                        b => out.push(b),
                    }
                    i += 1;
                    spill(&mut out, w)?;
                }
                out.push(b'"');
            }
            b'{' | b'[' => {
                let close = if c == b'{' { b'}' } else { b']' };
                let j = skip_ws(raw, i + 1);
                if raw.get(j) == Some(&close) {
                    out.extend_from_slice(&[c, close]);
                    i = j;
                } else {
                    out.push(c);
                    depth += 1;
                    newline(&mut out, w, depth)?;
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, w, depth)?;
                out.push(c);
            }
            b',' => {
                out.push(b',');
                newline(&mut out, w, depth)?;
            }
            b':' => out.extend_from_slice(b": "),
            b' ' | b'\t' | b'\n' | b'\r' => {}
            c => out.push(c),
        }
        i += 1;
        spill(&mut out, w)?;
    }
    w.write_all(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reindent(raw: &[u8]) -> String {
        check(raw, 10_000).unwrap();
        let mut v = Vec::new();
        write_reindented(&mut v, raw).unwrap();
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn lays_out_like_marshal_indent() {
        let raw = br#"{"b":[1,2],"a":{},"c":[ ],"d":{"x":"a,b:{}"}}"#;
        assert_eq!(
            reindent(raw),
            "{\n  \"b\": [\n    1,\n    2\n  ],\n  \"a\": {},\n  \"c\": [],\n  \"d\": {\n    \"x\": \"a,b:{}\"\n  }\n}"
        );
        assert_eq!(reindent(br#""<a&b>\"""#), r#""\u003ca\u0026b\u003e\"""#);
        assert_eq!(reindent("\"\u{2028}\u{9b}\x7f\"".as_bytes()), r#""\u2028\u009b\u007f""#);
        assert_eq!(reindent(b" -1.5e+3 "), "-1.5e+3");
    }

    #[test]
    fn checks_syntax() {
        for bad in [
            &b""[..],
            b"{",
            b"[1,]",
            b"{\"a\" 1}",
            b"{\"a\":1,}",
            b"[1 2]",
            b"01",
            b"1.",
            b"\"a\x1bb\"",
            b"\"\\x\"",
            b"tru",
            b"{} {}",
            b"[}",
            b"{1:2}",
        ] {
            assert!(
                matches!(check(bad, 100), Err(JsonError::Syntax { .. })),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        for good in [
            &b"null"[..],
            b" [ ] ",
            b"{\"a\":[{\"b\":\"\\u00e9\\n\"}],\"c\":-0.5E-2}",
        ] {
            check(good, 100).unwrap();
        }
    }

    #[test]
    fn depth_is_limited_without_recursion() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        check(deep(10_000).as_bytes(), 10_000).unwrap();
        let e = check(deep(10_001).as_bytes(), 10_000).unwrap_err();
        assert_eq!(
            e,
            JsonError::TooDeep {
                limit: 10_000,
                offset: 10_000
            }
        );
        assert!(e.to_string().contains("more than 10000 levels"), "{e}");
        // A million levels: refused quickly, no stack overflow.
        assert!(check(deep(1_000_000).as_bytes(), 10_000).is_err());
    }

    #[test]
    fn reindent_output_is_streamed() {
        // 3,000 levels: the layout is about 18 MB; it must come out whole and correct.
        let n = 3_000;
        let raw = format!("{}1{}", "[".repeat(n), "]".repeat(n));
        let out = reindent(raw.as_bytes());
        // Brackets, newlines and the `1`, plus 2·d spaces on each line opening and closing depth d.
        let expect = 4 * n + 1 + 2 * n * n;
        assert_eq!(out.len(), expect);
        assert!(out.starts_with("[\n  [\n    ["));
    }
}
