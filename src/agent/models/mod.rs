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

use crate::gotime::{duration_string, parse_rfc3339};

/// cilium-dbg's `timeSince`: `never`, or the elapsed time truncated to seconds + ` ago`.
pub fn time_since(ts: &str, now_ns: i128) -> String {
    match parse_rfc3339(ts) {
        None => "never".into(),
        Some(t) => {
            let d = (now_ns - t) / 1_000_000_000 * 1_000_000_000;
            format!("{} ago", duration_string(d as i64))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_since_truncates_to_seconds() {
        let now = parse_rfc3339("2025-07-20T08:01:02.900Z").unwrap();
        assert_eq!(time_since("2025-07-20T08:00:00Z", now), "1m2s ago");
        assert_eq!(time_since("0001-01-01T00:00:00.000Z", now), "never");
    }
}
