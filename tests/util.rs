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

/// One answer of a fake agent.
#[derive(Clone)]
pub enum Answer {
    /// A whole HTTP response, written as is.
    Raw(Vec<u8>),
    /// `200 OK` without Content-Length, then `[`, this many spaces, `]`, then close.
    Stream(usize),
}

impl Answer {
    /// A JSON response with this status line (`"200 OK"`) and body.
    pub fn json(status: &str, body: &str) -> Answer {
        Answer::Raw(
            format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
        )
    }
}

/// A fake cilium-agent: HTTP over a unix socket, one answer per request, served on a thread.
pub struct FakeAgent {
    _tmp: Option<tempfile::TempDir>,
    pub sock: PathBuf,
}

impl FakeAgent {
    /// Answer every request with `answer`.
    pub fn always(answer: Answer) -> FakeAgent {
        FakeAgent::in_temp(move |_| answer.clone())
    }

    /// Answer by path prefix, longest first (`""` matches all); anything else gets an empty 404.
    pub fn by_prefix(routes: Vec<(&'static str, Answer)>) -> FakeAgent {
        let mut routes = routes;
        routes.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        FakeAgent::in_temp(move |path| match routes.iter().find(|(p, _)| path.starts_with(p)) {
            Some((_, a)) => a.clone(),
            None => Answer::Raw(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec()),
        })
    }

    /// Answer 200 with a route's body when the path is the route or below it (`route/...`),
    /// longest first; anything else gets a JSON 404.
    pub fn by_path(routes: &[(&str, &str)]) -> FakeAgent {
        let mut routes: Vec<(String, String)> = routes.iter().map(|(p, b)| (p.to_string(), b.to_string())).collect();
        routes.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        FakeAgent::in_temp(move |path| {
            match routes
                .iter()
                .find(|(p, _)| path == *p || path.starts_with(&format!("{p}/")))
            {
                Some((_, body)) => Answer::json("200 OK", body),
                None => Answer::json("404 Not Found", r#"{"message":"not found"}"#),
            }
        })
    }

    /// Serve on `cilium.sock` in a temp dir removed on drop.
    fn in_temp(answer: impl Fn(&str) -> Answer + Send + 'static) -> FakeAgent {
        let tmp = tempfile::tempdir().unwrap();
        let mut f = FakeAgent::at(tmp.path().join("cilium.sock"), answer);
        f._tmp = Some(tmp);
        f
    }

    /// Serve on the socket `sock` (replacing a stale one), answering by request path.
    pub fn at(sock: PathBuf, answer: impl Fn(&str) -> Answer + Send + 'static) -> FakeAgent {
        use std::io::{Read, Write};
        let _ = std::fs::remove_file(&sock);
        let l = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        std::thread::spawn(move || {
            for s in l.incoming() {
                let Ok(mut s) = s else { break };
                let mut buf = [0u8; 4096];
                let mut got = Vec::new();
                while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => got.extend_from_slice(&buf[..n]),
                    }
                }
                let req = String::from_utf8_lossy(&got);
                let path = req.split_whitespace().nth(1).unwrap_or("");
                match answer(path) {
                    Answer::Raw(r) => {
                        let _ = s.write_all(&r);
                    }
                    Answer::Stream(n) => {
                        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n[");
                        let chunk = vec![b' '; 64 * 1024];
                        let mut left = n;
                        while left > 0 {
                            let k = left.min(chunk.len());
                            if s.write_all(&chunk[..k]).is_err() {
                                break;
                            }
                            left -= k;
                        }
                        let _ = s.write_all(b"]");
                    }
                }
            }
        });
        FakeAgent { _tmp: None, sock }
    }

    /// The `CILIUM_HOST` value that reaches it.
    pub fn host(&self) -> String {
        format!("unix://{}", self.sock.display())
    }

    /// Run cdbg against it with extra environment.
    pub fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut c = command();
        c.env("CILIUM_HOST", self.host()).args(args);
        c.envs(env.iter().copied());
        c.output().unwrap()
    }
}

/// Take down a lab a test built in `dir` (for `Drop`): a failure is printed, not raised.
pub fn lab_down(dir: &Path) {
    let o = command().args(["lab", "down", "--dir"]).arg(dir).output().unwrap();
    if !o.status.success() {
        eprintln!("lab down: {}", String::from_utf8_lossy(&o.stderr));
    }
}
