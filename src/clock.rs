//! The one reader of the kernel's clocks: CLOCK_MONOTONIC (the datapath's ktime), the jiffies
//! counter and the wall clock, with the one test hook that fixes the monotonic ones.
//!
//! Test hook: `CDBG_TEST_MONO_SECS=<n>` fixes CLOCK_MONOTONIC at `n` whole seconds (and jiffies at
//! `n × HZ`) for every reader in cdbg, the lab included, so outputs with ages are stable.

use rustix::time::{clock_gettime, ClockId};

/// Environment variable that fixes CLOCK_MONOTONIC (whole seconds) for tests.
pub const TEST_MONO_ENV: &str = "CDBG_TEST_MONO_SECS";

/// The hook's value in seconds, when set to a number.
fn hooked_secs() -> Option<u64> {
    parse_hook(std::env::var(TEST_MONO_ENV).ok().as_deref())
}

fn parse_hook(v: Option<&str>) -> Option<u64> {
    v?.trim().parse().ok()
}

/// CLOCK_MONOTONIC in nanoseconds (`bpf_ktime_get_ns()`), or the hook's seconds × 1e9.
pub fn monotonic_ns() -> u64 {
    monotonic_ns_with(hooked_secs())
}

fn monotonic_ns_with(hook: Option<u64>) -> u64 {
    if let Some(s) = hook {
        return s.saturating_mul(1_000_000_000);
    }
    let ts = clock_gettime(ClockId::Monotonic);
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// CLOCK_MONOTONIC in whole seconds (`bpf_ktime_get_ns() / 1e9`), or the hook's value.
pub fn monotonic_secs() -> u64 {
    monotonic_ns() / 1_000_000_000
}

/// The kernel's jiffies counter, as Cilium reads it (`probes.Jiffies`): the first
/// `timestamp <n>` line of /proc/schedstat. With the test hook, `secs × hz`.
pub fn jiffies(hz: u64) -> Result<u64, String> {
    jiffies_with(hooked_secs(), hz)
}

fn jiffies_with(hook: Option<u64>, hz: u64) -> Result<u64, String> {
    if let Some(s) = hook {
        return Ok(s.saturating_mul(hz));
    }
    let text = std::fs::read_to_string("/proc/schedstat")
        .map_err(|e| format!("cannot read /proc/schedstat for the jiffies counter: {e}"))?;
    schedstat_timestamp(&text).ok_or_else(|| "no \"timestamp\" line in /proc/schedstat".to_string())
}

/// The value of the first `timestamp <n>` line.
fn schedstat_timestamp(text: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix("timestamp ").and_then(|v| v.trim().parse().ok()))
}

/// The wall clock in Unix nanoseconds (0 if the clock is before 1970).
pub fn unix_now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_clocks_move_forward() {
        let a = monotonic_ns_with(None);
        let b = monotonic_ns_with(None);
        assert!(a > 0 && b >= a, "CLOCK_MONOTONIC moves forward: {a} {b}");
        if let Ok(j) = jiffies_with(None, 250) {
            assert!(j > 0);
        }
        assert!(unix_now_ns() > 1_700_000_000_000_000_000);
    }

    #[test]
    fn hook_fixes_the_monotonic_clocks() {
        let h = parse_hook(Some("20000"));
        assert_eq!(h, Some(20_000));
        assert_eq!(monotonic_ns_with(h), 20_000_000_000_000);
        assert_eq!(jiffies_with(h, 250), Ok(5_000_000));
        assert_eq!(parse_hook(Some("not a number")), None);
        assert_eq!(parse_hook(None), None);
    }

    /// fidelity.md C2: `timestamp 91238523` at 250 Hz; both sides are converted to seconds
    /// (floored) before subtracting, so CT remaining is 58 (not 57) and NAT age 123 (not 120).
    #[test]
    fn schedstat_jiffies_fixture() {
        use crate::maps::clock::{Clock, Mode, Origin};
        let text = "version 15\ntimestamp 91238523\ncpu0 0 0 0 0 0 0 1 2 3\ntimestamp 1\n";
        let j = schedstat_timestamp(text).unwrap();
        assert_eq!(j, 91_238_523);
        assert_eq!(schedstat_timestamp("version 15\ncpu0 1 2\n"), None);
        let c = Clock {
            mode: Mode::Jiffies { hz: 250 },
            origin: Origin::Flag,
            now: j >> 8,
        };
        assert_eq!(c.now, 356_400);
        assert_eq!(c.now_secs(), 364_953);
        assert_eq!(c.remaining(356_457), 58);
        assert_eq!(c.now_secs() as i64 - c.to_secs(356_280) as i64, 123);
    }
}
