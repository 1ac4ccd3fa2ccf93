//! SNAT rows for `bpf nat list`: selection on the shared [`Query`], the `--resolve` joins, and
//! one entry in every output form.

use anyhow::Result;

use super::Query;
use crate::maps::nat;
use crate::maps::view::View;
use crate::output::stream;

/// Row selection and joins for one listing, on the shared [`Query`].
pub fn keep(sel: &Query, k: &[u8]) -> bool {
    sel.matches(|| nat::Fields::new(k))
}

fn resolved(sel: &Query, k: &[u8]) -> Option<crate::resolve::Resolved> {
    let r = sel.resolver.as_ref()?;
    let t = nat::Fields::new(k).tuple;
    Some(crate::resolve::Resolved {
        src: r.ip(t.saddr),
        dst: r.ip(t.daddr),
        service: None,
        backend: None,
    })
}

/// Append the joins to the table line just written into `buf` (no newline yet).
fn annotate(sel: &Query, buf: &mut Vec<u8>, k: &[u8]) {
    if let Some(res) = resolved(sel, k) {
        buf.push(b' ');
        res.write_suffix(buf);
    }
}

/// One SNAT entry in every form a listing prints: the table line and `-o jsonl` record come
/// from the map's [`nat::View`] (as in its watch), plus the `--resolve` joins.
pub struct NatEntry<'a> {
    pub view: &'a nat::View<'a>,
    pub k: &'a [u8],
    pub v: &'a [u8],
    pub sel: &'a Query<'a>,
}

impl stream::Entry for NatEntry<'_> {
    fn table(&self, b: &mut Vec<u8>) -> Result<()> {
        let start = b.len();
        self.view.table(self.k, self.v, b)?;
        if b.len() > start {
            annotate(self.sel, b, self.k);
            b.push(b'\n');
        }
        Ok(())
    }

    fn go_json(&self, b: &mut Vec<u8>) -> Result<()> {
        nat::write_json_record(b, self.k, self.v);
        Ok(())
    }

    fn jsonl(&self, b: &mut Vec<u8>) -> Result<()> {
        let Some(res) = resolved(self.sel, self.k) else {
            let start = b.len();
            self.view.record(self.k, self.v, b)?;
            if b.len() > start {
                b.push(b'\n');
            }
            return Ok(());
        };
        if let Some(r) = nat::Record::new(self.view.name, self.k, self.v, self.view.age) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::nat::Age;
    use crate::query::ct::tests::yaml_of;

    /// `-o yaml` is made from the one Go record (the JSON writer); cilium-dbg's field order.
    #[test]
    fn go_yaml_from_the_json_record() {
        let k: Vec<u8> = (0..14u8).map(|i| 31u8.wrapping_add(i.wrapping_mul(7))).collect();
        let v: Vec<u8> = (0..40u8).map(|i| 13u8.wrapping_add(i.wrapping_mul(11))).collect();
        let args = crate::filter::FilterArgs::default();
        let sel = Query::new(&args);
        let view = nat::View {
            name: "cilium_snat_v4_external",
            age: &Age::Unknown,
            filter: None,
        };
        let e = NatEntry {
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
                "    SourceAddr:\n",
                "    - 59\n",
                "    - 66\n",
                "    - 73\n",
                "    - 80\n",
                "    DestPort: 24151\n",
                "    SourcePort: 27749\n",
                "    NextHeader: 115\n",
                "    Flags: 122\n",
                "  Value:\n",
                "    Created: 6507494998951532557\n",
                "    NeedsCT: 12873430208702279781\n",
                "    Pad1: 792621344743475389\n",
                "    Pad2: 7086216381656145941\n",
                "    Addr:\n",
                "    - 109\n",
                "    - 120\n",
                "    - 131\n",
                "    - 142\n",
                "    Port: 42137\n",
                "\n",
            )
        );
    }
}
