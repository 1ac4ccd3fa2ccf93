//! Node checks beyond cilium-dbg: kernel requirements (`preflight kernel`), map pressure
//! (`bpf pressure`), and kube-proxy replacement (`kpr check`).

pub mod heartbeat;
pub mod hooks;
pub mod kernel;
pub mod kpr;
pub mod lbcheck;
pub mod pressure;

use serde::Serialize;

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "OK",
            Level::Warn => "WARN",
            Level::Fail => "FAIL",
        }
    }

    /// Exit status for a run whose worst result is `self`: 0 OK, 1 warnings, 2 failures.
    pub fn exit_code(self) -> u8 {
        self as u8
    }
}

/// One check and what it saw.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub check: String,
    pub level: Level,
    pub summary: String,
    pub evidence: Vec<String>,
}

impl Check {
    pub fn new(check: &str, level: Level, summary: impl Into<String>, evidence: Vec<String>) -> Check {
        Check {
            check: check.into(),
            level,
            summary: summary.into(),
            evidence,
        }
    }
}

/// Every check of a run; `result` is the worst level among them.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub checks: Vec<Check>,
    pub result: Level,
}

impl Report {
    pub fn new(checks: Vec<Check>) -> Report {
        let result = checks.iter().map(|c| c.level).max().unwrap_or(Level::Ok);
        Report { checks, result }
    }
}
