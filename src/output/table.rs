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

/// cilium-dbg's small map tables: `No entries found.` on stderr when there are no rows, else a
/// tabwriter (minwidth 5, padding 3) with `header` and the lines `rows` writes.
pub fn rows_or_none(
    out: &mut dyn Write,
    empty: bool,
    header: &str,
    rows: impl FnOnce(&mut TabWriter<&mut dyn Write>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    if empty {
        crate::output::notes::line(format_args!("No entries found."));
        return Ok(());
    }
    let mut tw = tabwriter(out, 5, 3);
    writeln!(tw, "{header}")?;
    rows(&mut tw)?;
    tw.flush()?;
    Ok(())
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

/// [`table_printer`] in two passes for listings too big to hold as text: `measure` every cell
/// first, then write rows one at a time (cells are laid out exactly as `table_printer` does).
#[derive(Debug, Clone, Copy)]
pub struct TwoColumns {
    key: usize,
    value: usize,
}

impl TwoColumns {
    const MINWIDTH: usize = 5;
    const PADDING: usize = 3;

    pub fn new(title1: &str) -> TwoColumns {
        TwoColumns {
            key: Self::MINWIDTH.max(width(title1) + Self::PADDING),
            value: Self::MINWIDTH,
        }
    }

    /// Account for one row (`key` is empty on continuation rows).
    pub fn measure(&mut self, key: &str, value: &str) {
        self.key = self.key.max(width(key) + Self::PADDING);
        self.value = self.value.max(width(value) + Self::PADDING);
    }

    /// [`measure`](Self::measure) by cell widths (ASCII cells: their byte lengths).
    pub fn measure_len(&mut self, key: usize, value: usize) {
        self.key = self.key.max(key + Self::PADDING);
        self.value = self.value.max(value + Self::PADDING);
    }

    pub fn header(&self, buf: &mut Vec<u8>, title1: &str, title2: &str) {
        pad(buf, title1, self.key);
        buf.extend_from_slice(title2.as_bytes());
        buf.push(b'\n');
    }

    pub fn row(&self, buf: &mut Vec<u8>, key: &str, value: &str) {
        pad(buf, key, self.key);
        pad(buf, value, self.value);
        buf.push(b'\n');
    }
}

impl TwoColumns {
    /// [`row`](Self::row) with ASCII cells written by `key` and `value` straight into `buf`.
    pub fn row_with(&self, buf: &mut Vec<u8>, key: impl FnOnce(&mut Vec<u8>), value: impl FnOnce(&mut Vec<u8>)) {
        let start = buf.len();
        key(buf);
        pad_to(buf, start + self.key);
        let start = buf.len();
        value(buf);
        pad_to(buf, start + self.value);
        buf.push(b'\n');
    }
}

fn pad_to(buf: &mut Vec<u8>, len: usize) {
    if buf.len() < len {
        buf.resize(len, b' ');
    }
}

fn width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn pad(buf: &mut Vec<u8>, s: &str, to: usize) {
    buf.extend_from_slice(s.as_bytes());
    buf.resize(buf.len() + to.saturating_sub(width(s)), b' ');
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
    fn two_columns_match_table_printer() {
        type Rows<'a> = Vec<(&'a str, Vec<&'a str>)>;
        let cases: Vec<(&str, Rows)> = vec![
            ("K", vec![]),
            ("IP PREFIX/ADDRESS", vec![("10.0.0.1/32", vec!["1 0 0.0.0.0"])]),
            ("K", vec![("a", vec!["x", "yy"]), ("longer key here", vec!["", "v"])]),
            (
                "SERVICE",
                vec![("1.2.3.4:80 (0)", vec!["a value with trailing space "])],
            ),
        ];
        for (t1, rows) in cases {
            let mut want = Vec::new();
            table_printer(&mut want, t1, "VALUE", rows.clone()).unwrap();
            let mut cols = TwoColumns::new(t1);
            for (k, vs) in &rows {
                for (i, v) in vs.iter().enumerate() {
                    cols.measure(if i == 0 { k } else { "" }, v);
                }
            }
            let mut got = Vec::new();
            cols.header(&mut got, t1, "VALUE");
            for (k, vs) in &rows {
                for (i, v) in vs.iter().enumerate() {
                    cols.row(&mut got, if i == 0 { k } else { "" }, v);
                }
            }
            assert_eq!(String::from_utf8(got).unwrap(), String::from_utf8(want).unwrap());
        }
    }

    #[test]
    fn continuation_rows_and_minwidth() {
        let mut out = Vec::new();
        table_printer(&mut out, "K", "V", vec![("a", vec!["x", "yy"])]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "K    V\na    x    \n     yy   \n");
    }
}
