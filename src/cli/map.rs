//! `map list` / `map get`: the agent's userspace cache of the BPF maps it opened
//! (cilium-dbg/cmd/map_list.go, map_get.go) — not the kernel maps (see `bpf ...` for those).
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::agent::models::{BpfMap, BpfMapList};
use crate::agent::{output, Client};
use crate::cli::Ctx;
use crate::output::sanitize::{self, Writer};
use crate::output::{render, table::tabwriter, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List all open BPF maps
    List(ListArgs),
    /// Display cached content of given BPF map
    Get(GetArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print cache contents of all maps
    #[arg(long)]
    pub verbose: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Map name (e.g. cilium_ipcache)
    pub name: String,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn base(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or(path)
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let client = Client::for_commands(ctx.host.as_deref())?;
    match cmd {
        Cmd::List(a) => {
            let raw = client.get_raw("/map")?;
            let list = output::answer_as(
                &raw,
                output::Model::new(crate::maps::Version::detect(&ctx.bpf), "BPFMapList"),
                |w| {
                    let list: BpfMapList = client.decode("/map", 200, &raw)?;
                    print_list(w, &list, a.verbose)
                },
            );
            render(out, &a.output.output, &list)
        }
        Cmd::Get(a) => {
            let path = format!("/map/{}", crate::agent::encode_path(&a.name));
            let raw = client.get_raw(&path)?;
            let one = output::answer_as(
                &raw,
                output::Model::new(crate::maps::Version::detect(&ctx.bpf), "BPFMap"),
                |w| {
                    let m: BpfMap = client.decode(&path, 200, &raw)?;
                    print_entries(w, &m)
                },
            );
            render(out, &a.output.output, &one)
        }
    }
}

/// `map list`: one line per map, or with `--verbose` every map's cached entries.
fn print_list(out: &mut dyn Write, list: &BpfMapList, verbose: bool) -> Result<()> {
    let Some(maps) = &list.maps else { return Ok(()) };
    if verbose {
        for m in maps {
            writeln!(out, "## Map: {}", sanitize::field(base(&m.path)))?;
            print_entries(out, m)?;
            writeln!(out)?;
        }
        return Ok(());
    }
    let mut tw = Writer::new(tabwriter(&mut *out, 5, 3));
    writeln!(tw, "Name\tNum entries\tNum errors\tCache enabled")?;
    for m in maps {
        let entries = m.cache.as_ref().map(|c| c.len()).unwrap_or(0);
        let errors = m.cache.iter().flatten().filter(|e| !e.last_error.is_empty()).count();
        writeln!(tw, "{}\t{entries}\t{errors}\t{}", base(&m.path), m.cache.is_some())?;
    }
    tw.flush()?;
    Ok(())
}

/// `printMapEntries`: the cached entries of one map, or why there are none.
fn print_entries(out: &mut dyn Write, m: &BpfMap) -> Result<()> {
    match &m.cache {
        None => {
            writeln!(out, "Cache is disabled\n")?;
        }
        Some(c) if c.is_empty() => {
            writeln!(out, "Cache is empty\n")?;
        }
        Some(c) => {
            let mut tw = Writer::new(tabwriter(&mut *out, 5, 3));
            writeln!(tw, "Key\tValue\tState\tError")?;
            for e in c {
                writeln!(tw, "{}\t{}\t{}\t{}", e.key, e.value, e.desired_action, e.last_error)?;
            }
            tw.flush()?;
        }
    }
    Ok(())
}
