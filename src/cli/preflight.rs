//! `preflight kernel`: check this node's kernel against Cilium's system requirements (cdbg).

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crate::checks::kernel::{self, Sources};
use crate::cli::Ctx;
use crate::output::{render_verdict, Doc, OutputArgs, Parts};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Check the kernel against Cilium's system requirements.
    ///
    /// Architecture, kernel version (>= 5.4, or RHEL 8.6's 4.18), every documented kernel config
    /// option (builtin / module loaded / module not loaded / absent) and the minimum kernels of
    /// advanced features. Exit status: 0 all met, 1 optional features unavailable, 2 base
    /// requirements not met.
    Kernel(KernelArgs),
}

#[derive(Debug, Args)]
pub struct KernelArgs {
    /// Read the kernel config from FILE (plain or gzip) instead of /proc/config.gz or /boot/config-<release>
    #[arg(long, value_name = "FILE")]
    pub kernel_config: Option<PathBuf>,
    /// Check this kernel release instead of the running one (e.g. from another node)
    #[arg(long, value_name = "RELEASE")]
    pub release: Option<String>,
    /// Check this architecture instead of the running one
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Read loaded modules from FILE (in /proc/modules format) instead of /proc/modules
    #[arg(long, value_name = "FILE")]
    pub modules: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(_ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::Kernel(a) = cmd;
    let mut src = Sources::live();
    if let Some(p) = &a.kernel_config {
        src.config = Some(
            kernel::read_config(p)
                .with_context(|| format!("cannot read the kernel config {}: check the path", p.display()))?,
        );
    }
    if let Some(r) = a.release {
        src.release = r;
    }
    if let Some(r) = a.arch {
        src.arch = r;
    }
    if let Some(p) = &a.modules {
        let s = std::fs::read_to_string(p).with_context(|| format!("cannot read the module list {}", p.display()))?;
        src.loaded = kernel::parse_modules(&s);
    }
    let report = kernel::check(&src);
    let shown = Parts::new(
        |w: &mut dyn Write| Ok(kernel::write_table(w, &report)?),
        || Ok(Doc::value(&report)),
    );
    render_verdict(out, &a.output.output, &shown, report.result.exit_code())
}
