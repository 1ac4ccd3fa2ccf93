//! `fleet`: the same cdbg command on many nodes (through Kubernetes, ssh or a command prefix),
//! merged; `fleet diff` for where nodes disagree; `fleet install` to put cdbg on them.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};

use crate::cli::{Ctx, Exit};
use crate::fleet::args::{Mode, RemoteArgs};
use crate::fleet::diff::{Diff, Profile};
use crate::fleet::engine::{fan_out, Event, Limits};
use crate::fleet::merge::{self, Merger};
use crate::fleet::targets::{listed_nodes, Targets, Via};
use crate::fleet::transport::{Exec, Run, Ssh, Transport};
use crate::fleet::{exit_status, Node};

/// Run a cdbg command on every selected node and merge the results.
///
/// `cdbg fleet [TARGETS] -- bpf lb list` runs `bpf lb list` on every node: text output is
/// grouped under `== node ==` (or prefixed with `--prefix`), `-o jsonl` records get a `"node"`
/// field, `--count` and `--top` are merged across nodes with a per-node breakdown. Failed nodes
/// are listed at the end on stderr. Exit status: 0 all nodes succeeded, 1 some failed (0 with
/// --allow-partial), 2 none did.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct FleetArgs {
    #[command(subcommand)]
    pub sub: Option<Sub>,
    #[command(flatten)]
    pub targets: Targets,
    /// Prefix every output line with `[node]` instead of grouping by node
    #[arg(long)]
    pub prefix: bool,
    /// Exit 0 when at least one node succeeded
    #[arg(long)]
    pub allow_partial: bool,
    /// The cdbg command to run on every node (after `--`)
    #[arg(last = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Show the keys whose values differ between nodes (or that some nodes lack).
    ///
    /// `cdbg fleet diff -- bpf lb list` (or `bpf ipcache list`, `bpf nodeid list`, other
    /// listings) runs the listing with `-o jsonl` on every node and compares by key. Node-local
    /// values are normalised first: service, backend and rev-NAT IDs, slots and node IDs are
    /// allocated per node and left out; ipcache `host`/`remote-node` compare as `node` and
    /// tunnel endpoints as the node owning the address. Exit status: 0 all nodes agree, 1 they
    /// differ, 2 no node answered.
    Diff(DiffArgs),
    /// Copy this cdbg binary to --remote-path on every node and verify its checksum.
    Install(InstallArgs),
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// Print one JSON record per differing key
    #[arg(short = 'o', long = "output", value_name = "jsonl")]
    pub output: Option<String>,
    /// The listing to compare (after `--`)
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// The binary to copy (default: this cdbg)
    #[arg(long, value_name = "FILE")]
    pub binary: Option<PathBuf>,
}

/// Above this many nodes, a run from a terminal asks first.
const CONFIRM_ABOVE: usize = 50;

pub fn run(_ctx: &Ctx, a: FleetArgs, out: &mut dyn Write) -> Result<()> {
    match a.sub {
        Some(Sub::Diff(d)) => diff(d, out),
        Some(Sub::Install(i)) => install(i, out),
        None => fan(a, out),
    }
}

fn fan(a: FleetArgs, out: &mut dyn Write) -> Result<()> {
    if a.command.is_empty() {
        bail!("fleet: no command given; put the cdbg command after `--`, e.g. `cdbg fleet --via ssh --nodes a,b -- bpf lb list`");
    }
    let remote = RemoteArgs(a.command.clone());
    let mode = remote.mode().map_err(anyhow::Error::msg)?;
    let (argv, depth) = remote.for_nodes(&mode);
    let shape = remote.shape();
    let (transport, nodes) = connect(&a.targets)?;
    let mut merger: Box<dyn Merger + '_> = match mode {
        Mode::Text if a.prefix => Box::new(merge::Prefixed { nodes: &nodes }),
        Mode::Text => Box::new(merge::Grouped::new(&nodes)),
        Mode::Jsonl => Box::new(merge::Jsonl::new(&nodes)),
        Mode::Count => Box::new(merge::Count::new(&nodes, shape)),
        Mode::Top(n) => Box::new(merge::Top::new(&nodes, shape, n, depth.unwrap_or(n))),
    };
    let runs = drive(
        &*transport,
        &nodes,
        &argv,
        &a.targets,
        |out, ev| match ev {
            Seen::Line(i, l) => merger.line(out, i, l),
            Seen::Done(i, run) => merger.done(out, i, run),
        },
        out,
    )?;
    merger.finish(out)?;
    finish(out, &nodes, &runs, a.allow_partial)
}

fn diff(d: DiffArgs, out: &mut dyn Write) -> Result<()> {
    let jsonl = match d.output.as_deref() {
        None | Some("") => false,
        Some("jsonl") => true,
        Some(o) => bail!("fleet diff: -o {o:?} is not supported; use -o jsonl (or nothing for text)"),
    };
    let remote = RemoteArgs(d.command.clone());
    let argv = remote.with_output("jsonl", None);
    let profile = Profile::for_command(&d.command);
    let (transport, nodes) = connect(&d.targets)?;
    let mut cmp = Diff::new(&nodes, profile);
    let runs = drive(
        &*transport,
        &nodes,
        &argv,
        &d.targets,
        |_, ev| {
            match ev {
                Seen::Line(i, l) => cmp.line(i, l),
                Seen::Done(i, run) if run.outcome.ok() => cmp.answered(i),
                Seen::Done(..) => {}
            }
            Ok(())
        },
        out,
    )?;
    let ok = runs.iter().filter(|r| r.outcome.ok()).count();
    let failed: Vec<(&Node, &Run)> = nodes.iter().zip(&runs).filter(|(_, r)| !r.outcome.ok()).collect();
    let shown = d.command.join(" ");
    let differ = if ok == 0 {
        false
    } else if jsonl {
        cmp.write_jsonl(out)?
    } else {
        cmp.write_text(out, &shown)?
    };
    out.flush()?;
    merge::failed_table(&mut std::io::stderr().lock(), &failed, nodes.len())?;
    if ok == 0 {
        return Err(Exit(2).into());
    }
    if differ {
        return Err(Exit(1).into());
    }
    Ok(())
}

fn install(i: InstallArgs, out: &mut dyn Write) -> Result<()> {
    let binary = match &i.binary {
        Some(b) => b.clone(),
        None => std::env::current_exe().context("fleet install: cannot find this cdbg binary; pass --binary FILE")?,
    };
    let sum = crate::fleet::install::sha256_file(&binary)
        .with_context(|| format!("fleet install: cannot read {}", binary.display()))?;
    let (transport, nodes) = connect(&i.targets)?;
    let limits = limits(&i.targets);
    let mut runs: Vec<Option<Run>> = vec![None; nodes.len()];
    let mut progress = Progress::new(nodes.len());
    let work = crate::fleet::install::Work {
        binary: &binary,
        remote_path: &i.targets.remote_path,
        sha256: &sum,
    };
    crate::fleet::install::install_all(&*transport, &nodes, &work, limits, |idx, run| {
        progress.done(!run.outcome.ok());
        runs[idx] = Some(run);
    });
    progress.clear();
    let runs: Vec<Run> = runs.into_iter().map(|r| r.expect("every node reports")).collect();
    for (n, r) in nodes.iter().zip(&runs) {
        if r.outcome.ok() {
            writeln!(
                out,
                "{}: installed {} (sha256 {})",
                n.name,
                i.targets.remote_path,
                &sum[..16]
            )?;
        }
    }
    finish(out, &nodes, &runs, false)
}

/// The transport and the node list for `targets`.
fn connect(t: &Targets) -> Result<(Box<dyn Transport>, Vec<Node>)> {
    let (transport, nodes): (Box<dyn Transport>, Vec<Node>) = match t.via {
        Via::Ssh => (
            Box::new(Ssh {
                options: t.ssh_option.clone(),
                remote_path: t.remote_path.clone(),
                program: std::env::var("CDBG_SSH").unwrap_or_else(|_| "ssh".into()),
            }),
            listed_nodes(t, "--via ssh")?,
        ),
        Via::Exec => {
            let Some(prefix) = t.exec_prefix.clone() else {
                bail!("fleet --via exec needs --exec PREFIX (e.g. --exec 'docker exec {{node}}')");
            };
            (
                Box::new(Exec {
                    prefix,
                    remote_path: t.remote_path.clone(),
                }),
                listed_nodes(t, "--via exec")?,
            )
        }
        Via::Kube => crate::fleet::kube::connect(t)?,
    };
    if nodes.is_empty() {
        bail!("fleet: no nodes selected");
    }
    if let Some(max) = t.max_nodes {
        if nodes.len() > max {
            bail!(
                "fleet: {} nodes selected, more than --max-nodes {max}; narrow the selection or raise --max-nodes",
                nodes.len()
            );
        }
    }
    if nodes.len() > CONFIRM_ABOVE && t.max_nodes.is_none() && std::io::stdin().is_terminal() {
        crate::output::notes::prompt(format_args!("Run on {} nodes? [y/N] ", nodes.len()));
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes") {
            bail!("fleet: not confirmed; nothing was run");
        }
    }
    Ok((transport, nodes))
}

fn limits(t: &Targets) -> Limits {
    Limits {
        concurrency: t.concurrency as usize,
        node_timeout: t.node_timeout,
    }
}

/// What a merge step sees of an engine event.
enum Seen<'e> {
    Line(usize, &'e [u8]),
    Done(usize, &'e Run),
}

/// Fan out, feed `each` with lines and outcomes, show progress on a terminal; the runs by node.
fn drive(
    transport: &dyn Transport,
    nodes: &[Node],
    argv: &[String],
    t: &Targets,
    mut each: impl FnMut(&mut dyn Write, Seen<'_>) -> std::io::Result<()>,
    out: &mut dyn Write,
) -> Result<Vec<Run>> {
    let mut runs: Vec<Option<Run>> = vec![None; nodes.len()];
    let mut progress = Progress::new(nodes.len());
    let mut err: Option<std::io::Error> = None;
    fan_out(transport, nodes, argv, limits(t), |ev| {
        let r = match ev {
            Event::Started(_) => {
                progress.started();
                Ok(())
            }
            Event::Line(i, l) => each(out, Seen::Line(i, &l)),
            Event::Done(i, run, _) => {
                progress.done(!run.outcome.ok());
                let r = each(out, Seen::Done(i, &run));
                runs[i] = Some(run);
                r
            }
        };
        match r {
            Ok(()) => true,
            Err(e) => {
                err = Some(e);
                false
            }
        }
    });
    progress.clear();
    if let Some(e) = err {
        return Err(e.into());
    }
    Ok(runs
        .into_iter()
        .map(|r| {
            r.unwrap_or(Run {
                outcome: crate::fleet::Outcome::Failed("not run".into()),
                stderr_tail: String::new(),
            })
        })
        .collect())
}

/// Print the failed-nodes table on stderr and turn the outcomes into the exit status.
fn finish(out: &mut dyn Write, nodes: &[Node], runs: &[Run], allow_partial: bool) -> Result<()> {
    out.flush()?;
    let failed: Vec<(&Node, &Run)> = nodes.iter().zip(runs).filter(|(_, r)| !r.outcome.ok()).collect();
    merge::failed_table(&mut std::io::stderr().lock(), &failed, nodes.len())?;
    match exit_status(nodes.len() - failed.len(), nodes.len(), allow_partial) {
        0 => Ok(()),
        code => Err(Exit(code).into()),
    }
}

/// `nodes done / failed / running` on stderr, only on a terminal.
struct Progress {
    on: bool,
    total: usize,
    done: usize,
    failed: usize,
    running: usize,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            on: std::io::stderr().is_terminal(),
            total,
            done: 0,
            failed: 0,
            running: 0,
        }
    }

    fn started(&mut self) {
        self.running += 1;
        self.show();
    }

    fn done(&mut self, failed: bool) {
        self.running = self.running.saturating_sub(1);
        self.done += 1;
        self.failed += usize::from(failed);
        self.show();
    }

    fn show(&self) {
        if self.on {
            crate::output::notes::progress(format_args!(
                "fleet: {}/{} nodes done, {} failed, {} running",
                self.done, self.total, self.failed, self.running
            ));
        }
    }

    fn clear(&self) {
        if self.on {
            crate::output::notes::progress("");
        }
    }
}
