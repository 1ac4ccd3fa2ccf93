//! `bpf policy get <ep-id> | --all`: per-endpoint policy maps, with peer labels from the agent.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{anyhow, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::maps::Query;
use crate::agent::Client;
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

/// How long one identity lookup may take before cdbg falls back to numeric IDs (unless
/// `CDBG_API_TIMEOUT` says otherwise).
const LABEL_TIMEOUT: Duration = Duration::from_secs(2);

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
                let labels = Labels::resolve(ctx, &rows, a.numeric);
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
                let labels = Labels::resolve(ctx, &rows, a.numeric);
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

/// Peer identity labels from the agent (`GET /v1/identity/{id}`), when it answers. One `Labels`
/// serves every map of a command: each identity is asked once, and once the agent fails to
/// answer it is not asked again (one timeout in total, one warning).
struct Labels {
    m: BTreeMap<u32, Vec<String>>,
    asked: std::collections::BTreeSet<u32>,
    /// `None` with `-n`, or after the agent did not answer.
    client: Option<Client>,
}

impl Labels {
    fn new(ctx: &Ctx, numeric: bool) -> Labels {
        let client = if numeric {
            None
        } else {
            match Client::for_commands_or(ctx.host.as_deref(), LABEL_TIMEOUT) {
                Ok(c) => Some(c),
                Err(e) => {
                    crate::output::notes::warn(format_args!(
                        "cannot resolve identity labels, showing numeric IDs: {e}"
                    ));
                    None
                }
            }
        };
        Labels {
            m: BTreeMap::new(),
            asked: Default::default(),
            client,
        }
    }

    fn resolve(ctx: &Ctx, rows: &[(Key, Entry)], numeric: bool) -> Labels {
        let mut l = Labels::new(ctx, numeric || rows.is_empty());
        l.add(rows);
        l
    }

    /// Ask the agent for the identities of `rows` not asked before.
    fn add(&mut self, rows: &[(Key, Entry)]) {
        // Identity 0 is the wildcard ("any peer"), not an identity the agent knows.
        let ids: std::collections::BTreeSet<u32> = rows.iter().map(|(k, _)| k.identity).filter(|&id| id != 0).collect();
        for id in ids {
            let Some(client) = &self.client else { return };
            if !self.asked.insert(id) {
                continue;
            }
            match client.get_json::<IdentityModel>(&format!("/identity/{id}")) {
                Ok(ident) => {
                    let mut l = ident.labels;
                    l.sort();
                    self.m.insert(id, l);
                }
                Err(e) if e.is_unreachable() => {
                    let e = crate::output::sanitize::text(&e.to_string()).into_owned();
                    crate::output::notes::warn(format_args!(
                        "the agent did not answer, showing numeric identities: {e}"
                    ));
                    self.client = None;
                }
                Err(e) => {
                    let e = crate::output::sanitize::text(&e.to_string()).into_owned();
                    crate::output::notes::line(format_args!("Was impossible to retrieve label ID {id}: {e}"));
                }
            }
        }
    }

    fn get(&self, id: u32) -> Vec<String> {
        self.m.get(&id).cloned().unwrap_or_default()
    }
}

#[derive(Debug, serde::Deserialize)]
struct IdentityModel {
    #[serde(default)]
    labels: Vec<String>,
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
                let mut labels = Labels::new(ctx, a.numeric);
                for (ep, path, rows, mv) in &maps {
                    writeln!(out, "Endpoint ID: {ep}")?;
                    writeln!(out, "Path: {path}")?;
                    writeln!(out)?;
                    labels.add(rows);
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
                let mut labels = Labels::new(ctx, a.numeric);
                for (ep, _, rows, mv) in &maps {
                    labels.add(rows);
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
