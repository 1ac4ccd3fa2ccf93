//! `cdbg snapshot info FILE`: what a snapshot holds, without replaying it.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use crate::bpf::map_type;
use crate::output::table::tabwriter;
use crate::replay::Snapshot;

pub fn write(out: &mut dyn Write, path: &Path) -> Result<()> {
    let s = Snapshot::load(path)?;
    let m = &s.meta;
    let c = &m.clocks;
    let wall = jiff::Timestamp::from_nanosecond(c.wall_unix_ns)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| c.wall_unix_ns.to_string());
    let answered = s.agent.values().filter(|(st, _)| *st != 0).count();
    let mut w = tabwriter(out, 0, 2);
    writeln!(
        w,
        "Snapshot:\t{} (format {})",
        path.display(),
        crate::replay::format::VERSION
    )?;
    writeln!(
        w,
        "Node:\t{} (hostname {}, kernel {})",
        m.node, m.hostname, m.kernel_release
    )?;
    writeln!(
        w,
        "Versions:\tcdbg {}, Cilium {} (detected from the maps)",
        m.cdbg_version, m.cilium_version
    )?;
    writeln!(w, "Saved at:\t{wall}")?;
    let jiffies = match (c.jiffies, c.hz) {
        (Some(j), Some(hz)) => format!(", jiffies {j} (HZ {hz})"),
        (Some(j), None) => format!(", jiffies {j}"),
        _ => String::new(),
    };
    writeln!(
        w,
        "Clocks:\tCLOCK_MONOTONIC {}.{:09} s{jiffies}",
        c.monotonic_ns / 1_000_000_000,
        c.monotonic_ns % 1_000_000_000
    )?;
    writeln!(w, "BPF root:\t{} ({} CPUs)", m.bpf_root.display(), m.possible_cpus)?;
    writeln!(w, "Agent:\t{answered} answers, {} missing", s.agent.len() - answered)?;
    match &s.hubble {
        Some(_) => writeln!(w, "Hubble:\t{} flows and server status", s.flows.len())?,
        None => writeln!(w, "Hubble:\tnot saved")?,
    }
    match &s.runtime_config {
        Some(rc) => writeln!(w, "Runtime config:\t{} allow-listed fields", rc.len())?,
        None => writeln!(w, "Runtime config:\tnot saved")?,
    }
    for n in &s.notes {
        writeln!(w, "Note:\t{n}")?;
    }
    writeln!(w)?;
    writeln!(w, "MAP\tTYPE\tKEY/VALUE\tENTRIES\tMAX\tFILL")?;
    for (mm, n) in &s.maps {
        let name = match &mm.outer {
            Some((outer, key)) => format!("{outer}[{key}] (id {})", mm.id),
            None => mm.name.clone(),
        };
        let fill = if mm.max_entries > 0 {
            format!("{:.1}%", *n as f64 * 100.0 / f64::from(mm.max_entries))
        } else {
            "-".into()
        };
        writeln!(
            w,
            "{name}\t{}\t{}/{}\t{n}\t{}\t{fill}",
            map_type::name(mm.map_type),
            mm.key_size,
            mm.value_size,
            mm.max_entries
        )?;
    }
    w.flush()?;
    Ok(())
}
