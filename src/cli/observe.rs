//! `observe`: Hubble flows from the node's hubble socket, with `hubble observe`'s flags, request
//! building and printers (cilium/cilium hubble/cmd/observe/flows.go); `observe status` is
//! `hubble status` and `observe namespaces` is `hubble list namespaces`.

use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Args as ClapArgs, Subcommand};

use crate::cli::Ctx;
use crate::hubble::client::{self, Client, HubbleError, Server};
use crate::hubble::filter::{self, Builder, FlagSpec, Takes};
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

    // Filters (applied by the server; order matters for --not), declared in `filter::FLAGS`.
    #[command(flatten)]
    pub filters: FilterArgs,

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
    /// Print policy names in output (compact: `ALLOWED BY <name> (<kind>)`)
    #[arg(long, help_heading = "Formatting")]
    pub print_policy_names: bool,
    /// Comma-separated list of fields for mask. Fields not in the mask will be removed from server response (json/jsonpb output only)
    #[arg(long, value_name = "strings", value_delimiter = ',', action = ArgAction::Append, help_heading = "Formatting")]
    pub field_mask: Vec<String>,
    /// Request only visible fields when the output format is compact, tab, or dict
    #[arg(long, default_value_t = true, action = ArgAction::Set, num_args = 0..=1, default_missing_value = "true", value_name = "bool", help_heading = "Formatting")]
    pub use_default_field_masks: bool,
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

/// The filter flags as given, in command-line order (`--not` applies to the next one). Its clap
/// arguments are built from `filter::FLAGS`; the order comes from the parsed matches' indices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterArgs {
    /// (flag name without dashes, value) per occurrence.
    pub flags: Vec<(String, String)>,
}

/// The clap argument of one filter flag.
fn filter_arg(f: &FlagSpec) -> Arg {
    let mut a = Arg::new(f.name).long(f.name).help(f.help).help_heading("Filters");
    if let Some(s) = f.short {
        a = a.short(s);
    }
    match f.takes {
        Takes::Value => a.value_name("filter").action(ArgAction::Append),
        // Append (not Count) so that every occurrence keeps its own index.
        Takes::Switch(v) => a
            .action(ArgAction::Append)
            .num_args(0)
            .default_missing_value(v)
            .value_parser(clap::builder::PossibleValuesParser::new([v])),
    }
}

impl clap::Args for FilterArgs {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        filter::FLAGS.iter().fold(cmd, |c, f| c.arg(filter_arg(f)))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl clap::FromArgMatches for FilterArgs {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let mut items: Vec<(usize, String, String)> = Vec::new();
        for f in filter::FLAGS {
            if m.value_source(f.name) != Some(ValueSource::CommandLine) {
                continue;
            }
            let Some(idx) = m.indices_of(f.name) else {
                continue;
            };
            let vals = m.get_many::<String>(f.name).into_iter().flatten();
            for (i, v) in idx.zip(vals) {
                items.push((i, f.name.to_string(), v.clone()));
            }
        }
        items.sort_by_key(|(i, _, _)| *i);
        Ok(FilterArgs {
            flags: items.into_iter().map(|(_, n, v)| (n, v)).collect(),
        })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    match args.cmd {
        Some(Sub::Status(s)) => rt.block_on(status(&args.server, s, out)),
        Some(Sub::Namespaces(n)) => rt.block_on(namespaces(&args.server, n, out)),
        None => rt.block_on(observe(ctx, &args.server, &args.flows, out)),
    }
}

/// Build the GetFlowsRequest and printer options, with the Hubble CLI's checks in its order.
pub fn build_request(a: &FlowArgs, now: SystemTime) -> Result<(GetFlowsRequest, Options)> {
    let mut b = Builder::default();
    for (n, v) in &a.filters.flags {
        b.set(n, v).map_err(|e| anyhow!(e))?;
    }
    let filters = b.finish().map_err(|e| anyhow!(e))?;
    filter::check_values(&filters).map_err(|e| anyhow!(e))?;
    let output = Output::parse(&a.output).map_err(|e| anyhow!(e))?;
    if output == Output::Table && a.follow {
        bail!("table output format is not compatible with follow mode");
    }
    let json = output == Output::JsonPb;
    if !json && !a.field_mask.is_empty() {
        bail!("{} output format is not compatible with custom field mask", a.output);
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
    let paths: Vec<String> = if !a.field_mask.is_empty() {
        // fieldmaskpb.New's message (its "proto: " prefix varies per Go binary; a plain space here).
        if let Some(bad) = a
            .field_mask
            .iter()
            .find(|p| !protojson::valid_mask_path(".flow.Flow", p))
        {
            bail!("failed to construct field mask: proto: invalid path {bad:?} for message \"flow.Flow\"");
        }
        a.field_mask.clone()
    } else if !json && a.use_default_field_masks {
        let extra = if a.print_policy_names {
            printer::POLICY_FIELDS
        } else {
            &[]
        };
        printer::DEFAULT_FIELD_MASK
            .iter()
            .chain(printer::PRINTER_FIELDS)
            .chain(extra)
            .map(|p| (*p).to_string())
            .collect()
    } else {
        Vec::new()
    };
    let req = GetFlowsRequest {
        number,
        field_mask: (!paths.is_empty()).then_some(prost_types::FieldMask { paths }),
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
        policy_names: a.print_policy_names,
    };
    Ok((req, opts))
}

async fn connect(s: &ServerArgs) -> Result<Client, HubbleError> {
    let server = Server::parse(&s.server)?;
    Client::connect(server, s.timeout, s.request_timeout).await
}

async fn observe(ctx: &Ctx, s: &ServerArgs, a: &FlowArgs, out: &mut dyn Write) -> Result<()> {
    let (req, mut opts) = build_request(a, crate::clock::system_now())?;
    opts.debug = ctx.debug;
    if let Some(snap) = crate::replay::active() {
        // Replay: the saved flows through the server's selection and the same printer.
        let ring = snap.flows()?;
        let mut printer = Printer::new(out, opts);
        for r in crate::hubble::matcher::history(&req, &ring) {
            printer.write_response(r)?;
        }
        printer.finish()?;
        return Ok(());
    }
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

/// The health line (compact output) and the "not healthy" error.
fn write_health(out: &mut dyn Write, a: &StatusArgs, server: &str, status: i32) -> Result<()> {
    let serving = status == ServingStatus::Serving as i32;
    if a.output == "compact" {
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

async fn status(s: &ServerArgs, a: StatusArgs, out: &mut dyn Write) -> Result<()> {
    if let Some(snap) = crate::replay::active() {
        let (health, server, ss) = snap.hubble_status()?;
        write_health(out, &a, &server, health)?;
        let o = StatusOutput::parse(&a.output).map_err(|e| anyhow!(e))?;
        printer::write_status(out, o, &ss)?;
        return Ok(());
    }
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
    write_health(out, &a, &client.server.to_string(), hc.status)?;
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

    fn observe_command() -> clap::Command {
        crate::cli::command("cdbg").find_subcommand("observe").unwrap().clone()
    }

    fn parsed_filters(argv: &[&str]) -> Vec<(String, String)> {
        use clap::FromArgMatches;
        let m = crate::cli::command("cdbg").try_get_matches_from(argv).unwrap();
        let cli = crate::cli::Cli::from_arg_matches(&m).unwrap();
        match cli.command {
            crate::cli::Command::Observe(a) => a.flows.filters.flags,
            _ => panic!("not observe"),
        }
    }

    #[test]
    fn every_filter_flag_in_the_table_has_a_clap_arg_and_back() {
        let cmd = observe_command();
        let clap_filters: Vec<(String, Option<char>)> = cmd
            .get_arguments()
            .filter(|a| a.get_help_heading() == Some("Filters"))
            .map(|a| (a.get_long().unwrap().to_string(), a.get_short()))
            .collect();
        let table: Vec<(String, Option<char>)> = filter::FLAGS.iter().map(|f| (f.name.to_string(), f.short)).collect();
        assert_eq!(clap_filters, table);
        // And the request builder knows every one of them.
        for f in filter::FLAGS {
            let v = match f.takes {
                Takes::Switch(v) => v,
                Takes::Value => "1",
            };
            let mut b = Builder::default();
            if let Err(e) = b.set(f.name, v) {
                assert!(!e.contains("unknown filter flag"), "--{}: {e}", f.name);
            }
        }
    }

    #[test]
    fn filter_flags_keep_command_line_order() {
        let got = parsed_filters(&[
            "cdbg",
            "observe",
            "--verdict",
            "DROPPED",
            "--not",
            "-4",
            "--pod",
            "a",
            "-A",
            "--last",
            "3",
            "--verdict",
            "FORWARDED",
            "--not",
            "--to-port",
            "80",
        ]);
        let want: Vec<(String, String)> = [
            ("verdict", "DROPPED"),
            ("not", "true"),
            ("ipv4", "v4"),
            ("pod", "a"),
            ("all-namespaces", "true"),
            ("verdict", "FORWARDED"),
            ("not", "true"),
            ("to-port", "80"),
        ]
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
        assert_eq!(got, want);
        assert!(parsed_filters(&["cdbg", "observe", "--last", "1"]).is_empty());
    }

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
