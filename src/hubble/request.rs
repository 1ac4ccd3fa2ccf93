//! `hubble observe`'s request building (cilium/cilium hubble/cmd/observe/flows.go): the flags as
//! given become a GetFlowsRequest (filters, field mask, number, first/follow, since/until) and the
//! printer's options, with the Hubble CLI's checks in its order.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Result};

use super::filter::{self, Builder};
use super::printer::{self, Options, Output, TimeFormat};
use super::proto::observer::GetFlowsRequest;
use super::protojson;

/// Flows printed when no selector is given (`FlowPrintCount`).
const DEFAULT_COUNT: u64 = 20;

/// The flow flags of `observe` as the user gave them (no I/O, no checks yet).
#[derive(Debug, Clone, Default)]
pub struct FlowFlags<'a> {
    pub last: u64,
    pub first: u64,
    pub all: bool,
    pub follow: bool,
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    /// (filter flag name without dashes, value) in command-line order (`--not` applies to the next).
    pub filters: &'a [(String, String)],
    pub output: &'a str,
    pub print_node_name: bool,
    pub numeric: bool,
    pub ip_translation: bool,
    pub time_format: &'a str,
    pub print_policy_names: bool,
    pub field_mask: &'a [String],
    pub use_default_field_masks: bool,
}

/// Go `time.ParseDuration` for non-negative values (negative ones are refused here).
pub fn parse_go_duration(s: &str) -> Option<Duration> {
    let ns = crate::gotime::parse_duration(s).ok()?;
    u64::try_from(ns).ok().map(Duration::from_nanos)
}

/// `--since`/`--until`: a duration ago, or an RFC 3339 time (also without zone = UTC, or a date).
pub fn parse_time(s: &str, now: SystemTime) -> Option<prost_types::Timestamp> {
    if let Some(d) = parse_go_duration(s) {
        let t = now.checked_sub(d)?.duration_since(UNIX_EPOCH).ok()?;
        return Some(prost_types::Timestamp {
            seconds: t.as_secs() as i64,
            nanos: t.subsec_nanos() as i32,
        });
    }
    let (seconds, nanos) = crate::gotime::parse_time_utc(s)?;
    Some(prost_types::Timestamp {
        seconds,
        nanos: nanos as i32,
    })
}

/// `--since`/`--until` parsed, or the Hubble CLI's error naming which one failed.
fn time_flag(which: &str, s: &str, now: SystemTime) -> Result<prost_types::Timestamp> {
    parse_time(s, now).ok_or_else(|| {
        anyhow!("failed to parse the {which} time: {s:?} is neither a duration (e.g. 5m) nor an RFC 3339 time")
    })
}

/// The field mask paths: the user's (checked), or the printer's defaults for non-JSON output.
fn mask_paths(a: &FlowFlags<'_>, json: bool) -> Result<Vec<String>> {
    if !a.field_mask.is_empty() {
        // fieldmaskpb.New's message (its "proto: " prefix varies per Go binary; a plain space here).
        if let Some(bad) = a
            .field_mask
            .iter()
            .find(|p| !protojson::valid_mask_path(".flow.Flow", p))
        {
            bail!("failed to construct field mask: proto: invalid path {bad:?} for message \"flow.Flow\"");
        }
        return Ok(a.field_mask.to_vec());
    }
    if json || !a.use_default_field_masks {
        return Ok(Vec::new());
    }
    let extra = if a.print_policy_names {
        printer::POLICY_FIELDS
    } else {
        &[]
    };
    Ok(printer::DEFAULT_FIELD_MASK
        .iter()
        .chain(printer::PRINTER_FIELDS)
        .chain(extra)
        .map(|p| (*p).to_string())
        .collect())
}

/// Build the GetFlowsRequest and printer options, with the Hubble CLI's checks in its order.
pub fn build(a: &FlowFlags<'_>, now: SystemTime) -> Result<(GetFlowsRequest, Options)> {
    let mut b = Builder::default();
    for (n, v) in a.filters {
        b.set(n, v).map_err(|e| anyhow!(e))?;
    }
    let filters = b.finish().map_err(|e| anyhow!(e))?;
    filter::check_values(&filters).map_err(|e| anyhow!(e))?;
    let output = Output::parse(a.output).map_err(|e| anyhow!(e))?;
    if output == Output::Table && a.follow {
        bail!("table output format is not compatible with follow mode");
    }
    let json = output == Output::JsonPb;
    if !json && !a.field_mask.is_empty() {
        bail!("{} output format is not compatible with custom field mask", a.output);
    }
    let time_format = TimeFormat::parse(a.time_format).map_err(|e| anyhow!(e))?;
    let (first, last) = (a.first > 0, a.last > 0);
    if first && last {
        bail!("cannot set both --first and --last");
    }
    if first && a.all {
        bail!("cannot set both --first and --all");
    }
    if first && a.follow {
        bail!("cannot set both --first and --follow");
    }
    if last && a.all {
        bail!("cannot set both --last and --all");
    }
    let since = a.since.map(|s| time_flag("since", s, now)).transpose()?;
    let until = match a.until {
        Some(s) if !a.follow => Some(time_flag("until", s, now)?),
        _ => None,
    };
    let mut number = a.last;
    if since.is_none() && until.is_none() && !first {
        if a.all {
            number = u64::MAX;
        } else if a.last == 0 && !a.follow {
            number = DEFAULT_COUNT;
        }
    }
    if first {
        number = a.first;
    }
    let paths = mask_paths(a, json)?;
    let req = GetFlowsRequest {
        number,
        field_mask: (!paths.is_empty()).then_some(prost_types::FieldMask { paths }),
        first,
        follow: a.follow,
        blacklist: filters.blacklist,
        whitelist: filters.whitelist,
        since,
        until,
        ..Default::default()
    };
    let opts = Options {
        output,
        time_format,
        node_name: a.print_node_name,
        ip_translation: a.ip_translation && !a.numeric,
        debug: false,
        policy_names: a.print_policy_names,
    };
    Ok((req, opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags() -> FlowFlags<'static> {
        FlowFlags {
            output: "compact",
            time_format: "StampMilli",
            ip_translation: true,
            use_default_field_masks: true,
            ..Default::default()
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_go_duration("5s"), Some(Duration::from_secs(5)));
        assert_eq!(parse_go_duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_go_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_go_duration("5"), None);
        assert_eq!(parse_go_duration("x"), None);
    }

    #[test]
    fn times() {
        let now = UNIX_EPOCH + Duration::from_secs(1_752_991_200);
        assert_eq!(parse_time("5m", now).unwrap().seconds, 1_752_990_900);
        let t = parse_time("2025-07-20T06:00:01.5Z", now).unwrap();
        assert_eq!((t.seconds, t.nanos), (1_752_991_201, 500_000_000));
        assert_eq!(
            parse_time("2025-07-20T08:00:00+02:00", now).unwrap().seconds,
            1_752_991_200
        );
        assert_eq!(parse_time("2025-07-20", now).unwrap().seconds, 1_752_969_600);
        assert!(parse_time("yesterday", now).is_none());
    }

    #[test]
    fn numbers_and_masks_follow_the_hubble_cli() {
        let now = UNIX_EPOCH + Duration::from_secs(1_752_991_200);
        let (req, _) = build(&flags(), now).unwrap();
        assert_eq!(req.number, DEFAULT_COUNT);
        assert!(req.field_mask.unwrap().paths.contains(&"verdict".to_string()));
        let all = FlowFlags { all: true, ..flags() };
        assert_eq!(build(&all, now).unwrap().0.number, u64::MAX);
        let first = FlowFlags { first: 3, ..flags() };
        let (req, _) = build(&first, now).unwrap();
        assert_eq!((req.number, req.first), (3, true));
        let json = FlowFlags {
            output: "json",
            ..flags()
        };
        assert!(build(&json, now).unwrap().0.field_mask.is_none());
        let both = FlowFlags {
            first: 1,
            last: 1,
            ..flags()
        };
        assert_eq!(
            build(&both, now).unwrap_err().to_string(),
            "cannot set both --first and --last"
        );
        let since = FlowFlags {
            since: Some("5m"),
            ..flags()
        };
        let (req, _) = build(&since, now).unwrap();
        assert_eq!((req.number, req.since.unwrap().seconds), (0, 1_752_990_900));
    }
}
