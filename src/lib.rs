//! cdbg: a fast, node-local debug CLI for the Cilium eBPF datapath.

pub mod agent;
pub mod bpf;
pub mod checks;
pub mod cli;
pub mod filter;
pub mod hubble;
#[cfg(feature = "lab")]
pub mod lab;
// Without the lab: only the two probes product code still borrows from it (see the file).
#[cfg(not(feature = "lab"))]
#[path = "lab/probe.rs"]
pub mod lab;
pub mod maps;
pub mod output;
pub mod resolve;
