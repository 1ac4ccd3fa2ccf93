//! Shell completions and man pages generated from the clap definitions (`completion`, and the
//! hidden `generate` used to refresh `completions/` and `man/`).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::Shell;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ShellName {
    Bash,
    Zsh,
    Fish,
}

impl From<ShellName> for Shell {
    fn from(s: ShellName) -> Shell {
        match s {
            ShellName::Bash => Shell::Bash,
            ShellName::Zsh => Shell::Zsh,
            ShellName::Fish => Shell::Fish,
        }
    }
}

#[derive(Debug, Args)]
pub struct CompletionArgs {
    /// Shell to generate completions for
    #[arg(value_enum, default_value = "bash")]
    pub shell: ShellName,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Write bash, zsh and fish completions into DIR
    Completions { dir: PathBuf },
    /// Write one man page per command into DIR
    Man { dir: PathBuf },
}

pub fn completion(a: CompletionArgs, out: &mut dyn Write) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(Shell::from(a.shell), &mut super::command("cdbg"), "cdbg", &mut buf);
    out.write_all(&buf)?;
    Ok(())
}

pub fn run(cmd: Cmd, _out: &mut dyn Write) -> Result<()> {
    match cmd {
        Cmd::Completions { dir } => write_completions(&dir),
        Cmd::Man { dir } => write_man_pages(&dir),
    }
}

/// Files `write_completions` produces, by name.
pub fn completions() -> Vec<(String, Vec<u8>)> {
    [ShellName::Bash, ShellName::Zsh, ShellName::Fish]
        .into_iter()
        .map(|s| {
            let shell = Shell::from(s);
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut super::command("cdbg"), "cdbg", &mut buf);
            let name = match s {
                ShellName::Bash => "cdbg.bash".to_string(),
                ShellName::Zsh => "_cdbg".to_string(),
                ShellName::Fish => "cdbg.fish".to_string(),
            };
            (name, buf)
        })
        .collect()
}

/// Man pages, one per command and subcommand: `cdbg.1`, `cdbg-bpf-lb-list.1`, ...
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = super::command("cdbg");
    cmd.build();
    let mut pages = Vec::new();
    collect_man(&cmd, "cdbg", &mut pages)?;
    Ok(pages)
}

fn collect_man(cmd: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
    if cmd.is_hide_set() {
        return Ok(());
    }
    let mut buf = Vec::new();
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    clap_mangen::Man::new(cmd.clone().name(leaked)).render(&mut buf)?;
    pages.push((format!("{name}.1"), buf));
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        collect_man(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}

fn write_all(dir: &Path, files: Vec<(String, Vec<u8>)>) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for (name, body) in files {
        std::fs::write(dir.join(&name), body).with_context(|| format!("writing {}", dir.join(&name).display()))?;
    }
    Ok(())
}

fn write_completions(dir: &Path) -> Result<()> {
    write_all(dir, completions())
}

fn write_man_pages(dir: &Path) -> Result<()> {
    if dir.exists() {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            if p.extension().is_some_and(|x| x == "1") {
                std::fs::remove_file(p)?;
            }
        }
    }
    write_all(dir, man_pages()?)
}
