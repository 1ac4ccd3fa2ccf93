//! `cdbg fleet` on a three-node lab (`lab up --nodes 3 --ssh`): merged counts and tops,
//! node-tagged jsonl, a node that times out and one that fails, the disagreement view finding
//! exactly the differences the lab builds into cilium-w2, over the exec and the ssh transports,
//! and `fleet install`.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::util::{cdbg_bin, command, golden, is_root, skip};

const NODES: &str = "cilium-m1,cilium-w1,cilium-w2";

/// A three-node lab in a temp dir, removed on drop.
struct Cluster {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Cluster {
    fn up(test: &str, ssh: bool) -> Option<Cluster> {
        if !is_root() {
            skip(test);
            return None;
        }
        if ssh && !Path::new("/usr/sbin/sshd").exists() {
            // CI installs openssh-server; on a developer machine without it, say so.
            skip(&format!("{test} (no /usr/sbin/sshd)"));
            return None;
        }
        let tmp = tempfile::Builder::new().prefix("cdbg-fleet-").tempdir().unwrap();
        let dir = tmp.path().join("cluster");
        let mut c = command();
        c.args(["lab", "up", "--nodes", "3", "--dir"]).arg(&dir);
        if ssh {
            c.arg("--ssh");
        }
        let o = c.output().unwrap();
        assert!(
            o.status.success(),
            "lab up --nodes 3: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        Some(Cluster { _tmp: tmp, dir })
    }

    /// `fleet --via exec` through each node's `run` wrapper (its environment), optionally via a
    /// hook script that can make a node slow or broken.
    fn exec_args(&self, prefix: &str) -> Vec<String> {
        vec![
            "--via".into(),
            "exec".into(),
            "--exec".into(),
            prefix.to_string(),
            "--remote-path".into(),
            cdbg_bin().display().to_string(),
        ]
    }

    fn run(&self, args: &[String]) -> Output {
        command().args(args).output().unwrap()
    }

    /// A transcript with the temp paths written as `$LAB` and `$CDBG`.
    fn transcript(&self, args: &[String], o: &Output) -> String {
        let lab = self.dir.display().to_string();
        let bin = cdbg_bin().display().to_string();
        let shown: Vec<String> = args
            .iter()
            .map(|a| a.replace(&bin, "$CDBG").replace(&lab, "$LAB"))
            .collect();
        let mut s = crate::util::transcript(&shown.iter().map(String::as_str).collect::<Vec<_>>(), o);
        s = s.replace(&bin, "$CDBG").replace(&lab, "$LAB");
        s
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        crate::util::lab_down(&self.dir);
    }
}

fn args(base: &[String], rest: &str) -> Vec<String> {
    let mut v = vec!["fleet".to_string()];
    v.extend(base.iter().cloned());
    v.extend(rest.split_whitespace().map(String::from));
    v
}

#[test]
fn fleet_merges_over_exec_and_names_what_failed() {
    let Some(c) = Cluster::up("fleet_merges_over_exec_and_names_what_failed", false) else {
        return;
    };
    let prefix = format!("{}/{{node}}/run", c.dir.display());
    let base = c.exec_args(&prefix);

    // Every node has the lab's 47 LB entries (tests/golden/filters/lb_count.txt): 141 in all.
    let a = args(&base, &format!("--nodes {NODES} -- bpf lb list --count"));
    let o = c.run(&a);
    golden("fleet/count.txt", &c.transcript(&a, &o));

    // Top groups summed: 10.96.0.10:53 has 6 slots per node (lb_top_service.txt), 18 in all.
    let a = args(&base, &format!("--nodes {NODES} -- bpf lb list --top 2 --by service"));
    let o = c.run(&a);
    golden("fleet/top.txt", &c.transcript(&a, &o));

    // jsonl: every record carries its node first, nothing else changes.
    let a = args(&base, &format!("--nodes {NODES} -- bpf nodeid list -o jsonl"));
    let o = c.run(&a);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let mut per_node = std::collections::BTreeMap::new();
    for line in text.lines() {
        assert!(line.starts_with("{\"node\":\"cilium-"), "{line}");
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        *per_node.entry(v["node"].as_str().unwrap().to_string()).or_insert(0) += 1;
        assert!(v["ip"].is_string() && v["node_id"].is_u64(), "{line}");
    }
    // Three node addresses in each node's node map (the lab's NODES).
    assert_eq!(
        per_node.values().copied().collect::<Vec<i32>>(),
        vec![3, 3, 3],
        "{text}"
    );

    // Grouped text: one header per node, in completion order; every group is the same listing.
    let a = args(&base, &format!("--nodes {NODES} -- bpf nodeid list"));
    let o = c.run(&a);
    let text = String::from_utf8(o.stdout).unwrap();
    for n in NODES.split(',') {
        assert_eq!(text.matches(&format!("== {n} ==\n")).count(), 1, "{text}");
    }

    // One node hangs, one is not there: the others still answer, the table says why, exit 1;
    // --allow-partial makes it 0; with no node answering it is 2.
    let hook = c.dir.join("hook.sh");
    std::fs::write(
        &hook,
        format!(
            "node=$1; shift\ncase $node in cilium-w1) sleep 30 ;; esac\nexec {}/$node/run \"$@\"\n",
            c.dir.display()
        ),
    )
    .unwrap();
    let slow = c.exec_args(&format!("sh {} {{node}}", hook.display()));
    let a = args(
        &slow,
        "--node-timeout 1s --nodes cilium-m1,cilium-w1,cilium-x9 -- bpf lb list --count",
    );
    let start = std::time::Instant::now();
    let o = c.run(&a);
    assert!(
        start.elapsed().as_secs() < 20,
        "the slow node was not cut off: {:?}",
        start.elapsed()
    );
    golden("fleet/partial.txt", &c.transcript(&a, &o));
    let mut a2 = a.clone();
    a2.insert(1, "--allow-partial".into());
    assert_eq!(c.run(&a2).status.code(), Some(0));
    let a = args(
        &slow,
        "--node-timeout 1s --nodes cilium-x8,cilium-x9 -- bpf lb list --count",
    );
    assert_eq!(c.run(&a).status.code(), Some(2));

    // The disagreement view finds exactly what the lab built into cilium-w2 (lab::cluster::drift):
    // backend 10 (172.20.1.77:8080, src/lab/node.rs) missing, curl-pod's address with identity
    // 21009 instead of 3012. Everything node-local (IDs, each node's own ipcache view) agrees.
    let a = args(&base, &format!("--nodes {NODES} -- bpf lb list"));
    let a = [vec!["fleet".to_string(), "diff".to_string()], a[1..].to_vec()].concat();
    let o = c.run(&a);
    golden("fleet/diff_lb.txt", &c.transcript(&a, &o));
    let a = args(&base, &format!("--nodes {NODES} -- bpf ipcache list"));
    let a = [vec!["fleet".to_string(), "diff".to_string()], a[1..].to_vec()].concat();
    let o = c.run(&a);
    golden("fleet/diff_ipcache.txt", &c.transcript(&a, &o));
    // Two of the same node agree completely: exit 0.
    let a = args(&base, "--nodes cilium-m1,cilium-w1 -- bpf lb list");
    let a = [vec!["fleet".to_string(), "diff".to_string()], a[1..].to_vec()].concat();
    let o = c.run(&a);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn fleet_over_ssh_runs_diffs_and_installs() {
    let Some(c) = Cluster::up("fleet_over_ssh_runs_diffs_and_installs", true) else {
        return;
    };
    let o = command()
        .args(["lab", "ssh-options", "--dir"])
        .arg(&c.dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut base = vec!["--via".to_string(), "ssh".to_string()];
    for l in String::from_utf8(o.stdout).unwrap().lines() {
        let v = l.strip_prefix("--ssh-option=").unwrap().trim_matches('\'');
        base.push(format!("--ssh-option={v}"));
    }

    // Install this binary on every node, then run from there: the checksum is verified.
    let remote = c.dir.join("bin-cdbg");
    let mut a = vec!["fleet".to_string(), "install".to_string()];
    a.extend(base.iter().cloned());
    a.extend([
        "--nodes".into(),
        NODES.into(),
        "--remote-path".into(),
        remote.display().to_string(),
    ]);
    let o = c.run(&a);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(out.matches(": installed ").count(), 3, "{out}");
    let mut base_r = base.clone();
    base_r.extend(["--remote-path".into(), remote.display().to_string()]);

    // Same answers as over exec: the counts and the one lb difference on cilium-w2.
    let a = args(&base_r, &format!("--nodes {NODES} -- bpf lb list --count -o json"));
    let o = c.run(&a);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["count"], 141, "{v}");
    let a = args(&base_r, &format!("--nodes {NODES} -- bpf lb list"));
    let a = [vec!["fleet".to_string(), "diff".to_string()], a[1..].to_vec()].concat();
    let o = c.run(&a);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("~ 10.96.200.10:8080/TCP"), "{text}");
    assert!(
        text.contains("    cilium-w2: ") && text.contains("missing-backend"),
        "{text}"
    );
    assert!(text.ends_with("3 nodes compared, 17 keys, 1 differ\n"), "{text}");

    // A node ssh cannot reach fails with ssh's own reason, the others answer.
    let a = args(&base_r, "--nodes cilium-m1,cilium-x9 -- bpf lb list --count");
    let o = c.run(&a);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("1 of 2 nodes failed") && err.contains("cilium-x9"),
        "{err}"
    );
}
