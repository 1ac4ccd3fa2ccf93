//! Serde models of the agent API (api/v1/openapi.yaml JSON names): only the fields cdbg prints,
//! all optional, unknown fields ignored, so 1.16–1.18 agents all decode. Plus the helpers that
//! reproduce Go's formatting of what the API returns (durations, times).

pub mod endpoint;
pub mod misc;
pub mod service;
pub mod status;

pub use endpoint::Endpoint;
pub use misc::*;
pub use service::Service;
pub use status::StatusResponse;

/// Go's `time.Duration.String()` for a whole number of nanoseconds.
pub fn go_duration(ns: i64) -> String {
    if ns == 0 {
        return "0s".into();
    }
    let neg = ns < 0;
    let u = ns.unsigned_abs();
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if u < 1_000_000_000 {
        let (unit, div, prec) = if u < 1_000 {
            s.push_str(&format!("{u}ns"));
            return s;
        } else if u < 1_000_000 {
            ("µs", 1_000u64, 3)
        } else {
            ("ms", 1_000_000u64, 6)
        };
        s.push_str(&(u / div).to_string());
        push_frac(&mut s, u % div, prec);
        s.push_str(unit);
        return s;
    }
    let mut rest = u;
    if rest >= 3_600_000_000_000 {
        s.push_str(&format!("{}h", rest / 3_600_000_000_000));
        rest %= 3_600_000_000_000;
        s.push_str(&format!("{}m", rest / 60_000_000_000));
        rest %= 60_000_000_000;
    } else if rest >= 60_000_000_000 {
        s.push_str(&format!("{}m", rest / 60_000_000_000));
        rest %= 60_000_000_000;
    }
    s.push_str(&(rest / 1_000_000_000).to_string());
    push_frac(&mut s, rest % 1_000_000_000, 9);
    s.push('s');
    s
}

fn push_frac(s: &mut String, frac: u64, prec: usize) {
    if frac == 0 {
        return;
    }
    let digits = format!("{frac:0prec$}");
    s.push('.');
    s.push_str(digits.trim_end_matches('0'));
}

/// Parse a Go duration string (`1h2m3.5s`, `250ms`, `0s`) into nanoseconds.
pub fn parse_go_duration(s: &str) -> Option<i64> {
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let num: f64 = rest[..n].parse().ok()?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let mult = match &rest[..u] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        rest = &rest[u..];
        total += num * mult;
    }
    let v = total.round() as i64;
    Some(if neg { -v } else { v })
}

/// Parse an RFC 3339 date-time (`2025-07-20T08:00:00.123Z`, `...+02:00`) into Unix nanoseconds.
/// Go's zero time (`0001-01-01T00:00:00Z`) and empty strings give `None` ("never").
pub fn parse_rfc3339(s: &str) -> Option<i128> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if y <= 1 && mo == 1 && d == 1 {
        return None;
    }
    let mut i = 19;
    let mut frac_ns = 0i128;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &s[start..i];
        let mut padded = digits.chars().take(9).collect::<String>();
        while padded.len() < 9 {
            padded.push('0');
        }
        frac_ns = padded.parse().ok()?;
    }
    let offset_s = match b.get(i)? {
        b'Z' | b'z' => 0,
        b'+' | b'-' => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            let o = oh * 3600 + om * 60;
            if b[i] == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo, d);
    let secs = days * 86400 + h * 3600 + mi * 60 + sec - offset_s;
    Some(secs as i128 * 1_000_000_000 + frac_ns)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Format Unix nanoseconds as RFC 3339 in UTC with milliseconds (`strfmt.DateTime`'s JSON form).
pub fn format_rfc3339_ms(unix_ns: i128) -> String {
    let secs = unix_ns.div_euclid(1_000_000_000) as i64;
    let ms = (unix_ns.rem_euclid(1_000_000_000) / 1_000_000) as i64;
    let days = secs.div_euclid(86400);
    let sod = secs.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Current wall-clock time in Unix nanoseconds.
pub fn now_unix_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
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
    fn go_durations() {
        assert_eq!(go_duration(0), "0s");
        assert_eq!(go_duration(12_000_000_000), "12s");
        assert_eq!(go_duration(3_723_000_000_000), "1h2m3s");
        assert_eq!(go_duration(127_250_000_000), "2m7.25s");
        assert_eq!(go_duration(1_500_000), "1.5ms");
        assert_eq!(go_duration(350_000), "350µs");
        assert_eq!(parse_go_duration("2m7.25s"), Some(127_250_000_000));
        assert_eq!(parse_go_duration("1h"), Some(3_600_000_000_000));
        assert_eq!(parse_go_duration("x"), None);
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:01Z"), Some(1_000_000_000));
        assert_eq!(parse_rfc3339("1970-01-01T02:00:01.5+02:00"), Some(1_500_000_000));
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00.000Z"), None);
        assert_eq!(format_rfc3339_ms(1_752_998_400_123_000_000), "2025-07-20T08:00:00.123Z");
        assert_eq!(
            parse_rfc3339("2025-07-20T08:00:00.123Z"),
            Some(1_752_998_400_123_000_000)
        );
        let now = parse_rfc3339("2025-07-20T08:01:02.900Z").unwrap();
        assert_eq!(time_since("2025-07-20T08:00:00Z", now), "1m2s ago");
        assert_eq!(time_since("0001-01-01T00:00:00.000Z", now), "never");
    }
}
