//! The agent's datapath heartbeat (`cilium_runtime_config[1]` AgentLiveness, CLOCK_MONOTONIC ns,
//! maps.md §9.8): one age policy shared by `status`, `status --from-maps` and `kpr check`.

use super::Level;
use crate::maps::{runtime_config, BpfRoot};

/// Older than this (seconds) the heartbeat is stale: the agent may be restarting or stuck.
pub const WARN_AFTER_SECS: u64 = 60;
/// Older than this (seconds) the agent is down or hung.
pub const FAIL_AFTER_SECS: u64 = 600;

/// The level of a heartbeat `age_secs` old.
pub fn assess(age_secs: u64) -> Level {
    if age_secs > FAIL_AFTER_SECS {
        Level::Fail
    } else if age_secs > WARN_AFTER_SECS {
        Level::Warn
    } else {
        Level::Ok
    }
}

/// Whole seconds from the heartbeat `liveness_ns` to `now_ns`; `None` when it lies in the future
/// (another boot's value).
pub fn age_secs(liveness_ns: u64, now_ns: u64) -> Option<u64> {
    now_ns.checked_sub(liveness_ns).map(|d| d / 1_000_000_000)
}

/// The `Agent heartbeat:` line of `status --from-maps` (and of `status` when the agent is down).
pub fn summary(root: &BpfRoot) -> String {
    let live = match runtime_config::agent_liveness(root) {
        Err(e) if e.is_missing() => return "unknown (cilium_runtime_config absent)".into(),
        Err(e) => return format!("unknown ({e})"),
        Ok(None) => return "never (AgentLiveness is 0)".into(),
        Ok(Some(l)) => l,
    };
    let Some(secs) = age_secs(live, crate::clock::monotonic_ns()) else {
        return format!("AgentLiveness {live} ns is in the future (another boot?)");
    };
    let d = crate::gotime::duration_string(secs as i64 * 1_000_000_000);
    if assess(secs) == Level::Ok {
        format!("{d} ago")
    } else {
        format!("{d} ago (stale: the agent is not updating the datapath)")
    }
}

/// For `status` when the agent answers: a one-line warning when the heartbeat is stale, else
/// `None`. Says nothing when the map cannot be read, was never written, or lies in the future.
pub fn stale_warning(root: &BpfRoot) -> Option<String> {
    let live = runtime_config::agent_liveness(root).ok()??;
    stale_text(age_secs(live, crate::clock::monotonic_ns())?)
}

fn stale_text(age: u64) -> Option<String> {
    if assess(age) == Level::Ok {
        return None;
    }
    let d = crate::gotime::duration_string(age as i64 * 1_000_000_000);
    Some(format!(
        "warning: the agent answers, but its datapath heartbeat (cilium_runtime_config AgentLiveness) \
         is {d} old: it is no longer programming the datapath, which keeps its last state \
         (policy, service and endpoint changes are not applied)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(assess(0), Level::Ok);
        assert_eq!(assess(60), Level::Ok);
        assert_eq!(assess(61), Level::Warn);
        assert_eq!(assess(600), Level::Warn);
        assert_eq!(assess(601), Level::Fail);
        let s = 1_000_000_000;
        assert_eq!(age_secs(100 * s, 110 * s + 999_999_999), Some(10));
        assert_eq!(age_secs(110 * s, 100 * s), None);
    }

    #[test]
    fn stale_warning_names_the_age() {
        assert_eq!(stale_text(5), None);
        let w = stale_text(600).unwrap();
        assert!(w.contains("is 10m0s old"), "{w}");
        assert!(w.contains("no longer programming the datapath"), "{w}");
    }
}
