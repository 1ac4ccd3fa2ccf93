//! `bpf metrics list`: datapath forward/drop counters from `cilium_metrics` (per-CPU, summed).

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::cli::Ctx;
use crate::maps::metrics::{self, JsonMetric, View};
use crate::maps::view::View as _;
use crate::output::sorted::{Layout, ViewListing};
use crate::output::{self, Doc, OutputArgs};

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
    // Per-CPU values are summed while the walk runs: each counter keeps its key and sums
    // (24 bytes); text is made only while writing.
    let mut rows: Vec<([u8; metrics::KEY_SIZE], [u8; metrics::VALUE_SIZE])> =
        crate::bpf::walk::collect(&map, |k, v| {
            View::sum(k, v).ok_or_else(|| anyhow::Error::from(crate::maps::bad_entry(&map)))
        })?;
    // `-o jsonl` by reason code, direction, line and file.
    let decode = |(k, v): &([u8; metrics::KEY_SIZE], [u8; metrics::VALUE_SIZE])| View::decode(k, v);
    rows.sort_by_cached_key(|r| {
        decode(r).map(|(k, _, _)| (k.reason, k.direction(), k.line, metrics::file_name(k.file)))
    });
    // The table as cilium-dbg sorts it: the rows as strings, column by column (a tab sorts
    // before any character a cell holds, so whole lines compare the same).
    let mut lines = rows.clone();
    lines.sort_by_cached_key(|(k, v)| {
        let mut b = Vec::with_capacity(64);
        let _ = View.table(k, v, &mut b);
        b
    });
    let format = &a.output.output;
    // An empty map is an empty list in every structured format: `-o json` stays valid JSON.
    output::render(
        out,
        format,
        &ViewListing {
            view: &View,
            all: &lines[..],
            jsonl: Some(&rows[..]),
            layout: Layout::Rows,
            document: || {
                // cilium-dbg sums rows that agree on reason, direction, line and file.
                let mut summed: BTreeMap<(String, String, u16, String), (u64, u64)> = BTreeMap::new();
                for (k, p, b) in rows.iter().filter_map(decode) {
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
        },
    )
}
