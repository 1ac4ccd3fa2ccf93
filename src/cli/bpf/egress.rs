//! `bpf egress list`: egress gateway policy entries (`cilium_egress_gw_policy_v4`).

use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::maps::{absent, dump_all};
use crate::cli::Ctx;
use crate::maps::egress::{self, JsonPolicy, Key, Record};
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List egress policy entries
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
    let Some((map, _)) = ctx.bpf.open_if_exists(&egress::SPEC_V4)? else {
        if ctx.bpf.exists(egress::V6_NAME) {
            crate::output::notes::line(format_args!(
                "Note: {} is pinned but cdbg does not decode the IPv6 egress map yet",
                egress::V6_NAME
            ));
        }
        return absent(
            "Cannot find egress gateway bpf maps",
            "cilium_egress_gw_policy_v4 is not pinned; this is normal when the egress gateway feature is off (enable-ipv4-egress-gateway)",
            0,
        );
    };
    if a.watch.active() {
        return crate::watch::maps::egress(&a.watch, &a.output.output, &map, out);
    }
    let mut rows: Vec<(Key, (std::net::Ipv4Addr, std::net::Ipv4Addr))> = dump_all(&map)?
        .iter()
        .map(|(k, v)| Some((Key::decode(k)?, egress::decode_value(v)?)))
        .collect::<Option<_>>()
        .ok_or_else(|| crate::maps::bad_entry(&map))?;
    rows.sort();
    let cidr = |k: &Key| format!("{}/{}", k.dest, k.dest_bits);
    let format = &a.output.output;
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| {
                table::rows_or_none(
                    out,
                    rows.is_empty(),
                    "Source IP\tDestination CIDR\tEgress IP\tGateway IP",
                    |tw| {
                        for (k, (e, g)) in &rows {
                            writeln!(tw, "{}\t{}\t{e}\t{}", k.source, cidr(k), egress::gateway_string(*g))?;
                        }
                        Ok(())
                    },
                )
            },
            || {
                let doc: Vec<JsonPolicy> = rows
                    .iter()
                    .map(|(k, (e, g))| JsonPolicy {
                        source_ip: k.source.to_string(),
                        dest_cidr: cidr(k),
                        egress_ip: e.to_string(),
                        gateway_ip: egress::gateway_string(*g),
                    })
                    .collect();
                Ok(Doc::value(doc))
            },
            || {
                rows.iter().map(|(k, (e, g))| Record {
                    source_ip: k.source,
                    destination_cidr: cidr(k),
                    egress_ip: *e,
                    gateway_ip: *g,
                    gateway: egress::gateway_kind(*g),
                })
            },
        ),
    )
}
