//! Integration tests: `--watch`, `--wait`, `--wait-gone` and metrics rates on lab maps, mutated
//! from the test between passes; Ctrl-C, a closed pipe and a map that disappears mid-watch.

use std::io::{BufRead, BufReader, Read};
use std::net::IpAddr;
use std::process::{Child, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use cdbg::bpf::Map;
use cdbg::maps::ipcache;

use crate::util::TestLab;

/// A running watch: its stdout lines arrive on a channel.
struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Running {
    fn start(lab: &TestLab, args: &[&str]) -> Running {
        let mut child = lab
            .cmd()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines() {
                let Ok(l) = l else { break };
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        Running { child, lines }
    }

    /// The next stdout line (fails the test after 20 s or at the end of the output).
    fn line(&mut self) -> String {
        match self.lines.recv_timeout(Duration::from_secs(20)) {
            Ok(l) => l,
            Err(e) => {
                let _ = self.child.kill();
                let mut err = String::new();
                let _ = self.child.stderr.take().unwrap().read_to_string(&mut err);
                panic!("no more output from the watch ({e}); stderr: {err}");
            }
        }
    }

    /// The next `n` lines, sorted, with runs of blanks squeezed (tables align per pass).
    fn changes(&mut self, n: usize) -> Vec<String> {
        let mut v: Vec<String> = (0..n).map(|_| squeeze(&self.line())).collect();
        v.sort();
        v
    }

    /// Ctrl-C: the watch must end with exit 0 and nothing on stderr.
    fn interrupt(self) {
        // SAFETY: kill(2) on our own child's pid.
        assert_eq!(unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) }, 0);
        let o = self.child.wait_with_output().unwrap();
        assert!(
            o.status.success(),
            "exit {:?}: {}",
            o.status,
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&o.stderr), "");
    }
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line a plain listing prints for the row containing `needle`.
fn listed(lab: &TestLab, args: &[&str], needle: &str) -> String {
    let o = lab.run(args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = String::from_utf8(o.stdout).unwrap();
    let l = s
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in\n{s}"));
    squeeze(l)
}

/// A jsonl line without its `time`, which every change record carries.
fn untimed(l: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
    let t = v.as_object_mut().unwrap().remove("time");
    assert!(
        t.as_ref().and_then(|t| t.as_str()).is_some_and(|t| t.ends_with('Z')),
        "{l}"
    );
    v
}

fn ipcache_map(lab: &TestLab) -> Map {
    Map::open_pinned_rw(&lab.globals().join("cilium_ipcache")).unwrap()
}

fn ip_key(ip: &str) -> [u8; 24] {
    ipcache::Key::host(ip.parse().unwrap()).encode()
}

fn ip_value(identity: u32) -> [u8; 12] {
    ipcache::Value {
        identity,
        tunnel_endpoint: IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
        key: 0,
        flags: 0,
    }
    .encode_v1()
}

/// Add one ipcache entry, remove one and change one's identity.
fn mutate_ipcache(lab: &TestLab) {
    let m = ipcache_map(lab);
    m.update(&ip_key("10.1.2.3"), &ip_value(777)).unwrap();
    assert!(m.delete(&ip_key("172.20.0.24")).unwrap());
    m.update(&ip_key("172.20.0.249"), &ip_value(4000)).unwrap();
}

#[test]
fn ipcache_changes_as_table_lines() {
    let Some(lab) = TestLab::maps_only("watch::ipcache_changes_as_table_lines") else {
        return;
    };
    let list = ["bpf", "ipcache", "list"];
    let removed = listed(&lab, &list, "172.20.0.24/32");
    let mut w = Running::start(
        &lab,
        &["bpf", "ipcache", "list", "--watch=100ms", "--quiet", "--timeout=60s"],
    );
    let first = w.line();
    assert!(first.ends_with(" entries"), "{first}");
    mutate_ipcache(&lab);
    let got = w.changes(3);
    let added = listed(&lab, &list, "10.1.2.3/32");
    let changed = listed(&lab, &list, "172.20.0.249/32");
    let mut want = vec![
        format!("+ {added}"),
        format!("- {removed}"),
        format!("~ {changed} (identity: 3176 → 4000)"),
    ];
    want.sort();
    assert_eq!(got, want);
    w.interrupt();
}

#[test]
fn ipcache_changes_as_jsonl_records() {
    let Some(lab) = TestLab::maps_only("watch::ipcache_changes_as_jsonl_records") else {
        return;
    };
    let mut w = Running::start(
        &lab,
        &[
            "bpf",
            "ipcache",
            "list",
            "--watch=100ms",
            "--quiet",
            "-o",
            "jsonl",
            "--timeout=60s",
        ],
    );
    let first: serde_json::Value = serde_json::from_str(&w.line()).unwrap();
    assert!(first["entries"].as_u64().unwrap() > 3, "{first}");
    mutate_ipcache(&lab);
    let mut got: Vec<serde_json::Value> = (0..3).map(|_| untimed(&w.line())).collect();
    got.sort_by_key(|v| v.to_string());
    let rec = |prefix: &str, identity: u32| serde_json::json!({"prefix": prefix, "cluster_id": 0, "identity": identity, "tunnel_endpoint": null, "encrypt_key": 0, "flags": []});
    let mut want = vec![
        serde_json::json!({"change": "added", "entry": rec("10.1.2.3/32", 777), "changed_fields": []}),
        serde_json::json!({"change": "removed", "entry": rec("172.20.0.24/32", 3176), "changed_fields": []}),
        serde_json::json!({"change": "changed", "entry": rec("172.20.0.249/32", 4000),
            "changed_fields": [{"field": "identity", "old": 3176, "new": 4000}]}),
    ];
    want.sort_by_key(|v| v.to_string());
    assert_eq!(got, want);
    w.interrupt();
}

/// A CT key for 10.0.0.1:40000 → 10.0.0.2:80 (TCP OUT), and a value with `rev_nat` and counters.
fn ct_key(sport: u16) -> [u8; 14] {
    let mut k = [0u8; 14];
    k[0..4].copy_from_slice(&[10, 0, 0, 2]);
    k[4..8].copy_from_slice(&[10, 0, 0, 1]);
    k[8..10].copy_from_slice(&80u16.to_be_bytes());
    k[10..12].copy_from_slice(&sport.to_be_bytes());
    k[12] = 6;
    k
}

fn ct_value(rev_nat: u16, packets: u64) -> [u8; 56] {
    let mut v = [0u8; 56];
    v[16..24].copy_from_slice(&packets.to_ne_bytes());
    v[24..32].copy_from_slice(&(packets * 100).to_ne_bytes());
    v[32..36].copy_from_slice(&20000u32.to_ne_bytes());
    v[38..40].copy_from_slice(&rev_nat.to_be_bytes());
    v
}

#[test]
fn ct_changes_follow_the_ct_rule() {
    let Some(lab) = TestLab::maps_only("watch::ct_changes_follow_the_ct_rule") else {
        return;
    };
    let m = Map::open_pinned_rw(&lab.globals().join("cilium_ct4_global")).unwrap();
    m.update(&ct_key(40000), &ct_value(5, 1)).unwrap();
    m.update(&ct_key(40001), &ct_value(5, 1)).unwrap();
    m.update(&ct_key(40002), &ct_value(5, 1)).unwrap();
    let list = ["bpf", "ct", "list", "global"];
    let gone = listed(&lab, &list, "10.0.0.2:40001");
    let mut w = Running::start(
        &lab,
        &[
            "bpf",
            "ct",
            "list",
            "global",
            "--ip",
            "10.0.0.0/24",
            "--watch=100ms",
            "--timeout=60s",
        ],
    );
    // The first pass: the three rows the filter keeps.
    let mut first: Vec<String> = (0..3).map(|_| squeeze(&w.line())).collect();
    first.sort();
    assert!(first[0].contains("10.0.0.2:40000"), "{first:?}");
    // Counters move on 40000 (not reported without --all-changes); 40001 goes; 40002's rev-NAT
    // changes; 40003 appears.
    m.update(&ct_key(40000), &ct_value(5, 99)).unwrap();
    assert!(m.delete(&ct_key(40001)).unwrap());
    m.update(&ct_key(40002), &ct_value(9, 1)).unwrap();
    m.update(&ct_key(40003), &ct_value(5, 1)).unwrap();
    let got = w.changes(3);
    let key_only = gone.split(" expires=").next().unwrap().to_string();
    let mut want = vec![
        format!("+ {}", listed(&lab, &list, "10.0.0.2:40003")),
        format!("- {key_only}"),
        format!("~ {} (rev_nat: 5 → 9)", listed(&lab, &list, "10.0.0.2:40002")),
    ];
    want.sort();
    assert_eq!(got, want);
    // Nothing more: the counter change of 40000 is not a change by default.
    m.update(&ct_key(40004), &ct_value(5, 1)).unwrap();
    let next = squeeze(&w.line());
    assert!(next.starts_with("+ TCP OUT 10.0.0.2:40004"), "{next}");
    w.interrupt();

    // With --all-changes the counters count.
    let mut w = Running::start(
        &lab,
        &[
            "bpf",
            "ct",
            "list",
            "global",
            "--ip",
            "10.0.0.0/24",
            "--watch=100ms",
            "--all-changes",
            "--quiet",
            "-o",
            "jsonl",
            "--timeout=60s",
        ],
    );
    w.line();
    m.update(&ct_key(40000), &ct_value(5, 100)).unwrap();
    let v = untimed(&w.line());
    assert_eq!(v["change"], "changed");
    assert_eq!(v["entry"]["sport"], 40000);
    assert_eq!(
        v["changed_fields"],
        serde_json::json!([
            {"field": "bytes", "old": 9900, "new": 10000},
            {"field": "packets", "old": 99, "new": 100}
        ])
    );
    w.interrupt();
}

#[test]
fn nat_changes_as_jsonl_records() {
    let Some(lab) = TestLab::maps_only("watch::nat_changes_as_jsonl_records") else {
        return;
    };
    let m = Map::open_pinned_rw(&lab.globals().join("cilium_snat_v4_external")).unwrap();
    let vs = m.info().value_size as usize;
    let mut w = Running::start(
        &lab,
        &[
            "bpf",
            "nat",
            "list",
            "--watch=100ms",
            "--quiet",
            "-o",
            "jsonl",
            "--timeout=60s",
        ],
    );
    w.line();
    let mut v = vec![0u8; vs];
    v[32..36].copy_from_slice(&[192, 168, 10, 100]);
    v[36..38].copy_from_slice(&61000u16.to_be_bytes());
    m.update(&ct_key(41000), &v).unwrap();
    let got = untimed(&w.line());
    assert_eq!(got["change"], "added");
    assert_eq!(got["changed_fields"], serde_json::json!([]));
    // The entry is the record `bpf nat list -o jsonl` prints for it.
    let o = lab.run(&["bpf", "nat", "list", "-o", "jsonl"]);
    let listed: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let entry = got["entry"].as_object().unwrap();
    assert_eq!(entry["to_port"], 61000);
    // Watches read no clock, so the record has no age; every other field is the listing's.
    let same = |r: &serde_json::Value| entry.iter().all(|(k, v)| r.get(k) == Some(v));
    assert!(listed.iter().any(same), "{got} is not a row of the listing");
    assert!(m.delete(&ct_key(41000)).unwrap());
    let gone = untimed(&w.line());
    assert_eq!(gone["change"], "removed");
    assert_eq!(gone["entry"]["sport"], got["entry"]["sport"]);
    w.interrupt();
}

#[test]
fn lb_backend_change_shows_on_its_slots() {
    let Some(lab) = TestLab::maps_only("watch::lb_backend_change_shows_on_its_slots") else {
        return;
    };
    let before = lab.run(&["bpf", "lb", "list", "-o", "jsonl"]);
    let records: Vec<serde_json::Value> = String::from_utf8(before.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // A backend some IPv4 slot points at.
    let slot = records
        .iter()
        .find(|r| r["family"] == "ipv4" && r["backend"].is_object())
        .unwrap()
        .clone();
    let id = slot["backend_id"].as_u64().unwrap() as u32;
    let users: Vec<&serde_json::Value> = records.iter().filter(|r| r["backend_id"] == id).collect();
    let bm = Map::open_pinned_rw(&lab.globals().join("cilium_lb4_backends_v3")).unwrap();
    let mut bv = vec![0u8; bm.info().value_size as usize];
    assert!(bm.lookup(&id.to_ne_bytes(), &mut bv).unwrap());
    let mut w = Running::start(
        &lab,
        &[
            "bpf",
            "lb",
            "list",
            "--watch=100ms",
            "--quiet",
            "-o",
            "jsonl",
            "--timeout=60s",
        ],
    );
    w.line();
    // The backend moves to port 9999: every slot naming it changes its `backend` field.
    bv[4..6].copy_from_slice(&9999u16.to_be_bytes());
    bm.update(&id.to_ne_bytes(), &bv).unwrap();
    let got: Vec<serde_json::Value> = (0..users.len()).map(|_| untimed(&w.line())).collect();
    let after = lab.run(&["bpf", "lb", "list", "-o", "jsonl"]);
    let now: Vec<serde_json::Value> = String::from_utf8(after.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for g in &got {
        assert_eq!(g["change"], "changed", "{g}");
        assert!(now.contains(&g["entry"]), "{} is not a row of the listing", g["entry"]);
        let f = &g["changed_fields"][0];
        assert_eq!(f["field"], "backend");
        assert_eq!(f["new"]["port"], 9999);
        assert_eq!(f["old"]["port"], slot["backend"]["port"]);
    }
    w.interrupt();
}

#[test]
fn metrics_rates_per_reason_and_direction() {
    let Some(lab) = TestLab::maps_only("watch::metrics_rates_per_reason_and_direction") else {
        return;
    };
    let m = Map::open_pinned_rw(&lab.globals().join("cilium_metrics")).unwrap();
    let mut w = Running::start(
        &lab,
        &[
            "bpf",
            "metrics",
            "list",
            "--watch=100ms",
            "--quiet",
            "-o",
            "jsonl",
            "--timeout=60s",
        ],
    );
    let first = w.line();
    assert!(first.ends_with(" counters"), "{first}");
    // 100 packets of 64 bytes more for one drop reason, on CPU 0 of one key.
    let key = {
        let o = lab.run(&["bpf", "metrics", "list", "-o", "jsonl"]);
        let s = String::from_utf8(o.stdout).unwrap();
        let r: serde_json::Value =
            serde_json::from_str(s.lines().find(|l| l.contains("\"drop\":true")).unwrap()).unwrap();
        let mut k = vec![0u8; m.info().key_size as usize];
        k[0] = r["reason_code"].as_u64().unwrap() as u8;
        k[1] = match r["direction"].as_str().unwrap() {
            "INGRESS" => 1,
            "EGRESS" => 2,
            _ => 3,
        };
        k[2..4].copy_from_slice(&(r["line"].as_u64().unwrap() as u16).to_ne_bytes());
        (k, r)
    };
    let mut v = vec![0u8; m.value_stride()];
    let (k, r) = key;
    let mut k = k;
    // The file id is not in the record: find the key by its reason, direction and line.
    let mut cur: Option<Vec<u8>> = None;
    let mut next = vec![0u8; k.len()];
    while m.next_key(cur.as_deref(), &mut next).unwrap() {
        if next[..4] == k[..4] {
            k = next.clone();
            break;
        }
        cur = Some(next.clone());
    }
    assert!(m.lookup(&k, &mut v).unwrap());
    let p = u64::from_ne_bytes(v[0..8].try_into().unwrap());
    let b = u64::from_ne_bytes(v[8..16].try_into().unwrap());
    v[0..8].copy_from_slice(&(p + 100).to_ne_bytes());
    v[8..16].copy_from_slice(&(b + 6400).to_ne_bytes());
    m.update(&k, &v).unwrap();
    let got = untimed(&w.line());
    assert_eq!(got["reason"], r["reason"]);
    assert_eq!(got["direction"], r["direction"]);
    assert_eq!(
        (got["packets"].as_u64(), got["bytes"].as_u64()),
        (Some(100), Some(6400))
    );
    let secs = got["interval_secs"].as_f64().unwrap();
    assert!(
        (got["packets_per_sec"].as_f64().unwrap() - 100.0 / secs).abs() < 1e-6,
        "{got}"
    );
    w.interrupt();
}

#[test]
fn wait_returns_when_the_entry_appears() {
    let Some(lab) = TestLab::maps_only("watch::wait_returns_when_the_entry_appears") else {
        return;
    };
    let w = Running::start(
        &lab,
        &[
            "bpf",
            "ipcache",
            "list",
            "--ip",
            "10.1.2.3",
            "--wait",
            "--watch=100ms",
            "--timeout=60s",
        ],
    );
    std::thread::sleep(Duration::from_millis(500));
    ipcache_map(&lab).update(&ip_key("10.1.2.3"), &ip_value(777)).unwrap();
    let mut w = w;
    let status = w.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let rows: Vec<String> = w.lines.iter().map(|l| squeeze(&l)).collect();
    assert_eq!(
        rows,
        [
            "IP PREFIX/ADDRESS IDENTITY",
            "10.1.2.3/32 identity=777 encryptkey=0 tunnelendpoint=0.0.0.0 flags=<none>"
        ]
    );
}

#[test]
fn wait_times_out_with_exit_1() {
    let Some(lab) = TestLab::maps_only("watch::wait_times_out_with_exit_1") else {
        return;
    };
    let o = lab.run(&[
        "bpf",
        "ipcache",
        "list",
        "--ip",
        "10.1.2.4",
        "--wait",
        "--watch=100ms",
        "--timeout=300ms",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "Timed out after 300ms: no row matched the filters\n"
    );
}

#[test]
fn wait_gone_returns_when_the_entry_goes() {
    let Some(lab) = TestLab::maps_only("watch::wait_gone_returns_when_the_entry_goes") else {
        return;
    };
    let args = [
        "bpf",
        "ipcache",
        "list",
        "--ip",
        "172.20.0.24",
        "--wait-gone",
        "--watch=100ms",
    ];
    // Still there at the timeout: the rows are printed and the exit status is 1.
    let o = lab.run(&[&args[..], &["--timeout=300ms"]].concat());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("172.20.0.24/32"));
    let w = Running::start(&lab, &[&args[..], &["--timeout=60s"]].concat());
    std::thread::sleep(Duration::from_millis(500));
    assert!(ipcache_map(&lab).delete(&ip_key("172.20.0.24")).unwrap());
    let mut w = w;
    let status = w.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(w.lines.iter().count(), 0);
}

#[test]
fn closed_pipe_ends_the_watch_with_exit_0() {
    let Some(lab) = TestLab::maps_only("watch::closed_pipe_ends_the_watch_with_exit_0") else {
        return;
    };
    let mut child = lab
        .cmd()
        .args(["bpf", "nodeid", "list", "--watch=100ms"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert!(first.starts_with("NODE ID"), "{first}");
    drop(out);
    let until = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > until {
            let _ = child.kill();
            panic!("the watch kept running after its reader went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_map_that_disappears_ends_the_watch() {
    let Some(lab) = TestLab::maps_only("watch::a_map_that_disappears_ends_the_watch") else {
        return;
    };
    let w = Running::start(&lab, &["bpf", "nodeid", "list", "--watch=100ms", "--timeout=60s"]);
    std::thread::sleep(Duration::from_millis(300));
    let pin = lab.globals().join("cilium_node_map_v2");
    std::fs::remove_file(&pin).unwrap();
    let o = w.child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("Error: ").count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("Error: {} disappeared during the watch", pin.display())),
        "{err}"
    );
}

#[test]
fn refusals_name_the_fix() {
    let Some(lab) = TestLab::maps_only("watch::refusals_name_the_fix") else {
        return;
    };
    let o = lab.run(&["bpf", "ipcache", "list", "--watch", "--max-watch", "3", "--passes", "1"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("more than 3 entries (--max-watch)") && err.contains("raise --max-watch"),
        "{err}"
    );
    let o = lab.run(&["bpf", "ipcache", "list", "--watch", "-o", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("use the table (no -o) or -o jsonl"));
    let o = lab.run(&["bpf", "ct", "list", "global", "--watch", "--count"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("do not combine with --count"));
}

#[test]
fn policy_counters_only_with_all_changes() {
    let Some(lab) = TestLab::maps_only("watch::policy_counters_only_with_all_changes") else {
        return;
    };
    let m = Map::open_pinned_rw(&lab.globals().join("cilium_policy_v2_00234")).unwrap();
    let mut key = vec![0u8; m.info().key_size as usize];
    assert!(m.next_key(None, &mut key).unwrap());
    let mut val = vec![0u8; m.info().value_size as usize];
    assert!(m.lookup(&key, &mut val).unwrap());
    let old_port = u16::from_be_bytes([val[0], val[1]]);
    let mut w = Running::start(
        &lab,
        &[
            "bpf",
            "policy",
            "get",
            "234",
            "--watch=100ms",
            "--quiet",
            "-o",
            "jsonl",
            "--timeout=60s",
        ],
    );
    w.line();
    // Counters move first (not a change by default), then the proxy port.
    if val.len() >= 24 {
        val[8..16].copy_from_slice(&12345u64.to_ne_bytes());
        m.update(&key, &val).unwrap();
        std::thread::sleep(Duration::from_millis(300));
    }
    val[0..2].copy_from_slice(&15001u16.to_be_bytes());
    m.update(&key, &val).unwrap();
    let v = untimed(&w.line());
    assert_eq!(v["change"], "changed");
    assert_eq!(v["entry"]["endpoint_id"], 234);
    assert_eq!(v["entry"]["proxy_port"], 15001);
    assert_eq!(
        v["changed_fields"],
        serde_json::json!([{"field": "proxy_port", "old": old_port, "new": 15001}])
    );
    w.interrupt();
}

/// The first pass of `args --watch` prints the rows of the plain listing, and `--wait` returns
/// them at once (whitespace squeezed: a watch aligns its own table).
fn first_pass_is_the_listing(lab: &TestLab, args: &[&str]) {
    let rows = |o: std::process::Output| -> Vec<String> {
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        let mut v: Vec<String> = String::from_utf8(o.stdout).unwrap().lines().map(squeeze).collect();
        v.sort();
        v
    };
    let plain = rows(lab.run(args));
    assert!(plain.len() > 1, "{args:?}: {plain:?}");
    let watched = rows(lab.run(&[args, &["--watch=100ms", "--passes", "1"]].concat()));
    assert_eq!(watched, plain, "{args:?} --watch");
    let waited = rows(lab.run(&[args, &["--wait", "--timeout=5s"]].concat()));
    assert_eq!(waited, plain, "{args:?} --wait");
}

#[test]
fn small_listings_watch_and_wait() {
    let Some(lab) = TestLab::maps_only("watch::small_listings_watch_and_wait") else {
        return;
    };
    for args in [
        &["bpf", "ipmasq", "list"][..],
        &["bpf", "frag", "list"],
        &["bpf", "config", "list"],
        &["bpf", "lb", "maglev", "list"],
    ] {
        first_pass_is_the_listing(&lab, args);
    }
    // A new fragment and a new heartbeat show as change lines.
    let mut w = Running::start(
        &lab,
        &["bpf", "frag", "list", "--watch=100ms", "--quiet", "--timeout=60s"],
    );
    assert_eq!(w.line(), "1 entries");
    let frag = Map::open_pinned_rw(&lab.globals().join("cilium_ipv4_frag_datagrams")).unwrap();
    let e = cdbg::maps::frag::Entry {
        dst: "10.0.0.2".parse().unwrap(),
        src: "10.0.0.1".parse().unwrap(),
        id: 0x0102,
        proto: 17,
        sport: 0x0304,
        dport: 0x0506,
    };
    let (k, v) = e.encode();
    frag.update(&k, &v).unwrap();
    let added = listed(&lab, &["bpf", "frag", "list"], "10.0.0.1:");
    assert_eq!(squeeze(&w.line()), format!("+ {added}"));
    w.interrupt();
    let mut w = Running::start(
        &lab,
        &["bpf", "config", "list", "--watch=100ms", "--quiet", "--timeout=60s"],
    );
    assert_eq!(w.line(), "2 entries");
    let cfg = Map::open_pinned_rw(&lab.globals().join("cilium_runtime_config")).unwrap();
    cfg.update(&1u32.to_ne_bytes(), &6_000_000_000_000u64.to_ne_bytes())
        .unwrap();
    let l = squeeze(&w.line());
    assert!(
        l.starts_with("~ AgentLiveness 6000000000000 (value: ") && l.ends_with(" → 6000000000000)"),
        "{l}"
    );
    w.interrupt();
}

#[test]
fn bandwidth_list_watches() {
    let Some(lab) = TestLab::maps_only("watch::bandwidth_list_watches") else {
        return;
    };
    let o = crate::util::command()
        .args(["lab", "reshape", "--layout", "1.18", "--dir"])
        .arg(&lab.dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "reshape: {}", String::from_utf8_lossy(&o.stderr));
    first_pass_is_the_listing(&lab, &["bpf", "bandwidth", "list"]);
}

#[test]
fn flags_a_watch_cannot_honour_are_refused() {
    let Some(lab) = TestLab::maps_only("watch::flags_a_watch_cannot_honour_are_refused") else {
        return;
    };
    for (args, flag) in [
        (&["bpf", "ct", "list", "global", "--watch", "--sort"][..], "--sort"),
        (&["bpf", "ct", "list", "global", "--wait", "--resolve"], "--resolve"),
        (&["bpf", "ct", "list", "global", "--watch", "-d"], "--time-diff"),
        (&["bpf", "nat", "list", "--watch", "--sort"], "--sort"),
        (&["bpf", "nat", "list", "--wait-gone", "--resolve"], "--resolve"),
        (&["bpf", "policy", "get", "--all", "--watch"], "--all"),
    ] {
        let o = lab.run(args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!(
                "Error: {flag} does not combine with --watch, --wait or --wait-gone: "
            )),
            "{args:?}: {err}"
        );
        assert!(err.contains(&format!("drop {flag}")), "{err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}
