//! cilium-health's answer as `status` prints it (pkg/health/client `FormatHealthStatusResponse`):
//! cells for the status tabwriter.

use std::fmt::Write as _;

use crate::agent::models::{self, HealthStatusResponse};

/// `FormatHealthStatusResponse` (health API, 1.16+ layout): cells for the outer tabwriter.
pub fn format_health(sr: &HealthStatusResponse, all_nodes: bool, verbose: bool, max_lines: usize) -> String {
    let mut w = String::new();
    let local = sr.local.as_ref().map(|l| l.name.as_str());
    let healthy = sr.nodes.iter().filter(|n| node_healthy(n)).count();
    let _ = writeln!(
        w,
        "Cluster health:\t{}/{} reachable\t({})\t(Probe interval: {})",
        healthy,
        sr.nodes.len(),
        sr.timestamp,
        sr.probe_interval
    );
    w.push_str("Name\tIP\tNode\tEndpoints\n");
    let mut printed = 0usize;
    let localhost = sr.nodes.iter().find(|n| Some(n.name.as_str()) == local);
    if let Some(n) = localhost {
        if format_node(&mut w, n, all_nodes, verbose, true) {
            printed += 1;
        }
    }
    let mut nodes: Vec<&models::HealthNode> = sr.nodes.iter().collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    for n in nodes {
        if printed == max_lines {
            break;
        }
        if Some(n.name.as_str()) == local {
            continue;
        }
        if format_node(&mut w, n, all_nodes, verbose, false) {
            printed += 1;
        }
    }
    if sr.nodes.len() as i64 - printed as i64 - healthy as i64 > 0 {
        w.push_str("  ...\n");
    }
    w
}

#[derive(PartialEq)]
enum Conn {
    Reachable,
    Unreachable,
    Unknown,
}

fn conn(cs: &Option<models::ConnectivityStatus>) -> Conn {
    match cs {
        None => Conn::Unknown,
        Some(c) if c.status.is_empty() => Conn::Reachable,
        Some(_) => Conn::Unreachable,
    }
}

fn path_conn(p: Option<&models::PathStatus>) -> Conn {
    let Some(p) = p else { return Conn::Unreachable };
    let mut s = Conn::Reachable;
    for c in [&p.icmp, &p.http] {
        match conn(c) {
            Conn::Unreachable => return Conn::Unreachable,
            Conn::Unknown => s = Conn::Unknown,
            Conn::Reachable => {}
        }
    }
    s
}

/// (reachable, unknown, total, healthy) over a node's primary and secondary paths.
fn summarize(h: Option<&models::HealthHost>) -> (usize, usize, usize, bool) {
    let Some(h) = h else { return (0, 0, 0, true) };
    let mut r = (0, 0, 1 + h.secondary_addresses.len(), true);
    let paths = std::iter::once(h.primary_address.as_ref()).chain(h.secondary_addresses.iter().map(|p| p.as_ref()));
    for p in paths {
        match path_conn(p) {
            Conn::Reachable => r.0 += 1,
            Conn::Unknown => r.1 += 1,
            Conn::Unreachable => r.3 = false,
        }
    }
    r
}

fn node_healthy(n: &models::HealthNode) -> bool {
    summarize(n.host.as_ref()).3 && summarize(n.health_endpoint.as_ref()).3
}

fn format_node(w: &mut String, n: &models::HealthNode, all: bool, verbose: bool, localhost: bool) -> bool {
    let local = if localhost { " (localhost)" } else { "" };
    if verbose {
        let _ = writeln!(w, "  {}{}:", n.name, local);
        let host = n.host.as_ref();
        format_path(w, "Host", host.and_then(|h| h.primary_address.as_ref()), verbose);
        for a in host.map(|h| h.secondary_addresses.as_slice()).unwrap_or_default() {
            format_path(w, "Secondary Host", a.as_ref(), verbose);
        }
        let ep = n.health_endpoint.as_ref();
        format_path(w, "Endpoint", ep.and_then(|h| h.primary_address.as_ref()), verbose);
        for a in ep.map(|h| h.secondary_addresses.as_slice()).unwrap_or_default() {
            format_path(w, "Secondary Endpoint", a.as_ref(), verbose);
        }
        return true;
    }
    let (hr, hu, ht, hh) = summarize(n.host.as_ref());
    let (er, eu, et, eh) = summarize(n.health_endpoint.as_ref());
    if (hh && eh) && !all {
        return false;
    }
    let ip = n
        .host
        .as_ref()
        .and_then(|h| h.primary_address.as_ref())
        .map(|p| p.ip.as_str())
        .unwrap_or("Unavailable");
    let _ = write!(w, "  {}{}\t{}", n.name, local, ip);
    for a in n.host.iter().flat_map(|h| h.secondary_addresses.iter().flatten()) {
        let _ = write!(w, ",{}", a.ip);
    }
    let _ = write!(w, "\t{hr}/{ht}");
    if hu > 0 {
        let _ = write!(w, " ({hu} unknown)");
    }
    let _ = write!(w, "\t{er}/{et}");
    if eu > 0 {
        let _ = write!(w, " ({eu} unknown)");
    }
    w.push('\n');
    true
}

fn format_path(w: &mut String, name: &str, p: Option<&models::PathStatus>, verbose: bool) {
    let Some(p) = p else {
        if verbose {
            let _ = writeln!(w, "    {name} connectivity:\tnil");
        }
        return;
    };
    let _ = writeln!(w, "    {name} connectivity to {}:", p.ip);
    for (label, c) in [("ICMP to stack", &p.icmp), ("HTTP to agent", &p.http)] {
        if let Some(c) = c {
            let res = if c.status.is_empty() {
                format!("OK, RTT={}", crate::gotime::duration_string(c.latency))
            } else {
                c.status.clone()
            };
            let _ = writeln!(w, "      {label}:\t{res}\t(Last probed: {})", c.last_probed);
        }
    }
}
