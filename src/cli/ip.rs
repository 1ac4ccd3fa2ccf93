//! `ip`: the agent's IP cache view.
use crate::cli::Ctx;
use crate::output::OutputArgs;
use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// List IP addresses in the userspace IPcache
    List(ListArgs),
    /// Display IP Cache information
    Get(ListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(_ctx: &Ctx, cmd: Cmd, _out: &mut dyn Write) -> Result<()> {
    bail!("not implemented yet: {cmd:?}")
}
