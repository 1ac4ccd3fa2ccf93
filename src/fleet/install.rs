//! `fleet install`: copy a cdbg binary to every node through the transport and check that the
//! copy there has the same SHA-256 as the local file.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use sha2::{Digest, Sha256};

use super::engine::Limits;
use super::transport::{Run, Transport};
use super::{Node, Outcome};

/// The SHA-256 of a file, lower-case hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// What to install where.
pub struct Work<'a> {
    pub binary: &'a Path,
    pub remote_path: &'a str,
    pub sha256: &'a str,
}

/// Install on every node, `concurrency` at a time; `done` hears each node's verified outcome.
pub fn install_all(
    transport: &dyn Transport,
    nodes: &[Node],
    work: &Work<'_>,
    limits: Limits,
    done: impl FnMut(usize, Run) + Send,
) {
    let next = AtomicUsize::new(0);
    let done = Mutex::new(done);
    std::thread::scope(|s| {
        for _ in 0..limits.concurrency.clamp(1, nodes.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= nodes.len() {
                    break;
                }
                let run = install_one(transport, &nodes[i], work, Instant::now() + limits.node_timeout);
                (done.lock().expect("install progress"))(i, run);
            });
        }
    });
}

fn install_one(transport: &dyn Transport, node: &Node, work: &Work<'_>, deadline: Instant) -> Run {
    let mut first = String::new();
    let mut run = transport.install(
        node,
        work.binary,
        work.remote_path,
        &mut |l: &[u8]| {
            if first.is_empty() {
                first = String::from_utf8_lossy(l).trim().to_string();
            }
            true
        },
        deadline,
    );
    if run.outcome.ok() {
        run.outcome = verify(&first, work.sha256, work.remote_path);
    }
    run
}

/// The node's answer (`sha256sum` line, or `cdbg version` where there is no sha256sum) checked.
fn verify(answer: &str, sha256: &str, remote_path: &str) -> Outcome {
    match answer.split_whitespace().next() {
        Some(sum) if sum == sha256 => Outcome::Exited(0),
        Some(sum) if sum.len() == 64 && sum.bytes().all(|b| b.is_ascii_hexdigit()) => Outcome::Failed(format!(
            "checksum mismatch at {remote_path}: node has {}…, local {}… (copy truncated? retry)",
            &sum[..12],
            &sha256[..12]
        )),
        _ if answer.contains(env!("CARGO_PKG_VERSION")) => Outcome::Exited(0),
        _ => Outcome::Failed(format!(
            "cannot verify {remote_path} on the node (no sha256sum; it answered {answer:?})"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_sha256_hex() {
        let tmp = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(tmp.path(), b"abc").unwrap();
        assert_eq!(
            sha256_file(tmp.path()).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn answers_are_verified() {
        let sum = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assert!(verify(&format!("{sum}  /tmp/cdbg"), sum, "/tmp/cdbg").ok());
        let other = "0".repeat(64);
        match verify(&format!("{other}  /tmp/cdbg"), sum, "/tmp/cdbg") {
            Outcome::Failed(w) => assert!(w.contains("checksum mismatch"), "{w}"),
            o => panic!("{o:?}"),
        }
        assert!(!verify("", sum, "/tmp/cdbg").ok());
    }
}
