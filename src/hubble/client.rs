//! The Hubble gRPC client: `unix:///var/run/cilium/hubble.sock` (the agent's local socket, no
//! TLS) or `host:port` without TLS, with a connect timeout, a per-call timeout for unary RPCs, an
//! idle timeout between streamed messages, and HTTP/2 keep-alives for `--follow`. Every error
//! names the server and the likely fix.

use std::path::PathBuf;
use std::time::Duration;

use tonic::transport::{Channel, Endpoint};

use super::proto::health::health_client::HealthClient;
use super::proto::observer::observer_client::ObserverClient;

/// The agent's local Hubble socket.
pub const DEFAULT_SERVER: &str = "unix:///var/run/cilium/hubble.sock";
/// The Hubble CLI's `--timeout` (dialing) default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The Hubble CLI's `--request-timeout` default for unary calls.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(12);

/// Where the Hubble server listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Unix(PathBuf),
    Tcp(String),
}

/// A server address as given, and where it points.
#[derive(Debug, Clone)]
pub struct Server {
    /// Exactly as the user gave it (printed by `status`, like `conn.Target()`).
    pub given: String,
    pub target: Target,
}

impl std::fmt::Display for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.given)
    }
}

/// Why a Hubble call failed.
#[derive(Debug, thiserror::Error)]
pub enum HubbleError {
    #[error("invalid Hubble server address {0:?}: use unix:///path/to/hubble.sock or host:port")]
    BadServer(String),
    #[error("cannot use {0}: cdbg talks to Hubble without TLS (the agent's local socket, or a plaintext host:port)")]
    Tls(String),
    #[error("cannot connect to Hubble at {server}: {error}{}", connect_hint(error))]
    Connect { server: Server, error: std::io::Error },
    #[error("cannot connect to Hubble at {server}: no connection within {after:?} (--timeout)")]
    ConnectTimeout { server: Server, after: Duration },
    #[error("cannot connect to Hubble at {server}: {error}")]
    Transport {
        server: Server,
        error: tonic::transport::Error,
    },
    #[error("{}", rpc_message(server, method, status))]
    Rpc {
        server: Server,
        method: &'static str,
        status: tonic::Status,
    },
    #[error("Hubble at {server} did not answer {method} within {after:?} (--request-timeout): the agent may be overloaded or hung")]
    Timeout {
        server: Server,
        method: &'static str,
        after: Duration,
    },
    #[error(
        "Hubble at {server} sent nothing for {after:?} while streaming flows (after {received} responses); giving up"
    )]
    Idle {
        server: Server,
        after: Duration,
        received: u64,
    },
    #[error("the flow stream from {server} broke after {received} responses: {}: {} — the agent may have restarted or the connection was reset; run the command again", code_name(status.code()), status.message())]
    StreamBroken {
        server: Server,
        received: u64,
        status: tonic::Status,
    },
}

fn connect_hint(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            " (no socket there: is cilium-agent running with Hubble enabled (--enable-hubble)? Point --server or HUBBLE_SERVER elsewhere otherwise)"
        }
        std::io::ErrorKind::PermissionDenied => {
            " (permission denied: run as root or as a member of the socket's group, usually cilium)"
        }
        std::io::ErrorKind::ConnectionRefused => " (nobody is listening: is cilium-agent running?)",
        _ => "",
    }
}

/// The gRPC code as Go spells it.
pub fn code_name(c: tonic::Code) -> &'static str {
    use tonic::Code::*;
    match c {
        Ok => "OK",
        Cancelled => "Canceled",
        Unknown => "Unknown",
        InvalidArgument => "InvalidArgument",
        DeadlineExceeded => "DeadlineExceeded",
        NotFound => "NotFound",
        AlreadyExists => "AlreadyExists",
        PermissionDenied => "PermissionDenied",
        ResourceExhausted => "ResourceExhausted",
        FailedPrecondition => "FailedPrecondition",
        Aborted => "Aborted",
        OutOfRange => "OutOfRange",
        Unimplemented => "Unimplemented",
        Internal => "Internal",
        Unavailable => "Unavailable",
        DataLoss => "DataLoss",
        Unauthenticated => "Unauthenticated",
    }
}

fn rpc_message(server: &Server, method: &str, s: &tonic::Status) -> String {
    match s.code() {
        tonic::Code::Unimplemented => format!(
            "Hubble at {server} does not implement {method} (Unimplemented{}): the server is too old, is not a Hubble Observer, or the call exists only on Hubble Relay",
            if s.message().is_empty() { String::new() } else { format!(": {}", s.message()) }
        ),
        // The Hubble CLI prints the bare message of Unknown errors (e.g. invalid filters).
        tonic::Code::Unknown => s.message().to_string(),
        tonic::Code::Unavailable => format!(
            "Hubble at {server} is unavailable ({}): is cilium-agent running?",
            s.message()
        ),
        c => format!("rpc error: code = {} desc = {}", code_name(c), s.message()),
    }
}

impl Server {
    /// Resolve `--server` / `HUBBLE_SERVER` (default: the agent's local socket).
    pub fn parse(s: &str) -> Result<Server, HubbleError> {
        let given = s.to_string();
        if s.starts_with("tls://") || s.starts_with("https://") {
            return Err(HubbleError::Tls(given));
        }
        let target = if let Some(p) = s.strip_prefix("unix://") {
            if p.is_empty() {
                return Err(HubbleError::BadServer(given));
            }
            Target::Unix(PathBuf::from(p))
        } else if let Some(p) = s.strip_prefix("unix:") {
            Target::Unix(PathBuf::from(p))
        } else if s.starts_with('/') {
            Target::Unix(PathBuf::from(s))
        } else {
            let hp = s.strip_prefix("http://").unwrap_or(s);
            if hp.is_empty() || !hp.contains(':') || hp.contains('/') {
                return Err(HubbleError::BadServer(given));
            }
            Target::Tcp(hp.to_string())
        };
        Ok(Server { given, target })
    }
}

/// A connected client.
pub struct Client {
    pub server: Server,
    channel: Channel,
    pub request_timeout: Duration,
}

impl Client {
    /// Dial the server within `connect_timeout`.
    pub async fn connect(
        server: Server,
        connect_timeout: Duration,
        request_timeout: Duration,
    ) -> Result<Client, HubbleError> {
        let endpoint = match &server.target {
            Target::Unix(p) => {
                // Probe first: a plain connect gives the precise io error (missing socket,
                // permissions) that tonic's transport error would bury.
                match tokio::time::timeout(connect_timeout, tokio::net::UnixStream::connect(p)).await {
                    Err(_) => {
                        return Err(HubbleError::ConnectTimeout {
                            server,
                            after: connect_timeout,
                        })
                    }
                    Ok(Err(e)) => return Err(HubbleError::Connect { server, error: e }),
                    Ok(Ok(_)) => {}
                }
                Endpoint::from_shared(format!("unix://{}", p.display()))
            }
            Target::Tcp(hp) => Endpoint::from_shared(format!("http://{hp}")),
        }
        .map_err(|_| HubbleError::BadServer(server.given.clone()))?
        .connect_timeout(connect_timeout)
        .http2_keep_alive_interval(Duration::from_secs(30))
        .keep_alive_timeout(Duration::from_secs(20))
        .keep_alive_while_idle(true);
        let channel = match tokio::time::timeout(connect_timeout, endpoint.connect()).await {
            Err(_) => {
                return Err(HubbleError::ConnectTimeout {
                    server,
                    after: connect_timeout,
                })
            }
            Ok(Err(e)) => {
                if let Some(io) = find_io_error(&e) {
                    return Err(HubbleError::Connect {
                        server,
                        error: std::io::Error::new(io.kind(), io.to_string()),
                    });
                }
                return Err(HubbleError::Transport { server, error: e });
            }
            Ok(Ok(c)) => c,
        };
        Ok(Client {
            server,
            channel,
            request_timeout,
        })
    }

    pub fn observer(&self) -> ObserverClient<Channel> {
        ObserverClient::new(self.channel.clone()).max_decoding_message_size(64 << 20)
    }

    pub fn health(&self) -> HealthClient<Channel> {
        HealthClient::new(self.channel.clone())
    }

    /// Run a unary call with the request timeout.
    pub async fn unary<T, F>(&self, method: &'static str, fut: F) -> Result<T, HubbleError>
    where
        F: std::future::Future<Output = Result<tonic::Response<T>, tonic::Status>>,
    {
        match tokio::time::timeout(self.request_timeout, fut).await {
            Err(_) => Err(HubbleError::Timeout {
                server: self.server.clone(),
                method,
                after: self.request_timeout,
            }),
            Ok(Err(status)) => Err(HubbleError::Rpc {
                server: self.server.clone(),
                method,
                status,
            }),
            Ok(Ok(r)) => Ok(r.into_inner()),
        }
    }
}

fn find_io_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a std::io::Error> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        cur = c.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_addresses() {
        assert_eq!(
            Server::parse(DEFAULT_SERVER).unwrap().target,
            Target::Unix("/var/run/cilium/hubble.sock".into())
        );
        assert_eq!(
            Server::parse("localhost:4245").unwrap().target,
            Target::Tcp("localhost:4245".into())
        );
        assert!(matches!(Server::parse("tls://relay:443"), Err(HubbleError::Tls(_))));
        assert!(matches!(Server::parse("nonsense"), Err(HubbleError::BadServer(_))));
    }
}
