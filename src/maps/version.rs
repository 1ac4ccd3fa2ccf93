//! Which Cilium release wrote the node's maps: told by the pinned map names first (they are there
//! with or without an agent), else by the agent's version string (fidelity.md, "How to tell the
//! version").

use std::time::Duration;

use super::{BpfRoot, Version};

/// How long the version question may wait for the agent (unless `CDBG_API_TIMEOUT` says).
const AGENT_TIMEOUT: Duration = Duration::from_secs(2);

impl Version {
    /// From the pinned names alone; `None` when no name tells.
    pub fn from_pins(root: &BpfRoot) -> Option<Version> {
        Version::from_names(&root.pinned_names().unwrap_or_default())
    }

    /// `cilium_ipcache_v2` or `cilium_policystats` ⇒ 1.18; `cilium_policy_v2_*` or
    /// `cilium_ratelimit` ⇒ 1.17; `cilium_policy_NNNNN` ⇒ 1.16; else `None`.
    pub fn from_names(names: &[String]) -> Option<Version> {
        let has = |p: &str| names.iter().any(|n| n.starts_with(p));
        if has("cilium_ipcache_v2") || has("cilium_policystats") {
            Some(Version::V1_18)
        } else if has("cilium_policy_v2_") || has("cilium_ratelimit") {
            Some(Version::V1_17)
        } else if has("cilium_policy_") {
            Some(Version::V1_16)
        } else {
            None
        }
    }

    /// From the agent's `StatusResponse.cilium.msg` (`1.16.12 (v1.16.12-…)`): ≤1.16 ⇒ 1.16,
    /// 1.17 ⇒ 1.17, ≥1.18 ⇒ 1.18; `None` when it is not `1.<minor>…`.
    pub fn from_agent_msg(msg: &str) -> Option<Version> {
        let v = msg.trim_start().trim_start_matches('v');
        let rest = v.strip_prefix("1.")?;
        let minor: u32 = rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
        Some(match minor {
            0..=16 => Version::V1_16,
            17 => Version::V1_17,
            _ => Version::V1_18,
        })
    }

    /// The pinned maps' answer, else the agent's (`GET /v1/healthz` → `cilium.msg`), else 1.17.
    /// Costs one agent request only when the maps do not tell.
    pub fn detect_or_agent(root: &BpfRoot, host: Option<&str>) -> Version {
        Version::from_pins(root)
            .or_else(|| agent_version(host))
            .unwrap_or(Version::V1_17)
    }
}

/// The agent's release, when it answers.
fn agent_version(host: Option<&str>) -> Option<Version> {
    let client = crate::agent::Client::for_commands_or(host, AGENT_TIMEOUT).ok()?;
    let (status, body) = client.get("/healthz", &[("brief", "true")]).ok()?;
    let v: serde_json::Value = client.decode("/healthz", status, &body).ok()?;
    Version::from_agent_msg(v.pointer("/cilium/msg")?.as_str()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pinned_names_tell_first() {
        let v = |n: &[&str]| Version::from_names(&names(n));
        assert_eq!(v(&["cilium_lxc", "cilium_policystats"]), Some(Version::V1_18));
        assert_eq!(
            v(&["cilium_ipcache_v2", "cilium_policy_v2_00234"]),
            Some(Version::V1_18)
        );
        assert_eq!(v(&["cilium_policy_v2_00234"]), Some(Version::V1_17));
        assert_eq!(v(&["cilium_ratelimit"]), Some(Version::V1_17));
        assert_eq!(v(&["cilium_policy_00234", "cilium_ipcache"]), Some(Version::V1_16));
        assert_eq!(v(&["cilium_lxc", "cilium_ct4_global"]), None);
    }

    /// fidelity.md: the agent's `StatusResponse.cilium.msg`.
    #[test]
    fn agent_version_strings() {
        assert_eq!(Version::from_agent_msg("1.16.12 (v1.16.12-abc)"), Some(Version::V1_16));
        assert_eq!(
            Version::from_agent_msg("1.17.6 (v1.17.6-f0fd9f7c)"),
            Some(Version::V1_17)
        );
        assert_eq!(
            Version::from_agent_msg("1.18.1 (v1.18.1-9f8e7d6c)"),
            Some(Version::V1_18)
        );
        assert_eq!(Version::from_agent_msg("1.19.0-pre.1"), Some(Version::V1_18));
        assert_eq!(Version::from_agent_msg("1.15.3"), Some(Version::V1_16));
        assert_eq!(Version::from_agent_msg("unknown"), None);
        assert_eq!(Version::from_agent_msg("2.0.0"), None);
    }

    #[test]
    fn no_agent_no_maps_is_1_17() {
        let tmp = tempfile::tempdir().unwrap();
        let root = BpfRoot(tmp.path().join("nonexistent"));
        assert_eq!(
            Version::detect_or_agent(&root, Some("unix:///nonexistent/cilium.sock")),
            Version::V1_17
        );
    }
}
