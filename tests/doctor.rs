//! Integration tests: `doctor` on a healthy lab (no false alarms) and on labs with one injected
//! fault each (`lab fault`), naming the offender and the level, with the exit status.

use serde_json::Value;

use crate::util::*;

/// Fixed CLOCK_MONOTONIC (seconds) for the lab's heartbeat, CT lifetimes and the checks.
const MONO_SECS: &str = "1000";

/// The kernel check reads fixture files, so the verdict does not depend on the host.
const DOCTOR: &[&str] = &[
    "doctor",
    "--kernel-config",
    "tests/fixtures/kernel/all-builtin.config",
    "--modules",
    "/dev/null",
];

fn lab(test: &str, flags: &[&str]) -> Option<TestLab> {
    TestLab::up_env(test, flags, &[("CDBG_TEST_MONO_SECS", MONO_SECS)])
}

fn fault(lab: &TestLab, name: &str) {
    let o = lab
        .cmd()
        .args(["lab", "fault", "--dir"])
        .arg(&lab.dir)
        .arg(name)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "lab fault {name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `doctor -o json` (plus `extra`): the document and the exit status.
fn doctor(lab: &TestLab, extra: &[&str]) -> (Value, i32) {
    let o = lab
        .cmd()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(DOCTOR)
        .args(extra)
        .args(["-o", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("doctor -o json: {e}\n{}", String::from_utf8_lossy(&o.stderr)));
    (v, o.status.code().unwrap_or(-1))
}

fn check<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no check {name:?} in {doc:#}"))
}

/// The levels of every check but `name`.
fn others_ok(doc: &Value, names: &[&str]) {
    for c in doc["checks"].as_array().unwrap() {
        if !names.contains(&c["name"].as_str().unwrap()) {
            assert_eq!(c["level"], "OK", "only {names:?} should be flagged: {c:#}");
        }
    }
}

fn offender<'a>(c: &'a Value, kind: &str) -> &'a Value {
    c["offenders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} offender in {c:#}"))
}

/// One fault: the named check has `level` and names `offender` (kind, name); every other check
/// stays OK; the exit status follows the level.
fn fault_case(test: &str, name: &str, check_name: &str, level: &str, kind: &str, who: &str) -> Option<Value> {
    let lab = lab(test, &[])?;
    fault(&lab, name);
    let (doc, code) = doctor(&lab, &[]);
    let c = check(&doc, check_name);
    assert_eq!(c["level"], level, "{c:#}");
    assert_eq!(offender(c, kind)["name"], who, "{c:#}");
    assert_eq!(doc["result"], level);
    assert_eq!(code, if level == "FAIL" { 2 } else { 1 });
    Some(doc)
}

#[test]
fn healthy_lab_is_all_ok() {
    let Some(lab) = lab("doctor::healthy_lab_is_all_ok", &[]) else {
        return;
    };
    let (doc, code) = doctor(&lab, &[]);
    others_ok(&doc, &[]);
    assert_eq!((doc["result"].as_str(), code), (Some("OK"), 0));
    assert_eq!(doc["node"], "cilium-m1");
    assert_eq!(doc["cilium_version"], "1.17.6 (v1.17.6-f0fd9f7c)");
    // Every group ran.
    for name in [
        "map fill",
        "conntrack space",
        "NAT space",
        "policy map space",
        "LB space",
        "NAT without conntrack",
        "conntrack expired entries",
        "LB maps consistent",
        "agent services vs LB maps",
        "agent endpoints vs cilium_lxc",
        "datapath heartbeat",
        "socket LB hooks",
        "kernel requirements",
        "drops",
    ] {
        check(&doc, name);
    }
    // Text: one line per check, the verdict last; jsonl: one record per check.
    let o = lab
        .cmd()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(DOCTOR)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        text.lines().filter(|l| l.starts_with("[OK  ] ")).count(),
        doc["checks"].as_array().unwrap().len(),
        "{text}"
    );
    assert!(text.contains("\nOK: "), "{text}");
    let o = lab
        .cmd()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(DOCTOR)
        .args(["-o", "jsonl"])
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), doc["checks"].as_array().unwrap().len());
    assert!(lines.iter().all(|l| l["level"] == "OK" && l["name"].is_string()));
}

#[test]
fn nat_97_percent_full_names_the_source() {
    let Some(doc) = fault_case(
        "doctor::nat_97_percent_full_names_the_source",
        "nat-full",
        "NAT space",
        "FAIL",
        "source",
        "172.20.0.87",
    ) else {
        return;
    };
    let c = check(&doc, "NAT space");
    assert!(offender(c, "source")["share_percent"].as_f64().unwrap() > 95.0, "{c:#}");
    assert_eq!(offender(c, "destination")["name"], "203.0.113.10");
    assert_eq!(offender(c, "endpoint")["name"], "endpoint 234");
    let fill = check(&doc, "map fill");
    assert_eq!(offender(fill, "map")["name"], "cilium_snat_v4_external");
    assert_eq!(offender(fill, "map")["share_percent"], 96.7);
}

#[test]
fn nat_without_conntrack_names_the_source() {
    let Some(lab) = lab("doctor::nat_without_conntrack_names_the_source", &[]) else {
        return;
    };
    fault(&lab, "nat-without-ct");
    let (doc, code) = doctor(&lab, &[]);
    let c = check(&doc, "NAT without conntrack");
    assert_eq!(c["level"], "WARN", "{c:#}");
    let o = offender(c, "source");
    assert_eq!(
        (o["name"].as_str(), o["count"].as_u64()),
        (Some("172.20.0.24"), Some(151))
    );
    assert!(
        c["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().contains("UDP 172.20.0.24:40000 -> 1.1.1.1:53")),
        "{c:#}"
    );
    others_ok(&doc, &["NAT without conntrack"]);
    assert_eq!(code, 1);
}

#[test]
fn policy_map_near_its_limit_names_the_endpoint() {
    let Some(doc) = fault_case(
        "doctor::policy_map_near_its_limit_names_the_endpoint",
        "policy-near-limit",
        "policy map space",
        "FAIL",
        "endpoint",
        "endpoint 234",
    ) else {
        return;
    };
    let c = check(&doc, "policy map space");
    assert_eq!(offender(c, "endpoint")["count"], 62);
    assert!(
        c["summary"]
            .as_str()
            .unwrap()
            .contains("endpoint 234 at 96.9 % (62 / 64)"),
        "{c:#}"
    );
    assert_eq!(
        offender(check(&doc, "map fill"), "map")["name"],
        "cilium_policy_v2_00234"
    );
}

#[test]
fn orphan_backend_is_named() {
    fault_case(
        "doctor::orphan_backend_is_named",
        "orphan-backend",
        "LB maps consistent",
        "WARN",
        "orphan backend",
        "backend 901",
    );
}

#[test]
fn slot_pointing_at_a_missing_backend_is_named() {
    fault_case(
        "doctor::slot_pointing_at_a_missing_backend_is_named",
        "missing-backend",
        "LB maps consistent",
        "FAIL",
        "missing backend",
        "10.96.0.10:53/UDP -> backend 4242",
    );
}

#[test]
fn missing_rev_nat_entry_is_named() {
    fault_case(
        "doctor::missing_rev_nat_entry_is_named",
        "missing-revnat",
        "LB maps consistent",
        "FAIL",
        "missing rev-NAT",
        "10.96.0.1:443/TCP",
    );
}

#[test]
fn agent_backends_differing_from_the_maps_name_the_service() {
    let Some(doc) = fault_case(
        "doctor::agent_backends_differing_from_the_maps_name_the_service",
        "agent-backends",
        "agent services vs LB maps",
        "FAIL",
        "service",
        "service 5 10.96.88.105:80/TCP",
    ) else {
        return;
    };
    let c = check(&doc, "agent services vs LB maps");
    let ev = c["evidence"][0].as_str().unwrap();
    assert!(ev.contains("only in the agent [172.20.9.9:80]"), "{ev}");
}

#[test]
fn endpoint_missing_from_lxc_is_named() {
    fault_case(
        "doctor::endpoint_missing_from_lxc_is_named",
        "endpoint-missing",
        "agent endpoints vs cilium_lxc",
        "FAIL",
        "endpoint",
        "endpoint 1059 172.20.0.24",
    );
}

#[test]
fn stale_heartbeat_with_a_live_agent_fails() {
    let Some(lab) = lab("doctor::stale_heartbeat_with_a_live_agent_fails", &[]) else {
        return;
    };
    fault(&lab, "stale-heartbeat");
    let (doc, code) = doctor(&lab, &[]);
    let c = check(&doc, "datapath heartbeat");
    assert_eq!(c["level"], "FAIL", "{c:#}");
    assert!(c["summary"]
        .as_str()
        .unwrap()
        .contains("the agent answers, but its datapath heartbeat is 10m0s old"));
    others_ok(&doc, &["datapath heartbeat"]);
    assert_eq!(code, 2);
    // The text ends with the worst level and what to run next.
    let o = lab
        .cmd()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(DOCTOR)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("[FAIL] datapath heartbeat: "), "{text}");
    assert!(
        text.contains("\nFAIL: ") && text.contains("next commands to run:\n  cdbg status --verbose"),
        "{text}"
    );
}

#[test]
fn expired_conntrack_entries_name_the_destination() {
    let Some(doc) = fault_case(
        "doctor::expired_conntrack_entries_name_the_destination",
        "expired-ct",
        "conntrack expired entries",
        "WARN",
        "destination",
        "172.20.1.99",
    ) else {
        return;
    };
    assert_eq!(
        offender(check(&doc, "conntrack expired entries"), "destination")["count"],
        20
    );
}

#[test]
fn without_the_agent_the_agent_checks_say_so() {
    let Some(lab) = lab("doctor::without_the_agent_the_agent_checks_say_so", &["--no-serve"]) else {
        return;
    };
    let (doc, code) = doctor(&lab, &["--only", "drift,lb"]);
    let c = check(&doc, "agent vs datapath");
    assert_eq!(c["level"], "WARN");
    assert!(c["summary"].as_str().unwrap().contains("the agent did not answer"));
    assert_eq!(check(&doc, "LB maps consistent")["level"], "OK");
    assert_eq!(doc["checks"].as_array().unwrap().len(), 2);
    assert_eq!(code, 1);
    // Drop rates from two reads of cilium_metrics (the lab's counters stand still).
    let (doc, code) = doctor(&lab, &["--only", "drops", "--interval", "100ms"]);
    let c = check(&doc, "drops");
    assert_eq!((c["level"].as_str(), code), (Some("OK"), 0), "{c:#}");
    assert!(
        c["summary"]
            .as_str()
            .unwrap()
            .starts_with("0.0 drops/s over 0.1s (21 since boot)"),
        "{c:#}"
    );
    let o = lab.run(&["doctor", "--only", "bogus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown check \"bogus\": choose from pressure, nat"));
}
