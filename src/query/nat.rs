//! SNAT rows for `bpf nat list`: selection on the shared [`Query`], the `--resolve` joins, and
//! one entry in every output form.

use anyhow::Result;

use super::Query;
use crate::maps::nat::{self, Age};
use crate::output::stream;

/// Row selection and joins for one listing, on the shared [`Query`].
pub fn keep(sel: &Query, k: &[u8]) -> bool {
    sel.matches(|| nat::View::new(k))
}

fn resolved(sel: &Query, k: &[u8]) -> Option<crate::resolve::Resolved> {
    let r = sel.resolver.as_ref()?;
    let t = nat::View::new(k).tuple;
    Some(crate::resolve::Resolved {
        src: r.ip(t.saddr),
        dst: r.ip(t.daddr),
        service: None,
        backend: None,
    })
}

/// Append the joins before the newline of the line that starts at `start` in `buf`.
fn annotate(sel: &Query, buf: &mut Vec<u8>, start: usize, k: &[u8]) {
    if buf.len() == start {
        return;
    }
    if let Some(res) = resolved(sel, k) {
        let nl = buf.last() == Some(&b'\n');
        if nl {
            buf.pop();
            buf.push(b' ');
        }
        res.write_suffix(buf);
        if nl {
            buf.push(b'\n');
        }
    }
}

/// One SNAT entry in every form a listing prints.
pub struct NatEntry<'a> {
    pub name: &'a str,
    pub k: &'a [u8],
    pub v: &'a [u8],
    pub age: &'a Age,
    pub sel: &'a Query<'a>,
}

impl stream::Entry for NatEntry<'_> {
    fn table(&self, b: &mut Vec<u8>) -> Result<()> {
        let start = b.len();
        if nat::format_key(b, self.k) {
            nat::format_value(b, nat::key_flags(self.k), self.v, self.age);
            annotate(self.sel, b, start, self.k);
        }
        Ok(())
    }

    fn go_json(&self, b: &mut Vec<u8>) -> Result<()> {
        nat::write_json_record(b, self.k, self.v);
        Ok(())
    }

    fn jsonl(&self, b: &mut Vec<u8>) -> Result<()> {
        if let Some(r) = nat::Record::new(self.name, self.k, self.v, self.age) {
            match resolved(self.sel, self.k) {
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
