//! The Kubernetes transport: agent pods listed through the API server, commands run by exec.

use anyhow::{bail, Result};

use super::transport::Transport;
use super::Node;
use crate::cli::fleet::Targets;

/// The transport and the agent pods `targets` select.
pub fn connect(_t: &Targets) -> Result<(Box<dyn Transport>, Vec<Node>)> {
    bail!("fleet --via kube is not available in this build; use --via ssh or --via exec")
}
