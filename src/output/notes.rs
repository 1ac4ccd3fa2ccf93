//! The one sink for messages to people on stderr (warnings, notes, "No entries found."): commands
//! call these instead of `eprintln!`, and every message passes the terminal escaper on its way.

use std::fmt::Display;
use std::io::Write;

use super::sanitize;

/// Write `text` (escaped) to stderr; a failed write to stderr is not worth an error.
fn emit(text: &str) {
    write_to(&mut std::io::stderr().lock(), text);
}

fn write_to(w: &mut dyn Write, text: &str) {
    let _ = w.write_all(sanitize::text(text).as_bytes());
}

/// A message line on stderr: `MSG\n`.
pub fn line(msg: impl Display) {
    emit(&format!("{msg}\n"));
}

/// A warning line on stderr: `Warning: MSG\n`.
pub fn warn(msg: impl Display) {
    emit(&format!("Warning: {msg}\n"));
}

/// An error line on stderr when the run goes on or exits by itself: `Error: MSG\n`.
pub fn error(msg: impl Display) {
    emit(&format!("Error: {msg}\n"));
}

/// Text that brings its own line ends (a usage report).
pub fn raw(text: impl Display) {
    emit(&text.to_string());
}

/// A progress line on a terminal: rewritten in place (`\r`, erase line), the text escaped, no
/// line end; `progress("")` clears it.
pub fn progress(text: impl Display) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(b"\r\x1b[K");
    write_to(&mut err, &text.to_string());
    let _ = err.flush();
}

/// A question on stderr, the answer read from stdin by the caller: no line end.
pub fn prompt(text: impl Display) {
    let mut err = std::io::stderr().lock();
    write_to(&mut err, &text.to_string());
    let _ = err.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_escaped_and_keep_their_line_ends() {
        let mut out = Vec::new();
        write_to(&mut out, "Warning: map \x1b[31mred\x1b[0m\r\nnext\tline\n");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Warning: map ^[[31mred^[[0m\\r\nnext\tline\n"
        );
    }
}
