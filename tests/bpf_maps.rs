//! Integration tests: the `bpf` map commands (endpoint, ipcache, policy, metrics, node IDs,
//! auth, tunnel, egress, bandwidth, ipmasq, frag, config, fs, maps) against lab nodes.

use std::path::PathBuf;
use std::process::Output;

use crate::util::{self, command, golden, transcript};

/// Fixed clocks for `lab up` and the commands (see src/lab/datapath.rs).
const MONO_SECS: &str = "5000";
const UNIX_NS: &str = "1750000000000000000";

/// A lab built with fixed clocks, removed on drop.
struct Lab {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Lab {
    fn up(test: &str, flags: &[&str]) -> Option<Lab> {
        if !util::is_root() {
            util::skip(test);
            return None;
        }
        let tmp = tempfile::Builder::new().prefix("cdbg-maps-").tempdir().unwrap();
        let dir = tmp.path().join("lab");
        let o = command()
            .env("CDBG_TEST_MONO_SECS", MONO_SECS)
            .env("CDBG_TEST_UNIX_NS", UNIX_NS)
            .args(["lab", "up", "--no-serve", "--dir"])
            .arg(&dir)
            .args(flags)
            .output()
            .unwrap();
        assert!(o.status.success(), "lab up: {}", String::from_utf8_lossy(&o.stderr));
        Some(Lab { _tmp: tmp, dir })
    }

    fn run(&self, args: &[&str]) -> Output {
        command()
            .env("CDBG_BPF_ROOT", self.dir.join("bpffs"))
            .env(
                "CILIUM_HOST",
                format!("unix://{}", self.dir.join("cilium.sock").display()),
            )
            .env("CDBG_TEST_MONO_SECS", MONO_SECS)
            .args(args)
            .output()
            .unwrap()
    }

    /// Transcript with the lab directory replaced by `<LAB>`.
    fn check(&self, name: &str, args: &[&str]) {
        let t = transcript(args, &self.run(args)).replace(&self.dir.display().to_string(), "<LAB>");
        golden(name, &t);
    }

    fn reshape(&self, v: &str) {
        let o = command()
            .args(["lab", "reshape", "--layout", v, "--dir"])
            .arg(&self.dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "reshape: {}", String::from_utf8_lossy(&o.stderr));
    }

    fn stdout(&self, args: &[&str]) -> String {
        String::from_utf8(self.run(args).stdout).unwrap()
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        let _ = command().args(["lab", "down", "--dir"]).arg(&self.dir).output();
    }
}

#[test]
fn goldens_1_17() {
    let Some(lab) = Lab::up("bpf_maps::goldens_1_17", &[]) else {
        return;
    };
    let cases: &[(&str, &[&str])] = &[
        ("endpoint_list", &["bpf", "endpoint", "list"]),
        ("endpoint_list_json", &["bpf", "endpoint", "list", "-o", "json"]),
        ("endpoint_list_jsonl", &["bpf", "endpoint", "list", "-o", "jsonl"]),
        ("ipcache_list", &["bpf", "ipcache", "list"]),
        ("ipcache_list_json", &["bpf", "ipcache", "list", "-o", "json"]),
        ("ipcache_list_yaml", &["bpf", "ipcache", "list", "-o", "yaml"]),
        ("ipcache_list_jsonl", &["bpf", "ipcache", "list", "-o", "jsonl"]),
        ("ipcache_get_pod", &["bpf", "ipcache", "get", "172.20.0.87"]),
        (
            "ipcache_get_json",
            &["bpf", "ipcache", "get", "172.20.2.2", "-o", "json"],
        ),
        ("ipcache_get_bad", &["bpf", "ipcache", "get", "not-an-ip"]),
        ("policy_get", &["bpf", "policy", "get", "234"]),
        ("policy_get_numeric", &["bpf", "policy", "get", "234", "-n"]),
        ("policy_get_json", &["bpf", "policy", "get", "234", "-o", "json"]),
        (
            "policy_get_jsonl",
            &["bpf", "policy", "get", "234", "-n", "-o", "jsonl"],
        ),
        ("policy_get_all", &["bpf", "policy", "get", "--all", "-n"]),
        (
            "policy_get_all_jsonpath",
            &["bpf", "policy", "get", "--all", "-o", "jsonpath={[*].EndpointID}"],
        ),
        ("policy_get_missing", &["bpf", "policy", "get", "4242", "-n"]),
        ("metrics_list", &["bpf", "metrics", "list"]),
        ("metrics_list_json", &["bpf", "metrics", "list", "-o", "json"]),
        ("metrics_list_jsonl", &["bpf", "metrics", "list", "-o", "jsonl"]),
        ("nodeid_list", &["bpf", "nodeid", "list"]),
        ("nodeid_list_json", &["bpf", "nodeid", "list", "-o", "json"]),
        ("config_list", &["bpf", "config", "list"]),
        ("config_list_json", &["bpf", "config", "list", "-o", "json"]),
        ("config_list_jsonl", &["bpf", "config", "list", "-o", "jsonl"]),
        ("auth_list", &["bpf", "auth", "list"]),
        ("auth_list_json", &["bpf", "auth", "list", "-o", "json"]),
        ("tunnel_list_absent", &["bpf", "tunnel", "list"]),
        ("egress_list_absent", &["bpf", "egress", "list"]),
        ("bandwidth_list_absent", &["bpf", "bandwidth", "list"]),
        ("ipmasq_list", &["bpf", "ipmasq", "list"]),
        ("ipmasq_list_json", &["bpf", "ipmasq", "list", "-o", "json"]),
        ("frag_list", &["bpf", "frag", "list"]),
        ("frag_list_json", &["bpf", "frag", "list", "-o", "json"]),
        ("frag_list_jsonl", &["bpf", "frag", "list", "-o", "jsonl"]),
    ];
    for (name, args) in cases {
        lab.check(&format!("maps/{name}.txt"), args);
    }
    // fs show: mount IDs vary per run; check the fields instead.
    let fs = lab.stdout(&["bpf", "fs", "show"]);
    assert!(fs.contains("FilesystemType:   bpf"), "{fs}");
    assert!(
        fs.contains(&format!("MountPoint:       {}", lab.dir.join("bpffs").display())),
        "{fs}"
    );
    let maps = lab.stdout(&["bpf", "maps", "list"]);
    assert!(maps.starts_with("NAME "), "{maps}");
    assert!(maps.contains("cilium_policy_v2_00234"), "{maps}");
    let rc: Vec<&str> = maps
        .lines()
        .find(|l| l.starts_with("cilium_runtime_config "))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    assert_eq!(rc.get(1..6), Some(&["array", "4", "8", "256", "256"][..]), "{maps}");
    let j: serde_json::Value = serde_json::from_str(&lab.stdout(&["bpf", "maps", "list", "-o", "json"])).unwrap();
    let lxc = j
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "cilium_lxc")
        .unwrap();
    assert_eq!(lxc["entries"], 7);
    assert_eq!(lxc["max_entries"], 65535);
}

#[test]
fn ipcache_get_longest_prefix() {
    let Some(lab) = Lab::up("bpf_maps::ipcache_get_longest_prefix", &[]) else {
        return;
    };
    let id = |ip: &str| {
        let o = lab.run(&["bpf", "ipcache", "get", ip, "-o", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (
            v["prefix"].as_str().unwrap().to_string(),
            v["identity"].as_u64().unwrap(),
        )
    };
    // local pod /32, remote pod /32 (tunnel endpoint = its node), node /32, CIDR /32, world /0
    assert_eq!(id("172.20.0.87"), ("172.20.0.87/32".into(), 3012));
    assert_eq!(id("172.20.1.77"), ("172.20.1.77/32".into(), 21041));
    assert_eq!(id("192.168.10.101"), ("192.168.10.101/32".into(), 6));
    assert_eq!(id("192.168.10.100"), ("192.168.10.100/32".into(), 1));
    assert_eq!(id("8.8.8.8"), ("8.8.8.8/32".into(), 16777217));
    assert_eq!(id("8.8.4.4"), ("0.0.0.0/0".into(), 2));
    assert_eq!(id("172.20.1.78"), ("0.0.0.0/0".into(), 2));
    let t = lab.stdout(&["bpf", "ipcache", "get", "172.20.2.2"]);
    assert_eq!(
        t,
        "172.20.2.2 maps to identity identity=12787 encryptkey=0 tunnelendpoint=192.168.10.102 flags=<none>\n"
    );
    // no IPv6 entries: cilium-dbg's message and exit 1
    lab.check("maps/ipcache_get_v6_none.txt", &["bpf", "ipcache", "get", "fd00::1"]);
}

#[test]
fn faults_make_the_heartbeat_stale() {
    let Some(lab) = Lab::up("bpf_maps::faults_make_the_heartbeat_stale", &["--faults"]) else {
        return;
    };
    let o = lab.stdout(&["bpf", "config", "list", "-o", "jsonl"]);
    let first: serde_json::Value = serde_json::from_str(o.lines().next().unwrap()).unwrap();
    assert_eq!(first["key"], "AgentLiveness");
    assert_eq!(first["age_seconds"], 600.0);
}

#[test]
fn layout_1_16() {
    let Some(lab) = Lab::up("bpf_maps::layout_1_16", &[]) else {
        return;
    };
    lab.reshape("1.16");
    lab.check("maps/v116_policy_get.txt", &["bpf", "policy", "get", "234", "-n"]);
    lab.check(
        "maps/v116_policy_get_json.txt",
        &["bpf", "policy", "get", "491", "-o", "json"],
    );
    lab.check("maps/v116_ipcache_get.txt", &["bpf", "ipcache", "get", "172.20.2.2"]);
    lab.check("maps/v116_tunnel_list.txt", &["bpf", "tunnel", "list"]);
    lab.check(
        "maps/v116_tunnel_list_json.txt",
        &["bpf", "tunnel", "list", "-o", "json"],
    );
    lab.check("maps/v116_bandwidth_list.txt", &["bpf", "bandwidth", "list"]);
}

#[test]
fn layout_1_18() {
    let Some(lab) = Lab::up("bpf_maps::layout_1_18", &[]) else {
        return;
    };
    lab.reshape("1.18");
    lab.check("maps/v118_policy_get.txt", &["bpf", "policy", "get", "234", "-n"]);
    lab.check("maps/v118_ipcache_list.txt", &["bpf", "ipcache", "list"]);
    lab.check("maps/v118_endpoint_list.txt", &["bpf", "endpoint", "list"]);
    lab.check("maps/v118_nodeid_list.txt", &["bpf", "nodeid", "list"]);
    lab.check("maps/v118_bandwidth_list.txt", &["bpf", "bandwidth", "list"]);
    lab.check(
        "maps/v118_bandwidth_list_json.txt",
        &["bpf", "bandwidth", "list", "-o", "json"],
    );
}

#[test]
fn endpoint_delete_and_odd_maps() {
    let Some(lab) = Lab::up("bpf_maps::endpoint_delete_and_odd_maps", &[]) else {
        return;
    };
    let o = lab.run(&["bpf", "endpoint", "delete", "172.20.0.249"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!lab.stdout(&["bpf", "endpoint", "list"]).contains("172.20.0.249:0"));
    lab.check(
        "maps/endpoint_delete_missing.txt",
        &["bpf", "endpoint", "delete", "172.20.0.249"],
    );
    lab.check("maps/endpoint_delete_bad.txt", &["bpf", "endpoint", "delete", "banana"]);
    // A map pinned with the right name but the wrong shape is refused, never decoded.
    let g = lab.dir.join("bpffs/tc/globals");
    std::fs::remove_file(g.join("cilium_metrics")).unwrap();
    let o = lab.run(&[
        "lab",
        "reshape",
        "--layout",
        "1.17",
        "--dir",
        &lab.dir.display().to_string(),
    ]);
    assert!(!o.status.success());
    std::fs::rename(g.join("cilium_node_map"), g.join("cilium_metrics")).unwrap();
    lab.check("maps/metrics_wrong_shape.txt", &["bpf", "metrics", "list"]);
    std::fs::remove_file(g.join("cilium_lxc")).unwrap();
    lab.check("maps/endpoint_list_missing.txt", &["bpf", "endpoint", "list"]);
}
