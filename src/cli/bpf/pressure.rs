//! `bpf pressure` (also `bpf usage`): fill level of every pinned Cilium map (cdbg).

use std::io::Write;

use anyhow::Result;
use clap::Args as ClapArgs;

use crate::checks::pressure;
use crate::cli::Ctx;
use crate::output::{self, Doc, Listing, OutputArgs};

/// Every pinned map with type, entries, max_entries, fill % and memlock, most filled first.
///
/// Maps at or above 90 % full are marked `!`. Entries are counted with batch reads; a map that
/// changed while it was counted shows `~` before its count. Fixed-size arrays and program/perf
/// arrays have no fill level.
#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Only maps at or above this fill level (percent)
    #[arg(long, value_name = "PERCENT", value_parser = pressure::parse_percent)]
    pub min_fill: Option<f64>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, a: Args, out: &mut dyn Write) -> Result<()> {
    let (mut rows, errors) = pressure::scan(&ctx.bpf)?;
    if let Some(min) = a.min_fill {
        rows.retain(|u| u.fill_percent.is_some_and(|f| f >= min));
    }
    for e in &errors {
        crate::output::notes::line(format_args!("Unable to read {e}. Skipping."));
    }
    output::render(
        out,
        &a.output.output,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> { Ok(pressure::write_table(out, &rows)?) },
            || Ok(Doc::value(&rows)),
            || rows.iter(),
        ),
    )
}
