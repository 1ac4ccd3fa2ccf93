//! `bpf fs show`: the bpffs mount holding Cilium's pins, from `/proc/self/mountinfo`
//! (parsed in `bpf::fs`).

use std::io::Write;

use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand};

use crate::bpf::fs;
use crate::cli::Ctx;
use crate::output::{self, table, Doc, Listing, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Show bpf filesystem mount details
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::Show(a) = cmd;
    // The caller checked that --bpf-root is on a bpffs; show the mount that holds it.
    let mounts = fs::mounts().context("Unable to find the mount: reading /proc/self/mountinfo")?;
    let root = std::fs::canonicalize(&ctx.bpf.0)
        .with_context(|| format!("Unable to find the mount: resolving {}", ctx.bpf.0.display()))?;
    let m = fs::mount_of(&mounts, "bpf", &root).ok_or_else(|| {
        anyhow!(
            "{} is on a bpffs, but /proc/self/mountinfo lists no bpf mount holding it (another mount \
             namespace?): run cdbg in the namespace that mounted it",
            root.display()
        )
    })?;
    let format = &a.output.output;
    output::render(
        out,
        format,
        &Listing::new(
            |out: &mut dyn Write| -> Result<()> {
                let mut tw = table::tabwriter(&mut *out, 2, 3);
                writeln!(tw, "MountID:\t{}", m.mount_id)?;
                writeln!(tw, "ParentID:\t{}", m.parent_id)?;
                writeln!(tw, "Mounted State:\ttrue")?;
                writeln!(tw, "MountPoint:\t{}", crate::output::sanitize::field(&m.mount_point))?;
                writeln!(tw, "MountOptions:\t{}", m.mount_options)?;
                writeln!(tw, "OptionFields:\t[{}]", m.optional_fields.join(" "))?;
                writeln!(tw, "FilesystemType:\t{}", m.filesystem_type)?;
                writeln!(tw, "MountSource:\t{}", crate::output::sanitize::field(&m.mount_source))?;
                writeln!(tw, "SuperOptions:\t{}", m.super_options)?;
                tw.flush()?;
                Ok(())
            },
            || Ok(Doc::value(m)),
            || std::iter::once(m),
        ),
    )
}
