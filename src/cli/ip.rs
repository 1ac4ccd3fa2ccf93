//! `ip list` / `ip get`: the agent's userspace IP cache (cilium-dbg/cmd/ip_list.go, ip_get.go).
use std::io::Write;
use std::net::IpAddr;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::agent::models::{Identity, IpListEntry};
use crate::agent::{output, Client};
use crate::cli::identity::reserved_name;
use crate::cli::Ctx;
use crate::output::sanitize::{self, Writer};
use crate::output::{render, table::tabwriter, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List IP addresses in the userspace IPcache
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Display IP Cache information
    Get(GetArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print numeric identities
    #[arg(short = 'n', long)]
    pub numeric: bool,
    /// Print all fields of ipcache
    #[arg(short = 'v', long)]
    pub verbose: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// IP address or CIDR
    pub ip: String,
    /// Print numeric identities
    #[arg(short = 'n', long)]
    pub numeric: bool,
    /// Print all fields of ipcache
    #[arg(short = 'v', long)]
    pub verbose: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let client = Client::for_commands(ctx.host.as_deref())?;
    let (path, numeric, verbose, output) = match &cmd {
        Cmd::List(a) => ("/ip".to_string(), a.numeric, a.verbose, &a.output),
        Cmd::Get(a) => (
            format!("/ip?cidr={}", crate::agent::encode_path(&a.ip)),
            a.numeric,
            a.verbose,
            &a.output,
        ),
    };
    let raw = client.get_raw(&path)?;
    let answer = output::answer_as(
        &raw,
        output::Model::new(crate::maps::Version::detect(&ctx.bpf), "[IPListEntry]"),
        |w| {
            let mut entries: Vec<IpListEntry> = client.decode(&path, 200, &raw)?;
            entries.sort_by_key(|e| sort_key(&e.cidr));
            print_list(w, &client, &entries, numeric, verbose)
        },
    );
    render(out, &output.output, &answer)
}

/// `IP  IDENTITY  SOURCE [HOST  ENCRYPT_KEY]`; every entry's identity (reserved ones too) is named
/// by asking the agent, one request per entry as cilium-dbg does (ip_list.go `getLabels`).
fn print_list(
    out: &mut dyn Write,
    client: &Client,
    entries: &[IpListEntry],
    numeric: bool,
    verbose: bool,
) -> Result<()> {
    let mut tw = Writer::new(tabwriter(&mut *out, 5, 3));
    if verbose {
        writeln!(tw, "IP\tIDENTITY\tSOURCE\tHOST\tENCRYPT_KEY")?;
    } else {
        writeln!(tw, "IP\tIDENTITY\tSOURCE")?;
    }
    for e in entries {
        let src = e.metadata.as_ref().map(|m| m.source.as_str()).unwrap_or("");
        let ids: Vec<String> = if numeric {
            vec![e.identity.to_string()]
        } else {
            match client.get_json::<Identity>(&format!("/identity/{}", e.identity)) {
                Ok(id) => crate::agent::render::identity::printable(&id.labels),
                Err(err) => {
                    crate::output::notes::line(format_args!(
                        "Cannot get identity for ID {}: {}",
                        e.identity,
                        sanitize::text(&err.to_string())
                    ));
                    // The reserved name when there is one, else the number.
                    vec![reserved_name(e.identity).map_or_else(|| e.identity.to_string(), str::to_string)]
                }
            }
        };
        for (i, id) in ids.iter().enumerate() {
            if i == 0 {
                if verbose {
                    writeln!(tw, "{}\t{id}\t{src}\t{}\t{}", e.cidr, e.host_ip, e.encrypt_key)?;
                } else {
                    writeln!(tw, "{}\t{id}\t{src}", e.cidr)?;
                }
            } else {
                writeln!(tw, "\t{id}\t")?;
            }
        }
    }
    tw.flush()?;
    Ok(())
}

/// Order entries by family, address, then prefix length.
fn sort_key(cidr: &str) -> (u8, Vec<u8>, u8, String) {
    let (ip, len) = cidr.split_once('/').unwrap_or((cidr, ""));
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V4(a)) => (4, a.octets().to_vec(), len.parse().unwrap_or(32), String::new()),
        Ok(IpAddr::V6(a)) => (6, a.octets().to_vec(), len.parse().unwrap_or(128), String::new()),
        Err(_) => (9, Vec::new(), 0, cidr.to_string()),
    }
}
