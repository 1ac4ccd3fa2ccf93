//! `bpf bandwidth list`: bandwidth-manager rate limits (`cilium_throttle`).

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::maps::{absent, dump_all};
use crate::cli::Ctx;
use crate::maps::throttle::{self, Key, Record, Value};
use crate::maps::Version;
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List BPF datapath bandwidth settings
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let Some((map, _)) = ctx.bpf.open_if_exists(&throttle::SPEC)? else {
        return absent(
            "bandwidth manager not enabled",
            "cilium_throttle is not pinned; this is normal when the bandwidth manager is off (bandwidthManager.enabled=false, the default)",
            1,
        );
    };
    let v = Version::detect(&ctx.bpf);
    if a.watch.active() {
        return crate::watch::small::bandwidth(&a.watch, &a.output.output, &map, v, out);
    }
    let mut rows: Vec<(Key, Value)> = dump_all(&map)?
        .iter()
        .map(|(k, val)| Some((Key::decode(k, v)?, Value::decode(val, v)?)))
        .collect::<Option<_>>()
        .ok_or_else(|| crate::maps::bad_entry(&map))?;
    rows.sort_by_key(|(k, _)| *k);
    let format = &a.output.output;
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                if rows.is_empty() {
                    crate::output::notes::line(format_args!("No entries found."));
                    return Ok(());
                }
                // cilium-dbg sorts the formatted cells as strings.
                let mut cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|(k, val)| {
                        let q = throttle::decimal_si(val.bps.saturating_mul(8));
                        if v >= Version::V1_18 {
                            vec![k.id.to_string(), k.direction_name().into(), val.prio.to_string(), q]
                        } else {
                            vec![k.id.to_string(), val.prio.to_string(), q]
                        }
                    })
                    .collect();
                cells.sort();
                let mut tw = table::tabwriter(&mut *out, 5, 3);
                if v >= Version::V1_18 {
                    writeln!(tw, "IDENTITY\tDIRECTION\tPRIO\tBANDWIDTH (BitsPerSec)")?;
                } else {
                    writeln!(tw, "IDENTITY\tPRIO\tBANDWIDTH (BitsPerSec)")?;
                }
                for c in &cells {
                    writeln!(tw, "{}", c.join("\t"))?;
                }
                tw.flush()?;
                Ok(())
            },
            || {
                let doc: BTreeMap<String, Vec<String>> = rows
                    .iter()
                    .map(|(k, val)| (throttle::key_string(k, v), vec![throttle::value_string(val, v)]))
                    .collect();
                Ok(Doc::value(doc))
            },
            || {
                rows.iter().map(|(k, val)| Record {
                    endpoint_id: k.id,
                    direction: k.direction_name(),
                    bytes_per_second: val.bps,
                    bits_per_second: val.bps * 8,
                    prio: val.prio,
                })
            },
        ),
    )
}
