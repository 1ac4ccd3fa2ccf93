//! Tables as Go's `text/tabwriter` lays them out, and cilium-dbg's two-column `TablePrinter`.

use std::io::{self, Write};

use tabwriter::TabWriter;

/// A tabwriter configured as cilium-dbg's `tabwriter.NewWriter(out, minwidth, 0, padding, ' ', 0)`.
///
/// Go sizes a column as `max(minwidth, widest cell + padding)`; the crate as
/// `max(minwidth, widest cell) + padding`. Passing `minwidth - padding` makes them agree.
pub fn tabwriter<W: Write>(w: W, minwidth: usize, padding: usize) -> TabWriter<W> {
    TabWriter::new(w)
        .minwidth(minwidth.saturating_sub(padding))
        .padding(padding)
}

/// cilium-dbg's `TablePrinter(title1, title2, data)` (minwidth 5, padding 3): the first value on
/// the key's row, further values on rows with an empty first cell. Rows are printed in the order
/// given (callers sort).
pub fn table_printer<'a, I, V>(w: &mut dyn Write, title1: &str, title2: &str, rows: I) -> io::Result<()>
where
    I: IntoIterator<Item = (&'a str, V)>,
    V: IntoIterator,
    V::Item: AsRef<str>,
{
    let mut tw = tabwriter(&mut *w, 5, 3);
    writeln!(tw, "{title1}\t{title2}")?;
    for (key, values) in rows {
        let mut first = true;
        for v in values {
            if first {
                writeln!(tw, "{key}\t{}\t", v.as_ref())?;
                first = false;
            } else {
                writeln!(tw, "\t{}\t", v.as_ref())?;
            }
        }
    }
    tw.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_tabwriter_layout() {
        let mut out = Vec::new();
        let rows = vec![
            (
                "10.96.0.1:443/TCP (0)",
                vec!["0.0.0.0:0 (1) (0) [ClusterIP, non-routable] "],
            ),
            ("10.96.0.1:443/TCP (1)", vec!["172.18.0.3:6443/TCP (1) (1)"]),
        ];
        table_printer(&mut out, "SERVICE ADDRESS", "BACKEND ADDRESS (REVNAT_ID) (SLOT)", rows).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "SERVICE ADDRESS         BACKEND ADDRESS (REVNAT_ID) (SLOT)\n\
             10.96.0.1:443/TCP (0)   0.0.0.0:0 (1) (0) [ClusterIP, non-routable]    \n\
             10.96.0.1:443/TCP (1)   172.18.0.3:6443/TCP (1) (1)                    \n"
        );
    }

    #[test]
    fn continuation_rows_and_minwidth() {
        let mut out = Vec::new();
        table_printer(&mut out, "K", "V", vec![("a", vec!["x", "yy"])]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "K    V\na    x    \n     yy   \n");
    }
}
