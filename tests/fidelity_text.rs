//! Fidelity of the agent commands' text (fidelity.md C5–C12): `config -a` text and JSON,
//! `status` per release (cluster health, Modules Health from the agent's statedb, KPR details,
//! masquerading, Hubble metrics), `ip list` labels, `node list` and `nodeid list`. Goldens under
//! tests/golden/fidelity; literal lines quoted in fidelity.md (taken from the real binaries) are
//! asserted as they are.

use std::process::Output;

use crate::util::*;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

// ---------------------------------------------------------------------------------------------
// C5, C6: config -a

/// The fixtures of fidelity.md C5/C6: number spellings, a nested map, an immutable bool.
const CONFIG: &str = r#"{"spec":{"options":{},"policy-enforcement":"default"},"status":{
 "daemonConfigurationMap":{"BPFEventsSamplingRatio":1e-05,"CTMapEntriesGlobalAny":5.0,"IPAMBig":900000000000,
   "Devices":["eth0","eth1"],"Labels":null,"EnableIPv4":true,"Opts":{"Debug":0,"MonitorAggregationLevel":3,"PolicyTracing":"false"},
   "Empty":{},"k8sConnectionTimeout":30000000000},
 "immutable":{"EnableIPv6":"false","Mode":"native"},"k8s-configuration":"","k8s-endpoint":"https://10.96.0.1:443",
 "realized":{"options":{"Debug":"Disabled","PolicyTracing":"Enabled"},"policy-enforcement":"default"}}}"#;

#[test]
fn config_all_text_and_json() {
    let f = FakeAgent::by_path(&[("/v1/config", &CONFIG.replace('\n', ""))]);
    let o = f.run(&["config", "-a"], &[]);
    let s = stdout(&o);
    golden("fidelity/config_all.txt", &transcript(&["config", "-a"], &o));
    for line in [
        "BPFEventsSamplingRatio            : 1e-05\n",
        "CTMapEntriesGlobalAny             : 5.0\n",
        "IPAMBig                           : 900000000000\n",
        "Devices                           : [eth0 eth1]\n",
        "Labels                            : <nil>\n",
        "Opts\n\tDebug                     : Disabled\n\tMonitorAggregationLevel   : 3\n\tPolicyTracing             : Disabled\n",
        "Empty\nEnableIPv4",
        "EnableIPv6                        : Disabled\nMode                              : native\n",
    ] {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
    let args = ["config", "-a", "-o", "json"];
    let o = f.run(&args, &[]);
    let s = stdout(&o);
    golden("fidelity/config_all_json.txt", &transcript(&args, &o));
    for frag in [
        "\"BPFEventsSamplingRatio\": 0.00001,",
        "\"CTMapEntriesGlobalAny\": 5,",
        "\"IPAMBig\": 900000000000,",
        "\"k8sConnectionTimeout\": 30000000000,\n  \"options\": {\n    \"Debug\": \"Disabled\",",
        "\"policy-enforcement\": \"default\"\n}\n\n",
        "\"Opts\": {\n    \"Debug\": 0,",
    ] {
        assert!(s.contains(frag), "missing {frag:?} in\n{s}");
    }
    // -r prints the read-only map as decoded: numbers keep their spelling.
    let s = stdout(&f.run(&["config", "-r", "-o", "json"], &[]));
    assert!(s.contains("\"BPFEventsSamplingRatio\": 1e-05,"), "{s}");
    assert!(!s.contains("\"options\""), "{s}");
}

// ---------------------------------------------------------------------------------------------
// C7, C8, C9: status per release, on the lab

/// The cluster health / Modules Health part of 1.17's default status (fidelity.md C7 example).
const HEALTH_117: &str = "Cluster health:          3/3 reachable   (2025-07-20T08:00:00Z)\n\
Name                     IP              Node   Endpoints\n\
Modules Health:          Stopped(1) Degraded(0) OK(5)\n";

#[test]
fn status_follows_the_lab_release() {
    let Some(lab) = TestLab::up("status_follows_the_lab_release", &[]) else {
        return;
    };
    // 1.17 (the lab's own layout).
    let o = lab.run(&["status"]);
    golden("fidelity/status_1.17.txt", &transcript(&["status"], &o));
    let s = stdout(&o);
    assert!(s.ends_with(HEALTH_117), "{s}");
    assert!(!s.contains("Probe interval"), "{s}");
    let o = lab.run(&["status", "--verbose"]);
    golden(
        "fidelity/status_verbose_1.17.txt",
        &transcript(&["status", "--verbose"], &o),
    );
    let s = stdout(&o);
    // fidelity.md C8: 6-space tabwriter indent, meta at tree column 60 (deepest leaf M = 4).
    let leaf = format!(
        "      │   │   └── timer-job-auth-gc-cleanup{}[OK] OK (21m, x1)\n",
        " ".repeat(23)
    );
    assert!(s.contains(&leaf), "{s}");
    assert!(
        s.contains("Modules Health:\n      agent\n      ├── controlplane\n"),
        "{s}"
    );
    assert!(
        s.ends_with("\n      \n"),
        "1.17 ends the tree with a line of 6 spaces:\n{s}"
    );
    assert!(
        s.contains("      ICMP to stack:   OK, RTT=180µs\n"),
        "no Last probed cell in 1.17:\n{s}"
    );
    assert!(s.contains("  Graceful Termination:   Enabled\n"), "{s}");

    // 1.18: the same lab reshaped; the agent answers as 1.18.
    let o = lab.run(&["lab", "reshape", "--layout", "1.18", "--dir", lab.dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lab.run(&["status"]);
    golden("fidelity/status_1.18.txt", &transcript(&["status"], &o));
    let s = stdout(&o);
    assert!(
        s.contains("Cilium:                  Ok   1.18.1 (v1.18.1-9f8e7d6c)\n"),
        "{s}"
    );
    // fidelity.md C9 example, byte for byte.
    assert!(
        s.contains("Masquerading:            BPF   [eth0, eth1]   172.20.0.0/16  [IPv4: Enabled, IPv6: Disabled]\n"),
        "{s}"
    );
    assert!(s.contains("   (Probe interval: 1m23.5s)\n"), "{s}");
    assert!(
        s.ends_with("Modules Health:          Stopped(1) Degraded(0) OK(5)\n\n"),
        "{s}"
    );
    let o = lab.run(&["status", "--verbose"]);
    golden(
        "fidelity/status_verbose_1.18.txt",
        &transcript(&["status", "--verbose"], &o),
    );
    let s = stdout(&o);
    assert!(!s.contains("Graceful Termination"), "{s}");
    assert!(
        s.contains("  Socket LB Coverage:   Full\n"),
        "labels pad to 24 in 1.18:\n{s}"
    );
    assert!(s.contains("(Last probed: 2025-07-20T08:00:00Z)\n"), "{s}");
    let tree_start = s.find("Modules Health:").unwrap();
    let first = s[tree_start..].lines().next().unwrap();
    assert!(
        first.starts_with("Modules Health:") && first.ends_with(" agent"),
        "{first:?}"
    );
    assert!(s.ends_with("\n\n"), "1.18 adds an empty line after the tree:\n{s}");
}

#[test]
fn status_of_a_116_lab() {
    let Some(lab) = TestLab::up("status_of_a_116_lab", &[]) else {
        return;
    };
    let o = lab.run(&["lab", "reshape", "--layout", "1.16", "--dir", lab.dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = lab.run(&["status"]);
    golden("fidelity/status_1.16.txt", &transcript(&["status"], &o));
    let s = stdout(&o);
    assert!(
        s.contains("Cilium:                  Ok   1.16.12 (v1.16.12-5a1b2c3d)\n"),
        "{s}"
    );
    // Succinct and healthy: no header, no rows.
    assert!(
        s.ends_with("Cluster health:          3/3 reachable   (2025-07-20T08:00:00Z)\nModules Health:          Stopped(1) Degraded(0) OK(5)\n"),
        "{s}"
    );
    let o = lab.run(&["status", "--verbose"]);
    golden(
        "fidelity/status_verbose_1.16.txt",
        &transcript(&["status", "--verbose"], &o),
    );
    let s = stdout(&o);
    assert!(s.contains("  Name   "), "{s}");
    assert!(
        s.contains("  default/cilium-m1 (localhost)   192.168.10.100   reachable   reachable\n"),
        "{s}"
    );
    assert!(!s.contains("connectivity to"), "1.16 has no per-path detail:\n{s}");
    assert!(s.contains("  Graceful Termination:   Enabled\n"), "{s}");
}

// ---------------------------------------------------------------------------------------------
// C10: ip list

#[test]
fn ip_list_asks_the_agent_for_every_identity() {
    let f = FakeAgent::by_path(&[
        (
            "/v1/ip",
            r#"[{"cidr":"10.0.2.15/32","identity":1,"metadata":{"source":"local"}},{"cidr":"0.0.0.0/0","identity":2,"metadata":{"source":"reserved"}}]"#,
        ),
        (
            "/v1/identity/1",
            r#"{"id":1,"labels":["reserved:kube-apiserver","reserved:host"]}"#,
        ),
    ]);
    let o = f.run(&["ip", "list"], &[]);
    let t = transcript(&["ip", "list"], &o).replace(&f.sock.display().to_string(), "<sock>");
    golden("fidelity/ip_list_reserved.txt", &t);
    assert_eq!(o.status.code(), Some(0));
    let expected = [
        "IP             IDENTITY                  SOURCE\n".to_string(),
        "0.0.0.0/0      reserved:world            reserved\n".to_string(),
        "10.0.2.15/32   reserved:host             local\n".to_string(),
        format!("{}reserved:kube-apiserver   \n", " ".repeat(15)),
    ]
    .concat();
    assert_eq!(stdout(&o), expected);
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.starts_with("Cannot get identity for ID 2: "), "{e}");
}

// ---------------------------------------------------------------------------------------------
// C11, C12: node list, nodeid list

#[test]
fn node_list_reads_nodes_added() {
    let f = FakeAgent::by_path(&[(
        "/v1/cluster/nodes",
        r#"{"nodes-added":[{"name":"default/n1","primary-address":{"ipv4":{"ip":"10.0.0.1","alloc-range":"10.1.0.0/24"}},"source":"local"}]}"#,
    )]);
    let o = f.run(&["node", "list"], &[]);
    assert_eq!(
        stdout(&o),
        "Name         IPv4 Address   Endpoint CIDR   IPv6 Address   Endpoint CIDR   Source\n\
         default/n1   10.0.0.1       10.1.0.0/24                                    local\n"
    );
    // The camel-case key is not the agent's: nothing to print, exit 0.
    let f = FakeAgent::by_path(&[("/v1/cluster/nodes", r#"{"nodesAdded":[{"name":"x"}]}"#)]);
    let o = f.run(&["node", "list"], &[]);
    assert_eq!((stdout(&o).as_str(), o.status.code()), ("", Some(0)));
}

#[test]
fn nodeid_list_prints_hex_ids_and_spi_header() {
    let f = FakeAgent::by_path(&[("/v1/node/ids", r#"[{"id":10,"ips":["10.0.0.1","10.1.0.5"]}]"#)]);
    let o = f.run(&["nodeid", "list"], &[]);
    assert_eq!(
        stdout(&o),
        "NODE ID   IP ADDRESSES   SPI\n0xa       10.0.0.1\n          10.1.0.5\n"
    );
}

// ---------------------------------------------------------------------------------------------
// C4 for node list, nodeid list, config and debuginfo: the answer through the release's models
// (this fake has no pinned maps: the 1.17 models).

#[test]
fn node_list_json_goes_through_the_models() {
    // Unknown keys dropped, zero omitempty `enabled` dropped, keys byte-sorted; the inline
    // `secondary-addresses` array has no omitempty: `[]` stays (fidelity.md C4 points 1-3, 5).
    let f = FakeAgent::by_path(&[(
        "/v1/cluster/nodes",
        r#"{"self":"n1","nodes-added":[{"source":"local","name":"default/n1","secondary-addresses":[],"x-new":1,
            "primary-address":{"ipv4":{"ip":"10.0.0.1","enabled":false,"alloc-range":"10.1.0.0/24"}}}]}"#,
    )]);
    let o = f.run(&["node", "list", "-o", "json"], &[]);
    assert_eq!(
        stdout(&o),
        "[\n  {\n    \"name\": \"default/n1\",\n    \"primary-address\": {\n      \"ipv4\": {\n        \
         \"alloc-range\": \"10.1.0.0/24\",\n        \"ip\": \"10.0.0.1\"\n      }\n    },\n    \
         \"secondary-addresses\": [],\n    \"source\": \"local\"\n  }\n]\n\n"
    );
}

#[test]
fn nodeid_list_json_goes_through_the_models() {
    // `id` is required (a pointer: null when missing), `ips` has no omitempty; unknown keys go.
    let f = FakeAgent::by_path(&[("/v1/node/ids", r#"[{"ips":["10.0.0.1"],"id":10,"spi":3},{"ips":null}]"#)]);
    let o = f.run(&["nodeid", "list", "-o", "json"], &[]);
    assert_eq!(
        stdout(&o),
        "[\n  {\n    \"id\": 10,\n    \"ips\": [\n      \"10.0.0.1\"\n    ]\n  },\n  {\n    \"id\": null,\n    \"ips\": null\n  }\n]\n\n"
    );
}

#[test]
fn config_json_prints_the_realized_options_through_the_models() {
    // printConfigurations prints `Realized.Options` (a map[string]string): sorted keys.
    let f = FakeAgent::by_path(&[(
        "/v1/config",
        r#"{"status":{"realized":{"options":{"PolicyTracing":"Disabled","Debug":"Enabled"},"policy-enforcement":"default"}}}"#,
    )]);
    let o = f.run(&["config", "-o", "json"], &[]);
    assert_eq!(
        stdout(&o),
        "{\n  \"Debug\": \"Enabled\",\n  \"PolicyTracing\": \"Disabled\"\n}\n\n"
    );
    // No options: a nil map, which Go prints as null.
    let f = FakeAgent::by_path(&[(
        "/v1/config",
        r#"{"status":{"realized":{"policy-enforcement":"default"}}}"#,
    )]);
    let o = f.run(&["config", "-o", "json"], &[]);
    assert_eq!(stdout(&o), "null\n\n");
    // -a: an empty realized spec adds nothing (both fields are omitempty).
    let f = FakeAgent::by_path(&[(
        "/v1/config",
        r#"{"status":{"daemonConfigurationMap":{"A":5.0},"realized":{"options":{},"policy-enforcement":""}}}"#,
    )]);
    let o = f.run(&["config", "-a", "-o", "json"], &[]);
    assert_eq!(stdout(&o), "{\n  \"A\": 5\n}\n\n");
}

#[test]
fn debuginfo_json_goes_through_the_models() {
    let f = FakeAgent::by_path(&[(
        "/v1/debuginfo",
        r#"{"kernel-version":"6.1","cilium-version":"1.17.6","subsystem":{},"x-new":1,
            "cilium-status":{"proxy":{"ip":"10.0.0.1","total-ports":0}}}"#,
    )]);
    let o = f.run(&["debuginfo", "-o", "json"], &[]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // Non-omitempty lists are null; empty omitempty map and unknown keys dropped; nested
    // models re-marshalled too (proxy: total-ports dropped, redirects null).
    assert_eq!(
        v,
        serde_json::json!({
            "cilium-status": {"proxy": {"ip": "10.0.0.1", "redirects": null}},
            "cilium-version": "1.17.6",
            "endpoint-list": null,
            "environment-variables": null,
            "kernel-version": "6.1",
            "service-list": null
        })
    );
}

#[test]
fn debuginfo_json_follows_the_agents_version_without_maps() {
    // No pinned maps: the release is the one the agent's status names (1.16 drops
    // `features.annotations`, C4 point 5).
    let f = FakeAgent::by_path(&[(
        "/v1/debuginfo",
        r#"{"cilium-status":{"cilium":{"state":"Ok","msg":"1.16.12 (v1.16.12-abc)"},
            "kube-proxy-replacement":{"features":{"annotations":["a"]}}}}"#,
    )]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&f.run(&["debuginfo", "-o", "json"], &[]))).unwrap();
    assert_eq!(
        v["cilium-status"]["kube-proxy-replacement"]["features"],
        serde_json::json!({})
    );
    assert_eq!(v["cilium-status"]["cilium"]["msg"], "1.16.12 (v1.16.12-abc)");
}

#[test]
fn kpr_annotations_per_release() {
    // C9: 1.17/1.18 list `features.annotations` after HostPort; 1.16 does not know them.
    let body = r#"{"cilium":{"state":"Ok","msg":"VERSION (x)"},"kubernetes":{"state":"Ok","msg":"1.32"},"kube-proxy-replacement":{"mode":"True",
        "features":{"annotations":["service.cilium.io/node","service.cilium.io/src-ranges-policy"]}}}"#;
    let run = |v: &str| {
        let f = FakeAgent::by_path(&[("/v1/healthz", &body.replace("VERSION", v))]);
        stdout(&f.run(&["status", "--verbose"], &[]))
    };
    let s17 = run("1.17.6");
    assert!(
        s17.contains("  Annotations:\n  - service.cilium.io/node\n  - service.cilium.io/src-ranges-policy\n"),
        "{s17}"
    );
    let s18 = run("1.18.1");
    assert!(s18.contains("  Annotations:\n  - service.cilium.io/node\n"), "{s18}");
    let s16 = run("1.16.12");
    assert!(s16.contains("KubeProxyReplacement Details:"), "{s16}");
    assert!(!s16.contains("Annotations"), "{s16}");
}
