//! Integration tests: cdbg says what is wrong and rejects what is wrong (issue 10, "Say what is
//! wrong, reject what is wrong"): unknown flag values list the valid ones, `-o` keeps
//! cilium-dbg's exit status, jsonpath wildcards and missing keys, usage errors with the lab's
//! environment exported, `bpf policy get` on an impossible endpoint ID, and empty maps in JSON.

use std::process::Output;

use crate::util::*;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A usage error: clap's exit status 2, and stderr naming `needles`.
fn rejected(args: &[&str], needles: &[&str]) {
    let o = command().args(args).output().unwrap();
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{args:?} should be a usage error; stderr: {err}"
    );
    assert!(o.stdout.is_empty(), "{args:?} printed to stdout: {}", stdout(&o));
    for n in needles {
        assert!(err.contains(n), "{args:?}: stderr lacks {n:?}:\n{err}");
    }
}

#[test]
fn unknown_flag_names_list_the_dumps_own() {
    rejected(
        &["bpf", "ct", "list", "global", "--flags", "Bogus"],
        &["'Bogus'", "SeenNonSyn", "RxClosing", "SVC"],
    );
    rejected(&["bpf", "nat", "list", "--flags", "SeenNonSyn"], &["XLATE_SRC", "OUT"]);
    rejected(
        &["bpf", "lb", "list", "--flags", "Bogus"],
        &["LoadBalancer", "sessionAffinity"],
    );
    rejected(&["bpf", "policy", "get", "1", "--flags", "Bogus"], &["allow", "egress"]);
    rejected(&["bpf", "endpoint", "list", "--flags", "Bogus"], &["at_host_ns"]);
    rejected(&["bpf", "ipcache", "list", "--flags", "Bogus"], &["skiptunnel"]);
}

#[test]
fn unknown_state_top_zero_and_by_without_top_are_rejected() {
    rejected(
        &["bpf", "lb", "list", "--state", "bogus"],
        &["'bogus'", "active", "terminating", "quarantined", "maintenance"],
    );
    rejected(
        &["bpf", "ct", "list", "global", "--top", "0"],
        &["--top 0", "1 or more"],
    );
    rejected(&["bpf", "ct", "list", "global", "--by", "dst"], &["--top <N>"]);
    rejected(&["bpf", "pressure", "--min-fill", "150"], &["150", "0 to 100"]);
    rejected(&["bpf", "pressure", "--min-fill", "lots"], &["not a number"]);
}

/// cilium-dbg answers an unknown `-o` with `Error: ... couldn't find output printer` and exit 1;
/// cdbg keeps both and names the valid values.
#[test]
fn unknown_output_format_keeps_cilium_dbg_exit_status() {
    for args in [
        &["bpf", "lb", "list", "-o", "xml"][..],
        &["endpoint", "list", "--output=xml"],
    ] {
        let o = command().args(args).output().unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("Error: couldn't find output printer"), "{err}");
        assert!(
            err.contains("\"xml\"") && err.contains("json, yaml, jsonpath='{...}', jsonl"),
            "{err}"
        );
    }
}

/// With the lab's environment exported, a usage error must not show the env-backed global
/// flags as if they were required.
#[test]
fn usage_errors_do_not_show_env_backed_globals() {
    let o = command()
        .env("CDBG_NETNS", "/nonexistent/netns")
        .env("CDBG_CGROUP_ROOT", "/nonexistent/cgroup")
        .env("CILIUM_DEBUG", "true")
        .args(["generate", "man"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("Usage: cdbg generate man <DIR>\n"), "{err}");
    for flag in ["--bpf-root", "--host", "--state-dir", "--debug"] {
        assert!(!err.contains(flag), "usage shows {flag}:\n{err}");
    }
    // Flags the user typed still show.
    let o = command()
        .args(["bpf", "ct", "list", "global", "--by", "dst"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(
        err.contains("Usage: cdbg bpf ct list --top <N> --by <BY> <TYPE> [ID]"),
        "{err}"
    );
}

#[test]
fn jsonpath_wildcard_and_missing_keys() {
    let Some(lab) = TestLab::maps_only("trust_input::jsonpath_wildcard_and_missing_keys") else {
        return;
    };
    let count = lab.run(&["bpf", "ct", "list", "global", "--count"]);
    assert!(count.status.success(), "{}", stderr(&count));
    // `{.*}` is every value of the `{"count": N}` document, as in kubectl.
    let o = lab.run(&["bpf", "ct", "list", "global", "--count", "-o", "jsonpath={.*}"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&count));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    // `[*]` over an array: every group's count, space-separated.
    let o = lab.run(&[
        "bpf",
        "ct",
        "list",
        "global",
        "--top",
        "2",
        "--by",
        "dst",
        "-o",
        "jsonpath={.groups[*].count}",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let counts: Vec<&str> = text.trim_end().split(' ').collect();
    assert_eq!(counts.len(), 2, "{}", stdout(&o));
    assert!(counts.iter().all(|c| c.parse::<u64>().is_ok()), "{}", stdout(&o));
    // A key that does not exist: cilium-dbg's empty output and exit 0, plus a warning naming it.
    let o = lab.run(&["bpf", "ct", "list", "global", "--count", "-o", "jsonpath={.cuont}"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "\n");
    let err = stderr(&o);
    assert!(
        err.contains("\"cuont\"") && err.starts_with("Warning: jsonpath"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn policy_get_names_the_missing_map_and_skips_identity_zero() {
    let Some(lab) = TestLab::up("trust_input::policy_get", &[]) else {
        return;
    };
    let o = lab.run(&["bpf", "policy", "get", "99999"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("expected a numeric endpoint ID"), "{err}");
    let pin = lab.globals().join("cilium_policy_v2_99999");
    assert!(
        err.contains(&format!("no endpoint map is pinned at {}", pin.display())),
        "{err}"
    );
    assert!(err.contains("65535"), "{err}");
    // The lab's endpoint 234 allows ingress from identity 0 (any peer): no lookup, no 404.
    let o = lab.run(&["bpf", "policy", "get", "234"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Allow    Ingress     0 "), "{}", stdout(&o));
    assert!(!stderr(&o).contains("label ID 0"), "{}", stderr(&o));
    let o = lab.run(&["bpf", "policy", "get", "--all"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("label ID 0"), "{}", stderr(&o));
}

#[test]
fn metrics_on_an_empty_map_are_valid_json() {
    let Some(lab) = TestLab::maps_only("trust_input::metrics_on_an_empty_map") else {
        return;
    };
    let m = cdbg::bpf::Map::open_pinned_rw(&lab.globals().join("cilium_metrics")).unwrap();
    let mut key = vec![0u8; m.info().key_size as usize];
    while m.next_key(None, &mut key).unwrap() {
        assert!(m.delete(&key).unwrap());
    }
    let o = lab.run(&["bpf", "metrics", "list", "-o", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v, serde_json::json!([]));
    let o = lab.run(&["bpf", "metrics", "list"]);
    assert!(o.stdout.is_empty());
    assert_eq!(stderr(&o), "No entries found.\n");
}

/// `status --from-maps` honours `-o`: the JSON document says what the text says.
#[test]
fn status_from_maps_honours_output_format() {
    let Some(lab) = TestLab::maps_only("trust_input::status_from_maps_honours_output_format") else {
        return;
    };
    let text = lab.run(&["status", "--from-maps"]);
    assert_eq!(text.status.code(), Some(0));
    let text = String::from_utf8(text.stdout).unwrap();
    let o = lab.run(&["status", "--from-maps", "-o", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("-o json is JSON, not the table");
    let (fe, be) = (v["frontends"].as_u64().unwrap(), v["backends"].as_u64().unwrap());
    assert!(
        text.contains(&format!("Services:          {fe} frontends, {be} backends")),
        "{text}"
    );
    // The lab's cilium_lxc: curl-pod, two coredns and the health endpoint, plus three host
    // addresses (eth0, eth1, cilium_host) — `bpf endpoint list` in the lab.
    assert_eq!(v["endpoints"], 7, "{v}");
    let ct4 = &v["conntrack"][0];
    assert_eq!(ct4["map"], "cilium_ct4_global");
    let line = format!("cilium_ct4_global         {}/{}", ct4["entries"], ct4["max_entries"]);
    assert!(text.contains(&line), "{line} not in {text}");
    let o = lab.run(&["status", "--from-maps", "-o", "jsonpath={.nat[*].map}"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "cilium_snat_v4_external cilium_snat_v6_external"
    );
}
