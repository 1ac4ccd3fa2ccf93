//! `config`: the agent's runtime configuration (cilium-dbg/cmd/config.go): the read-write view of
//! `GET /v1/config` `status.realized`, and with `-r`/`-a` the read-only daemon configuration map.
use std::io::Write;

use anyhow::{bail, Result};
use clap::Args as ClapArgs;

use crate::agent::models::DaemonConfiguration;
use crate::agent::render::config::{self, Which};
use crate::agent::Client;
use crate::cli::Ctx;
use crate::output::{render, OutputArgs, Parts};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Display all cilium configurations
    #[arg(short = 'a', long = "all")]
    pub all: bool,
    /// Display read only configurations
    #[arg(short = 'r', long = "read-only")]
    pub read_only: bool,
    /// List available options
    #[arg(long)]
    pub list_options: bool,
    /// Changing options (`Option=Value`) is not supported by cdbg (read-only tool)
    #[arg(value_name = "<option>=(enable|disable)")]
    pub set: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if !args.set.is_empty() {
        bail!(
            "cdbg does not change agent options (PATCH /v1/config); use cilium-dbg config {}",
            args.set.join(" ")
        );
    }
    let client = Client::for_commands(ctx.host.as_deref())?;
    let raw = client.get_raw("/config")?;
    let cfg: DaemonConfiguration = client.decode("/config", 200, &raw)?;
    let st = cfg.status.unwrap_or_default();
    if args.list_options {
        return config::write_option_names(out, &st);
    }
    let dmap = config::read_only_map(&raw)?;
    let which = Which {
        read_only: args.read_only,
        all: args.all,
    };
    let model = crate::agent::output::Model::new(crate::maps::Version::detect(&ctx.bpf), "DaemonConfiguration");
    let doc = Parts::new(
        |w: &mut dyn Write| config::write_text(w, &st, &dmap, which),
        || config::json_doc(&raw, model, &dmap, which),
    );
    render(out, &args.output.output, &doc)
}
