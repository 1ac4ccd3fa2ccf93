//! Integration tests: `bpf ct list|flush` and `bpf nat list|flush` against lab nodes built with a
//! fixed CLOCK_MONOTONIC (`CDBG_TEST_MONO_SECS`), so `expires` and `Created` are stable.

use std::path::{Path, PathBuf};

use std::process::Output;

use crate::util::{self, command, golden, transcript};

/// The lab is built at this CLOCK_MONOTONIC second; commands run 42 s later.
const BUILT_AT: &str = "13600";
const NOW: &str = "13642";

/// A lab with maps only, built at a fixed time, with its own state dir holding a ktime
/// `agent-runtime-config.json` (so the clock source never depends on an agent).
struct CtLab {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    state: PathBuf,
}

impl CtLab {
    fn new(test: &str, flags: &[&str]) -> Option<CtLab> {
        if !util::is_root() {
            util::skip(test);
            return None;
        }
        let tmp = tempfile::Builder::new().prefix("cdbg-ct-").tempdir().unwrap();
        let dir = tmp.path().join("lab");
        let o = command()
            .env("CDBG_TEST_MONO_SECS", BUILT_AT)
            .args(["lab", "up", "--no-serve", "--dir"])
            .arg(&dir)
            .args(flags)
            .output()
            .unwrap();
        assert!(o.status.success(), "lab up: {}", String::from_utf8_lossy(&o.stderr));
        let state = tmp.path().join("state");
        std::fs::create_dir_all(&state).unwrap();
        std::fs::write(
            state.join("agent-runtime-config.json"),
            r#"{"ClockSource":0,"KernelHz":250,"EnableIPv6":true}"#,
        )
        .unwrap();
        Some(CtLab { _tmp: tmp, dir, state })
    }

    fn globals(&self) -> PathBuf {
        self.dir.join("bpffs/tc/globals")
    }

    fn run_with(&self, args: &[&str], state: &Path) -> Output {
        command()
            .env("CDBG_BPF_ROOT", self.dir.join("bpffs"))
            .env("CDBG_STATE_DIR", state)
            .env("CDBG_TEST_MONO_SECS", NOW)
            .args(args)
            .output()
            .unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &self.state)
    }

    /// Compare with a golden; the lab path is replaced by `LAB`.
    fn check(&self, name: &str, args: &[&str]) {
        let o = self.run(args);
        self.golden(name, args, &o);
    }

    fn golden(&self, name: &str, args: &[&str], o: &Output) {
        let t = transcript(args, o).replace(&self.dir.display().to_string(), "LAB");
        golden(name, &t);
    }
}

impl Drop for CtLab {
    fn drop(&mut self) {
        let _ = command().args(["lab", "down", "--dir"]).arg(&self.dir).output();
    }
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn ct_list_goldens() {
    let Some(lab) = CtLab::new("ct_list_goldens", &[]) else {
        return;
    };
    lab.check("ct/list-global.txt", &["bpf", "ct", "list", "global", "--sort"]);
    lab.check("ct/list-global-d.txt", &["bpf", "ct", "list", "global", "-d", "--sort"]);
    lab.check(
        "ct/list-global-jiffies.txt",
        &[
            "bpf",
            "ct",
            "list",
            "global",
            "--time-diff",
            "--time-diff-clocksource-mode",
            "jiffies",
            "--time-diff-clocksource-hz",
            "1000",
            "--sort",
        ],
    );
    lab.check(
        "ct/list-global-json.txt",
        &["bpf", "ct", "list", "global", "-o", "json", "--sort"],
    );
    lab.check(
        "ct/list-global-jsonl.txt",
        &["bpf", "ct", "list", "global", "-o", "jsonl", "-d", "--sort"],
    );
    lab.check(
        "ct/list-global-yaml.txt",
        &["bpf", "ct", "ls", "global", "-o", "yaml", "--sort"],
    );
    lab.check(
        "ct/list-global-jsonpath.txt",
        &[
            "bpf",
            "ct",
            "list",
            "global",
            "--sort",
            "-o",
            "jsonpath={[*].Value.Lifetime}",
        ],
    );
    lab.check("ct/list-noarg.txt", &["bpf", "ct", "list"]);
    lab.check("ct/list-endpoint-absent.txt", &["bpf", "ct", "list", "endpoint", "234"]);
    lab.check("ct/list-cluster-absent.txt", &["bpf", "ct", "list", "cluster", "3"]);
    lab.check(
        "ct/list-bad-clocksource.txt",
        &[
            "bpf",
            "ct",
            "list",
            "global",
            "-d",
            "--time-diff-clocksource-mode",
            "tsc",
        ],
    );
}

#[test]
fn ct_json_is_one_document_matching_the_table() {
    let Some(lab) = CtLab::new("ct_json_is_one_document_matching_the_table", &[]) else {
        return;
    };
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&lab.run(&["bpf", "ct", "list", "global", "-o", "json"]))).unwrap();
    let table = stdout(&lab.run(&["bpf", "ct", "list", "global"]));
    let lines = table.lines().filter(|l| !l.is_empty()).count();
    assert_eq!(json.as_array().unwrap().len(), lines);
    let jsonl = stdout(&lab.run(&["bpf", "ct", "list", "global", "-o", "jsonl"]));
    assert_eq!(jsonl.lines().count(), lines);
    // Unsorted output has the same lines as sorted output.
    let sorted = stdout(&lab.run(&["bpf", "ct", "list", "global", "--sort"]));
    let mut a: Vec<_> = table.lines().collect();
    let mut b: Vec<_> = sorted.lines().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn ct_clock_fallbacks() {
    let Some(lab) = CtLab::new("ct_clock_fallbacks", &[]) else {
        return;
    };
    // No agent, no runtime config: ktime with a note; never an error.
    let empty = lab.dir.parent().unwrap().join("empty-state");
    std::fs::create_dir_all(&empty).unwrap();
    let args = ["bpf", "ct", "list", "global", "-d", "--sort"];
    let o = lab.run_with(&args, &empty);
    let t = transcript(&args, &o)
        .replace(&lab.dir.display().to_string(), "LAB")
        .replace(&empty.display().to_string(), "STATE");
    golden("ct/list-global-d-noclock.txt", &t);
    // Jiffies from the runtime config: HZ 100 → seconds = (v << 8) / 100.
    let jstate = lab.dir.parent().unwrap().join("jiffies-state");
    std::fs::create_dir_all(&jstate).unwrap();
    std::fs::write(
        jstate.join("agent-runtime-config.json"),
        r#"{"ClockSource":1,"KernelHz":100}"#,
    )
    .unwrap();
    let o = lab.run_with(&["bpf", "ct", "list", "global", "-d"], &jstate);
    let s = stdout(&o);
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
    // now = 13642 * 100 jiffies >> 8 = 5328 units = 13639 s; lifetime 21596 → 55285 s.
    assert!(s.contains("expires=21596 (remaining: 41646 sec(s))"), "{s}");
}

#[test]
fn nat_goldens() {
    let Some(lab) = CtLab::new("nat_goldens", &[]) else {
        return;
    };
    lab.check("ct/nat-list.txt", &["bpf", "nat", "list", "--sort"]);
    lab.check("ct/nat-list-json.txt", &["bpf", "nat", "list", "-o", "json", "--sort"]);
    lab.check(
        "ct/nat-list-jsonl.txt",
        &["bpf", "nat", "list", "-o", "jsonl", "--sort"],
    );
    lab.check("ct/nat-list-bad-arg.txt", &["bpf", "nat", "list", "cluster"]);
    lab.check(
        "ct/nat-list-cluster-absent.txt",
        &["bpf", "nat", "list", "cluster", "2"],
    );
    let empty = lab.dir.parent().unwrap().join("empty-state");
    std::fs::create_dir_all(&empty).unwrap();
    let args = ["bpf", "nat", "list", "--sort"];
    let o = lab.run_with(&args, &empty);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("assuming ktime"), "{err}");
    assert_eq!(o.stdout, lab.run(&args).stdout);
}

#[test]
fn nat_faults_near_full() {
    let Some(lab) = CtLab::new("nat_faults_near_full", &["--faults"]) else {
        return;
    };
    let s = stdout(&lab.run(&["bpf", "nat", "list"]));
    let n = s.lines().filter(|l| !l.is_empty()).count();
    assert!(n * 100 >= 1024 * 95, "{n} entries in a 1024-entry map");
}

#[test]
fn flush_removes_everything() {
    let Some(lab) = CtLab::new("flush_removes_everything", &[]) else {
        return;
    };
    lab.check("ct/flush-global.txt", &["bpf", "ct", "flush", "global"]);
    lab.check("ct/list-after-flush.txt", &["bpf", "ct", "list", "global"]);
    lab.check(
        "ct/flush-endpoint-absent.txt",
        &["bpf", "ct", "flush", "endpoint", "234"],
    );
    lab.check("ct/nat-flush.txt", &["bpf", "nat", "flush"]);
    lab.check("ct/nat-list-after-flush.txt", &["bpf", "nat", "list", "-o", "json"]);
}

#[test]
fn missing_and_odd_maps() {
    let Some(lab) = CtLab::new("missing_and_odd_maps", &[]) else {
        return;
    };
    // IPv4-only node: the IPv6 tables are absent → skipped with a note, exit 0.
    std::fs::remove_file(lab.globals().join("cilium_ct6_global")).unwrap();
    std::fs::remove_file(lab.globals().join("cilium_ct_any6_global")).unwrap();
    std::fs::remove_file(lab.globals().join("cilium_snat_v6_external")).unwrap();
    lab.check("ct/list-ipv4-only.txt", &["bpf", "ct", "list", "global", "--sort"]);
    lab.check(
        "ct/list-ipv4-only-json.txt",
        &["bpf", "ct", "list", "global", "-o", "json", "--sort"],
    );
    lab.check("ct/nat-list-ipv4-only.txt", &["bpf", "nat", "list", "--sort"]);
    // A wrong-size map where the TCP table should be → a clear error naming the sizes.
    std::fs::remove_file(lab.globals().join("cilium_ct4_global")).unwrap();
    let o = command()
        .args(["lab", "fill", "--nat", "10", "--dir"])
        .arg(&lab.dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::rename(
        lab.globals().join("cilium_snat_v4_external"),
        lab.globals().join("cilium_ct4_global"),
    )
    .unwrap();
    lab.check("ct/list-wrong-shape.txt", &["bpf", "ct", "list", "global"]);
}

#[test]
fn churn_terminates_without_duplicates() {
    let Some(lab) = CtLab::new("churn_terminates_without_duplicates", &[]) else {
        return;
    };
    // Replace the TCP table with a big synthetic one and churn it while listing.
    let o = command()
        .env("CDBG_TEST_MONO_SECS", BUILT_AT)
        .args(["lab", "fill", "--ct", "100000", "--dir"])
        .arg(&lab.dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churn = {
        let stop = stop.clone();
        let path = lab.globals().join("cilium_ct4_global");
        std::thread::spawn(move || {
            // Expire old flows and create new ones in the same map, as the datapath does.
            let m = cdbg::bpf::Map::open_pinned_rw(&path).unwrap();
            let mut key = [0u8; 14];
            let mut i: u32 = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if m.next_key(None, &mut key).unwrap() {
                    m.delete(&key).unwrap();
                }
                let mut k = [0u8; 14];
                k[..4].copy_from_slice(&[10, 250, (i >> 8) as u8, i as u8]);
                k[4..8].copy_from_slice(&[10, 251, 0, 1]);
                k[8..10].copy_from_slice(&443u16.to_be_bytes());
                k[10..12].copy_from_slice(&((i % 60000) as u16 + 1024).to_be_bytes());
                k[12] = 6;
                m.update(&k, &[0u8; 56]).unwrap();
                i = i.wrapping_add(1);
            }
        })
    };
    for _ in 0..5 {
        let o = lab.run(&["bpf", "ct", "list", "global"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let s = String::from_utf8(o.stdout).unwrap();
        let mut seen = std::collections::HashSet::new();
        for l in s.lines().filter(|l| !l.is_empty()) {
            assert!(seen.insert(l), "duplicate line under churn: {l}");
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churn.join().unwrap();
}
