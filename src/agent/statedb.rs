//! The agent's StateDB query API on cilium.sock (`GET /statedb/query` with a JSON body, outside
//! `/v1`), used by `status` for the `health` table ("Modules Health").

use std::time::Duration;

use anyhow::{bail, Context, Result};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use serde::Deserialize;

use super::client::{Client, Target};

/// One row of the agent's `health` table (pkg/hive/health/types `Status`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct HealthStatus {
    #[serde(rename = "ID")]
    pub id: HealthId,
    pub level: String,
    pub message: String,
    /// RFC 3339 (Go `time.Time`).
    pub updated: String,
    pub count: u64,
}

/// `types.Identifier`: module ID parts, then component parts (either may be null).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct HealthId {
    pub module: Option<Vec<String>>,
    pub component: Option<Vec<String>>,
}

impl HealthId {
    /// `Identifier.String()`: the module parts, then the component parts, joined with `.`.
    pub fn path(&self) -> String {
        let mut parts: Vec<&str> = self.module.iter().flatten().map(String::as_str).collect();
        parts.extend(self.component.iter().flatten().map(String::as_str));
        parts.join(".")
    }
}

/// One line of the query stream (statedb `QueryResponse`).
#[derive(Debug, Deserialize)]
struct Line {
    #[serde(default)]
    obj: Option<HealthStatus>,
    #[serde(default)]
    err: String,
}

/// The request cilium-dbg sends: table `health`, primary index, lower bound `agent` (base64).
pub const HEALTH_QUERY: &str = r#"{"key":"YWdlbnQ=","table":"health","index":"identifier","lowerbound":true}"#;

/// The key the health table's answer has in a snapshot (outside `/v1`, the query as a header).
pub fn saved_key() -> String {
    crate::replay::request_key("", "/statedb/query", &[("query", HEALTH_QUERY)])
}

/// Read the agent's health table (from the snapshot when replaying).
pub fn health(client: &Client) -> Result<Vec<HealthStatus>> {
    let body = health_raw(client)?;
    parse_health(&body)
}

/// The health table's raw answer (the query stream), as `snapshot save` keeps it.
pub fn health_raw(client: &Client) -> Result<Vec<u8>> {
    if let Target::Snapshot(p) = &client.target {
        let saved =
            crate::replay::active().and_then(|s| s.agent_answer("", "/statedb/query", &[("query", HEALTH_QUERY)]));
        return match saved {
            Some((200, body)) => Ok(body),
            Some((st, body)) => bail!(
                "GET /statedb/query on snapshot {}: HTTP {st}: {}",
                p.display(),
                String::from_utf8_lossy(&body).trim()
            ),
            None => bail!(
                "the snapshot {} holds no statedb health table (the agent did not give it when the snapshot \
                 was saved)",
                p.display()
            ),
        };
    }
    get_with_body(client, "/statedb/query", HEALTH_QUERY)
}

/// Decode the newline-separated query answer.
pub fn parse_health(body: &[u8]) -> Result<Vec<HealthStatus>> {
    let mut out = Vec::new();
    for line in serde_json::Deserializer::from_slice(body).into_iter::<Line>() {
        let line = line.context("statedb health query: malformed answer")?;
        if !line.err.is_empty() {
            bail!("statedb health query: {}", line.err);
        }
        out.extend(line.obj);
    }
    Ok(out)
}

/// GET with a JSON body (the statedb API reads the query from the body), under the client's
/// connect and request timeouts and body cap.
fn get_with_body(client: &Client, path: &str, body: &str) -> Result<Vec<u8>> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let target = client.target.clone();
    let work = async {
        let req = hyper::Request::get(path)
            .header(hyper::header::HOST, "localhost")
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .body(Full::new(Bytes::from(body.to_string())))?;
        let resp = match &target {
            Target::Unix(p) => {
                let s = tokio::net::UnixStream::connect(p).await?;
                send(TokioIo::new(s), req).await?
            }
            Target::Tcp(a) => {
                let s = tokio::net::TcpStream::connect(a.as_str()).await?;
                send(TokioIo::new(s), req).await?
            }
            Target::Snapshot(p) => bail!("the snapshot {} holds no statedb health table", p.display()),
        };
        let status = resp.status().as_u16();
        let mut out = Vec::new();
        let mut stream = resp.into_body();
        while let Some(frame) = stream.frame().await {
            if let Some(d) = frame?.data_ref() {
                if out.len() + d.len() > client.max_body {
                    bail!("answer larger than {} bytes", client.max_body);
                }
                out.extend_from_slice(d);
            }
        }
        if !(200..300).contains(&status) {
            bail!("HTTP {status}: {}", String::from_utf8_lossy(&out).trim());
        }
        Ok(out)
    };
    let limit = client.timeout + client.connect_timeout.min(Duration::from_secs(5));
    rt.block_on(async { tokio::time::timeout(limit, work).await })
        .map_err(|_| anyhow::anyhow!("timed out after {limit:?}"))?
        .with_context(|| format!("GET {path} on {target}"))
}

async fn send<T>(io: TokioIo<T>, req: hyper::Request<Full<Bytes>>) -> Result<hyper::Response<hyper::body::Incoming>>
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (mut tx, conn) = hyper::client::conn::http1::handshake(io).await?;
    tokio::spawn(async move {
        let _ = conn.await;
    });
    Ok(tx.send_request(req).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_query_stream() {
        let body = concat!(
            r#"{"rev":12,"obj":{"ID":{"Module":["agent","controlplane","auth"],"Component":["timer-job-auth-gc-cleanup"]},"Level":"OK","Message":"OK","Error":"","LastOK":"2025-07-20T08:00:00Z","Updated":"2025-07-20T08:00:00Z","Stopped":"0001-01-01T00:00:00Z","Final":"","Count":1}}"#,
            "\n",
            r#"{"rev":13,"obj":{"ID":{"Module":["agent","infra"],"Component":null},"Level":"Stopped","Message":"done","Updated":"2025-07-20T08:00:00Z","Count":2}}"#,
            "\n"
        );
        let v = parse_health(body.as_bytes()).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].id.path(), "agent.controlplane.auth.timer-job-auth-gc-cleanup");
        assert_eq!(v[1].id.path(), "agent.infra");
        assert_eq!(v[1].level, "Stopped");
        assert!(parse_health(br#"{"rev":0,"obj":null,"err":"Table \"health\" not found"}"#).is_err());
    }
}
