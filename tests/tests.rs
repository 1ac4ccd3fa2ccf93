//! The integration-test binary: each module builds lab nodes in temp dirs, runs cdbg and
//! compares with golden files under tests/golden.

mod util;

mod agent;
mod agent_trust;
mod basics;
mod bpf_ct;
mod bpf_lb;
mod bpf_maps;
mod checks;
mod doctor;
mod explain;
mod fidelity_agent;
mod fidelity_bpf;
mod fidelity_cli;
mod fidelity_text;
mod filters;
mod fleet;
mod fleet_kube;
mod hubble;
mod lab_safety;
mod layout;
mod snapshot;
mod trust_input;
mod trust_open;
mod watch;
