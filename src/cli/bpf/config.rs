//! `bpf config list`: the runtime config array (`cilium_runtime_config`): agent liveness and
//! the utime offset.

use std::io::Write;

use anyhow::{anyhow, Result};
use clap::{Args, Subcommand};

use super::maps::absent;
use crate::cli::Ctx;
use crate::maps::runtime_config::{self, JsonEntry, Record, AGENT_LIVENESS, UTIME_OFFSET};
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all runtime config entries
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
    let Some((map, _)) = ctx.bpf.open_if_exists(&runtime_config::SPEC)? else {
        return absent(
            "Cannot find config bpf map",
            "cilium_runtime_config is not pinned; every agent creates it at startup, so check --bpf-root or whether the agent ever ran here",
            0,
        );
    };
    if a.watch.active() {
        return crate::watch::small::config(&a.watch, &a.output.output, &map, out);
    }
    let mut entries = Vec::new();
    for idx in [AGENT_LIVENESS, UTIME_OFFSET] {
        let mut v = [0u8; 8];
        map.lookup(&idx.to_ne_bytes(), &mut v).map_err(|e| {
            anyhow!(
                "Cannot load value with index {:?} from config bpf map: {e}",
                runtime_config::index_name(idx)
            )
        })?;
        entries.push((
            idx,
            runtime_config::decode_value(&v).ok_or_else(|| crate::maps::bad_entry(&map))?,
        ));
    }
    let format = &a.output.output;
    let now = crate::clock::monotonic_ns();
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                let mut tw = table::tabwriter(&mut *out, 5, 3);
                writeln!(tw, "KEY\tVALUE")?;
                for (i, v) in &entries {
                    writeln!(tw, "{}\t{v}", runtime_config::index_name(*i))?;
                }
                tw.flush()?;
                Ok(())
            },
            || {
                Ok(Doc::value(
                    entries
                        .iter()
                        .map(|(i, v)| JsonEntry {
                            key: runtime_config::index_name(*i),
                            value: *v,
                        })
                        .collect::<Vec<_>>(),
                ))
            },
            || {
                entries.iter().map(|(i, v)| Record {
                    index: *i,
                    key: runtime_config::index_name(*i),
                    value: *v,
                    age_seconds: (*i == AGENT_LIVENESS).then(|| now.saturating_sub(*v) as f64 / 1e9),
                })
            },
        ),
    )
}
