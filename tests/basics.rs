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

/// Read an ELF64 little-endian file's program headers and report whether one is PT_INTERP
/// (a dynamic loader request). `None` when the file is not ELF64 LE.
fn has_interp(elf: &[u8]) -> Option<bool> {
    if elf.len() < 64 || &elf[..4] != b"\x7fELF" || elf[4] != 2 || elf[5] != 1 {
        return None;
    }
    let u16_at = |o: usize| u16::from_le_bytes([elf[o], elf[o + 1]]) as usize;
    let phoff = u64::from_le_bytes(elf[32..40].try_into().unwrap()) as usize;
    let phentsize = u16_at(54);
    let phnum = u16_at(56);
    const PT_INTERP: u32 = 3;
    Some((0..phnum).any(|i| {
        let o = phoff + i * phentsize;
        elf.len() >= o + 4 && u32::from_le_bytes(elf[o..o + 4].try_into().unwrap()) == PT_INTERP
    }))
}

#[test]
fn elf_interp_reader() {
    // The test binary itself is normally dynamic; whatever it is, the reader must parse it.
    let me = std::fs::read(std::env::current_exe().unwrap()).unwrap();
    assert!(has_interp(&me).is_some());
    assert_eq!(has_interp(b"#!/bin/sh\n"), None);
}

/// The static binary the README documents for copying into an agent pod, built as for nodes:
/// without the lab (`--no-default-features`). The profile is a quick one (no optimisation, no
/// debug info, own target dir): linking statically is what is tested, not the release settings.
/// Runs only in CI or with CDBG_TEST_STATIC=1 (it builds every crate once more).
#[test]
fn static_binary_without_lab_has_no_loader() {
    let name = "static_binary_without_lab_has_no_loader";
    if std::env::var_os("CI").is_none() && std::env::var_os("CDBG_TEST_STATIC").is_none() {
        eprintln!("SKIPPED {name}: set CDBG_TEST_STATIC=1 (CI runs it)");
        return;
    }
    if !cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        eprintln!("SKIPPED {name}: the documented static build is x86_64 Linux");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let target_dir = root.join("target/static-test");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = std::process::Command::new(cargo)
        .current_dir(root)
        .env("RUSTFLAGS", "-C target-feature=+crt-static")
        .env("CARGO_TARGET_DIR", &target_dir)
        .args([
            "build",
            "--no-default-features",
            "--profile",
            "static-test",
            "--bin",
            "cdbg",
            "--target",
            "x86_64-unknown-linux-gnu",
        ])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "static build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bin = target_dir.join("x86_64-unknown-linux-gnu/static-test/cdbg");
    let elf = std::fs::read(&bin).unwrap();
    assert_eq!(
        has_interp(&elf),
        Some(false),
        "{} asks for a dynamic loader",
        bin.display()
    );
    let o = std::process::Command::new(&bin).arg("--version").output().unwrap();
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("cdbg "), "{:?}", o);
    // The node binary has no lab.
    let o = std::process::Command::new(&bin)
        .args(["lab", "--help"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "the static binary has a lab command");
    // It reads a lab's maps (built by the normal binary) as the normal build does.
    let Some(lab) = TestLab::maps_only(name) else {
        return;
    };
    let args = ["bpf", "ct", "list", "global", "--sort"];
    let mut c = std::process::Command::new(&bin);
    for (k, v) in lab.cmd().get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    let s = c.args(args).output().unwrap();
    let d = lab.run(&args);
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    assert!(!s.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&s.stdout), String::from_utf8_lossy(&d.stdout));
}

/// The README's first command: the tour builds a lab, runs every step and removes the lab.
#[test]
fn lab_tour_runs_every_step_and_cleans_up() {
    if !is_root() {
        skip("basics::lab_tour_runs_every_step_and_cleans_up");
        return;
    }
    let o = command().args(["lab", "tour"]).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let shown = out.lines().filter(|l| l.starts_with("$ cdbg ")).count();
    assert_eq!(shown, cdbg::lab::tour::steps().len(), "{out}");
    // Steps that must answer from the lab's maps and agent, not fail.
    for want in [
        "10.96.88.105:80/TCP (0)",
        "Datapath (from pinned maps in",
        "\"frontends\": 17",
        "/nonexistent/bpffs",
    ] {
        assert!(out.contains(want), "tour transcript lacks {want:?}");
    }
    assert!(out.trim_end().ends_with("# Lab removed."), "{out}");
    let dir = out
        .lines()
        .next()
        .and_then(|l| l.split(" in ").nth(1))
        .and_then(|s| s.split(' ').next())
        .unwrap();
    assert!(!std::path::Path::new(dir).exists(), "the tour left {dir} behind");
}
