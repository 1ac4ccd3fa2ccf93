//! `bpf maps list` (cdbg): every pinned map under tc/globals with type, sizes, fill and memlock.
//! Also the small helpers the other `bpf` map commands share (dump, absent-map notices, output).

use std::io::Write;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::bpf::{self, Map};
use crate::checks::pressure::human_bytes;
use crate::cli::{Ctx, Exit};
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List every pinned map: type, key/value sizes, entries, max entries, memlock
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    // The same scan as `bpf pressure`, listed by name with key/value sizes.
    let (mut rows, errors) = crate::checks::pressure::scan(&ctx.bpf)?;
    for e in &errors {
        crate::output::notes::line(format_args!("Skipping {e}"));
    }
    rows.sort_by(|x, y| x.name.cmp(&y.name));
    output::render(
        out,
        &a.output.output,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                let mut tw = table::tabwriter(&mut *out, 5, 3);
                writeln!(tw, "NAME\tTYPE\tKEY\tVALUE\tENTRIES\tMAX\tUSE\tMEMLOCK")?;
                for r in &rows {
                    let entries = r.entries.map_or("-".into(), |n| n.to_string());
                    let usage = r.fill_percent.map_or("-".into(), |f| format!("{f:.1}%"));
                    let mem = r.memlock_bytes.map_or("-".into(), human_bytes);
                    writeln!(
                        tw,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        crate::output::sanitize::field(&r.name),
                        r.map_type,
                        r.key_size,
                        r.value_size,
                        entries,
                        r.max_entries,
                        usage,
                        mem
                    )?;
                }
                tw.flush()?;
                Ok(())
            },
            || Ok(Doc::value(&rows)),
            || rows.iter(),
        ),
    )
}

/// Read every entry of a map (the tables sort, so they need all rows; bounded by max_entries).
/// Warns on stderr when the walk could not be completed consistently.
pub fn dump_all(map: &Map) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut rows = Vec::new();
    bpf::walk::stream(
        map,
        &map.path().display().to_string(),
        |k: &[u8], v: &[u8]| -> Result<(), bpf::BpfError> {
            rows.push((k.to_vec(), v.to_vec()));
            Ok(())
        },
    )
    .with_context(|| format!("dumping {}", map.path().display()))?;
    Ok(rows)
}

/// Report an absent map on stderr (what is missing and why that is normal) and exit with
/// cilium-dbg's status for that command.
pub fn absent(what: &str, why: &str, status: u8) -> Result<()> {
    crate::output::notes::line(format_args!("{what}: {why}"));
    if status != 0 {
        return Err(Exit(status).into());
    }
    Ok(())
}

pub use crate::query::Query;
