//! Integration tests: node checks — `preflight kernel` against fixture kernel configs and the
//! live kernel.

use crate::util::*;

/// Fixture paths relative to the repository root, where the commands run, so that goldens do not
/// depend on the checkout's location.
fn fixture(name: &str) -> String {
    format!("tests/fixtures/kernel/{name}")
}

fn preflight(golden_name: &str, extra: &[&str]) {
    let mut args = vec!["preflight", "kernel", "--arch", "x86_64"];
    args.extend_from_slice(extra);
    let o = command()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args)
        .output()
        .unwrap();
    golden(golden_name, &transcript(&args, &o));
}

#[test]
fn preflight_all_builtin_on_a_new_kernel_passes() {
    let cfg = fixture("all-builtin.config");
    preflight(
        "checks/preflight-builtin.txt",
        &[
            "--release",
            "6.8.0-60-generic",
            "--kernel-config",
            &cfg,
            "--modules",
            "/dev/null",
        ],
    );
}

#[test]
fn preflight_modules_loaded_and_not_loaded() {
    let cfg = fixture("modules.config");
    let mods = fixture("modules.loaded");
    preflight(
        "checks/preflight-modules.txt",
        &[
            "--release",
            "5.15.0-119-generic",
            "--kernel-config",
            &cfg,
            "--modules",
            &mods,
        ],
    );
}

#[test]
fn preflight_absent_options_and_old_kernel_fail() {
    let cfg = fixture("absent.config");
    preflight(
        "checks/preflight-absent.txt",
        &[
            "--release",
            "5.4.0-42-generic",
            "--kernel-config",
            &cfg,
            "--modules",
            "/dev/null",
        ],
    );
    let o = command()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["preflight", "kernel", "--release", "4.19.0", "--kernel-config", &cfg])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Cilium needs >= 5.4 (or RHEL 8.6's 4.18)"));
}

#[test]
fn preflight_json_document() {
    let cfg = fixture("modules.config");
    let mods = fixture("modules.loaded");
    let args = [
        "preflight",
        "kernel",
        "--arch",
        "aarch64",
        "--release",
        "6.1.0",
        "--kernel-config",
        &cfg,
        "--modules",
        &mods,
        "-o",
        "json",
    ];
    let o = command()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["result"], "OK");
    assert_eq!(v["groups"][0]["options"][2]["state"], "module loaded");
    assert!(v["advanced_features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["feature"] == "Multicast (AArch64)"));
}

#[test]
fn preflight_live_kernel() {
    let o = command().args(["preflight", "kernel", "-o", "json"]).output().unwrap();
    let code = o.status.code().unwrap();
    assert!(code <= 2, "exit {code}: {}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["release_level"] != "FAIL",
        code < 2 || v["groups"][0]["level"] == "FAIL" || v["release_level"] == "FAIL"
    );
    assert!(!v["release"].as_str().unwrap().is_empty());
}

#[test]
fn preflight_missing_config_file_is_a_clear_error() {
    let o = command()
        .args(["preflight", "kernel", "--kernel-config", "/nonexistent/config"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read the kernel config /nonexistent/config"));
}

/// Fixed CLOCK_MONOTONIC (seconds) for the lab's heartbeat and for the checks (test hook).
const MONO_SECS: &str = "1000";

fn kpr_transcript(lab: &TestLab, args: &[&str]) -> String {
    let o = lab
        .cmd()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    let mut t = transcript(args, &o);
    // The lab's cgroup and directory differ per run.
    if let Ok(cg) = std::fs::read_to_string(lab.dir.join("cgroup")) {
        t = t.replace(cg.trim(), "<lab cgroup>");
    }
    t.replace(&lab.dir.display().to_string(), "<lab>")
}

#[test]
fn kpr_check_on_a_healthy_lab() {
    let Some(lab) = TestLab::up_env("kpr_check_on_a_healthy_lab", &[], &[("CDBG_TEST_MONO_SECS", MONO_SECS)]) else {
        return;
    };
    let args = ["kpr", "check", "--iptables-save", "tests/fixtures/iptables/clean.save"];
    golden("checks/kpr-healthy.txt", &kpr_transcript(&lab, &args));
    let o = lab
        .cmd()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .args(["-o", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["result"], "OK");
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn kpr_check_on_a_faulty_lab() {
    let Some(lab) = TestLab::up_env(
        "kpr_check_on_a_faulty_lab",
        &["--faults"],
        &[("CDBG_TEST_MONO_SECS", MONO_SECS)],
    ) else {
        return;
    };
    let args = [
        "kpr",
        "check",
        "--iptables-save",
        "tests/fixtures/iptables/kube-proxy.save",
    ];
    golden("checks/kpr-faulty.txt", &kpr_transcript(&lab, &args));
}

/// `status` against an agent that answers while the datapath heartbeat is 10 minutes old: one
/// warning on stderr, stdout as without it; no warning when the bpffs cannot be read.
#[test]
fn status_warns_when_the_heartbeat_is_stale() {
    let Some(lab) = TestLab::up_env(
        "status_warns_when_the_heartbeat_is_stale",
        &["--faults"],
        &[("CDBG_TEST_MONO_SECS", MONO_SECS)],
    ) else {
        return;
    };
    for args in [&["status"][..], &["status", "--brief"], &["status", "-o", "json"]] {
        let stale = lab.run(args);
        let err = String::from_utf8_lossy(&stale.stderr);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("warning: the agent answers, but its datapath heartbeat")
                && err.contains("is 10m0s old: it is no longer programming the datapath"),
            "{args:?}: {err}"
        );
        let no_bpffs = lab
            .cmd()
            .env("CDBG_BPF_ROOT", "/nonexistent/bpffs")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&no_bpffs.stderr), "", "{args:?}");
        assert_eq!(stale.status.code(), no_bpffs.status.code(), "{args:?}");
        if args.contains(&"json") {
            // The stand-in agent stamps its JSON with the current time: check it is still JSON.
            serde_json::from_slice::<serde_json::Value>(&stale.stdout).expect("status -o json");
        } else {
            assert_eq!(
                String::from_utf8_lossy(&stale.stdout),
                String::from_utf8_lossy(&no_bpffs.stdout),
                "{args:?}: stdout stays cilium-dbg's"
            );
        }
    }
    // The same heartbeat seen 60 s after it was written is fresh: nothing on stderr.
    let fresh = lab
        .cmd()
        .env("CDBG_TEST_MONO_SECS", "460")
        .args(["status"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&fresh.stderr), "");
}

#[test]
fn kpr_check_names_a_missing_iptables_save_file() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("iptables.save");
    let o = command()
        .args(["kpr", "check", "--iptables-save"])
        .arg(&missing)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(o.stdout.is_empty(), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(
        err.starts_with(&format!(
            "Error: cannot read --iptables-save file {}: No such file or directory",
            missing.display()
        )),
        "{err}"
    );
}

#[test]
fn kpr_check_without_agent_checks_the_kernel_side() {
    let Some(lab) = TestLab::up_env(
        "kpr_check_without_agent",
        &["--no-serve"],
        &[("CDBG_TEST_MONO_SECS", MONO_SECS)],
    ) else {
        return;
    };
    let args = ["kpr", "check", "--iptables-save", "tests/fixtures/iptables/clean.save"];
    golden("checks/kpr-no-agent.txt", &kpr_transcript(&lab, &args));
}

#[test]
fn pressure_on_the_lab() {
    let Some(lab) = TestLab::up_env(
        "pressure_on_the_lab",
        &["--no-serve", "--faults"],
        &[("CDBG_TEST_MONO_SECS", MONO_SECS)],
    ) else {
        return;
    };
    let o = lab.run(&["bpf", "pressure", "-o", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    // Most filled first; the faulty lab's NAT map is near full and flagged.
    let first = &rows[0];
    assert_eq!(first["name"], "cilium_snat_v4_external", "{v:#}");
    assert_eq!(first["warning"], true);
    let fills: Vec<f64> = rows.iter().filter_map(|r| r["fill_percent"].as_f64()).collect();
    assert!(fills.windows(2).all(|w| w[0] >= w[1]), "sorted by fill: {fills:?}");
    let t = lab.run(&["bpf", "pressure", "--min-fill", "90"]);
    let text = String::from_utf8_lossy(&t.stdout);
    assert!(text.starts_with("MAP "), "{text}");
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("cilium_snat_v4_external") && l.contains("% !")),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
    let alias = lab.run(&["bpf", "usage", "--min-fill", "90"]);
    assert_eq!(alias.stdout, t.stdout);
}

/// Fixed clock for the CT/NAT labs (test hook of the datapath clock).
const CT_MONO_SECS: &str = "20000";

fn ct_lab(test: &str, flags: &[&str]) -> Option<TestLab> {
    TestLab::up_env(test, flags, &[("CDBG_TEST_MONO_SECS", CT_MONO_SECS)])
}

#[test]
fn ct_and_nat_filters_counts_and_top() {
    let Some(lab) = ct_lab("ct_and_nat_filters_counts_and_top", &["--no-serve"]) else {
        return;
    };
    let cases: &[(&str, &[&str])] = &[
        (
            "ct-dport-53",
            &["bpf", "ct", "list", "global", "--sort", "--dport", "53"],
        ),
        (
            "ct-src-cidr-proto",
            &[
                "bpf",
                "ct",
                "list",
                "global",
                "--sort",
                "--src",
                "172.20.0.0/24",
                "--proto",
                "TCP",
            ],
        ),
        (
            "ct-flags-svc-json",
            &["bpf", "ct", "list", "global", "--sort", "--flags", "SVC", "-o", "json"],
        ),
        (
            "ct-service-5",
            &["bpf", "ct", "list", "global", "--sort", "--service", "5"],
        ),
        (
            "ct-identity-jsonl",
            &[
                "bpf",
                "ct",
                "list",
                "global",
                "--sort",
                "--identity",
                "3176",
                "-o",
                "jsonl",
            ],
        ),
        ("ct-count", &["bpf", "ct", "list", "global", "--count"]),
        (
            "ct-count-json",
            &[
                "bpf",
                "ct",
                "list",
                "global",
                "--ip",
                "172.20.0.87",
                "--count",
                "-o",
                "json",
            ],
        ),
        (
            "ct-top-dst",
            &["bpf", "ct", "list", "global", "--top", "3", "--by", "dst"],
        ),
        (
            "ct-top-dport-jsonl",
            &[
                "bpf", "ct", "list", "global", "--top", "2", "--by", "dport", "-o", "jsonl",
            ],
        ),
        ("nat-flags-out", &["bpf", "nat", "list", "--sort", "--flags", "OUT"]),
        (
            "nat-top-dst",
            &["bpf", "nat", "list", "--flags", "OUT", "--top", "5", "--by", "dst"],
        ),
        (
            "nat-count-src",
            &["bpf", "nat", "list", "--src", "172.20.0.87", "--count"],
        ),
        ("ct-bad-cidr", &["bpf", "ct", "list", "global", "--ip", "172.20.0.0/40"]),
    ];
    for (name, args) in cases {
        check(&lab, &format!("triage/{name}.txt"), args);
    }
}

#[test]
fn ct_and_nat_resolve_without_and_with_agent() {
    let Some(lab) = ct_lab("ct_and_nat_resolve_without_agent", &["--no-serve"]) else {
        return;
    };
    let o = lab.run(&["bpf", "ct", "list", "global", "--sort", "--resolve", "--dport", "80"]);
    let t = transcript(
        &["bpf", "ct", "list", "global", "--sort", "--resolve", "--dport", "80"],
        &o,
    )
    .replace(&lab.dir.display().to_string(), "<lab>");
    golden("triage/ct-resolve-no-agent.txt", &t);
    drop(lab);
    let Some(lab) = ct_lab("ct_and_nat_resolve_with_agent", &[]) else {
        return;
    };
    check(
        &lab,
        "triage/ct-resolve.txt",
        &["bpf", "ct", "list", "global", "--sort", "--resolve", "--dport", "80"],
    );
    check(
        &lab,
        "triage/ct-resolve-jsonl.txt",
        &[
            "bpf",
            "ct",
            "list",
            "global",
            "--sort",
            "--resolve",
            "--flags",
            "SVC",
            "-o",
            "jsonl",
        ],
    );
    check(
        &lab,
        "triage/nat-resolve.txt",
        &["bpf", "nat", "list", "--sort", "--resolve"],
    );
}
