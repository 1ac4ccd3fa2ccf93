//! CT rows for `bpf ct list`: selection on the shared [`Query`], the `--resolve` joins, and one
//! entry in every output form.

use anyhow::Result;

use super::Query;
use crate::maps::ct::{self, CtView};
use crate::maps::view::View;
use crate::output::stream;

/// Row selection and joins for one listing, on the shared [`Query`].
pub fn keep(sel: &Query, k: &[u8], v: &[u8]) -> bool {
    sel.matches(|| ct::View::new(k, v))
}

fn resolved(sel: &Query, k: &[u8], v: &[u8]) -> Option<crate::resolve::Resolved> {
    let r = sel.resolver.as_ref()?;
    let view = ct::View::new(k, v);
    let (s, _, d, _) = view.tuple.conn();
    let svc_entry = view.tuple.flags & ct::TUPLE_F_SERVICE != 0;
    Some(crate::resolve::Resolved {
        src: r.ip(s),
        dst: r.ip(d),
        service: r.service(view.entry.rev_nat),
        backend: (svc_entry && view.entry.backend_id != 0)
            .then(|| r.backend(view.entry.backend_id as u32))
            .flatten(),
    })
}

/// Append the joins to the table line just written into `buf` (no newline yet).
fn annotate(sel: &Query, buf: &mut Vec<u8>, k: &[u8], v: &[u8]) {
    if let Some(res) = resolved(sel, k, v) {
        res.write_suffix(buf);
    }
}

/// One CT entry in every form a listing prints: the table line and `-o jsonl` record come from
/// the map's [`CtView`] (as in its watch), plus the `--resolve` joins.
pub struct CtEntry<'a> {
    pub view: &'a CtView<'a>,
    pub k: &'a [u8],
    pub v: &'a [u8],
    pub sel: &'a Query<'a>,
}

impl stream::Entry for CtEntry<'_> {
    fn table(&self, b: &mut Vec<u8>) -> Result<()> {
        let start = b.len();
        self.view.table(self.k, self.v, b)?;
        if b.len() > start {
            if self.sel.resolver.is_some() {
                annotate(self.sel, b, self.k, self.v);
            }
            b.push(b'\n');
        }
        Ok(())
    }

    fn go_json(&self, b: &mut Vec<u8>) -> Result<()> {
        ct::write_json_record(b, self.k, self.v, self.view.layout);
        Ok(())
    }

    fn jsonl(&self, b: &mut Vec<u8>) -> Result<()> {
        let (k, v) = (self.k, self.v);
        let Some(res) = resolved(self.sel, k, v) else {
            let start = b.len();
            self.view.record(k, v, b)?;
            if b.len() > start {
                b.push(b'\n');
            }
            return Ok(());
        };
        let lt = u32::from_ne_bytes(v[32..36].try_into().unwrap());
        let view = self.view;
        if let Some(r) = ct::Record::new(view.name, k, v, view.layout, (view.remaining)(lt)) {
            crate::output::json::write_line(
                b,
                &crate::resolve::WithResolved {
                    record: r,
                    resolved: &res,
                },
            )?;
        }
        Ok(())
    }
}

/// Where a CT table comes from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Pinned under tc/globals.
    Pinned,
    /// Inner map of a per-cluster ARRAY_OF_MAPS, by cluster ID.
    Inner { outer: &'static str, cluster: u32 },
}

/// One map to dump.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub table: crate::maps::ct::Table,
    pub origin: Origin,
    /// Per-endpoint maps print keys in the local style.
    pub local: bool,
}
