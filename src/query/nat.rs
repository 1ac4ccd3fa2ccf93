//! SNAT rows for `bpf nat list`: selection on the shared [`Query`], the `--resolve` joins, and
//! one entry in every output form.

use anyhow::Result;

use super::{Joined, Query, Row};
use crate::maps::nat;
use crate::resolve::{Resolved, WithResolved};

/// Row selection and joins for one listing, on the shared [`Query`].
pub fn keep(sel: &Query, k: &[u8]) -> bool {
    sel.matches(|| nat::Fields::new(k))
}

/// SNAT rows with their joins: the packet's ends by name.
impl Joined for nat::View<'_> {
    fn joins(&self, sel: &Query, k: &[u8], _v: &[u8]) -> Option<Resolved> {
        let r = sel.resolver.as_ref()?;
        let t = nat::Fields::new(k).tuple;
        Some(Resolved {
            src: r.ip(t.saddr),
            dst: r.ip(t.daddr),
            service: None,
            backend: None,
        })
    }

    /// The SNAT line ends without a space: one goes before the joins.
    fn write_joins(&self, res: &Resolved, buf: &mut Vec<u8>) {
        buf.push(b' ');
        res.write_suffix(buf);
    }

    fn go_json(&self, k: &[u8], v: &[u8], b: &mut Vec<u8>) {
        nat::write_json_record(b, k, v);
    }

    fn joined_record(&self, k: &[u8], v: &[u8], res: &Resolved, b: &mut Vec<u8>) -> Result<()> {
        if let Some(r) = nat::Record::new(self.name, k, v, self.age) {
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

/// One SNAT entry in every form a listing prints.
pub type NatEntry<'a> = Row<'a, nat::View<'a>>;

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
