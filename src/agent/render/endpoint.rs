//! The `endpoint list` table (cilium-dbg/cmd/endpoint_list.go `printEndpointList`).

use std::io::Write;

use anyhow::Result;

use crate::agent::models::Endpoint;
use crate::output::sanitize::Writer;
use crate::output::table::tabwriter;

fn policy_columns(mode: Option<&str>) -> (&'static str, &'static str) {
    match mode {
        Some("none") => ("Disabled", "Disabled"),
        Some("both") => ("Enabled", "Enabled"),
        Some("ingress") => ("Enabled", "Disabled"),
        Some("egress") => ("Disabled", "Enabled"),
        Some("audit-both") => ("Disabled (Audit)", "Disabled (Audit)"),
        Some("audit-ingress") => ("Disabled (Audit)", "Disabled"),
        Some("audit-egress") => ("Disabled", "Disabled (Audit)"),
        _ => ("Unknown", "Unknown"),
    }
}

/// The `endpoint list` table (tabwriter 5/3), rows sorted by ID.
pub fn print_list(out: &mut dyn Write, eps: &[Endpoint], no_headers: bool) -> Result<()> {
    let mut tw = Writer::new(tabwriter(&mut *out, 5, 3));
    if !no_headers {
        writeln!(
            tw,
            "ENDPOINT\tPOLICY (ingress)\tPOLICY (egress)\tIDENTITY\tLABELS (source:key[=value])\tIPv6\tIPv4\tSTATUS\t"
        )?;
        writeln!(tw, "\tENFORCEMENT\tENFORCEMENT\t\t\t\t\t")?;
    }
    for ep in eps {
        let st = ep.status.as_ref();
        let mode = st
            .and_then(|s| s.policy.as_ref())
            .and_then(|p| p.realized.as_ref())
            .map(|r| r.policy_enabled.as_str());
        let (ing, egr) = policy_columns(mode);
        let identity = st
            .and_then(|s| s.identity.as_ref())
            .map(|i| i.id.to_string())
            .unwrap_or_else(|| "<no label id>".into());
        let mut labels: Vec<String> = st
            .and_then(|s| s.labels.as_ref())
            .map(|l| l.security_relevant.clone())
            .unwrap_or_default();
        labels.sort();
        if labels.is_empty() {
            labels.push("no labels".into());
        }
        let (v6, v4) = match st.and_then(|s| s.networking.as_ref()) {
            None => ("Unknown".to_string(), "Unknown".to_string()),
            Some(n) => match n.addressing.first() {
                None => ("No address".into(), "No address".into()),
                Some(a) => (a.ipv6.clone(), a.ipv4.clone()),
            },
        };
        let state = st.and_then(|s| s.state.clone()).unwrap_or_else(|| "Unknown".into());
        writeln!(
            tw,
            "{}\t{ing}\t{egr}\t{identity}\t{}\t{v6}\t{v4}\t{state}\t",
            ep.id, labels[0]
        )?;
        for l in &labels[1..] {
            writeln!(tw, "\t\t\t\t{l}\t\t\t\t")?;
        }
    }
    tw.flush()?;
    Ok(())
}
