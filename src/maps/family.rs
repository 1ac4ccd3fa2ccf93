//! Whether the node runs IPv6, decided as cilium-dbg does before it opens the CT and NAT maps
//! (`getIpv6EnableStatus`, fidelity.md C1): the agent's `/v1/config`, else the state file's
//! `EnableIPv6`, else on.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use super::clock::RUNTIME_CONFIG;

/// How long each agent request may take (unless `CDBG_API_TIMEOUT` says otherwise).
const AGENT_TIMEOUT: Duration = Duration::from_secs(2);

/// Who decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `/v1/healthz` answered; the value is `/v1/config`'s (or the default when that failed).
    Agent,
    /// The agent did not answer; `EnableIPv6` of the state file.
    StateFile,
    /// Neither: IPv6 is assumed on.
    Default,
}

/// 1. `GET /v1/healthz` answers ⇒ `GET /v1/config`: `status.addressing.ipv6.enabled` (an absent
///    `ipv6` object is off); `/v1/config` failing or without `status` ⇒ on. The state file is
///    not read then.
/// 2. Else `agent-runtime-config.json` in `state_dir`: its `EnableIPv6`.
/// 3. Else on.
pub fn ipv6_enabled(host: Option<&str>, state_dir: &Path) -> (bool, Origin) {
    if let Some(on) = from_agent(host) {
        return (on, Origin::Agent);
    }
    match from_state_file(state_dir) {
        Some(on) => (on, Origin::StateFile),
        None => (true, Origin::Default),
    }
}

/// `None` when `/v1/healthz` does not answer with a 2xx.
fn from_agent(host: Option<&str>) -> Option<bool> {
    let client = crate::agent::Client::for_commands_or(host, AGENT_TIMEOUT).ok()?;
    let (status, _) = client.get("/healthz", &[("brief", "true")]).ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let config = client
        .get("/config", &[])
        .ok()
        .filter(|(status, _)| (200..300).contains(status));
    Some(match config {
        Some((_, body)) => ipv6_from_config(&body).unwrap_or(true),
        None => true,
    })
}

/// `status.addressing.ipv6.enabled` of a `/v1/config` body; `None` when it has no `status`
/// (or does not parse).
fn ipv6_from_config(body: &[u8]) -> Option<bool> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let status = v.get("status").filter(|s| !s.is_null())?;
    Some(
        status
            .pointer("/addressing/ipv6/enabled")
            .and_then(|e| e.as_bool())
            .unwrap_or(false),
    )
}

#[derive(Deserialize)]
struct StateFile {
    /// Go unmarshals into the option struct, whose zero value is false.
    #[serde(rename = "EnableIPv6", default)]
    enable_ipv6: bool,
}

/// `EnableIPv6` of `agent-runtime-config.json`; `None` when the file is missing or does not parse.
fn from_state_file(state_dir: &Path) -> Option<bool> {
    let text = std::fs::read(state_dir.join(RUNTIME_CONFIG)).ok()?;
    serde_json::from_slice::<StateFile>(&text).ok().map(|s| s.enable_ipv6)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_AGENT: Option<&str> = Some("unix:///nonexistent/cilium.sock");

    /// fidelity.md C1 example: no `ipv6` object under `status.addressing` ⇒ off.
    #[test]
    fn config_bodies() {
        let c = |s: &str| ipv6_from_config(s.as_bytes());
        assert_eq!(c(r#"{"status":{"addressing":{"ipv4":{"enabled":true}}}}"#), Some(false));
        assert_eq!(c(r#"{"status":{"addressing":{"ipv6":{"enabled":true}}}}"#), Some(true));
        assert_eq!(
            c(r#"{"status":{"addressing":{"ipv6":{"enabled":false}}}}"#),
            Some(false)
        );
        assert_eq!(c(r#"{"spec":{}}"#), None, "no status: the default");
        assert_eq!(c("not json"), None);
    }

    #[test]
    fn state_file_then_default() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(ipv6_enabled(NO_AGENT, d.path()), (true, Origin::Default));
        let f = d.path().join(RUNTIME_CONFIG);
        std::fs::write(&f, r#"{"ClockSource":0,"EnableIPv6":false}"#).unwrap();
        assert_eq!(ipv6_enabled(NO_AGENT, d.path()), (false, Origin::StateFile));
        std::fs::write(&f, r#"{"EnableIPv6":true}"#).unwrap();
        assert_eq!(ipv6_enabled(NO_AGENT, d.path()), (true, Origin::StateFile));
        std::fs::write(&f, r#"{"ClockSource":0}"#).unwrap();
        assert_eq!(ipv6_enabled(NO_AGENT, d.path()), (false, Origin::StateFile));
        std::fs::write(&f, "{").unwrap();
        assert_eq!(ipv6_enabled(NO_AGENT, d.path()), (true, Origin::Default));
    }
}
