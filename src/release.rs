//! The Cilium release line a node runs (1.16, 1.17, 1.18): map layouts, agent models and their
//! renderers follow it. Telling it from a node (pinned names, else the agent) is `maps::version`.

/// A Cilium release line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    V1_16,
    V1_17,
    V1_18,
}
