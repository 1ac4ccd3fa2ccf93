//! The `identity list` / `identity get` tables (cilium-dbg/cmd/identity_list.go, identity_get.go).

use std::io::Write;

use anyhow::Result;

use crate::agent::models::{Identity, IdentityEndpoints};
use crate::output::sanitize::Writer;
use crate::output::table::tabwriter;

/// Labels in printable form (`source:key=value`), sorted.
pub fn printable(labels: &[String]) -> Vec<String> {
    let mut v = labels.to_vec();
    v.sort();
    v
}

/// `ID  LABELS` table (tabwriter minwidth 2, padding 3).
pub fn print_identities(out: &mut dyn Write, ids: &[Identity]) -> Result<()> {
    let mut tw = Writer::new(tabwriter(&mut *out, 2, 3));
    writeln!(tw, "ID\tLABELS")?;
    for id in ids {
        for (n, l) in printable(&id.labels).iter().enumerate() {
            if n == 0 {
                writeln!(tw, "{}\t{l}", id.id)?;
            } else {
                writeln!(tw, "\t{l}")?;
            }
        }
    }
    tw.flush()?;
    Ok(())
}

/// `identity list --endpoints`: `ID  LABELS  REFCOUNT` (tabwriter minwidth 5, padding 3).
pub fn print_identity_endpoints(out: &mut dyn Write, ids: &[IdentityEndpoints]) -> Result<()> {
    let mut tw = Writer::new(tabwriter(&mut *out, 5, 3));
    writeln!(tw, "ID\tLABELS\tREFCOUNT")?;
    for ie in ids {
        let Some(id) = &ie.identity else { continue };
        for (n, l) in printable(&id.labels).iter().enumerate() {
            if n == 0 {
                writeln!(tw, "{}\t{l}\t{}\t", id.id, ie.ref_count)?;
            } else {
                writeln!(tw, "\t{l}\t")?;
            }
        }
    }
    tw.flush()?;
    Ok(())
}
