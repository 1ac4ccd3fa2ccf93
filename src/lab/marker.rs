//! The lab's ownership marker: `.cdbg-lab` in a lab directory says that `cdbg lab` made the
//! directory and records what it created beyond plain files (its bpffs mount, network namespace,
//! cgroup and server process), so that lab commands change only a lab, and only what it made.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// File name of the marker inside a lab directory.
pub const FILE: &str = ".cdbg-lab";

/// What one lab made. Written when the lab claims its directory and rewritten after each thing
/// it creates, so that an interrupted `lab up` still leaves a complete record for `lab down`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// The directory, as an absolute path when the lab claimed it.
    pub dir: PathBuf,
    /// Process that claimed the directory, its user, and when (Unix seconds).
    pub created_by_pid: u32,
    pub uid: u32,
    pub created_at: u64,
    /// The lab created the directory itself (otherwise it took over an empty one and leaves it).
    pub made_dir: bool,
    /// The lab mounted the bpffs at `bpffs/`.
    pub bpffs_mounted: bool,
    /// The lab bind-mounted its network namespace at `netns`.
    pub netns_mounted: bool,
    /// The cgroup the lab created.
    pub cgroup: Option<PathBuf>,
    /// The server process `lab up` started.
    pub server: Option<Server>,
    /// A multi-node lab: the node subdirectories, each a lab of its own.
    #[serde(default)]
    pub cluster_nodes: Vec<String>,
    /// The sshd processes of a multi-node lab started with `--ssh`.
    #[serde(default)]
    pub sshd: Vec<Server>,
    /// The stand-in Kubernetes API server of a multi-node lab started with `--apiserver`.
    #[serde(default)]
    pub apiserver: Option<Server>,
}

/// A process the lab started: the pid plus its start time (clock ticks since boot, from
/// `/proc/PID/stat`), so that a reused pid is never mistaken for it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Server {
    pub pid: i32,
    pub start_time: u64,
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

impl Marker {
    /// True when `dir` holds a marker (readable or not).
    pub fn present(dir: &Path) -> bool {
        path(dir).exists()
    }

    /// Claim `dir` for a new lab: create it, or take it over when it exists and is empty, and
    /// write the marker. Refuses a directory with anything in it.
    pub fn claim(dir: &Path) -> Result<Marker> {
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        let made_dir = match std::fs::create_dir(dir) {
            Ok(()) => true,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let mut entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
                if entries.next().is_some() {
                    bail!(
                        "{} is not empty and is not a cdbg lab (it has no {FILE} marker): the lab builds only in a new or empty directory, so that `lab down` never removes anything else; choose another --dir",
                        dir.display()
                    );
                }
                false
            }
            Err(e) => bail!(
                "cannot create the lab directory {}: {e}; choose another --dir",
                dir.display()
            ),
        };
        let dir = std::fs::canonicalize(dir).with_context(|| format!("resolving {}", dir.display()))?;
        let meta = std::fs::metadata(&dir)?;
        let m = Marker {
            created_by_pid: std::process::id(),
            uid: meta.uid(),
            created_at: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0),
            made_dir,
            dir,
            ..Marker::default()
        };
        // The first write creates the marker exclusively: of two claims at once, one wins.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path(&m.dir))
            .with_context(|| format!("{} is being claimed by another lab command", m.dir.display()))?;
        m.save()?;
        Ok(m)
    }

    /// The marker of the lab in `dir`; an error naming the directory and the fix when `dir` does
    /// not exist or is not a lab.
    pub fn load(dir: &Path) -> Result<Marker> {
        if !dir.exists() {
            bail!(
                "no lab at {}: the directory does not exist (create a lab with `cdbg lab up --dir {}`)",
                dir.display(),
                dir.display()
            );
        }
        let p = path(dir);
        let text = match std::fs::read_to_string(&p) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                "{} is not a cdbg lab (it has no {FILE} marker, which `cdbg lab up` writes): refusing to change it; point --dir at a directory made by `cdbg lab up`",
                dir.display()
            ),
            Err(e) => bail!("cannot read the lab marker {}: {e}", p.display()),
        };
        serde_json::from_str(&text).with_context(|| {
            format!(
                "the lab marker {} is damaged; if {} is a lab, stop and remove it by hand",
                p.display(),
                dir.display()
            )
        })
    }

    /// Change the marker of the lab in `dir` and write it back.
    pub fn update(dir: &Path, f: impl FnOnce(&mut Marker)) -> Result<Marker> {
        let mut m = Marker::load(dir)?;
        f(&mut m);
        m.save()?;
        Ok(m)
    }

    /// Write the marker (a temporary file renamed over it, so a reader never sees half of it).
    fn save(&self) -> Result<()> {
        let p = path(&self.dir);
        let tmp = self.dir.join(format!("{FILE}.tmp"));
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, &p).with_context(|| format!("writing {}", p.display()))?;
        Ok(())
    }
}

impl Server {
    /// Identify the running process `pid`.
    pub fn of(pid: i32) -> Result<Server> {
        let (_, start_time) = stat(pid).with_context(|| format!("reading /proc/{pid}/stat"))?;
        Ok(Server { pid, start_time })
    }

    /// True while the process runs (a pid now used by another process, or a zombie, is not it).
    pub fn alive(&self) -> bool {
        matches!(stat(self.pid), Some((state, t)) if t == self.start_time && state != 'Z' && state != 'X')
    }
}

/// State letter and start time of process `pid`, from `/proc/PID/stat`.
fn stat(pid: i32) -> Option<(char, u64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
    let rest = &s[s.rfind(')')? + 1..];
    let mut f = rest.split_whitespace();
    let state = f.next()?.chars().next()?;
    // Field 22 (starttime) is the 20th after the command name.
    let start = f.nth(18)?.parse().ok()?;
    Some((state, start))
}

/// Mount points at or below `dir`, from `/proc/self/mountinfo`.
pub fn mounts_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(mi) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return Vec::new();
    };
    mi.lines()
        .filter_map(|l| l.split_whitespace().nth(4).map(unescape))
        .filter(|p| p.starts_with(dir))
        .collect()
}

/// Undo mountinfo's octal escapes (`\040` for a space).
fn unescape(s: &str) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c)) {
            out.push((b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0'));
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mountinfo_escapes() {
        assert_eq!(unescape(r"/tmp/a\040b"), PathBuf::from("/tmp/a b"));
        assert_eq!(unescape(r"/tmp/x\\"), PathBuf::from(r"/tmp/x\\"));
        assert_eq!(unescape("/sys/fs/bpf"), PathBuf::from("/sys/fs/bpf"));
    }

    #[test]
    fn own_process_is_alive_and_a_changed_start_time_is_not() {
        let me = Server::of(std::process::id() as i32).unwrap();
        assert!(me.alive());
        let other = Server {
            start_time: me.start_time + 1,
            ..me
        };
        assert!(!other.alive());
    }

    #[test]
    fn claim_refuses_a_foreign_directory_and_load_a_missing_marker() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("keep"), "x").unwrap();
        let e = Marker::claim(tmp.path()).unwrap_err().to_string();
        assert!(e.contains("not empty") && e.contains(FILE), "{e}");
        let e = Marker::load(tmp.path()).unwrap_err().to_string();
        assert!(e.contains("not a cdbg lab"), "{e}");
        assert!(tmp.path().join("keep").exists());

        let new = tmp.path().join("lab");
        let m = Marker::claim(&new).unwrap();
        assert!(m.made_dir);
        assert_eq!(Marker::load(&new).unwrap(), m);
        let m2 = Marker::update(&new, |m| m.bpffs_mounted = true).unwrap();
        assert!(m2.bpffs_mounted && Marker::load(&new).unwrap().bpffs_mounted);
        let e = Marker::load(&tmp.path().join("nope")).unwrap_err().to_string();
        assert!(e.contains("does not exist"), "{e}");
    }
}
