//! `service list` / `service get`: the agent's service table (cilium-dbg/cmd/service_list.go,
//! service_get.go).
use std::io::Write;

use anyhow::Result;
use clap::{Args, Subcommand};

use crate::agent::models::Service;
use crate::agent::render::service::print_list_as;
use crate::agent::{output, Client};
use crate::cli::Ctx;
use crate::output::{render, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List services
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Display service information
    Get(GetArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print clustermesh affinity (preferred backends)
    #[arg(long)]
    pub clustermesh_affinity: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Service ID
    pub id: i64,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let client = Client::for_commands(ctx.host.as_deref())?;
    let (path, output, affinity) = match &cmd {
        Cmd::List(a) => ("/service".to_string(), &a.output, a.clustermesh_affinity),
        Cmd::Get(a) => (format!("/service/{}", a.id), &a.output, false),
    };
    let raw = client.get_raw(&path)?;
    let version = crate::maps::Version::detect(&ctx.bpf);
    let model = if matches!(cmd, Cmd::List(_)) {
        "[Service]"
    } else {
        "Service"
    };
    let answer = output::answer_as(&raw, output::Model::new(version, model), |w| {
        let mut list: Vec<Service> = match cmd {
            Cmd::List(_) => client.decode(&path, 200, &raw)?,
            Cmd::Get(_) => vec![client.decode(&path, 200, &raw)?],
        };
        list.sort_by_key(|s| {
            s.status
                .as_ref()
                .and_then(|s| s.realized.as_ref())
                .map(|r| r.id)
                .unwrap_or(0)
        });
        print_list_as(w, &list, affinity, version)
    });
    render(out, &output.output, &answer)
}
