//! CT rows for `bpf ct list`: selection on the shared [`Query`], the `--resolve` joins, and one
//! entry in every output form.

use anyhow::Result;

use super::{Joined, Query, Row};
use crate::maps::ct;
use crate::resolve::{Resolved, WithResolved};

/// Row selection and joins for one listing, on the shared [`Query`].
pub fn keep(sel: &Query, k: &[u8], v: &[u8]) -> bool {
    sel.matches(|| ct::Fields::new(k, v))
}

/// CT rows with their joins: the connection's ends by name, the service by rev-NAT ID and, on
/// service entries, the backend.
impl Joined for ct::View<'_> {
    fn joins(&self, sel: &Query, k: &[u8], v: &[u8]) -> Option<Resolved> {
        let r = sel.resolver.as_ref()?;
        let f = ct::Fields::new(k, v);
        let (s, _, d, _) = f.tuple.conn();
        let svc_entry = f.tuple.flags & ct::TUPLE_F_SERVICE != 0;
        Some(Resolved {
            src: r.ip(s),
            dst: r.ip(d),
            service: r.service(f.entry.rev_nat),
            backend: (svc_entry && f.entry.backend_id != 0)
                .then(|| r.backend(f.entry.backend_id as u32))
                .flatten(),
        })
    }

    fn go_json(&self, k: &[u8], v: &[u8], b: &mut Vec<u8>) {
        ct::write_json_record(b, k, v, self.layout);
    }

    fn joined_record(&self, k: &[u8], v: &[u8], res: &Resolved, b: &mut Vec<u8>) -> Result<()> {
        let lt = u32::from_ne_bytes(v[32..36].try_into().unwrap());
        if let Some(r) = ct::Record::new(self.name, k, v, self.layout, (self.remaining)(lt)) {
            crate::output::json::write_line(
                b,
                &WithResolved {
                    record: r,
                    resolved: res,
                },
            )?;
        }
        Ok(())
    }
}

/// One CT entry in every form a listing prints.
pub type CtEntry<'a> = Row<'a, ct::View<'a>>;

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
    pub(crate) fn yaml_of(e: &dyn crate::output::stream::Entry) -> String {
        let mut out = Vec::new();
        let mut sink = crate::output::stream::Sink::new(&mut out, &crate::output::Format::Yaml);
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
