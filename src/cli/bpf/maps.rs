//! `bpf maps list` (cdbg): every pinned map under tc/globals with type, sizes, fill and memlock.
//! Also the small helpers the other `bpf` map commands share (dump, absent-map notices, output).

use std::io::Write;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::bpf::{self, map_type, DumpOptions, Map};
use crate::cli::{Ctx, Exit};
use crate::output::{self, table, Format, OutputArgs};

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

/// One pinned map in `bpf maps list`.
#[derive(Debug, Serialize)]
pub struct MapRow {
    pub name: String,
    #[serde(rename = "type")]
    pub map_type: String,
    pub key_size: u32,
    pub value_size: u32,
    /// `None` for maps whose entries are not data (program and perf-event arrays).
    pub entries: Option<u64>,
    pub max_entries: u32,
    pub flags: u32,
    pub memlock: Option<u64>,
    pub id: u32,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let globals = ctx.bpf.globals();
    let names = ctx.bpf.pinned_names().with_context(|| {
        format!(
            "cannot list {}: is --bpf-root ({}) the host's bpffs with Cilium's pins?",
            globals.display(),
            ctx.bpf.0.display()
        )
    })?;
    let mut rows = Vec::new();
    for name in names {
        let path = globals.join(&name);
        if path.is_dir() {
            continue;
        }
        let map = match Map::open_pinned(&path) {
            Ok(m) => m,
            // programs, links and other non-map pins
            Err(e) if e.errno() == Some(libc::EINVAL) => continue,
            Err(e) => {
                eprintln!("Skipping {}: {e}", path.display());
                continue;
            }
        };
        let info = map.info().clone();
        let entries = match info.map_type {
            map_type::PROG_ARRAY | map_type::PERF_EVENT_ARRAY => None,
            _ => bpf::dump::count(&map).ok().map(|s| s.entries),
        };
        rows.push(MapRow {
            name,
            map_type: map_type::name(info.map_type),
            key_size: info.key_size,
            value_size: info.value_size,
            entries,
            max_entries: info.max_entries,
            flags: info.flags,
            memlock: map.memlock(),
            id: info.id,
        });
    }
    if !a.output.output.is_table() {
        return emit(out, &a.output.output, &rows, rows.iter());
    }
    let mut tw = table::tabwriter(&mut *out, 5, 3);
    writeln!(tw, "NAME\tTYPE\tKEY\tVALUE\tENTRIES\tMAX\tUSE\tMEMLOCK")?;
    for r in &rows {
        let (entries, usage) = match r.entries {
            Some(n) if r.max_entries > 0 => (
                n.to_string(),
                format!("{:.1}%", n as f64 * 100.0 / r.max_entries as f64),
            ),
            Some(n) => (n.to_string(), "-".into()),
            None => ("-".into(), "-".into()),
        };
        writeln!(
            tw,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.name,
            r.map_type,
            r.key_size,
            r.value_size,
            entries,
            r.max_entries,
            usage,
            r.memlock.map(human_bytes).unwrap_or_else(|| "-".into())
        )?;
    }
    tw.flush()?;
    Ok(())
}

/// Bytes as `12.3 KiB`.
pub fn human_bytes(n: u64) -> String {
    const U: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < U.len() {
        v /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", U[i])
    }
}

/// Read every entry of a map (the tables sort, so they need all rows; bounded by max_entries).
/// Warns on stderr when the walk could not be completed consistently.
pub fn dump_all(map: &Map) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut rows = Vec::new();
    let stats = bpf::dump(
        map,
        &DumpOptions::default(),
        |k: &[u8], v: &[u8]| -> Result<(), bpf::BpfError> {
            rows.push((k.to_vec(), v.to_vec()));
            Ok(())
        },
    )
    .with_context(|| format!("dumping {}", map.path().display()))?;
    if let Some(why) = stats.incomplete {
        eprintln!("Warning: {}: {why}", map.path().display());
    }
    Ok(rows)
}

/// Write a structured format: the cilium-dbg document for json/yaml/jsonpath, or one typed
/// record per line for jsonl.
pub fn emit<D, I, R>(out: &mut dyn Write, format: &Format, doc: &D, records: I) -> Result<()>
where
    D: Serialize + ?Sized,
    I: IntoIterator<Item = R>,
    R: Serialize,
{
    if *format == Format::Jsonl {
        for r in records {
            output::json::write_line(out, &r)?;
        }
        return Ok(());
    }
    output::write_document(out, format, doc)?;
    Ok(())
}

/// Report an absent map on stderr (what is missing and why that is normal) and exit with
/// cilium-dbg's status for that command.
pub fn absent(what: &str, why: &str, status: u8) -> Result<()> {
    eprintln!("{what}: {why}");
    if status != 0 {
        return Err(Exit(status).into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn human() {
        assert_eq!(super::human_bytes(512), "512 B");
        assert_eq!(super::human_bytes(1536), "1.5 KiB");
    }
}
