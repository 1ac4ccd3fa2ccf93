//! `bpf ...`: direct access to Cilium's pinned maps. Never needs the agent.

pub mod auth;
pub mod bandwidth;
pub mod config;
pub mod ct;
pub mod egress;
pub mod endpoint;
pub mod frag;
pub mod fs;
pub mod ipcache;
pub mod ipmasq;
pub mod lb;
pub mod maps;
pub mod metrics;
pub mod nat;
pub mod nodeid;
pub mod policy;
pub mod pressure;
pub mod tunnel;

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

use super::Ctx;

#[derive(Debug, Subcommand)]
pub enum BpfCmd {
    /// Manage authenticated connections between identities
    #[command(subcommand)]
    Auth(auth::Cmd),
    /// BPF datapath bandwidth settings
    #[command(subcommand)]
    Bandwidth(bandwidth::Cmd),
    /// Manage runtime config
    #[command(subcommand)]
    Config(config::Cmd),
    /// Connection tracking tables
    #[command(subcommand)]
    Ct(ct::Cmd),
    /// Manage the egress routing rules
    #[command(subcommand)]
    Egress(egress::Cmd),
    /// Local endpoint map
    #[command(subcommand)]
    Endpoint(endpoint::Cmd),
    /// Manage the IPv4 fragment tracking map
    #[command(subcommand)]
    Frag(frag::Cmd),
    /// BPF filesystem mount
    #[command(subcommand)]
    Fs(fs::Cmd),
    /// Manage the IPCache mappings for IPs to Endpoints
    #[command(subcommand)]
    Ipcache(ipcache::Cmd),
    /// ip-masq-agent CIDRs
    #[command(subcommand)]
    Ipmasq(ipmasq::Cmd),
    /// Load-balancing configuration
    #[command(subcommand)]
    Lb(lb::Cmd),
    /// Every pinned Cilium map: type, entries, limits, memlock (cdbg)
    #[command(subcommand)]
    Maps(maps::Cmd),
    /// BPF datapath traffic metrics
    #[command(subcommand)]
    Metrics(metrics::Cmd),
    /// NAT mapping tables
    #[command(subcommand)]
    Nat(nat::Cmd),
    /// Manage the node IDs
    #[command(subcommand)]
    Nodeid(nodeid::Cmd),
    /// Manage policy related BPF maps
    #[command(subcommand)]
    Policy(policy::Cmd),
    /// Fill level of every pinned map: entries, max, fill %, memlock (cdbg)
    #[command(visible_alias = "usage")]
    Pressure(pressure::Args),
    /// Tunnel endpoint map
    #[command(subcommand)]
    Tunnel(tunnel::Cmd),
}

pub fn run(ctx: &Ctx, cmd: BpfCmd, out: &mut dyn Write) -> Result<()> {
    // One clear error, before any output, when --bpf-root cannot hold Cilium's maps.
    match cmd {
        BpfCmd::Fs(_) => ctx.bpf.check_bpffs()?,
        _ => ctx.bpf.check()?,
    }
    match cmd {
        BpfCmd::Auth(c) => auth::run(ctx, c, out),
        BpfCmd::Bandwidth(c) => bandwidth::run(ctx, c, out),
        BpfCmd::Config(c) => config::run(ctx, c, out),
        BpfCmd::Ct(c) => ct::run(ctx, c, out),
        BpfCmd::Egress(c) => egress::run(ctx, c, out),
        BpfCmd::Endpoint(c) => endpoint::run(ctx, c, out),
        BpfCmd::Frag(c) => frag::run(ctx, c, out),
        BpfCmd::Fs(c) => fs::run(ctx, c, out),
        BpfCmd::Ipcache(c) => ipcache::run(ctx, c, out),
        BpfCmd::Ipmasq(c) => ipmasq::run(ctx, c, out),
        BpfCmd::Lb(c) => lb::run(ctx, c, out),
        BpfCmd::Maps(c) => maps::run(ctx, c, out),
        BpfCmd::Metrics(c) => metrics::run(ctx, c, out),
        BpfCmd::Nat(c) => nat::run(ctx, c, out),
        BpfCmd::Nodeid(c) => nodeid::run(ctx, c, out),
        BpfCmd::Policy(c) => policy::run(ctx, c, out),
        BpfCmd::Pressure(a) => pressure::run(ctx, a, out),
        BpfCmd::Tunnel(c) => tunnel::run(ctx, c, out),
    }
}
