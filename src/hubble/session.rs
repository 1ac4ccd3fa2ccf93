//! The `observe` calls against a Hubble server (or a snapshot's saved flows): stream flows into the
//! printer, `hubble status` and `hubble list namespaces` (cilium/cilium hubble/cmd/observe,
//! hubble/cmd/status, hubble/cmd/list).

use std::io::Write;
use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};

use super::client::{Client, HubbleError, Server};
use super::printer::{self, Options, Printer, StatusOutput};
use super::proto::health::{health_check_response::ServingStatus, HealthCheckRequest};
use super::proto::observer::{
    GetFlowsRequest, GetFlowsResponse, GetNamespacesRequest, ServerStatusRequest, ServerStatusResponse,
};
use super::{protojson, OBSERVER_SERVICE_NAME};

/// Longest silence tolerated between streamed responses when not following.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// What a saved node answers in place of its Hubble server (`--from FILE`; implemented by
/// `crate::replay`, which the caller asks).
pub trait Saved: std::fmt::Debug {
    /// The saved flows, oldest first.
    fn flows(&self) -> Result<Vec<GetFlowsResponse>>;
    /// The saved health status, the server as given, and its status answer.
    fn status(&self) -> Result<(i32, String, ServerStatusResponse)>;
}

/// Where Hubble listens and how long to wait for it (`--server`, `--timeout`, `--request-timeout`),
/// or the saved node that stands in for it.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint<'a> {
    pub server: &'a str,
    pub timeout: Duration,
    pub request_timeout: Duration,
    pub saved: Option<&'a dyn Saved>,
}

async fn connect(e: &Endpoint<'_>) -> Result<Client, HubbleError> {
    let server = Server::parse(e.server)?;
    Client::connect(server, e.timeout, e.request_timeout).await
}

/// Print the flows `req` selects: from the snapshot being replayed, or streamed from the server
/// until it ends the stream, goes idle (unless following) or Ctrl-C.
pub async fn observe(e: &Endpoint<'_>, req: GetFlowsRequest, opts: Options, out: &mut dyn Write) -> Result<()> {
    if let Some(snap) = e.saved {
        // Replay: the saved flows through the server's selection and the same printer.
        let ring = snap.flows()?;
        let mut printer = Printer::new(out, opts);
        for r in super::matcher::history(&req, &ring) {
            printer.write_response(r)?;
        }
        printer.finish()?;
        return Ok(());
    }
    let follow = req.follow;
    let client = connect(e).await?;
    let mut printer = Printer::new(out, opts);
    let mut observer = client.observer();
    let mut stream = client
        .unary("observer.Observer/GetFlows", observer.get_flows(req))
        .await?;
    let mut received: u64 = 0;
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    loop {
        let next = async {
            if follow {
                Ok(stream.message().await)
            } else {
                tokio::time::timeout(IDLE_TIMEOUT, stream.message()).await
            }
        };
        let msg = tokio::select! {
            m = next => m,
            _ = &mut ctrl_c => break,
        };
        match msg {
            Err(_) => {
                printer.finish()?;
                return Err(HubbleError::Idle {
                    server: client.server.clone(),
                    after: IDLE_TIMEOUT,
                    received,
                }
                .into());
            }
            Ok(Ok(Some(r))) => {
                received += 1;
                printer.write_response(&r)?;
                if follow {
                    printer.finish()?;
                }
            }
            Ok(Ok(None)) => break,
            Ok(Err(status)) if status.code() == tonic::Code::Cancelled => break,
            Ok(Err(status)) => {
                printer.finish()?;
                if received == 0 && !follow {
                    return Err(HubbleError::Rpc {
                        server: client.server.clone(),
                        method: "observer.Observer/GetFlows",
                        status,
                    }
                    .into());
                }
                return Err(HubbleError::StreamBroken {
                    server: client.server.clone(),
                    received,
                    status,
                }
                .into());
            }
        }
    }
    printer.finish()?;
    Ok(())
}

/// The health line (compact output) and the "not healthy" error.
fn write_health(out: &mut dyn Write, output: &str, server: &str, status: i32) -> Result<()> {
    let serving = status == ServingStatus::Serving as i32;
    if output == "compact" {
        let st = if serving {
            "Ok".to_string()
        } else {
            let name =
                ServingStatus::try_from(status).map_or_else(|_| status.to_string(), |s| s.as_str_name().to_string());
            format!("Unavailable: {name}")
        };
        writeln!(out, "Healthcheck (via {server}): {st}")?;
    }
    if !serving {
        out.flush()?;
        bail!("not healthy");
    }
    Ok(())
}

/// `hubble status`: the health check, then the server status in `output` (compact, dict, json, table).
pub async fn status(e: &Endpoint<'_>, output: &str, out: &mut dyn Write) -> Result<()> {
    if let Some(snap) = e.saved {
        let (health, server, ss) = snap.status()?;
        write_health(out, output, &server, health)?;
        let o = StatusOutput::parse(output).map_err(|e| anyhow!(e))?;
        printer::write_status(out, o, &ss)?;
        return Ok(());
    }
    let client = connect(e).await?;
    let hc = client
        .unary(
            "grpc.health.v1.Health/Check",
            client.health().check(HealthCheckRequest {
                service: OBSERVER_SERVICE_NAME.to_string(),
            }),
        )
        .await
        .context("failed getting status")?;
    write_health(out, output, &client.server.to_string(), hc.status)?;
    let ss = client
        .unary(
            "observer.Observer/ServerStatus",
            client.observer().server_status(ServerStatusRequest {}),
        )
        .await
        .context("failed to get hubble server status")?;
    let o = StatusOutput::parse(output).map_err(|e| anyhow!(e))?;
    printer::write_status(out, o, &ss)?;
    Ok(())
}

/// `hubble list namespaces` in `output` (json, table, wide).
pub async fn namespaces(e: &Endpoint<'_>, output: &str, out: &mut dyn Write) -> Result<()> {
    let client = connect(e).await?;
    let res = client
        .unary(
            "observer.Observer/GetNamespaces",
            client.observer().get_namespaces(GetNamespacesRequest {}),
        )
        .await?;
    match output {
        "json" => {
            if res.namespaces.is_empty() {
                writeln!(out, "null")?;
            } else {
                let items: Vec<String> = res
                    .namespaces
                    .iter()
                    .map(|n| protojson::to_json(".observer.Namespace", n))
                    .collect();
                writeln!(out, "{}", protojson::indent(&format!("[{}]", items.join(","))))?;
            }
        }
        "table" | "wide" => {
            let wide = output == "wide";
            let mut tw = crate::output::table::tabwriter(&mut *out, 2, 3);
            writeln!(tw, "{}", if wide { "NAMESPACE\tCLUSTER" } else { "NAMESPACE" })?;
            for n in &res.namespaces {
                if wide && !n.cluster.is_empty() {
                    writeln!(tw, "{}\t{}", n.namespace, n.cluster)?;
                } else {
                    writeln!(tw, "{}", n.namespace)?;
                }
            }
            tw.flush()?;
        }
        other => bail!("unknown output format: {other}"),
    }
    Ok(())
}
