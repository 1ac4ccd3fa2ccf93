//! Test helpers: a lab node per test in a temp dir, running the cdbg binary with a scrubbed
//! environment, and golden-file comparison (`BLESS=1 cargo test` rewrites the goldens).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Path of the binary under test.
pub fn cdbg_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cdbg"))
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Report a root-only test as skipped. In CI (which runs as root) a skip is a failure.
pub fn skip(name: &str) {
    eprintln!("SKIPPED {name}: needs root to mount a private bpffs and create maps; CI runs it as root");
    assert!(std::env::var_os("CI").is_none(), "{name} must not be skipped in CI");
}

/// A command with the environment scrubbed of anything that changes cdbg's output.
pub fn command() -> Command {
    let mut c = Command::new(cdbg_bin());
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().to_string();
        if k.starts_with("CILIUM_")
            || k.starts_with("HUBBLE_")
            || k.starts_with("CDBG_")
            || k == "COLUMNS"
            || k == "NO_COLOR"
            || k == "LANG"
            || k == "LC_ALL"
        {
            c.env_remove(k);
        }
    }
    c.env("TZ", "UTC");
    // Never touch the host's /sys/fs/bpf or agent sockets from a test.
    c.env("CDBG_BPF_ROOT", "/nonexistent/bpffs");
    c.env("CILIUM_HOST", "unix:///nonexistent/cilium.sock");
    c.env("HUBBLE_SERVER", "unix:///nonexistent/hubble.sock");
    c.env("CDBG_STATE_DIR", "/nonexistent/state");
    c
}

/// A lab node in a temporary directory, removed on drop.
pub struct TestLab {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    /// Extra environment for `lab up` and every command (test hooks such as fixed clocks).
    env: Vec<(String, String)>,
}

impl TestLab {
    /// Build a lab (`lab up --dir`), with extra `lab up` flags. `None` (after a skip notice)
    /// when not root.
    pub fn up(test: &str, flags: &[&str]) -> Option<TestLab> {
        Self::up_env(test, flags, &[])
    }

    /// Like [`up`](Self::up), with extra environment for `lab up` and every later command.
    pub fn up_env(test: &str, flags: &[&str], env: &[(&str, &str)]) -> Option<TestLab> {
        if !is_root() {
            skip(test);
            return None;
        }
        let tmp = tempfile::Builder::new().prefix("cdbg-test-").tempdir().unwrap();
        let dir = tmp.path().join("lab");
        let o = command()
            .envs(env.iter().copied())
            .args(["lab", "up", "--dir"])
            .arg(&dir)
            .args(flags)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "lab up failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        Some(TestLab {
            _tmp: tmp,
            dir,
            env: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        })
    }

    /// Maps only, no agent or Hubble server.
    pub fn maps_only(test: &str) -> Option<TestLab> {
        Self::up(test, &["--no-serve"])
    }

    pub fn bpffs(&self) -> PathBuf {
        self.dir.join("bpffs")
    }

    pub fn globals(&self) -> PathBuf {
        self.bpffs().join("tc/globals")
    }

    /// A cdbg command pointed at this lab.
    pub fn cmd(&self) -> Command {
        let mut c = command();
        c.env("CDBG_BPF_ROOT", self.bpffs());
        c.env(
            "CILIUM_HOST",
            format!("unix://{}", self.dir.join("cilium.sock").display()),
        );
        c.env(
            "HUBBLE_SERVER",
            format!("unix://{}", self.dir.join("hubble.sock").display()),
        );
        c.env("CDBG_STATE_DIR", self.dir.join("state"));
        c.env("CDBG_NETNS", self.dir.join("netns"));
        if let Ok(cg) = std::fs::read_to_string(self.dir.join("cgroup")) {
            c.env("CDBG_CGROUP_ROOT", cg.trim());
        }
        c.envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        c
    }

    /// Run `cdbg ARGS` against the lab.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
}

impl Drop for TestLab {
    fn drop(&mut self) {
        let _ = command().args(["lab", "down", "--dir"]).arg(&self.dir).output();
    }
}

/// The transcript a golden file holds: the command, stdout verbatim, then stderr and the exit
/// status when they are not empty / zero.
pub fn transcript(args: &[&str], o: &Output) -> String {
    let mut s = format!("$ cdbg {}\n", args.join(" "));
    s.push_str(&String::from_utf8_lossy(&o.stdout));
    if !o.stderr.is_empty() {
        s.push_str("--- stderr\n");
        s.push_str(&String::from_utf8_lossy(&o.stderr));
    }
    let code = o.status.code().unwrap_or(-1);
    if code != 0 {
        s.push_str(&format!("--- exit {code}\n"));
    }
    s
}

/// Compare `actual` with `tests/golden/NAME`; with `BLESS=1` write it instead.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing golden file {}; run with BLESS=1 to create it", path.display()));
    if expected != actual {
        panic!(
            "output differs from {}\n{}\n--- expected\n{expected}\n--- actual\n{actual}\n{}\n(re-bless with BLESS=1 if the change is intended)",
            path.display(),
            "=".repeat(72),
            "=".repeat(72)
        );
    }
}

/// Run ARGS against the lab and compare the transcript with `tests/golden/NAME`.
pub fn check(lab: &TestLab, name: &str, args: &[&str]) {
    let o = lab.run(args);
    golden(name, &transcript(args, &o));
}
