//! Transports: how one node runs one cdbg command. `ssh` (the system client with the user's
//! config and keys) and `exec` (a command prefix such as `docker exec {node}`) run a local
//! process; the Kubernetes transport execs into the agent pod.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Instant;

use super::{shell_quote, Node, Outcome};

/// The bytes of stderr kept per node for the failed-nodes table.
pub const STDERR_TAIL: usize = 2048;

/// What a node's run produced besides its stdout lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub outcome: Outcome,
    /// The last bytes the node wrote to stderr (lossy UTF-8).
    pub stderr_tail: String,
}

impl Run {
    /// A run that failed outside the command (it could not start, or its stream broke).
    pub fn failed(why: impl Into<String>) -> Run {
        Run {
            outcome: Outcome::Failed(why.into()),
            stderr_tail: String::new(),
        }
    }

    /// A run stopped at its deadline.
    pub fn timed_out() -> Run {
        Run {
            outcome: Outcome::TimedOut,
            stderr_tail: String::new(),
        }
    }
}

/// The last [`STDERR_TAIL`] bytes of a stream, kept as it is read.
#[derive(Debug, Default)]
pub struct Tail {
    kept: Vec<u8>,
}

impl Tail {
    /// Add what was read; older bytes go once twice the tail is held.
    pub fn push(&mut self, bytes: &[u8]) {
        self.kept.extend_from_slice(bytes);
        if self.kept.len() > 2 * STDERR_TAIL {
            self.kept.drain(..self.kept.len() - STDERR_TAIL);
        }
    }

    /// The tail as text (lossy UTF-8).
    pub fn text(mut self) -> String {
        if self.kept.len() > STDERR_TAIL {
            self.kept.drain(..self.kept.len() - STDERR_TAIL);
        }
        String::from_utf8_lossy(&self.kept).into_owned()
    }
}

/// One node's stdout, a line at a time (with its newline); returns false when nobody reads any
/// more (the run then ends early).
pub type LineSink<'a> = dyn FnMut(&[u8]) -> bool + 'a;

/// Runs a command on a node and streams its stdout.
pub trait Transport: Send + Sync {
    /// Run `argv` (a cdbg command line, without the program) on `node`; stop at `deadline`.
    fn run(&self, node: &Node, argv: &[String], lines: &mut LineSink<'_>, deadline: Instant) -> Run;

    /// Copy the file `binary` to `remote_path` on `node` (through a temp file and a rename) and
    /// print its SHA-256 there as the first word of the first line.
    fn install(
        &self,
        node: &Node,
        binary: &Path,
        remote_path: &str,
        lines: &mut LineSink<'_>,
        deadline: Instant,
    ) -> Run;
}

/// The node-side script of a shell-based install: stdin to a temp file beside the target,
/// executable, renamed over it, then its checksum (`sha256sum`, else `cdbg version`).
pub fn install_script(remote_path: &str) -> String {
    let p = shell_quote(remote_path);
    format!(
        "set -e; t={p}.cdbg-new.$$; trap 'rm -f \"$t\"' EXIT; cat > \"$t\"; chmod 755 \"$t\"; mv -f \"$t\" {p}; \
         trap - EXIT; if command -v sha256sum >/dev/null 2>&1; then sha256sum {p}; else {p} version; fi"
    )
}

/// `ssh [options] HOST REMOTE-PATH ARGS…` with the system client.
#[derive(Debug, Clone)]
pub struct Ssh {
    /// `--ssh-option` values, each passed as `-o VALUE`.
    pub options: Vec<String>,
    /// Where cdbg is on the nodes.
    pub remote_path: String,
    /// The ssh program (tests point it at a wrapper).
    pub program: String,
}

impl Local for Ssh {
    /// `ssh -o BatchMode=yes [-o OPTION…] -- HOST REMOTE-COMMAND`. Batch mode: a password or
    /// host-key question would hang a fleet run.
    fn command(&self, node: &Node, remote: &str) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(["-o", "BatchMode=yes"]);
        for o in &self.options {
            cmd.args(["-o", o]);
        }
        cmd.arg("--").arg(&node.target).arg(remote);
        cmd
    }
    fn remote_path(&self) -> &str {
        &self.remote_path
    }
}

/// `sh -c 'PREFIX REMOTE-PATH ARGS…'` with `{node}` in the prefix replaced by the node.
#[derive(Debug, Clone)]
pub struct Exec {
    pub prefix: String,
    pub remote_path: String,
}

impl Local for Exec {
    /// `sh -c 'PREFIX COMMAND'` with `{node}` in the prefix replaced by the quoted node.
    fn command(&self, node: &Node, remote: &str) -> Command {
        let prefix = self.prefix.replace("{node}", &shell_quote(&node.target));
        let mut cmd = Command::new("/bin/sh");
        cmd.arg("-c").arg(format!("{prefix} {remote}"));
        cmd
    }
    fn remote_path(&self) -> &str {
        &self.remote_path
    }
    /// The prefix may not run a shell on the node (`docker exec NODE`): the script gets one.
    fn install_line(&self, script: String) -> String {
        format!("sh -c {}", shell_quote(&script))
    }
}

/// A transport that runs a local process given the node and a shell command line for it.
trait Local {
    /// The local process that runs shell command line `remote` on `node`.
    fn command(&self, node: &Node, remote: &str) -> Command;
    /// Where cdbg is on the nodes.
    fn remote_path(&self) -> &str;
    /// The install script as the remote command line runs it.
    fn install_line(&self, script: String) -> String {
        script
    }
}

impl<T: Local + Send + Sync> Transport for T {
    fn run(&self, node: &Node, argv: &[String], lines: &mut LineSink<'_>, deadline: Instant) -> Run {
        let cmd = self.command(node, &remote_line(self.remote_path(), argv));
        run_process(cmd, None, lines, deadline)
    }

    fn install(
        &self,
        node: &Node,
        binary: &Path,
        remote_path: &str,
        lines: &mut LineSink<'_>,
        deadline: Instant,
    ) -> Run {
        let cmd = self.command(node, &self.install_line(install_script(remote_path)));
        run_process(cmd, Some(binary), lines, deadline)
    }
}

/// The remote shell command: the program and every argument quoted.
pub fn remote_line(remote_path: &str, argv: &[String]) -> String {
    let mut s = shell_quote(remote_path);
    for a in argv {
        s.push(' ');
        s.push_str(&shell_quote(a));
    }
    s
}

/// Run a local process in its own process group (stdin from `input` or nothing), stream its
/// stdout by lines, keep the tail of its stderr, and kill the whole group at `deadline`.
pub fn run_process(mut cmd: Command, input: Option<&Path>, lines: &mut LineSink<'_>, deadline: Instant) -> Run {
    use std::os::unix::process::CommandExt;
    let stdin = match input {
        None => Stdio::null(),
        Some(p) => match std::fs::File::open(p) {
            Ok(f) => Stdio::from(f),
            Err(e) => return Run::failed(format!("cannot read {}: {e}", p.display())),
        },
    };
    cmd.stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let program = cmd.get_program().to_string_lossy().into_owned();
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return Run::failed(format!("cannot run {program}: {e}")),
    };
    let pid = child.id() as i32;
    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let err_reader = std::thread::spawn(move || tail(stderr));

    // The watchdog kills the group at the deadline unless told the run is over first.
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let wait = deadline.saturating_duration_since(Instant::now());
        match done_rx.recv_timeout(wait) {
            Err(mpsc::RecvTimeoutError::Timeout) => {
                kill_group(pid);
                true
            }
            _ => false,
        }
    });

    let mut reader = BufReader::with_capacity(64 * 1024, stdout);
    let mut line = Vec::with_capacity(256);
    let mut stopped = false;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                if !lines(&line) {
                    stopped = true;
                    kill_group(pid);
                    break;
                }
            }
        }
    }
    drop(reader);
    let status = child.wait();
    let _ = done_tx.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    let stderr_tail = err_reader.join().unwrap_or_default();
    let outcome = if timed_out {
        Outcome::TimedOut
    } else if stopped {
        Outcome::Failed("output no longer read".into())
    } else {
        match status {
            Ok(s) => match s.code() {
                Some(c) => Outcome::Exited(c),
                None => Outcome::Failed(format!("{program} was killed by a signal")),
            },
            Err(e) => Outcome::Failed(format!("waiting for {program}: {e}")),
        }
    };
    Run { outcome, stderr_tail }
}

fn kill_group(pid: i32) {
    if let Some(p) = rustix::process::Pid::from_raw(pid) {
        let _ = rustix::process::kill_process_group(p, rustix::process::Signal::KILL);
    }
}

/// Read everything, keep the tail as text.
fn tail(mut r: impl Read) -> String {
    let mut kept = Tail::default();
    let mut buf = [0u8; 8192];
    while let Ok(n) = r.read(&mut buf) {
        if n == 0 {
            break;
        }
        kept.push(&buf[..n]);
    }
    kept.text()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn sh(script: &str, timeout: Duration) -> (Vec<String>, Run) {
        let mut cmd = Command::new("/bin/sh");
        cmd.arg("-c").arg(script);
        let mut got = Vec::new();
        let run = run_process(
            cmd,
            None,
            &mut |l: &[u8]| {
                got.push(String::from_utf8_lossy(l).into_owned());
                true
            },
            Instant::now() + timeout,
        );
        (got, run)
    }

    #[test]
    fn lines_exit_status_and_stderr_tail_come_back() {
        let (lines, run) = sh("echo one; echo two; echo oops >&2; exit 3", Duration::from_secs(10));
        assert_eq!(lines, ["one\n", "two\n"]);
        assert_eq!(run.outcome, Outcome::Exited(3));
        assert_eq!(run.stderr_tail, "oops\n");
    }

    #[test]
    fn a_slow_node_is_killed_at_its_deadline_children_included() {
        let start = Instant::now();
        // The background sleep keeps stdout open: only killing the group ends the read.
        let (lines, run) = sh("echo early; sleep 30 & sleep 30", Duration::from_millis(300));
        assert_eq!(lines, ["early\n"]);
        assert_eq!(run.outcome, Outcome::TimedOut);
        assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
    }

    #[test]
    fn a_missing_program_is_a_transport_failure() {
        let cmd = Command::new("/nonexistent/cdbg-ssh");
        let run = run_process(cmd, None, &mut |_: &[u8]| true, Instant::now() + Duration::from_secs(5));
        match run.outcome {
            Outcome::Failed(why) => assert!(why.contains("/nonexistent/cdbg-ssh"), "{why}"),
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn the_stderr_tail_is_bounded() {
        let (_, run) = sh(
            "head -c 100000 /dev/zero | tr '\\0' x >&2; echo END >&2",
            Duration::from_secs(10),
        );
        assert!(run.stderr_tail.len() <= STDERR_TAIL);
        assert!(run.stderr_tail.ends_with("END\n"));
    }

    #[test]
    fn the_remote_line_quotes_every_argument() {
        let argv: Vec<String> = ["bpf", "lb", "list", "--ip", "10.0.0.1; reboot"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            remote_line("/tmp/cdbg", &argv),
            "/tmp/cdbg bpf lb list --ip '10.0.0.1; reboot'"
        );
    }
}
