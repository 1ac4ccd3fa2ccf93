//! `observe`: Hubble flows from the node's hubble socket, with `hubble observe`'s flags, request
//! building and printers (cilium/cilium hubble/cmd/observe/flows.go); `observe status` is
//! `hubble status` and `observe namespaces` is `hubble list namespaces`.

use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use clap::{ArgAction, ArgMatches, Args as ClapArgs, Subcommand};

use crate::cli::Ctx;
use crate::hubble::client::{self, Client, HubbleError, Server};
use crate::hubble::filter::{self, Builder};
use crate::hubble::printer::{self, Options, Output, Printer, StatusOutput, TimeFormat};
use crate::hubble::proto::health::{health_check_response::ServingStatus, HealthCheckRequest};
use crate::hubble::proto::observer::{GetFlowsRequest, GetNamespacesRequest, ServerStatusRequest};
use crate::hubble::{protojson, OBSERVER_SERVICE_NAME};

/// Flows printed when no selector is given (`FlowPrintCount`).
const DEFAULT_COUNT: u64 = 20;
/// Longest silence tolerated between streamed responses when not following.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug, ClapArgs)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub cmd: Option<Sub>,
    #[command(flatten)]
    pub server: ServerArgs,
    // Boxed: the flag set is large and Command's variants should stay small.
    #[command(flatten)]
    pub flows: Box<FlowArgs>,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Display status of the Hubble server (health check, then flows, rate, uptime, version)
    Status(StatusArgs),
    /// List namespaces with recent flows
    Namespaces(NamespacesArgs),
}

/// Where Hubble listens (`hubble` server flags).
#[derive(Debug, Clone, ClapArgs)]
pub struct ServerArgs {
    /// Address of a Hubble server: unix:///path/to/hubble.sock or host:port (no TLS)
    #[arg(long, global = true, env = "HUBBLE_SERVER", default_value = client::DEFAULT_SERVER, value_name = "string")]
    pub server: String,
    /// Hubble server dialing timeout (Go duration, e.g. 5s)
    #[arg(long, global = true, default_value = "5s", value_name = "duration", value_parser = parse_duration_arg)]
    pub timeout: Duration,
    /// Timeout of unary calls (status, namespaces) and of the first response of a flow stream
    #[arg(long, global = true, default_value = "12s", value_name = "duration", value_parser = parse_duration_arg)]
    pub request_timeout: Duration,
}

#[derive(Debug, ClapArgs)]
pub struct FlowArgs {
    // Selectors.
    /// Get last N flows stored in Hubble's buffer
    #[arg(
        long,
        value_name = "uint",
        default_value_t = 0,
        hide_default_value = true,
        help_heading = "Selectors"
    )]
    pub last: u64,
    /// Get first N flows stored in Hubble's buffer
    #[arg(
        long,
        value_name = "uint",
        default_value_t = 0,
        hide_default_value = true,
        help_heading = "Selectors"
    )]
    pub first: u64,
    /// Get all flows stored in Hubble's buffer
    #[arg(long, help_heading = "Selectors")]
    pub all: bool,
    /// Follow flows output
    #[arg(short = 'f', long, help_heading = "Selectors")]
    pub follow: bool,
    /// Filter flows since a specific date: RFC 3339 or relative (e.g. 3s, 4m, 1h)
    #[arg(long, value_name = "string", help_heading = "Selectors")]
    pub since: Option<String>,
    /// Filter flows until a specific date: RFC 3339 or relative (e.g. 3s, 4m, 1h)
    #[arg(long, value_name = "string", help_heading = "Selectors")]
    pub until: Option<String>,

    // Filters (applied by the server; order matters for --not).
    /// Reverses the next filter to be blacklist i.e. --not --from-ip 2.2.2.2
    #[arg(long, action = ArgAction::Count, help_heading = "Filters")]
    pub not: u8,
    /// Show the only flow matching this unique flow identifier, if any
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub uuid: Vec<String>,
    /// Show all flows which match the given node names (e.g. "k8s*", "test-cluster/*.company.com")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub node_name: Vec<String>,
    /// Show only flows observed on nodes matching the given label filter
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub node_label: Vec<String>,
    /// Show all flows originating from endpoints known to be in the given cluster name
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_cluster: Vec<String>,
    /// Show all flows which match the cluster names (e.g. "test-cluster", "prod-*")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub cluster: Vec<String>,
    /// Show all flows destined to endpoints known to be in the given cluster name
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_cluster: Vec<String>,
    /// Show only flows which match the given L4/L7 flow protocol (e.g. "udp", "http")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub protocol: Vec<String>,
    /// Show only flows which match the given TCP flags (e.g. "syn", "ack", "fin")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub tcp_flags: Vec<String>,
    /// Filter by event types TYPE[:SUBTYPE] (capture, drop, l7, policy-verdict, trace[:to-endpoint|from-endpoint|...], trace-sock)
    #[arg(short = 't', long = "type", value_name = "filter", help_heading = "Filters")]
    pub r#type: Vec<String>,
    /// Show only flows with this verdict [FORWARDED, DROPPED, AUDIT, REDIRECTED, ERROR, TRACED, TRANSLATED]
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub verdict: Vec<String>,
    /// Show only flows which match this drop reason describe (e.g. "POLICY_DENIED", "UNSUPPORTED_L3_PROTOCOL")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub drop_reason_desc: Vec<String>,
    /// Show only flows which match this HTTP status code prefix (e.g. "404", "5+")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub http_status: Vec<String>,
    /// Show only flows which match this HTTP method (e.g. "get", "post")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub http_method: Vec<String>,
    /// Show only flows which match this HTTP path regular expressions (e.g. "/page/\\d+")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub http_path: Vec<String>,
    /// Show only flows which match this HTTP URL regular expressions
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub http_url: Vec<String>,
    /// Show only flows which match this trace ID
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub trace_id: Vec<String>,
    /// Show all flows originating at the given fully qualified domain name (e.g. "*.cilium.io")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_fqdn: Vec<String>,
    /// Show all flows related to the given fully qualified domain name (e.g. "*.cilium.io")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub fqdn: Vec<String>,
    /// Show all flows terminating at the given fully qualified domain name (e.g. "*.cilium.io")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_fqdn: Vec<String>,
    /// Show all flows originating at the given IP address or CIDR (e.g. 1.1.1.1, 1.1.1.0/24)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_ip: Vec<String>,
    /// Show all flows SNATed with the given IP address or CIDR
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub snat_ip: Vec<String>,
    /// Show all flows originating or terminating at the given IP address or CIDR
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub ip: Vec<String>,
    /// Show all flows terminating at the given IP address or CIDR
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_ip: Vec<String>,
    /// Show only IPv4 flows
    #[arg(short = '4', long, action = ArgAction::Count, help_heading = "Filters")]
    pub ipv4: u8,
    /// Show only IPv6 flows
    #[arg(short = '6', long, action = ArgAction::Count, help_heading = "Filters")]
    pub ipv6: u8,
    /// Show only IPv4, IPv6 flows or non IP flows (e.g. ARP packets) (ie: "none", "v4", "v6")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub ip_version: Vec<String>,
    /// Show all flows originating in the given pod name prefix ([namespace/]<pod-name>); namespace default if not given
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_pod: Vec<String>,
    /// Show all flows related to the given pod name prefix ([namespace/]<pod-name>); namespace default if not given
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub pod: Vec<String>,
    /// Show all flows terminating in the given pod name prefix ([namespace/]<pod-name>); namespace default if not given
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_pod: Vec<String>,
    /// Show all flows originating in the given Kubernetes namespace
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_namespace: Vec<String>,
    /// Show all flows related to the given Kubernetes namespace
    #[arg(short = 'n', long, value_name = "filter", help_heading = "Filters")]
    pub namespace: Vec<String>,
    /// Show all flows terminating in the given Kubernetes namespace
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_namespace: Vec<String>,
    /// Show flows originating in any Kubernetes namespace
    #[arg(long, action = ArgAction::Count, help_heading = "Filters")]
    pub from_all_namespaces: u8,
    /// Show all flows in any Kubernetes namespace
    #[arg(short = 'A', long, action = ArgAction::Count, help_heading = "Filters")]
    pub all_namespaces: u8,
    /// Show flows terminating in any Kubernetes namespace
    #[arg(long, action = ArgAction::Count, help_heading = "Filters")]
    pub to_all_namespaces: u8,
    /// Show only flows originating in an endpoint with the given labels (e.g. "key1=value1", "reserved:world")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_label: Vec<String>,
    /// Show only flows related to an endpoint with the given labels (e.g. "key1=value1", "reserved:world")
    #[arg(short = 'l', long, value_name = "filter", help_heading = "Filters")]
    pub label: Vec<String>,
    /// Show only flows terminating in an endpoint with given labels (e.g. "key1=value1", "reserved:world")
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_label: Vec<String>,
    /// Shows flows whose source matches the given service name prefix ([namespace/]<svc-name>)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_service: Vec<String>,
    /// Shows flows whose source or destination matches the given service name prefix ([namespace/]<svc-name>)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub service: Vec<String>,
    /// Shows flows whose destination matches the given service name prefix ([namespace/]<svc-name>)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_service: Vec<String>,
    /// Show only flows with the given source port (e.g. 8080)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_port: Vec<String>,
    /// Show only flows with given port in either source or destination (e.g. 8080)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub port: Vec<String>,
    /// Show only flows with the given destination port (e.g. 8080)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_port: Vec<String>,
    /// Show all flows originating at an endpoint with the given workload
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_workload: Vec<String>,
    /// Show all flows related to an endpoint with the given workload
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub workload: Vec<String>,
    /// Show all flows terminating at an endpoint with the given workload
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_workload: Vec<String>,
    /// Show all flows originating at an endpoint with the given security identity
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub from_identity: Vec<String>,
    /// Show all flows related to an endpoint with the given security identity
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub identity: Vec<String>,
    /// Show all flows terminating at an endpoint with the given security identity
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub to_identity: Vec<String>,
    /// Show all flows in the given traffic direction (either ingress or egress)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub traffic_direction: Vec<String>,
    /// Show all flows observed at the given interface name (e.g. eth0)
    #[arg(long, value_name = "filter", help_heading = "Filters")]
    pub interface: Vec<String>,
    /// Show only encrypted flows
    #[arg(long, action = ArgAction::Count, help_heading = "Filters")]
    pub encrypted: u8,
    /// Show only unencrypted flows
    #[arg(long, action = ArgAction::Count, help_heading = "Filters")]
    pub unencrypted: u8,

    // Formatting.
    /// Specify the output format, one of: compact, dict, json, jsonpb, table
    #[arg(
        short = 'o',
        long,
        default_value = "compact",
        value_name = "string",
        help_heading = "Formatting"
    )]
    pub output: String,
    /// Print the node name in each output line
    #[arg(long, help_heading = "Formatting")]
    pub print_node_name: bool,
    /// Display all information in numeric form (no pod or service names)
    #[arg(long, help_heading = "Formatting")]
    pub numeric: bool,
    /// Translate IP addresses to logical names such as pod name, FQDN, ...
    #[arg(long, default_value_t = true, action = ArgAction::Set, num_args = 0..=1, default_missing_value = "true", value_name = "bool", help_heading = "Formatting")]
    pub ip_translation: bool,
    /// Time format: StampMilli, RFC3339, RFC3339Milli, RFC3339Micro, RFC3339Nano, RFC1123Z
    #[arg(
        long,
        default_value = "StampMilli",
        value_name = "string",
        help_heading = "Formatting"
    )]
    pub time_format: String,
    /// Accepted for compatibility; cdbg never colours its output
    #[arg(long, default_value = "auto", value_name = "string", help_heading = "Formatting")]
    pub color: String,
}

#[derive(Debug, ClapArgs)]
pub struct StatusArgs {
    /// Output format: compact, dict, json, table
    #[arg(short = 'o', long, default_value = "compact", value_name = "string")]
    pub output: String,
}

#[derive(Debug, ClapArgs)]
pub struct NamespacesArgs {
    /// Output format: json, table, wide
    #[arg(short = 'o', long, default_value = "table", value_name = "string")]
    pub output: String,
}

fn parse_duration_arg(s: &str) -> Result<Duration, String> {
    parse_go_duration(s).ok_or_else(|| format!("time: invalid duration {s:?}"))
}

/// Go `time.ParseDuration` for non-negative values (negative ones are refused here).
pub fn parse_go_duration(s: &str) -> Option<Duration> {
    let ns = crate::gotime::parse_duration(s).ok()?;
    u64::try_from(ns).ok().map(Duration::from_nanos)
}

/// `--since`/`--until`: a duration ago, or an RFC 3339 time (also without zone = UTC, or a date).
pub fn parse_time(s: &str, now: SystemTime) -> Option<prost_types::Timestamp> {
    if let Some(d) = parse_go_duration(s) {
        let t = now.checked_sub(d)?.duration_since(UNIX_EPOCH).ok()?;
        return Some(prost_types::Timestamp {
            seconds: t.as_secs() as i64,
            nanos: t.subsec_nanos() as i32,
        });
    }
    let (seconds, nanos) = crate::gotime::parse_time_utc(s)?;
    Some(prost_types::Timestamp {
        seconds,
        nanos: nanos as i32,
    })
}

/// The filter flags in command-line order, from the parsed command line.
fn ordered_filter_flags() -> Result<Vec<(String, String)>> {
    let m = crate::cli::command("cdbg")
        .try_get_matches_from(std::env::args_os())
        .map_err(|e| anyhow!("re-reading the command line: {e}"))?;
    let Some(m) = find_observe(&m) else {
        bail!("re-reading the command line: no observe command found");
    };
    Ok(collect_filters(m))
}

fn find_observe(m: &ArgMatches) -> Option<&ArgMatches> {
    match m.subcommand() {
        Some(("observe", sm)) => Some(sm),
        _ => None,
    }
}

fn collect_filters(m: &ArgMatches) -> Vec<(String, String)> {
    let mut items: Vec<(usize, String, String)> = Vec::new();
    for (name, _) in filter::FLAGS {
        let id = name.replace('-', "_");
        let Some(idx) = m.indices_of(&id) else {
            continue;
        };
        let idx: Vec<usize> = idx.collect();
        match m.try_get_many::<String>(&id) {
            Ok(Some(vals)) => {
                for (i, v) in idx.iter().zip(vals) {
                    items.push((*i, (*name).to_string(), v.clone()));
                }
            }
            _ => {
                // Counted flags (--not, -4, -A, ...): one occurrence per index.
                if m.value_source(&id) == Some(clap::parser::ValueSource::CommandLine) {
                    let value = match *name {
                        "ipv4" => "v4",
                        "ipv6" => "v6",
                        _ => "true",
                    };
                    for i in idx {
                        items.push((i, (*name).to_string(), value.to_string()));
                    }
                }
            }
        }
    }
    items.sort_by_key(|(i, _, _)| *i);
    items.into_iter().map(|(_, n, v)| (n, v)).collect()
}

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    match args.cmd {
        Some(Sub::Status(s)) => rt.block_on(status(&args.server, s, out)),
        Some(Sub::Namespaces(n)) => rt.block_on(namespaces(&args.server, n, out)),
        None => {
            let flags = ordered_filter_flags()?;
            rt.block_on(observe(ctx, &args.server, &args.flows, &flags, out))
        }
    }
}

/// Build the GetFlowsRequest and printer options, with the Hubble CLI's checks in its order.
pub fn build_request(a: &FlowArgs, flags: &[(String, String)], now: SystemTime) -> Result<(GetFlowsRequest, Options)> {
    let mut b = Builder::default();
    for (n, v) in flags {
        b.set(n, v).map_err(|e| anyhow!(e))?;
    }
    let filters = b.finish().map_err(|e| anyhow!(e))?;
    let output = Output::parse(&a.output).map_err(|e| anyhow!(e))?;
    if output == Output::Table && a.follow {
        bail!("table output format is not compatible with follow mode");
    }
    let time_format = TimeFormat::parse(&a.time_format).map_err(|e| anyhow!(e))?;
    let (first, last) = (a.first > 0, a.last > 0);
    if first && last {
        bail!("cannot set both --first and --last");
    }
    if first && a.all {
        bail!("cannot set both --first and --all");
    }
    if first && a.follow {
        bail!("cannot set both --first and --follow");
    }
    if last && a.all {
        bail!("cannot set both --last and --all");
    }
    let since = match &a.since {
        Some(s) => Some(parse_time(s, now).ok_or_else(|| {
            anyhow!("failed to parse the since time: {s:?} is neither a duration (e.g. 5m) nor an RFC 3339 time")
        })?),
        None => None,
    };
    let until = match &a.until {
        Some(s) if !a.follow => Some(parse_time(s, now).ok_or_else(|| {
            anyhow!("failed to parse the until time: {s:?} is neither a duration (e.g. 5m) nor an RFC 3339 time")
        })?),
        _ => None,
    };
    let mut number = a.last;
    if since.is_none() && until.is_none() && !first {
        if a.all {
            number = u64::MAX;
        } else if a.last == 0 && !a.follow {
            number = DEFAULT_COUNT;
        }
    }
    if first {
        number = a.first;
    }
    let req = GetFlowsRequest {
        number,
        first,
        follow: a.follow,
        blacklist: filters.blacklist,
        whitelist: filters.whitelist,
        since,
        until,
        ..Default::default()
    };
    let opts = Options {
        output,
        time_format,
        node_name: a.print_node_name,
        ip_translation: a.ip_translation && !a.numeric,
        debug: false,
    };
    Ok((req, opts))
}

async fn connect(s: &ServerArgs) -> Result<Client, HubbleError> {
    let server = Server::parse(&s.server)?;
    Client::connect(server, s.timeout, s.request_timeout).await
}

async fn observe(
    ctx: &Ctx,
    s: &ServerArgs,
    a: &FlowArgs,
    flags: &[(String, String)],
    out: &mut dyn Write,
) -> Result<()> {
    let (req, mut opts) = build_request(a, flags, SystemTime::now())?;
    opts.debug = ctx.debug;
    let follow = req.follow;
    let client = connect(s).await?;
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

async fn status(s: &ServerArgs, a: StatusArgs, out: &mut dyn Write) -> Result<()> {
    let client = connect(s).await?;
    let hc = client
        .unary(
            "grpc.health.v1.Health/Check",
            client.health().check(HealthCheckRequest {
                service: OBSERVER_SERVICE_NAME.to_string(),
            }),
        )
        .await
        .context("failed getting status")?;
    let compact = a.output == "compact";
    let serving = hc.status == ServingStatus::Serving as i32;
    if compact {
        let st = if serving {
            "Ok".to_string()
        } else {
            let name = ServingStatus::try_from(hc.status)
                .map_or_else(|_| hc.status.to_string(), |s| s.as_str_name().to_string());
            format!("Unavailable: {name}")
        };
        writeln!(out, "Healthcheck (via {}): {st}", client.server)?;
    }
    if !serving {
        out.flush()?;
        bail!("not healthy");
    }
    let ss = client
        .unary(
            "observer.Observer/ServerStatus",
            client.observer().server_status(ServerStatusRequest {}),
        )
        .await
        .context("failed to get hubble server status")?;
    let o = StatusOutput::parse(&a.output).map_err(|e| anyhow!(e))?;
    printer::write_status(out, o, &ss)?;
    Ok(())
}

async fn namespaces(s: &ServerArgs, a: NamespacesArgs, out: &mut dyn Write) -> Result<()> {
    let client = connect(s).await?;
    let res = client
        .unary(
            "observer.Observer/GetNamespaces",
            client.observer().get_namespaces(GetNamespacesRequest {}),
        )
        .await?;
    match a.output.as_str() {
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
            let wide = a.output == "wide";
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_go_duration("5s"), Some(Duration::from_secs(5)));
        assert_eq!(parse_go_duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_go_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_go_duration("5"), None);
        assert_eq!(parse_go_duration("x"), None);
    }

    #[test]
    fn times() {
        let now = UNIX_EPOCH + Duration::from_secs(1_752_991_200);
        assert_eq!(parse_time("5m", now).unwrap().seconds, 1_752_990_900);
        let t = parse_time("2025-07-20T06:00:01.5Z", now).unwrap();
        assert_eq!((t.seconds, t.nanos), (1_752_991_201, 500_000_000));
        assert_eq!(
            parse_time("2025-07-20T08:00:00+02:00", now).unwrap().seconds,
            1_752_991_200
        );
        assert_eq!(parse_time("2025-07-20", now).unwrap().seconds, 1_752_969_600);
        assert!(parse_time("yesterday", now).is_none());
    }
}
