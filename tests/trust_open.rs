//! One open path: a `--bpf-root` that is missing, not a bpffs, unreadable, or that holds
//! something other than a pin under a map's name is one clear error naming the path and the fix,
//! never "feature off" or "0 entries"; only a single missing pin on a readable bpffs is "absent".

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use crate::util::{command, TestLab};

const CT_COUNT: &[&str] = &["bpf", "ct", "list", "global", "--count"];
const NAT: &[&str] = &["bpf", "nat", "list"];
const PRESSURE: &[&str] = &["bpf", "pressure"];
const MAPS: &[&str] = &["bpf", "maps", "list"];
const FS: &[&str] = &["bpf", "fs", "show"];
const STATUS: &[&str] = &["status", "--from-maps"];
const KPR: &[&str] = &["kpr", "check", "--iptables-save", "tests/fixtures/iptables/clean.save"];
const LB: &[&str] = &["bpf", "lb", "list"];
const ENDPOINT: &[&str] = &["bpf", "endpoint", "list"];

/// Every command the trust issue lists, in its order.
const ALL: &[&[&str]] = &[CT_COUNT, NAT, PRESSURE, MAPS, FS, STATUS, KPR, LB, ENDPOINT];

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A non-zero exit, nothing on stdout, and one line on stderr holding every `want`.
fn assert_one_error(args: &[&str], o: &Output, want: &[&str]) {
    let err = stderr(o);
    assert_ne!(o.status.code(), Some(0), "{args:?} must fail: {err}");
    assert!(o.stdout.is_empty(), "{args:?} printed: {}", stdout(o));
    assert_eq!(err.lines().count(), 1, "{args:?}: one error line: {err}");
    assert!(err.starts_with("Error: "), "{args:?}: {err}");
    for w in want {
        assert!(err.contains(w), "{args:?}: want {w:?} in: {err}");
    }
}

fn run_with_root(root: &Path, args: &[&str]) -> Output {
    command().env("CDBG_BPF_ROOT", root).args(args).output().unwrap()
}

#[test]
fn a_root_that_does_not_exist_is_one_error() {
    // `command()` points cdbg at /nonexistent/bpffs already; --bpf-root wins over it.
    for args in ALL {
        let o = command().args(*args).output().unwrap();
        assert_one_error(
            args,
            &o,
            &[
                "--bpf-root /nonexistent/bpffs does not exist",
                "/nonexistent/bpffs/tc/globals",
            ],
        );
        let o = command()
            .args(*args)
            .args(["--bpf-root", "/nonexistent/x"])
            .output()
            .unwrap();
        assert_one_error(args, &o, &["--bpf-root /nonexistent/x does not exist"]);
    }
}

#[test]
fn a_plain_directory_is_not_a_bpffs() {
    let tmp = tempfile::tempdir().unwrap();
    let globals = tmp.path().join("tc/globals");
    std::fs::create_dir_all(&globals).unwrap();
    // A file under a map name does not make it one.
    std::fs::write(globals.join("cilium_ct4_global"), b"not a map").unwrap();
    let want_globals = globals.display().to_string();
    for args in ALL {
        let o = run_with_root(tmp.path(), args);
        assert_one_error(args, &o, &["is not a bpffs", &want_globals, "--bpf-root"]);
        assert!(!stderr(&o).contains("IPv4"), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn a_bpffs_without_ciliums_globals_says_so() {
    let Some(lab) = TestLab::maps_only("trust_open::a_bpffs_without_ciliums_globals_says_so") else {
        return;
    };
    // On the bpffs, but not where Cilium pins: <root>/tc/globals does not exist.
    let root = lab.bpffs().join("tc");
    for args in ALL {
        let o = run_with_root(&root, args);
        if *args == FS {
            // The mount is there: fs show needs no maps.
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            assert!(stdout(&o).contains("FilesystemType:   bpf"), "{}", stdout(&o));
            continue;
        }
        assert_one_error(args, &o, &["is a bpffs but has no", "is cilium-agent running"]);
    }
}

#[test]
fn one_missing_map_is_absent_and_exit_0() {
    let Some(lab) = TestLab::maps_only("trust_open::one_missing_map_is_absent_and_exit_0") else {
        return;
    };
    for m in ["cilium_ct4_global", "cilium_snat_v4_external", "cilium_lxc"] {
        std::fs::remove_file(lab.globals().join(m)).unwrap();
    }
    let o = lab.run(CT_COUNT);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cilium_ct4_global: no such file or directory (IPv4 is disabled"),
        "{}",
        stderr(&o)
    );
    let o = lab.run(NAT);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cilium_snat_v4_external: no such file or directory (BPF masquerading"),
        "{}",
        stderr(&o)
    );
    let o = lab.run(STATUS);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Endpoints:         cilium_lxc absent"),
        "{}",
        stdout(&o)
    );
    for args in [PRESSURE, MAPS, FS, LB] {
        let o = lab.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    // A command that needs the one map says it is not pinned (cilium-dbg's exit status).
    let o = lab.run(ENDPOINT);
    assert_one_error(ENDPOINT, &o, &["map cilium_lxc is not pinned at"]);
}

fn setpriv() -> Option<&'static str> {
    ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())
}

/// `c` (a cdbg command with its environment) run through `setpriv OPTS`.
fn through_setpriv(setpriv: &str, opts: &[&str], c: &Command) -> Command {
    let mut s = Command::new(setpriv);
    s.args(opts).arg(c.get_program()).args(c.get_args());
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => s.env(k, v),
            None => s.env_remove(k),
        };
    }
    s
}

const NOBODY: &[&str] = &["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"];
/// Root without the capabilities that bypass file permissions.
const ROOT_NO_DAC: &[&str] = &["--bounding-set=-dac_override,-dac_read_search"];

#[test]
fn permission_denied_names_cap_bpf_and_the_path() {
    let Some(lab) = TestLab::maps_only("trust_open::permission_denied_names_cap_bpf_and_the_path") else {
        return;
    };
    let Some(setpriv) = setpriv() else {
        eprintln!("SKIPPED permission_denied_names_cap_bpf_and_the_path: setpriv(1) not installed");
        return;
    };
    // Let others reach the bpffs (temp dirs are 0700), as on a node: the pins stay 0600.
    for d in [lab.dir.parent().unwrap(), lab.dir.as_path()] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let globals = lab.globals().display().to_string();
    let run = |opts: &[&str], args: &[&str]| {
        let mut c = lab.cmd();
        // Entering the lab's network namespace needs root before any map is read.
        c.env_remove("CDBG_NETNS").args(args);
        through_setpriv(setpriv, opts, &c).output().unwrap()
    };

    // An unprivileged user: bpf(2) refuses the pins.
    for args in ALL {
        let o = run(NOBODY, args);
        match *args {
            // Reading mountinfo needs no privilege.
            a if a == FS => assert_eq!(o.status.code(), Some(0), "{}", stderr(&o)),
            // The check report carries the reason and fails.
            a if a == KPR => {
                assert_ne!(o.status.code(), Some(0), "{}", stdout(&o));
                assert!(stdout(&o).contains("permission denied"), "{}", stdout(&o));
                assert!(stdout(&o).contains("CAP_BPF"), "{}", stdout(&o));
            }
            _ => assert_one_error(args, &o, &["permission denied", "CAP_BPF", &globals]),
        }
    }

    // Root whose file-permission override is gone, on a pin owned by someone else: EACCES from
    // BPF_OBJ_GET on a real pin.
    let pin = lab.globals().join("cilium_ct4_global");
    std::os::unix::fs::chown(&pin, Some(65534), None).unwrap();
    let o = run(ROOT_NO_DAC, CT_COUNT);
    assert_one_error(
        CT_COUNT,
        &o,
        &[&format!("cannot open {}: permission denied", pin.display()), "CAP_BPF"],
    );
    std::os::unix::fs::chown(&pin, Some(0), None).unwrap();

    // The globals directory itself unreadable.
    std::fs::set_permissions(lab.globals(), std::fs::Permissions::from_mode(0o000)).unwrap();
    for args in ALL {
        if *args == FS {
            continue;
        }
        let o = run(ROOT_NO_DAC, args);
        assert_one_error(
            args,
            &o,
            &[&format!("permission denied reading {globals}"), "run as root"],
        );
    }
    std::fs::set_permissions(lab.globals(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn something_else_under_a_map_name_is_not_a_pin() {
    let Some(lab) = TestLab::maps_only("trust_open::something_else_under_a_map_name_is_not_a_pin") else {
        return;
    };
    // A bpffs holds no regular files, so a symlink to one (on the temp dir's filesystem) takes
    // the maps' places; the kernel answers EACCES to root for it. A directory takes another.
    let plain = lab.dir.join("plain-file");
    std::fs::write(&plain, b"not a map").unwrap();
    for m in [
        "cilium_ct4_global",
        "cilium_snat_v4_external",
        "cilium_lb4_services_v2",
        "cilium_lxc",
    ] {
        let p = lab.globals().join(m);
        std::fs::remove_file(&p).unwrap();
        std::os::unix::fs::symlink(&plain, &p).unwrap();
    }
    let metrics = lab.globals().join("cilium_metrics");
    std::fs::remove_file(&metrics).unwrap();
    std::fs::create_dir(&metrics).unwrap();

    let path = |m: &str| lab.globals().join(m).display().to_string();
    for (args, map) in [
        (CT_COUNT, "cilium_ct4_global"),
        (NAT, "cilium_snat_v4_external"),
        (LB, "cilium_lb4_services_v2"),
        (ENDPOINT, "cilium_lxc"),
        (STATUS, "cilium_lb4_services_v2"),
    ] {
        let o = lab.run(args);
        assert_one_error(args, &o, &[&format!("{} is not a BPF pin (a file on ", path(map))]);
        assert!(!stderr(&o).contains("CAP_BPF"), "{args:?}: {}", stderr(&o));
    }
    let o = lab.run(&["bpf", "metrics", "list"]);
    assert_one_error(
        &["bpf", "metrics", "list"],
        &o,
        &[&format!("{} is not a BPF pin (a directory)", path("cilium_metrics"))],
    );
    // The listings skip it with a note and list the rest.
    for args in [PRESSURE, MAPS] {
        let o = lab.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("{} is not a BPF pin", path("cilium_lxc"))),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).contains("cilium_ipcache"), "{args:?}: {}", stdout(&o));
    }
    let o = lab.run(KPR);
    assert_ne!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("is not a BPF pin"), "{}", stdout(&o));
    let o = lab.run(FS);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn hostile_pin_names_never_reach_the_terminal_raw() {
    let Some(lab) = TestLab::maps_only("trust_open::hostile_pin_names_never_reach_the_terminal_raw") else {
        return;
    };
    // A pin whose name carries a terminal escape and a bell: tables show it escaped.
    let root = cdbg::maps::BpfRoot(lab.bpffs());
    let evil = "cilium_\x1b[31mevil\x07";
    // The kernel refuses such a map name, so pin a plain map and rename the pin.
    cdbg::lab::create_pinned(&root, "cilium_evil", cdbg::bpf::map_type::HASH, 4, 4, 16, 0).unwrap();
    std::fs::rename(lab.globals().join("cilium_evil"), lab.globals().join(evil)).unwrap();
    for args in [PRESSURE, MAPS] {
        let o = lab.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(
            !out.contains('\x1b') && !out.contains('\x07'),
            "{args:?}: raw control bytes in {out:?}"
        );
        assert!(out.contains("cilium_^[[31mevil\\x07"), "{args:?}: {out}");
    }
}
