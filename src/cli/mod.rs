//! Command-line glue: the clap command tree, global flags, and dispatch. Commands resolve their
//! arguments, call the library modules, and hand records to `output`.

pub mod bpf;
pub mod config;
pub mod debuginfo;
pub mod doctor;
pub mod endpoint;
pub mod explain;
pub mod flag_names;
pub mod fleet;
pub mod generate;
pub mod identity;
pub mod ip;
pub mod kpr;
#[cfg(feature = "lab")]
pub mod lab;
pub mod map;
pub mod node;
pub mod nodeid;
pub mod observe;
pub mod preflight;
pub mod service;
pub mod snapshot;
pub mod status;
pub mod usage;
pub mod version;

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::maps::BpfRoot;

/// cdbg: a fast, node-local debug CLI for the Cilium eBPF datapath (a drop-in cilium-dbg).
#[derive(Debug, Parser)]
#[command(name = "cdbg", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// Root of the BPF filesystem holding Cilium's pins (maps under <root>/tc/globals)
    #[arg(
        long,
        global = true,
        env = "CDBG_BPF_ROOT",
        default_value = "/sys/fs/bpf",
        value_name = "DIR"
    )]
    pub bpf_root: PathBuf,
    /// URI to server-side API (unix:///path or tcp://host:port)
    #[arg(short = 'H', long, global = true, env = "CILIUM_HOST", value_name = "string")]
    pub host: Option<String>,
    /// Enable debug messages
    #[arg(short = 'D', long, global = true, env = "CILIUM_DEBUG")]
    pub debug: bool,
    /// Config file (accepted for cilium-dbg compatibility; cdbg reads no config file)
    #[arg(long, global = true, value_name = "string", hide = true)]
    pub config: Option<PathBuf>,
    /// Directory of the agent's state files (agent-runtime-config.json)
    #[arg(
        long,
        global = true,
        env = "CDBG_STATE_DIR",
        default_value = "/var/run/cilium/state",
        value_name = "DIR"
    )]
    pub state_dir: PathBuf,
    /// Run on a snapshot file instead of the live node (read commands only; see `snapshot save`)
    #[arg(long, global = true, env = "CDBG_FROM", value_name = "FILE")]
    pub from: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Direct access to local BPF maps
    #[command(subcommand)]
    Bpf(bpf::BpfCmd),
    /// Cilium configuration options
    Config(config::Args),
    /// Request available debugging information from agent
    Debuginfo(debuginfo::Args),
    /// Node triage: run every check and name the offender (cdbg)
    Doctor(doctor::Args),
    /// Manage endpoints
    #[command(subcommand)]
    Endpoint(endpoint::Cmd),
    /// Explain what the datapath does to one connection, from the maps (cdbg)
    Explain(explain::Args),
    /// Run a cdbg command on many nodes and merge the results (cdbg)
    Fleet(Box<fleet::FleetArgs>),
    /// Manage security identities
    #[command(subcommand)]
    Identity(identity::Cmd),
    /// Manage IP addresses and associated information
    #[command(subcommand)]
    Ip(ip::Cmd),
    /// Kube-proxy replacement checks for this node (cdbg)
    #[command(subcommand)]
    Kpr(kpr::Cmd),
    /// A sandbox Cilium node for trying cdbg (cdbg)
    #[cfg(feature = "lab")]
    #[command(subcommand)]
    Lab(lab::Cmd),
    /// Access userspace cached content of BPF maps
    #[command(subcommand)]
    Map(map::Cmd),
    /// Manage cluster nodes
    #[command(subcommand)]
    Node(node::Cmd),
    /// List node IDs and associated information
    #[command(subcommand)]
    Nodeid(nodeid::Cmd),
    /// Observe flows of a Hubble server (cdbg)
    Observe(observe::Args),
    /// Node requirement checks (cdbg)
    #[command(subcommand)]
    Preflight(preflight::Cmd),
    /// Manage services & loadbalancers
    #[command(subcommand)]
    Service(service::Cmd),
    /// Save the node into a file, describe or compare such files (cdbg)
    #[command(subcommand)]
    Snapshot(snapshot::Cmd),
    /// Display status of daemon
    Status(status::Args),
    /// Print version information
    Version(version::Args),
    /// Output shell completion code
    Completion(generate::CompletionArgs),
    /// Write completions and man pages (for packaging)
    #[command(hide = true, subcommand)]
    Generate(generate::Cmd),
}

/// What every command gets: resolved global flags.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub bpf: BpfRoot,
    pub host: Option<String>,
    pub debug: bool,
    pub state_dir: PathBuf,
}

pub use crate::output::Exit;

/// The clap command, named as invoked (`cdbg` or `cilium-dbg`).
pub fn command(name: &str) -> clap::Command {
    let name: &'static str = Box::leak(name.to_string().into_boxed_str());
    flag_names::with_flag_names(Cli::command().name(name).bin_name(name))
}

/// The command line; as `kubectl-cdbg` (the kubectl plugin link, krew's naming) every command
/// is a `fleet` command: `kubectl cdbg -- bpf lb list` is `cdbg fleet -- bpf lb list`.
pub fn argv(name: &str) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if name == "kubectl-cdbg" {
        args.insert(1.min(args.len()), "fleet".into());
    }
    args
}

/// Parse argv; clap prints help/usage errors and exits itself. An unknown `-o` value keeps
/// cilium-dbg's `Error: couldn't find output printer` and exit status 1.
pub fn parse(name: &str) -> Cli {
    let matches = usage::relax(command(name))
        .try_get_matches_from(argv(name))
        .unwrap_or_else(|e| {
            if let Some(msg) = output_error(&e) {
                crate::output::notes::error(format_args!("{msg}"));
                std::process::exit(1);
            }
            usage_error(name, e).exit()
        });
    let mut words = Vec::new();
    let mut m = &matches;
    while let Some((name, sub)) = m.subcommand() {
        words.push(name.to_string());
        m = sub;
    }
    crate::replay::set_command(words.join(" "));
    // A missing required argument is answered as cilium-dbg does (help on stdout, exit 1).
    if let Some(spec) = usage::missing(&matches) {
        let (out, err) = usage::report(spec, name);
        let mut stdout = std::io::stdout();
        let _ = stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush());
        crate::output::notes::raw(format_args!("{err}"));
        std::process::exit(1);
    }
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// clap's usage line after an error lists every argument that has a value, and a value taken
/// from the environment counts: with the lab's environment exported, `--bpf-root`, `--host` and
/// `--state-dir` would look required. Parse again with the environment left out (a usage error
/// never depends on it) and report that error, whose usage line shows what the user typed.
pub fn usage_error(name: &str, e: clap::Error) -> clap::Error {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return e;
    }
    match without_env(usage::relax(command(name))).try_get_matches_from(argv(name)) {
        Err(again) if again.kind() == e.kind() => again,
        _ => e,
    }
}

/// The command tree with no argument reading the environment.
fn without_env(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|a| if a.get_env().is_some() { a.env(None) } else { a })
        .mut_subcommands(without_env)
}

/// The message for a rejected `-o/--output` value, if that is what `e` is.
fn output_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    if !arg.starts_with("--output") {
        return None;
    }
    let Some(ContextValue::String(value)) = e.get(ContextKind::InvalidValue) else {
        return None;
    };
    crate::output::Format::parse(value).err()
}

pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let g = cli.global;
    let mut bpf_root = g.bpf_root;
    if let Some(from) = &g.from {
        if matches!(cli.command, Command::Snapshot(_)) {
            anyhow::bail!("cdbg --from: snapshot commands read their files from their arguments; drop --from (or unset CDBG_FROM)");
        }
        bpf_root = crate::replay::activate(from)?.meta.bpf_root.clone();
    }
    let ctx = Ctx {
        bpf: BpfRoot(bpf_root),
        host: g.host,
        debug: g.debug,
        state_dir: g.state_dir,
    };
    match cli.command {
        Command::Bpf(c) => bpf::run(&ctx, c, out),
        Command::Config(a) => config::run(&ctx, a, out),
        Command::Debuginfo(a) => debuginfo::run(&ctx, a, out),
        Command::Doctor(a) => doctor::run(&ctx, a, out),
        Command::Endpoint(c) => endpoint::run(&ctx, c, out),
        Command::Explain(a) => explain::run(&ctx, a, out),
        Command::Fleet(a) => fleet::run(&ctx, *a, out),
        Command::Identity(c) => identity::run(&ctx, c, out),
        Command::Ip(c) => ip::run(&ctx, c, out),
        Command::Kpr(c) => kpr::run(&ctx, c, out),
        #[cfg(feature = "lab")]
        Command::Lab(c) => lab::run(&ctx, c, out),
        Command::Map(c) => map::run(&ctx, c, out),
        Command::Node(c) => node::run(&ctx, c, out),
        Command::Nodeid(c) => nodeid::run(&ctx, c, out),
        Command::Observe(a) => observe::run(&ctx, a, out),
        Command::Preflight(c) => preflight::run(&ctx, c, out),
        Command::Service(c) => service::run(&ctx, c, out),
        Command::Snapshot(c) => snapshot::run(&ctx, c, out),
        Command::Status(a) => status::run(&ctx, a, out),
        Command::Version(a) => version::run(&ctx, a, out),
        Command::Completion(a) => generate::completion(a, out),
        Command::Generate(c) => generate::run(c, out),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definitions_are_valid() {
        super::command("cdbg").debug_assert();
    }
}
