//! Integration tests: hubble. Each test runs the lab's Hubble server in-process on a socket in a
//! temp dir (no bpffs, so no root needed), runs `cdbg observe ...` against it, and compares the
//! output with goldens under tests/golden/hubble, or the GetFlowsRequest the server recorded
//! (`hubble-last-request.json`, the lab's test hook) with the FlowFilters the flags must produce.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Output, Stdio};
use std::time::Duration;

use cdbg::lab::hubble::{self, Faults, Options};

use crate::util;

struct Hub {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    _server: hubble::Handle,
}

fn hub_with(faults: Faults) -> Hub {
    let tmp = tempfile::Builder::new().prefix("cdbg-hubble-").tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let server = hubble::spawn(
        &dir.join("hubble.sock"),
        Options {
            faults,
            follow_interval: Duration::from_millis(50),
        },
    )
    .unwrap();
    Hub {
        _tmp: tmp,
        dir,
        _server: server,
    }
}

fn hub() -> Hub {
    hub_with(Faults::default())
}

impl Hub {
    fn cmd(&self) -> std::process::Command {
        let mut c = util::command();
        c.env(
            "HUBBLE_SERVER",
            format!("unix://{}", self.dir.join("hubble.sock").display()),
        );
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Golden transcript with the temp dir replaced by LAB.
    fn check(&self, name: &str, args: &[&str]) {
        let o = self.run(args);
        let t = util::transcript(args, &o).replace(&self.dir.display().to_string(), "LAB");
        util::golden(&format!("hubble/{name}"), &t);
    }

    /// Run and return the request the server recorded.
    fn request(&self, args: &[&str]) -> String {
        let _ = std::fs::remove_file(self.dir.join(hubble::LAST_REQUEST_FILE));
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        let req = std::fs::read_to_string(self.dir.join(hubble::LAST_REQUEST_FILE)).unwrap();
        // The default field mask (checked in fidelity_cli) is left out of these comparisons.
        without_field_mask(req.trim_end())
    }
}

/// A recorded request's JSON without its `"field_mask":"…"` member.
fn without_field_mask(req: &str) -> String {
    let Some(start) = req.find(r#""field_mask":""#) else {
        return req.to_string();
    };
    let value = start + r#""field_mask":""#.len();
    let end = value + req[value..].find('"').unwrap() + 1;
    let (mut a, mut b) = (start, end);
    if req[b..].starts_with(',') {
        b += 1;
    } else if req[..a].ends_with(',') {
        a -= 1;
    }
    format!("{}{}", &req[..a], &req[b..])
}

#[test]
fn compact_default_shows_the_last_20_flows() {
    let h = hub();
    h.check("compact.txt", &["observe"]);
    h.check("last3_dict.txt", &["observe", "--last", "3", "-o", "dict"]);
    h.check(
        "last4_table_node.txt",
        &["observe", "--last", "4", "-o", "table", "--print-node-name"],
    );
    h.check("last3_json.txt", &["observe", "--last", "3", "-o", "json"]);
    h.check("last2_jsonpb.txt", &["observe", "--last", "2", "-o", "jsonpb"]);
    h.check(
        "first2_numeric.txt",
        &["observe", "--first", "2", "--numeric", "--time-format", "RFC3339Nano"],
    );
    h.check("node_name.txt", &["observe", "--last", "1", "--print-node-name"]);
    h.check("dropped.txt", &["observe", "--verdict", "DROPPED"]);
    h.check(
        "not_policy_verdict.txt",
        &[
            "observe",
            "--pod",
            "default/curl-pod",
            "--not",
            "--type",
            "policy-verdict",
            "--last",
            "6",
        ],
    );
}

#[test]
fn status_and_namespaces() {
    let h = hub();
    h.check("status.txt", &["observe", "status"]);
    h.check("status_table.txt", &["observe", "status", "-o", "table"]);
    h.check("status_dict.txt", &["observe", "status", "-o", "dict"]);
    h.check("status_json.txt", &["observe", "status", "-o", "json"]);
    h.check("namespaces.txt", &["observe", "namespaces"]);
    h.check("namespaces_json.txt", &["observe", "namespaces", "-o", "json"]);
}

#[test]
fn selectors_reach_the_server() {
    let h = hub();
    assert_eq!(h.request(&["observe"]), r#"{"number":"20"}"#);
    assert_eq!(h.request(&["observe", "--last", "5"]), r#"{"number":"5"}"#);
    assert_eq!(
        h.request(&["observe", "--first", "5"]),
        r#"{"number":"5","first":true}"#
    );
    assert_eq!(h.request(&["observe", "--all"]), r#"{"number":"18446744073709551615"}"#);
    assert_eq!(
        h.request(&[
            "observe",
            "--since",
            "2025-07-20T06:00:04Z",
            "--until",
            "2025-07-20T06:00:05.5Z"
        ]),
        r#"{"since":"2025-07-20T06:00:04Z","until":"2025-07-20T06:00:05.500Z"}"#
    );
}

#[test]
fn every_filter_flag_reaches_the_server_as_its_flow_filter() {
    let h = hub();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--pod", "default/curl-pod"],
            r#"[{"source_pod":["default/curl-pod"]},{"destination_pod":["default/curl-pod"]}]"#,
        ),
        (&["--from-pod", "curl-pod"], r#"[{"source_pod":["curl-pod"]}]"#),
        (
            &["--to-pod", "kube-system/coredns"],
            r#"[{"destination_pod":["kube-system/coredns"]}]"#,
        ),
        (
            &["-n", "kube-system"],
            r#"[{"source_pod":["kube-system/"]},{"destination_pod":["kube-system/"]}]"#,
        ),
        (
            &["--namespace", "default", "--pod", "curl-pod"],
            r#"[{"source_pod":["default/curl-pod"]},{"destination_pod":["default/curl-pod"]}]"#,
        ),
        (&["--from-ip", "172.20.0.87"], r#"[{"source_ip":["172.20.0.87"]}]"#),
        (
            &["--to-ip", "172.20.1.0/24"],
            r#"[{"destination_ip":["172.20.1.0/24"]}]"#,
        ),
        (
            &["--ip", "172.20.0.223"],
            r#"[{"source_ip":["172.20.0.223"]},{"destination_ip":["172.20.0.223"]}]"#,
        ),
        (&["--protocol", "udp"], r#"[{"protocol":["udp"]}]"#),
        (
            &["--port", "53"],
            r#"[{"source_port":["53"]},{"destination_port":["53"]}]"#,
        ),
        (&["--to-port", "80"], r#"[{"destination_port":["80"]}]"#),
        (&["--from-port", "4240"], r#"[{"source_port":["4240"]}]"#),
        (
            &["--identity", "health"],
            r#"[{"source_identity":[4]},{"destination_identity":[4]}]"#,
        ),
        (
            &["--identity", "3012"],
            r#"[{"source_identity":[3012]},{"destination_identity":[3012]}]"#,
        ),
        (&["--http-status", "5+"], r#"[{"http_status_code":["5+"]}]"#),
        (
            &["--verdict", "DROPPED", "--verdict", "FORWARDED"],
            r#"[{"verdict":["DROPPED","FORWARDED"]}]"#,
        ),
        (
            &["--type", "trace:to-endpoint"],
            r#"[{"event_type":[{"type":4,"match_sub_type":true}]}]"#,
        ),
        (&["-t", "drop"], r#"[{"event_type":[{"type":1}]}]"#),
        (
            &["--label", "k8s:app=curl"],
            r#"[{"source_label":["k8s:app=curl"]},{"destination_label":["k8s:app=curl"]}]"#,
        ),
        (&["--tcp-flags", "syn"], r#"[{"tcp_flags":[{"SYN":true}]}]"#),
        (
            &["--traffic-direction", "egress"],
            r#"[{"traffic_direction":["EGRESS"]}]"#,
        ),
        (&["--node-name", "cilium-*"], r#"[{"node_name":["cilium-*"]}]"#),
    ];
    for (flags, whitelist) in cases {
        let mut args = vec!["observe"];
        args.extend_from_slice(flags);
        assert_eq!(
            h.request(&args),
            format!(r#"{{"number":"20","whitelist":{whitelist}}}"#),
            "flags {flags:?}"
        );
    }
    // --not sends only the next filter flag to the blacklist.
    assert_eq!(
        h.request(&[
            "observe",
            "--verdict",
            "FORWARDED",
            "--not",
            "--to-port",
            "80",
            "--protocol",
            "tcp"
        ]),
        r#"{"number":"20","blacklist":[{"destination_port":["80"]}],"whitelist":[{"verdict":["FORWARDED"],"protocol":["tcp"]}]}"#
    );
}

#[test]
fn argument_errors_read_as_the_hubble_cli() {
    let h = hub();
    h.check("err_verdict.txt", &["observe", "--verdict", "FOO"]);
    h.check(
        "err_conflict.txt",
        &["observe", "--from-pod", "curl", "--from-ip", "1.1.1.1"],
    );
    h.check("err_trailing_not.txt", &["observe", "--verdict", "DROPPED", "--not"]);
    h.check("err_output.txt", &["observe", "-o", "yaml"]);
    h.check("err_first_last.txt", &["observe", "--first", "2", "--last", "3"]);
    h.check("err_table_follow.txt", &["observe", "-o", "table", "-f"]);
    h.check("err_type.txt", &["observe", "--type", "bogus"]);
    h.check("err_identity.txt", &["observe", "--identity", "nobody"]);
    h.check("err_since.txt", &["observe", "--since", "yesterday"]);
}

#[test]
fn filter_values_are_checked_as_the_hubble_server_checks_them() {
    // Checked before connecting: the socket does not exist, yet the filter error is what shows.
    let cases: &[(&[&str], &str)] = &[
        (
            &["--protocol", "tcpx"],
            r#"invalid protocol filter: unknown protocol: "tcpx""#,
        ),
        (&["--to-ip", "10.0.0"], r#"invalid IP address in filter: "10.0.0""#),
        (&["--ip", "10.0.0.0/33"], r#"invalid CIDR in filter: "10.0.0.0/33""#),
        (
            &["--port", "http"],
            r#"invalid source port filter: invalid port "http": strconv.ParseUint: parsing "http": invalid syntax"#,
        ),
        (
            &["--to-port", "70000"],
            r#"invalid destination port filter: invalid port "70000": strconv.ParseUint: parsing "70000": value out of range"#,
        ),
        (
            &["--http-status", "6xx"],
            r#"invalid http status code filter: invalid status code prefix: "6xx""#,
        ),
        (
            &["--http-status", "404", "--type", "drop"],
            "filtering by http status code requires the event type filter to only match 'l7' events",
        ),
        (
            &["--not", "--snat-ip", "nope"],
            r#"invalid IP address in filter: "nope""#,
        ),
        (
            &["--tcp-flags", "syn,bogus"],
            r#"invalid argument "syn,bogus" for "--tcp-flags" flag: unknown tcp flag: bogus"#,
        ),
        (
            &["--traffic-direction", "sideways"],
            r#"invalid argument "sideways" for "--traffic-direction" flag: sideways: invalid traffic direction, expected ingress or egress"#,
        ),
        (
            &["--drop-reason-desc", "NOPE"],
            r#"invalid argument "NOPE" for "--drop-reason-desc" flag: invalid --drop-reason-desc value: NOPE"#,
        ),
        (
            &["--from-pod", "a/x", "--from-service", "b/svc"],
            r#"invalid argument "b/svc" for "--from-service" flag: namespace of service "b/svc" conflict with pod "a""#,
        ),
        (
            &["--ip", "1.1.1.1", "--pod", "x"],
            r#"invalid argument "x" for "--pod" flag: filters --ip and --pod cannot be combined"#,
        ),
    ];
    for (flags, msg) in cases {
        let mut args = vec!["observe", "--server", "unix:///nonexistent/hubble.sock"];
        args.extend_from_slice(flags);
        let o = util::command().args(&args).output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&o.stderr),
            format!("Error: {msg}\n"),
            "flags {flags:?}"
        );
        assert_eq!(o.status.code(), Some(1), "flags {flags:?}");
    }
}

#[test]
fn every_not_and_switch_keeps_its_place() {
    let h = hub();
    assert_eq!(
        h.request(&[
            "observe",
            "--not",
            "--verdict",
            "DROPPED",
            "-4",
            "--not",
            "--to-port",
            "80"
        ]),
        r#"{"number":"20","blacklist":[{"verdict":["DROPPED"],"destination_port":["80"]}],"whitelist":[{"ip_version":["IPv4"]}]}"#
    );
}

#[test]
fn missing_socket_is_named() {
    let o = util::command()
        .args(["observe", "--server", "unix:///nonexistent/hubble.sock"])
        .output()
        .unwrap();
    util::golden(
        "hubble/err_missing_socket.txt",
        &util::transcript(&["observe", "--server", "unix:///nonexistent/hubble.sock"], &o),
    );
}

#[test]
fn unimplemented_observer_is_explained() {
    let h = hub_with(Faults {
        no_observer: true,
        ..Default::default()
    });
    h.check("err_unimplemented.txt", &["observe", "--last", "1"]);
}

#[test]
fn stream_reset_is_reported_after_the_flows_received() {
    let h = hub_with(Faults {
        reset_after: Some(3),
        ..Default::default()
    });
    h.check("err_reset.txt", &["observe", "--last", "10"]);
}

#[test]
fn unknown_enum_values_print_as_numbers_with_a_warning() {
    let h = hub_with(Faults {
        unknown_enums: true,
        ..Default::default()
    });
    h.check("unknown_enums.txt", &["observe", "--last", "2"]);
    h.check("unknown_enums_json.txt", &["observe", "--last", "1", "-o", "json"]);
}

#[test]
fn follow_streams_new_flows_and_ctrl_c_exits_cleanly() {
    let h = hub();
    let mut child = h
        .cmd()
        .args(["observe", "-f", "--last", "2", "--verdict", "FORWARDED"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut got = Vec::new();
    for _ in 0..5 {
        got.push(lines.next().unwrap().unwrap());
    }
    assert!(got[0].starts_with("Jul 20 06:00:04.488: "), "{got:?}");
    assert!(got.iter().all(|l| l.contains(" FORWARDED (")), "{got:?}");
    // SAFETY: kill(2) on our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(err, "");
}

#[test]
fn lab_up_serves_hubble() {
    let Some(lab) = util::TestLab::up("lab_up_serves_hubble", &[]) else {
        return;
    };
    let o = lab.run(&["observe", "--last", "1"]);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "Jul 20 06:00:04.490: 172.20.0.223 (health) <- 172.20.2.130 (health) to-endpoint FORWARDED (ICMPv4 EchoReply)\n"
    );
    let req = std::fs::read_to_string(lab.dir.join(hubble::LAST_REQUEST_FILE)).unwrap();
    assert_eq!(without_field_mask(req.trim_end()), "{\"number\":\"1\"}");
}
