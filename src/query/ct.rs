//! CT rows for `bpf ct list`: selection on the shared [`Query`], the `--resolve` joins, and one
//! entry in every output form.

use anyhow::Result;

use super::Query;
use crate::maps::ct;
use crate::maps::view::View;
use crate::output::stream;

/// Row selection and joins for one listing, on the shared [`Query`].
pub fn keep(sel: &Query, k: &[u8], v: &[u8]) -> bool {
    sel.matches(|| ct::Fields::new(k, v))
}

fn resolved(sel: &Query, k: &[u8], v: &[u8]) -> Option<crate::resolve::Resolved> {
    let r = sel.resolver.as_ref()?;
    let view = ct::Fields::new(k, v);
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
/// the map's [`ct::View`] (as in its watch), plus the `--resolve` joins.
pub struct CtEntry<'a> {
    pub view: &'a ct::View<'a>,
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::maps::ct::Layout;

    /// One entry as a whole `-o yaml` listing.
    pub(crate) fn yaml_of(e: &dyn stream::Entry) -> String {
        let mut out = Vec::new();
        let mut sink = stream::Sink::new(&mut out, &crate::output::Format::Yaml);
        sink.push(e).unwrap();
        sink.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    /// `-o yaml` is made from the one Go record (the JSON writer); cilium-dbg's field order.
    #[test]
    fn go_yaml_from_the_json_record() {
        let k: Vec<u8> = (0..38u8).map(|i| 31u8.wrapping_add(i.wrapping_mul(7))).collect();
        let v: Vec<u8> = (0..56u8).map(|i| 13u8.wrapping_add(i.wrapping_mul(11))).collect();
        let args = crate::filter::FilterArgs::default();
        let sel = Query::new(&args);
        let view = ct::View {
            name: ct::GLOBAL[1].name,
            local: false,
            layout: Layout::V1_16,
            remaining: &|_| None,
            filter: None,
            all_changes: false,
        };
        let e = CtEntry {
            view: &view,
            k: &k,
            v: &v,
            sel: &sel,
        };
        assert_eq!(
            yaml_of(&e),
            concat!(
                "- Key:\n",
                "    DestAddr:\n",
                "    - 31\n",
                "    - 38\n",
                "    - 45\n",
                "    - 52\n",
                "    - 59\n",
                "    - 66\n",
                "    - 73\n",
                "    - 80\n",
                "    - 87\n",
                "    - 94\n",
                "    - 101\n",
                "    - 108\n",
                "    - 115\n",
                "    - 122\n",
                "    - 129\n",
                "    - 136\n",
                "    SourceAddr:\n",
                "    - 143\n",
                "    - 150\n",
                "    - 157\n",
                "    - 164\n",
                "    - 171\n",
                "    - 178\n",
                "    - 185\n",
                "    - 192\n",
                "    - 199\n",
                "    - 206\n",
                "    - 213\n",
                "    - 220\n",
                "    - 227\n",
                "    - 234\n",
                "    - 241\n",
                "    - 248\n",
                "    DestPort: 1791\n",
                "    SourcePort: 5133\n",
                "    NextHeader: 27\n",
                "    Flags: 34\n",
                "  Value:\n",
                "    Reserved0: 6507494998951532557\n",
                "    BackendID: 12873430208702279781\n",
                "    Packets: 792621344743475389\n",
                "    Bytes: 7086216381656145941\n",
                "    Lifetime: 2390980717\n",
                "    Flags: 42137\n",
                "    RevNAT: 47791\n",
                "    IfIndex: 53445\n",
                "    TxFlagsSeen: 219\n",
                "    RxFlagsSeen: 230\n",
                "    SourceSecurityID: 302513393\n",
                "    LastTxReport: 1043539997\n",
                "    LastRxReport: 1784632393\n",
                "\n",
            )
        );
    }
}
