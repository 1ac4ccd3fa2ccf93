//! One listing's query over map entries: the common filters, the `--count`/`--top` aggregate,
//! the `--resolve` joins, and the CT/NAT rows in every output form (`ct`, `nat`).

pub mod ct;
pub mod nat;

use std::io::Write;

use anyhow::Result;

use crate::bpf::{walk, Map};
use crate::filter::{Entry, FilterArgs, Tally};
use crate::maps::view::View;
use crate::output::{stream, Format};
use crate::resolve::Resolved;

/// A map whose listing rows take the `--resolve` joins (CT, NAT): what the joins add to a row
/// beside what its [`View`] shows.
pub trait Joined: View {
    /// The entry's joins (`None` without `--resolve`).
    fn joins(&self, sel: &Query, k: &[u8], v: &[u8]) -> Option<Resolved>;
    /// Append the joins to the entry's table line (no newline yet).
    fn write_joins(&self, res: &Resolved, buf: &mut Vec<u8>) {
        res.write_suffix(buf);
    }
    /// Append the entry's Go record (`-o json`, `yaml`, `jsonpath`).
    fn go_json(&self, k: &[u8], v: &[u8], buf: &mut Vec<u8>);
    /// Append the entry's `-o jsonl` line with its joins.
    fn joined_record(&self, k: &[u8], v: &[u8], res: &Resolved, buf: &mut Vec<u8>) -> Result<()>;
}

/// One entry of a streamed listing in every form: the table line and `-o jsonl` record from
/// the map's [`View`] (as in its watch), plus the `--resolve` joins.
pub struct Row<'a, V> {
    pub view: &'a V,
    pub k: &'a [u8],
    pub v: &'a [u8],
    pub sel: &'a Query<'a>,
}

impl<V: Joined> stream::Entry for Row<'_, V> {
    fn table(&self, b: &mut Vec<u8>) -> Result<()> {
        let start = b.len();
        self.view.table(self.k, self.v, b)?;
        if b.len() > start {
            if let Some(res) = self.view.joins(self.sel, self.k, self.v) {
                self.view.write_joins(&res, b);
            }
            b.push(b'\n');
        }
        Ok(())
    }

    fn go_json(&self, b: &mut Vec<u8>) -> Result<()> {
        self.view.go_json(self.k, self.v, b);
        Ok(())
    }

    fn jsonl(&self, b: &mut Vec<u8>) -> Result<()> {
        let start = b.len();
        match self.view.joins(self.sel, self.k, self.v) {
            Some(res) => self.view.joined_record(self.k, self.v, &res, b)?,
            None => self.view.record(self.k, self.v, b)?,
        }
        if b.len() > start && b.last() != Some(&b'\n') {
            b.push(b'\n');
        }
        Ok(())
    }
}

/// One listing's query: the common filters, the `--count`/`--top` aggregate and the optional
/// `--resolve` joins. `keep` is the per-entry hook every walk calls: it says whether an entry is
/// printed; with `--count` or `--top` matching entries are only tallied, and `finish` prints the
/// aggregate.
pub struct Query<'a> {
    pub args: &'a FilterArgs,
    pub tally: Tally,
    /// Names for `--resolve`.
    pub resolver: Option<crate::resolve::Resolver>,
}

impl<'a> Query<'a> {
    pub fn new(args: &'a FilterArgs) -> Query<'a> {
        Query {
            args,
            tally: Tally::default(),
            resolver: None,
        }
    }

    pub fn with_resolver(mut self, resolver: Option<crate::resolve::Resolver>) -> Query<'a> {
        self.resolver = resolver;
        self
    }

    pub fn keep(&mut self, e: &dyn Entry) -> bool {
        self.tally.scanned += 1;
        if !self.args.matches(e) {
            return false;
        }
        if self.args.aggregates() {
            self.tally.add(self.args.top.map(|_| self.args.by), e);
            return false;
        }
        true
    }

    /// Whether an entry passes the filters; `view` is only built when a filter is set.
    pub fn matches<E: Entry>(&self, view: impl FnOnce() -> E) -> bool {
        !self.args.is_active() || self.args.matches(&view())
    }

    /// True when the command prints an aggregate instead of its rows.
    pub fn aggregates(&self) -> bool {
        self.args.aggregates()
    }

    /// True when some rows may have been left out by a filter.
    pub fn filtering(&self) -> bool {
        self.args.is_active()
    }

    /// Print the `--count` or `--top` result.
    pub fn finish(&self, out: &mut dyn Write, format: &Format) -> Result<()> {
        self.tally.write(out, self.args, format)?;
        Ok(())
    }
}

/// Walk a map through `f(key, value)`: sorted by key bytes when `sort` (every entry held in
/// memory), else streamed.
pub fn walk_maybe_sorted<F>(map: &Map, name: &str, sort: bool, mut f: F) -> Result<()>
where
    F: FnMut(&[u8], &[u8]) -> Result<()>,
{
    if sort {
        let mut all = walk::Sorted::<()>::new();
        all.add::<anyhow::Error, _>(map, 0, |_, _| Ok(Some(())))?;
        all.sort_by_raw_key();
        for e in all.iter() {
            f(e.key, e.value)?;
        }
    } else {
        walk::stream(map, name, f)?;
    }
    Ok(())
}

/// `--count` / `--top` over CT or NAT maps (the key layout is shared): walk every map, skip empty
/// slots (`nexthdr == 0`), tally the entries that pass the filters, print the result.
pub fn aggregate<'m, V: crate::filter::Entry>(
    maps: impl Iterator<Item = (&'m Map, &'m str)>,
    filter: &crate::filter::FilterArgs,
    format: &Format,
    out: &mut dyn Write,
    view: impl Fn(&[u8], &[u8]) -> V,
) -> Result<()> {
    let mut tally = crate::filter::Tally::default();
    let by = filter.top.map(|_| filter.by);
    for (map, name) in maps {
        walk::stream::<anyhow::Error, _>(map, name, |k, v| {
            if k[k.len() - 2] != 0 {
                let e = view(k, v);
                if filter.matches(&e) {
                    tally.add(by, &e);
                }
            }
            Ok(())
        })?;
    }
    tally.write(out, filter, format)?;
    Ok(())
}
