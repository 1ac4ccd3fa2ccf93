//! The one reader of the kernel's clocks: CLOCK_MONOTONIC (the datapath's ktime), the jiffies
//! counter and the wall clock, with the one test hook that fixes the monotonic ones.
//!
//! Test hook: `CDBG_TEST_MONO_SECS=<n>` fixes CLOCK_MONOTONIC at `n` whole seconds (and jiffies at
//! `n × HZ`) for every reader in cdbg, the lab included, so outputs with ages are stable.

use std::sync::OnceLock;

use rustix::time::{clock_gettime, ClockId};
use serde::{Deserialize, Serialize};

/// The clocks of a saved node (`--from FILE`), read in place of this machine's.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Clocks {
    /// CLOCK_MONOTONIC in nanoseconds.
    pub monotonic_ns: u64,
    /// The jiffies counter, when it could be read.
    pub jiffies: Option<u64>,
    /// The kernel's HZ, when known (the agent's `KernelHz`).
    pub hz: Option<u64>,
    /// The wall clock in Unix nanoseconds.
    pub wall_unix_ns: i128,
}

static SAVED: OnceLock<Clocks> = OnceLock::new();

/// Read `c` instead of the machine's clocks for the rest of the process (`--from FILE`).
pub fn install_saved(c: Clocks) {
    let _ = SAVED.set(c);
}

fn saved() -> Option<&'static Clocks> {
    SAVED.get()
}

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
    if let Some(c) = saved() {
        return c.monotonic_ns;
    }
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
    if let Some(c) = saved() {
        return c
            .jiffies
            .ok_or_else(|| "the snapshot holds no jiffies counter (it could not be read when saved)".to_string());
    }
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
    if let Some(c) = saved() {
        return c.wall_unix_ns;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as i128)
        .unwrap_or(0)
}

/// The wall clock as a `SystemTime` (the saved one when replaying a snapshot).
pub fn system_now() -> std::time::SystemTime {
    let ns = unix_now_ns().max(0) as u128;
    std::time::UNIX_EPOCH + std::time::Duration::new((ns / 1_000_000_000) as u64, (ns % 1_000_000_000) as u32)
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

    /// fidelity.md C2's /proc/schedstat: the first `timestamp` line is the jiffies counter
    /// (its conversion is tested in `maps::clock`).
    #[test]
    fn schedstat_jiffies_fixture() {
        let text = "version 15\ntimestamp 91238523\ncpu0 0 0 0 0 0 0 1 2 3\ntimestamp 1\n";
        assert_eq!(schedstat_timestamp(text), Some(91_238_523));
        assert_eq!(schedstat_timestamp("version 15\ncpu0 1 2\n"), None);
    }
}
