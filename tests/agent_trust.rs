//! Integration tests: a misbehaving agent cannot hurt the node (issue 10). Fake agents serve
//! oversized, deeply nested and escape-laden answers, or never answer; cdbg must refuse, time out
//! once, and never write raw control characters to the terminal.

use std::os::unix::net::UnixListener;
use std::time::{Duration, Instant};

use crate::util::*;

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Raw control bytes other than tab and newline (C0, DEL, and C1 as UTF-8).
fn raw_controls(b: &[u8]) -> Vec<u8> {
    let s = String::from_utf8_lossy(b);
    s.chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .map(|c| c as u32 as u8)
        .collect()
}

#[test]
fn oversized_body_is_refused_with_the_cap_named() {
    let body = format!("[{}]", vec!["{\"id\":1}"; 1000].join(","));
    let f = FakeAgent::by_prefix(vec![("/v1/endpoint", Answer::json("200 OK", &body))]);
    let o = f.run(&["endpoint", "list"], &[("CDBG_API_MAX_BODY", "4KiB")]);
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(o.stdout.is_empty());
    assert!(
        e.contains("sent more than 4 KiB for /v1/endpoint") && e.contains("CDBG_API_MAX_BODY"),
        "{e}"
    );
    // Under the cap it is read.
    let o = f.run(&["endpoint", "list", "-o", "json"], &[("CDBG_API_MAX_BODY", "1MiB")]);
    assert!(o.status.success(), "{}", text(&o.stderr));
}

#[test]
fn streamed_body_past_the_cap_stops_reading() {
    // No Content-Length: 200 MB of whitespace would follow; cdbg stops at the (default) cap.
    let f = FakeAgent::by_prefix(vec![("/v1/endpoint", Answer::Stream(200 << 20))]);
    let t0 = Instant::now();
    let o = f.run(&["endpoint", "list", "-o", "json"], &[]);
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("sent more than 64 MiB for /v1/endpoint"), "{e}");
    assert!(t0.elapsed() < Duration::from_secs(30));
    let f = FakeAgent::by_prefix(vec![("/v1/endpoint", Answer::Stream(3 << 20))]);
    let o = f.run(&["endpoint", "list", "-o", "json"], &[("CDBG_API_MAX_BODY", "1MiB")]);
    assert!(text(&o.stderr).contains("sent more than 1 MiB"), "{}", text(&o.stderr));
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    // 200 KB nested 100,000 deep: today's cilium-dbg layout would be ~20 GB.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let f = FakeAgent::by_prefix(vec![("/v1/endpoint", Answer::json("200 OK", &deep))]);
    for args in [
        &["endpoint", "list", "-o", "json"][..],
        &["endpoint", "list"],
        &["endpoint", "list", "-o", "yaml"],
    ] {
        let t0 = Instant::now();
        let o = f.run(args, &[]);
        let e = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {e}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(e.contains("more than 10000 levels"), "{args:?}: {e}");
        assert!(t0.elapsed() < Duration::from_secs(20), "{args:?}");
    }
    // Deeper than serde's own limit but within Go's: `-o json` re-indents it as Go would.
    let n = 500;
    let ok = format!("{}1{}", "[".repeat(n), "]".repeat(n));
    let f = FakeAgent::by_prefix(vec![("/v1/endpoint", Answer::json("200 OK", &ok))]);
    let o = f.run(&["endpoint", "list", "-o", "json"], &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(o.stdout.len(), 4 * n + 1 + 2 * n * n + 2);
}

#[test]
fn api_timeout_applies_to_status() {
    let tmp = tempfile::tempdir().unwrap();
    let sock = tmp.path().join("cilium.sock");
    let _l = UnixListener::bind(&sock).unwrap(); // accepts (backlog), never answers
    let host = format!("unix://{}", sock.display());
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let t0 = Instant::now();
        let o = command()
            .env("CILIUM_HOST", &host)
            .envs(env.iter().copied())
            .args(args)
            .output()
            .unwrap();
        (o, t0.elapsed())
    };
    let (o, took) = run(&["status", "--brief"], &[("CDBG_API_TIMEOUT", "500ms")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(took < Duration::from_secs(5), "status waited {took:?}");
    let (o, took) = run(&["status"], &[("CDBG_API_TIMEOUT", "500ms")]);
    assert!(text(&o.stderr).contains("within 500ms"), "{}", text(&o.stderr));
    assert!(took < Duration::from_secs(5), "status waited {took:?}");
    // An explicit --timeout wins over the environment.
    let (o, took) = run(&["status", "--timeout", "300ms"], &[("CDBG_API_TIMEOUT", "1m")]);
    assert!(text(&o.stderr).contains("within 300ms"), "{}", text(&o.stderr));
    assert!(took < Duration::from_secs(5), "status waited {took:?}");
}

#[test]
fn policy_get_all_waits_one_timeout_for_a_hung_agent() {
    let Some(lab) = TestLab::maps_only("policy_get_all_waits_one_timeout_for_a_hung_agent") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let sock = tmp.path().join("cilium.sock");
    let _l = UnixListener::bind(&sock).unwrap();
    let t0 = Instant::now();
    let o = lab
        .cmd()
        .env("CILIUM_HOST", format!("unix://{}", sock.display()))
        .env("CDBG_API_TIMEOUT", "500ms")
        .args(["bpf", "policy", "get", "--all"])
        .output()
        .unwrap();
    let took = t0.elapsed();
    let e = text(&o.stderr);
    assert!(o.status.success(), "{e}");
    // Five endpoint maps: one timeout in total, one warning (before: 2 s per map).
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(e.matches("Warning: the agent did not answer").count(), 1, "{e}");
    assert_eq!(e.lines().count(), 1, "{e}");
    let s = text(&o.stdout);
    assert_eq!(s.matches("Endpoint ID:").count(), 5, "{s}");
    // The rows are the numeric ones (`-n`), under cilium-dbg's labels header.
    let n = lab.run(&["bpf", "policy", "get", "--all", "-n"]);
    let numeric = text(&n.stdout).replace("IDENTITY  ", "LABELS (source:key[=value])  ");
    let strip = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(strip(&s), strip(&numeric));
}

const ESC_RED: &str = "\\u001b[31m";
const BEL: &str = "\\u0007";

/// Every string the agent sends carries an escape sequence or a bell.
fn hostile_agent() -> FakeAgent {
    let labels = format!(r#"["k8s:app={ESC_RED}red","k8s:bell={BEL}x","reserved:host"]"#);
    let ep = format!(
        r#"[{{"id":7,"status":{{"identity":{{"id":300}},"labels":{{"security-relevant":{labels}}},"state":"ready{ESC_RED}","networking":{{"addressing":[{{"ipv4":"10.0.0.1{BEL}","ipv6":"fd00::1"}}]}},"policy":{{"realized":{{"policy-enabled":"none"}}}}}}}}]"#
    );
    let ident = format!(r#"{{"id":300,"labels":{labels}}}"#);
    let svc = format!(
        r#"[{{"status":{{"realized":{{"id":1,"frontend-address":{{"ip":"10.96.0.1","port":443,"protocol":"TCP{BEL}"}},"backend-addresses":[{{"ip":"10.0.0.2","port":6443,"protocol":"TCP","state":"active{ESC_RED}"}}],"flags":{{"type":"ClusterIP{ESC_RED}"}}}}}}}}]"#
    );
    let cfg = format!(
        r#"{{"status":{{"realized":{{"options":{{"Debug{ESC_RED}":"Enabled{BEL}"}},"policy-enforcement":"default{BEL}"}},"immutable":{{"k{ESC_RED}":"v{BEL}"}},"daemonConfigurationMap":{{"x{ESC_RED}":"y{BEL}","sub":{{"a{BEL}":1}}}},"k8s-configuration":"{ESC_RED}","k8s-endpoint":"{BEL}"}}}}"#
    );
    let nodes = format!(
        r#"{{"nodes-added":[{{"name":"node{ESC_RED}","primary-address":{{"ipv4":{{"enabled":true,"ip":"10.0.0.9","alloc-range":"10.0.1.0/24{BEL}"}}}},"source":"custom{BEL}"}}]}}"#
    );
    let ips = format!(
        r#"[{{"cidr":"10.0.0.1/32","identity":300,"hostIP":"{ESC_RED}","metadata":{{"source":"k8s{ESC_RED}"}}}}]"#
    );
    let maps = format!(
        r#"{{"maps":[{{"path":"/sys/fs/bpf/tc/globals/cilium_{ESC_RED}x","cache":[{{"key":"k{BEL}","value":"v{ESC_RED}","desired-action":"sync","last-error":"e{BEL}"}}]}}]}}"#
    );
    let status = format!(
        r#"{{"cilium":{{"state":"Ok","msg":"1.17.6{ESC_RED}"}},"kvstore":{{"state":"Ok","msg":"Disabled{BEL}"}},"controllers":[{{"name":"c{ESC_RED}","status":{{"consecutive-failure-count":1,"last-failure-msg":"boom{BEL}"}}}}]}}"#
    );
    FakeAgent::by_prefix(vec![
        ("/v1/endpoint", Answer::json("200 OK", &ep)),
        ("/v1/identity/", Answer::json("200 OK", &ident)),
        ("/v1/identity", Answer::json("200 OK", &format!("[{ident}]"))),
        ("/v1/service", Answer::json("200 OK", &svc)),
        ("/v1/config", Answer::json("200 OK", &cfg)),
        ("/v1/cluster/nodes", Answer::json("200 OK", &nodes)),
        ("/v1/ip", Answer::json("200 OK", &ips)),
        ("/v1/map", Answer::json("200 OK", &maps)),
        ("/v1/healthz", Answer::json("200 OK", &status)),
        (
            "/v1/debuginfo",
            Answer::json(
                "200 OK",
                &format!(
                    r#"{{"cilium-version":"1.17{ESC_RED}","kernel-version":"6{BEL}","subsystem":{{"x{ESC_RED}":"y{BEL}"}}}}"#
                ),
            ),
        ),
        (
            "/v1/node/ids",
            Answer::json("500 Internal Server Error", "boom \x1b[31mred\x07 \x1b]0;x\x07"),
        ),
    ])
}

#[test]
fn agent_strings_never_reach_the_terminal_raw() {
    let f = hostile_agent();
    for args in [
        &["status"][..],
        &["status", "--verbose"],
        &["status", "--brief"],
        &["endpoint", "list"],
        &["identity", "list"],
        &["identity", "get", "300"],
        &["service", "list"],
        &["config", "-a"],
        &["config", "--list-options"],
        &["node", "list"],
        &["ip", "list"],
        &["map", "list"],
        &["map", "list", "--verbose"],
        &["version"],
        &["debuginfo"],
        &["nodeid", "list"],
        &["endpoint", "list", "-o", "json"],
        &["endpoint", "list", "-o", "jsonpath={[*].status.state}"],
        &["identity", "list", "-o", "jsonl"],
    ] {
        let o = f.run(args, &[]);
        assert!(o.stdout.len() + o.stderr.len() > 0, "{args:?} printed nothing");
        assert_eq!(raw_controls(&o.stdout), b"", "{args:?} stdout: {}", text(&o.stdout));
        assert_eq!(raw_controls(&o.stderr), b"", "{args:?} stderr: {}", text(&o.stderr));
    }
    // The escapes are visible, in one convention.
    let o = f.run(&["endpoint", "list"], &[]);
    let s = text(&o.stdout);
    assert!(s.contains("k8s:app=^[[31mred") && s.contains("k8s:bell=\\x07x"), "{s}");
    // An HTTP 500 body with escape sequences, printed by main.
    let o = f.run(&["nodeid", "list"], &[]);
    let e = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(e.contains("returned 500 for /v1/node/ids: boom ^[[31mred\\x07"), "{e}");
    // JSON keeps JSON escapes.
    let o = f.run(&["endpoint", "list", "-o", "json"], &[]);
    assert!(text(&o.stdout).contains("\"ready\\u001b[31m\""), "{}", text(&o.stdout));
}

#[test]
fn policy_labels_from_the_agent_are_escaped() {
    let Some(lab) = TestLab::maps_only("policy_labels_from_the_agent_are_escaped") else {
        return;
    };
    let f = hostile_agent();
    let o = lab
        .cmd()
        .env("CILIUM_HOST", f.host())
        .args(["bpf", "policy", "get", "234"])
        .output()
        .unwrap();
    let s = text(&o.stdout);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(s.contains("k8s:app=^[[31mred"), "{s}");
    assert_eq!(raw_controls(&o.stdout), b"", "{s}");
    assert_eq!(raw_controls(&o.stderr), b"", "{}", text(&o.stderr));
}
