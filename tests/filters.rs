//! Integration tests: the common filters and aggregates (`--ip`, `--service`, `--state`,
//! `--identity`, `--proto`, `--count`, `--top N --by`) on `bpf lb list`, `bpf endpoint list`,
//! `bpf ipcache list` and `bpf policy get` against the lab node.

use crate::util::*;

/// Compare a transcript with a golden file, with the lab's temp directory written as `$LAB`.
fn check_scrubbed(lab: &TestLab, name: &str, args: &[&str]) {
    let o = lab.run(args);
    let t = transcript(args, &o).replace(lab.dir.to_str().unwrap(), "$LAB");
    golden(name, &t);
}

#[test]
fn filter_goldens() {
    let Some(lab) = TestLab::maps_only("filters::filter_goldens") else {
        return;
    };
    let cases: &[(&str, &[&str])] = &[
        ("lb_service", &["bpf", "lb", "list", "--service", "10.96.0.10:53"]),
        ("lb_state", &["bpf", "lb", "list", "--state", "terminating"]),
        (
            "lb_backends_ip",
            &["bpf", "lb", "list", "--backends", "--ip", "172.20.0.0/24"],
        ),
        (
            "lb_ip_and_dport",
            &["bpf", "lb", "list", "--ip", "172.20.2.2", "--dport", "30080"],
        ),
        (
            "lb_revnat_service",
            &["bpf", "lb", "list", "--revnat", "--service", "10.96.0.10:53"],
        ),
        ("lb_flags", &["bpf", "lb", "list", "--flags", "LoadBalancer"]),
        ("lb_count", &["bpf", "lb", "list", "--count"]),
        ("lb_count_json", &["bpf", "lb", "list", "--count", "-o", "json"]),
        (
            "lb_top_service",
            &["bpf", "lb", "list", "--top", "3", "--by", "service"],
        ),
        (
            "lb_service_json",
            &["bpf", "lb", "list", "--service", "5", "-o", "json"],
        ),
        (
            "lb_backends_state_jsonl",
            &[
                "bpf",
                "lb",
                "list",
                "--backends",
                "--state",
                "terminating",
                "-o",
                "jsonl",
            ],
        ),
        ("lb_count_top_conflict", &["bpf", "lb", "list", "--count", "--top", "3"]),
        ("endpoint_identity", &["bpf", "endpoint", "list", "--identity", "3176"]),
        (
            "endpoint_ip_json",
            &["bpf", "endpoint", "list", "--ip", "172.20.0.0/24", "-o", "json"],
        ),
        ("ipcache_ip", &["bpf", "ipcache", "list", "--ip", "172.20.1.0/24"]),
        (
            "ipcache_top_identity",
            &["bpf", "ipcache", "list", "--top", "5", "--by", "identity"],
        ),
        ("ipcache_no_match", &["bpf", "ipcache", "list", "--identity", "999999"]),
        ("policy_proto", &["bpf", "policy", "get", "234", "--proto", "UDP"]),
        ("policy_count", &["bpf", "policy", "get", "234", "--count"]),
        ("policy_deny", &["bpf", "policy", "get", "234", "-n", "--flags", "deny"]),
        (
            "policy_dport_json",
            &["bpf", "policy", "get", "234", "--dport", "53", "-o", "json"],
        ),
        ("policy_all_count", &["bpf", "policy", "get", "--all", "--count"]),
    ];
    for (name, args) in cases {
        check_scrubbed(&lab, &format!("filters/{name}.txt"), args);
    }
}
