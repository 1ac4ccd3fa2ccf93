//! `bpf policy get <ep-id> | --all`: per-endpoint policy maps, with peer labels from the agent.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::maps::Query;
use crate::agent::labels::Labels;
use crate::cli::Ctx;
use crate::filter::FilterArgs;
use crate::maps::policy::{self, Entry, Key, Record};
use crate::maps::policystats;
use crate::maps::{Access, Opened, Version};
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Get contents of a policy BPF map
    Get(Box<GetArgs>),
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Endpoint ID
    pub endpoint: Option<String>,
    /// Do not resolve IDs
    #[arg(short = 'n', long)]
    pub numeric: bool,
    /// Dump all policy maps
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub watch: crate::watch::WatchArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::Get(a) = cmd;
    crate::watch::refuse(
        &a.watch,
        &[(
            a.all,
            "--all",
            "a watch follows one endpoint's policy map; name the endpoint (cdbg bpf policy get <endpoint id> --watch)",
        )],
    )?;
    let v = Version::detect(&ctx.bpf);
    if a.all {
        return all(ctx, &a, out);
    }
    let Some(arg) = a.endpoint.as_deref() else {
        return Err(anyhow!(
            "Missing endpoint id argument; usage: cdbg bpf policy get <endpoint id> | --all"
        ));
    };
    let id: u64 = arg
        .parse()
        .map_err(|_| anyhow!("Failed to parse endpointID {arg:?}: expected a numeric endpoint ID"))?;
    let Ok(id) = u16::try_from(id) else {
        // Endpoint IDs are 16 bits: no map can have this name, but say where it would be.
        let path = ctx.bpf.path(&format!("{}{id:05}", policy_prefix(v)));
        return Err(anyhow!(
            "Failed to open map: no endpoint map is pinned at {}: endpoint IDs go up to {}, so there \
             is no endpoint {id} (list them with `cdbg bpf endpoint list` or `cilium-dbg endpoint list`)",
            path.display(),
            u16::MAX
        ));
    };
    let path = find_map(ctx, id, v);
    if a.watch.active() {
        return crate::watch::maps::policy(&ctx.bpf, &a.watch, &a.output.output, &path, id, &a.filter, out);
    }
    let (mut rows, mv) = content(ctx, &path)?;
    let format = &a.output.output;
    let mut sel = Query::new(&a.filter);
    rows.retain(|r| sel.keep(r));
    if sel.aggregates() {
        return sel.finish(out, format);
    }
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                let labels = Labels::resolve(ctx.host.as_deref(), rows.iter().map(|(k, _)| k.identity), a.numeric);
                print_table(out, &rows, mv, &labels, a.numeric, sel.filtering())
            },
            || {
                Ok(Doc::value(
                    rows.iter()
                        .map(|(k, e)| policy::dump_json(k, e, mv))
                        .collect::<Vec<_>>(),
                ))
            },
            || {
                let labels = Labels::resolve(ctx.host.as_deref(), rows.iter().map(|(k, _)| k.identity), a.numeric);
                rows.iter()
                    .map(|(k, e)| Record::new(id, k, e, mv, labels.get(k.identity)))
                    .collect::<Vec<_>>()
            },
        ),
    )
}

/// The policy map name prefix of a release.
fn policy_prefix(v: Version) -> &'static str {
    if v >= Version::V1_17 {
        policy::PREFIX_V2
    } else {
        policy::PREFIX_V1
    }
}

/// The endpoint's policy map: the release's name, else whichever of the two names is pinned.
fn find_map(ctx: &Ctx, id: u16, v: Version) -> PathBuf {
    let primary = ctx.bpf.path(&policy::map_name(id, v));
    if primary.exists() {
        return primary;
    }
    for name in [
        policy::map_name(id, Version::V1_17),
        policy::map_name(id, Version::V1_16),
    ] {
        let p = ctx.bpf.path(&name);
        if p.exists() {
            return p;
        }
    }
    primary
}

/// Read and sort one policy map; the layout version follows its name and value size.
fn content(ctx: &Ctx, path: &Path) -> Result<(Vec<(Key, Entry)>, Version)> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let (map, shape) = match ctx.bpf.open_map(&name, policy::SHAPES, Access::Read)? {
        Opened::Opened(m, s) => (m, s),
        Opened::Absent(a) => {
            return Err(anyhow!(
                "Failed to open map: {name} is not pinned at {}: no endpoint with that ID on this node \
                 (list them with `cdbg bpf endpoint list` or `cilium-dbg endpoint list`)",
                a.path.display()
            ))
        }
    };
    let mv = if shape.value_size as usize == policy::VALUE_SIZE_18 {
        Version::V1_18
    } else if name.starts_with(policy::PREFIX_V2) {
        Version::V1_17
    } else {
        Version::V1_16
    };
    let mut rows: Vec<(Key, Entry)> = crate::bpf::walk::collect(&map, |k, e| {
        let row = Key::decode(k).zip(Entry::decode(e));
        row.ok_or_else(|| anyhow::Error::from(crate::maps::bad_entry(&map)))
    })?;
    if mv >= Version::V1_18 {
        let ep = name.rsplit('_').next().and_then(|n| n.parse().ok()).unwrap_or(0);
        add_stats(ctx, ep, &mut rows)?;
    }
    policy::sort(&mut rows);
    Ok((rows, mv))
}

/// 1.18: the counters of each entry from `cilium_policystats` (summed over CPUs); an entry
/// without stats (or no stats map) keeps `None`, printed `-` (fidelity C15).
fn add_stats(ctx: &Ctx, ep: u16, rows: &mut [(Key, Entry)]) -> Result<()> {
    let Some((stats, _)) = ctx.bpf.open_if_exists(&policystats::SPEC)? else {
        return Ok(());
    };
    for (k, e) in rows {
        if let Some((packets, bytes)) = policystats::lookup(&stats, &policystats::Key::for_policy(ep, k))? {
            e.packets = Some(packets);
            e.bytes = Some(bytes);
        }
    }
    Ok(())
}

/// `filtered`: rows were left out by a filter, so an empty table says nothing about enforcement.
fn print_table(
    out: &mut dyn Write,
    rows: &[(Key, Entry)],
    v: Version,
    labels: &Labels,
    numeric: bool,
    filtered: bool,
) -> Result<()> {
    {
        let mut tw = table::tabwriter(&mut *out, 5, 3);
        let who = if numeric {
            "IDENTITY"
        } else {
            "LABELS (source:key[=value])"
        };
        writeln!(
            tw,
            "POLICY\tDIRECTION\t{who}\tPORT/PROTO\tPROXY PORT\tAUTH TYPE\tBYTES\tPACKETS\tPREFIX\t"
        )?;
        // The cells after the peer are the view's (the watch prints the same).
        let view = policy::View {
            endpoint: 0,
            version: v,
            all_changes: true,
            filter: None,
        };
        let mut rest = Vec::with_capacity(128);
        for (k, e) in rows {
            let verdict = if e.is_deny() { "Deny" } else { "Allow" };
            rest.clear();
            view.write_rest(k, e, &mut rest)?;
            let rest = String::from_utf8_lossy(&rest);
            let l = labels.get(k.identity);
            if numeric || l.is_empty() {
                writeln!(tw, "{verdict}\t{}\t{}\t{rest}", k.direction(), k.identity)?;
                continue;
            }
            for (i, lbl) in l.iter().enumerate() {
                let lbl = if v >= Version::V1_18 && lbl == "reserved:unknown" {
                    "ANY".into()
                } else {
                    crate::output::sanitize::field(lbl)
                };
                if i == 0 {
                    writeln!(tw, "{verdict}\t{}\t{lbl}\t{rest}", k.direction())?;
                } else {
                    writeln!(tw, "\t\t{lbl}\t\t\t\t\t\t\t")?;
                }
            }
        }
        tw.flush()?;
    }
    if rows.is_empty() && !filtered {
        writeln!(out, "Policy stats empty. Perhaps the policy enforcement is disabled?")?;
    }
    Ok(())
}

/// `--all -o json` element (cilium-dbg's `policyMap`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyMapDoc {
    #[serde(rename = "EndpointID")]
    endpoint_id: String,
    path: String,
    content: Vec<policy::Dump>,
}

fn all(ctx: &Ctx, a: &GetArgs, out: &mut dyn Write) -> Result<()> {
    let mut paths: Vec<PathBuf> = ctx
        .bpf
        .pinned_names()?
        .into_iter()
        .filter(|n| n.starts_with(policy::PREFIX_V1))
        .map(|n| ctx.bpf.path(&n))
        .collect();
    paths.sort();
    if paths.is_empty() {
        writeln!(out, "no maps found")?;
        return Ok(());
    }
    let format = &a.output.output;
    let mut sel = Query::new(&a.filter);
    let mut maps = Vec::new();
    for p in &paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let ep = name
            .rsplit('_')
            .next()
            .unwrap_or_default()
            .trim_start_matches('0')
            .to_string();
        let (mut rows, mv) = content(ctx, p)?;
        rows.retain(|r| sel.keep(r));
        maps.push((ep, p.display().to_string(), rows, mv));
    }
    if sel.aggregates() {
        return sel.finish(out, format);
    }
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                let mut labels = Labels::new(ctx.host.as_deref(), a.numeric);
                for (ep, path, rows, mv) in &maps {
                    writeln!(out, "Endpoint ID: {ep}")?;
                    writeln!(out, "Path: {path}")?;
                    writeln!(out)?;
                    labels.add(rows.iter().map(|(k, _)| k.identity));
                    print_table(out, rows, *mv, &labels, a.numeric, sel.filtering())?;
                    writeln!(out)?;
                    writeln!(out)?;
                }
                Ok(())
            },
            || {
                Ok(Doc::value(
                    maps.iter()
                        .map(|(ep, path, rows, mv)| PolicyMapDoc {
                            endpoint_id: ep.clone(),
                            path: path.clone(),
                            content: rows.iter().map(|(k, e)| policy::dump_json(k, e, *mv)).collect(),
                        })
                        .collect::<Vec<_>>(),
                ))
            },
            || {
                let mut records = Vec::new();
                let mut labels = Labels::new(ctx.host.as_deref(), a.numeric);
                for (ep, _, rows, mv) in &maps {
                    labels.add(rows.iter().map(|(k, _)| k.identity));
                    let id: u16 = ep.parse().unwrap_or(0);
                    records.extend(
                        rows.iter()
                            .map(|(k, e)| Record::new(id, k, e, *mv, labels.get(k.identity))),
                    );
                }
                records
            },
        ),
    )
}
