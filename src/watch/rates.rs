//! `bpf metrics list --watch`: per-interval deltas and per-second rates of the datapath's forward
//! and drop counters, summed per reason and direction and sorted by rate (`--top N`).
//! `--wait`/`--wait-gone` on metrics go through the generic engine instead.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::time::Instant;

use anyhow::{bail, Result};
use serde::Serialize;

use super::maps::MapRows;
use super::{now_text, Row, Stop, WatchArgs};
use crate::bpf::{walk, Map};
use crate::maps::metrics::{self, Key};
use crate::output::changes::{Changes, STREAM_ONLY};
use crate::output::{json, Format};

/// Counters summed per (reason code, direction code).
type Totals = BTreeMap<(u8, u8), (u64, u64)>;

fn read(map: &Map) -> Result<Totals> {
    let mut t = Totals::new();
    walk::stream(
        map,
        &map.path().display().to_string(),
        |k: &[u8], v: &[u8]| -> Result<()> {
            let k = Key::decode(k).ok_or_else(|| crate::maps::bad_entry(map))?;
            let (p, b) = metrics::sum_percpu(v);
            let e = t.entry((k.reason, k.dir)).or_default();
            e.0 = e.0.wrapping_add(p);
            e.1 = e.1.wrapping_add(b);
            Ok(())
        },
    )?;
    Ok(t)
}

/// One reason/direction's change over an interval.
#[derive(Debug, Serialize)]
pub struct Rate {
    pub time: String,
    pub reason_code: u8,
    pub reason: String,
    pub drop: bool,
    pub direction: &'static str,
    /// Packets and bytes counted during the interval.
    pub packets: u64,
    pub bytes: u64,
    pub packets_per_sec: f64,
    pub bytes_per_sec: f64,
    pub interval_secs: f64,
}

/// The rates between two readings, highest packet rate first; counters that did not move are
/// left out, and a counter that went down (a reset) counts from zero.
fn rates(old: &Totals, new: &Totals, secs: f64, time: &str) -> Vec<Rate> {
    let mut out: Vec<Rate> = new
        .iter()
        .filter_map(|(&(reason, dir), &(p, b))| {
            let (op, ob) = old.get(&(reason, dir)).copied().unwrap_or((0, 0));
            let (dp, db) = if p < op || b < ob { (p, b) } else { (p - op, b - ob) };
            (dp != 0 || db != 0).then(|| Rate {
                time: time.to_string(),
                reason_code: reason,
                reason: metrics::reason_name(reason),
                drop: metrics::is_drop(reason),
                direction: metrics::direction_name(dir),
                packets: dp,
                bytes: db,
                packets_per_sec: dp as f64 / secs,
                bytes_per_sec: db as f64 / secs,
                interval_secs: secs,
            })
        })
        .collect();
    out.sort_by(|x, y| {
        (y.packets, y.bytes)
            .cmp(&(x.packets, x.bytes))
            .then_with(|| (&x.reason, x.direction).cmp(&(&y.reason, y.direction)))
    });
    out
}

/// An interval's rates (nothing when no counter moved).
fn write_rates(out: &mut dyn Write, stream: Changes, rows: &[Rate]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    stream.records(
        out,
        "REASON\tDIRECTION\tPACKETS/s\tBYTES/s\tPACKETS\tBYTES",
        rows,
        |r, tw| {
            write!(
                tw,
                "{}\t{}\t{:.1}\t{:.1}\t+{}\t+{}",
                r.reason, r.direction, r.packets_per_sec, r.bytes_per_sec, r.packets, r.bytes
            )
        },
    )
}

/// `bpf metrics list --watch|--wait|--wait-gone [--top N]`.
pub fn metrics(args: &WatchArgs, format: &Format, map: &Map, top: Option<usize>, out: &mut dyn Write) -> Result<()> {
    if args.wait || args.wait_gone {
        return wait(args, format, map, out);
    }
    args.check(format)?;
    let Some(stream) = Changes::new(format) else {
        bail!(STREAM_ONLY);
    };
    let tty = std::io::stdout().is_terminal();
    let stop = Stop::install()?;
    let give_up = args.timeout.map(|t| Instant::now() + t);
    let mut last = read(map)?;
    let mut at = Instant::now();
    // The first pass: the totals so far, in the same shape (since the counters started).
    if !args.quiet {
        let empty = Totals::new();
        let mut first = rates(&empty, &last, 1.0, &now_text());
        first.truncate(top.unwrap_or(usize::MAX));
        stream.records(out, "REASON\tDIRECTION\tPACKETS\tBYTES", &first, |r, tw| {
            write!(tw, "{}\t{}\t{}\t{}", r.reason, r.direction, r.packets, r.bytes)
        })?;
    } else {
        writeln!(out, "{} counters", last.len())?;
    }
    out.flush()?;
    if let Some(n) = super::snapshot_note(args) {
        crate::output::notes::line(n);
        return Ok(());
    }
    let mut pass = 1u64;
    loop {
        if args.passes.is_some_and(|n| pass >= n) {
            return Ok(());
        }
        let deadline = at + args.interval();
        let deadline = give_up.map_or(deadline, |g| g.min(deadline));
        if !stop.sleep_until(deadline) || give_up.is_some_and(|g| Instant::now() >= g) {
            return Ok(());
        }
        super::check_pins(&[map])?;
        let now = read(map)?;
        let t = Instant::now();
        let secs = (t - at).as_secs_f64().max(1e-3);
        let time = now_text();
        let mut rows = rates(&last, &now, secs, &time);
        rows.truncate(top.unwrap_or(usize::MAX));
        write_rates(out, stream, &rows)?;
        stream.footer(out, tty, format_args!("{time}  over {secs:.1}s"))?;
        out.flush()?;
        last = now;
        at = t;
        pass += 1;
    }
}

/// `--wait`/`--wait-gone` on metrics: rows are the listing's counters (per-CPU summed).
fn wait(args: &WatchArgs, format: &Format, map: &Map, out: &mut dyn Write) -> Result<()> {
    let keep = |_: u32, k: &[u8], _: &[u8]| Key::decode(k).is_some();
    let state = |_: u32, _: &[u8], v: &[u8], st: &mut Vec<u8>| {
        let (p, b) = metrics::sum_percpu(v);
        st.extend_from_slice(&p.to_ne_bytes());
        st.extend_from_slice(&b.to_ne_bytes());
    };
    let decode = |row: &Row<'_>| {
        let k = Key::decode(row.key)?;
        let p = u64::from_ne_bytes(row.state.get(0..8)?.try_into().ok()?);
        let b = u64::from_ne_bytes(row.state.get(8..16)?.try_into().ok()?);
        Some((k, p, b))
    };
    let tbl = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((k, p, by)) = decode(row) {
            write!(
                b,
                "{}\t{}\t{p}\t{by}\t{}\t{}",
                metrics::reason_name(k.reason),
                k.direction(),
                k.line,
                metrics::file_name(k.file)
            )?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((k, p, by)) = decode(row) {
            json::write_line(&mut *b, &metrics::Record::new(&k, p, by))?;
            b.pop();
        }
        Ok(())
    };
    let rows = MapRows {
        maps: vec![(map, map.path().display().to_string())],
        header: Some("REASON\tDIRECTION\tPACKETS\tBYTES\tLINE\tFILE"),
        sorted: true,
        keep: &keep,
        state: Some(&state),
        table: &tbl,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_sorted_and_reset() {
        let old: Totals = [((0, 1), (10, 1000)), ((133, 2), (5, 500)), ((1, 1), (7, 7))].into();
        let new: Totals = [
            ((0, 1), (30, 3000)),
            ((133, 2), (105, 600)),
            ((1, 1), (3, 3)),
            ((2, 2), (0, 0)),
        ]
        .into();
        let r = rates(&old, &new, 2.0, "t");
        let got: Vec<_> = r
            .iter()
            .map(|r| (r.reason_code, r.direction, r.packets, r.bytes, r.packets_per_sec))
            .collect();
        assert_eq!(
            got,
            vec![
                (133, "EGRESS", 100, 100, 50.0),
                (0, "INGRESS", 20, 2000, 10.0),
                (1, "INGRESS", 3, 3, 1.5)
            ]
        );
    }
}
