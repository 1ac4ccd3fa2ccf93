//! CT rows for `bpf ct list`: selection on the shared [`Query`], the `--resolve` joins, and one
//! entry in every output form.

use anyhow::Result;

use super::Query;
use crate::maps::ct::{self, Layout};
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

/// Append the joins to the table line just written into `buf` (before its newline).
fn annotate(sel: &Query, buf: &mut Vec<u8>, k: &[u8], v: &[u8]) {
    if let Some(res) = resolved(sel, k, v) {
        let nl = buf.last() == Some(&b'\n');
        if nl {
            buf.pop();
        }
        res.write_suffix(buf);
        if nl {
            buf.push(b'\n');
        }
    }
}

/// One CT entry in every form a listing prints.
pub struct CtEntry<'a> {
    /// The map's name, for `-o jsonl`.
    pub name: &'a str,
    /// A per-endpoint map: keys print in the local style (`CtKey.Dump(reverse=true)`).
    pub local: bool,
    pub k: &'a [u8],
    pub v: &'a [u8],
    pub layout: Layout,
    pub remaining: &'a dyn Fn(u32) -> Option<i64>,
    pub sel: &'a Query<'a>,
}

impl stream::Entry for CtEntry<'_> {
    fn table(&self, b: &mut Vec<u8>) -> Result<()> {
        let (k, v) = (self.k, self.v);
        let start = b.len();
        if format_ct_line(b, self.local, k, v, self.layout, self.remaining) && self.sel.resolver.is_some() {
            let mut line = b.split_off(start);
            annotate(self.sel, &mut line, k, v);
            b.extend_from_slice(&line);
        }
        Ok(())
    }

    fn go_json(&self, b: &mut Vec<u8>) -> Result<()> {
        ct::write_json_record(b, self.k, self.v, self.layout);
        Ok(())
    }

    fn jsonl(&self, b: &mut Vec<u8>) -> Result<()> {
        let (name, k, v, layout) = (self.name, self.k, self.v, self.layout);
        let lt = u32::from_ne_bytes(v[32..36].try_into().unwrap());
        let remaining = (self.remaining)(lt);
        if self.sel.resolver.is_none() {
            ct::write_jsonl(b, name, k, v, layout, remaining);
            return Ok(());
        }
        if let Some(r) = ct::Record::new(name, k, v, layout, remaining) {
            match resolved(self.sel, k, v) {
                Some(res) => crate::output::json::write_line(
                    b,
                    &crate::resolve::WithResolved {
                        record: r,
                        resolved: &res,
                    },
                )?,
                None => crate::output::json::write_line(b, &r)?,
            }
        }
        Ok(())
    }
}

/// Append one table line; false when the slot is skipped (`nexthdr == 0`).
fn format_ct_line(
    buf: &mut Vec<u8>,
    local: bool,
    k: &[u8],
    v: &[u8],
    layout: Layout,
    remaining: &dyn Fn(u32) -> Option<i64>,
) -> bool {
    let ok = if local {
        ct::format_local_key(buf, k)
    } else {
        ct::format_key(buf, k)
    };
    if ok {
        let e = ct::Entry::decode(v).unwrap_or_default();
        ct::format_value(buf, &e, layout, remaining(e.lifetime));
    }
    ok
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
