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
