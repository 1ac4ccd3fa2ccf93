//! Serde models of the agent API (api/v1/openapi.yaml JSON names): only the fields cdbg prints,
//! all optional, unknown fields ignored, so 1.16–1.18 agents all decode. Plus the helpers that
//! reproduce Go's formatting of what the API returns (indenting raw JSON, durations, times).

pub mod endpoint;
pub mod misc;
pub mod service;
pub mod status;

pub use endpoint::Endpoint;
pub use misc::*;
pub use service::Service;
pub use status::StatusResponse;

/// Re-indent a JSON document the way Go's `json.MarshalIndent(v, "", "  ")` lays it out, keeping
/// the agent's key order and number spelling (cilium-dbg re-marshals the same Go models the
/// agent marshalled, so the order matches for agents of the same release). `None` if the input
/// is not well-formed enough to re-indent (unbalanced brackets).
pub fn reindent(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len() * 2);
    let mut depth = 0usize;
    let mut i = 0;
    let nl = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', depth * 2));
    };
    let next_significant = |mut j: usize| {
        while j < raw.len() && raw[j].is_ascii_whitespace() {
            j += 1;
        }
        j
    };
    while i < raw.len() {
        let c = raw[i];
        match c {
            b'"' => {
                let start = i;
                i += 1;
                while i < raw.len() && raw[i] != b'"' {
                    if raw[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if i >= raw.len() {
                    return None;
                }
                out.extend_from_slice(&raw[start..=i]);
            }
            b'{' | b'[' => {
                let j = next_significant(i + 1);
                let close = if c == b'{' { b'}' } else { b']' };
                if raw.get(j) == Some(&close) {
                    out.push(c);
                    out.push(close);
                    i = j;
                } else {
                    out.push(c);
                    depth += 1;
                    nl(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                nl(&mut out, depth);
                out.push(c);
            }
            b',' => {
                out.push(b',');
                nl(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
        i += 1;
    }
    (depth == 0).then_some(out)
}

// Go time text lives in `crate::gotime`; these names stay for the renderers that use them.
pub use crate::clock::unix_now_ns as now_unix_ns;
pub use crate::gotime::{duration_string as go_duration, format_rfc3339_ms, parse_rfc3339};

/// Go `time.ParseDuration` into nanoseconds; `None` when invalid.
pub fn parse_go_duration(s: &str) -> Option<i64> {
    crate::gotime::parse_duration(s).ok()
}

/// cilium-dbg's `timeSince`: `never`, or the elapsed time truncated to seconds + ` ago`.
pub fn time_since(ts: &str, now_ns: i128) -> String {
    match parse_rfc3339(ts) {
        None => "never".into(),
        Some(t) => {
            let d = (now_ns - t) / 1_000_000_000 * 1_000_000_000;
            format!("{} ago", go_duration(d as i64))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindent_like_marshal_indent() {
        let raw = br#"{"b":[1,2],"a":{},"c":[],"d":{"x":"a,b:{}"}}"#;
        let out = String::from_utf8(reindent(raw).unwrap()).unwrap();
        assert_eq!(
            out,
            "{\n  \"b\": [\n    1,\n    2\n  ],\n  \"a\": {},\n  \"c\": [],\n  \"d\": {\n    \"x\": \"a,b:{}\"\n  }\n}"
        );
        assert!(reindent(b"{\"a\":[1}").is_none() || reindent(b"{").is_none());
    }

    #[test]
    fn time_since_truncates_to_seconds() {
        let now = parse_rfc3339("2025-07-20T08:01:02.900Z").unwrap();
        assert_eq!(time_since("2025-07-20T08:00:00Z", now), "1m2s ago");
        assert_eq!(time_since("0001-01-01T00:00:00.000Z", now), "never");
    }
}
