//! The Kubernetes transport: agent pods listed through the API server (kubeconfig or in-cluster
//! config, as kubectl finds them), commands run by pod exec over WebSocket (`v5.channel.k8s.io`,
//! falling back to v4), `fleet install` as tar over exec stdin, the way `kubectl cp` copies.

/// The transport and the agent pods `targets` select.
#[cfg(not(feature = "kube"))]
pub fn connect(
    _t: &crate::fleet::targets::Targets,
) -> anyhow::Result<(Box<dyn super::transport::Transport>, Vec<super::Node>)> {
    anyhow::bail!(
        "this cdbg was built without the Kubernetes transport (cargo feature `kube`); use --via ssh or --via exec"
    )
}

#[cfg(feature = "kube")]
pub use imp::connect;

/// The exit code in an exec `Status` (channel 3 of v4/v5): `Success` is 0, a `Failure` with
/// reason `NonZeroExitCode` carries the code as its `ExitCode` cause; anything else is `None`
/// with the status message.
pub fn exit_code(status: &serde_json::Value) -> std::result::Result<i32, String> {
    match status["status"].as_str() {
        Some("Success") => Ok(0),
        _ => {
            if status["reason"] == "NonZeroExitCode" {
                if let Some(causes) = status["details"]["causes"].as_array() {
                    for c in causes {
                        if c["reason"] == "ExitCode" {
                            if let Some(code) = c["message"].as_str().and_then(|m| m.trim().parse().ok()) {
                                return Ok(code);
                            }
                        }
                    }
                }
            }
            let msg = status["message"].as_str().unwrap_or("exec failed without a message");
            Err(msg.to_string())
        }
    }
}

/// True when an exec failure says the program is not there (runtimes word it differently).
pub fn says_missing(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains("no such file") || m.contains("executable file not found") || m.contains(": not found")
}

/// The in-container script of `fleet install`: read exactly `size` bytes of tar from stdin (v4
/// cannot signal the end of stdin), unpack beside the target, rename over it, print its checksum.
pub fn install_script(remote_path: &str, staged: &str, size: u64) -> String {
    use super::shell_quote;
    let dir = std::path::Path::new(remote_path)
        .parent()
        .map(|p| p.display().to_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| ".".into());
    let (d, p, s) = (shell_quote(&dir), shell_quote(remote_path), shell_quote(staged));
    format!(
        "set -e; cd {d}; trap 'rm -f {s}' EXIT; head -c {size} | tar xmf - {s}; chmod 755 {s}; mv -f {s} {p}; trap - EXIT; \
         if command -v sha256sum >/dev/null 2>&1; then sha256sum {p}; else {p} version; fi"
    )
}

#[cfg(feature = "kube")]
/// One tar archive holding `len` bytes of a file named `name` (mode 0755), streamed: the header,
/// then the bytes, then the padding and end blocks `trailer` gives.
pub fn tar_header(name: &str, len: u64) -> std::io::Result<[u8; 512]> {
    let mut h = tar::Header::new_gnu();
    h.set_path(name)?;
    h.set_size(len);
    h.set_mode(0o755);
    h.set_entry_type(tar::EntryType::Regular);
    h.set_mtime(0);
    h.set_cksum();
    let mut out = [0u8; 512];
    out.copy_from_slice(h.as_bytes());
    Ok(out)
}

#[cfg(feature = "kube")]
/// The bytes after a file of `len` bytes: padding to a 512-byte block and two zero blocks.
pub fn tar_trailer(len: u64) -> Vec<u8> {
    let pad = (512 - (len % 512) as usize) % 512;
    vec![0u8; pad + 1024]
}

#[cfg(feature = "kube")]
/// The archive's whole size for a file of `len` bytes.
pub fn tar_size(len: u64) -> u64 {
    512 + len + tar_trailer(len).len() as u64
}

#[cfg(feature = "kube")]
mod imp {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;
    use std::sync::OnceLock;
    use std::time::Instant;

    use anyhow::{bail, Context, Result};
    use k8s_openapi::api::core::v1::{Node as K8sNode, Pod};
    use kube::api::{Api, AttachParams, ListParams};
    use kube::config::{KubeConfigOptions, Kubeconfig};
    use kube::{Client, Config};
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

    use super::super::transport::{LineSink, Run, Tail, Transport};
    use super::super::{Node, Outcome};
    use crate::fleet::targets::Targets;

    /// The one runtime every engine worker blocks on (the API client and the exec streams run
    /// on its threads).
    fn runtime() -> &'static tokio::runtime::Runtime {
        static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
        RT.get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("cdbg-kube")
                .enable_all()
                .build()
                .expect("starting the Kubernetes client runtime")
        })
    }

    /// Exec into the agent pods of one namespace.
    pub struct Kube {
        pods: Api<Pod>,
        container: String,
        remote_path: String,
    }

    pub fn connect(t: &Targets) -> Result<(Box<dyn Transport>, Vec<Node>)> {
        runtime().block_on(connect_async(t))
    }

    async fn config(context: Option<&str>) -> Result<Config> {
        let how = "set KUBECONFIG or --context (or run in a pod), or use --via ssh / --via exec";
        match context {
            Some(ctx) => {
                let kc = Kubeconfig::read()
                    .with_context(|| format!("fleet --via kube: cannot read the kubeconfig ({how})"))?;
                let opts = KubeConfigOptions {
                    context: Some(ctx.to_string()),
                    ..Default::default()
                };
                Config::from_custom_kubeconfig(kc, &opts)
                    .await
                    .with_context(|| format!("fleet --via kube: kubeconfig context {ctx:?}"))
            }
            None => Config::infer()
                .await
                .with_context(|| format!("fleet --via kube: no Kubernetes configuration found ({how})")),
        }
    }

    async fn connect_async(t: &Targets) -> Result<(Box<dyn Transport>, Vec<Node>)> {
        let cfg = config(t.context.as_deref()).await?;
        let server = cfg.cluster_url.to_string();
        let client = Client::try_from(cfg).with_context(|| format!("fleet --via kube: a client for {server}"))?;
        let wanted: Option<Vec<String>> = t
            .nodes
            .as_ref()
            .map(|_| crate::fleet::targets::listed_nodes(t, "--via kube"))
            .transpose()?
            .map(|v| v.into_iter().map(|n| n.name).collect());

        // Only nodes with the --node-selector labels, when given.
        let allowed: Option<BTreeSet<String>> = match &t.node_selector {
            None => None,
            Some(sel) => {
                let nodes: Api<K8sNode> = Api::all(client.clone());
                let list = nodes
                    .list(&ListParams::default().labels(sel))
                    .await
                    .with_context(|| format!("fleet --via kube: listing nodes -l {sel} at {server}"))?;
                Some(list.items.into_iter().filter_map(|n| n.metadata.name).collect())
            }
        };

        let pods: Api<Pod> = Api::namespaced(client, &t.namespace);
        let mut lp = ListParams::default().labels(&t.selector);
        if let Some([one]) = wanted.as_deref() {
            lp = lp.fields(&format!("spec.nodeName={one}"));
        }
        let list = pods.list(&lp).await.with_context(|| {
            format!(
                "fleet --via kube: listing pods -l {} in namespace {} at {server}",
                t.selector, t.namespace
            )
        })?;

        // One agent pod per node: during a rollout prefer the running one that is not going away.
        let mut by_node: BTreeMap<String, (u8, Node)> = BTreeMap::new();
        for p in list.items {
            let (Some(name), Some(node)) = (
                p.metadata.name.clone(),
                p.spec.as_ref().and_then(|s| s.node_name.clone()),
            ) else {
                continue;
            };
            let status = p.status.as_ref();
            let running = status.and_then(|s| s.phase.as_deref()) == Some("Running");
            let rank = u8::from(running) * 2 + u8::from(p.metadata.deletion_timestamp.is_none());
            let address = status.and_then(|s| s.host_ip.clone());
            let cand = Node {
                name: node.clone(),
                target: name,
                address,
            };
            match by_node.get(&node) {
                Some((r, _)) if *r >= rank => {}
                _ => {
                    by_node.insert(node, (rank, cand));
                }
            }
        }
        let mut nodes: Vec<Node> = by_node
            .into_values()
            .map(|(_, n)| n)
            .filter(|n| allowed.as_ref().is_none_or(|a| a.contains(&n.name)))
            .collect();
        if let Some(w) = &wanted {
            let missing: Vec<&String> = w.iter().filter(|x| !nodes.iter().any(|n| &n.name == *x)).collect();
            if !missing.is_empty() {
                let list: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
                bail!(
                    "fleet --via kube: no agent pod (-l {} in namespace {}) on node{} {}; check the node names with `kubectl get pods -n {} -l {} -o wide`",
                    t.selector,
                    t.namespace,
                    if list.len() == 1 { "" } else { "s" },
                    list.join(", "),
                    t.namespace,
                    t.selector
                );
            }
            nodes.retain(|n| w.contains(&n.name));
        }
        if nodes.is_empty() {
            let sel = t
                .node_selector
                .as_deref()
                .map(|s| format!(" on nodes -l {s}"))
                .unwrap_or_default();
            bail!(
                "fleet --via kube: no agent pods match -l {} in namespace {}{sel} at {server}; pass -n/-l for another install",
                t.selector,
                t.namespace
            );
        }
        let k = Kube {
            pods,
            container: t.container.clone(),
            remote_path: t.remote_path.clone(),
        };
        Ok((Box::new(k), nodes))
    }

    /// What to feed the command's stdin.
    struct Input<'a> {
        /// Written in this order: a header, a file's bytes, a trailer.
        head: Vec<u8>,
        file: &'a Path,
        tail: Vec<u8>,
    }

    impl Kube {
        fn exec(
            &self,
            node: &Node,
            command: Vec<String>,
            input: Option<Input<'_>>,
            lines: &mut LineSink<'_>,
            deadline: Instant,
        ) -> Run {
            let run = async {
                let until = tokio::time::Instant::from_std(deadline);
                match tokio::time::timeout_at(until, self.exec_async(node, command, input, lines)).await {
                    Ok(r) => r,
                    Err(_) => Run::timed_out(),
                }
            };
            let mut r = runtime().block_on(run);
            if let Outcome::Failed(why) = &r.outcome {
                if super::says_missing(why) {
                    r.outcome = Outcome::NotInstalled(self.remote_path.clone());
                }
            }
            r
        }

        async fn exec_async(
            &self,
            node: &Node,
            command: Vec<String>,
            input: Option<Input<'_>>,
            lines: &mut LineSink<'_>,
        ) -> Run {
            let ap = AttachParams::default()
                .container(&self.container)
                .stdin(input.is_some())
                .stdout(true)
                .stderr(true)
                .max_stdin_buf_size(64 * 1024)
                .max_stdout_buf_size(64 * 1024)
                .max_stderr_buf_size(16 * 1024);
            let mut proc = match self.pods.exec(&node.target, command, &ap).await {
                Ok(p) => p,
                Err(e) => {
                    return Run::failed(format!(
                        "exec in pod {} (container {}): {e}",
                        node.target, self.container
                    ))
                }
            };
            let (Some(stdout), Some(mut stderr), Some(status)) = (proc.stdout(), proc.stderr(), proc.take_status())
            else {
                return Run::failed("the exec stream has no stdout, stderr or status");
            };
            let stdin = proc.stdin();

            // stdin is held open until the status arrives: on v4, closing it closes the stream.
            let feed = async move {
                let (Some(inp), Some(mut w)) = (input, stdin) else {
                    return (Ok(()), None);
                };
                let r = async {
                    w.write_all(&inp.head).await?;
                    let mut f = tokio::fs::File::open(inp.file).await?;
                    tokio::io::copy(&mut f, &mut w).await?;
                    w.write_all(&inp.tail).await?;
                    w.flush().await
                }
                .await;
                (r, Some(w))
            };
            let err_tail = async move {
                let mut kept = Tail::default();
                let mut buf = vec![0u8; 8192];
                while let Ok(n) = stderr.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    kept.push(&buf[..n]);
                }
                kept.text()
            };
            let out = async {
                let mut r = BufReader::with_capacity(64 * 1024, stdout);
                let mut line = Vec::with_capacity(256);
                loop {
                    line.clear();
                    match r.read_until(b'\n', &mut line).await {
                        Ok(0) | Err(_) => return true,
                        Ok(_) => {
                            if !lines(&line) {
                                return false;
                            }
                        }
                    }
                }
            };
            let ((fed, _held), stderr_tail, read_all, status) = {
                let (fed, tail, all) = tokio::join!(feed, err_tail, out);
                if !all {
                    proc.abort();
                    return Run {
                        outcome: Outcome::Failed("output no longer read".into()),
                        stderr_tail: tail,
                    };
                }
                let st = status.await;
                (fed, tail, all, st)
            };
            let _ = read_all;
            let outcome = match status {
                Some(st) => {
                    let v = serde_json::to_value(&st).unwrap_or_default();
                    match super::exit_code(&v) {
                        Ok(127) => Outcome::NotInstalled(self.remote_path.clone()),
                        Ok(c) => Outcome::Exited(c),
                        Err(msg) => Outcome::Failed(msg),
                    }
                }
                None => match fed {
                    Err(e) => Outcome::Failed(format!("writing to the exec stream of pod {}: {e}", node.target)),
                    Ok(()) => Outcome::Failed(format!(
                        "the exec stream of pod {} ended without an exit status",
                        node.target
                    )),
                },
            };
            Run { outcome, stderr_tail }
        }
    }

    impl Transport for Kube {
        fn run(&self, node: &Node, argv: &[String], lines: &mut LineSink<'_>, deadline: Instant) -> Run {
            let mut cmd = vec![self.remote_path.clone()];
            cmd.extend(argv.iter().cloned());
            self.exec(node, cmd, None, lines, deadline)
        }

        fn install(
            &self,
            node: &Node,
            binary: &Path,
            remote_path: &str,
            lines: &mut LineSink<'_>,
            deadline: Instant,
        ) -> Run {
            let len = match std::fs::metadata(binary) {
                Ok(m) => m.len(),
                Err(e) => return Run::failed(format!("cannot read {}: {e}", binary.display())),
            };
            let base = Path::new(remote_path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "cdbg".into());
            // Named after the pod too: pods sharing a host path (hostPath mounts) do not collide.
            let staged = format!(".{base}.cdbg-new.{}", node.target);
            let head = match super::tar_header(&staged, len) {
                Ok(h) => h.to_vec(),
                Err(e) => return Run::failed(format!("building the tar header: {e}")),
            };
            let script = super::install_script(remote_path, &staged, super::tar_size(len));
            let input = Input {
                head,
                file: binary,
                tail: super::tar_trailer(len),
            };
            let cmd = vec!["sh".to_string(), "-c".to_string(), script];
            let mut r = self.exec(node, cmd, Some(input), lines, deadline);
            if let Outcome::NotInstalled(_) = r.outcome {
                // Here a missing program is the container's sh, head or tar, not cdbg.
                r.outcome = Outcome::Failed(format!(
                    "the agent container lacks sh, head or tar (needed to unpack into {remote_path}); {}",
                    r.stderr_tail.lines().last().unwrap_or("")
                ));
            }
            r
        }
    }
}

#[cfg(all(test, feature = "kube"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn exec_status_objects_give_exit_codes() {
        assert_eq!(exit_code(&json!({"metadata": {}, "status": "Success"})), Ok(0));
        let st = json!({
            "metadata": {}, "status": "Failure", "reason": "NonZeroExitCode",
            "message": "command terminated with non-zero exit code: exit status 3",
            "details": {"causes": [{"reason": "ExitCode", "message": "3"}]}
        });
        assert_eq!(exit_code(&st), Ok(3));
        let st = json!({"status": "Failure", "reason": "InternalError", "message": "exec: \"/tmp/cdbg\": stat /tmp/cdbg: no such file or directory"});
        let msg = exit_code(&st).unwrap_err();
        assert!(says_missing(&msg), "{msg}");
        assert!(!says_missing("permission denied"));
    }

    #[test]
    fn the_tar_stream_is_a_valid_archive() {
        let body = b"#!/bin/sh\necho hi\n".repeat(40);
        let mut a = tar_header(".cdbg.cdbg-new", body.len() as u64).unwrap().to_vec();
        a.extend_from_slice(&body);
        a.extend(tar_trailer(body.len() as u64));
        assert_eq!(a.len() as u64, tar_size(body.len() as u64));
        assert_eq!(a.len() % 512, 0);
        let mut ar = tar::Archive::new(&a[..]);
        let mut entries = ar.entries().unwrap();
        let mut e = entries.next().unwrap().unwrap();
        assert_eq!(e.path().unwrap().to_str(), Some(".cdbg.cdbg-new"));
        assert_eq!(e.header().mode().unwrap(), 0o755);
        let mut got = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut got).unwrap();
        assert_eq!(got, body);
        drop(e);
        assert!(entries.next().is_none());
    }

    #[test]
    fn the_install_script_reads_exactly_the_archive() {
        let s = install_script("/tmp/cdbg", ".cdbg.cdbg-new", 2048);
        assert!(s.starts_with("set -e; cd /tmp; "), "{s}");
        assert!(s.contains("head -c 2048 | tar xmf - .cdbg.cdbg-new;"), "{s}");
        assert!(s.contains("mv -f .cdbg.cdbg-new /tmp/cdbg;"), "{s}");
    }
}
