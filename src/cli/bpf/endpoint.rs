//! `bpf endpoint list|delete`: the local endpoint map `cilium_lxc`.

use std::collections::BTreeMap;
use std::io::Write;
use std::net::IpAddr;

use anyhow::{anyhow, Result};
use clap::{Args, Subcommand};

use super::maps::Query;
use crate::bpf::walk::Sorted;
use crate::cli::Ctx;
use crate::filter::FilterArgs;
use crate::maps::lxc::{self, EndpointKey, View};
use crate::maps::Version;
use crate::output::sorted::{Layout, ViewListing};
use crate::output::{self, Doc, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List local endpoint entries
    #[command(visible_alias = "ls")]
    List(Box<ListArgs>),
    /// Delete local endpoint entries
    Delete(DeleteArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// IP address of the entry to delete
    pub ip: String,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Cmd::List(a) => list(ctx, *a, out),
        Cmd::Delete(a) => delete(ctx, a),
    }
}

fn list(ctx: &Ctx, a: ListArgs, out: &mut dyn Write) -> Result<()> {
    let (map, _) = ctx.bpf.open(&lxc::SPEC)?;
    let version = Version::detect(&ctx.bpf);
    let format = &a.output.output;
    if a.watch.active() {
        let view = View {
            version,
            filter: Some(&a.filter),
        };
        return crate::watch::maps::watch(&a.watch, format, &[&map], view, Some(&a.filter), out);
    }
    // Compact raw entries sorted by the decoded key; text is made only while writing.
    let mut sel = Query::new(&a.filter);
    let mut all = Sorted::<EndpointKey>::new();
    all.add::<anyhow::Error, _>(&map, 0, |k, val| {
        let row = View::decode(k, val).ok_or_else(|| crate::maps::bad_entry(&map))?;
        Ok(sel.keep(&row).then_some(row.0))
    })?;
    if sel.aggregates() {
        return sel.finish(out, format);
    }
    all.sort();
    let view = View { version, filter: None };
    output::render(
        out,
        format,
        &ViewListing {
            view: &view,
            all: &all,
            jsonl: None,
            layout: Layout::Pairs { note_empty: false },
            document: || {
                let doc: BTreeMap<String, Vec<String>> = all
                    .iter()
                    .filter_map(|e| View::decode(e.key, e.value))
                    .map(|(k, val)| (k.to_string(), vec![val.format(version)]))
                    .collect();
                Ok(Doc::value(doc))
            },
        },
    )
}

fn delete(ctx: &Ctx, a: DeleteArgs) -> Result<()> {
    if a.ip.is_empty() {
        return Err(anyhow!("Please specify the endpoint to delete"));
    }
    let ip: IpAddr =
        a.ip.parse()
            .map_err(|e| anyhow!("Unable to parse IP '{}': {e}", a.ip))?;
    let (map, _) = ctx
        .bpf
        .open_rw(&lxc::SPEC)
        .map_err(|e| anyhow!("Unable to open map: {e}"))?;
    let key = lxc::key_for(ip);
    match map.delete(&key.encode()) {
        Ok(true) => Ok(()),
        Ok(false) => Err(anyhow!(
            "Unable to delete endpoint entry: {} has no entry in {} (see `cdbg bpf endpoint list`)",
            key.ip,
            map.path().display()
        )),
        Err(e) => Err(anyhow!("Unable to delete endpoint entry: {e}")),
    }
}
