//! The lab: a sandbox Cilium node (cilium-m1 of the reference cluster) in a private bpffs, with a
//! stand-in agent API and Hubble server on unix sockets under the lab directory.
//!
//! Layout of a lab directory:
//! `bpffs/` (a bpf mount; maps under `bpffs/tc/globals`), `cilium.sock`, `hubble.sock`,
//! `state/agent-runtime-config.json`, `lab.pid` (the server process), `lab.log`.

pub mod agent;
pub mod ct;
pub mod datapath;
pub mod hooks;
pub mod hubble;
pub mod lb;
pub mod nat;
pub mod node;
pub mod tour;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::maps::BpfRoot;

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

    fn pid_file(&self) -> PathBuf {
        self.dir.join("lab.pid")
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

    /// Mount a private bpffs, create and fill the reference node's maps, optionally start the
    /// servers.
    pub fn up(&self, opts: UpOptions) -> Result<()> {
        std::fs::create_dir_all(self.bpffs()).with_context(|| format!("creating {}", self.bpffs().display()))?;
        if !is_bpffs(&self.bpffs()) {
            mount_bpffs(&self.bpffs())?;
        }
        let root = self.root();
        std::fs::create_dir_all(root.globals())?;
        std::fs::create_dir_all(self.state_dir())?;
        populate(&root, &self.state_dir(), opts).context("building the lab's maps")?;
        if !self.netns().exists() {
            if let Err(e) = hooks::setup(self) {
                eprintln!(
                    "warning: the lab has no attached datapath programs ({e:#}); kpr check will report them missing"
                );
            }
        }
        if opts.serve {
            self.start_server()?;
        }
        Ok(())
    }

    /// Mount the private bpffs and create only big synthetic `cilium_ct4_global` (`ct` entries)
    /// and `cilium_snat_v4_external` (`nat` entries) maps, for benchmarks. Zero skips a map.
    pub fn fill(&self, ct_entries: u32, nat_entries: u32) -> Result<()> {
        std::fs::create_dir_all(self.bpffs()).with_context(|| format!("creating {}", self.bpffs().display()))?;
        if !is_bpffs(&self.bpffs()) {
            mount_bpffs(&self.bpffs())?;
        }
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

    /// Stop the servers, unmount the bpffs and remove the directory.
    pub fn down(&self) -> Result<()> {
        if let Ok(pid) = std::fs::read_to_string(self.pid_file()) {
            if let Ok(pid) = pid.trim().parse::<i32>() {
                // SAFETY: kill(2) with a pid we started; a stale pid is at worst ESRCH.
                unsafe { libc::kill(pid, libc::SIGTERM) };
                let deadline = Instant::now() + Duration::from_secs(3);
                while Instant::now() < deadline && unsafe { libc::kill(pid, 0) } == 0 {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        }
        hooks::teardown(self);
        if is_bpffs(&self.bpffs()) {
            umount(&self.bpffs())?;
        }
        if self.dir.exists() {
            std::fs::remove_dir_all(&self.dir).with_context(|| format!("removing {}", self.dir.display()))?;
        }
        Ok(())
    }

    /// Start `cdbg lab serve` in the background and wait for its sockets.
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
        std::fs::write(self.pid_file(), child.id().to_string())?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.agent_sock().exists() && self.hubble_sock().exists() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        bail!(
            "the lab server did not create {} and {} within 10s; see {}",
            self.agent_sock().display(),
            self.hubble_sock().display(),
            self.dir.join("lab.log").display()
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

/// True when `dir` is itself a bpffs mount (statfs magic 0xcafe4a11).
pub fn is_bpffs(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: statfs fills the zeroed struct; c is a valid C string.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return false;
    }
    st.f_type as u64 == 0xcafe_4a11
}

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
