//! The one terminal escaper for text cdbg did not write itself (agent answers, map contents, Hubble
//! flows, error bodies): control characters become visible text, as the Hubble CLI shows them.
//!
//! ESC is shown as `^[` and CR as `\r` (Hubble's printer does exactly this); every other C0
//! control but tab and newline is shown as `\xNN`, DEL as `\x7f`, and the C1 controls
//! U+0080–U+009F as `\u{NN}`. Escaped text holds no control characters, so escaping twice changes
//! nothing. JSON output is left to the JSON writers, which use JSON escapes.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for a character the escaper rewrites (`\t` and `\n` excepted).
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c)
}

fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write as _;
    match c {
        '\x1b' => out.push_str("^["),
        '\r' => out.push_str("\\r"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Escape a multi-line text (tabs and newlines kept for layout).
pub fn text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Escape one field of a table or line: tabs and newlines too (`\t`, `\n`), so a value cannot
/// break the layout around it.
pub fn field(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) || c == '\t' || c == '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c if is_control(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A writer that escapes everything written through it with [`text`]; put it in front of a
/// tabwriter so columns are measured on what the terminal will show.
pub struct Writer<W: Write> {
    inner: W,
    /// A trailing 0xC2 byte (a possible C1 control) held until the next write.
    pending: bool,
}

impl<W: Write> Writer<W> {
    pub fn new(inner: W) -> Writer<W> {
        Writer { inner, pending: false }
    }

    pub fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.inner)
    }

    fn write_escaped(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut start = 0;
        let mut i = 0;
        let mut esc = String::new();
        while i < buf.len() {
            let b = buf[i];
            let width = match b {
                b'\t' | b'\n' => 0,
                0x00..=0x1f | 0x7f => 1,
                0xC2 if i + 1 == buf.len() => {
                    self.inner.write_all(&buf[start..i])?;
                    self.pending = true;
                    return Ok(());
                }
                0xC2 if (0x80..=0x9f).contains(&buf[i + 1]) => 2,
                _ => 0,
            };
            if width == 0 {
                i += 1;
                continue;
            }
            self.inner.write_all(&buf[start..i])?;
            let c = if width == 1 {
                b as char
            } else {
                char::from_u32(u32::from(buf[i + 1])).unwrap_or('\u{fffd}')
            };
            esc.clear();
            push_escaped(&mut esc, c);
            self.inner.write_all(esc.as_bytes())?;
            i += width;
            start = i;
        }
        self.inner.write_all(&buf[start..])
    }
}

impl<W: Write> Write for Writer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if std::mem::take(&mut self.pending) {
            let mut joined = Vec::with_capacity(buf.len() + 1);
            joined.push(0xC2);
            joined.extend_from_slice(buf);
            self.write_escaped(&joined)?;
        } else {
            self.write_escaped(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.pending) {
            self.inner.write_all(&[0xC2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_keeps_layout() {
        assert_eq!(text("plain\tx\n"), "plain\tx\n");
        assert!(matches!(text("plain"), Cow::Borrowed(_)));
        assert_eq!(
            text("\x1b[31mred\x07\r\0\x7f\u{9b}é"),
            "^[[31mred\\x07\\r\\x00\\x7f\\u{9b}é"
        );
        assert_eq!(field("a\tb\nc\x1b"), "a\\tb\\nc^[");
        // Idempotent.
        let once = text("\x1b\x07\u{85}").into_owned();
        assert_eq!(text(&once), once);
    }

    #[test]
    fn writer_matches_text_across_split_writes() {
        let s = "id\x1b[31m\tlabel\x07\n\u{9b}x\u{a0}é\n";
        let mut w = Writer::new(Vec::new());
        for b in s.as_bytes() {
            w.write_all(std::slice::from_ref(b)).unwrap();
        }
        w.flush().unwrap();
        assert_eq!(String::from_utf8(w.into_inner().unwrap()).unwrap(), text(s));
        let mut w = Writer::new(Vec::new());
        w.write_all(s.as_bytes()).unwrap();
        assert_eq!(String::from_utf8(w.into_inner().unwrap()).unwrap(), text(s));
    }
}
