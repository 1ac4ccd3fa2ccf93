//! protojson for Hubble messages, as `hubble observe -o jsonpb` prints them: Go's protojson with
//! `UseProtoNames` (proto field names, declaration order, enums by name, 64-bit integers as strings,
//! RFC 3339 timestamps, wrappers unwrapped), then compacted by Go's encoding/json (one line, HTML
//! escaping). Driven by the descriptor set build.rs saves, so every message in proto/ is covered.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use prost::Message;
use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{DescriptorProto, FieldDescriptorProto, FileDescriptorSet};

/// Message and enum descriptors by full name (".pkg.Msg").
struct Registry {
    messages: HashMap<String, DescriptorProto>,
    enums: HashMap<String, Vec<(i32, String)>>,
}

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| {
        let fds = FileDescriptorSet::decode(super::DESCRIPTOR_SET).expect("embedded descriptor set");
        let mut r = Registry {
            messages: HashMap::new(),
            enums: HashMap::new(),
        };
        for f in fds.file {
            let pkg = f.package.clone().unwrap_or_default();
            let prefix = if pkg.is_empty() {
                String::new()
            } else {
                format!(".{pkg}")
            };
            for e in &f.enum_type {
                add_enum(&mut r, &prefix, e);
            }
            for m in &f.message_type {
                add_message(&mut r, &prefix, m);
            }
        }
        r
    })
}

fn add_enum(r: &mut Registry, prefix: &str, e: &prost_types::EnumDescriptorProto) {
    let values = e.value.iter().map(|v| (v.number(), v.name().to_string())).collect();
    r.enums.insert(format!("{prefix}.{}", e.name()), values);
}

fn add_message(r: &mut Registry, prefix: &str, m: &DescriptorProto) {
    let name = format!("{prefix}.{}", m.name());
    for e in &m.enum_type {
        add_enum(r, &name, e);
    }
    for n in &m.nested_type {
        add_message(r, &name, n);
    }
    r.messages.insert(name, m.clone());
}

/// The name of enum value `v` of enum type `full_name` (".flow.Verdict"), if declared.
pub fn enum_name(full_name: &str, v: i32) -> Option<&'static str> {
    registry()
        .enums
        .get(full_name)?
        .iter()
        .find(|(n, _)| *n == v)
        .map(|(_, s)| s.as_str())
}

/// The number of enum value `name` of enum type `full_name`.
pub fn enum_value(full_name: &str, name: &str) -> Option<i32> {
    registry()
        .enums
        .get(full_name)?
        .iter()
        .find(|(_, s)| s == name)
        .map(|(n, _)| *n)
}

/// Encode `msg` (of proto type `full_name`, e.g. ".observer.GetFlowsResponse") as one compact
/// protojson line (without a newline).
pub fn to_json<M: Message>(full_name: &str, msg: &M) -> String {
    let mut out = String::new();
    write_message(&mut out, full_name, &msg.encode_to_vec());
    out
}

/// One raw wire value.
#[derive(Debug, Clone)]
enum Raw<'a> {
    Varint(u64),
    Fixed64(u64),
    Fixed32(u32),
    Bytes(&'a [u8]),
}

fn read_varint(b: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v: u64 = 0;
    for shift in (0..64).step_by(7) {
        let byte = *b.get(*pos)?;
        *pos += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Split a message's bytes into (field number, value) pairs, in wire order.
fn parse_fields(b: &[u8]) -> Vec<(u32, Raw<'_>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < b.len() {
        let Some(key) = read_varint(b, &mut pos) else { break };
        let num = (key >> 3) as u32;
        let raw = match key & 7 {
            0 => match read_varint(b, &mut pos) {
                Some(v) => Raw::Varint(v),
                None => break,
            },
            1 => {
                let Some(s) = b.get(pos..pos + 8) else { break };
                pos += 8;
                Raw::Fixed64(u64::from_le_bytes(s.try_into().unwrap()))
            }
            2 => {
                let Some(len) = read_varint(b, &mut pos) else { break };
                let Some(s) = b.get(pos..pos + len as usize) else { break };
                pos += len as usize;
                Raw::Bytes(s)
            }
            5 => {
                let Some(s) = b.get(pos..pos + 4) else { break };
                pos += 4;
                Raw::Fixed32(u32::from_le_bytes(s.try_into().unwrap()))
            }
            _ => break,
        };
        out.push((num, raw));
    }
    out
}

fn is_wkt_wrapper(name: &str) -> bool {
    matches!(
        name,
        ".google.protobuf.BoolValue"
            | ".google.protobuf.UInt32Value"
            | ".google.protobuf.Int32Value"
            | ".google.protobuf.UInt64Value"
            | ".google.protobuf.Int64Value"
            | ".google.protobuf.StringValue"
            | ".google.protobuf.BytesValue"
            | ".google.protobuf.DoubleValue"
            | ".google.protobuf.FloatValue"
    )
}

fn write_message(out: &mut String, full_name: &str, bytes: &[u8]) {
    let fields = parse_fields(bytes);
    match full_name {
        ".google.protobuf.Timestamp" => {
            let (mut secs, mut nanos) = (0i64, 0i32);
            for (n, r) in &fields {
                if let Raw::Varint(v) = r {
                    match n {
                        1 => secs = *v as i64,
                        2 => nanos = *v as i64 as i32,
                        _ => {}
                    }
                }
            }
            out.push('"');
            out.push_str(&rfc3339(secs, nanos));
            out.push('"');
            return;
        }
        ".google.protobuf.Duration" => {
            let (mut secs, mut nanos) = (0i64, 0i32);
            for (n, r) in &fields {
                if let Raw::Varint(v) = r {
                    match n {
                        1 => secs = *v as i64,
                        2 => nanos = *v as i64 as i32,
                        _ => {}
                    }
                }
            }
            let frac = fraction(nanos.unsigned_abs());
            let sign = if secs < 0 || nanos < 0 { "-" } else { "" };
            let _ = write!(out, "\"{sign}{}{frac}s\"", secs.unsigned_abs());
            return;
        }
        ".google.protobuf.FieldMask" => {
            let paths: Vec<String> = fields
                .iter()
                .filter_map(|(n, r)| match (n, r) {
                    (1, Raw::Bytes(b)) => Some(lower_camel(&String::from_utf8_lossy(b))),
                    _ => None,
                })
                .collect();
            write_string(out, &paths.join(","));
            return;
        }
        _ => {}
    }
    let Some(desc) = registry().messages.get(full_name) else {
        out.push_str("{}");
        return;
    };
    if is_wkt_wrapper(full_name) {
        let f = &desc.field[0];
        match fields.iter().rev().find(|(n, _)| *n == 1) {
            Some((_, r)) => write_scalar(out, f, r),
            None => write_default(out, f),
        }
        return;
    }
    out.push('{');
    let mut first = true;
    if full_name == ".google.protobuf.Any" {
        let url = fields.iter().find_map(|(n, r)| match (n, r) {
            (1, Raw::Bytes(b)) => Some(String::from_utf8_lossy(b).to_string()),
            _ => None,
        });
        let value = fields.iter().find_map(|(n, r)| match (n, r) {
            (2, Raw::Bytes(b)) => Some(*b),
            _ => None,
        });
        if let Some(url) = url {
            out.push_str("\"@type\":");
            write_string(out, &url);
            let inner = format!(".{}", url.rsplit('/').next().unwrap_or(""));
            if registry().messages.contains_key(&inner) {
                let mut s = String::new();
                write_message(&mut s, &inner, value.unwrap_or(&[]));
                if s.len() > 2 {
                    out.push(',');
                    out.push_str(&s[1..s.len() - 1]);
                }
            }
        }
        out.push('}');
        return;
    }
    for f in &desc.field {
        let vals: Vec<&Raw> = fields
            .iter()
            .filter(|(n, _)| *n == f.number() as u32)
            .map(|(_, r)| r)
            .collect();
        if vals.is_empty() {
            continue;
        }
        let repeated = f.label() == Label::Repeated;
        let mut body = String::new();
        if repeated {
            let items = expand_packed(f, &vals);
            if items.is_empty() {
                continue;
            }
            body.push('[');
            for (i, r) in items.iter().enumerate() {
                if i > 0 {
                    body.push(',');
                }
                write_value(&mut body, f, r);
            }
            body.push(']');
        } else if f.r#type() == Type::Message {
            // Several occurrences of a message field merge: concatenate their bytes.
            let mut merged = Vec::new();
            for r in &vals {
                if let Raw::Bytes(b) = r {
                    merged.extend_from_slice(b);
                }
            }
            write_message(&mut body, f.type_name(), &merged);
        } else {
            let r = vals[vals.len() - 1];
            if f.oneof_index.is_none() && is_default(f, r) {
                continue;
            }
            write_value(&mut body, f, r);
        }
        if !first {
            out.push(',');
        }
        first = false;
        write_string(out, f.name());
        out.push(':');
        out.push_str(&body);
    }
    out.push('}');
}

/// Repeated scalars may arrive packed (one length-delimited blob) or one per tag.
fn expand_packed<'a>(f: &FieldDescriptorProto, vals: &[&Raw<'a>]) -> Vec<Raw<'a>> {
    let packable = !matches!(f.r#type(), Type::String | Type::Bytes | Type::Message | Type::Group);
    let mut items = Vec::new();
    for r in vals {
        match r {
            Raw::Bytes(b) if packable => {
                let mut pos = 0;
                while pos < b.len() {
                    match f.r#type() {
                        Type::Double | Type::Fixed64 | Type::Sfixed64 => {
                            let Some(s) = b.get(pos..pos + 8) else { break };
                            items.push(Raw::Fixed64(u64::from_le_bytes(s.try_into().unwrap())));
                            pos += 8;
                        }
                        Type::Float | Type::Fixed32 | Type::Sfixed32 => {
                            let Some(s) = b.get(pos..pos + 4) else { break };
                            items.push(Raw::Fixed32(u32::from_le_bytes(s.try_into().unwrap())));
                            pos += 4;
                        }
                        _ => match read_varint(b, &mut pos) {
                            Some(v) => items.push(Raw::Varint(v)),
                            None => break,
                        },
                    }
                }
            }
            other => items.push((*other).clone()),
        }
    }
    items
}

fn is_default(f: &FieldDescriptorProto, r: &Raw) -> bool {
    match r {
        Raw::Varint(v) => *v == 0,
        Raw::Fixed64(v) => *v == 0 || (f.r#type() == Type::Double && f64::from_bits(*v) == 0.0),
        Raw::Fixed32(v) => *v == 0,
        Raw::Bytes(b) => b.is_empty() && f.r#type() != Type::Message,
    }
}

fn write_value(out: &mut String, f: &FieldDescriptorProto, r: &Raw) {
    if f.r#type() == Type::Message {
        if let Raw::Bytes(b) = r {
            write_message(out, f.type_name(), b);
        }
    } else {
        write_scalar(out, f, r);
    }
}

fn write_default(out: &mut String, f: &FieldDescriptorProto) {
    match f.r#type() {
        Type::Bool => out.push_str("false"),
        Type::String | Type::Bytes => out.push_str("\"\""),
        Type::Int64 | Type::Uint64 | Type::Sint64 | Type::Fixed64 | Type::Sfixed64 => out.push_str("\"0\""),
        _ => out.push('0'),
    }
}

fn write_scalar(out: &mut String, f: &FieldDescriptorProto, r: &Raw) {
    let v64 = match r {
        Raw::Varint(v) | Raw::Fixed64(v) => *v,
        Raw::Fixed32(v) => u64::from(*v),
        Raw::Bytes(_) => 0,
    };
    match f.r#type() {
        Type::Double => write_float(out, f64::from_bits(v64), false),
        Type::Float => write_float(out, f64::from(f32::from_bits(v64 as u32)), true),
        Type::Int64 | Type::Sfixed64 => {
            let _ = write!(out, "\"{}\"", v64 as i64);
        }
        Type::Uint64 | Type::Fixed64 => {
            let _ = write!(out, "\"{v64}\"");
        }
        Type::Sint64 => {
            let _ = write!(out, "\"{}\"", ((v64 >> 1) as i64) ^ -((v64 & 1) as i64));
        }
        Type::Int32 | Type::Sfixed32 => {
            let _ = write!(out, "{}", v64 as i64 as i32);
        }
        Type::Sint32 => {
            let v = v64 as u32;
            let _ = write!(out, "{}", ((v >> 1) as i32) ^ -((v & 1) as i32));
        }
        Type::Uint32 | Type::Fixed32 => {
            let _ = write!(out, "{}", v64 as u32);
        }
        Type::Bool => out.push_str(if v64 != 0 { "true" } else { "false" }),
        Type::Enum => {
            let n = v64 as i64 as i32;
            match enum_name(f.type_name(), n) {
                Some(name) => write_string(out, name),
                None => {
                    let _ = write!(out, "{n}");
                }
            }
        }
        Type::String => {
            if let Raw::Bytes(b) = r {
                write_string(out, &String::from_utf8_lossy(b));
            }
        }
        Type::Bytes => {
            if let Raw::Bytes(b) = r {
                write_string(out, &base64(b));
            }
        }
        Type::Message | Type::Group => out.push_str("null"),
    }
}

fn write_float(out: &mut String, v: f64, single: bool) {
    if v.is_nan() {
        out.push_str("\"NaN\"");
    } else if v.is_infinite() {
        out.push_str(if v > 0.0 { "\"Infinity\"" } else { "\"-Infinity\"" });
    } else {
        let abs = v.abs();
        let exp = abs != 0.0 && !(1e-6..1e21).contains(&abs);
        let s = match (exp, single) {
            (false, false) => format!("{v}"),
            (false, true) => format!("{}", v as f32),
            (true, false) => format!("{v:e}"),
            (true, true) => format!("{:e}", v as f32),
        };
        // Go writes exponents as e+21 / e-07 → e-7 (encoding/json style).
        if let Some((m, e)) = s.split_once('e') {
            if e.starts_with('-') {
                let _ = write!(out, "{m}e{e}");
            } else {
                let _ = write!(out, "{m}e+{e}");
            }
        } else {
            out.push_str(&s);
        }
    }
}

/// A JSON string with Go encoding/json escaping (HTML-safe, U+2028/U+2029 escaped).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn base64(b: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for chunk in b.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |a, (i, x)| a | u32::from(*x) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                s.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

fn lower_camel(path: &str) -> String {
    let mut s = String::new();
    let mut up = false;
    for c in path.chars() {
        if c == '_' {
            up = true;
        } else if up {
            s.push(c.to_ascii_uppercase());
            up = false;
        } else {
            s.push(c);
        }
    }
    s
}

/// Fractional seconds as protojson writes them: none, 3, 6 or 9 digits.
fn fraction(nanos: u32) -> String {
    if nanos == 0 {
        String::new()
    } else if nanos.is_multiple_of(1_000_000) {
        format!(".{:03}", nanos / 1_000_000)
    } else if nanos.is_multiple_of(1_000) {
        format!(".{:06}", nanos / 1_000)
    } else {
        format!(".{nanos:09}")
    }
}

/// RFC 3339 in UTC with protojson's fraction rule.
pub fn rfc3339(secs: i64, nanos: i32) -> String {
    let t = crate::gotime::utc(secs);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}Z",
        t.year,
        t.month,
        t.day,
        t.hour,
        t.min,
        t.sec,
        fraction(nanos.max(0) as u32)
    )
}

/// Re-indent a compact JSON document the way Go's json.MarshalIndent(v, "", "  ") lays it out.
pub fn indent(compact: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut in_str = false;
    let mut esc = false;
    let chars: Vec<char> = compact.chars().collect();
    let mut i = 0;
    let nl = |out: &mut String, d: usize| {
        out.push('\n');
        for _ in 0..d {
            out.push_str("  ");
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if in_str {
            out.push(c);
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                out.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                if chars.get(i + 1) == Some(&close) {
                    out.push(c);
                    out.push(close);
                    i += 2;
                    continue;
                }
                out.push(c);
                depth += 1;
                nl(&mut out, depth);
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                nl(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                nl(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
#[allow(deprecated)] // Flow.Summary
mod tests {
    use super::*;
    use crate::hubble::proto::flow;
    use crate::hubble::proto::observer;

    #[test]
    fn flow_json_uses_proto_names_and_declaration_order() {
        let f = flow::Flow {
            time: Some(prost_types::Timestamp {
                seconds: 1_752_991_187,
                nanos: 929_000_000,
            }),
            verdict: flow::Verdict::Dropped as i32,
            ip: Some(flow::Ip {
                source: "10.0.0.1".into(),
                destination: "10.0.0.2".into(),
                ip_version: flow::IpVersion::IPv4 as i32,
                ..Default::default()
            }),
            r#type: flow::FlowType::L3L4 as i32,
            is_reply: Some(false),
            drop_reason_desc: 133,
            socket_cookie: 7,
            summary: "a<b & c".into(),
            uuid: "u".into(),
            ..Default::default()
        };
        let r = observer::GetFlowsResponse {
            response_types: Some(observer::get_flows_response::ResponseTypes::Flow(f)),
            node_name: "n1".into(),
            time: Some(prost_types::Timestamp {
                seconds: 1_752_991_187,
                nanos: 0,
            }),
        };
        assert_eq!(
            to_json(".observer.GetFlowsResponse", &r),
            r#"{"flow":{"time":"2025-07-20T05:59:47.929Z","uuid":"u","verdict":"DROPPED","IP":{"source":"10.0.0.1","destination":"10.0.0.2","ipVersion":"IPv4"},"Type":"L3_L4","drop_reason_desc":"POLICY_DENIED","is_reply":false,"socket_cookie":"7","Summary":"a\u003cb \u0026 c"},"node_name":"n1","time":"2025-07-20T05:59:47Z"}"#
        );
    }

    #[test]
    fn unknown_enum_values_print_as_numbers() {
        let f = flow::Flow {
            verdict: 99,
            ..Default::default()
        };
        assert_eq!(to_json(".flow.Flow", &f), r#"{"verdict":99}"#);
    }

    #[test]
    fn packed_repeated_and_wrappers() {
        let ff = flow::FlowFilter {
            verdict: vec![1, 2],
            source_identity: vec![3012],
            ..Default::default()
        };
        assert_eq!(
            to_json(".flow.FlowFilter", &ff),
            r#"{"verdict":["FORWARDED","DROPPED"],"source_identity":[3012]}"#
        );
        let s = observer::ServerStatusResponse {
            num_flows: 24,
            flows_rate: 0.4,
            num_connected_nodes: Some(0),
            ..Default::default()
        };
        assert_eq!(
            to_json(".observer.ServerStatusResponse", &s),
            r#"{"num_flows":"24","num_connected_nodes":0,"flows_rate":0.4}"#
        );
    }

    #[test]
    fn fractions_and_indent() {
        assert_eq!(rfc3339(0, 1_000), "1970-01-01T00:00:00.000001Z");
        assert_eq!(rfc3339(0, 1), "1970-01-01T00:00:00.000000001Z");
        assert_eq!(
            indent(r#"[{"cluster":"default","namespace":"a"},{}]"#),
            "[\n  {\n    \"cluster\": \"default\",\n    \"namespace\": \"a\"\n  },\n  {}\n]"
        );
        assert_eq!(base64(b"ab"), "YWI=");
    }
}

/// `fieldmaskpb.New`'s check of one path against message `full_name` (".flow.Flow"): every
/// dot-separated name must be a field, and only singular message fields can be descended into.
pub fn valid_mask_path(full_name: &str, path: &str) -> bool {
    let r = registry();
    let mut msg = r.messages.get(full_name);
    for name in path.split('.') {
        let Some(m) = msg else { return false };
        let Some(f) = m.field.iter().find(|f| f.name() == name) else {
            return false;
        };
        msg = if f.r#type() == Type::Message && f.label() != Label::Repeated {
            r.messages.get(f.type_name())
        } else {
            None
        };
    }
    !path.is_empty()
}

/// Keep only the fields of an encoded message that `paths` (field-mask paths) name, as a server
/// applying a FieldMask does; a path naming a sub-message keeps it whole.
pub fn mask_message(full_name: &str, bytes: &[u8], paths: &[&str]) -> Vec<u8> {
    let Some(m) = registry().messages.get(full_name) else {
        return bytes.to_vec();
    };
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let start = pos;
        let Some(key) = read_varint(bytes, &mut pos) else { break };
        let key_end = pos;
        let ok = match key & 7 {
            0 => read_varint(bytes, &mut pos).is_some(),
            1 => {
                pos += 8;
                pos <= bytes.len()
            }
            5 => {
                pos += 4;
                pos <= bytes.len()
            }
            2 => match read_varint(bytes, &mut pos) {
                Some(len) => {
                    pos += len as usize;
                    pos <= bytes.len()
                }
                None => false,
            },
            _ => false,
        };
        if !ok {
            break;
        }
        let num = (key >> 3) as i32;
        let Some(f) = m.field.iter().find(|f| f.number() == num) else {
            continue;
        };
        let name = f.name();
        if paths.contains(&name) {
            out.extend_from_slice(&bytes[start..pos]);
            continue;
        }
        let prefix = format!("{name}.");
        let sub: Vec<&str> = paths.iter().filter_map(|p| p.strip_prefix(&prefix)).collect();
        if sub.is_empty() || f.r#type() != Type::Message {
            continue;
        }
        // A length-delimited sub-message: mask its payload and re-frame it.
        let mut p = key_end;
        let Some(len) = read_varint(bytes, &mut p) else { break };
        let inner = mask_message(f.type_name(), &bytes[p..p + len as usize], &sub);
        out.extend_from_slice(&bytes[start..key_end]);
        prost::encoding::encode_varint(inner.len() as u64, &mut out);
        out.extend_from_slice(&inner);
    }
    out
}

#[cfg(test)]
mod mask_tests {
    use super::*;
    use crate::hubble::proto::flow::{Endpoint, Flow};

    #[test]
    fn mask_paths_are_checked_like_fieldmaskpb() {
        assert!(valid_mask_path(".flow.Flow", "time"));
        assert!(valid_mask_path(".flow.Flow", "source.pod_name"));
        assert!(valid_mask_path(".flow.Flow", "IP"));
        assert!(!valid_mask_path(".flow.Flow", "ip"));
        assert!(!valid_mask_path(".flow.Flow", "source.nope"));
        assert!(!valid_mask_path(".flow.Flow", "node_name.x"));
        assert!(!valid_mask_path(".flow.Flow", ""));
    }

    #[test]
    fn mask_keeps_only_named_fields() {
        let f = Flow {
            node_name: "n1".into(),
            verdict: 1,
            source: Some(Endpoint {
                identity: 7,
                pod_name: "p".into(),
                namespace: "ns".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        let b = mask_message(".flow.Flow", &f.encode_to_vec(), &["verdict", "source.pod_name"]);
        let got = Flow::decode(b.as_slice()).unwrap();
        assert_eq!(got.verdict, 1);
        assert!(got.node_name.is_empty());
        let s = got.source.unwrap();
        assert_eq!((s.pod_name.as_str(), s.identity, s.namespace.as_str()), ("p", 0, ""));
    }
}
