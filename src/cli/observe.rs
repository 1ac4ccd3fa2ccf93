//! `observe`: Hubble flows from the node's hubble socket.
use std::io::Write;

use anyhow::{bail, Result};
use clap::Args as ClapArgs;

use crate::cli::Ctx;
use crate::output::OutputArgs;

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(_ctx: &Ctx, args: Args, _out: &mut dyn Write) -> Result<()> {
    bail!("not implemented yet: {args:?}")
}
