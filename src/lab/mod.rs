//! The lab: a sandbox Cilium node (cilium-m1 of the reference cluster) in a private bpffs, with a
//! stand-in agent API and Hubble server on unix sockets under the lab directory.
//!
//! Layout of a lab directory:
//! `bpffs/` (a bpf mount; maps under `bpffs/tc/globals`), `cilium.sock`, `hubble.sock`,
//! `state/agent-runtime-config.json`, `lab.log` (the server's output), and `.cdbg-lab`, the
//! [`marker`] that makes it a lab and records what the lab created.

pub mod agent;
pub mod apiserver;
pub mod cluster;
pub mod ct;
pub mod datapath;
pub mod faults;
pub mod hooks;
pub mod hubble;
pub mod lb;
pub mod marker;
pub mod nat;
pub mod node;
pub mod tour;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::maps::BpfRoot;
use marker::{Marker, Server};

/// Paths of one lab instance.
#[derive(Debug, Clone)]
pub struct Lab {
    pub dir: PathBuf,
}

/// What `lab up` builds.
#[derive(Debug, Clone, Copy, Default)]
pub struct UpOptions {
    /// Add the broken states the triage checks must catch (orphan backend, missing backend,
    /// near-full NAT map, stale agent heartbeat).
    pub faults: bool,
    /// Start the stand-in agent and Hubble servers.
    pub serve: bool,
}

impl Lab {
    pub fn new(dir: impl Into<PathBuf>) -> Lab {
        Lab { dir: dir.into() }
    }

    pub fn bpffs(&self) -> PathBuf {
        self.dir.join("bpffs")
    }

    pub fn root(&self) -> BpfRoot {
        BpfRoot(self.bpffs())
    }

    pub fn agent_sock(&self) -> PathBuf {
        self.dir.join("cilium.sock")
    }

    pub fn hubble_sock(&self) -> PathBuf {
        self.dir.join("hubble.sock")
    }

    pub fn state_dir(&self) -> PathBuf {
        self.dir.join("state")
    }

    /// Environment that points cdbg (and cilium-dbg / hubble) at this lab.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("CDBG_BPF_ROOT", self.bpffs().display().to_string()),
            ("CILIUM_HOST", format!("unix://{}", self.agent_sock().display())),
            ("HUBBLE_SERVER", format!("unix://{}", self.hubble_sock().display())),
            ("CDBG_STATE_DIR", self.state_dir().display().to_string()),
            ("CDBG_NETNS", self.netns().display().to_string()),
            (
                "CDBG_CGROUP_ROOT",
                self.cgroup().map(|p| p.display().to_string()).unwrap_or_default(),
            ),
        ]
    }

    /// The lab in `dir`; an error naming the directory and the fix when it is not one (no
    /// [`marker`] file). Every lab command that writes to or serves from a directory opens it so.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Lab> {
        let lab = Lab::new(dir);
        Marker::load(&lab.dir)?;
        Ok(lab)
    }

    /// Claim a new or empty directory, mount a private bpffs, create and fill the reference
    /// node's maps, optionally start the servers. Refuses a directory that already holds a lab.
    pub fn up(&self, opts: UpOptions) -> Result<()> {
        if Marker::present(&self.dir) {
            let m = Marker::load(&self.dir)?;
            let what = match m.server {
                Some(s) if s.alive() => format!("its server, pid {}, is running", s.pid),
                _ => "no lab server is running".to_string(),
            };
            let d = self.dir.display();
            bail!(
                "a lab already exists in {d} ({what}): use it with `eval \"$(cdbg lab env --dir {d})\"`, or remove it first with `cdbg lab down --dir {d}`"
            );
        }
        Marker::claim(&self.dir)?;
        self.undo_on_error(|| self.build(opts))
    }

    /// The work of [`up`](Self::up) after the directory is claimed.
    fn build(&self, opts: UpOptions) -> Result<()> {
        self.mount()?;
        let root = self.root();
        std::fs::create_dir_all(root.globals())?;
        std::fs::create_dir_all(self.state_dir())?;
        populate(&root, &self.state_dir(), opts).context("building the lab's maps")?;
        if let Err(e) = hooks::setup(self) {
            crate::output::notes::warn(format_args!(
                "the lab has no attached datapath programs ({e:#}); kpr check will report them missing"
            ));
        }
        if opts.serve {
            self.start_server()?;
        }
        Ok(())
    }

    /// Mount the private bpffs and create only big synthetic `cilium_ct4_global` (`ct` entries)
    /// and `cilium_snat_v4_external` (`nat` entries) maps, for benchmarks. Zero skips a map.
    /// Works in an existing lab, or claims a new or empty directory as `up` does.
    pub fn fill(&self, ct_entries: u32, nat_entries: u32) -> Result<()> {
        if Marker::present(&self.dir) {
            Marker::load(&self.dir)?;
            self.fill_maps(ct_entries, nat_entries)
        } else {
            Marker::claim(&self.dir)?;
            self.undo_on_error(|| self.fill_maps(ct_entries, nat_entries))
        }
    }

    fn fill_maps(&self, ct_entries: u32, nat_entries: u32) -> Result<()> {
        self.mount()?;
        let root = self.root();
        std::fs::create_dir_all(root.globals())?;
        let slack = |n: u32| (n + n / 4).max(1024);
        if ct_entries > 0 {
            ct::fill(&root, ct_entries, slack(ct_entries)).context("filling cilium_ct4_global")?;
        }
        if nat_entries > 0 {
            nat::fill(&root, nat_entries, slack(nat_entries)).context("filling cilium_snat_v4_external")?;
        }
        Ok(())
    }

    /// After [`Lab::fill`]: add a big synthetic `cilium_ipcache_v2` (`ipcache` prefixes) and
    /// IPv4 load-balancer maps (`lb` service slots and as many backends). Zero skips a map.
    pub fn fill_more(&self, ipcache: u32, lb: u32) -> Result<()> {
        let root = self.root();
        if ipcache > 0 {
            datapath::fill_ipcache(&root, ipcache).context("filling cilium_ipcache_v2")?;
        }
        if lb > 0 {
            lb::fill(&root, lb).context("filling the IPv4 load-balancer maps")?;
        }
        Ok(())
    }

    /// Run `f` on a lab just claimed; when it fails, take the half-built lab down again.
    fn undo_on_error(&self, f: impl FnOnce() -> Result<()>) -> Result<()> {
        let r = f();
        if let Err(e) = &r {
            if let Err(d) = self.down() {
                bail!("{e:#}; removing the half-built lab failed too: {d:#}");
            }
        }
        r
    }

    /// Mount the lab's bpffs unless it is mounted, and record that the lab mounted it.
    fn mount(&self) -> Result<()> {
        std::fs::create_dir_all(self.bpffs()).with_context(|| format!("creating {}", self.bpffs().display()))?;
        if !is_bpffs(&self.bpffs()) {
            mount_bpffs(&self.bpffs())?;
            Marker::update(&self.dir, |m| m.bpffs_mounted = true)?;
        }
        Ok(())
    }

    /// Undo what the marker records, in reverse: stop the server, remove the network namespace
    /// mount and the cgroup, unmount the bpffs, then remove the directory (or, when the lab took
    /// over an existing empty directory, only its contents). Anything else is left alone: when a
    /// step fails, or something is still mounted inside, the directory stays and the error says
    /// what to do.
    pub fn down(&self) -> Result<()> {
        let m = Marker::load(&self.dir)?;
        let mut failed: Vec<String> = Vec::new();
        cluster::down_nodes(&self.dir, &m, &mut failed);
        if let Some(s) = m.server {
            if let Err(e) = stop(s) {
                failed.push(format!("{e:#}"));
            }
        }
        hooks::teardown(self, &m, &mut failed);
        if m.bpffs_mounted && is_bpffs(&self.bpffs()) {
            if let Err(e) = umount(&self.bpffs()) {
                failed.push(format!("{e:#}"));
            }
        }
        let canon = std::fs::canonicalize(&self.dir).with_context(|| format!("resolving {}", self.dir.display()))?;
        let mounted: Vec<String> = marker::mounts_under(&canon)
            .into_iter()
            .filter(|p| *p != canon)
            .map(|p| p.display().to_string())
            .collect();
        if !mounted.is_empty() {
            failed.push(format!(
                "still mounted inside the lab, and not made by it: {}; unmount (umount -l PATH) and run lab down again",
                mounted.join(", ")
            ));
        }
        if !failed.is_empty() {
            bail!("lab down left {} in place: {}", self.dir.display(), failed.join("; "));
        }
        if m.made_dir {
            std::fs::remove_dir_all(&self.dir).with_context(|| format!("removing {}", self.dir.display()))?;
        } else {
            for e in std::fs::read_dir(&self.dir)? {
                let p = e?.path();
                let r = if p.is_dir() && !p.is_symlink() {
                    std::fs::remove_dir_all(&p)
                } else {
                    std::fs::remove_file(&p)
                };
                r.with_context(|| format!("removing {}", p.display()))?;
            }
        }
        Ok(())
    }

    /// Start `cdbg lab serve` in the background, record it in the marker, and wait for its
    /// sockets.
    fn start_server(&self) -> Result<()> {
        use std::os::unix::process::CommandExt;
        let exe = std::env::current_exe().context("finding the cdbg binary")?;
        let log = std::fs::File::create(self.dir.join("lab.log"))?;
        let mut cmd = std::process::Command::new(exe);
        cmd.args(["lab", "serve", "--dir"])
            .arg(&self.dir)
            .stdin(std::process::Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        // SAFETY: setsid is async-signal-safe; detaches the server from our terminal.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
        let child = cmd.spawn().context("starting the lab server")?;
        let server = Server::of(child.id() as i32)?;
        Marker::update(&self.dir, |m| m.server = Some(server))?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.agent_sock().exists() && self.hubble_sock().exists() {
                return Ok(());
            }
            if !server.alive() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let log = std::fs::read_to_string(self.dir.join("lab.log")).unwrap_or_default();
        bail!(
            "the lab server did not create {} and {} (it exited, or took over 10s); its output:\n{}",
            self.agent_sock().display(),
            self.hubble_sock().display(),
            log.trim_end()
        )
    }

    /// Serve the stand-in agent and Hubble until SIGTERM/SIGINT (runs in `cdbg lab serve`).
    pub fn serve(&self) -> Result<()> {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        rt.block_on(async {
            let agent = agent::serve(self.clone());
            let hubble = hubble::serve(self.clone());
            let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
            tokio::select! {
                r = agent => r.context("stand-in agent")?,
                r = hubble => r.context("stand-in hubble")?,
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            let _ = std::fs::remove_file(self.agent_sock());
            let _ = std::fs::remove_file(self.hubble_sock());
            Ok(())
        })
    }
}

/// Create every map of the reference node.
fn populate(root: &BpfRoot, state_dir: &Path, opts: UpOptions) -> Result<()> {
    lb::populate(root, opts).context("LB maps")?;
    ct::populate(root, opts).context("conntrack maps")?;
    nat::populate(root, opts).context("NAT maps")?;
    datapath::populate(root, opts).context("endpoint, ipcache, policy and other maps")?;
    agent::write_state(state_dir, opts).context("agent state files")?;
    Ok(())
}

/// Create a map and pin it under the lab's globals directory.
pub fn create_pinned(
    root: &BpfRoot,
    name: &str,
    map_type: u32,
    key_size: u32,
    value_size: u32,
    max_entries: u32,
    flags: u32,
) -> Result<crate::bpf::Map> {
    let path = root.path(name);
    if path.exists() {
        std::fs::remove_file(&path)?;
    }
    let mut m = crate::bpf::Map::create(map_type, name, key_size, value_size, max_entries, flags)?;
    m.pin(&path)?;
    Ok(m)
}

pub use crate::bpf::fs::is_bpffs;

fn mount_bpffs(dir: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let target = std::ffi::CString::new(dir.as_os_str().as_bytes())?;
    // SAFETY: all pointers are valid NUL-terminated strings.
    let r = unsafe { libc::mount(c"bpf".as_ptr(), target.as_ptr(), c"bpf".as_ptr(), 0, std::ptr::null()) };
    if r != 0 {
        let e = std::io::Error::last_os_error();
        bail!(
            "cannot mount a bpf filesystem at {}: {e} — the lab needs root (CAP_SYS_ADMIN) to mount its private bpffs",
            dir.display()
        );
    }
    Ok(())
}

/// Stop a server the lab started: SIGTERM, then SIGKILL; done when the process is gone.
fn stop(s: Server) -> Result<()> {
    for (sig, wait) in [(libc::SIGTERM, 3), (libc::SIGKILL, 2)] {
        if !s.alive() {
            return Ok(());
        }
        // SAFETY: kill(2) on the pid the marker recorded, checked against its start time above.
        unsafe { libc::kill(s.pid, sig) };
        let deadline = Instant::now() + Duration::from_secs(wait);
        while Instant::now() < deadline && s.alive() {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    if s.alive() {
        bail!(
            "the lab server (pid {}) is still running after SIGTERM and SIGKILL",
            s.pid
        );
    }
    Ok(())
}

fn umount(dir: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let target = std::ffi::CString::new(dir.as_os_str().as_bytes())?;
    // SAFETY: valid C string; MNT_DETACH lets open fds keep the maps alive.
    if unsafe { libc::umount2(target.as_ptr(), libc::MNT_DETACH) } != 0 {
        let e = std::io::Error::last_os_error();
        bail!("cannot unmount {}: {e}", dir.display());
    }
    Ok(())
}
