//! The lab's stand-in Kubernetes API server (the only stand-in for Kubernetes in the lab): plain
//! HTTP on 127.0.0.1 speaking the real wire protocol for what `fleet --via kube` uses — pod and
//! node lists with label and field selectors, and pod exec over WebSocket (`v5.channel.k8s.io`
//! and `v4.channel.k8s.io`, channel-byte framing) — where an exec runs the command through the
//! target node's `run` wrapper, so it runs in that lab node's environment.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use futures_util::{SinkExt, StreamExt};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::tungstenite::Message;

use super::marker::Marker;
use super::node::NODES;

pub const V5: &str = "v5.channel.k8s.io";
pub const V4: &str = "v4.channel.k8s.io";

/// The namespace and labels of the stand-in's agent pods (Cilium's defaults).
pub const NAMESPACE: &str = "kube-system";

/// How the stand-in serves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Offer only v4 (as an API server older than 1.29 does), to exercise the client's fallback.
    pub refuse_v5: bool,
    /// Simulated agent pods (0: one per lab node); pod i runs its commands on lab node i mod N.
    pub pods: usize,
    /// Where to write the kubeconfig that points at this server.
    pub kubeconfig: PathBuf,
}

/// One agent pod as the stand-in lists it.
#[derive(Debug, Clone)]
struct Pod {
    name: String,
    node: String,
    host_ip: String,
    /// The lab node directory whose `run` wrapper executes the pod's commands.
    runs_on: PathBuf,
}

struct State {
    pods: Vec<Pod>,
    refuse_v5: bool,
}

/// Build the pod list of the multi-node lab in `dir`.
fn pods(dir: &Path, n: usize) -> Result<Vec<Pod>> {
    let m = Marker::load(dir)?;
    if m.cluster_nodes.is_empty() {
        bail!(
            "{} is not a multi-node lab: create one with `cdbg lab up --nodes 3 --dir DIR`",
            dir.display()
        );
    }
    let names = &m.cluster_nodes;
    // Pod name suffixes as a DaemonSet would make them (fixed, so transcripts are stable).
    const SUFFIX: [&str; 3] = ["k7x2p", "q9m4d", "z3h8w"];
    if n == 0 {
        return Ok(names
            .iter()
            .enumerate()
            .map(|(i, name)| Pod {
                name: format!("cilium-{}", SUFFIX[i % SUFFIX.len()]),
                node: name.clone(),
                host_ip: NODES
                    .iter()
                    .find(|x| x.name == name)
                    .map(|x| x.ip.to_string())
                    .unwrap_or_default(),
                runs_on: dir.join(name),
            })
            .collect());
    }
    Ok((0..n)
        .map(|i| Pod {
            name: format!("cilium-sim-{i:05}"),
            node: format!("sim-node-{i:05}"),
            host_ip: format!("10.99.{}.{}", i / 250, i % 250 + 1),
            runs_on: dir.join(&names[i % names.len()]),
        })
        .collect())
}

/// Serve until SIGTERM/SIGINT (runs in `cdbg lab apiserver`). Logs one line per exec on stdout.
pub fn serve(dir: &Path, opts: Options) -> Result<()> {
    let dir = std::fs::canonicalize(dir).with_context(|| format!("resolving {}", dir.display()))?;
    let state = Arc::new(State {
        pods: pods(&dir, opts.pods)?,
        refuse_v5: opts.refuse_v5,
    });
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .context("binding 127.0.0.1")?;
        let addr = listener.local_addr()?;
        write_kubeconfig(&opts.kubeconfig, &format!("http://{addr}"))?;
        println!(
            "stand-in API server on http://{addr} (kubeconfig {})",
            opts.kubeconfig.display()
        );
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        loop {
            tokio::select! {
                conn = listener.accept() => {
                    let (stream, _) = conn?;
                    let state = state.clone();
                    tokio::spawn(async move {
                        let svc = hyper::service::service_fn(move |req| handle(state.clone(), req));
                        let io = hyper_util::rt::TokioIo::new(stream);
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(io, svc)
                            .with_upgrades()
                            .await;
                    });
                }
                _ = term.recv() => break,
                _ = tokio::signal::ctrl_c() => break,
            }
        }
        Ok(())
    })
}

/// The kubeconfig of the stand-in: one cluster, context and user named `cdbg-lab`.
fn write_kubeconfig(path: &Path, server: &str) -> Result<()> {
    let text = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: cdbg-lab\n  cluster:\n    server: {server}\n\
         contexts:\n- name: cdbg-lab\n  context:\n    cluster: cdbg-lab\n    user: cdbg-lab\n    namespace: {NAMESPACE}\n\
         current-context: cdbg-lab\nusers:\n- name: cdbg-lab\n  user:\n    token: cdbg-lab-stand-in\n"
    );
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

type Resp = Response<Full<Bytes>>;

fn json_response(code: StatusCode, v: &Value) -> Resp {
    let mut r = Response::new(Full::new(Bytes::from(v.to_string())));
    *r.status_mut() = code;
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    r
}

/// A `Status` error, as the API server answers a request it refuses.
fn status_error(code: StatusCode, reason: &str, message: &str) -> Resp {
    json_response(
        code,
        &json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                "message": message, "reason": reason, "code": code.as_u16()}),
    )
}

/// The query string's pairs, percent-decoded (repeated keys kept in order).
fn query(q: Option<&str>) -> Vec<(String, String)> {
    fn decode(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'+' => out.push(b' '),
                b'%' if i + 2 < b.len() => {
                    match u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16) {
                        Ok(v) => {
                            out.push(v);
                            i += 2;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                c => out.push(c),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    q.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// An equality-based label selector (`k=v`, `k==v`, `k!=v`, `k`, `!k`, comma-separated).
pub fn selector_matches(sel: &str, labels: &BTreeMap<String, String>) -> Result<bool, String> {
    if sel.contains('(') {
        return Err(format!(
            "set-based selector {sel:?} is not supported by the lab's stand-in API server"
        ));
    }
    for req in sel.split(',').map(str::trim).filter(|r| !r.is_empty()) {
        let ok = if let Some((k, v)) = req.split_once("!=") {
            labels.get(k.trim()).map(String::as_str) != Some(v.trim())
        } else if let Some((k, v)) = req.split_once("==").or_else(|| req.split_once('=')) {
            labels.get(k.trim()).map(String::as_str) == Some(v.trim())
        } else if let Some(k) = req.strip_prefix('!') {
            !labels.contains_key(k.trim())
        } else {
            labels.contains_key(req)
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn pod_labels() -> BTreeMap<String, String> {
    BTreeMap::from([
        ("k8s-app".to_string(), "cilium".to_string()),
        ("app.kubernetes.io/name".to_string(), "cilium-agent".to_string()),
    ])
}

fn node_labels(p: &Pod, first: bool) -> BTreeMap<String, String> {
    let mut l = BTreeMap::from([
        ("kubernetes.io/hostname".to_string(), p.node.clone()),
        ("kubernetes.io/os".to_string(), "linux".to_string()),
    ]);
    if first {
        l.insert("node-role.kubernetes.io/control-plane".into(), String::new());
    }
    l
}

fn pod_json(p: &Pod) -> Value {
    json!({
        "metadata": {"name": p.name, "namespace": NAMESPACE, "uid": format!("uid-{}", p.name),
                     "labels": pod_labels(), "resourceVersion": "1"},
        "spec": {"nodeName": p.node, "containers": [{"name": "cilium-agent"}]},
        "status": {"phase": "Running", "hostIP": p.host_ip, "podIP": p.host_ip}
    })
}

async fn handle(state: Arc<State>, req: Request<Incoming>) -> Result<Resp, Infallible> {
    let path: Vec<String> = req
        .uri()
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let q = query(req.uri().query());
    let get = |k: &str| q.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    let r = match p.as_slice() {
        ["version"] => json_response(
            StatusCode::OK,
            &json!({"major": "1", "minor": "33", "gitVersion": "v1.33.0-cdbg-lab-stand-in"}),
        ),
        ["api", "v1", "nodes"] => {
            let sel = get("labelSelector").unwrap_or_default();
            let mut items = Vec::new();
            for (i, pod) in state.pods.iter().enumerate() {
                let labels = node_labels(pod, i == 0);
                match selector_matches(&sel, &labels) {
                    Err(e) => return Ok(status_error(StatusCode::BAD_REQUEST, "BadRequest", &e)),
                    Ok(false) => continue,
                    Ok(true) => items.push(json!({
                        "metadata": {"name": pod.node, "labels": labels, "resourceVersion": "1"},
                        "status": {"addresses": [{"type": "InternalIP", "address": pod.host_ip}]}
                    })),
                }
            }
            json_response(
                StatusCode::OK,
                &json!({"kind": "NodeList", "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": items}),
            )
        }
        ["api", "v1", "namespaces", ns, "pods"] => {
            let sel = get("labelSelector").unwrap_or_default();
            let mut node_field = None;
            for f in get("fieldSelector")
                .unwrap_or_default()
                .split(',')
                .filter(|f| !f.is_empty())
            {
                match f.split_once('=') {
                    Some(("spec.nodeName", v)) => node_field = Some(v.to_string()),
                    _ => {
                        let msg = format!("field label not supported: {}", f.split('=').next().unwrap_or(f));
                        return Ok(status_error(StatusCode::BAD_REQUEST, "BadRequest", &msg));
                    }
                }
            }
            let mut items = Vec::new();
            if *ns == NAMESPACE {
                for pod in &state.pods {
                    match selector_matches(&sel, &pod_labels()) {
                        Err(e) => return Ok(status_error(StatusCode::BAD_REQUEST, "BadRequest", &e)),
                        Ok(false) => continue,
                        Ok(true) => {}
                    }
                    if node_field.as_ref().is_some_and(|n| *n != pod.node) {
                        continue;
                    }
                    items.push(pod_json(pod));
                }
            }
            json_response(
                StatusCode::OK,
                &json!({"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": items}),
            )
        }
        ["api", "v1", "namespaces", ns, "pods", name] => {
            match state.pods.iter().find(|x| x.name == *name && *ns == NAMESPACE) {
                Some(pod) => json_response(StatusCode::OK, &pod_json(pod)),
                None => status_error(StatusCode::NOT_FOUND, "NotFound", &format!("pods \"{name}\" not found")),
            }
        }
        ["api", "v1", "namespaces", ns, "pods", name, "exec"] => {
            let Some(pod) = state.pods.iter().find(|x| x.name == *name && *ns == NAMESPACE).cloned() else {
                return Ok(status_error(
                    StatusCode::NOT_FOUND,
                    "NotFound",
                    &format!("pods \"{name}\" not found"),
                ));
            };
            exec(state.clone(), req, pod, &q)
        }
        _ => status_error(
            StatusCode::NOT_FOUND,
            "NotFound",
            &format!("the lab's stand-in API server does not serve {}", req.uri().path()),
        ),
    };
    Ok(r)
}

/// Upgrade an exec request to a WebSocket and run the command in the pod's lab node.
fn exec(state: Arc<State>, mut req: Request<Incoming>, pod: Pod, q: &[(String, String)]) -> Resp {
    let flag = |k: &str| q.iter().any(|(a, v)| a == k && (v == "true" || v == "1"));
    let command: Vec<String> = q
        .iter()
        .filter(|(k, _)| k == "command")
        .map(|(_, v)| v.clone())
        .collect();
    let container = q
        .iter()
        .find(|(k, _)| k == "container")
        .map(|(_, v)| v.as_str())
        .unwrap_or("cilium-agent");
    if container != "cilium-agent" {
        let msg = format!("container {container} is not valid for pod {}", pod.name);
        return status_error(StatusCode::BAD_REQUEST, "BadRequest", &msg);
    }
    if command.is_empty() {
        return status_error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "you must specify at least 1 command",
        );
    }
    let h = req.headers();
    let is_ws = h
        .get(hyper::header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    let Some(key) = h.get(hyper::header::SEC_WEBSOCKET_KEY).map(|k| k.as_bytes().to_vec()) else {
        return status_error(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            "exec needs a WebSocket upgrade (no Sec-WebSocket-Key)",
        );
    };
    if !is_ws {
        return status_error(StatusCode::BAD_REQUEST, "BadRequest", "exec needs a WebSocket upgrade");
    }
    let offered: Vec<String> = h
        .get_all(hyper::header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_string())
        .collect();
    let proto = if !state.refuse_v5 && offered.iter().any(|p| p == V5) {
        V5
    } else if offered.iter().any(|p| p == V4) {
        V4
    } else {
        let msg = format!("none of the offered subprotocols {offered:?} is supported");
        return status_error(StatusCode::BAD_REQUEST, "BadRequest", &msg);
    };
    println!(
        "exec pod={} node={} protocol={proto} command={command:?}",
        pod.name, pod.node
    );
    let stdin = flag("stdin");
    let upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        let Ok(up) = upgrade.await else { return };
        let ws =
            tokio_tungstenite::WebSocketStream::from_raw_socket(hyper_util::rt::TokioIo::new(up), Role::Server, None)
                .await;
        if let Err(e) = run_exec(ws, &pod, &command, stdin, proto == V5).await {
            println!("exec pod={} ended: {e:#}", pod.name);
        }
    });
    let mut r = Response::new(Full::new(Bytes::new()));
    *r.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let hs = r.headers_mut();
    hs.insert(
        hyper::header::UPGRADE,
        hyper::header::HeaderValue::from_static("websocket"),
    );
    hs.insert(
        hyper::header::CONNECTION,
        hyper::header::HeaderValue::from_static("Upgrade"),
    );
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(&key);
    if let Ok(v) = hyper::header::HeaderValue::from_str(&accept) {
        hs.insert(hyper::header::SEC_WEBSOCKET_ACCEPT, v);
    }
    hs.insert(
        hyper::header::SEC_WEBSOCKET_PROTOCOL,
        hyper::header::HeaderValue::from_static(proto),
    );
    r
}

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const STATUS: u8 = 3;
/// v5: `[255, channel]` says the peer closed that channel.
const CLOSE: u8 = 255;

fn framed(channel: u8, data: &[u8]) -> Message {
    let mut v = Vec::with_capacity(data.len() + 1);
    v.push(channel);
    v.extend_from_slice(data);
    Message::binary(v)
}

/// The exec `Status` for an exit status, as the kubelet reports it.
pub fn exit_status(code: Option<i32>, signal: Option<i32>) -> Value {
    match (code, signal) {
        (Some(0), _) => json!({"metadata": {}, "status": "Success"}),
        (Some(c), _) => json!({
            "metadata": {}, "status": "Failure",
            "message": format!("command terminated with non-zero exit code: exit status {c}"),
            "reason": "NonZeroExitCode",
            "details": {"causes": [{"reason": "ExitCode", "message": c.to_string()}]}
        }),
        (None, s) => json!({
            "metadata": {}, "status": "Failure", "reason": "InternalError",
            "message": format!("command terminated by signal {}", s.unwrap_or(0))
        }),
    }
}

async fn run_exec<S>(
    ws: tokio_tungstenite::WebSocketStream<S>,
    pod: &Pod,
    command: &[String],
    stdin: bool,
    v5: bool,
) -> Result<()>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (mut tx, mut rx) = ws.split();
    let mut cmd = tokio::process::Command::new(pod.runs_on.join("run"));
    cmd.args(command)
        .stdin(if stdin {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            let st = json!({"metadata": {}, "status": "Failure", "reason": "InternalError",
                            "message": format!("exec: {:?}: {e}", command[0])});
            tx.send(framed(STATUS, st.to_string().as_bytes())).await?;
            tx.close().await?;
            return Ok(());
        }
    };
    let pid = child.id().map(|p| p as i32);
    let kill = move || {
        if let Some(p) = pid.and_then(rustix::process::Pid::from_raw) {
            let _ = rustix::process::kill_process_group(p, rustix::process::Signal::KILL);
        }
    };
    let mut child_in = child.stdin.take();
    let mut out = child.stdout.take().expect("stdout is piped");
    let mut err = child.stderr.take().expect("stderr is piped");
    let (mut obuf, mut ebuf) = (vec![0u8; 32 * 1024], vec![0u8; 8 * 1024]);
    let (mut out_open, mut err_open) = (true, true);
    while out_open || err_open {
        tokio::select! {
            n = out.read(&mut obuf), if out_open => match n {
                Ok(0) | Err(_) => out_open = false,
                Ok(n) => {
                    if tx.send(framed(STDOUT, &obuf[..n])).await.is_err() {
                        kill();
                        return Ok(());
                    }
                }
            },
            n = err.read(&mut ebuf), if err_open => match n {
                Ok(0) | Err(_) => err_open = false,
                Ok(n) => {
                    if tx.send(framed(STDERR, &ebuf[..n])).await.is_err() {
                        kill();
                        return Ok(());
                    }
                }
            },
            m = rx.next() => match m {
                Some(Ok(Message::Binary(b))) if b.len() >= 2 && b[0] == CLOSE && v5 => {
                    if b[1] == STDIN {
                        child_in = None;
                    }
                }
                Some(Ok(Message::Binary(b))) if !b.is_empty() && b[0] == STDIN => {
                    if let Some(w) = child_in.as_mut() {
                        if w.write_all(&b[1..]).await.is_err() {
                            child_in = None;
                        }
                    }
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => {
                    // The client went away (or hit its deadline): end the command, as the
                    // kubelet does when the stream breaks.
                    kill();
                    return Ok(());
                }
                Some(Ok(_)) => {}
            },
        }
    }
    drop(child_in);
    let st = child.wait().await?;
    use std::os::unix::process::ExitStatusExt;
    let status = exit_status(st.code(), st.signal());
    tx.send(framed(STATUS, status.to_string().as_bytes())).await?;
    let _ = tx.close().await;
    Ok(())
}

/// Start `cdbg lab apiserver` for the cluster in `dir` in the background (log in
/// `apiserver.log`), wait for its kubeconfig, and return the process.
pub fn start(dir: &Path) -> Result<super::marker::Server> {
    use std::os::unix::process::CommandExt;
    let exe = std::env::current_exe().context("finding the cdbg binary")?;
    let kubeconfig = dir.join("kubeconfig");
    let log = std::fs::File::create(dir.join("apiserver.log"))?;
    let mut cmd = std::process::Command::new(exe);
    cmd.args(["lab", "apiserver", "--dir"])
        .arg(dir)
        .arg("--kubeconfig")
        .arg(&kubeconfig)
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    // SAFETY: setsid is async-signal-safe; detaches the server from our terminal.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let child = cmd.spawn().context("starting the lab's stand-in API server")?;
    let server = super::marker::Server::of(child.id() as i32)?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if kubeconfig.exists() {
            return Ok(server);
        }
        if !server.alive() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = super::stop(server);
    let log = std::fs::read_to_string(dir.join("apiserver.log")).unwrap_or_default();
    bail!(
        "the lab's stand-in API server did not write {} within 10s; its output:\n{}",
        kubeconfig.display(),
        log.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_selectors_match_as_kubernetes_does() {
        let l = BTreeMap::from([
            ("k8s-app".to_string(), "cilium".to_string()),
            ("role".to_string(), String::new()),
        ]);
        assert_eq!(selector_matches("k8s-app=cilium", &l), Ok(true));
        assert_eq!(selector_matches("k8s-app==cilium,role", &l), Ok(true));
        assert_eq!(selector_matches("k8s-app!=cilium", &l), Ok(false));
        assert_eq!(selector_matches("!role", &l), Ok(false));
        assert_eq!(selector_matches("!other,k8s-app", &l), Ok(true));
        assert_eq!(selector_matches("", &l), Ok(true));
        assert!(selector_matches("k8s-app in (cilium)", &l).is_err());
    }

    #[test]
    fn queries_are_decoded_with_repeats() {
        let q = query(Some(
            "command=%2Ftmp%2Fcdbg&command=bpf&command=a+b&container=cilium-agent&stdout=true",
        ));
        let cmd: Vec<&str> = q
            .iter()
            .filter(|(k, _)| k == "command")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(cmd, ["/tmp/cdbg", "bpf", "a b"]);
    }

    #[test]
    fn exit_statuses_follow_the_kubelet() {
        assert_eq!(exit_status(Some(0), None)["status"], "Success");
        let s = exit_status(Some(2), None);
        assert_eq!(s["reason"], "NonZeroExitCode");
        assert_eq!(s["details"]["causes"][0]["message"], "2");
        assert_eq!(crate::fleet::kube::exit_code(&s), Ok(2));
        assert!(crate::fleet::kube::exit_code(&exit_status(None, Some(9))).is_err());
    }
}
