//! The Hubble CLI's flow and status printers (cilium/cilium hubble/pkg/printer/printer.go):
//! compact lines, dict blocks, tab-aligned tables and jsonpb lines, byte for byte; plus Go time
//! layouts and duration/number formatting they rely on.

// Summary and Kafka are deprecated upstream, but the Hubble CLI still prints them.
#![allow(deprecated)]

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::names::{self, msg_type};
use super::proto::flow::{self, Flow};
use super::proto::observer::{get_flows_response::ResponseTypes, GetFlowsResponse, ServerStatusResponse};
use super::protojson;

/// `-o` of `observe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Compact,
    Dict,
    Table,
    JsonPb,
}

impl Output {
    /// Parse as `hubble observe` does (`json` is jsonpb in current releases).
    pub fn parse(s: &str) -> Result<Output, String> {
        match s {
            "compact" => Ok(Output::Compact),
            "dict" => Ok(Output::Dict),
            "json" | "JSON" | "jsonpb" => Ok(Output::JsonPb),
            "tab" | "table" => Ok(Output::Table),
            _ => Err(format!("invalid output format: {s}")),
        }
    }
}

/// Go time layouts `--time-format` accepts (hubble/pkg/time FormatNames).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFormat {
    StampMilli,
    Rfc3339,
    Rfc3339Milli,
    Rfc3339Micro,
    Rfc3339Nano,
    Rfc1123Z,
}

impl TimeFormat {
    pub const NAMES: &'static [&'static str] = &[
        "StampMilli",
        "RFC3339",
        "RFC3339Milli",
        "RFC3339Micro",
        "RFC3339Nano",
        "RFC1123Z",
    ];

    pub fn parse(s: &str) -> Result<TimeFormat, String> {
        Ok(match s {
            "StampMilli" => TimeFormat::StampMilli,
            "RFC3339" => TimeFormat::Rfc3339,
            "RFC3339Milli" => TimeFormat::Rfc3339Milli,
            "RFC3339Micro" => TimeFormat::Rfc3339Micro,
            "RFC3339Nano" => TimeFormat::Rfc3339Nano,
            "RFC1123Z" => TimeFormat::Rfc1123Z,
            _ => {
                return Err(format!(
                    "invalid time format: {s} (one of {})",
                    TimeFormat::NAMES.join(", ")
                ))
            }
        })
    }

    /// Format a protobuf timestamp in UTC (as `timestamppb.AsTime()` gives it); invalid or
    /// missing → `N/A`.
    pub fn format(self, ts: Option<&prost_types::Timestamp>) -> String {
        let Some(ts) = ts else { return "N/A".into() };
        // timestamppb.CheckValid: 0001-01-01 ≤ t ≤ 9999-12-31T23:59:59, 0 ≤ nanos < 1e9.
        if !(-62_135_596_800..=253_402_300_799).contains(&ts.seconds) || !(0..1_000_000_000).contains(&ts.nanos) {
            return "N/A".into();
        }
        let t = crate::gotime::utc(ts.seconds);
        let n = ts.nanos as u32;
        match self {
            TimeFormat::StampMilli => format!(
                "{} {:>2} {:02}:{:02}:{:02}.{:03}",
                MONTHS[t.month as usize - 1],
                t.day,
                t.hour,
                t.min,
                t.sec,
                n / 1_000_000
            ),
            TimeFormat::Rfc3339 => format!("{}Z", t.date_time()),
            TimeFormat::Rfc3339Milli => format!("{}.{:03}Z", t.date_time(), n / 1_000_000),
            TimeFormat::Rfc3339Micro => format!("{}.{:06}Z", t.date_time(), n / 1_000),
            TimeFormat::Rfc3339Nano => {
                let frac = format!("{n:09}");
                let frac = frac.trim_end_matches('0');
                if frac.is_empty() {
                    format!("{}Z", t.date_time())
                } else {
                    format!("{}.{frac}Z", t.date_time())
                }
            }
            TimeFormat::Rfc1123Z => format!(
                "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
                WEEKDAYS[t.weekday as usize],
                t.day,
                MONTHS[t.month as usize - 1],
                t.year,
                t.hour,
                t.min,
                t.sec
            ),
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Digits grouped by commas (`uint64Grouping`).
pub fn grouping(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The Hubble CLI's default field mask for compact, dict and table output
/// (hubble/pkg/defaults `FieldMask`), in its order.
pub const DEFAULT_FIELD_MASK: &[&str] = &[
    "time",
    "verdict",
    "ethernet",
    "IP",
    "l4",
    "source.identity",
    "source.namespace",
    "source.pod_name",
    "destination.identity",
    "destination.namespace",
    "destination.pod_name",
    "Type",
    "node_name",
    "l7",
    "event_type",
    "source_service",
    "destination_service",
    "is_reply",
    "Summary",
    "ip_trace_id",
];

/// Fields these printers read that the CLI's default mask leaves out: a mask-aware agent would
/// otherwise make them print `policy-verdict:none TRAFFIC_DIRECTION_UNKNOWN` and drop DNS names
/// and the auth type (fixed upstream after 1.19). cdbg appends them to the default mask.
pub const PRINTER_FIELDS: &[&str] = &[
    "policy_match_type",
    "traffic_direction",
    "debug_capture_point",
    "sock_xlate_point",
    "auth_type",
    "source_names",
    "destination_names",
];

/// What `--print-policy-names` reads.
pub const POLICY_FIELDS: &[&str] = &[
    "egress_allowed_by",
    "ingress_allowed_by",
    "egress_denied_by",
    "ingress_denied_by",
];

/// Printer options (`hubble observe` formatting flags).
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub output: Output,
    pub time_format: TimeFormat,
    pub node_name: bool,
    pub ip_translation: bool,
    pub debug: bool,
    /// `--print-policy-names`: compact verdicts of policy-verdict flows name the policies.
    pub policy_names: bool,
}

/// Writes GetFlows responses in one format; `finish` flushes the table.
pub struct Printer<'a> {
    out: &'a mut dyn Write,
    opts: Options,
    line: usize,
    /// Table output is aligned over the whole result, so rows are buffered until `finish`.
    table: Vec<u8>,
    /// Unknown enum values already warned about (field, value).
    warned: BTreeSet<(&'static str, i32)>,
}

/// The terminal escaper of the Hubble printer (compact, dict, table): ESC → `^[`, CR → `\r` as
/// the hubble CLI does, and the other control characters as `output::sanitize` shows them.
pub fn escape_terminal(s: &str) -> String {
    crate::output::sanitize::text(s).into_owned()
}

fn verdict_name(v: i32) -> String {
    protojson::enum_name(".flow.Verdict", v).map_or_else(|| v.to_string(), str::to_string)
}

impl<'a> Printer<'a> {
    pub fn new(out: &'a mut dyn Write, opts: Options) -> Printer<'a> {
        Printer {
            out,
            opts,
            line: 0,
            table: Vec::new(),
            warned: BTreeSet::new(),
        }
    }

    /// Print one GetFlows response (flow, lost events, or node status on stderr).
    pub fn write_response(&mut self, r: &GetFlowsResponse) -> io::Result<()> {
        match &r.response_types {
            Some(ResponseTypes::Flow(f)) => {
                self.check_enums(f);
                self.write_flow(r, f)
            }
            Some(ResponseTypes::LostEvents(l)) => self.write_lost(r, l),
            Some(ResponseTypes::NodeStatus(s)) => {
                self.write_node_status(r, s);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Warn once on stderr about enum values this build does not know (a newer agent).
    fn check_enums(&mut self, f: &Flow) {
        let checks: [(&'static str, &str, i32); 6] = [
            ("verdict", ".flow.Verdict", f.verdict),
            ("Type", ".flow.FlowType", f.r#type),
            ("drop_reason_desc", ".flow.DropReason", f.drop_reason_desc),
            ("traffic_direction", ".flow.TrafficDirection", f.traffic_direction),
            (
                "trace_observation_point",
                ".flow.TraceObservationPoint",
                f.trace_observation_point,
            ),
            ("auth_type", ".flow.AuthType", f.auth_type),
        ];
        for (field, ty, v) in checks {
            if protojson::enum_name(ty, v).is_none() && self.warned.insert((field, v)) {
                crate::output::notes::line(format_args!(
                    "warning: flow field {field} has value {v}, unknown to this cdbg (the agent is newer than its Hubble API); printed as a number"
                ));
            }
        }
    }

    /// `GetHostNames`: source and destination as the printer shows them.
    fn host_names(&self, f: &Flow) -> (String, String) {
        let Some(ip) = &f.ip else {
            if let Some(eth) = &f.ethernet {
                return (eth.source.clone(), eth.destination.clone());
            }
            return (String::new(), String::new());
        };
        let (mut sns, mut spod, mut ssvc) = (String::new(), String::new(), String::new());
        let (mut dns, mut dpod, mut dsvc) = (String::new(), String::new(), String::new());
        if let Some(s) = &f.source {
            sns.clone_from(&s.namespace);
            spod.clone_from(&s.pod_name);
        }
        if let Some(d) = &f.destination {
            dns.clone_from(&d.namespace);
            dpod.clone_from(&d.pod_name);
        }
        if let Some(s) = &f.source_service {
            sns.clone_from(&s.namespace);
            ssvc.clone_from(&s.name);
        }
        if let Some(d) = &f.destination_service {
            dns.clone_from(&d.namespace);
            dsvc.clone_from(&d.name);
        }
        let (sport, dport) = ports(f);
        (
            self.hostname(&ip.source, &sport, &sns, &spod, &ssvc, &f.source_names),
            self.hostname(&ip.destination, &dport, &dns, &dpod, &dsvc, &f.destination_names),
        )
    }

    fn hostname(&self, ip: &str, port: &str, ns: &str, pod: &str, svc: &str, names: &[String]) -> String {
        let mut host = ip.to_string();
        if self.opts.ip_translation {
            if !pod.is_empty() {
                host = path_join(ns, pod);
            } else if !svc.is_empty() {
                host = path_join(ns, svc);
            } else if !names.is_empty() {
                host = names.join(",");
            }
        }
        if !port.is_empty() && port != "0" {
            if host.contains(':') {
                return format!("[{host}]:{port}");
            }
            return format!("{host}:{port}");
        }
        host
    }

    fn summary(f: &Flow) -> String {
        let mut s = String::new();
        if let Some(t) = &f.ip_trace_id {
            if t.trace_id > 0 {
                s.push_str(&format!("IP Trace ID: {}; ", t.trace_id));
            }
        }
        s.push_str(&f.summary);
        if f.auth_type != 0 {
            let a = protojson::enum_name(".flow.AuthType", f.auth_type)
                .map_or_else(|| f.auth_type.to_string(), str::to_string);
            s.push_str("; Auth: ");
            s.push_str(&a);
        }
        s
    }

    /// The compact verdict; with `--print-policy-names`, an ALLOWED or DENIED policy verdict
    /// gets ` BY <name> (<kind>)` per policy of the flow's direction, joined with `, ` (several
    /// policies and the denied case are unobserved on the real CLI: inferred).
    fn compact_verdict(&self, f: &Flow) -> String {
        let v = verdict(f);
        if !self.opts.policy_names {
            return v;
        }
        let egress = f.traffic_direction == flow::TrafficDirection::Egress as i32;
        let by = match v.as_str() {
            "ALLOWED" if egress => &f.egress_allowed_by,
            "ALLOWED" => &f.ingress_allowed_by,
            "DENIED" if egress => &f.egress_denied_by,
            "DENIED" => &f.ingress_denied_by,
            _ => return v,
        };
        if by.is_empty() {
            return v;
        }
        let names: Vec<String> = by.iter().map(|p| format!("{} ({})", p.name, p.kind)).collect();
        format!("{v} BY {}", names.join(", "))
    }

    fn time(&self, ts: Option<&prost_types::Timestamp>) -> String {
        self.opts.time_format.format(ts)
    }

    fn write_flow(&mut self, r: &GetFlowsResponse, f: &Flow) -> io::Result<()> {
        match self.opts.output {
            Output::JsonPb => {
                let line = protojson::to_json(".observer.GetFlowsResponse", r);
                writeln!(self.out, "{line}")?;
            }
            Output::Compact => {
                let (mut src, mut dst) = self.host_names(f);
                let mut sid = names::identity(f.source.as_ref().map_or(0, |e| e.identity));
                let mut did = names::identity(f.destination.as_ref().map_or(0, |e| e.identity));
                let arrow = match f.is_reply {
                    None => "<>",
                    Some(false) => "->",
                    Some(true) => {
                        std::mem::swap(&mut src, &mut dst);
                        std::mem::swap(&mut sid, &mut did);
                        "<-"
                    }
                };
                let node = if self.opts.node_name {
                    format!(" [{}]", f.node_name)
                } else {
                    String::new()
                };
                let line = format!(
                    "{}{node}: {src} {sid} {arrow} {dst} {did} {} {} ({})\n",
                    self.time(f.time.as_ref()),
                    flow_type(f),
                    self.compact_verdict(f),
                    Self::summary(f)
                );
                self.out.write_all(escape_terminal(&line).as_bytes())?;
            }
            Output::Dict => {
                let (src, dst) = self.host_names(f);
                let mut s = String::new();
                if self.line != 0 {
                    s.push_str("------------\n");
                }
                s.push_str(&format!("  TIMESTAMP: {}\n", self.time(f.time.as_ref())));
                if self.opts.node_name {
                    s.push_str(&format!("       NODE: {}\n", f.node_name));
                }
                s.push_str(&format!("     SOURCE: {src}\nDESTINATION: {dst}\n"));
                s.push_str(&format!(
                    "       TYPE: {}\n    VERDICT: {}\n    SUMMARY: {}\n",
                    flow_type(f),
                    verdict(f),
                    Self::summary(f)
                ));
                self.out.write_all(escape_terminal(&s).as_bytes())?;
            }
            Output::Table => {
                let (src, dst) = self.host_names(f);
                self.table_header()?;
                let mut s = format!("{}\t", self.time(f.time.as_ref()));
                if self.opts.node_name {
                    s.push_str(&format!("{}\t", f.node_name));
                }
                s.push_str(&format!(
                    "{src}\t{dst}\t{}\t{}\t{}\n",
                    flow_type(f),
                    verdict(f),
                    Self::summary(f)
                ));
                self.table.extend_from_slice(escape_terminal(&s).as_bytes());
            }
        }
        self.line += 1;
        Ok(())
    }

    fn table_header(&mut self) -> io::Result<()> {
        if self.line == 0 {
            let mut s = String::from("TIMESTAMP\t");
            if self.opts.node_name {
                s.push_str("NODE\t");
            }
            s.push_str("SOURCE\tDESTINATION\tTYPE\tVERDICT\tSUMMARY\n");
            self.table.extend_from_slice(s.as_bytes());
        }
        Ok(())
    }

    fn write_lost(&mut self, r: &GetFlowsResponse, l: &flow::LostEvent) -> io::Result<()> {
        let source = protojson::enum_name(".flow.LostEventSource", l.source)
            .map_or_else(|| l.source.to_string(), str::to_string);
        let cpu = l.cpu.unwrap_or(0);
        match self.opts.output {
            Output::JsonPb => {
                let line = protojson::to_json(".observer.GetFlowsResponse", r);
                writeln!(self.out, "{line}")?;
            }
            Output::Compact => {
                let mut s = format!(
                    "{} EVENTS LOST: {source} CPU({cpu}) {}",
                    self.time(r.time.as_ref()),
                    l.num_events_lost
                );
                if l.first.is_some() && l.last.is_some() {
                    s.push_str(&format!(
                        " (first: {}, last: {})",
                        self.time(l.first.as_ref()),
                        self.time(l.last.as_ref())
                    ));
                }
                s.push('\n');
                self.out.write_all(escape_terminal(&s).as_bytes())?;
            }
            Output::Dict => {
                let mut s = String::new();
                if self.line != 0 {
                    s.push_str("------------\n");
                }
                s.push_str(&format!("  TIMESTAMP: {}\n", self.time(r.time.as_ref())));
                if self.opts.node_name {
                    s.push_str(&format!("       NODE: {}\n", r.node_name));
                }
                s.push_str(&format!(
                    "     SOURCE: {source}\n       TYPE: EVENTS LOST\n    VERDICT: -\n    SUMMARY: {}\n",
                    self.lost_summary(l)
                ));
                self.out.write_all(escape_terminal(&s).as_bytes())?;
            }
            Output::Table => {
                self.table_header()?;
                let mut s = format!("{}\t", self.time(r.time.as_ref()));
                if self.opts.node_name {
                    s.push_str(&format!("{}\t", r.node_name));
                }
                s.push_str(&format!("{source}\t-\tEVENTS LOST\t-\t{}\n", self.lost_summary(l)));
                self.table.extend_from_slice(escape_terminal(&s).as_bytes());
            }
        }
        self.line += 1;
        Ok(())
    }

    /// `CPU(<cpu>) - <n>`, plus ` (first: <t>, last: <t>)` when both are set (dict and table).
    fn lost_summary(&self, l: &flow::LostEvent) -> String {
        let mut s = format!("CPU({}) - {}", l.cpu.unwrap_or(0), l.num_events_lost);
        if l.first.is_some() && l.last.is_some() {
            s.push_str(&format!(
                " (first: {}, last: {})",
                self.time(l.first.as_ref()),
                self.time(l.last.as_ref())
            ));
        }
        s
    }

    /// Relay node-status events go to stderr; informational ones only with --debug.
    fn write_node_status(&mut self, r: &GetFlowsResponse, s: &super::proto::relay::NodeStatusEvent) {
        use super::proto::relay::NodeState;
        let state = NodeState::try_from(s.state_change).ok();
        if !self.opts.debug && !matches!(state, Some(NodeState::NodeError | NodeState::NodeUnavailable)) {
            return;
        }
        if self.opts.output == Output::JsonPb {
            crate::output::notes::line(protojson::to_json(".observer.GetFlowsResponse", r));
            return;
        }
        let n = s.node_names.len();
        let nodes = join_with_cutoff(&s.node_names, ", ", 50);
        let prefix = format!("{} [{}]", self.time(r.time.as_ref()), r.node_name);
        let msg = match state {
            Some(NodeState::NodeConnected) => format!("{prefix}: Receiving flows from {n} nodes: {nodes}"),
            Some(NodeState::NodeUnavailable) => format!("{prefix}: {n} nodes are unavailable: {nodes}"),
            Some(NodeState::NodeGone) => format!("{prefix}: {n} nodes removed from cluster: {nodes}"),
            Some(NodeState::NodeError) => format!("{prefix}: Error {:?} on {n} nodes: {nodes}", s.message),
            _ => format!("{prefix}: unknown node status event: {}", s.state_change),
        };
        crate::output::notes::line(msg);
    }

    /// Flush buffered table rows.
    pub fn finish(&mut self) -> io::Result<()> {
        if !self.table.is_empty() {
            let mut tw = crate::output::table::tabwriter(&mut *self.out, 2, 3);
            tw.write_all(&self.table)?;
            tw.flush()?;
            self.table.clear();
        }
        self.out.flush()
    }
}

fn join_with_cutoff(elems: &[String], sep: &str, target: usize) -> String {
    let mut len = 0;
    let mut end = elems.len();
    for (i, e) in elems.iter().enumerate() {
        len += e.len() + sep.len();
        if len > target && i > 0 {
            end = i;
            break;
        }
    }
    let joined = elems[..end].join(sep);
    if end == elems.len() {
        joined
    } else {
        format!("{joined} (and {} more)", elems.len() - end)
    }
}

/// `path.Join(ns, name)` for the two non-empty-name cases the printer has.
fn path_join(ns: &str, name: &str) -> String {
    if ns.is_empty() {
        name.to_string()
    } else {
        format!("{ns}/{name}")
    }
}

/// Source and destination ports as text ("" when the flow has no TCP/UDP/SCTP).
fn ports(f: &Flow) -> (String, String) {
    use flow::layer4::Protocol;
    match f.l4.as_ref().and_then(|l| l.protocol.as_ref()) {
        Some(Protocol::Tcp(t)) => (t.source_port.to_string(), t.destination_port.to_string()),
        Some(Protocol::Udp(u)) => (u.source_port.to_string(), u.destination_port.to_string()),
        Some(Protocol::Sctp(s)) => (s.source_port.to_string(), s.destination_port.to_string()),
        _ => (String::new(), String::new()),
    }
}

/// `GetFlowType`.
pub fn flow_type(f: &Flow) -> String {
    use flow::layer7::Record;
    if let Some(l7) = &f.l7 {
        let mut t = protojson::enum_name(".flow.L7FlowType", l7.r#type)
            .map_or_else(|| l7.r#type.to_string(), str::to_lowercase);
        let proto = match &l7.record {
            Some(Record::Http(_)) => "http",
            Some(Record::Dns(d)) => {
                t = format!("{t} {}", d.observation_source);
                "dns"
            }
            Some(Record::Kafka(_)) => "kafka",
            None => "l7",
        };
        return format!("{proto}-{t}");
    }
    let et = f.event_type.unwrap_or_default();
    match et.r#type {
        msg_type::TRACE => names::trace_point(et.sub_type),
        msg_type::DROP => names::drop_reason(et.sub_type),
        msg_type::POLICY_VERDICT => format!(
            "policy-verdict:{} {}",
            names::policy_match_type(f.policy_match_type),
            protojson::enum_name(".flow.TrafficDirection", f.traffic_direction)
                .map_or_else(|| f.traffic_direction.to_string(), str::to_string)
        ),
        msg_type::CAPTURE => protojson::enum_name(".flow.DebugCapturePoint", f.debug_capture_point)
            .map_or_else(|| f.debug_capture_point.to_string(), str::to_string),
        msg_type::TRACE_SOCK => match f.sock_xlate_point {
            1 => "pre-xlate-fwd".into(),
            2 => "post-xlate-fwd".into(),
            3 => "pre-xlate-rev".into(),
            4 => "post-xlate-rev".into(),
            v => protojson::enum_name(".flow.SocketTranslationPoint", v).map_or_else(|| v.to_string(), str::to_string),
        },
        _ => "UNKNOWN".into(),
    }
}

/// `getVerdict`: policy-verdict events say ALLOWED / DENIED / AUDITED.
pub fn verdict(f: &Flow) -> String {
    let pv = f.event_type.is_some_and(|e| e.r#type == msg_type::POLICY_VERDICT);
    match f.verdict {
        1 | 5 if pv => "ALLOWED".into(),
        2 | 3 if pv => "DENIED".into(),
        4 if pv => "AUDITED".into(),
        v => verdict_name(v),
    }
}

/// `hubble status` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusOutput {
    Compact,
    Dict,
    Json,
    Table,
}

impl StatusOutput {
    pub fn parse(s: &str) -> Result<StatusOutput, String> {
        match s {
            "compact" => Ok(StatusOutput::Compact),
            "dict" => Ok(StatusOutput::Dict),
            "json" | "JSON" | "jsonpb" => Ok(StatusOutput::Json),
            "tab" | "table" => Ok(StatusOutput::Table),
            _ => Err(format!("invalid output format: {s}")),
        }
    }
}

/// `WriteServerStatusResponse`.
pub fn write_status(w: &mut dyn Write, o: StatusOutput, r: &ServerStatusResponse) -> io::Result<()> {
    let na = |v: Option<u32>| v.map_or_else(|| "N/A".to_string(), |v| v.to_string());
    let connected = na(r.num_connected_nodes);
    let unavailable = na(r.num_unavailable_nodes);
    let mut rate = if r.flows_rate > 0.0 {
        format!("{:.2}", r.flows_rate)
    } else {
        "N/A".to_string()
    };
    match o {
        StatusOutput::Json => writeln!(w, "{}", protojson::to_json(".observer.ServerStatusResponse", r)),
        StatusOutput::Table => {
            let mut tw = crate::output::table::tabwriter(&mut *w, 2, 3);
            writeln!(
                tw,
                "NUM FLOWS\tMAX FLOWS\tSEEN FLOWS\tFLOWS PER SECOND\tUPTIME\tNUM CONNECTED NODES\tNUM UNAVAILABLE NODES\tVERSION"
            )?;
            writeln!(
                tw,
                "{}\t{}\t{}\t{rate}\t{}\t{connected}\t{unavailable}\t{}",
                grouping(r.num_flows),
                grouping(r.max_flows),
                grouping(r.seen_flows),
                crate::gotime::duration_string(r.uptime_ns as i64),
                r.version
            )?;
            tw.flush()
        }
        StatusOutput::Dict => {
            write!(
                w,
                "          NUM FLOWS: {}\n          MAX FLOWS: {}\n         SEEN FLOWS: {}\n   FLOWS PER SECOND: {rate}\n             UPTIME: {}\nNUM CONNECTED NODES: {connected}\n NUM UNAVAIL. NODES: {unavailable}\n            VERSION: {}\n",
                grouping(r.num_flows),
                grouping(r.max_flows),
                grouping(r.seen_flows),
                crate::gotime::duration_string(r.uptime_ns as i64),
                r.version
            )
        }
        StatusOutput::Compact => {
            let ratio = if r.max_flows > 0 {
                format!(" ({:.2}%)", r.num_flows as f64 / r.max_flows as f64 * 100.0)
            } else {
                String::new()
            };
            writeln!(
                w,
                "Current/Max Flows: {}/{}{ratio}",
                grouping(r.num_flows),
                grouping(r.max_flows)
            )?;
            let uptime = r.uptime_ns as f64 / 1e9;
            if rate == "N/A" && uptime > 0.0 {
                rate = format!("{:.2}", r.seen_flows as f64 / uptime);
            }
            writeln!(w, "Flows/s: {rate}")?;
            if let Some(c) = r.num_connected_nodes {
                let total = r
                    .num_unavailable_nodes
                    .map_or_else(String::new, |u| format!("/{}", u + c));
                writeln!(w, "Connected Nodes: {c}{total}")?;
            }
            if let Some(u) = r.num_unavailable_nodes.filter(|u| *u > 0) {
                if r.unavailable_nodes.is_empty() {
                    writeln!(w, "Unavailable Nodes: {u}")?;
                } else {
                    let mut list = r.unavailable_nodes.clone();
                    list.sort();
                    if u as usize > list.len() {
                        list.push(format!("and {} more...", u as usize - list.len()));
                    }
                    writeln!(w, "Unavailable Nodes: {u}\n  - {}", list.join("\n  - "))?;
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One response through the compact printer (StampMilli, names translated).
    fn compact(r: &GetFlowsResponse, node_name: bool) -> String {
        let mut out = Vec::new();
        let opts = Options {
            output: Output::Compact,
            time_format: TimeFormat::StampMilli,
            node_name,
            ip_translation: true,
            debug: false,
            policy_names: false,
        };
        let mut p = Printer::new(&mut out, opts);
        p.write_response(r).unwrap();
        p.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn ts(s: i64, n: i32) -> prost_types::Timestamp {
        prost_types::Timestamp { seconds: s, nanos: n }
    }

    #[test]
    fn time_layouts() {
        let t = ts(1_752_991_187, 929_123_000);
        assert_eq!(TimeFormat::StampMilli.format(Some(&t)), "Jul 20 05:59:47.929");
        assert_eq!(
            TimeFormat::StampMilli.format(Some(&ts(1_751_346_000, 0))),
            "Jul  1 05:00:00.000"
        );
        assert_eq!(TimeFormat::Rfc3339.format(Some(&t)), "2025-07-20T05:59:47Z");
        assert_eq!(TimeFormat::Rfc3339Milli.format(Some(&t)), "2025-07-20T05:59:47.929Z");
        assert_eq!(TimeFormat::Rfc3339Micro.format(Some(&t)), "2025-07-20T05:59:47.929123Z");
        assert_eq!(TimeFormat::Rfc3339Nano.format(Some(&t)), "2025-07-20T05:59:47.929123Z");
        assert_eq!(TimeFormat::Rfc1123Z.format(Some(&t)), "Sun, 20 Jul 2025 05:59:47 +0000");
        assert_eq!(TimeFormat::StampMilli.format(None), "N/A");
        assert_eq!(TimeFormat::StampMilli.format(Some(&ts(0, -1))), "N/A");
    }

    #[test]
    fn grouping_by_thousands() {
        assert_eq!(grouping(4095), "4,095");
        assert_eq!(grouping(1_234_567), "1,234,567");
        assert_eq!(grouping(12), "12");
    }

    #[test]
    fn compact_reply_swaps_and_escapes() {
        let f = Flow {
            time: Some(ts(1_752_991_187, 929_000_000)),
            verdict: 1,
            ip: Some(flow::Ip {
                source: "fd00::1".into(),
                destination: "10.0.0.2".into(),
                ..Default::default()
            }),
            l4: Some(flow::Layer4 {
                protocol: Some(flow::layer4::Protocol::Tcp(flow::Tcp {
                    source_port: 80,
                    destination_port: 0,
                    flags: None,
                })),
            }),
            source: Some(flow::Endpoint {
                identity: 2,
                ..Default::default()
            }),
            destination: Some(flow::Endpoint {
                identity: 3012,
                namespace: "default".into(),
                pod_name: "curl\x1b".into(),
                ..Default::default()
            }),
            event_type: Some(flow::CiliumEventType { r#type: 4, sub_type: 0 }),
            is_reply: Some(true),
            summary: "TCP Flags: ACK".into(),
            ..Default::default()
        };
        let r = GetFlowsResponse {
            response_types: Some(ResponseTypes::Flow(f)),
            ..Default::default()
        };
        assert_eq!(
            compact(&r, false),
            "Jul 20 05:59:47.929: default/curl^[ (ID:3012) <- [fd00::1]:80 (world) to-endpoint FORWARDED (TCP Flags: ACK)\n"
        );
    }

    #[test]
    fn lost_events_compact() {
        let r = GetFlowsResponse {
            response_types: Some(ResponseTypes::LostEvents(flow::LostEvent {
                source: 1,
                num_events_lost: 12,
                cpu: Some(1),
                first: None,
                last: None,
            })),
            time: Some(ts(1_752_991_187, 0)),
            ..Default::default()
        };
        assert_eq!(
            compact(&r, true),
            "Jul 20 05:59:47.000 EVENTS LOST: PERF_EVENT_RING_BUFFER CPU(1) 12\n"
        );
    }
}
