//! The `service list` table (cilium-dbg/cmd/service_list.go `printServiceList`).

use std::io::Write;

use anyhow::Result;

use crate::agent::models::service::{BackendAddress, FrontendAddress};
use crate::agent::models::Service;
use crate::output::sanitize::Writer;
use crate::output::table::tabwriter;

fn host_port(ip: &str, port: u16) -> String {
    if ip.contains(':') {
        format!("[{ip}]:{port}")
    } else {
        format!("{ip}:{port}")
    }
}

fn proto_suffix(p: &str) -> String {
    if p.is_empty() || p.eq_ignore_ascii_case("any") {
        String::new()
    } else {
        format!("/{}", p.to_uppercase())
    }
}

pub fn frontend(f: &FrontendAddress) -> String {
    let mut s = host_port(&f.ip, f.port);
    s.push_str(&proto_suffix(&f.protocol));
    if f.scope == "internal" {
        s.push_str("/i");
    }
    s
}

fn backend(i: usize, b: &BackendAddress, affinity: bool) -> String {
    let mut s = format!(
        "{} => {}{} ({})",
        i + 1,
        host_port(b.ip.as_deref().unwrap_or(""), b.port),
        proto_suffix(&b.protocol),
        b.state
    );
    if affinity && b.preferred {
        s.push_str(" (preferred)");
    }
    s
}

/// The `service list` table (tabwriter 5/3).
pub fn print_list(out: &mut dyn Write, list: &[Service], affinity: bool) -> Result<()> {
    let mut tw = Writer::new(tabwriter(&mut *out, 5, 3));
    writeln!(tw, "ID\tFrontend\tService Type\tBackend\t")?;
    for svc in list {
        let Some(r) = svc.status.as_ref().and_then(|s| s.realized.as_ref()) else {
            continue;
        };
        let fe = r.frontend_address.as_ref().map(frontend).unwrap_or_default();
        let mut kind = r.flags.as_ref().map(|f| f.kind.clone()).unwrap_or_default();
        if r.flags.as_ref().is_some_and(|f| !f.cluster.is_empty()) {
            kind.push_str(" (Remote)");
        }
        if r.backend_addresses.is_empty() {
            writeln!(tw, "{}\t{fe}\t{kind}\t\t", r.id)?;
        }
        for (i, b) in r.backend_addresses.iter().enumerate() {
            if i == 0 {
                writeln!(tw, "{}\t{fe}\t{kind}\t{}\t", r.id, backend(i, b, affinity))?;
            } else {
                writeln!(tw, "\t\t\t{}\t", backend(i, b, affinity))?;
            }
        }
    }
    tw.flush()?;
    Ok(())
}
