//! One listing's query over map entries: the common filters, the `--count`/`--top` aggregate,
//! the `--resolve` joins, and the CT/NAT rows in every output form (`ct`, `nat`).

pub mod ct;
pub mod nat;

use std::io::Write;

use anyhow::Result;

use crate::bpf::{walk, Map};
use crate::filter::{Entry, FilterArgs, Tally};
use crate::output::Format;

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
