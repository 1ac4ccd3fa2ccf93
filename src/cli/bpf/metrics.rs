//! `bpf metrics list`: datapath forward/drop counters from `cilium_metrics` (per-CPU, summed).

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::cli::Ctx;
use crate::maps::metrics::{self, JsonMetric, Key, Record};
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List BPF datapath traffic metrics
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
    /// With --watch: only the N highest rates of each interval
    #[arg(long, value_name = "N", requires = "watch", help_heading = "Watch (cdbg)")]
    pub top: Option<usize>,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let (map, _) = ctx.bpf.open(&metrics::SPEC)?;
    if a.watch.active() {
        return crate::watch::rates::metrics(&a.watch, &a.output.output, &map, a.top, out);
    }
    // Per-CPU values are summed while the walk runs: only the sums are kept.
    let rows: Vec<(Key, u64, u64)> = crate::bpf::walk::collect(&map, |k, v| {
        let (p, b) = metrics::sum_percpu(v);
        let key = Key::decode(k).ok_or_else(|| crate::maps::bad_entry(&map))?;
        anyhow::Ok((key, p, b))
    })?;
    let format = &a.output.output;
    // An empty map is an empty list in every structured format: `-o json` stays valid JSON.
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                if rows.is_empty() {
                    crate::output::notes::line(format_args!("No entries found."));
                    return Ok(());
                }
                // cilium-dbg sorts the rows as strings, column by column.
                let mut cells: Vec<[String; 6]> = rows
                    .iter()
                    .map(|(k, p, b)| {
                        [
                            metrics::reason_name(k.reason),
                            k.direction().to_string(),
                            p.to_string(),
                            b.to_string(),
                            k.line.to_string(),
                            metrics::file_name(k.file),
                        ]
                    })
                    .collect();
                cells.sort();
                let mut tw = table::tabwriter(&mut *out, 5, 3);
                writeln!(tw, "REASON\tDIRECTION\tPACKETS\tBYTES\tLINE\tFILE")?;
                for c in &cells {
                    writeln!(tw, "{}\t{}\t{}\t{}\t{}\t{}", c[0], c[1], c[2], c[3], c[4], c[5])?;
                }
                tw.flush()?;
                Ok(())
            },
            || {
                // cilium-dbg sums rows that agree on reason, direction, line and file.
                let mut summed: BTreeMap<(String, String, u16, String), (u64, u64)> = BTreeMap::new();
                for (k, p, b) in &rows {
                    let e = summed
                        .entry((
                            metrics::reason_name(k.reason),
                            k.direction().to_lowercase(),
                            k.line,
                            metrics::file_name(k.file),
                        ))
                        .or_default();
                    e.0 += p;
                    e.1 += b;
                }
                let doc: Vec<JsonMetric> = summed
                    .into_iter()
                    .map(|((reason, direction, line, file), (packets, bytes))| JsonMetric {
                        reason,
                        direction,
                        packets,
                        bytes,
                        line,
                        file,
                    })
                    .collect();
                Ok(Doc::value(doc))
            },
            || {
                let mut recs: Vec<Record> = rows.iter().map(|(k, p, b)| Record::new(k, *p, *b)).collect();
                recs.sort_by(|x, y| {
                    (x.reason_code, x.direction, x.line, &x.file).cmp(&(y.reason_code, y.direction, y.line, &y.file))
                });
                recs
            },
        ),
    )
}
