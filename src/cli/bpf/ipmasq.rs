//! `bpf ipmasq list`: ip-masq-agent non-masquerade CIDRs (`cilium_ipmasq_v4` / `_v6`).

use std::collections::BTreeMap;
use std::io::Write;
use std::net::IpAddr;

use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::maps::{absent, dump_all};
use crate::cli::Ctx;
use crate::maps::ipmasq;
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List ip-masq-agent CIDRs
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

#[derive(Debug, Serialize)]
struct Record {
    cidr: String,
    family: &'static str,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::List(a) = cmd;
    let mut cidrs: Vec<(IpAddr, u8)> = Vec::new();
    let mut found = false;
    let mut opened = Vec::new();
    for spec in [&ipmasq::SPEC_V4, &ipmasq::SPEC_V6] {
        if let Some((map, _)) = ctx.bpf.open_if_exists(spec)? {
            found = true;
            if a.watch.active() {
                opened.push(map);
                continue;
            }
            let decoded: Option<Vec<_>> = dump_all(&map)?.iter().map(|(k, _)| ipmasq::decode_key(k)).collect();
            cidrs.extend(decoded.ok_or_else(|| crate::maps::bad_entry(&map))?);
        }
    }
    if !found {
        return absent(
            "error opening ip-masq-agent map",
            "cilium_ipmasq_v4/_v6 are not pinned; this is normal when the ip-masq-agent is off (ipMasqAgent.enabled=false, the default)",
            0,
        );
    }
    if found && a.watch.active() {
        let maps: Vec<_> = opened.iter().collect();
        return crate::watch::small::ipmasq(&a.watch, &a.output.output, &maps, out);
    }
    cidrs.sort();
    let strs: Vec<String> = cidrs.iter().map(|(ip, b)| format!("{ip}/{b}")).collect();
    let format = &a.output.output;
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                if strs.is_empty() {
                    crate::output::notes::line(format_args!("No entries found."));
                    return Ok(());
                }
                let m: BTreeMap<&str, [&str; 1]> = strs.iter().map(|s| (s.as_str(), [""])).collect();
                table::table_printer(
                    out,
                    "IP PREFIX/ADDRESS",
                    "",
                    strs.iter().map(|s| (s.as_str(), m[s.as_str()].iter())),
                )?;
                Ok(())
            },
            || Ok(Doc::value(&strs)),
            || {
                cidrs.iter().zip(&strs).map(|((ip, _), s)| Record {
                    cidr: s.clone(),
                    family: if ip.is_ipv4() { "ipv4" } else { "ipv6" },
                })
            },
        ),
    )
}
