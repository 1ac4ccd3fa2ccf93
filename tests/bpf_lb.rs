//! Integration tests: `bpf lb list` (every view and output format) and `bpf lb maglev` against
//! the lab node, and their error paths (missing, resized and retyped maps, no bpffs, no
//! privileges, closed pipes).

use std::os::unix::fs::PermissionsExt;

use crate::util::*;

/// Compare a transcript with a golden file, with the lab's temp directory written as `$LAB`.
fn check_scrubbed(lab: &TestLab, name: &str, args: &[&str]) {
    let o = lab.run(args);
    let t = transcript(args, &o).replace(lab.dir.to_str().unwrap(), "$LAB");
    golden(name, &t);
}

#[test]
fn list_views_and_formats() {
    let Some(lab) = TestLab::maps_only("bpf_lb::list_views_and_formats") else {
        return;
    };
    let cases: &[(&str, &[&str])] = &[
        ("lb/list.txt", &["bpf", "lb", "list"]),
        ("lb/list_frontends.txt", &["bpf", "lb", "list", "--frontends"]),
        ("lb/list_backends.txt", &["bpf", "lb", "list", "--backends"]),
        ("lb/list_revnat.txt", &["bpf", "lb", "list", "--revnat"]),
        ("lb/list_source_ranges.txt", &["bpf", "lb", "list", "--source-ranges"]),
        ("lb/list_json.txt", &["bpf", "lb", "list", "-o", "json"]),
        ("lb/list_yaml.txt", &["bpf", "lb", "list", "--revnat", "-o", "yaml"]),
        ("lb/list_jsonl.txt", &["bpf", "lb", "list", "-o", "jsonl"]),
        (
            "lb/list_backends_json.txt",
            &["bpf", "lb", "list", "--backends", "-o", "json"],
        ),
        (
            "lb/list_backends_jsonl.txt",
            &["bpf", "lb", "list", "--backends", "-o", "jsonl"],
        ),
        (
            "lb/list_revnat_jsonl.txt",
            &["bpf", "lb", "list", "--revnat", "-o", "jsonl"],
        ),
        (
            "lb/list_frontends_jsonl.txt",
            &["bpf", "lb", "list", "--frontends", "-o", "jsonl"],
        ),
        (
            "lb/list_source_ranges_json.txt",
            &["bpf", "lb", "list", "--source-ranges", "-o", "json"],
        ),
        (
            "lb/list_source_ranges_jsonl.txt",
            &["bpf", "lb", "list", "--source-ranges", "-o", "jsonl"],
        ),
        (
            "lb/list_jsonpath.txt",
            &["bpf", "lb", "list", "--revnat", "-o", "jsonpath={.16}"],
        ),
        ("lb/ls_alias.txt", &["bpf", "lb", "ls", "--revnat"]),
        ("lb/maglev_list.txt", &["bpf", "lb", "maglev", "list"]),
        (
            "lb/maglev_list_json.txt",
            &["bpf", "lb", "maglev", "list", "-o", "json"],
        ),
        ("lb/maglev_get.txt", &["bpf", "lb", "maglev", "get", "15"]),
        (
            "lb/maglev_get_jsonl.txt",
            &["bpf", "lb", "maglev", "get", "7", "-o", "jsonl"],
        ),
        ("lb/maglev_get_missing.txt", &["bpf", "lb", "maglev", "get", "1"]),
        ("lb/maglev_get_bad_id.txt", &["bpf", "lb", "maglev", "get", "x"]),
    ];
    for (name, args) in cases {
        check(&lab, name, args);
    }
}

#[test]
fn list_with_faults() {
    let Some(lab) = TestLab::up("bpf_lb::list_with_faults", &["--no-serve", "--faults"]) else {
        return;
    };
    // The webpod service gains a slot whose backend does not exist; backend 17 is an orphan.
    check(&lab, "lb/faults_list.txt", &["bpf", "lb", "list"]);
    check(&lab, "lb/faults_backends.txt", &["bpf", "lb", "list", "--backends"]);
    let o = lab.run(&["bpf", "lb", "list", "-o", "jsonl"]);
    let out = String::from_utf8_lossy(&o.stdout);
    let missing: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(r#""backend_missing":true"#))
        .collect();
    assert_eq!(missing.len(), 1, "{out}");
    assert!(missing[0].contains(r#""backend_id":99"#), "{}", missing[0]);
}

#[test]
fn missing_maps_are_skipped_like_dump_if_exists() {
    let Some(lab) = TestLab::maps_only("bpf_lb::missing_maps_are_skipped_like_dump_if_exists") else {
        return;
    };
    // An IPv4-only node: no IPv6 maps at all. Not an error, and nothing on stderr.
    for name in [
        "cilium_lb6_services_v2",
        "cilium_lb6_backends_v3",
        "cilium_lb6_reverse_nat",
        "cilium_lb6_source_range",
        "cilium_lb6_maglev",
    ] {
        std::fs::remove_file(lab.globals().join(name)).unwrap();
    }
    check_scrubbed(&lab, "lb/ipv4_only.txt", &["bpf", "lb", "list"]);
    check_scrubbed(&lab, "lb/ipv4_only_revnat.txt", &["bpf", "lb", "list", "--revnat"]);
    // No service maps at all: an empty table, a warning that says which maps and why.
    std::fs::remove_file(lab.globals().join("cilium_lb4_services_v2")).unwrap();
    check_scrubbed(&lab, "lb/no_service_maps.txt", &["bpf", "lb", "list"]);
    // Maglev off: the usual reason.
    std::fs::remove_file(lab.globals().join("cilium_lb4_maglev")).unwrap();
    check_scrubbed(&lab, "lb/no_maglev.txt", &["bpf", "lb", "maglev", "list"]);
}

fn mkmap(lab: &TestLab, name: &str, kind: &str, key: &str, value: &str) {
    let o = command()
        .args(["lab", "mkmap", "--dir"])
        .arg(&lab.dir)
        .args(["--name", name, "--type", kind, "--key", key, "--value", value])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn wrong_shapes_are_refused() {
    let Some(lab) = TestLab::maps_only("bpf_lb::wrong_shapes_are_refused") else {
        return;
    };
    // A value size of another layout: refuse to decode, name both sizes.
    mkmap(&lab, "cilium_lb4_services_v2", "hash", "12", "8");
    check_scrubbed(&lab, "lb/wrong_value_size.txt", &["bpf", "lb", "list"]);
    // A wrong key size on the backends map breaks the default view and --backends.
    mkmap(&lab, "cilium_lb4_services_v2", "hash", "12", "12");
    mkmap(&lab, "cilium_lb4_backends_v3", "hash", "2", "12");
    check_scrubbed(&lab, "lb/wrong_key_size.txt", &["bpf", "lb", "list", "--backends"]);
    // Right sizes, wrong type.
    mkmap(&lab, "cilium_lb4_backends_v3", "hash", "4", "12");
    mkmap(&lab, "cilium_lb4_reverse_nat", "lru_hash", "2", "6");
    check_scrubbed(&lab, "lb/wrong_type.txt", &["bpf", "lb", "list", "--revnat"]);
}

#[test]
fn not_a_bpffs_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("tc/globals")).unwrap();
    let o = command()
        .args(["bpf", "lb", "list"])
        .env("CDBG_BPF_ROOT", tmp.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("is not a bpffs"), "{err}");
    assert!(err.contains(&format!("{}/tc/globals", tmp.path().display())), "{err}");
    assert!(err.contains("--bpf-root"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn unprivileged_user_is_told_what_is_needed() {
    let Some(lab) = TestLab::maps_only("bpf_lb::unprivileged_user_is_told_what_is_needed") else {
        return;
    };
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(setpriv) = setpriv else {
        eprintln!("SKIPPED unprivileged_user_is_told_what_is_needed: setpriv(1) not installed");
        return;
    };
    // Let nobody reach the bpffs (the temp dirs are 0700), as on a node where /sys/fs/bpf is
    // world-traversable but bpf(2) needs privileges.
    for d in [lab.dir.parent().unwrap(), lab.dir.as_path()] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut c = lab.cmd();
    let cdbg = c.get_program().to_owned();
    let mut c2 = std::process::Command::new(setpriv);
    c2.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"])
        .arg(cdbg)
        .args(["bpf", "lb", "list"]);
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => c2.env(k, v),
            None => c2.env_remove(k),
        };
    }
    let _ = &mut c;
    let o = c2.output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("permission denied"), "{err}");
    assert!(err.contains("CAP_BPF"), "{err}");
    assert!(err.contains("cilium_lb4_services_v2"), "{err}");
}

#[test]
fn closed_pipe_on_large_output_exits_quietly() {
    let Some(lab) = TestLab::maps_only("bpf_lb::closed_pipe_on_large_output_exits_quietly") else {
        return;
    };
    for args in [
        &["bpf", "lb", "maglev", "list", "-o", "json"][..],
        &["bpf", "lb", "list", "-o", "jsonl"][..],
    ] {
        let mut child = lab
            .cmd()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}
