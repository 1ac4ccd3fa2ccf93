//! `bpf config list`: the runtime config array (`cilium_runtime_config`): agent liveness and
//! the utime offset.

use std::io::Write;

use anyhow::{anyhow, Result};
use clap::Subcommand;

pub use super::maps::SmallArgs as ListArgs;
use super::maps::{open_or_missing, Missing};
use crate::cli::Ctx;
use crate::maps::runtime_config::{self, JsonEntry, View, AGENT_LIVENESS, UTIME_OFFSET};
use crate::output::sorted::{Layout, ViewListing};
use crate::output::{self, Doc};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all runtime config entries
    #[command(visible_alias = "ls")]
    List(ListArgs),
}

const MISSING: Missing = Missing {
    what: "Cannot find config bpf map",
    why: "cilium_runtime_config is not pinned; every agent creates it at startup, so check --bpf-root or whether the agent ever ran here",
    status: 0,
};

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let Some(map) = open_or_missing(ctx, &runtime_config::SPEC, &MISSING)? else {
        return Ok(());
    };
    let format = &a.output.output;
    if a.watch.active() {
        return crate::watch::maps::watch(&a.watch, format, &[&map], View, None, out);
    }
    // The two slots cilium-dbg reads, by lookup (an array map has all 256).
    let mut entries = Vec::new();
    for idx in [AGENT_LIVENESS, UTIME_OFFSET] {
        let mut v = [0u8; runtime_config::VALUE_SIZE];
        map.lookup(&idx.to_ne_bytes(), &mut v).map_err(|e| {
            anyhow!(
                "Cannot load value with index {:?} from config bpf map: {e}",
                runtime_config::index_name(idx)
            )
        })?;
        View::decode(&idx.to_ne_bytes(), &v).ok_or_else(|| crate::maps::bad_entry(&map))?;
        entries.push((idx.to_ne_bytes(), v));
    }
    output::render(
        out,
        format,
        &ViewListing {
            view: &View,
            all: &entries[..],
            jsonl: None,
            layout: Layout::Rows,
            document: || {
                let doc: Vec<JsonEntry> = entries
                    .iter()
                    .filter_map(|(k, v)| View::decode(k, v))
                    .map(|(i, value)| JsonEntry {
                        key: runtime_config::index_name(i),
                        value,
                    })
                    .collect();
                Ok(Doc::value(doc))
            },
        },
    )
}
