//! `lab ...`: build, serve, tour and remove the sandbox node.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::cli::Ctx;
use crate::lab::{tour, Lab, UpOptions};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Mount a private bpffs under DIR, create the reference node's maps, start the stand-in agent and Hubble
    Up(UpArgs),
    /// Stop the lab's servers, unmount its bpffs and remove DIR
    Down(DirArgs),
    /// Print the environment that points cdbg (and cilium-dbg, hubble) at the lab
    Env(DirArgs),
    /// Build a lab, run a guided tour of commands against it, remove it
    Tour,
    /// Serve the lab's agent and Hubble sockets in the foreground (lab up starts this)
    #[command(hide = true)]
    Serve(DirArgs),
    /// Test helper: rewrite a lab's endpoint-policy, ipcache and node maps in the 1.16 or 1.18 layout
    #[command(hide = true)]
    Reshape(ReshapeArgs),
    /// Test helper: create (or replace) an empty map under the lab's globals directory, e.g. to
    /// give a Cilium map name the wrong type or sizes
    #[command(hide = true)]
    Mkmap(MkmapArgs),
    /// Test helper: inject a named fault into a lab (for doctor's tests); `lab fault --dir D list`
    /// lists them
    #[command(hide = true)]
    Fault(FaultArgs),
    /// For benchmarks: mount a private bpffs under DIR with only big synthetic CT and NAT maps
    /// (remove with `lab down --dir DIR`)
    #[command(hide = true)]
    Fill(FillArgs),
    /// For benchmarks: walk a pinned map with batch lookups alone (no decoding, no output) and
    /// print how many entries it has; the floor cdbg's listings are measured against
    #[command(hide = true)]
    Floor(FloorArgs),
    /// ssh ProxyCommand of a multi-node lab: connect stdin/stdout to NODE's sshd
    #[command(hide = true)]
    Connect(ConnectArgs),
    /// Print the `--ssh-option` flags that reach a multi-node lab's nodes over ssh
    SshOptions(DirArgs),
    /// Serve a multi-node lab's stand-in Kubernetes API server in the foreground (`lab up
    /// --nodes N --apiserver` starts it)
    #[command(hide = true)]
    Apiserver(ApiserverArgs),
}

#[derive(Debug, Args)]
pub struct ApiserverArgs {
    /// Multi-node lab directory (from `lab up --nodes N`)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Where to write the kubeconfig (default DIR/kubeconfig)
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
    /// Offer only the v4 exec subprotocol (as API servers before 1.29 do)
    #[arg(long)]
    pub refuse_v5: bool,
    /// Simulate N agent pods on N nodes (their commands run on the lab's nodes in turn)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub pods: usize,
}

#[derive(Debug, Args)]
pub struct ConnectArgs {
    /// Multi-node lab directory (from `lab up --nodes N`)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Node name (ssh's %h)
    pub node: String,
}

#[derive(Debug, Args)]
pub struct FaultArgs {
    /// Lab directory (from `lab up`)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// The fault (`list` prints them)
    pub name: String,
}

#[derive(Debug, Args)]
pub struct FloorArgs {
    /// Pinned map paths (entries are summed)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReshapeArgs {
    /// Lab directory (from `lab up`)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Cilium release layout to imitate: 1.16 or 1.18
    #[arg(long = "layout", value_name = "VERSION")]
    pub layout: String,
}

#[derive(Debug, Args)]
pub struct MkmapArgs {
    /// Lab directory
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Map name (the pin's file name)
    #[arg(long)]
    pub name: String,
    /// Map type: hash, lru_hash, lpm_trie or array
    #[arg(long = "type", value_name = "TYPE")]
    pub map_type: String,
    /// Key size in bytes
    #[arg(long)]
    pub key: u32,
    /// Value size in bytes
    #[arg(long)]
    pub value: u32,
    /// max_entries
    #[arg(long, default_value_t = 16)]
    pub max: u32,
}

#[derive(Debug, Args)]
pub struct FillArgs {
    /// Lab directory (created if missing)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Entries for cilium_ct4_global (0 = do not create)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub ct: u32,
    /// Entries for cilium_snat_v4_external (0 = do not create)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub nat: u32,
    /// Prefixes for cilium_ipcache_v2 (0 = do not create)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub ipcache: u32,
    /// Service slots for cilium_lb4_services_v2, and as many backends (0 = do not create)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub lb: u32,
}

#[derive(Debug, Args)]
pub struct DirArgs {
    /// Lab directory
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct UpArgs {
    /// Lab directory (created if missing)
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Add broken states for the triage checks: an orphan backend, a service with a missing backend, a near-full NAT map, a stale agent heartbeat
    #[arg(long)]
    pub faults: bool,
    /// Only build the maps; start no agent or Hubble server
    #[arg(long)]
    pub no_serve: bool,
    /// Build a multi-node lab: N nodes of the reference cluster (1-3), one subdirectory each;
    /// the third node differs on purpose (a missing backend, a stale ipcache identity)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub nodes: usize,
    /// With --nodes: start an sshd inside each node's network namespace (for `fleet --via ssh`)
    #[arg(long)]
    pub ssh: bool,
    /// With --nodes: start the stand-in Kubernetes API server (kubeconfig in DIR/kubeconfig,
    /// for `fleet --via kube`)
    #[arg(long)]
    pub apiserver: bool,
}

pub fn run(_ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Cmd::Up(a) if a.nodes > 1 || a.ssh || a.apiserver => {
            let opts = UpOptions {
                faults: a.faults,
                serve: !a.no_serve,
            };
            crate::lab::cluster::up(&a.dir, a.nodes, opts, a.ssh)?;
            if a.apiserver {
                let started = crate::lab::apiserver::start(&a.dir)
                    .and_then(|s| crate::lab::marker::Marker::update(&a.dir, |m| m.apiserver = Some(s)));
                if let Err(e) = started {
                    let _ = Lab::new(&a.dir).down();
                    return Err(e);
                }
            }
            let d = a.dir.display();
            writeln!(
                out,
                "lab cluster of {} nodes is up in {d}; each node is a lab:",
                a.nodes
            )?;
            for n in &crate::lab::node::NODES[..a.nodes] {
                writeln!(out, "  eval \"$(cdbg lab env --dir {d}/{})\"", n.name)?;
            }
            if a.apiserver {
                writeln!(
                    out,
                    "the stand-in Kubernetes API server serves its agent pods: export KUBECONFIG={d}/kubeconfig"
                )?;
            }
            Ok(())
        }
        Cmd::Apiserver(a) => {
            let kubeconfig = a.kubeconfig.clone().unwrap_or_else(|| a.dir.join("kubeconfig"));
            let opts = crate::lab::apiserver::Options {
                refuse_v5: a.refuse_v5,
                pods: a.pods,
                kubeconfig,
            };
            crate::lab::apiserver::serve(&a.dir, opts)
        }
        Cmd::Connect(a) => crate::lab::cluster::connect(&a.dir, &a.node),
        Cmd::SshOptions(a) => {
            Lab::open(&a.dir)?;
            for o in crate::lab::cluster::ssh_options(&a.dir) {
                writeln!(out, "--ssh-option={}", crate::fleet::shell_quote(&o))?;
            }
            Ok(())
        }
        Cmd::Up(a) => {
            let lab = Lab::new(&a.dir);
            lab.up(UpOptions {
                faults: a.faults,
                serve: !a.no_serve,
            })?;
            writeln!(
                out,
                "lab node cilium-m1 is up in {}; point cdbg at it with:",
                a.dir.display()
            )?;
            writeln!(out, "  eval \"$(cdbg lab env --dir {})\"", a.dir.display())?;
            Ok(())
        }
        Cmd::Down(a) => Lab::new(&a.dir).down(),
        Cmd::Env(a) => {
            for (k, v) in Lab::open(&a.dir)?.env() {
                writeln!(out, "export {k}={v}")?;
            }
            Ok(())
        }
        Cmd::Tour => tour::run(out),
        Cmd::Serve(a) => Lab::open(&a.dir)?.serve(),
        Cmd::Reshape(a) => {
            let lab = Lab::open(&a.dir)?;
            let v = match a.layout.as_str() {
                "1.16" => crate::maps::Version::V1_16,
                "1.18" => crate::maps::Version::V1_18,
                other => anyhow::bail!("lab reshape: unknown layout {other:?}; use 1.16 or 1.18"),
            };
            crate::lab::datapath::reshape(&lab.root(), v)
        }
        Cmd::Mkmap(a) => mkmap(&a),
        Cmd::Fault(a) => {
            let lab = Lab::open(&a.dir)?;
            if a.name == "list" {
                for (n, what) in crate::lab::faults::FAULTS {
                    writeln!(out, "{n:<18} {what}")?;
                }
                return Ok(());
            }
            crate::lab::faults::inject(&lab, &a.name)
        }
        Cmd::Fill(a) => {
            let lab = Lab::new(&a.dir);
            lab.fill(a.ct, a.nat)?;
            lab.fill_more(a.ipcache, a.lb)?;
            writeln!(
                out,
                "filled {}: cilium_ct4_global {} entries, cilium_snat_v4_external {} entries",
                a.dir.display(),
                a.ct,
                a.nat
            )?;
            Ok(())
        }
        Cmd::Floor(a) => {
            let mut n = 0;
            for p in &a.paths {
                n += crate::bpf::dump::count(&crate::bpf::Map::open_pinned(p)?)?.entries;
            }
            writeln!(out, "{n}")?;
            Ok(())
        }
    }
}

fn mkmap(a: &MkmapArgs) -> Result<()> {
    use crate::bpf::map_type;
    use crate::bpf::sys::BPF_F_NO_PREALLOC;
    let root = Lab::open(&a.dir)?.root();
    let (t, flags) = match a.map_type.as_str() {
        "hash" => (map_type::HASH, 0),
        "lru_hash" => (map_type::LRU_HASH, 0),
        "lpm_trie" => (map_type::LPM_TRIE, BPF_F_NO_PREALLOC),
        "array" => (map_type::ARRAY, 0),
        other => anyhow::bail!("unknown map type {other:?}: use hash, lru_hash, lpm_trie or array"),
    };
    crate::lab::create_pinned(&root, &a.name, t, a.key, a.value, a.max, flags)?;
    Ok(())
}
