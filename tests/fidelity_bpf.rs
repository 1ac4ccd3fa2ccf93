//! Integration tests: the map-side fidelity rules of cilium-dbg (fidelity.md C1, C2 via the
//! clocks' unit tests, C14, C15, C16) on lab nodes: IPv6 gating of `bpf ct/nat list`, 1.18 CT
//! JSON, 1.18 policy counters and 1.18 fragment listings.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{self, command, golden, transcript, TestLab};

/// Fixed CLOCK_MONOTONIC for `lab up` and the commands, so ages are stable.
const MONO: &str = "13600";

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn blank_lines(s: &str) -> usize {
    s.lines().filter(|l| l.is_empty()).count()
}

/// A maps-only lab (no agent) with a fixed clock.
struct MapsLab {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl MapsLab {
    fn up(test: &str) -> Option<MapsLab> {
        if !util::is_root() {
            util::skip(test);
            return None;
        }
        let tmp = tempfile::Builder::new().prefix("cdbg-fid-").tempdir().unwrap();
        let dir = tmp.path().join("lab");
        let o = command()
            .env("CDBG_TEST_MONO_SECS", MONO)
            .args(["lab", "up", "--no-serve", "--dir"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "lab up: {}", stderr(&o));
        Some(MapsLab { _tmp: tmp, dir })
    }

    fn globals(&self) -> PathBuf {
        self.dir.join("bpffs/tc/globals")
    }

    /// `cdbg ARGS` on the lab's maps, with `state` as the state dir and no agent.
    fn run_in(&self, state: &Path, args: &[&str]) -> Output {
        command()
            .env("CDBG_BPF_ROOT", self.dir.join("bpffs"))
            .env("CDBG_STATE_DIR", state)
            .env("CDBG_TEST_MONO_SECS", MONO)
            .args(args)
            .output()
            .unwrap()
    }

    fn state(&self, name: &str, body: Option<&str>) -> PathBuf {
        let d = self.dir.with_file_name(name);
        std::fs::create_dir_all(&d).unwrap();
        if let Some(b) = body {
            std::fs::write(d.join("agent-runtime-config.json"), b).unwrap();
        }
        d
    }

    fn reshape(&self, v: &str) {
        let o = command()
            .args(["lab", "reshape", "--layout", v, "--dir"])
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "reshape: {}", stderr(&o));
    }

    fn check(&self, name: &str, args: &[&str]) {
        let o = self.run_in(&self.state("state-none", None), args);
        let t = transcript(args, &o).replace(&self.dir.display().to_string(), "<LAB>");
        golden(name, &t);
    }
}

impl Drop for MapsLab {
    fn drop(&mut self) {
        let _ = command().args(["lab", "down", "--dir"]).arg(&self.dir).output();
    }
}

const CT: &[&str] = &["bpf", "ct", "list", "global", "--sort"];
const NAT: &[&str] = &["bpf", "nat", "list", "--sort"];

/// C1, agent side: the lab's agent says IPv6 on (its maps have IPv6 flows) → four CT maps, two
/// NAT maps; with the override it answers as an IPv4-only agent → only the IPv4 maps, one empty
/// line per map, no note, even though the state file says IPv6 is on (the agent wins).
#[test]
fn ipv6_gating_follows_the_agent() {
    let Some(lab) = TestLab::up_env(
        "fidelity_bpf::ipv6_gating_follows_the_agent",
        &[],
        &[("CDBG_TEST_MONO_SECS", MONO)],
    ) else {
        return;
    };
    let state = std::fs::read_to_string(lab.dir.join("state/agent-runtime-config.json")).unwrap();
    assert!(state.contains("\"EnableIPv6\": true"), "{state}");

    let on = lab.run(CT);
    assert!(on.status.success(), "{}", stderr(&on));
    let full = stdout(&on);
    assert_eq!(blank_lines(&full), 4, "{full}");
    assert!(full.contains("fd00:192:168:10::100"), "{full}");
    let nat_on = stdout(&lab.run(NAT));
    assert_eq!(blank_lines(&nat_on), 2, "{nat_on}");

    std::fs::write(lab.dir.join(cdbg::lab::agent::IPV6_OFF_FILE), "").unwrap();
    let off = lab.run(CT);
    assert!(off.status.success(), "{}", stderr(&off));
    assert_eq!(stderr(&off), "", "no note for maps never opened");
    let v4 = stdout(&off);
    assert_eq!(blank_lines(&v4), 2, "{v4}");
    assert!(!v4.contains("fd00:"), "{v4}");
    assert!(full.starts_with(&v4), "the IPv4 part is unchanged:\n{v4}\n---\n{full}");

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&lab.run(&["bpf", "ct", "list", "global", "-o", "json"]))).unwrap();
    let entries = json.as_array().unwrap();
    assert!(!entries.is_empty());
    assert!(
        entries
            .iter()
            .all(|e| e["Key"]["DestAddr"].as_array().unwrap().len() == 4),
        "only IPv4 entries in -o json"
    );

    let nat_off = lab.run(NAT);
    assert_eq!(stderr(&nat_off), "");
    let nat_v4 = stdout(&nat_off);
    assert_eq!(blank_lines(&nat_v4), 1, "{nat_v4}");
    assert!(nat_on.starts_with(&nat_v4));
}

/// C1 without an agent: the state file's `EnableIPv6`, else on; an absent IPv6 map with no
/// agent and no state file is still skipped with a note and exit 0.
#[test]
fn ipv6_gating_without_agent() {
    let Some(lab) = MapsLab::up("fidelity_bpf::ipv6_gating_without_agent") else {
        return;
    };
    let off = lab.state("state-off", Some(r#"{"ClockSource":0,"EnableIPv6":false}"#));
    let on = lab.state("state-on", Some(r#"{"ClockSource":0,"EnableIPv6":true}"#));
    let none = lab.state("state-none", None);

    let all = lab.run_in(&on, CT);
    assert_eq!(blank_lines(&stdout(&all)), 4);
    assert_eq!(stdout(&lab.run_in(&none, CT)), stdout(&all), "no file: IPv6 assumed on");

    let o = lab.run_in(&off, CT);
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
    assert_eq!(blank_lines(&stdout(&o)), 2);
    assert!(stdout(&all).starts_with(&stdout(&o)));
    let o = lab.run_in(&off, NAT);
    assert_eq!((blank_lines(&stdout(&o)), stderr(&o).as_str()), (1, ""));
    let o = lab.run_in(&off, &["bpf", "ct", "list", "cluster", "3"]);
    assert!(o.status.success());
    assert_eq!(
        stderr(&o).lines().count(),
        2,
        "cluster: only the two IPv4 tables are looked for: {}",
        stderr(&o)
    );

    // IPv4-only node, no agent, no state file: cdbg still succeeds (cilium-dbg would fail).
    for m in ["cilium_ct6_global", "cilium_ct_any6_global", "cilium_snat_v6_external"] {
        std::fs::remove_file(lab.globals().join(m)).unwrap();
    }
    let o = lab.run_in(&none, CT);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cilium_ct6_global: no such file or directory"),
        "{}",
        stderr(&o)
    );
    assert_eq!(blank_lines(&stdout(&o)), 2);
}

/// C14: a 1.18 node's CT JSON has `Reserved4` where 1.17 had `IfIndex`.
#[test]
fn v118_ct_json_reserved4() {
    let Some(lab) = MapsLab::up("fidelity_bpf::v118_ct_json_reserved4") else {
        return;
    };
    let args = ["bpf", "ct", "list", "global", "-o", "json", "--sort"];
    let v117 = stdout(&lab.run_in(&lab.state("state-none", None), &args));
    assert!(v117.contains("\"RevNAT\": 256,\n      \"IfIndex\": 0,\n      \"TxFlagsSeen\""));
    lab.reshape("1.18");
    let v118 = stdout(&lab.run_in(&lab.state("state-none", None), &args));
    assert!(!v118.contains("IfIndex"));
    assert_eq!(v118, v117.replace("\"IfIndex\"", "\"Reserved4\""));
}

/// C15: 1.18 counters from `cilium_policystats`; `-` (table) and u64 max (JSON) without an
/// entry. The stats key is written here from fidelity.md's bytes, not by cdbg's encoder.
#[test]
fn v118_policy_counters_from_policystats() {
    let Some(lab) = MapsLab::up("fidelity_bpf::v118_policy_counters_from_policystats") else {
        return;
    };
    lab.reshape("1.18");
    let stats = cdbg::bpf::Map::open_pinned_rw(&lab.globals().join("cilium_policystats")).unwrap();
    let key = [0xEA, 0x00, 0x00, 0x18, 0x68, 0x0C, 0x00, 0x00, 0x01, 0x11, 0x00, 0x35];
    let mut val = vec![0u8; stats.value_stride()];
    val[0..8].copy_from_slice(&211u64.to_ne_bytes());
    val[8..16].copy_from_slice(&16_033u64.to_ne_bytes());
    stats.update(&key, &val).unwrap();
    drop(stats);

    lab.check("fidelity/v118_policy_get.txt", &["bpf", "policy", "get", "234", "-n"]);
    let o = lab.run_in(
        &lab.state("state-none", None),
        &["bpf", "policy", "get", "234", "-o", "json"],
    );
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let find = |id: u64, proto: u64| {
        doc.as_array()
            .unwrap()
            .iter()
            .find(|e| e["Key"]["Identity"] == id && e["Key"]["Nexthdr"] == proto && e["Key"]["TrafficDirection"] == 1)
            .unwrap()
            .clone()
    };
    let udp53 = find(3176, 17);
    assert_eq!(
        (udp53["Packets"].as_u64(), udp53["Bytes"].as_u64()),
        (Some(211), Some(16_033))
    );
    // The lab's TCP/53 rule saw no traffic: no stats entry.
    let tcp53 = find(3176, 6);
    assert_eq!(
        (tcp53["Packets"].as_u64(), tcp53["Bytes"].as_u64()),
        (Some(u64::MAX), Some(u64::MAX))
    );
    let table = stdout(&lab.run_in(&lab.state("state-none", None), &["bpf", "policy", "get", "234", "-n"]));
    let row = table.lines().find(|l| l.contains("53/TCP")).unwrap();
    assert!(row.contains(" -   ") && row.matches(" - ").count() >= 2, "{row}");
}

/// C16: 1.18 lists both fragment maps with the IPv4 ID in host order; ports stay unswapped.
#[test]
fn v118_frag_list() {
    let Some(lab) = MapsLab::up("fidelity_bpf::v118_frag_list") else {
        return;
    };
    lab.reshape("1.18");
    lab.check("fidelity/v118_frag_list.txt", &["bpf", "frag", "list"]);
    lab.check(
        "fidelity/v118_frag_list_json.txt",
        &["bpf", "frag", "list", "-o", "json"],
    );
    std::fs::remove_file(lab.globals().join("cilium_ipv6_frag_datagrams")).unwrap();
    std::fs::remove_file(lab.globals().join("cilium_ipv4_frag_datagrams")).unwrap();
    lab.check("fidelity/v118_frag_list_absent.txt", &["bpf", "frag", "list"]);
}

/// An agent that answers every GET with `body` (200), on a unix socket in `dir`.
fn fake_agent(dir: &Path, body: &'static str) -> String {
    util::FakeAgent::at(dir.join("fake-agent.sock"), move |_| util::Answer::json("200 OK", body)).host()
}

/// Version detection falls back to the agent's version string when no pinned map tells; and
/// an agent whose `/v1/config` has no `status` means IPv6 on, the state file unread (C1).
#[test]
fn agent_version_fallback_and_config_without_status() {
    let Some(lab) = MapsLab::up("fidelity_bpf::agent_version_fallback_and_config_without_status") else {
        return;
    };
    for n in std::fs::read_dir(lab.globals()).unwrap() {
        let n = n.unwrap().file_name().into_string().unwrap();
        if n.starts_with("cilium_policy") || n.starts_with("cilium_ipcache") {
            std::fs::remove_file(lab.globals().join(n)).unwrap();
        }
    }
    let none = lab.state("state-none", None);
    let frag = ["bpf", "frag", "list"];
    let v117 = lab.run_in(&none, &frag);
    assert!(stdout(&v117).contains("\n11548 "), "{}", stdout(&v117));

    let host = fake_agent(
        &lab.dir,
        r#"{"cilium":{"state":"Ok","msg":"1.18.1 (v1.18.1-9f8e7d6c)"}}"#,
    );
    let with_agent = |state: &Path, args: &[&str]| {
        command()
            .env("CDBG_BPF_ROOT", lab.dir.join("bpffs"))
            .env("CDBG_STATE_DIR", state)
            .env("CILIUM_HOST", &host)
            .env("CDBG_TEST_MONO_SECS", MONO)
            .args(args)
            .output()
            .unwrap()
    };
    let v118 = with_agent(&none, &frag);
    assert!(stdout(&v118).contains("\n7213 "), "{}", stdout(&v118));
    assert_eq!(stderr(&v118), "IPv6 map doesn't exist, skipping\n");

    let off = lab.state("state-off", Some(r#"{"ClockSource":0,"EnableIPv6":false}"#));
    assert_eq!(blank_lines(&stdout(&lab.run_in(&off, CT))), 2);
    let o = with_agent(&off, CT);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        blank_lines(&stdout(&o)),
        4,
        "healthz answered: the default, not the file"
    );
}

/// C2 with fidelity.md's numbers: schedstat `timestamp 91238523` at 250 Hz; each side is
/// converted to seconds (floored) before subtracting: CT remaining 58 (not 57), NAT `Created=`
/// 123 (not 120), through the same formatter `bpf nat list` prints with.
#[test]
fn jiffies_sides_are_floored_separately() {
    use cdbg::maps::clock::{Clock, Mode, Origin};
    let c = Clock {
        mode: Mode::Jiffies { hz: 250 },
        origin: Origin::Flag,
        now: 91_238_523 >> 8,
    };
    assert_eq!(c.remaining(356_457), 58);
    let age = cdbg::maps::nat::Age::Known {
        now_secs: c.now_secs(),
        jiffies_hz: c.jiffies_hz(),
    };
    let v = cdbg::maps::nat::Entry {
        created: 356_280,
        needs_ct: 1,
        pad1: 0,
        pad2: 0,
        addr: "10.0.2.15".parse().unwrap(),
        port: 48244,
    }
    .encode();
    let mut buf = Vec::new();
    cdbg::maps::nat::format_value(&mut buf, 0, &v, &age);
    assert_eq!(
        String::from_utf8(buf).unwrap(),
        "XLATE_SRC 10.0.2.15:48244 Created=123sec ago NeedsCT=1\n"
    );
}
