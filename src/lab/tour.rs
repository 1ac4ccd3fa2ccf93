//! `cdbg lab tour`: build the lab, run a guided list of commands against it, tear it down.

use std::io::Write;

use anyhow::{Context, Result};

use super::{Lab, UpOptions};

/// Triage beyond cilium-dbg: filters, aggregates, joins, map pressure, node checks.
const TRIAGE: &[(&str, &str)] = &[
    (
        "bpf pressure",
        "Every pinned map's fill level, most filled first (! at >= 90 %)",
    ),
    (
        "bpf ct list global --top 3 --by dst",
        "Who fills the conntrack table: the 3 busiest destinations",
    ),
    (
        "bpf ct list global --dport 80 --resolve",
        "Filter while streaming, and join service, backend, pod and identity names",
    ),
    (
        "bpf nat list --flags OUT --count",
        "Count matching entries without printing them",
    ),
    (
        "bpf lb list --service 10.96.0.10:53",
        "One service's frontend and backend slots",
    ),
    (
        "kpr check",
        "Is kube-proxy replacement really in force? Evidence from maps, kernel hooks and the agent",
    ),
    ("preflight kernel", "Does this kernel meet Cilium's requirements?"),
    (
        "status --from-maps -o json",
        "The datapath's own view without the agent, as a document for scripts",
    ),
    (
        "bpf ct list global --count --bpf-root /nonexistent/bpffs",
        "A wrong --bpf-root is an error naming the path and the fix, never \"0 entries\"",
    ),
];

/// Every step of the tour, grouped by subject.
pub fn steps() -> Vec<(&'static str, &'static str)> {
    [
        super::lb::TOUR,
        super::ct::TOUR,
        super::nat::TOUR,
        super::datapath::TOUR,
        super::agent::TOUR,
        super::hubble::TOUR,
        TRIAGE,
    ]
    .concat()
}

/// Run the tour, writing a transcript to `out`.
pub fn run(out: &mut dyn Write) -> Result<()> {
    let tmp = std::env::temp_dir().join(format!("cdbg-lab-tour-{}", std::process::id()));
    let lab = Lab::new(&tmp);
    writeln!(
        out,
        "# Building the lab node cilium-m1 in {} (private bpffs, stand-in agent and Hubble)",
        tmp.display()
    )?;
    lab.up(UpOptions {
        faults: false,
        serve: true,
    })
    .context("lab up")?;
    let result = run_steps(&lab, out);
    let down = lab.down();
    writeln!(out, "# Lab removed.")?;
    result.and(down)
}

fn run_steps(lab: &Lab, out: &mut dyn Write) -> Result<()> {
    let exe = std::env::current_exe()?;
    for (line, why) in steps() {
        writeln!(out, "\n# {why}")?;
        writeln!(out, "$ cdbg {line}")?;
        out.flush()?;
        let args = split_args(line);
        let o = std::process::Command::new(&exe).args(&args).envs(lab.env()).output()?;
        out.write_all(&o.stdout)?;
        out.write_all(&o.stderr)?;
        if !o.status.success() {
            writeln!(out, "(exit status {})", o.status.code().unwrap_or(-1))?;
        }
    }
    Ok(())
}

/// Split a tour command line on spaces, keeping single-quoted parts together.
fn split_args(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    args.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        args.push(cur);
    }
    args
}

#[cfg(test)]
mod tests {
    #[test]
    fn split_args_keeps_quotes() {
        assert_eq!(
            super::split_args("bpf ct list global -o 'jsonpath={.a b}'"),
            vec!["bpf", "ct", "list", "global", "-o", "jsonpath={.a b}"]
        );
    }
}
