//! `observe`: Hubble flows from the node's hubble socket, with `hubble observe`'s flags
//! (cilium/cilium hubble/cmd/observe/flows.go); `observe status` is `hubble status` and
//! `observe namespaces` is `hubble list namespaces`. Requests are built in `hubble::request`, the
//! calls made in `hubble::session`.

use std::io::Write;
use std::time::Duration;

use anyhow::Result;
use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Args as ClapArgs, Subcommand};

use crate::cli::Ctx;
use crate::hubble::client;
use crate::hubble::filter::{self, FlagSpec, Takes};
use crate::hubble::request::{self, FlowFlags};
use crate::hubble::session::{self, Endpoint};

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
    request::parse_go_duration(s).ok_or_else(|| format!("time: invalid duration {s:?}"))
}

impl ServerArgs {
    /// The server flags as `hubble::session` takes them.
    pub fn endpoint(&self) -> Endpoint<'_> {
        Endpoint {
            server: &self.server,
            timeout: self.timeout,
            request_timeout: self.request_timeout,
            saved: crate::replay::active().map(|s| s as &dyn crate::hubble::session::Saved),
        }
    }
}

impl FlowArgs {
    /// The flags as `hubble::request::build` takes them.
    pub fn flags(&self) -> FlowFlags<'_> {
        FlowFlags {
            last: self.last,
            first: self.first,
            all: self.all,
            follow: self.follow,
            since: self.since.as_deref(),
            until: self.until.as_deref(),
            filters: &self.filters.flags,
            output: &self.output,
            print_node_name: self.print_node_name,
            numeric: self.numeric,
            ip_translation: self.ip_translation,
            time_format: &self.time_format,
            print_policy_names: self.print_policy_names,
            field_mask: &self.field_mask,
            use_default_field_masks: self.use_default_field_masks,
        }
    }
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
    let e = args.server.endpoint();
    match args.cmd {
        Some(Sub::Status(s)) => rt.block_on(session::status(&e, &s.output, out)),
        Some(Sub::Namespaces(n)) => rt.block_on(session::namespaces(&e, &n.output, out)),
        None => {
            let (req, mut opts) = request::build(&args.flows.flags(), crate::clock::system_now())?;
            opts.debug = ctx.debug;
            rt.block_on(session::observe(&e, req, opts, out))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hubble::filter::Builder;

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
}
