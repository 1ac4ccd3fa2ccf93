//! `bpf ipcache list|get`: `cilium_ipcache` (≤1.17) / `cilium_ipcache_v2` (1.18).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::net::IpAddr;

use anyhow::{anyhow, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

use super::maps::Query;
use crate::bpf::walk::Sorted;
use crate::bpf::Map;
use crate::cli::{Ctx, Exit};
use crate::filter::FilterArgs;
use crate::maps::ipcache::{self, Key, Record, Value, View};
use crate::maps::view::View as _;
use crate::maps::{Shape, Version};
use crate::output::{self, table, Doc, OutputArgs, Render};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List endpoint IPs (local and remote) and their corresponding security identities
    #[command(visible_alias = "ls")]
    List(Box<ListArgs>),
    /// Retrieve identity for an ip
    Get(GetArgs),
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
pub struct GetArgs {
    /// IPv4 or IPv6 address to look up (longest-prefix match)
    pub ip: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Cmd::List(a) => list(ctx, *a, out),
        Cmd::Get(a) => get(ctx, a, out),
    }
}

/// Open the ipcache of this node's release: `_v2` when pinned, else the v1 map.
fn open(ctx: &Ctx) -> Result<(Map, Shape, Version)> {
    if let Some((m, s)) = ctx.bpf.open_if_exists(&ipcache::SPEC_V2)? {
        return Ok((m, s, Version::V1_18));
    }
    let (m, s) = ctx.bpf.open(&ipcache::SPEC_V1)?;
    let v = Version::detect(&ctx.bpf).min(Version::V1_17);
    Ok((m, s, v))
}

/// A value the walk already decoded once (so it fits the layout).
fn stored(b: &[u8]) -> Value {
    Value::decode(b).unwrap_or(Value {
        identity: 0,
        tunnel_endpoint: std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
        key: 0,
        flags: 0,
    })
}

/// Flush the output buffer once it holds this much.
const FLUSH_AT: usize = 60 * 1024;

fn list(ctx: &Ctx, a: ListArgs, out: &mut dyn Write) -> Result<()> {
    let (map, _, v) = open(ctx)?;
    let format = &a.output.output;
    if a.watch.active() {
        let view = View {
            version: v,
            filter: Some(&a.filter),
        };
        return crate::watch::maps::watch(&a.watch, format, &[&map], view, Some(&a.filter), out);
    }
    let q = RefCell::new(Query::new(&a.filter));
    let view = View {
        version: v,
        filter: None,
    };
    // Compact raw entries sorted by the decoded key; the table's column widths are measured
    // while the walk runs (`cols`), and text is made only while writing.
    let gather = |mut cols: Option<&mut table::TwoColumns>| -> Result<Sorted<Key>> {
        let mut scratch = Vec::with_capacity(256);
        let mut all = Sorted::<Key>::new();
        let mut q = q.borrow_mut();
        all.add::<anyhow::Error, _>(&map, 0, |k, val| {
            let e = match (Key::decode(k), Value::decode(val)) {
                (Some(k), Some(val)) => (k, val),
                _ => return Err(crate::maps::bad_entry(&map).into()),
            };
            if !q.keep(&e) {
                return Ok(None);
            }
            if let Some(cols) = cols.as_deref_mut() {
                scratch.clear();
                view.table(k, val, &mut scratch)?;
                let kw = cells(&scratch).0.len();
                cols.measure_len(kw, scratch.len() - kw - 1);
            }
            Ok(Some(e.0))
        })?;
        all.sort();
        Ok(all)
    };
    if q.borrow().aggregates() {
        gather(None)?;
        return q.borrow().finish(out, format);
    }
    let filtering = q.borrow().filtering();
    output::render(
        out,
        format,
        &Listing {
            gather,
            view,
            filtering,
        },
    )
}

/// A table line's two cells (split at its first tab).
fn cells(line: &[u8]) -> (&[u8], &[u8]) {
    match line.iter().position(|&b| b == b'\t') {
        Some(i) => (&line[..i], &line[i + 1..]),
        None => (line, &[]),
    }
}

/// `bpf ipcache list` in every form; each form walks the map once.
struct Listing<'a, G> {
    gather: G,
    view: View<'a>,
    filtering: bool,
}

impl<G> Render for Listing<'_, G>
where
    G: Fn(Option<&mut table::TwoColumns>) -> Result<Sorted<Key>>,
{
    fn table(&self, out: &mut dyn Write) -> Result<()> {
        const TITLE: &str = "IP PREFIX/ADDRESS";
        let mut cols = table::TwoColumns::new(TITLE);
        let all = (self.gather)(Some(&mut cols))?;
        if all.is_empty() {
            if self.filtering {
                crate::output::notes::line(format_args!("No matching entries."));
            } else {
                crate::output::notes::line(format_args!("No entries found."));
            }
            return Ok(());
        }
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        let mut line = Vec::with_capacity(256);
        cols.header(&mut buf, TITLE, "IDENTITY");
        for e in all.iter() {
            line.clear();
            self.view.table(e.key, e.value, &mut line)?;
            let (k, v) = cells(&line);
            cols.row_with(&mut buf, |b| b.extend_from_slice(k), |b| b.extend_from_slice(v));
            if buf.len() >= FLUSH_AT {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        Ok(())
    }

    fn document(&self) -> Result<Doc<'_>> {
        let all = (self.gather)(None)?;
        let doc: BTreeMap<String, Vec<String>> = all
            .iter()
            .map(|e| (e.sort.to_string(), vec![stored(e.value).format(self.view.version)]))
            .collect();
        Ok(Doc::value(doc))
    }

    fn jsonl(&self, out: &mut dyn Write) -> Result<bool> {
        let all = (self.gather)(None)?;
        let mut buf = Vec::with_capacity(FLUSH_AT + 4096);
        for e in all.iter() {
            self.view.record(e.key, e.value, &mut buf)?;
            buf.push(b'\n');
            if buf.len() >= FLUSH_AT {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        Ok(true)
    }
}

/// `ipcache get -o json`: the address, the prefix that matched and its value.
#[derive(Debug, Serialize)]
struct GetResult {
    ip: IpAddr,
    #[serde(flatten)]
    entry: Record,
    value: String,
}

const USAGE: &str = "IP address must be in dotted decimal (192.168.1.1) or IPv6 (feab::f02b) form";

fn get(ctx: &Ctx, a: GetArgs, out: &mut dyn Write) -> Result<()> {
    let arg = a.ip.unwrap_or_default();
    if arg.is_empty() {
        return Err(anyhow!("No ip provided. {USAGE}"));
    }
    let ip: IpAddr = arg.parse().map_err(|_| anyhow!("Invalid ip address. {USAGE}"))?;
    let ip = match ip {
        IpAddr::V6(a6) => a6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    };
    let (map, shape, v) = open(ctx)?;
    // The kernel's LPM lookup with a full-length key returns the longest matching prefix.
    let mut val = vec![0u8; shape.value_size as usize];
    if !map.lookup(&Key::host(ip).encode(), &mut val)? {
        if crate::bpf::dump::count(&map)?.entries == 0 {
            crate::output::notes::line(format_args!("No entries found."));
        } else {
            writeln!(out, "{arg} does not map to any identity")?;
        }
        return Err(Exit(1).into());
    }
    let value = Value::decode(&val).ok_or_else(|| crate::maps::bad_entry(&map))?;
    let format = &a.output.output;
    // Name the prefix that matched: the longest stored prefix containing the address whose
    // value is the one the kernel returned (a document needs it, the table does not).
    let result = || -> Result<GetResult> {
        let mut best: Option<Key> = None;
        crate::bpf::walk::stream(&map, &map.path().display().to_string(), |k, vb| -> Result<()> {
            if let (Some(k), Some(vb)) = (Key::decode(k), Value::decode(vb)) {
                if k.cluster_id == 0 && k.contains(ip) && vb == value && best.as_ref().is_none_or(|b| k.bits > b.bits) {
                    best = Some(k);
                }
            }
            Ok(())
        })?;
        let matched = best.unwrap_or_else(|| Key::host(ip));
        Ok(GetResult {
            ip,
            entry: Record::new(&matched, &value, v),
            value: value.format(v),
        })
    };
    output::render(
        out,
        format,
        &output::Parts::new(
            |out: &mut dyn Write| Ok(writeln!(out, "{arg} maps to identity {}", value.format(v))?),
            // One record: `-o jsonl` prints it as one line.
            || Ok(Doc::value(result()?)),
        ),
    )
}
