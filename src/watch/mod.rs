//! `--watch`, `--wait` and `--wait-gone` on every map listing: repeated passes over a listing,
//! diffed against a compact per-key fingerprint table, printed as `+`/`-`/`~` change lines or
//! `-o jsonl` change records, which `output::changes` writes (the engine never picks a format).
//!
//! A listing plugs in through [`Watched`]: it walks its maps with its own filters and hands each
//! row over as (group, real key, watched state bytes, full value). The engine keeps, per row, only
//! the key and the state bytes in one flat arena per group (map), indexed by a hash table of
//! `u32` slots, so memory grows with the number of watched entries and never holds rows' text.

pub mod conntrack;
pub mod lb;
pub mod maps;
pub mod rates;
pub mod small;
mod store;

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

use crate::bpf::Map;
use crate::maps::{Access, BpfRoot};
use crate::output::changes::{Changes, Field, Kind, RowText, STREAM_ONLY};
use crate::output::Exit;
use crate::output::Format;
use store::{Seen, Store};

/// The watch flags, flattened into every map listing.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WatchArgs {
    /// Print the rows, then every INTERVAL only what changed: `+` added, `-` removed, `~` changed
    /// (fields old → new). Memory grows with the watched entries only: per entry its key, the
    /// compared value bytes and ~11 bytes of index, never its text (CT: ~45 bytes per IPv4 and
    /// ~70 per IPv6 entry, about 45 MiB for 1M; other maps 30–90 bytes). Ends with Ctrl-C (exit 0)
    #[arg(
        long,
        value_name = "INTERVAL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "1s",
        value_parser = crate::gotime::positive_duration,
        help_heading = "Watch (cdbg)"
    )]
    pub watch: Option<Duration>,
    /// Wait until at least one row matches the filters, print the matching rows and exit 0;
    /// exit 1 at --timeout. Polls at the --watch interval (1s by default)
    #[arg(long, conflicts_with = "wait_gone", help_heading = "Watch (cdbg)")]
    pub wait: bool,
    /// Wait until no row matches the filters and exit 0; at --timeout print the rows still
    /// matching and exit 1
    #[arg(long, help_heading = "Watch (cdbg)")]
    pub wait_gone: bool,
    /// With --wait/--wait-gone: give up after DURATION (exit 1). With --watch: stop after
    /// DURATION (exit 0)
    #[arg(long, value_name = "DURATION", value_parser = crate::gotime::positive_duration, help_heading = "Watch (cdbg)")]
    pub timeout: Option<Duration>,
    /// With --watch on conntrack: also report lifetime, packet/byte counter, TCP-flags-seen and
    /// report-time changes (by default only the entries' other fields are compared)
    #[arg(long, help_heading = "Watch (cdbg)")]
    pub all_changes: bool,
    /// Refuse to watch more than this many entries (narrow the watch with filters instead)
    #[arg(long, value_name = "N", default_value_t = 2_000_000, help_heading = "Watch (cdbg)")]
    pub max_watch: usize,
    /// With --watch: print only the number of rows on the first pass, then the changes
    #[arg(long, help_heading = "Watch (cdbg)")]
    pub quiet: bool,
    /// Stop after N passes (tests)
    #[arg(long, hide = true, value_name = "N")]
    pub passes: Option<u64>,
}

impl WatchArgs {
    /// True when the command must run through the watch engine instead of listing once.
    pub fn active(&self) -> bool {
        self.watch.is_some() || self.wait || self.wait_gone
    }

    /// The time between passes.
    pub fn interval(&self) -> Duration {
        self.watch.unwrap_or(Duration::from_secs(1))
    }

    /// Refuse combinations that cannot work, before any map is read.
    pub fn check(&self, format: &Format) -> Result<()> {
        if self.active() && Changes::new(format).is_none() {
            bail!(STREAM_ONLY);
        }
        if self.timeout.is_some() && !self.active() {
            bail!("--timeout applies to --watch, --wait or --wait-gone: add one of them");
        }
        Ok(())
    }
}

/// Refuse, before any map is read, the listing flags a watch cannot honour (`flags`: whether
/// each is set, its name and why).
pub fn refuse(args: &WatchArgs, flags: &[(bool, &str, &str)]) -> Result<()> {
    if !args.active() {
        return Ok(());
    }
    if let Some((_, flag, why)) = flags.iter().find(|f| f.0) {
        bail!("{flag} does not combine with --watch, --wait or --wait-gone: {why}; drop {flag}");
    }
    Ok(())
}

/// One row of a pass. `state` is what is compared and kept between passes; `full` is the whole
/// value when the row was just read (absent for a removed row, which only its state remembers).
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// Which map (or view part) of the listing the row comes from.
    pub group: u32,
    /// The map's real key.
    pub key: &'a [u8],
    pub state: &'a [u8],
    pub full: Option<&'a [u8]>,
}

/// A listing that can be watched.
pub trait Watched {
    /// The table header (tab-separated cells), if the listing prints one.
    fn header(&self) -> Option<&str> {
        None
    }
    /// True when the listing's rows are sorted (the first pass then sorts its lines); streamed
    /// listings (CT, NAT) print the first pass as it is read.
    fn sorted(&self) -> bool {
        true
    }
    /// One pass over the rows that pass the listing's filters.
    fn pass(&self, emit: &mut dyn FnMut(Row<'_>) -> Result<()>) -> Result<()>;
    /// The row's table line: tab-separated cells, no newline.
    fn table(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()>;
    /// The row's typed record: one JSON object, no newline.
    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()>;
    /// Maps whose pins must stay the same during the watch.
    fn pins(&self) -> Vec<&Map> {
        Vec::new()
    }
}

/// Ctrl-C and SIGTERM set this flag; the loop ends at the next check and exits 0.
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    /// Install the handlers (signal-safe: they only set the flag).
    pub fn install() -> Result<Stop> {
        let flag = Arc::new(AtomicBool::new(false));
        for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            signal_hook::flag::register(sig, Arc::clone(&flag))?;
        }
        Ok(Stop(flag))
    }

    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Sleep until `deadline`, waking early on a signal or a closed stdout. True to go on.
    pub fn sleep_until(&self, deadline: Instant) -> bool {
        loop {
            if self.requested() || stdout_closed() {
                return false;
            }
            let now = Instant::now();
            if now >= deadline {
                return true;
            }
            std::thread::sleep((deadline - now).min(Duration::from_millis(25)));
        }
    }
}

/// True when stdout is a pipe whose reader has gone (`cdbg … --watch | head -1`).
fn stdout_closed() -> bool {
    use rustix::event::{poll, PollFd, PollFlags};
    let stdout = std::io::stdout();
    let mut fds = [PollFd::new(&stdout, PollFlags::OUT)];
    let zero = rustix::time::Timespec { tv_sec: 0, tv_nsec: 0 };
    match poll(&mut fds, Some(&zero)) {
        Ok(n) if n > 0 => fds[0].revents().intersects(PollFlags::ERR | PollFlags::HUP),
        _ => false,
    }
}

/// Now, as RFC 3339 with milliseconds (the saved clock when replaying a snapshot).
pub fn now_text() -> String {
    crate::gotime::format_rfc3339_ms(crate::clock::unix_now_ns())
}

/// Reopen a watched map's pin through the one open path ([`BpfRoot::open_pin`]): `None` when
/// it is no longer pinned, or when its path is not under a bpffs root's `tc/globals`.
fn reopen(path: &std::path::Path) -> Result<Option<Map>> {
    let (Some(name), Some(globals)) = (path.file_name().and_then(|n| n.to_str()), path.parent()) else {
        return Ok(None);
    };
    let Some(root) = globals
        .ends_with(crate::maps::TC_GLOBALS)
        .then(|| globals.parent().and_then(|p| p.parent()))
        .flatten()
    else {
        return Ok(None);
    };
    Ok(BpfRoot(root.to_path_buf()).open_pin(name, Access::Read)?)
}

/// Check that every watched map is still the one pinned at its path. A snapshot never changes:
/// nothing to check.
pub fn check_pins(maps: &[&Map]) -> Result<()> {
    if crate::replay::active().is_some() {
        return Ok(());
    }
    for m in maps {
        let path = m.path();
        if path.as_os_str().is_empty() || !path.parent().is_some_and(|g| g.ends_with(crate::maps::TC_GLOBALS)) {
            continue;
        }
        let id = m.info().id;
        match reopen(path) {
            Ok(Some(now)) if now.info().id == id => {}
            Ok(Some(now)) => bail!(
                "{} was replaced during the watch (map id {id} → {}, key/value {}/{} bytes now): the agent recreated it; rerun the command to watch the new map",
                path.display(),
                now.info().id,
                now.info().key_size,
                now.info().value_size
            ),
            Ok(None) => bail!(
                "{} disappeared during the watch: the agent removed it or restarted; rerun the command once it is back",
                path.display()
            ),
            Err(e) => bail!(
                "{} disappeared during the watch ({e:#}): the agent removed it or restarted; rerun the command once it is back",
                path.display()
            ),
        }
    }
    Ok(())
}

/// With `--from`: the snapshot never changes, so a watch is its first pass and a wait is
/// decided at once. Says so on stderr.
pub fn snapshot_note(args: &WatchArgs) -> Option<String> {
    let s = crate::replay::active()?;
    let what = if args.wait || args.wait_gone {
        "the wait is decided on its one pass"
    } else {
        "the watch ends after its first pass"
    };
    Some(format!(
        "cdbg --from: the snapshot {} never changes: {what}",
        s.path.display()
    ))
}

/// Run a watch, wait or wait-gone over `listing`, writing to `out`.
pub fn run(args: &WatchArgs, format: &Format, listing: &dyn Watched, out: &mut dyn Write) -> Result<()> {
    args.check(format)?;
    let Some(stream) = Changes::new(format) else {
        bail!(STREAM_ONLY);
    };
    let stop = Stop::install()?;
    let started = Instant::now();
    let give_up = args.timeout.map(|t| started + t);
    let note = snapshot_note(args);
    if args.wait || args.wait_gone {
        return wait(args, stream, listing, out, &stop, give_up, note.as_deref());
    }
    let tty = std::io::stdout().is_terminal();
    let mut w = Watcher {
        stores: Vec::new(),
        max: args.max_watch,
        mark: 0,
        changes: Vec::new(),
        stream,
    };
    let mut pass_no = 0u64;
    loop {
        let t0 = Instant::now();
        let deadline = t0 + args.interval();
        w.mark ^= 1;
        let first = pass_no == 0;
        if first {
            first_pass(args, listing, &mut w, out)?;
        } else {
            check_pins(&listing.pins())?;
            let time = now_text();
            let mut emit = |row: Row<'_>| w.observe(listing, row, &time);
            listing.pass(&mut emit)?;
            w.sweep(listing, &time)?;
            let (a, r, c) = w.write_changes(out)?;
            stream.footer(
                out,
                tty,
                format_args!(
                    "{time}  +{a} -{r} ~{c}  {} watched  (pass {} ms)",
                    w.live(),
                    t0.elapsed().as_millis()
                ),
            )?;
        }
        out.flush()?;
        pass_no += 1;
        if let Some(n) = &note {
            crate::output::notes::line(n);
            return Ok(());
        }
        if args.passes.is_some_and(|n| pass_no >= n) {
            return Ok(());
        }
        let deadline = give_up.map_or(deadline, |g| g.min(deadline));
        if !stop.sleep_until(deadline) || give_up.is_some_and(|g| Instant::now() >= g) {
            return Ok(());
        }
    }
}

/// The first pass: fill the table and print the rows (or only their count with `--quiet`).
fn first_pass(args: &WatchArgs, listing: &dyn Watched, w: &mut Watcher, out: &mut dyn Write) -> Result<()> {
    let stream = w.stream;
    let sorted = listing.sorted();
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut streamed: Vec<u8> = Vec::with_capacity(64 * 1024);
    let mut n = 0u64;
    let quiet = args.quiet;
    let mut emit = |row: Row<'_>| -> Result<()> {
        w.insert(row)?;
        n += 1;
        if quiet {
            return Ok(());
        }
        let mut line = Vec::with_capacity(256);
        stream.row(&Shown { listing, row }, &mut line)?;
        if sorted {
            lines.push(line);
        } else {
            streamed.extend_from_slice(&line);
            if streamed.len() > 60 * 1024 {
                out.write_all(&streamed)?;
                streamed.clear();
            }
        }
        Ok(())
    };
    listing.pass(&mut emit)?;
    if quiet {
        return stream.count(out, n);
    }
    lines.sort_unstable();
    lines.push(streamed);
    stream.rows(out, listing.header(), &lines)
}

/// A row of a listing, as the change stream asks for it.
struct Shown<'l, 'r> {
    listing: &'l dyn Watched,
    row: Row<'r>,
}

impl RowText for Shown<'_, '_> {
    fn table(&self, out: &mut Vec<u8>) -> Result<()> {
        self.listing.table(&self.row, out)
    }
    fn record(&self, out: &mut Vec<u8>) -> Result<()> {
        self.listing.record(&self.row, out)
    }
}

/// `--wait` / `--wait-gone`: poll until the condition holds or the timeout passes.
fn wait(
    args: &WatchArgs,
    stream: Changes,
    listing: &dyn Watched,
    out: &mut dyn Write,
    stop: &Stop,
    give_up: Option<Instant>,
    note: Option<&str>,
) -> Result<()> {
    loop {
        let deadline = Instant::now() + args.interval();
        let mut rows: Vec<Vec<u8>> = Vec::new();
        listing.pass(&mut |row: Row<'_>| -> Result<()> {
            let mut line = Vec::with_capacity(256);
            stream.row(&Shown { listing, row }, &mut line)?;
            rows.push(line);
            Ok(())
        })?;
        let done = if args.wait { !rows.is_empty() } else { rows.is_empty() };
        let timed_out = note.is_some() || give_up.is_some_and(|g| Instant::now() >= g);
        if done || timed_out {
            rows.sort_unstable();
            if !rows.is_empty() {
                stream.rows(out, listing.header(), &rows)?;
            }
            out.flush()?;
            if done {
                return Ok(());
            }
            let what = if args.wait {
                "no row matched the filters"
            } else {
                "rows still match the filters"
            };
            if let Some(n) = note {
                crate::output::notes::line(format_args!("{n}: {what}"));
                return Err(Exit(1).into());
            }
            crate::output::notes::line(format_args!(
                "Timed out after {}: {what}",
                crate::gotime::duration_string(args.timeout.unwrap_or_default().as_nanos() as i64)
            ));
            return Err(Exit(1).into());
        }
        check_pins(&listing.pins())?;
        let deadline = give_up.map_or(deadline, |g| g.min(deadline));
        if !stop.sleep_until(deadline) {
            return Ok(());
        }
    }
}

/// The engine's state across passes.
struct Watcher {
    /// One fingerprint table per group.
    stores: Vec<Store>,
    max: usize,
    /// Flips every pass; a row not seen with the current mark was removed.
    mark: u8,
    /// This pass's change lines (rendered), sorted before printing.
    changes: Vec<(Kind, Vec<u8>)>,
    stream: Changes,
}

impl Watcher {
    fn live(&self) -> usize {
        self.stores.iter().map(Store::live).sum()
    }

    fn store(&mut self, row: &Row<'_>) -> Result<&mut Store> {
        let g = row.group as usize;
        while self.stores.len() <= g {
            self.stores.push(Store::new());
        }
        let s = &mut self.stores[g];
        s.shape(row.key.len(), row.state.len())?;
        Ok(s)
    }

    fn room(&self) -> Result<()> {
        if self.live() > self.max {
            bail!(
                "this watch would keep more than {} entries (--max-watch): narrow it with filters (--ip, --port, --identity, --service, …) or raise --max-watch (each entry costs its key plus its compared value bytes, about 40 bytes for CT)",
                self.max
            );
        }
        Ok(())
    }

    /// First pass: remember the row.
    fn insert(&mut self, row: Row<'_>) -> Result<()> {
        let mark = self.mark;
        self.store(&row)?.upsert(row.key, row.state, mark);
        self.room()
    }

    /// Later passes: compare the row with what the table holds.
    fn observe(&mut self, listing: &dyn Watched, row: Row<'_>, time: &str) -> Result<()> {
        let mark = self.mark;
        match self.store(&row)?.upsert(row.key, row.state, mark) {
            Seen::Same => {}
            Seen::New => {
                self.room()?;
                let line = self.render(listing, Kind::Added, &row, None, time)?;
                self.changes.push((Kind::Added, line));
            }
            Seen::Changed(old) => {
                let before = Row {
                    state: &old,
                    full: None,
                    ..row
                };
                let line = self.render(listing, Kind::Changed, &row, Some(&before), time)?;
                self.changes.push((Kind::Changed, line));
            }
        }
        Ok(())
    }

    /// After a pass: rows not seen were removed.
    fn sweep(&mut self, listing: &dyn Watched, time: &str) -> Result<()> {
        let mark = self.mark;
        let mut gone = Vec::new();
        for (g, s) in self.stores.iter_mut().enumerate() {
            s.take_unseen(mark, |k, st| gone.push((g as u32, k.to_vec(), st.to_vec())));
        }
        for (group, key, state) in gone {
            let row = Row {
                group,
                key: &key,
                state: &state,
                full: None,
            };
            let line = self.render(listing, Kind::Removed, &row, None, time)?;
            self.changes.push((Kind::Removed, line));
        }
        Ok(())
    }

    fn render(
        &self,
        listing: &dyn Watched,
        kind: Kind,
        row: &Row<'_>,
        before: Option<&Row<'_>>,
        time: &str,
    ) -> Result<Vec<u8>> {
        let fields = match before {
            Some(b) => changed_fields(listing, b, &Row { full: None, ..*row })?,
            None => Vec::new(),
        };
        self.stream.change(kind, time, &Shown { listing, row: *row }, &fields)
    }

    /// Print this pass's changes (removed, added, changed; each sorted) and count them.
    fn write_changes(&mut self, out: &mut dyn Write) -> Result<(usize, usize, usize)> {
        let mut changes = std::mem::take(&mut self.changes);
        changes.sort_unstable();
        let count = |k: Kind| changes.iter().filter(|c| c.0 == k).count();
        let counts = (count(Kind::Added), count(Kind::Removed), count(Kind::Changed));
        let lines: Vec<Vec<u8>> = changes.into_iter().map(|c| c.1).collect();
        self.stream.changes(out, &lines)?;
        Ok(counts)
    }
}

/// The record fields that differ between two renderings of a row: (name, old, new).
fn changed_fields(listing: &dyn Watched, old: &Row<'_>, new: &Row<'_>) -> Result<Vec<Field>> {
    let parse = |row: &Row<'_>| -> Result<serde_json::Map<String, serde_json::Value>> {
        let mut b = Vec::new();
        listing.record(row, &mut b)?;
        Ok(match serde_json::from_slice(&b)? {
            serde_json::Value::Object(m) => m,
            other => {
                let mut m = serde_json::Map::new();
                m.insert("value".into(), other);
                m
            }
        })
    };
    let (o, n) = (parse(old)?, parse(new)?);
    let mut fields = Vec::new();
    for (k, nv) in &n {
        let ov = o.get(k).cloned().unwrap_or(serde_json::Value::Null);
        if ov != *nv {
            fields.push((k.clone(), ov, nv.clone()));
        }
    }
    for (k, ov) in &o {
        if !n.contains_key(k) {
            fields.push((k.clone(), ov.clone(), serde_json::Value::Null));
        }
    }
    if fields.is_empty() {
        // The compared bytes differ but the record shows no difference (a field it omits).
        fields.push(("value".into(), serde_json::Value::Null, serde_json::Value::Null));
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    /// A listing of (key, value) byte pairs: table `key<TAB>v=value`, record `{"key","v"}`.
    struct Fake(RefCell<Vec<(&'static str, u8)>>);

    impl Watched for Fake {
        fn pass(&self, emit: &mut dyn FnMut(Row<'_>) -> Result<()>) -> Result<()> {
            for (k, v) in self.0.borrow().iter() {
                let v = [*v];
                emit(Row {
                    group: 0,
                    key: k.as_bytes(),
                    state: &v,
                    full: Some(&v),
                })?;
            }
            Ok(())
        }
        fn table(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
            write!(out, "{}\tv={}", String::from_utf8_lossy(row.key), row.state[0])?;
            Ok(())
        }
        fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
            let k = String::from_utf8_lossy(row.key);
            serde_json::to_writer(out, &serde_json::json!({"key": k, "v": row.state[0]}))?;
            Ok(())
        }
    }

    fn passes(jsonl: bool) -> String {
        let l = Fake(RefCell::new(vec![("aa", 1), ("bb", 2), ("cc", 3)]));
        let mut w = Watcher {
            stores: Vec::new(),
            max: 10,
            mark: 1,
            changes: Vec::new(),
            stream: Changes::new(if jsonl { &Format::Jsonl } else { &Format::Table }).unwrap(),
        };
        l.pass(&mut |r| w.insert(r)).unwrap();
        *l.0.borrow_mut() = vec![("aa", 1), ("bb", 7), ("dd", 4)];
        w.mark ^= 1;
        l.pass(&mut |r| w.observe(&l, r, "T")).unwrap();
        w.sweep(&l, "T").unwrap();
        let mut out = Vec::new();
        assert_eq!(w.write_changes(&mut out).unwrap(), (1, 1, 1));
        assert_eq!(w.live(), 3);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn change_lines() {
        assert_eq!(passes(false), "- cc   v=3\n+ dd   v=4\n~ bb   v=7   (v: 2 → 7)\n");
    }

    #[test]
    fn change_records() {
        assert_eq!(
            passes(true),
            concat!(
                "{\"change\":\"removed\",\"time\":\"T\",\"entry\":{\"key\":\"cc\",\"v\":3},\"changed_fields\":[]}\n",
                "{\"change\":\"added\",\"time\":\"T\",\"entry\":{\"key\":\"dd\",\"v\":4},\"changed_fields\":[]}\n",
                "{\"change\":\"changed\",\"time\":\"T\",\"entry\":{\"key\":\"bb\",\"v\":7},\"changed_fields\":[{\"field\":\"v\",\"new\":7,\"old\":2}]}\n",
            )
        );
    }

    #[test]
    fn max_watch_refuses() {
        let l = Fake(RefCell::new(vec![("aa", 1), ("bb", 2)]));
        let mut w = Watcher {
            stores: Vec::new(),
            max: 1,
            mark: 1,
            changes: Vec::new(),
            stream: Changes::new(&Format::Table).unwrap(),
        };
        let e = l.pass(&mut |r| w.insert(r)).unwrap_err().to_string();
        assert!(e.contains("more than 1 entries (--max-watch)"), "{e}");
    }

    #[test]
    fn flags_parse() {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct T {
            #[command(flatten)]
            w: WatchArgs,
            rest: Option<String>,
        }
        let t = T::parse_from(["t", "--watch", "global"]);
        assert_eq!(t.w.watch, Some(Duration::from_secs(1)));
        assert_eq!(t.rest.as_deref(), Some("global"));
        let t = T::parse_from(["t", "--watch=250ms"]);
        assert_eq!(t.w.interval(), Duration::from_millis(250));
        assert!(T::try_parse_from(["t", "--wait", "--wait-gone"]).is_err());
        assert!(T::try_parse_from(["t", "--watch=0s"]).is_err());
        assert!(!T::parse_from(["t"]).w.active());
        assert!(WatchArgs::default().check(&Format::Json).is_ok());
        let w = WatchArgs {
            wait: true,
            ..WatchArgs::default()
        };
        assert!(w.check(&Format::Json).is_err());
        assert!(w.check(&Format::Jsonl).is_ok());
    }
}
