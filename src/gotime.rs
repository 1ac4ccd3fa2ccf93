//! Time as Go prints and parses it: `time.Duration` String/ParseDuration, RFC 3339, UTC calendar
//! fields and local time. Calendar and time-zone work is jiff's; the Go text forms are ours.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

const NS_PER_SEC: u64 = 1_000_000_000;

/// Go's `time.Duration.String()` (`1h2m3.5s`, `1.5ms`, `0s`, `-1.5s`).
// Our own code: jiff's friendly format differs from Go's (`1m` vs `1m0s`, unit spelling).
pub fn duration_string(ns: i64) -> String {
    let mut u = ns.unsigned_abs();
    let mut s = String::new();
    if ns < 0 {
        s.push('-');
    }
    if u == 0 {
        return "0s".into();
    }
    if u < NS_PER_SEC {
        let (unit, prec) = match u {
            0..1_000 => ("ns", 0),
            1_000..1_000_000 => ("µs", 3),
            _ => ("ms", 6),
        };
        let frac = frac_digits(&mut u, prec);
        s.push_str(&format!("{u}{frac}{unit}"));
        return s;
    }
    let frac = frac_digits(&mut u, 9);
    let (secs, mins) = (u % 60, u / 60);
    if mins > 0 {
        let (m, h) = (mins % 60, mins / 60);
        if h > 0 {
            s.push_str(&format!("{h}h"));
        }
        s.push_str(&format!("{m}m"));
    }
    s.push_str(&format!("{secs}{frac}s"));
    s
}

/// Go's `fmtFrac`: split off `prec` decimal digits of `v`, returned as `.ddd` without trailing
/// zeros (empty when they are all zero); `v` keeps the integer part.
fn frac_digits(v: &mut u64, prec: u32) -> String {
    let div = 10u64.pow(prec);
    let frac = *v % div;
    *v /= div;
    if frac == 0 {
        return String::new();
    }
    let digits = format!("{frac:0width$}", width = prec as usize);
    format!(".{}", digits.trim_end_matches('0'))
}

/// A timeout flag or variable: a Go duration greater than zero, as a `std` duration. The error
/// names the value and shows what is accepted.
pub fn positive_duration(s: &str) -> Result<std::time::Duration, String> {
    match parse_duration(s.trim()) {
        Ok(ns) if ns > 0 => Ok(std::time::Duration::from_nanos(ns as u64)),
        Ok(_) => Err(format!(
            "invalid duration {s:?}: it must be greater than zero (e.g. 30s, 500ms, 1m)"
        )),
        Err(e) => Err(format!("{e} (use e.g. 30s, 500ms, 1m)")),
    }
}

/// Go's `time.ParseDuration`: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or `0`, into nanoseconds.
/// Errors are Go's (`time: invalid duration "x"`).
// Our own code: a port of Go's integer algorithm (jiff's parser takes other spellings).
pub fn parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {orig:?}");
    let mut s = orig;
    let mut neg = false;
    if let Some(r) = s.strip_prefix('-') {
        neg = true;
        s = r;
    } else if let Some(r) = s.strip_prefix('+') {
        s = r;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u64 = 1 << 63;
    let mut d: u64 = 0;
    while !s.is_empty() {
        if !s.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        // [0-9]*
        let n = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let mut v: u64 = 0;
        for c in s[..n].bytes() {
            if v > LIMIT / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(c - b'0');
            if v > LIMIT {
                return Err(invalid());
            }
        }
        let pre = n > 0;
        s = &s[n..];
        // (\.[0-9]*)?
        let (mut f, mut scale, mut post) = (0u64, 1f64, false);
        if let Some(r) = s.strip_prefix('.') {
            let n = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            let mut overflow = false;
            for c in r[..n].bytes() {
                if overflow || f > (LIMIT - 1) / 10 {
                    overflow = true;
                    continue;
                }
                f = f * 10 + u64::from(c - b'0');
                scale *= 10.0;
            }
            post = n > 0;
            s = &r[n..];
        }
        if !pre && !post {
            return Err(invalid());
        }
        // unit
        let n = s.find(|c: char| c == '.' || c.is_ascii_digit()).unwrap_or(s.len());
        if n == 0 {
            return Err(format!("time: missing unit in duration {orig:?}"));
        }
        let u = &s[..n];
        s = &s[n..];
        let unit: u64 = match u {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => NS_PER_SEC,
            "m" => 60 * NS_PER_SEC,
            "h" => 3_600 * NS_PER_SEC,
            _ => return Err(format!("time: unknown unit {u:?} in duration {orig:?}")),
        };
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > LIMIT {
                return Err(invalid());
            }
        }
        d += v;
        if d > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((d as i64).wrapping_neg());
    }
    i64::try_from(d).map_err(|_| invalid())
}

/// Parse an RFC 3339 date-time (`2025-07-20T08:00:00.123Z`, `…+02:00`) into Unix nanoseconds.
/// Go's zero time (`0001-01-01T00:00:00Z`, "never" in the agent's models) and anything
/// unparsable give `None`.
pub fn parse_rfc3339(s: &str) -> Option<i128> {
    let t: Timestamp = s.parse().ok()?;
    (t.as_second() > GO_ZERO_UNIX).then(|| t.as_nanosecond())
}

/// Unix seconds of Go's zero `time.Time` (0001-01-01T00:00:00Z).
const GO_ZERO_UNIX: i64 = -62_135_596_800;

/// Unix nanoseconds as RFC 3339 in UTC with milliseconds (`strfmt.DateTime`'s JSON form).
pub fn format_rfc3339_ms(unix_ns: i128) -> String {
    let secs = unix_ns.div_euclid(NS_PER_SEC as i128) as i64;
    let ms = unix_ns.rem_euclid(NS_PER_SEC as i128) / 1_000_000;
    format!("{}.{ms:03}Z", utc(secs).date_time())
}

/// Calendar fields of an instant in some zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Civil {
    pub year: i16,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub min: u32,
    pub sec: u32,
    /// 0 = Sunday.
    pub weekday: u32,
    /// Seconds east of UTC.
    pub offset: i32,
    /// Zone abbreviation (`UTC`, `CEST`).
    pub zone: String,
}

impl Civil {
    /// `2006-01-02T15:04:05`.
    pub fn date_time(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.min, self.sec
        )
    }

    /// `-0700`, or `-07:00` with `colon`.
    pub fn offset_string(&self, colon: bool) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let a = self.offset.unsigned_abs();
        let sep = if colon { ":" } else { "" };
        format!("{sign}{:02}{sep}{:02}", a / 3600, a % 3600 / 60)
    }
}

/// Calendar fields of a Unix second in `tz`; seconds beyond jiff's instants (years ±9999) clamp.
fn civil_in(secs: i64, tz: &TimeZone) -> Civil {
    let t = Timestamp::from_second(secs).unwrap_or(if secs < 0 { Timestamp::MIN } else { Timestamp::MAX });
    let info = tz.to_offset_info(t);
    fields(
        info.offset().to_datetime(t),
        info.offset().seconds(),
        info.abbreviation(),
    )
}

fn fields(dt: DateTime, offset: i32, zone: &str) -> Civil {
    Civil {
        year: dt.year(),
        month: dt.month() as u32,
        day: dt.day() as u32,
        hour: dt.hour() as u32,
        min: dt.minute() as u32,
        sec: dt.second() as u32,
        weekday: dt.weekday().to_sunday_zero_offset() as u32,
        offset,
        zone: zone.to_string(),
    }
}

/// UTC calendar fields of a Unix second (as `timestamppb.AsTime()` gives them), through
/// 9999-12-31T23:59:59 (civil arithmetic: jiff's instants stop a day earlier).
pub fn utc(secs: i64) -> Civil {
    let epoch = jiff::civil::date(1970, 1, 1).at(0, 0, 0, 0);
    let dt = epoch
        .checked_add(jiff::SignedDuration::from_secs(secs))
        .unwrap_or(if secs < 0 { DateTime::MIN } else { DateTime::MAX });
    fields(dt, 0, "UTC")
}

/// Local calendar fields of a Unix second: the zone of `TZ`, else the system's (`/etc/localtime`);
/// UTC when neither can be loaded, as Go does.
pub fn local(secs: i64) -> Civil {
    civil_in(secs, &TimeZone::try_system().unwrap_or(TimeZone::UTC))
}

/// `.123456789` without trailing zeros; empty for a whole second (Go's `.999999999` layouts).
fn nanos_trimmed(nanos: u32) -> String {
    let mut n = u64::from(nanos);
    frac_digits(&mut n, 9)
}

/// Go `time.Time.String()` in local time: `2006-01-02 15:04:05.999999999 -0700 MST`.
pub fn time_string(secs: i64, nanos: u32) -> String {
    let t = local(secs);
    format!(
        "{} {:02}:{:02}:{:02}{} {} {}",
        &t.date_time()[..10],
        t.hour,
        t.min,
        t.sec,
        nanos_trimmed(nanos),
        t.offset_string(false),
        t.zone
    )
}

/// Go `time.Time` JSON in local time: RFC 3339 with up to nine fraction digits, `Z` for UTC.
pub fn time_json(secs: i64, nanos: u32) -> String {
    let t = local(secs);
    let z = if t.offset == 0 {
        "Z".to_string()
    } else {
        t.offset_string(true)
    };
    format!("{}{}{z}", t.date_time(), nanos_trimmed(nanos))
}

/// `--since`/`--until`-style times: RFC 3339 with a zone, or a civil date-time or date taken as UTC
/// (`2025-07-20T06:00:01.5`, `2025-07-20`). Returns Unix (seconds, nanoseconds).
pub fn parse_time_utc(s: &str) -> Option<(i64, u32)> {
    let t = match s.parse::<Timestamp>() {
        Ok(t) => t,
        Err(_) => jiff::tz::Offset::UTC.to_timestamp(s.parse::<DateTime>().ok()?).ok()?,
    };
    Some((t.as_second(), t.subsec_nanosecond() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_positive_go_durations() {
        assert_eq!(positive_duration("500ms"), Ok(std::time::Duration::from_millis(500)));
        assert_eq!(positive_duration(" 1m "), Ok(std::time::Duration::from_secs(60)));
        assert!(positive_duration("0s").unwrap_err().contains("greater than zero"));
        assert!(positive_duration("5").unwrap_err().contains("missing unit"));
        assert!(positive_duration("-1s").is_err());
    }

    const S: i64 = 1_000_000_000;

    #[test]
    fn duration_strings_match_go() {
        assert_eq!(duration_string(0), "0s");
        assert_eq!(duration_string(3_723 * S + S / 2), "1h2m3.5s");
        assert_eq!(duration_string(500_000_000), "500ms");
        assert_eq!(duration_string(-3 * S / 2), "-1.5s");
        assert_eq!(duration_string(60 * S), "1m0s");
        assert_eq!(duration_string(3_600 * S), "1h0m0s");
        assert_eq!(duration_string(12 * S), "12s");
        assert_eq!(duration_string(127_250_000_000), "2m7.25s");
        assert_eq!(duration_string(1_500_000), "1.5ms");
        assert_eq!(duration_string(350_000), "350µs");
        assert_eq!(duration_string(999), "999ns");
        assert_eq!(duration_string(-1), "-1ns");
        assert_eq!(duration_string(271_234_567_890_123), "75h20m34.567890123s");
        assert_eq!(duration_string(i64::MIN), "-2562047h47m16.854775808s");
        assert_eq!(duration_string(i64::MAX), "2562047h47m16.854775807s");
    }

    #[test]
    fn durations_parse_like_go() {
        assert_eq!(parse_duration("1h30m"), Ok(5_400 * S));
        assert_eq!(parse_duration("300ms"), Ok(300_000_000));
        assert_eq!(parse_duration("1h2m3.5s"), Ok(3_723 * S + S / 2));
        assert_eq!(parse_duration("-1.5s"), Ok(-3 * S / 2));
        assert_eq!(parse_duration("+5s"), Ok(5 * S));
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("-0"), Ok(0));
        assert_eq!(parse_duration(".5s"), Ok(S / 2));
        assert_eq!(parse_duration("5.s"), Ok(5 * S));
        assert_eq!(parse_duration("1µs"), Ok(1_000));
        assert_eq!(parse_duration("1\u{3bc}s2us3ns"), Ok(3_003));
        assert_eq!(parse_duration("2562047h47m16.854775807s"), Ok(i64::MAX));
        assert_eq!(parse_duration("-2562047h47m16.854775808s"), Ok(i64::MIN));
        assert_eq!(parse_duration(""), Err("time: invalid duration \"\"".into()));
        assert_eq!(parse_duration("x"), Err("time: invalid duration \"x\"".into()));
        assert_eq!(parse_duration("."), Err("time: invalid duration \".\"".into()));
        assert_eq!(parse_duration("-"), Err("time: invalid duration \"-\"".into()));
        assert_eq!(parse_duration("5"), Err("time: missing unit in duration \"5\"".into()));
        assert_eq!(
            parse_duration("5d"),
            Err("time: unknown unit \"d\" in duration \"5d\"".into())
        );
        assert!(parse_duration("2562048h").is_err());
        assert!(parse_duration("9223372036854775808ns").is_err());
        for s in ["1h2m3.5s", "500ms", "0s", "-1.5s", "75h20m34.567890123s", "350µs"] {
            assert_eq!(duration_string(parse_duration(s).unwrap()), s);
        }
    }

    #[test]
    fn rfc3339_both_ways() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:01Z"), Some(S as i128));
        assert_eq!(parse_rfc3339("1970-01-01T02:00:01.5+02:00"), Some(1_500_000_000));
        assert_eq!(parse_rfc3339("0001-01-01T00:00:00.000Z"), None);
        assert_eq!(parse_rfc3339(""), None);
        // Lenient spellings (lowercase t/z, a space before the time) are accepted.
        assert_eq!(parse_rfc3339("1970-01-01t00:00:01z"), Some(S as i128));
        assert_eq!(parse_rfc3339("1970-01-01 00:00:01-00:30"), Some(1_801 * S as i128));
        assert_eq!(parse_rfc3339("2025-07-20"), None);
        assert_eq!(
            parse_rfc3339("2025-07-20T08:00:00.123Z"),
            Some(1_752_998_400_123_000_000)
        );
        assert_eq!(format_rfc3339_ms(1_752_998_400_123_000_000), "2025-07-20T08:00:00.123Z");
        assert_eq!(format_rfc3339_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_rfc3339_ms(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn civil_fields() {
        let t = utc(1_752_991_187);
        assert_eq!(t.date_time(), "2025-07-20T05:59:47");
        assert_eq!((t.weekday, t.offset, t.zone.as_str()), (0, 0, "UTC"));
        assert_eq!(utc(-62_135_596_800).date_time(), "0001-01-01T00:00:00");
        assert_eq!(utc(253_402_300_799).date_time(), "9999-12-31T23:59:59");
        assert_eq!(utc(951_782_400).date_time(), "2000-02-29T00:00:00");
    }

    #[test]
    fn local_time_follows_tz() {
        // Every test that reads local time sets the same TZ, so parallel tests agree.
        std::env::set_var("TZ", "UTC");
        assert_eq!(time_string(1_750_000_000, 0), "2025-06-15 15:06:40 +0000 UTC");
        assert_eq!(
            time_string(1_750_000_000, 512),
            "2025-06-15 15:06:40.000000512 +0000 UTC"
        );
        assert_eq!(time_json(1_750_000_000, 0), "2025-06-15T15:06:40Z");
        assert_eq!(time_json(1_750_000_000, 500_000_000), "2025-06-15T15:06:40.5Z");
        let t = civil_in(
            1_750_000_000,
            &TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::fixed(jiff::tz::offset(2))),
        );
        assert_eq!(t.offset_string(true), "+02:00");
        assert_eq!(t.hour, 17);
    }

    #[test]
    fn since_until_times() {
        assert_eq!(
            parse_time_utc("2025-07-20T06:00:01.5Z"),
            Some((1_752_991_201, 500_000_000))
        );
        assert_eq!(parse_time_utc("2025-07-20T08:00:00+02:00"), Some((1_752_991_200, 0)));
        assert_eq!(parse_time_utc("2025-07-20T06:00:00"), Some((1_752_991_200, 0)));
        assert_eq!(parse_time_utc("2025-07-20"), Some((1_752_969_600, 0)));
        assert_eq!(parse_time_utc("yesterday"), None);
        assert_eq!(parse_time_utc("5m"), None);
    }
}
