//! Fleet: run one cdbg command on many nodes through a transport (ssh, a command prefix, or
//! Kubernetes exec) and merge what comes back (grouped text, node-tagged jsonl, merged counts and
//! top-N, a disagreement view).

pub mod args;
pub mod diff;
pub mod engine;
pub mod install;
pub mod kube;
pub mod merge;
pub mod targets;
pub mod transport;

use std::fmt;

/// One target node as the transport reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The name printed in headers, prefixes and records (node name or ssh host).
    pub name: String,
    /// What the transport connects to (ssh host, pod name), when it differs from the name.
    pub target: String,
    /// The node's own address when known (used to normalise node-local fields in `fleet diff`).
    pub address: Option<String>,
}

impl Node {
    pub fn named(name: &str) -> Node {
        Node {
            name: name.to_string(),
            target: name.to_string(),
            address: None,
        }
    }
}

/// How one node's run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The command ran and exited with this status.
    Exited(i32),
    /// The command did not finish within the per-node timeout (it was killed).
    TimedOut,
    /// The transport could not run the command (the reason says why).
    Failed(String),
    /// cdbg is not at this path on the node (exit 127, or the runtime said "no such file").
    NotInstalled(String),
}

impl Outcome {
    pub fn ok(&self) -> bool {
        *self == Outcome::Exited(0)
    }

    /// The exit code shown in the failed-nodes table (`-` when there is none).
    pub fn code(&self) -> String {
        match self {
            Outcome::Exited(c) => c.to_string(),
            Outcome::NotInstalled(_) => "127".into(),
            _ => "-".into(),
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Exited(0) => write!(f, "ok"),
            Outcome::Exited(127) => write!(f, "cdbg not found on the node (exit 127)"),
            Outcome::Exited(126) => write!(f, "cdbg on the node is not executable (exit 126)"),
            Outcome::Exited(255) => write!(f, "transport error (exit 255)"),
            Outcome::Exited(c) => write!(f, "exit status {c}"),
            Outcome::TimedOut => write!(f, "timed out"),
            Outcome::Failed(why) => write!(f, "{why}"),
            Outcome::NotInstalled(path) => write!(
                f,
                "cdbg is not at --remote-path {path} on the node: copy it there with `cdbg fleet install --remote-path {path}`"
            ),
        }
    }
}

/// The fleet's exit status: 0 when every node succeeded, 1 when some failed (0 with
/// `allow_partial`), 2 when none did (or there were no nodes).
pub fn exit_status(succeeded: usize, total: usize, allow_partial: bool) -> u8 {
    if total == 0 || succeeded == 0 {
        2
    } else if succeeded < total && !allow_partial {
        1
    } else {
        0
    }
}

/// Quote one argument for a POSIX shell (ssh and `--exec` run the remote command through one).
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,@%+".contains(&b));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_status_follows_the_contract() {
        assert_eq!(exit_status(3, 3, false), 0);
        assert_eq!(exit_status(2, 3, false), 1);
        assert_eq!(exit_status(2, 3, true), 0);
        assert_eq!(exit_status(0, 3, true), 2);
        assert_eq!(exit_status(0, 0, false), 2);
    }

    #[test]
    fn shell_quoting_survives_a_shell() {
        assert_eq!(shell_quote("bpf"), "bpf");
        assert_eq!(shell_quote("10.96.0.10:53"), "10.96.0.10:53");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
    }
}
