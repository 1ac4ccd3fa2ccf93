//! cdbg: a fast, node-local debug CLI for the Cilium eBPF datapath.

pub mod agent;
pub mod bpf;
pub mod checks;
pub mod cli;
pub mod clock;
pub mod doctor;
pub mod explain;
pub mod filter;
pub mod fleet;
pub mod gotime;
pub mod hubble;
#[cfg(feature = "lab")]
pub mod lab;
pub mod maps;
pub mod netfmt;
pub mod output;
pub mod query;
pub mod release;
pub mod replay;
pub mod resolve;
pub mod snapshot;
pub mod watch;
