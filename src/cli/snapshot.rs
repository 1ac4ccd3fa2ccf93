//! `cdbg snapshot save|info|diff`: flags and output; the work is in `crate::snapshot`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{anyhow, Result};
use clap::{Args, Subcommand};

use crate::cli::{Ctx, Exit};
use crate::snapshot::{diff, info, save};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Save this node's maps, agent answers, Hubble flows and clocks into one file
    Save(SaveArgs),
    /// Describe a snapshot: node, versions, times, maps, answers and flows inside
    Info(InfoArgs),
    /// Compare two snapshots map by map (exit 0 identical, 1 different)
    Diff(Box<DiffArgs>),
}

#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Output file (default cdbg-<hostname>-<UTC time>.snap; - for stdout)
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Largest file to write (bytes, or with KiB/MiB/GiB)
    #[arg(long, default_value = "4GiB", value_name = "SIZE", value_parser = parse_size)]
    pub max_size: u64,
    /// Hubble flows to save (the last N)
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub flows: u64,
    /// Timeout of each agent and Hubble request (Go duration)
    #[arg(long, default_value = "2s", value_name = "duration", value_parser = parse_timeout)]
    pub agent_timeout: Duration,
    /// Address of the Hubble server
    #[arg(long, env = "HUBBLE_SERVER", default_value = crate::hubble::client::DEFAULT_SERVER, value_name = "string")]
    pub hubble_server: String,
}

#[derive(Debug, Args)]
pub struct InfoArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[arg(value_name = "A")]
    pub a: PathBuf,
    #[arg(value_name = "B")]
    pub b: PathBuf,
    /// Compare only this map (pinned name)
    #[arg(long, value_name = "NAME")]
    pub map: Option<String>,
    /// Output format: text (default) or jsonl (one change per line)
    #[arg(short, long, default_value = "text", value_name = "FORMAT")]
    pub output: String,
    /// Filters: only entries whose old or new value matches, in the maps cdbg can filter (CT,
    /// NAT, ipcache, lxc, LB services, backends and rev-NAT); other maps are left out
    #[command(flatten)]
    pub filter: crate::filter::FilterArgs,
}

fn parse_size(s: &str) -> Result<u64, String> {
    crate::agent::client::parse_size(s)
        .map(|n| n as u64)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("invalid size {s:?}: use bytes or a KiB/MiB/GiB suffix, e.g. 512MiB"))
}

fn parse_timeout(s: &str) -> Result<Duration, String> {
    crate::gotime::positive_duration(s).map_err(|e| e.to_string())
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Cmd::Save(a) => {
            let o = save::Options {
                file: a.file,
                max_size: a.max_size,
                flows: a.flows,
                agent_timeout: a.agent_timeout,
                host: ctx.host.clone(),
                hubble_server: a.hubble_server,
                state_dir: ctx.state_dir.clone(),
            };
            let (file, notes) = save::save(&ctx.bpf, &o)?;
            for n in &notes {
                crate::output::notes::line(format_args!("note: {n}"));
            }
            if let Some(f) = file {
                writeln!(out, "Saved {}", f.display())?;
            }
            Ok(())
        }
        Cmd::Info(a) => info::write(out, &a.file),
        Cmd::Diff(a) => {
            let jsonl = match a.output.as_str() {
                "text" | "" => false,
                "jsonl" => true,
                o => return Err(anyhow!("unknown output {o:?} for snapshot diff: use text or jsonl")),
            };
            if a.filter.aggregates() {
                return Err(anyhow!(
                    "snapshot diff lists changes: it does not combine with --count or --top"
                ));
            }
            let differ = diff::run(out, &a.a, &a.b, a.map.as_deref(), &a.filter, jsonl)?;
            out.flush()?;
            if differ {
                return Err(Exit(1).into());
            }
            Ok(())
        }
    }
}
