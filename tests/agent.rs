//! Integration tests: the agent API commands against the lab's stand-in agent (golden files in
//! tests/golden/agent), and the error paths against small fake agents built here (no socket,
//! permission denied, an agent that never answers, HTTP 500, malformed JSON, 1.16/1.18 shapes).

use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::*;

/// Commands whose output does not depend on the clock.
const GOLDEN: &[(&str, &[&str])] = &[
    ("status.txt", &["status"]),
    ("status_brief.txt", &["status", "--brief"]),
    ("status_all_addresses.txt", &["status", "--all-addresses"]),
    ("endpoint_list.txt", &["endpoint", "list"]),
    ("endpoint_list_no_headers.txt", &["endpoint", "list", "--no-headers"]),
    ("service_list.txt", &["service", "list"]),
    ("service_get.txt", &["service", "get", "13"]),
    ("service_list_json.txt", &["service", "list", "-o", "json"]),
    ("identity_list.txt", &["identity", "list"]),
    ("identity_list_endpoints.txt", &["identity", "list", "--endpoints"]),
    ("identity_get.txt", &["identity", "get", "3176"]),
    ("ip_list.txt", &["ip", "list"]),
    ("ip_list_numeric.txt", &["ip", "list", "-n"]),
    ("ip_get.txt", &["ip", "get", "172.20.0.87"]),
    ("map_list.txt", &["map", "list"]),
    ("map_list_verbose.txt", &["map", "list", "--verbose"]),
    ("map_get.txt", &["map", "get", "cilium_lxc"]),
    ("config.txt", &["config"]),
    ("config_all.txt", &["config", "-a"]),
    ("node_list.txt", &["node", "list"]),
    ("nodeid_list.txt", &["nodeid", "list"]),
    ("version.txt", &["version"]),
    ("endpoint_get.txt", &["endpoint", "get", "491"]),
    (
        "status_jsonpath.txt",
        &["status", "-o", "jsonpath={.kube-proxy-replacement.directRoutingDevice}"],
    ),
];

#[test]
fn agent_commands_match_goldens() {
    let Some(lab) = TestLab::up("agent_commands_match_goldens", &[]) else {
        return;
    };
    for (name, args) in GOLDEN {
        check(&lab, &format!("agent/{name}"), args);
    }
}

/// `status --verbose` holds "Ns ago" times the lab computes relative to now; compare it with
/// the golden after checking that every relative time is what the lab set.
#[test]
fn status_verbose_matches_golden() {
    let Some(lab) = TestLab::up("status_verbose_matches_golden", &[]) else {
        return;
    };
    let args = ["status", "--verbose"];
    let o = lab.run(&args);
    golden("agent/status_verbose.txt", &transcript(&args, &o));
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.contains("KubeProxyReplacement Details:\n  Status:                 True\n"),
        "{s}"
    );
    assert!(s.contains("  - NodePort:       Enabled (Range: 30000-32767) \n"), "{s}");
}

#[test]
fn debuginfo_summary_and_json() {
    let Some(lab) = TestLab::up("debuginfo_summary_and_json", &[]) else {
        return;
    };
    let o = lab.run(&["debuginfo"]);
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(
        s.starts_with("# Cilium debug information\n\n#### Cilium version\n\n```\n1.17.6 f0fd9f7c "),
        "{s}"
    );
    assert!(
        s.contains("#### Endpoint list\n\n```\nENDPOINT   POLICY (ingress)"),
        "{s}"
    );
    let o = lab.run(&["debuginfo", "-o", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kernel-version"], "6.8.0-60-generic");
    assert!(o.stdout.ends_with(b"}\n\n"));
}

#[test]
fn debuginfo_lists_its_own_formats() {
    let Some(lab) = TestLab::up("debuginfo_lists_its_own_formats", &[]) else {
        return;
    };
    // Its human form is `markdown`; `table` is not one of its formats.
    for bad in ["xml", "table"] {
        let o = lab.run(&["debuginfo", "-o", bad]);
        assert!(!o.status.success(), "-o {bad}");
        assert!(o.stdout.is_empty(), "-o {bad}");
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(
            e.contains(&format!(
                "couldn't find output printer for \"{bad}\": valid are markdown, json, yaml, jsonpath='{{...}}', jsonl"
            )),
            "{e}"
        );
    }
    let o = lab.run(&["debuginfo", "-o", "markdown"]);
    assert!(o.status.success());
    assert!(o.stdout.starts_with(b"# Cilium debug information\n"));
}

/// `-o jsonl` prints one record per line whether cdbg filtered the agent's list or not.
#[test]
fn jsonl_is_one_record_per_line_when_filtered() {
    let Some(lab) = TestLab::up("jsonl_is_one_record_per_line_when_filtered", &[]) else {
        return;
    };
    let lines = |args: &[&str]| -> Vec<serde_json::Value> {
        let o = lab.run(args);
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let all = lines(&["identity", "list", "-o", "jsonl"]);
    let curl = lines(&["identity", "list", "k8s:app=curl", "-o", "jsonl"]);
    assert_eq!(curl.len(), 1, "{curl:?}");
    assert_eq!(curl[0]["id"], 3012);
    assert!(all.contains(&curl[0]));
    let world = lines(&["identity", "list", "reserved:world", "reserved:host", "-o", "jsonl"]);
    assert!(world.is_empty(), "{world:?}");
}

// ------------------------------------------------------------------------------------------
// Error paths

fn run_against(host: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = command();
    c.env("CILIUM_HOST", host).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn no_socket_names_path_and_cause() {
    let o = run_against("unix:///nonexistent/cilium.sock", &["endpoint", "list"], &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert_eq!(e.lines().count(), 1, "one line: {e}");
    assert!(
        e.contains("/nonexistent/cilium.sock") && e.contains("is cilium-agent running"),
        "{e}"
    );
    // status adds the maps' view (here: no bpffs either) and still exits non-zero.
    let o = run_against("unix:///nonexistent/cilium.sock", &["status"], &[]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(
        e.starts_with("Error: cannot connect to the agent at /nonexistent/cilium.sock"),
        "{e}"
    );
    assert!(e.contains("/nonexistent/bpffs/tc/globals"), "{e}");
    let o = run_against("unix:///nonexistent/cilium.sock", &["status", "--brief"], &[]);
    assert_eq!(stderr(&o), "cilium: daemon unreachable\n");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn permission_denied_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let sock = tmp.path().join("cilium.sock");
    let _l = UnixListener::bind(&sock).unwrap();
    std::fs::set_permissions(&sock, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let mut c = command();
    c.env("CILIUM_HOST", format!("unix://{}", sock.display()))
        .args(["service", "list"]);
    if is_root() {
        use std::os::unix::process::CommandExt;
        // Root ignores socket permissions: run the client as nobody.
        c.uid(65534).gid(65534);
    }
    let o = c.output().unwrap();
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("permission denied"), "{e}");
    assert!(e.contains(&sock.display().to_string()), "{e}");
}

#[test]
fn hung_agent_times_out() {
    let tmp = tempfile::tempdir().unwrap();
    let sock = tmp.path().join("cilium.sock");
    let _l = UnixListener::bind(&sock).unwrap(); // the backlog accepts; nobody ever answers
    let host = format!("unix://{}", sock.display());
    let t0 = std::time::Instant::now();
    let o = run_against(&host, &["endpoint", "list"], &[("CDBG_API_TIMEOUT", "400ms")]);
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("did not answer /v1/endpoint within 400ms"), "{e}");
    let o = run_against(&host, &["status", "--timeout", "300ms", "--brief"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(t0.elapsed() < std::time::Duration::from_secs(10));
}

fn fake_transcript(fake: &FakeAgent, args: &[&str]) -> String {
    let o = run_against(&fake.host(), args, &[]);
    transcript(args, &o).replace(&fake.sock.display().to_string(), "<socket>")
}

#[test]
fn http_500_shows_status_and_body() {
    let f = FakeAgent::always(Answer::json(
        "500 Internal Server Error",
        r#"{"message":"endpoint manager not ready"}"#,
    ));
    golden("agent/err_500.txt", &fake_transcript(&f, &["endpoint", "list"]));
}

#[test]
fn malformed_json_is_an_error() {
    let f = FakeAgent::always(Answer::json("200 OK", r#"[{"id": 12, "status": {"state": "ready""#));
    golden("agent/err_malformed.txt", &fake_transcript(&f, &["endpoint", "list"]));
    let f = FakeAgent::always(Answer::json("200 OK", r#"{"cilium": {"state": "#));
    let o = run_against(&f.host(), &["status", "-o", "json"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no half document on stdout");
}

/// A 1.16 agent: no attach-mode / datapath-mode, masquerading without enabledProtocols, the
/// old `host-routing`; a 1.18 agent: fields cdbg does not know. Both decode and print.
#[test]
fn status_of_other_releases() {
    let v116 = r#"{"cilium":{"state":"Ok","msg":"1.16.9 (v1.16.9-1a2b3c4d)"},"kvstore":{"state":"Ok","msg":"Disabled"},
      "kubernetes":{"state":"Ok","msg":"1.30 (v1.30.2) [linux/amd64]","k8s-api-versions":["core/v1::Service","cilium/v2::CiliumNode"]},
      "kube-proxy-replacement":{"mode":"True","devices":["eth0"],"deviceList":[{"name":"eth0","ip":["10.0.2.15"]}],"directRoutingDevice":"eth0"},
      "host-routing":{"mode":"Legacy"},"masquerading":{"enabled":true,"mode":"iptables"},
      "controllers":[{"name":"a","status":{"consecutive-failure-count":0}}],
      "identity-range":{"min-identity":256,"max-identity":65535}}"#;
    let f = FakeAgent::always(Answer::json("200 OK", &v116.replace('\n', "")));
    golden("agent/status_1.16.txt", &fake_transcript(&f, &["status"]));
    let v118 = r#"{"cilium":{"state":"Ok","msg":"1.18.1 (v1.18.1-9f8e7d6c)"},"kvstore":{"state":"Ok","msg":"Disabled"},
      "kube-proxy-replacement":{"mode":"True","devices":["eth0","eth1"],"deviceList":[{"name":"eth0","ip":["10.0.2.15","fd00::15"]},{"name":"eth1","ip":["192.168.10.100"]}],"directRoutingDevice":"eth1","features":{"nodePort":{"enabled":true,"mode":"DSR","dsrMode":"Geneve","algorithm":"Maglev","lutSize":16381,"acceleration":"Native","portMin":30000,"portMax":32767},"newFeature118":{"enabled":true}}},
      "routing":{"inter-host-routing-mode":"Tunnel","intra-host-routing-mode":"BPF","tunnel-protocol":"geneve"},
      "attach-mode":"tc","datapath-mode":"netkit","masquerading":{"enabled":true,"enabledProtocols":{"ipv4":true,"ipv6":true},"mode":"BPF","ip-masq-agent":true,"snat-exclusion-cidr-v4":"10.0.0.0/8"},
      "kvstore-subsystem-1.18":{"whatever":[1,2,3]},"controllers":[{"name":"sync","status":{"consecutive-failure-count":3,"last-failure-msg":"boom"}}]}"#;
    let f = FakeAgent::always(Answer::json("200 OK", &v118.replace('\n', "")));
    golden("agent/status_1.18.txt", &fake_transcript(&f, &["status"]));
    golden(
        "agent/status_1.18_brief.txt",
        &fake_transcript(&f, &["status", "--brief"]),
    );
}

// ------------------------------------------------------------------------------------------
// --from-maps

/// A private bpffs with a handful of maps whose contents the test controls.
struct Bpffs {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Drop for Bpffs {
    fn drop(&mut self) {
        let c = std::ffi::CString::new(self.root.to_str().unwrap()).unwrap();
        // SAFETY: valid C string; detach so open fds do not block the unmount.
        unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) };
    }
}

fn bpffs_with_maps() -> Option<Bpffs> {
    if !is_root() {
        skip("status_from_maps");
        return None;
    }
    use cdbg::bpf::map_type;
    let tmp = tempfile::Builder::new().prefix("cdbg-test-").tempdir().unwrap();
    let root = tmp.path().join("bpffs");
    std::fs::create_dir_all(&root).unwrap();
    let c = std::ffi::CString::new(root.to_str().unwrap()).unwrap();
    // SAFETY: valid NUL-terminated strings.
    let r = unsafe { libc::mount(c"bpf".as_ptr(), c.as_ptr(), c"bpf".as_ptr(), 0, std::ptr::null()) };
    assert_eq!(r, 0, "mount bpffs");
    assert!(cdbg::lab::is_bpffs(&root), "bpffs mounted at {}", root.display());
    let b = Bpffs { _tmp: tmp, root };
    let br = cdbg::maps::BpfRoot(b.root.clone());
    std::fs::create_dir_all(br.globals()).unwrap();
    let mk =
        |name: &str, t: u32, k: u32, v: u32, max: u32| cdbg::lab::create_pinned(&br, name, t, k, v, max, 0).unwrap();
    // Two services (master entries, slot 0) with three backend slots between them.
    let svc = mk("cilium_lb4_services_v2", map_type::HASH, 12, 12, 65536);
    for (ip, slot) in [(1u8, 0u16), (1, 1), (1, 2), (2, 0), (2, 1)] {
        let mut k = [0u8; 12];
        k[..4].copy_from_slice(&[10, 96, 0, ip]);
        k[6..8].copy_from_slice(&slot.to_ne_bytes());
        svc.update(&k, &[0u8; 12]).unwrap();
    }
    let be = mk("cilium_lb4_backends_v3", map_type::HASH, 4, 20, 65536);
    for id in 1u32..=3 {
        be.update(&id.to_ne_bytes(), &[0u8; 20]).unwrap();
    }
    let lxc = mk("cilium_lxc", map_type::HASH, 20, 48, 65535);
    for i in 0u8..4 {
        let mut k = [0u8; 20];
        k[0] = i + 1;
        lxc.update(&k, &[0u8; 48]).unwrap();
    }
    let ct = mk("cilium_ct4_global", map_type::HASH, 14, 56, 1000);
    for i in 0u8..25 {
        let mut k = [0u8; 14];
        k[0] = i;
        ct.update(&k, &[0u8; 56]).unwrap();
    }
    mk("cilium_snat_v4_external", map_type::HASH, 14, 40, 2000);
    let rc = mk("cilium_runtime_config", map_type::ARRAY, 4, 8, 256);
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime fills our timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    let live = (ts.tv_sec as u64 - 5) * 1_000_000_000 + ts.tv_nsec as u64;
    rc.update(&1u32.to_ne_bytes(), &live.to_ne_bytes()).unwrap();
    Some(b)
}

fn scrub(s: String, root: &Path) -> String {
    s.replace(&root.display().to_string(), "<bpffs>")
}

#[test]
fn status_from_maps_and_fallback() {
    let Some(b) = bpffs_with_maps() else { return };
    let env = [("CDBG_BPF_ROOT", b.root.to_str().unwrap())];
    let args = ["status", "--from-maps"];
    let o = run_against("unix:///nonexistent/cilium.sock", &args, &env);
    golden("agent/status_from_maps.txt", &scrub(transcript(&args, &o), &b.root));
    // Agent unreachable: the error line, then the same summary, exit 1.
    let args = ["status"];
    let o = run_against("unix:///nonexistent/cilium.sock", &args, &env);
    golden("agent/status_unreachable.txt", &scrub(transcript(&args, &o), &b.root));
}
