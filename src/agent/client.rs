//! HTTP/1.1 client for the agent API on `unix:///var/run/cilium/cilium.sock` (or `tcp://`), with a
//! connect timeout and a request timeout so a hung agent never hangs cdbg.

use std::path::PathBuf;
use std::time::Duration;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde::de::DeserializeOwned;

use crate::output::rawjson::JsonError;

/// The agent's default socket.
pub const DEFAULT_SOCKET: &str = "/var/run/cilium/cilium.sock";
/// cilium-health's default socket.
pub const DEFAULT_HEALTH_SOCKET: &str = "/var/run/cilium/health.sock";
/// cilium-dbg's client timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest response body cdbg reads unless `CDBG_API_MAX_BODY` says otherwise.
pub const DEFAULT_MAX_BODY: usize = 64 << 20;
/// Nesting deeper than this is refused, as Go's `encoding/json` decoder refuses it.
pub const MAX_JSON_DEPTH: usize = 10_000;

/// Where the agent listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Unix(PathBuf),
    Tcp(String),
    /// Answers saved in a snapshot (`--from FILE`).
    Snapshot(PathBuf),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Unix(p) => write!(f, "{}", p.display()),
            Target::Tcp(a) => write!(f, "tcp://{a}"),
            Target::Snapshot(p) => write!(f, "snapshot {}", p.display()),
        }
    }
}

/// Why an API call failed; every message names the socket and a likely cause.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error("invalid agent host {0:?}: use unix:///path/to/cilium.sock or tcp://host:port")]
    BadHost(String),
    #[error("cannot connect to the agent at {target}: {cause}{}", connect_hint(target, cause))]
    Connect { target: Target, cause: std::io::Error },
    #[error("the agent at {target} did not answer {path} within {after:?} (Cilium API client timeout exceeded): it may be overloaded or hung")]
    Timeout {
        target: Target,
        path: String,
        after: Duration,
    },
    #[error("the agent at {target} returned {status} for {path}: {body}")]
    Status {
        target: Target,
        path: String,
        status: u16,
        body: String,
    },
    #[error("the agent at {target} sent a response to {path} that cdbg cannot read: {cause}")]
    Decode {
        target: Target,
        path: String,
        cause: serde_json::Error,
    },
    #[error("the agent at {target} sent more than {} for {path}; cdbg stops reading there (set CDBG_API_MAX_BODY to raise the cap, e.g. CDBG_API_MAX_BODY=256MiB)", human_size(*limit))]
    TooLarge { target: Target, path: String, limit: usize },
    #[error("the agent at {target} sent a response to {path} that cdbg refuses to read: {cause}")]
    Refused {
        target: Target,
        path: String,
        cause: JsonError,
    },
    #[error("HTTP error talking to the agent at {target}: {cause}")]
    Http {
        target: Target,
        cause: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// `CILIUM_SOCK` (a path) or the default socket.
fn default_socket() -> PathBuf {
    match std::env::var_os("CILIUM_SOCK") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(DEFAULT_SOCKET),
    }
}

/// `CDBG_API_TIMEOUT` as a duration, if set and valid.
pub fn env_timeout() -> Option<Duration> {
    let v = std::env::var("CDBG_API_TIMEOUT").ok()?;
    match crate::gotime::positive_duration(&v) {
        Ok(d) => Some(d),
        // A typo must not silently mean "the default": say which value is used instead.
        Err(e) => {
            crate::output::notes::warn(format_args!("CDBG_API_TIMEOUT ignored, using the default timeout: {e}"));
            None
        }
    }
}

/// `CDBG_API_MAX_BODY` (bytes, or with a `KiB`/`MiB`/`GiB` suffix), else 64 MiB.
pub fn max_body() -> usize {
    std::env::var("CDBG_API_MAX_BODY")
        .ok()
        .and_then(|v| parse_size(&v))
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_MAX_BODY)
}

/// `1048576`, `512KiB`, `64MiB`, `1GiB` (also `K`, `M`, `G`, `KB`, `MB`, `GB`, all powers of 1024).
pub fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n: usize = s[..split].parse().ok()?;
    let shift = match s[split..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return None,
    };
    n.checked_mul(1usize << shift)
}

fn human_size(n: usize) -> String {
    match n {
        n if n >= 1 << 30 && n % (1 << 30) == 0 => format!("{} GiB", n >> 30),
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} bytes"),
    }
}

/// An error body as it may be printed: at most 500 characters, control characters escaped.
fn quote_body(body: &[u8]) -> String {
    let s: String = String::from_utf8_lossy(body).trim().chars().take(500).collect();
    crate::output::sanitize::text(&s).into_owned()
}

fn connect_hint(target: &Target, e: &std::io::Error) -> &'static str {
    if matches!(target, Target::Snapshot(_)) {
        return "";
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            " (no socket there: is cilium-agent running, and is -H/--host or CILIUM_HOST right?)"
        }
        std::io::ErrorKind::ConnectionRefused => " (nobody is listening: is cilium-agent running?)",
        std::io::ErrorKind::PermissionDenied => {
            " (permission denied: run as root or as a member of the socket's group)"
        }
        _ => "",
    }
}

impl AgentError {
    /// True when the agent could not be reached at all (as opposed to answering badly).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, AgentError::Connect { .. } | AgentError::Timeout { .. })
    }
}

/// A blocking-friendly agent API client.
#[derive(Debug, Clone)]
pub struct Client {
    pub target: Target,
    /// API base path: `/v1` for the agent, `/v1beta` for cilium-health.
    pub base: &'static str,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Bodies longer than this are refused (`CDBG_API_MAX_BODY`).
    pub max_body: usize,
}

impl Client {
    /// From `-H/--host` / `CILIUM_HOST` (`unix:///path`, `tcp://host:port`, or a bare path).
    pub fn from_host(host: Option<&str>) -> Result<Client, AgentError> {
        let replay = crate::replay::active();
        let target = match host {
            _ if replay.is_some() => Target::Snapshot(replay.map(|s| s.path.clone()).unwrap_or_default()),
            None | Some("") => Target::Unix(default_socket()),
            Some(h) => {
                if let Some(p) = h.strip_prefix("unix://") {
                    Target::Unix(p.into())
                } else if let Some(a) = h.strip_prefix("tcp://").or_else(|| h.strip_prefix("http://")) {
                    Target::Tcp(a.trim_end_matches('/').to_string())
                } else if h.starts_with('/') {
                    Target::Unix(h.into())
                } else {
                    return Err(AgentError::BadHost(h.into()));
                }
            }
        };
        Ok(Client {
            target,
            base: "/v1",
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_body: max_body(),
        })
    }

    /// The client commands use: `-H/--host` (or `CILIUM_HOST`, `CILIUM_SOCK`), with the request
    /// timeout from `CDBG_API_TIMEOUT` (a Go duration such as `5s`) when set.
    pub fn for_commands(host: Option<&str>) -> Result<Client, AgentError> {
        Client::for_commands_or(host, DEFAULT_TIMEOUT)
    }

    /// As `for_commands`, with `default` as the timeout when `CDBG_API_TIMEOUT` is not set.
    pub fn for_commands_or(host: Option<&str>, default: Duration) -> Result<Client, AgentError> {
        let c = Client::from_host(host)?;
        Ok(c.with_timeout(env_timeout().unwrap_or(default)))
    }

    /// The cilium-health API client: `CILIUM_HEALTH_SOCK`, else `health.sock` beside the agent's
    /// unix socket (the agent's defaults put both in /var/run/cilium).
    pub fn health(&self) -> Client {
        if let Target::Snapshot(_) = &self.target {
            return Client {
                base: "/v1beta",
                ..self.clone()
            };
        }
        let path = match std::env::var_os("CILIUM_HEALTH_SOCK") {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => match &self.target {
                Target::Unix(p) => p.with_file_name("health.sock"),
                Target::Tcp(_) | Target::Snapshot(_) => PathBuf::from(DEFAULT_HEALTH_SOCKET),
            },
        };
        Client {
            target: Target::Unix(path),
            base: "/v1beta",
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            max_body: self.max_body,
        }
    }

    /// GET and return the body of a 2xx answer (non-2xx is an error that quotes the body).
    pub fn get_raw(&self, path: &str) -> Result<Bytes, AgentError> {
        self.get_raw_with(path, &[])
    }

    pub fn get_raw_with(&self, path: &str, headers: &[(&str, &str)]) -> Result<Bytes, AgentError> {
        let (status, body) = self.get(path, headers)?;
        if !(200..300).contains(&status) {
            return Err(AgentError::Status {
                target: self.target.clone(),
                path: format!("{}{path}", self.base),
                status,
                body: quote_body(&body),
            });
        }
        Ok(body)
    }

    /// Set the request timeout; connecting never waits longer than it either.
    pub fn with_timeout(mut self, timeout: Duration) -> Client {
        self.timeout = timeout;
        self.connect_timeout = DEFAULT_CONNECT_TIMEOUT.min(timeout);
        self
    }

    /// GET `/v1{path}` and return status and body. Runs its own current-thread runtime.
    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Result<(u16, Bytes), AgentError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| AgentError::Http {
                target: self.target.clone(),
                cause: Box::new(e),
            })?;
        rt.block_on(self.get_async(path, headers))
    }

    /// GET `/v1{path}` and decode the JSON body; non-2xx is an error.
    pub fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, AgentError> {
        let (status, body) = self.get(path, &[])?;
        self.decode(path, status, &body)
    }

    /// Decode a JSON body, turning non-2xx statuses into errors.
    pub fn decode<T: DeserializeOwned>(&self, path: &str, status: u16, body: &[u8]) -> Result<T, AgentError> {
        if !(200..300).contains(&status) {
            return Err(AgentError::Status {
                target: self.target.clone(),
                path: format!("{}{path}", self.base),
                status,
                body: quote_body(body),
            });
        }
        // Refuse what Go's decoder refuses (deeper than 10,000) without recursing; syntax errors
        // are left to serde_json, whose messages say line and column.
        if let Err(cause @ JsonError::TooDeep { .. }) = crate::output::rawjson::check(body, MAX_JSON_DEPTH) {
            return Err(AgentError::Refused {
                target: self.target.clone(),
                path: format!("{}{path}", self.base),
                cause,
            });
        }
        serde_json::from_slice(body).map_err(|cause| AgentError::Decode {
            target: self.target.clone(),
            path: format!("{}{path}", self.base),
            cause,
        })
    }

    pub async fn get_async(&self, path: &str, headers: &[(&str, &str)]) -> Result<(u16, Bytes), AgentError> {
        if let Target::Snapshot(_) = &self.target {
            return self.saved(path, headers);
        }
        let full = format!("{}{path}", self.base);
        let t = self.target.clone();
        let timeout = |after| AgentError::Timeout {
            target: t.clone(),
            path: full.clone(),
            after,
        };
        let http = |e: Box<dyn std::error::Error + Send + Sync>| AgentError::Http {
            target: self.target.clone(),
            cause: e,
        };
        let mut tx = match tokio::time::timeout(self.connect_timeout, self.connect()).await {
            Err(_) => return Err(timeout(self.connect_timeout)),
            Ok(r) => r?,
        };
        let mut req = hyper::Request::get(&full).header(hyper::header::HOST, "localhost");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(Empty::<Bytes>::new()).map_err(|e| http(Box::new(e)))?;
        let too_large = || AgentError::TooLarge {
            target: self.target.clone(),
            path: full.clone(),
            limit: self.max_body,
        };
        let work = async {
            let resp = tx.send_request(req).await.map_err(|e| http(Box::new(e)))?;
            let status = resp.status().as_u16();
            let announced = resp
                .headers()
                .get(hyper::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
            if announced.is_some_and(|n| n > self.max_body as u64) {
                return Err(too_large());
            }
            // Read frame by frame so a body past the cap is refused before it is all in memory.
            let mut body = Vec::with_capacity(announced.map_or(0, |n| n as usize));
            let mut stream = resp.into_body();
            while let Some(frame) = stream.frame().await {
                let frame = frame.map_err(|e| http(Box::new(e)))?;
                if let Some(data) = frame.data_ref() {
                    if body.len() + data.len() > self.max_body {
                        return Err(too_large());
                    }
                    body.extend_from_slice(data);
                }
            }
            Ok::<_, AgentError>((status, Bytes::from(body)))
        };
        match tokio::time::timeout(self.timeout, work).await {
            Err(_) => Err(timeout(self.timeout)),
            Ok(r) => r,
        }
    }

    /// A saved answer; one the agent did not give at save time fails as an agent that is down.
    fn saved(&self, path: &str, headers: &[(&str, &str)]) -> Result<(u16, Bytes), AgentError> {
        let snap = crate::replay::active();
        match snap.and_then(|s| s.agent_answer(self.base, path, headers)) {
            Some((status, body)) => Ok((status, Bytes::from(body))),
            None => Err(AgentError::Connect {
                target: self.target.clone(),
                cause: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!(
                        "it holds no answer for {}{path} (the agent did not give one when the snapshot was saved)",
                        self.base
                    ),
                ),
            }),
        }
    }

    async fn connect(&self) -> Result<hyper::client::conn::http1::SendRequest<Empty<Bytes>>, AgentError> {
        let err = |cause| AgentError::Connect {
            target: self.target.clone(),
            cause,
        };
        let http = |e: hyper::Error| AgentError::Http {
            target: self.target.clone(),
            cause: Box::new(e),
        };
        match &self.target {
            Target::Unix(p) => {
                let s = tokio::net::UnixStream::connect(p).await.map_err(err)?;
                let (tx, conn) = hyper::client::conn::http1::handshake(TokioIo::new(s))
                    .await
                    .map_err(http)?;
                tokio::spawn(async move {
                    let _ = conn.await;
                });
                Ok(tx)
            }
            Target::Snapshot(_) => Err(err(std::io::ErrorKind::Unsupported.into())),
            Target::Tcp(a) => {
                let s = tokio::net::TcpStream::connect(a.as_str()).await.map_err(err)?;
                let (tx, conn) = hyper::client::conn::http1::handshake(TokioIo::new(s))
                    .await
                    .map_err(http)?;
                tokio::spawn(async move {
                    let _ = conn.await;
                });
                Ok(tx)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            Client::from_host(None).unwrap().target,
            Target::Unix(DEFAULT_SOCKET.into())
        );
        assert_eq!(
            Client::from_host(Some("unix:///tmp/x.sock")).unwrap().target,
            Target::Unix("/tmp/x.sock".into())
        );
        assert_eq!(
            Client::from_host(Some("tcp://127.0.0.1:9234")).unwrap().target,
            Target::Tcp("127.0.0.1:9234".into())
        );
        assert!(Client::from_host(Some("ftp://x")).is_err());
    }

    #[test]
    fn missing_socket_names_path_and_cause() {
        let c = Client::from_host(Some("unix:///nonexistent/cilium.sock")).unwrap();
        let e = c.get("/healthz", &[]).unwrap_err();
        let s = e.to_string();
        assert!(s.contains("/nonexistent/cilium.sock"), "{s}");
        assert!(s.contains("is cilium-agent running"), "{s}");
        assert!(e.is_unreachable());
    }

    #[test]
    fn hung_agent_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let sock = dir.path().join("hang.sock");
        let _l = std::os::unix::net::UnixListener::bind(&sock).unwrap(); // accepts (backlog) but never answers
        let c = Client::from_host(Some(&format!("unix://{}", sock.display())))
            .unwrap()
            .with_timeout(Duration::from_millis(300));
        let e = c.get("/healthz", &[]).unwrap_err();
        assert!(matches!(e, AgentError::Timeout { .. }), "{e}");
    }
}
