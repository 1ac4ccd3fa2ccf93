//! The lab touches only what it made: lab commands refuse a directory without the lab's marker,
//! `lab down` says when there is no lab, a second `lab up` is refused, and `lab down` stops the
//! server, removes the cgroup and never deletes through a mount it did not make.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{command, is_root, skip, TestLab};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn lab(args: &[&str], dir: &Path) -> Output {
    command().arg("lab").args(args).arg("--dir").arg(dir).output().unwrap()
}

/// The lab's marker, parsed.
fn marker(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join(".cdbg-lab")).unwrap()).unwrap()
}

/// State letter of a process (`None` when there is no such process).
fn proc_state(pid: i64) -> Option<char> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    s[s.rfind(')')? + 1..].split_whitespace().next()?.chars().next()
}

/// Processes running `cdbg lab serve --dir DIR`.
fn servers_of(dir: &Path) -> Vec<i64> {
    let want = format!("lab\0serve\0--dir\0{}\0", dir.display());
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i64>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| String::from_utf8_lossy(&c).ends_with(&want))
        })
        .filter(|pid| !matches!(proc_state(*pid), Some('Z') | None))
        .collect()
}

#[test]
fn lab_commands_refuse_a_directory_without_the_marker() {
    // Laid out like a bpffs with a live CT map, as `lab fill --dir /sys/fs` would find it.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let pin = dir.join("bpffs/tc/globals/cilium_ct4_global");
    std::fs::create_dir_all(pin.parent().unwrap()).unwrap();
    std::fs::write(&pin, "not the lab's").unwrap();
    std::fs::write(dir.join("notes.txt"), "keep me").unwrap();
    let d = dir.display().to_string();
    let cases: &[&[&str]] = &[
        &["down"],
        &["fill", "--ct", "10", "--nat", "10"],
        &[
            "mkmap",
            "--name",
            "cilium_ct4_global",
            "--type",
            "hash",
            "--key",
            "14",
            "--value",
            "56",
        ],
        &["reshape", "--layout", "1.16"],
        &["serve"],
        &["env"],
        &["up", "--no-serve"],
    ];
    for args in cases {
        let o = lab(args, dir);
        let e = stderr(&o);
        assert!(!o.status.success(), "lab {args:?} succeeded on a foreign dir: {e}");
        assert!(
            e.contains(&d) && e.contains(".cdbg-lab"),
            "lab {args:?}: the error must name the directory and the marker: {e}"
        );
        assert!(
            o.stdout.is_empty(),
            "lab {args:?} printed {:?}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    assert_eq!(std::fs::read_to_string(&pin).unwrap(), "not the lab's");
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).unwrap(), "keep me");
    assert!(!dir.join(".cdbg-lab").exists());
    assert!(!dir
        .join("bpffs")
        .join("tc")
        .join("globals")
        .join("cilium_snat_v4_external")
        .exists());
}

#[test]
fn down_on_a_missing_directory_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("no-such-lab");
    let o = lab(&["down"], &dir);
    assert!(!o.status.success());
    let e = stderr(&o);
    assert!(
        e.contains(&dir.display().to_string()) && e.contains("does not exist"),
        "{e}"
    );
}

#[test]
fn a_second_up_is_refused_and_down_stops_the_server() {
    let Some(l) = TestLab::up("lab_safety::a_second_up_is_refused_and_down_stops_the_server", &[]) else {
        return;
    };
    let m = marker(&l.dir);
    let pid = m["server"]["pid"].as_i64().expect("the marker records the server");
    assert_eq!(proc_state(pid).map(|s| s != 'Z'), Some(true), "server {pid} runs");
    assert_eq!(servers_of(&l.dir), vec![pid]);
    let cgroup = m["cgroup"]
        .as_str()
        .map(PathBuf::from)
        .expect("the marker records the cgroup");
    assert!(cgroup.is_dir(), "{}", cgroup.display());

    let o = lab(&["up"], &l.dir);
    assert!(!o.status.success(), "second lab up succeeded");
    let e = stderr(&o);
    assert!(e.contains("already exists") && e.contains(&format!("pid {pid}")), "{e}");
    assert_eq!(servers_of(&l.dir), vec![pid], "still exactly one server");
    assert_eq!(marker(&l.dir), m, "the refused lab up left the marker alone");

    let o = lab(&["down"], &l.dir);
    assert!(o.status.success(), "lab down: {}", stderr(&o));
    assert!(
        matches!(proc_state(pid), None | Some('Z')),
        "server {pid} still runs after lab down"
    );
    assert!(!cgroup.exists(), "cgroup {} left behind", cgroup.display());
    assert!(!l.dir.exists());
    let o = lab(&["down"], &l.dir);
    assert!(!o.status.success() && stderr(&o).contains("does not exist"));
}

#[test]
fn down_never_deletes_through_a_mount_it_did_not_make() {
    if !is_root() {
        skip("lab_safety::down_never_deletes_through_a_mount_it_did_not_make");
        return;
    }
    // Take over an existing empty directory: lab down must leave the directory itself.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lab");
    std::fs::create_dir(&dir).unwrap();
    let o = lab(&["up", "--no-serve"], &dir);
    assert!(o.status.success(), "lab up: {}", stderr(&o));
    // Somebody else's directory, bind-mounted into the lab.
    let theirs = tmp.path().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::fs::write(theirs.join("precious"), "x").unwrap();
    let at = dir.join("state/mnt");
    std::fs::create_dir(&at).unwrap();
    let src = std::ffi::CString::new(theirs.to_str().unwrap()).unwrap();
    let dst = std::ffi::CString::new(at.to_str().unwrap()).unwrap();
    // SAFETY: valid C strings.
    let r = unsafe {
        libc::mount(
            src.as_ptr(),
            dst.as_ptr(),
            std::ptr::null(),
            libc::MS_BIND,
            std::ptr::null(),
        )
    };
    assert_eq!(r, 0, "bind mount: {}", std::io::Error::last_os_error());

    let o = lab(&["down"], &dir);
    let e = stderr(&o);
    assert!(!o.status.success(), "lab down deleted through a foreign mount");
    assert!(e.contains("still mounted") && e.contains(at.to_str().unwrap()), "{e}");
    assert!(theirs.join("precious").exists());
    assert!(dir.join(".cdbg-lab").exists(), "the marker stays for the next lab down");

    // SAFETY: valid C string.
    assert_eq!(unsafe { libc::umount2(dst.as_ptr(), libc::MNT_DETACH) }, 0);
    let o = lab(&["down"], &dir);
    assert!(o.status.success(), "lab down: {}", stderr(&o));
    assert!(theirs.join("precious").exists());
    assert!(dir.is_dir(), "the directory the lab did not make stays");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "and is empty again");
}

#[test]
fn fill_makes_a_lab_that_down_removes() {
    if !is_root() {
        skip("lab_safety::fill_makes_a_lab_that_down_removes");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bench");
    let o = lab(&["fill", "--ct", "100", "--nat", "10"], &dir);
    assert!(o.status.success(), "lab fill: {}", stderr(&o));
    let m = marker(&dir);
    assert_eq!(m["bpffs_mounted"], true);
    assert!(dir.join("bpffs/tc/globals/cilium_ct4_global").exists());
    // Filling an existing lab again is allowed.
    let o = lab(&["fill", "--ct", "200"], &dir);
    assert!(o.status.success(), "lab fill again: {}", stderr(&o));
    let o = lab(&["down"], &dir);
    assert!(o.status.success(), "lab down: {}", stderr(&o));
    assert!(!dir.exists());
    let canon = std::fs::canonicalize(tmp.path()).unwrap();
    let mi = std::fs::read_to_string("/proc/self/mountinfo").unwrap();
    assert!(
        !mi.contains(&canon.display().to_string()),
        "a mount is left under {}",
        canon.display()
    );
}

/// Reshape goes forward from the 1.17 layout (1.16, then 1.18 works), never back from 1.18: that
/// would leave 1.18-only maps behind and a lab that version detection calls 1.18.
#[test]
fn reshape_does_not_go_back_from_1_18() {
    let Some(l) = TestLab::maps_only("reshape_does_not_go_back_from_1_18") else {
        return;
    };
    for v in ["1.16", "1.18"] {
        let o = lab(&["reshape", "--layout", v], &l.dir);
        assert!(o.status.success(), "reshape {v}: {}", stderr(&o));
    }
    let o = lab(&["reshape", "--layout", "1.16"], &l.dir);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.contains("in the 1.18 layout already") && e.contains("cdbg lab up"),
        "{e}"
    );
    // Nothing changed: still 1.18 (its policy counters map is still pinned).
    assert!(l.globals().join("cilium_policystats").exists());
}
