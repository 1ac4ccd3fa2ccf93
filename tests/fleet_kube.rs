//! `cdbg fleet --via kube` (the default transport) on a three-node lab through its stand-in
//! Kubernetes API server (`lab up --nodes 3 --apiserver`): merged counts, node-tagged jsonl, the
//! disagreement view, targets (node selector, --nodes), failing and hanging nodes, a missing
//! cdbg, `fleet install` (tar over exec stdin), the v4 fallback, and the `kubectl-cdbg` link.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::util::{cdbg_bin, command, is_root, skip};

struct Cluster {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Cluster {
    fn up(test: &str) -> Option<Cluster> {
        if !is_root() {
            skip(test);
            return None;
        }
        let tmp = tempfile::Builder::new().prefix("cdbg-fleet-kube-").tempdir().unwrap();
        let dir = tmp.path().join("cluster");
        let o = command()
            .args(["lab", "up", "--nodes", "3", "--apiserver", "--dir"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "lab up: {}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("export KUBECONFIG="));
        Some(Cluster { _tmp: tmp, dir })
    }

    /// `cdbg fleet ARGS` (or `fleet SUB ARGS`) with KUBECONFIG set to `kubeconfig`.
    fn fleet_with(&self, kubeconfig: &Path, args: &str) -> Output {
        let mut c = command();
        c.env("KUBECONFIG", kubeconfig).arg("fleet");
        c.args(args.split_whitespace());
        c.output().unwrap()
    }

    fn fleet(&self, args: &str) -> Output {
        self.fleet_with(&self.dir.join("kubeconfig"), args)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        crate::util::lab_down(&self.dir);
    }
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The stdout part of a golden transcript of the exec transport.
fn golden_stdout(name: &str) -> String {
    let g = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden/fleet")
            .join(name),
    )
    .unwrap();
    let body = g.split_once('\n').unwrap().1;
    body.split("--- ").next().unwrap().to_string()
}

#[test]
fn fleet_over_kubernetes_through_the_stand_in_api_server() {
    let Some(c) = Cluster::up("fleet_over_kubernetes_through_the_stand_in_api_server") else {
        return;
    };
    let bin = cdbg_bin().display().to_string();
    let r = format!("--remote-path {bin}");

    // Merged counts: the same 141 as over exec and ssh; the per-node breakdown names the nodes
    // by the pods' spec.nodeName.
    let o = c.fleet(&format!("{r} -- bpf lb list --count"));
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert_eq!(out, golden_stdout("count.txt"), "{err}");
    let o = c.fleet(&format!("{r} -- bpf lb list --count -o json"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["count"], 141, "{v}");

    // jsonl: every record tagged with its node.
    let o = c.fleet(&format!("{r} -- bpf nodeid list -o jsonl"));
    let (out, err) = text(&o);
    assert!(o.status.success(), "{err}");
    let mut per_node = std::collections::BTreeMap::new();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        *per_node.entry(v["node"].as_str().unwrap().to_string()).or_insert(0) += 1;
    }
    let want: Vec<(String, i32)> = ["cilium-m1", "cilium-w1", "cilium-w2"]
        .iter()
        .map(|n| (n.to_string(), 3))
        .collect();
    assert_eq!(per_node.into_iter().collect::<Vec<_>>(), want, "{out}");

    // The disagreement view: exactly what the exec transport finds (the built-in drift).
    let o = c.fleet(&format!("diff {r} -- bpf lb list"));
    assert_eq!(o.status.code(), Some(1), "{:?}", text(&o));
    assert_eq!(text(&o).0, golden_stdout("diff_lb.txt"));
    let o = c.fleet(&format!("diff {r} -- bpf ipcache list"));
    assert_eq!(o.status.code(), Some(1), "{:?}", text(&o));
    assert_eq!(text(&o).0, golden_stdout("diff_ipcache.txt"));

    // Targets: a node selector (the nodes API), one node (a spec.nodeName field selector),
    // a node without an agent pod, a context that is not there.
    let o = c.fleet(&format!(
        "{r} --node-selector !node-role.kubernetes.io/control-plane -- bpf lb list --count -o json"
    ));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["count"], 94, "{v}");
    let o = c.fleet(&format!("{r} --nodes cilium-w2 -- bpf nodeid list -o jsonl"));
    let (out, _) = text(&o);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.lines().all(|l| l.starts_with("{\"node\":\"cilium-w2\"")), "{out}");
    let o = c.fleet(&format!("{r} --nodes cilium-w1,cilium-x9 -- bpf lb list --count"));
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("no agent pod") && err.contains("on node cilium-x9"),
        "{err}"
    );
    let o = c.fleet(&format!("{r} --context nowhere -- bpf lb list --count"));
    let (_, err) = text(&o);
    assert!(!o.status.success() && err.contains("nowhere"), "{err}");
    let o = c.fleet(&format!("{r} -l k8s-app=nothing -- bpf lb list --count"));
    let (_, err) = text(&o);
    assert!(
        !o.status.success() && err.contains("no agent pods match -l k8s-app=nothing"),
        "{err}"
    );

    // One node fails, one hangs past --node-timeout: the third answers, the table says why.
    let hook = c.dir.join("hook.sh");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\ncase $CDBG_BPF_ROOT in */cilium-w1/*) echo broken >&2; exit 3 ;; */cilium-w2/*) sleep 30 ;; esac\nexec {bin} \"$@\"\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let start = Instant::now();
    let o = c.fleet(&format!(
        "--remote-path {} --node-timeout 2s -- bpf lb list --count",
        hook.display()
    ));
    let (out, err) = text(&o);
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(out.contains("cilium-m1   47"), "{out}");
    assert!(err.contains("2 of 3 nodes failed"), "{err}");
    let w1 = err.lines().find(|l| l.starts_with("cilium-w1")).unwrap_or_default();
    assert!(
        w1.contains("exit status 3") && w1.contains(" 3 ") && w1.ends_with("broken"),
        "{err}"
    );
    let w2 = err.lines().find(|l| l.starts_with("cilium-w2")).unwrap_or_default();
    assert!(w2.contains("timed out"), "{err}");

    // cdbg missing on the nodes: every node says where it looked and how to fix it; exit 2.
    let o = c.fleet("--remote-path /nonexistent/cdbg -- status");
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(
        err.matches("cdbg is not at --remote-path /nonexistent/cdbg").count(),
        3,
        "{err}"
    );
    assert!(
        err.contains("cdbg fleet install --remote-path /nonexistent/cdbg"),
        "{err}"
    );

    // fleet install: tar over exec stdin into each pod, checksum verified, then usable.
    let remote = c.dir.join("installed").join("cdbg");
    std::fs::create_dir_all(remote.parent().unwrap()).unwrap();
    let o = c.fleet(&format!("install --remote-path {}", remote.display()));
    let (out, err) = text(&o);
    assert!(o.status.success(), "{out}{err}");
    assert_eq!(out.matches(": installed ").count(), 3, "{out}");
    assert_eq!(std::fs::read(&remote).unwrap(), std::fs::read(cdbg_bin()).unwrap());
    let o = c.fleet(&format!(
        "--remote-path {} -- bpf lb list --count -o json",
        remote.display()
    ));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["count"], 141, "{v}");
    let log = std::fs::read_to_string(c.dir.join("apiserver.log")).unwrap();
    assert!(log.contains("protocol=v5.channel.k8s.io"), "{log}");
    assert!(!log.contains("protocol=v4.channel.k8s.io"), "{log}");

    // An API server without v5 (before Kubernetes 1.29): the client falls back to v4, for
    // commands and for install (whose stdin cannot be closed on v4).
    let v4conf = c.dir.join("kubeconfig-v4");
    let v4log = c.dir.join("apiserver-v4.log");
    let mut v4 = Command::new(cdbg_bin())
        .args(["lab", "apiserver", "--refuse-v5", "--dir"])
        .arg(&c.dir)
        .arg("--kubeconfig")
        .arg(&v4conf)
        .stdout(std::fs::File::create(&v4log).unwrap())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !v4conf.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = c.fleet_with(&v4conf, &format!("{r} -- bpf lb list --count -o json"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let remote4 = c.dir.join("installed").join("cdbg-v4");
    let o4 = c.fleet_with(
        &v4conf,
        &format!(
            "install --binary {} --remote-path {}",
            hook.display(),
            remote4.display()
        ),
    );
    let _ = v4.kill();
    let _ = v4.wait();
    assert_eq!(v["count"], 141, "{:?}", text(&o));
    assert!(o4.status.success(), "{:?}", text(&o4));
    assert_eq!(std::fs::read(&remote4).unwrap(), std::fs::read(&hook).unwrap());
    let log = std::fs::read_to_string(&v4log).unwrap();
    assert!(
        log.contains("protocol=v4.channel.k8s.io") && !log.contains("protocol=v5"),
        "{log}"
    );

    // As a kubectl plugin: `kubectl-cdbg` (a link to cdbg) is `cdbg fleet`.
    let link = c.dir.join("kubectl-cdbg");
    std::os::unix::fs::symlink(cdbg_bin(), &link).unwrap();
    let o = Command::new(&link)
        .env("KUBECONFIG", c.dir.join("kubeconfig"))
        .args([
            "--remote-path",
            &bin,
            "--",
            "bpf",
            "lb",
            "list",
            "--count",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    assert_eq!(v["count"], 141, "{:?}", text(&o));
    let o = Command::new(&link)
        .env("KUBECONFIG", c.dir.join("kubeconfig"))
        .args(["diff", "--remote-path", &bin, "--", "bpf", "lb", "list"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(text(&o).0, golden_stdout("diff_lb.txt"));
}
