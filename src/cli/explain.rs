//! `cdbg explain SRC DST:PORT[/PROTO]`: what the datapath does to one connection, from the maps
//! (cdbg only). Parses the arguments into a `Flow` and hands the observations to `output`.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};

use anyhow::{anyhow, bail, Result};
use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::explain::{self, parse_proto, Explainer, Flow, Names};
use crate::output::{render, Doc, Listing, OutputArgs};

/// Explain what the datapath does to one connection, step by step, from the pinned maps
///
/// Each observation says whether it was read from a map (which map, which key) or inferred
/// (and why). Exit status 0 whatever the verdict; 1 when the maps cannot be read.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Source: IP, IP:PORT ([IPv6]:PORT), a local endpoint ID, or namespace/pod (needs the agent)
    pub src: String,
    /// Destination: IP:PORT[/PROTO] ([IPv6]:PORT[/PROTO]) or namespace/service:PORT[/PROTO]
    /// (needs the agent); PROTO is tcp (default), udp, sctp or icmp
    pub dst: String,
    /// Also show the last flows Hubble recorded for this connection, with their verdicts
    #[arg(long)]
    pub flows: bool,
    /// How many Hubble flows --flows shows
    #[arg(long, value_name = "uint", default_value_t = 5)]
    pub last: u64,
    #[command(flatten)]
    pub hubble: crate::cli::observe::ServerArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `IP`, `IP:PORT`, `[IPv6]:PORT`.
fn parse_addr(s: &str) -> Option<(IpAddr, Option<u16>)> {
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some((ip, None));
    }
    s.parse::<SocketAddr>().ok().map(|a| (a.ip(), Some(a.port())))
}

fn parse_src(ctx: &Ctx, names: &mut Names, s: &str) -> Result<(IpAddr, Option<u16>)> {
    if let Some(a) = parse_addr(s) {
        return Ok(a);
    }
    if let Ok(id) = s.parse::<u16>() {
        // An endpoint ID: its IPv4 address from cilium_lxc (one filtered pass).
        let (m, _) = ctx.bpf.open(&crate::maps::lxc::SPEC)?;
        let mut found = None;
        crate::bpf::walk::stream::<anyhow::Error, _>(&m, crate::maps::lxc::SPEC.name, |k, v| {
            if let (Some(k), Some(v)) = (
                crate::maps::lxc::EndpointKey::decode(k),
                crate::maps::lxc::EndpointInfo::decode(v),
            ) {
                if !v.is_host() && v.lxc_id == id && (found.is_none() || k.ip.is_ipv4()) {
                    found = Some(k.ip);
                }
            }
            Ok(())
        })?;
        return found.map(|ip| (ip, None)).ok_or_else(|| {
            anyhow!("endpoint {id} has no entry in cilium_lxc: `cdbg bpf endpoint list` lists the local endpoints")
        });
    }
    if s.contains('/') {
        return names.pod_ip(s)?.map(|ip| (ip, None)).ok_or_else(|| {
            anyhow!("pod {s} is not a local endpoint of this node (the agent lists none by that name)")
        });
    }
    bail!("source {s:?}: expected an IP, IP:PORT, an endpoint ID or namespace/pod")
}

fn parse_dst(names: &mut Names, s: &str) -> Result<(IpAddr, u16, u8)> {
    let (addr, proto) = match s.rsplit_once('/') {
        Some((a, p)) if parse_proto(p).is_some() => (a, parse_proto(p).unwrap_or(explain::TCP)),
        _ => (s, explain::TCP),
    };
    if let Some((ip, Some(port))) = parse_addr(addr) {
        return Ok((ip, port, proto));
    }
    if let Some((name, port)) = addr.rsplit_once(':') {
        if name.contains('/') {
            let port: u16 = port
                .parse()
                .map_err(|_| anyhow!("destination {s:?}: bad port {port:?}"))?;
            let fes = names.frontends_of(name)?;
            let want = explain::proto_name(proto);
            return fes
                .iter()
                .find(|(ip, p, pr)| *p == port && pr.eq_ignore_ascii_case(&want) && !ip.is_unspecified())
                .map(|(ip, p, _)| (*ip, *p, proto))
                .ok_or_else(|| anyhow!("service {name} has no frontend on port {port}/{want} (per the agent)"));
        }
    }
    if parse_addr(addr).is_some() {
        bail!("destination {s:?}: give a port (IP:PORT[/PROTO])");
    }
    bail!("destination {s:?}: expected IP:PORT[/PROTO], [IPv6]:PORT[/PROTO] or namespace/service:PORT[/PROTO]")
}

pub fn run(ctx: &Ctx, a: Args, out: &mut dyn Write) -> Result<()> {
    let mut names = Names::new(ctx.host.as_deref());
    let (src, sport) = parse_src(ctx, &mut names, &a.src)?;
    let (dst, dport, proto) = parse_dst(&mut names, &a.dst)?;
    if src.is_ipv4() != dst.is_ipv4() {
        bail!("source {src} and destination {dst} are of different address families");
    }
    ctx.bpf.check()?;
    let clock = crate::maps::clock::resolve(None, ctx.host.as_deref(), &ctx.state_dir).ok();
    let mut x = Explainer::new(&ctx.bpf, names, clock);
    let flow = Flow {
        src,
        sport,
        dst,
        dport,
        proto,
    };
    let q = explain::flows::FlowsQuery {
        server: &a.hubble.server,
        timeout: a.hubble.timeout,
        request_timeout: a.hubble.request_timeout,
        last: a.last,
    };
    let e = explain::explain(&mut x, flow, a.flows.then_some(&q))?;
    if let Some(note) = &e.names_note {
        crate::output::notes::line(format_args!("note: {note}"));
    }
    let listing = Listing::new(
        |w: &mut dyn Write| e.write_text(w),
        || Ok(Doc::value(&e.observations)),
        || e.observations.iter(),
    );
    render(out, &a.output.output, &listing)
}
