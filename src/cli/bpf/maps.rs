//! `bpf maps list` (cdbg): every pinned map under tc/globals with type, sizes, fill and memlock.
//! Also the small helpers the other `bpf` map commands share (dump, absent-map notices, and the
//! one "open or say missing → watch or list through the map's view" path).

use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::bpf::walk::Sorted;
use crate::bpf::Map;
use crate::checks::pressure::human_bytes;
use crate::cli::{Ctx, Exit};
use crate::maps::view::View;
use crate::maps::MapSpec;
use crate::output::sorted::{Layout, ViewListing};
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

/// The flags of a small map listing: `-o` and the watch flags.
#[derive(Debug, Args)]
pub struct SmallArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

/// What a listing says when its map is not pinned: what is missing, why that is normal, and
/// cilium-dbg's exit status for it.
#[derive(Debug, Clone, Copy)]
pub struct Missing {
    pub what: &'static str,
    pub why: &'static str,
    pub status: u8,
}

impl Missing {
    /// Report it (see [`absent`]).
    pub fn report(&self) -> Result<()> {
        absent(self.what, self.why, self.status)
    }
}

/// Open `spec`, or report it [`Missing`] (`None`: nothing more to print).
pub fn open_or_missing(ctx: &Ctx, spec: &MapSpec, missing: &Missing) -> Result<Option<Map>> {
    match ctx.bpf.open_if_exists(spec)? {
        Some((m, _)) => Ok(Some(m)),
        None => missing.report().map(|()| None),
    }
}

/// A map listing shown through its [`View`]: with `--watch`/`--wait`/`--wait-gone` the watch,
/// else the entries of `maps` kept as compact raw bytes, sorted by `sort` (an entry it cannot
/// decode is an error naming the map) and rendered as `layout` says; `document` builds
/// cilium-dbg's `-o json|yaml` document from the sorted entries.
pub fn list<V, S, F, D>(
    a: &SmallArgs,
    maps: &[&Map],
    view: V,
    sort: F,
    layout: Layout,
    document: D,
    out: &mut dyn Write,
) -> Result<()>
where
    V: View,
    S: Ord,
    F: Fn(&[u8], &[u8]) -> Option<S>,
    D: Fn(&Sorted<S>) -> Result<Doc<'static>>,
{
    let format = &a.output.output;
    if a.watch.active() {
        return crate::watch::maps::watch(&a.watch, format, maps, view, None, out);
    }
    let all = sorted(maps, &view, sort)?;
    output::render(
        out,
        format,
        &ViewListing {
            view: &view,
            all: &all,
            jsonl: None,
            layout,
            document: || document(&all),
        },
    )
}

/// The entries of `maps` that `view` keeps, sorted by `sort` (tagged with the map's index).
pub fn sorted<V: View, S: Ord>(maps: &[&Map], view: &V, sort: impl Fn(&[u8], &[u8]) -> Option<S>) -> Result<Sorted<S>> {
    let mut all = Sorted::new();
    for (i, m) in maps.iter().enumerate() {
        all.add::<anyhow::Error, _>(m, i as u32, |k, v| {
            let s = sort(k, v).ok_or_else(|| crate::maps::bad_entry(m))?;
            Ok(view.keep(k, v).then_some(s))
        })?;
    }
    all.sort();
    Ok(all)
}
