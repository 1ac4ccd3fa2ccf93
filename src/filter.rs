//! Filters, counts and top-N for every map dump: `--ip/--src/--dst` (IP or CIDR), ports,
//! protocol, flag names, identity, backend state and service, applied while streaming.

use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;

/// What a dumped entry exposes to filters and grouping. Every method has a "not applicable"
/// default, so a map implements only what its entries have.
pub trait Entry {
    fn src(&self) -> Option<IpAddr> {
        None
    }
    fn dst(&self) -> Option<IpAddr> {
        None
    }
    fn sport(&self) -> Option<u16> {
        None
    }
    fn dport(&self) -> Option<u16> {
        None
    }
    fn proto(&self) -> Option<u8> {
        None
    }
    /// Flag names as printed (e.g. `SeenNonSyn`, `LoadBalancer`).
    fn has_flag(&self, _name: &str) -> bool {
        false
    }
    fn identity(&self) -> Option<u32> {
        None
    }
    /// Backend state name (`active`, `terminating`, ...).
    fn state(&self) -> Option<&str> {
        None
    }
    /// Service (rev-NAT) ID.
    fn service_id(&self) -> Option<u16> {
        None
    }
    /// Service frontend address and port.
    fn service_frontend(&self) -> Option<(IpAddr, u16)> {
        None
    }
}

/// An IP or CIDR to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub addr: IpAddr,
    pub bits: u8,
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let m = if self.bits == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(self.bits))
                };
                u32::from(n) & m == u32::from(a) & m
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let m = if self.bits == 0 {
                    0
                } else {
                    u128::MAX << (128 - u32::from(self.bits))
                };
                u128::from(n) & m == u128::from(a) & m
            }
            _ => false,
        }
    }
}

impl std::str::FromStr for Cidr {
    type Err = String;
    fn from_str(s: &str) -> Result<Cidr, String> {
        let (a, b) = s.split_once('/').map_or((s, None), |(a, b)| (a, Some(b)));
        let addr: IpAddr = a
            .parse()
            .map_err(|_| format!("{s:?} is not an IP address or CIDR (e.g. 10.0.0.1, 10.0.0.0/8, fd00::/64)"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let bits = match b {
            None => max,
            Some(b) => b
                .parse::<u8>()
                .ok()
                .filter(|&n| n <= max)
                .ok_or_else(|| format!("{s:?}: prefix length must be 0..={max}"))?,
        };
        Ok(Cidr { addr, bits })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.bits)
    }
}

/// `--service`: a frontend `IP:port` or a service ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceSel {
    Id(u16),
    Frontend(IpAddr, u16),
}

impl std::str::FromStr for ServiceSel {
    type Err = String;
    fn from_str(s: &str) -> Result<ServiceSel, String> {
        if let Ok(id) = s.parse::<u16>() {
            return Ok(ServiceSel::Id(id));
        }
        let sa: std::net::SocketAddr = s.parse().map_err(|_| {
            format!("{s:?} is not a service ID or a frontend IP:port (e.g. 5, 10.96.0.10:53, [fd00::1]:80)")
        })?;
        Ok(ServiceSel::Frontend(sa.ip(), sa.port()))
    }
}

/// What to group `--top` by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    #[default]
    Src,
    Dst,
    Sport,
    Dport,
    Proto,
    Service,
    Identity,
}

/// The common filter and aggregate flags of map dumps.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only entries with this IP or CIDR on either side
    #[arg(long, value_name = "IP|CIDR", help_heading = "Filters (cdbg)")]
    pub ip: Vec<Cidr>,
    /// Only entries whose source is in this IP or CIDR
    #[arg(long, value_name = "IP|CIDR", help_heading = "Filters (cdbg)")]
    pub src: Vec<Cidr>,
    /// Only entries whose destination is in this IP or CIDR
    #[arg(long, value_name = "IP|CIDR", help_heading = "Filters (cdbg)")]
    pub dst: Vec<Cidr>,
    /// Only entries with this port on either side
    #[arg(long, value_name = "PORT", help_heading = "Filters (cdbg)")]
    pub port: Vec<u16>,
    /// Only entries with this source port
    #[arg(long, value_name = "PORT", help_heading = "Filters (cdbg)")]
    pub sport: Vec<u16>,
    /// Only entries with this destination port
    #[arg(long, value_name = "PORT", help_heading = "Filters (cdbg)")]
    pub dport: Vec<u16>,
    /// Only entries of this protocol (TCP, UDP, ICMP, ICMPv6, SCTP or a number)
    #[arg(long, value_name = "PROTO", value_parser = parse_proto_arg, help_heading = "Filters (cdbg)")]
    pub proto: Vec<u8>,
    /// Only entries with all these flags set (names as printed, comma-separated)
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "NAME,...",
        ignore_case = true,
        help_heading = "Filters (cdbg)"
    )]
    pub flags: Vec<String>,
    /// Only entries of this security identity
    #[arg(long, value_name = "ID", help_heading = "Filters (cdbg)")]
    pub identity: Vec<u32>,
    /// Only backends in this state
    #[arg(
        long,
        value_name = "STATE",
        value_parser = clap::builder::PossibleValuesParser::new(BACKEND_STATES),
        ignore_case = true,
        help_heading = "Filters (cdbg)"
    )]
    pub state: Vec<String>,
    /// Only entries of this service: a frontend IP:port or a service (rev-NAT) ID
    #[arg(long, value_name = "IP:PORT|ID", help_heading = "Filters (cdbg)")]
    pub service: Vec<ServiceSel>,
    /// Print only the number of matching entries
    #[arg(long, conflicts_with = "top", help_heading = "Aggregates (cdbg)")]
    pub count: bool,
    /// Print the N largest groups of matching entries (with --by)
    #[arg(
        long,
        value_name = "N",
        value_parser = parse_top,
        help_heading = "Aggregates (cdbg)"
    )]
    pub top: Option<usize>,
    /// What --top groups by
    #[arg(
        long,
        value_enum,
        default_value = "src",
        requires = "top",
        help_heading = "Aggregates (cdbg)"
    )]
    pub by: GroupBy,
}

/// Backend states as `bpf lb list` prints them (`lb_backend::state_name`).
pub const BACKEND_STATES: &[&str] = &["active", "terminating", "quarantined", "maintenance"];

fn parse_top(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("--top 0 prints nothing: give the number of groups to print (1 or more)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{s:?} is not a number of groups (1 or more)")),
    }
}

fn parse_proto_arg(s: &str) -> Result<u8, String> {
    crate::netfmt::parse_proto(s)
        .ok_or_else(|| format!("unknown protocol {s:?}: use TCP, UDP, ICMP, ICMPv6, SCTP or a number"))
}

impl FilterArgs {
    /// True when any filter is set.
    pub fn is_active(&self) -> bool {
        !(self.ip.is_empty()
            && self.src.is_empty()
            && self.dst.is_empty()
            && self.port.is_empty()
            && self.sport.is_empty()
            && self.dport.is_empty()
            && self.proto.is_empty()
            && self.flags.is_empty()
            && self.identity.is_empty()
            && self.state.is_empty()
            && self.service.is_empty())
    }

    /// True when the output is an aggregate rather than the entries.
    pub fn aggregates(&self) -> bool {
        self.count || self.top.is_some()
    }

    /// Does `e` pass every filter? Filters of one kind are OR-ed; kinds are AND-ed. An entry
    /// without the field a filter asks about does not match it.
    pub fn matches(&self, e: &dyn Entry) -> bool {
        fn any<T>(v: &[T], f: impl Fn(&T) -> bool) -> bool {
            v.is_empty() || v.iter().any(f)
        }
        let in_opt = |c: &Cidr, ip: Option<IpAddr>| ip.is_some_and(|ip| c.contains(ip));
        any(&self.ip, |c| in_opt(c, e.src()) || in_opt(c, e.dst()))
            && any(&self.src, |c| in_opt(c, e.src()))
            && any(&self.dst, |c| in_opt(c, e.dst()))
            && any(&self.port, |p| e.sport() == Some(*p) || e.dport() == Some(*p))
            && any(&self.sport, |p| e.sport() == Some(*p))
            && any(&self.dport, |p| e.dport() == Some(*p))
            && any(&self.proto, |p| e.proto() == Some(*p))
            && self.flags.iter().all(|f| e.has_flag(f))
            && any(&self.identity, |i| e.identity() == Some(*i))
            && any(&self.state, |s| e.state().is_some_and(|x| x.eq_ignore_ascii_case(s)))
            && any(&self.service, |s| match s {
                ServiceSel::Id(id) => e.service_id() == Some(*id),
                ServiceSel::Frontend(ip, port) => e.service_frontend() == Some((*ip, *port)),
            })
    }
}

/// Counts matching entries and, for `--top`, groups them. Memory grows with the number of
/// distinct groups, not with the map.
#[derive(Debug, Default)]
pub struct Tally {
    pub matched: u64,
    pub scanned: u64,
    groups: HashMap<String, u64>,
}

impl Tally {
    pub fn add(&mut self, by: Option<GroupBy>, e: &dyn Entry) {
        self.matched += 1;
        if let Some(by) = by {
            let key = match by {
                GroupBy::Src => e.src().map(|a| a.to_string()),
                GroupBy::Dst => e.dst().map(|a| a.to_string()),
                GroupBy::Sport => e.sport().map(|p| p.to_string()),
                GroupBy::Dport => e.dport().map(|p| p.to_string()),
                GroupBy::Proto => e.proto().map(crate::netfmt::proto_name),
                GroupBy::Service => e
                    .service_frontend()
                    .map(|(ip, p)| crate::netfmt::join_host_port(&ip, p))
                    .or_else(|| e.service_id().map(|id| format!("id {id}"))),
                GroupBy::Identity => e.identity().map(|i| i.to_string()),
            }
            .unwrap_or_else(|| "-".into());
            *self.groups.entry(key).or_default() += 1;
        }
    }

    /// The `n` largest groups, largest first (ties by key).
    pub fn top(&self, n: usize) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = self.groups.iter().map(|(k, c)| (k.clone(), *c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Print the `--count` or `--top` result in `format`.
    pub fn write(
        &self,
        w: &mut dyn std::io::Write,
        args: &FilterArgs,
        format: &crate::output::Format,
    ) -> anyhow::Result<()> {
        use crate::output::{render, Doc, Listing, Parts};
        use std::io::Write;
        #[derive(serde::Serialize)]
        struct Group<'a> {
            key: &'a str,
            count: u64,
        }
        #[derive(serde::Serialize)]
        struct Top<'a> {
            by: GroupBy,
            matched: u64,
            groups: Vec<Group<'a>>,
        }
        let Some(n) = args.top else {
            return render(
                w,
                format,
                &Parts::new(
                    |w: &mut dyn Write| Ok(writeln!(w, "{}", self.matched)?),
                    || Ok(Doc::value(serde_json::json!({ "count": self.matched }))),
                ),
            );
        };
        let top = self.top(n);
        let groups = || top.iter().map(|(k, c)| Group { key: k, count: *c });
        let table = |w: &mut dyn Write| -> anyhow::Result<()> {
            let title = format!("{:?}", args.by).to_uppercase();
            let mut tw = crate::output::table::tabwriter(&mut *w, 5, 3);
            writeln!(tw, "{title}\tENTRIES\tSHARE")?;
            for (k, c) in &top {
                let share = if self.matched > 0 {
                    *c as f64 * 100.0 / self.matched as f64
                } else {
                    0.0
                };
                writeln!(tw, "{k}\t{c}\t{share:.1}%")?;
            }
            tw.flush()?;
            writeln!(w, "({} matching entries)", self.matched)?;
            Ok(())
        };
        let doc = || {
            Ok(Doc::value(Top {
                by: args.by,
                matched: self.matched,
                groups: groups().collect(),
            }))
        };
        render(w, format, &Listing::new(table, doc, groups))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct E(IpAddr, IpAddr, u16, u16, u8);
    impl Entry for E {
        fn src(&self) -> Option<IpAddr> {
            Some(self.0)
        }
        fn dst(&self) -> Option<IpAddr> {
            Some(self.1)
        }
        fn sport(&self) -> Option<u16> {
            Some(self.2)
        }
        fn dport(&self) -> Option<u16> {
            Some(self.3)
        }
        fn proto(&self) -> Option<u8> {
            Some(self.4)
        }
        fn has_flag(&self, n: &str) -> bool {
            n == "SeenNonSyn"
        }
    }

    fn e(s: &str, d: &str, sp: u16, dp: u16, p: u8) -> E {
        E(s.parse().unwrap(), d.parse().unwrap(), sp, dp, p)
    }

    #[test]
    fn cidrs() {
        let c: Cidr = "172.20.0.0/16".parse().unwrap();
        assert!(c.contains("172.20.1.5".parse().unwrap()));
        assert!(!c.contains("172.21.0.1".parse().unwrap()));
        assert!(!c.contains("fd00::1".parse().unwrap()));
        let c: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(c.contains("8.8.8.8".parse().unwrap()));
        let c: Cidr = "fd00::/8".parse().unwrap();
        assert!(c.contains("fd00:10::5".parse().unwrap()));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("bogus".parse::<Cidr>().unwrap_err().contains("not an IP address"));
    }

    #[test]
    fn filter_kinds_and_or() {
        let x = e("172.20.0.87", "10.96.88.105", 41000, 80, 6);
        assert!(FilterArgs::default().matches(&x));
        let mut f = FilterArgs {
            ip: vec!["10.96.0.0/12".parse().unwrap()],
            ..Default::default()
        };
        assert!(f.matches(&x));
        f.dport = vec![53, 80];
        assert!(f.matches(&x));
        f.proto = vec![17];
        assert!(!f.matches(&x));
        f.proto = vec![6];
        f.flags = vec!["SeenNonSyn".into()];
        assert!(f.matches(&x));
        f.flags.push("RxClosing".into());
        assert!(!f.matches(&x));
        let mut g = FilterArgs {
            src: vec!["10.0.0.0/8".parse().unwrap()],
            ..Default::default()
        };
        assert!(!g.matches(&x));
        g.identity = vec![1];
        g.src.clear();
        assert!(!g.matches(&x), "an entry without identities never matches --identity");
    }

    #[test]
    fn top_groups() {
        let mut t = Tally::default();
        for d in ["10.0.0.1", "10.0.0.2", "10.0.0.1", "10.0.0.3", "10.0.0.1", "10.0.0.2"] {
            t.add(Some(GroupBy::Dst), &e("1.1.1.1", d, 1, 2, 6));
        }
        assert_eq!(t.matched, 6);
        assert_eq!(t.top(2), vec![("10.0.0.1".to_string(), 3), ("10.0.0.2".to_string(), 2)]);
        let mut out = Vec::new();
        let args = FilterArgs {
            top: Some(2),
            by: GroupBy::Dst,
            ..Default::default()
        };
        t.write(&mut out, &args, &crate::output::Format::Table).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "DST        ENTRIES   SHARE\n10.0.0.1   3         50.0%\n10.0.0.2   2         33.3%\n(6 matching entries)\n");
        // Structured forms: the groups one a line for jsonl, the whole result otherwise.
        let show = |args: &FilterArgs, f: crate::output::Format| {
            let mut out = Vec::new();
            t.write(&mut out, args, &f).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            show(&args, crate::output::Format::Jsonl),
            "{\"key\":\"10.0.0.1\",\"count\":3}\n{\"key\":\"10.0.0.2\",\"count\":2}\n"
        );
        assert_eq!(show(&args, crate::output::Format::JsonPath("{.matched}".into())), "6\n");
        let count = FilterArgs::default();
        assert_eq!(show(&count, crate::output::Format::Table), "6\n");
        assert_eq!(show(&count, crate::output::Format::Jsonl), "{\"count\":6}\n");
    }

    #[test]
    fn top_must_be_positive() {
        assert_eq!(parse_top("3"), Ok(3));
        assert!(parse_top("0").unwrap_err().contains("1 or more"));
        assert!(parse_top("x").is_err());
    }

    #[test]
    fn services() {
        assert_eq!("5".parse::<ServiceSel>().unwrap(), ServiceSel::Id(5));
        assert_eq!(
            "10.96.0.10:53".parse::<ServiceSel>().unwrap(),
            ServiceSel::Frontend("10.96.0.10".parse().unwrap(), 53)
        );
        assert!("[fd00::1]:80".parse::<ServiceSel>().is_ok());
        assert!("x".parse::<ServiceSel>().is_err());
    }
}
