//! "Now" in the datapath's clock (`bpf_mono_now()`, `maps.md` §1.7; Go pkg/maps/timestamp):
//! whole seconds of CLOCK_MONOTONIC (ktime) or `jiffies >> 8` (jiffies), and the conversion of
//! CT `lifetime` / NAT `created` values to seconds. The clocks themselves (and their test hook)
//! are read in `crate::clock`.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

/// The file the agent writes its runtime option struct to (Go `option.Config`).
pub const RUNTIME_CONFIG: &str = "agent-runtime-config.json";

/// The datapath's clock source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Ktime,
    Jiffies { hz: u64 },
}

/// Where the mode came from (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag,
    Agent,
    RuntimeConfig,
    /// Nothing answered; ktime assumed.
    Assumed,
}

/// A resolved clock: mode and the current time in datapath units.
#[derive(Debug, Clone)]
pub struct Clock {
    pub mode: Mode,
    pub origin: Origin,
    /// Current value of `bpf_mono_now()`.
    pub now: u64,
}

impl Clock {
    /// Convert a datapath timestamp (or `now`) to seconds.
    pub fn to_secs(&self, v: u64) -> u64 {
        match self.mode {
            Mode::Ktime => v,
            Mode::Jiffies { hz } => (v << 8) / hz.max(1),
        }
    }

    pub fn now_secs(&self) -> u64 {
        self.to_secs(self.now)
    }

    /// Seconds from now until `t` (negative when past).
    pub fn remaining(&self, t: u64) -> i64 {
        self.to_secs(t) as i64 - self.now_secs() as i64
    }

    /// The HZ used for conversions in jiffies mode.
    pub fn jiffies_hz(&self) -> Option<u64> {
        match self.mode {
            Mode::Jiffies { hz } => Some(hz),
            Mode::Ktime => None,
        }
    }

    /// A clock in `mode`, reading the current time.
    pub fn at_now(mode: Mode, origin: Origin) -> Result<Clock, String> {
        let now = match mode {
            Mode::Ktime => crate::clock::monotonic_secs(),
            Mode::Jiffies { hz } => crate::clock::jiffies(hz)? >> 8,
        };
        Ok(Clock { mode, origin, now })
    }
}

/// Parse a `--time-diff-clocksource-mode` value.
pub fn parse_mode(mode: &str, hz: i64) -> Result<Mode, String> {
    match mode {
        "ktime" => Ok(Mode::Ktime),
        "jiffies" if hz > 0 => Ok(Mode::Jiffies { hz: hz as u64 }),
        "jiffies" => Err("invalid HZ value: --time-diff-clocksource-hz must be positive".into()),
        other => Err(format!(
            "invalid clocksource {other:?}: --time-diff-clocksource-mode takes ktime or jiffies"
        )),
    }
}

#[derive(Deserialize)]
struct Healthz {
    #[serde(rename = "clock-source")]
    clock_source: Option<ClockSource>,
}

#[derive(Deserialize)]
struct ClockSource {
    mode: Option<String>,
    #[serde(default)]
    hertz: i64,
}

/// Ask the agent (`GET /v1/healthz` → `clock-source`, 5 s timeout or `CDBG_API_TIMEOUT`).
pub fn from_agent(host: Option<&str>) -> Result<Mode, String> {
    let client = crate::agent::Client::for_commands_or(host, Duration::from_secs(5)).map_err(|e| e.to_string())?;
    let (status, body) = client.get("/healthz", &[("brief", "false")]).map_err(|e| {
        if e.is_unreachable() {
            format!("agent not reachable at {}", client.target)
        } else {
            e.to_string()
        }
    })?;
    let h: Healthz = client.decode("/healthz", status, &body).map_err(|e| e.to_string())?;
    let cs = h.clock_source.ok_or("the agent's /healthz has no clock-source")?;
    parse_mode(cs.mode.as_deref().unwrap_or("ktime"), cs.hertz)
}

#[derive(Deserialize)]
struct RuntimeConfig {
    /// Go `option.ClockSource`: 0 = ktime, 1 = jiffies.
    #[serde(rename = "ClockSource", default)]
    clock_source: i64,
    #[serde(rename = "KernelHz", default)]
    kernel_hz: i64,
}

/// Read the agent's `agent-runtime-config.json` (fields `ClockSource`, `KernelHz`).
pub fn from_runtime_config(state_dir: &Path) -> Result<Mode, String> {
    let path = state_dir.join(RUNTIME_CONFIG);
    if let Some(s) = crate::replay::active() {
        let m = s
            .runtime_config
            .clone()
            .ok_or_else(|| format!("the snapshot {} holds no {RUNTIME_CONFIG}", s.path.display()))?;
        let c: RuntimeConfig =
            serde_json::from_value(serde_json::Value::Object(m)).map_err(|e| format!("{}: {e}", s.path.display()))?;
        return mode_of(c, &s.path);
    }
    let text = std::fs::read(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("no {}", path.display()),
        _ => format!("{}: {e}", path.display()),
    })?;
    let c: RuntimeConfig = serde_json::from_slice(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    mode_of(c, &path)
}

fn mode_of(c: RuntimeConfig, path: &Path) -> Result<Mode, String> {
    match c.clock_source {
        0 => Ok(Mode::Ktime),
        1 if c.kernel_hz > 0 => Ok(Mode::Jiffies { hz: c.kernel_hz as u64 }),
        n => Err(format!(
            "{}: unsupported ClockSource {n} (KernelHz {})",
            path.display(),
            c.kernel_hz
        )),
    }
}

/// Resolve the clock: a forced mode, else the agent, else the runtime config file, else ktime
/// with a one-line note on stderr. Never fails because the agent is down.
pub fn resolve(forced: Option<Mode>, host: Option<&str>, state_dir: &Path) -> Result<Clock, String> {
    if let Some(m) = forced {
        return Clock::at_now(m, Origin::Flag);
    }
    let agent_err = match from_agent(host) {
        Ok(m) => return Clock::at_now(m, Origin::Agent),
        Err(e) => e,
    };
    let file_err = match from_runtime_config(state_dir) {
        Ok(m) => return Clock::at_now(m, Origin::RuntimeConfig),
        Err(e) => e,
    };
    crate::output::notes::line(format_args!(
        "note: datapath clock source unknown ({}; {}); assuming ktime (CLOCK_MONOTONIC seconds)",
        first_line(&agent_err),
        first_line(&file_err)
    ));
    Clock::at_now(Mode::Ktime, Origin::Assumed)
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// fidelity.md C2: `timestamp 91238523` at 250 Hz; both sides are converted to seconds
    /// (floored) before subtracting, so CT remaining is 58 (not 57) and NAT age 123 (not 120).
    #[test]
    fn schedstat_jiffies_fixture() {
        let j: u64 = 91_238_523;
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

    #[test]
    fn conversions() {
        let c = Clock {
            mode: Mode::Jiffies { hz: 250 },
            origin: Origin::Flag,
            now: 1000,
        };
        assert_eq!(c.now_secs(), 1024);
        assert_eq!(c.remaining(1000 + 250), 256);
        let k = Clock {
            mode: Mode::Ktime,
            origin: Origin::Flag,
            now: 100,
        };
        assert_eq!(k.remaining(40), -60);
        assert_eq!(k.jiffies_hz(), None);
    }

    #[test]
    fn modes() {
        assert_eq!(parse_mode("ktime", 0), Ok(Mode::Ktime));
        assert_eq!(parse_mode("jiffies", 100), Ok(Mode::Jiffies { hz: 100 }));
        assert!(parse_mode("jiffies", 0).is_err());
        assert!(parse_mode("tsc", 250).unwrap_err().contains("ktime or jiffies"));
    }

    #[test]
    fn runtime_config_fields() {
        let d = tempfile::tempdir().unwrap();
        assert!(from_runtime_config(d.path()).is_err());
        std::fs::write(
            d.path().join(RUNTIME_CONFIG),
            r#"{"ClockSource":1,"KernelHz":300,"EnableIPv6":false}"#,
        )
        .unwrap();
        assert_eq!(from_runtime_config(d.path()), Ok(Mode::Jiffies { hz: 300 }));
        std::fs::write(d.path().join(RUNTIME_CONFIG), r#"{"ClockSource":0}"#).unwrap();
        assert_eq!(from_runtime_config(d.path()), Ok(Mode::Ktime));
    }
}
