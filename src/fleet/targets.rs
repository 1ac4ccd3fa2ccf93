//! Which nodes a fleet run targets and how it reaches them: the `--via`/`--nodes`/Kubernetes flags
//! every fleet command shares, and the `--nodes` list.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use std::time::Duration;

use super::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Via {
    /// The Kubernetes API: exec into the agent pods
    Kube,
    /// The system ssh client with your ssh config and keys
    Ssh,
    /// A command prefix run locally per node, `{node}` replaced (e.g. `docker exec {node}`)
    Exec,
}

/// Which nodes, and how to reach them.
#[derive(Debug, Clone, Args)]
pub struct Targets {
    /// How to reach the nodes
    #[arg(long, value_enum, default_value = "kube", help_heading = "Targets")]
    pub via: Via,
    /// Nodes to run on: NAME,NAME,… or @FILE (one per line, # comments)
    #[arg(long, value_name = "NAMES|@FILE", help_heading = "Targets")]
    pub nodes: Option<String>,
    /// Only nodes with these Kubernetes labels (kube)
    #[arg(long, value_name = "LABELS", help_heading = "Targets")]
    pub node_selector: Option<String>,
    /// Refuse to run on more nodes than this
    #[arg(long, value_name = "N", help_heading = "Targets")]
    pub max_nodes: Option<usize>,
    /// Kubeconfig context (kube)
    #[arg(long, value_name = "NAME", help_heading = "Kubernetes")]
    pub context: Option<String>,
    /// Namespace of the agent pods (kube)
    #[arg(short = 'n', long, default_value = "kube-system", help_heading = "Kubernetes")]
    pub namespace: String,
    /// Label selector of the agent pods (kube)
    #[arg(short = 'l', long, default_value = "k8s-app=cilium", help_heading = "Kubernetes")]
    pub selector: String,
    /// Container to exec into (kube)
    #[arg(short = 'c', long, default_value = "cilium-agent", help_heading = "Kubernetes")]
    pub container: String,
    /// An ssh option, passed as `-o OPTION` (repeatable; ssh)
    #[arg(long, value_name = "OPTION", help_heading = "ssh")]
    pub ssh_option: Vec<String>,
    /// The command prefix for --via exec; `{node}` is replaced by the node name
    #[arg(long = "exec", value_name = "PREFIX", help_heading = "exec")]
    pub exec_prefix: Option<String>,
    /// Where cdbg is on the nodes
    #[arg(long, default_value = "/tmp/cdbg", value_name = "PATH", help_heading = "Execution")]
    pub remote_path: String,
    /// Nodes running at once
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u32).range(1..=1024), help_heading = "Execution")]
    pub concurrency: u32,
    /// Time limit per node (the node's command is killed after it)
    #[arg(long, default_value = "60s", value_parser = crate::gotime::positive_duration, value_name = "DURATION", help_heading = "Execution")]
    pub node_timeout: Duration,
}

/// `--nodes a,b,c` or `--nodes @FILE`.
pub fn listed_nodes(t: &Targets, via: &str) -> Result<Vec<Node>> {
    let Some(spec) = &t.nodes else {
        bail!("fleet {via} needs --nodes NAME,NAME,… or --nodes @FILE");
    };
    let names: Vec<String> = match spec.strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("fleet: cannot read the node list {file}"))?
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        None => spec
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    };
    for n in &names {
        if n.starts_with('-') {
            bail!("fleet: node name {n:?} starts with '-'; a node name cannot be an option");
        }
    }
    Ok(names.iter().map(|n| Node::named(n)).collect())
}
