//! The `service list` table (cilium-dbg/cmd/service_list.go `printServiceList`).

use std::io::Write;

use anyhow::Result;

use crate::agent::models::service::{BackendAddress, FrontendAddress};
use crate::agent::models::Service;
use crate::output::sanitize::Writer;
use crate::output::table::tabwriter;
use crate::release::Version;

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
    frontend_as(f, true)
}

/// A frontend as `service list` prints it; the 1.16 client prints no `/PROTO` (fidelity C13).
fn frontend_as(f: &FrontendAddress, protos: bool) -> String {
    let mut s = host_port(&f.ip, f.port);
    if protos {
        s.push_str(&proto_suffix(&f.protocol));
    }
    if f.scope == "internal" {
        s.push_str("/i");
    }
    s
}

fn backend(i: usize, b: &BackendAddress, affinity: bool, protos: bool) -> String {
    let proto = if protos {
        proto_suffix(&b.protocol)
    } else {
        String::new()
    };
    let mut s = format!(
        "{} => {}{proto} ({})",
        i + 1,
        host_port(b.ip.as_deref().unwrap_or(""), b.port),
        b.state
    );
    if affinity && b.preferred {
        s.push_str(" (preferred)");
    }
    s
}

/// The `service list` table (tabwriter 5/3), as the 1.17/1.18 client prints it.
pub fn print_list(out: &mut dyn Write, list: &[Service], affinity: bool) -> Result<()> {
    print_list_as(out, list, affinity, Version::V1_17)
}

/// The `service list` table as release `v`'s client prints it: 1.16 has no `/PROTO` suffixes.
pub fn print_list_as(out: &mut dyn Write, list: &[Service], affinity: bool, v: Version) -> Result<()> {
    let protos = v != Version::V1_16;
    let mut tw = Writer::new(tabwriter(&mut *out, 5, 3));
    writeln!(tw, "ID\tFrontend\tService Type\tBackend\t")?;
    for svc in list {
        let Some(r) = svc.status.as_ref().and_then(|s| s.realized.as_ref()) else {
            continue;
        };
        let fe = r
            .frontend_address
            .as_ref()
            .map(|f| frontend_as(f, protos))
            .unwrap_or_default();
        let mut kind = r.flags.as_ref().map(|f| f.kind.clone()).unwrap_or_default();
        if r.flags.as_ref().is_some_and(|f| !f.cluster.is_empty()) {
            kind.push_str(" (Remote)");
        }
        if r.backend_addresses.is_empty() {
            writeln!(tw, "{}\t{fe}\t{kind}\t\t", r.id)?;
        }
        for (i, b) in r.backend_addresses.iter().enumerate() {
            if i == 0 {
                writeln!(tw, "{}\t{fe}\t{kind}\t{}\t", r.id, backend(i, b, affinity, protos))?;
            } else {
                writeln!(tw, "\t\t\t{}\t", backend(i, b, affinity, protos))?;
            }
        }
    }
    tw.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v1_16_prints_no_protocols() {
        // fidelity C13: `10.96.0.10:53/UDP … 1 => 172.20.0.24:53/UDP (active)` in 1.17.
        let svc: Service = serde_json::from_value(serde_json::json!({"status": {"realized": {"id": 3,
            "frontend-address": {"ip": "10.96.0.10", "port": 53, "protocol": "UDP", "scope": "external"},
            "flags": {"type": "ClusterIP"},
            "backend-addresses": [{"ip": "172.20.0.24", "port": 53, "protocol": "UDP", "state": "active"}]}}}))
        .unwrap();
        let text = |v| {
            let mut b = Vec::new();
            print_list_as(&mut b, std::slice::from_ref(&svc), false, v).unwrap();
            String::from_utf8(b).unwrap()
        };
        let t17 = text(Version::V1_17);
        assert!(
            t17.contains("10.96.0.10:53/UDP   ClusterIP      1 => 172.20.0.24:53/UDP (active)"),
            "{t17}"
        );
        let t16 = text(Version::V1_16);
        assert!(
            t16.contains("3    10.96.0.10:53   ClusterIP      1 => 172.20.0.24:53 (active)   \n"),
            "{t16:?}"
        );
        assert_eq!(text(Version::V1_18), t17);
    }
}
