//! Integration tests: the binary itself — cilium-dbg drop-in name, errors without a bpffs,
//! generated completions and man pages in sync with the code, closed pipes.

use crate::util::*;

#[test]
fn invoked_as_cilium_dbg_behaves_the_same() {
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("cilium-dbg");
    std::os::unix::fs::symlink(cdbg_bin(), &link).unwrap();
    let o = std::process::Command::new(&link).arg("--help").output().unwrap();
    assert!(o.status.success());
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("Usage: cilium-dbg"), "{help}");
    assert!(help.contains("Direct access to local BPF maps"), "{help}");
    let o = std::process::Command::new(&link)
        .args(["bpf", "lb", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("Usage: cilium-dbg bpf lb"));
}

#[test]
fn missing_bpffs_names_the_path_and_the_fix() {
    let o = command()
        .args(["bpf", "lb", "list"])
        .env("CDBG_BPF_ROOT", "/nonexistent/bpffs")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("/nonexistent/bpffs/tc/globals"), "{err}");
    assert!(err.contains("--bpf-root"), "{err}");
}

#[test]
fn completions_and_man_pages_match_the_code() {
    // Regenerate into a temp dir and compare with the checked-in files.
    let tmp = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (kind, dir) in [("completions", "completions"), ("man", "man")] {
        let out = tmp.path().join(dir);
        let o = command().args(["generate", kind]).arg(&out).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut want: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        want.sort();
        let mut have: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        have.sort();
        assert_eq!(have, want, "{dir}/ is stale: run `cargo run -- generate {kind} {dir}`");
        for f in want {
            let a = std::fs::read(out.join(&f)).unwrap();
            let b = std::fs::read(root.join(dir).join(&f)).unwrap();
            assert!(
                a == b,
                "{dir}/{} is stale: run `cargo run -- generate {kind} {dir}`",
                f.to_string_lossy()
            );
        }
    }
}

#[test]
fn closed_pipe_exits_quietly() {
    // `cdbg completion bash | head -1`: the reader goes away after one line.
    let mut child = command()
        .args(["completion", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn unknown_output_format_is_rejected() {
    let o = command().args(["bpf", "lb", "list", "-o", "xml"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_ne!(o.status.code(), Some(0));
    assert!(err.contains("couldn't find output printer"), "{err}");
}
