//! How a map's entries are shown: the one [`View`] a map module (`maps::<map>`) implements,
//! rendered by both its listing (`bpf … list`) and its watch (`--watch`/`--wait`), so a row's
//! text and record exist once. Defined here, beside the formats, so output/ needs no map.

use anyhow::Result;

/// One map's entries as a listing prints them. Implemented in the map's module (`maps::<map>`);
/// `output/` decides the format, `watch/` decides what changed.
pub trait View {
    /// The table header (tab-separated cells), if the listing prints one.
    fn header(&self) -> Option<&'static str> {
        None
    }

    /// Whether the entry is listed at all (empty slots, the listing's filters).
    fn keep(&self, _key: &[u8], _value: &[u8]) -> bool {
        true
    }

    /// Append the entry's table line: tab-separated cells, no newline.
    fn table(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> Result<()>;

    /// Append the entry's typed `-o jsonl` record: one JSON object, no newline.
    fn record(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> Result<()>;

    /// Append the value bytes a watch compares between passes (by default the whole value).
    fn state(&self, _key: &[u8], value: &[u8], out: &mut Vec<u8>) {
        out.extend_from_slice(value);
    }

    /// Append the table line of a row a watch only remembers (removed, or either side of a
    /// change): `state` is what [`View::state`] kept. By default the state is the whole value.
    fn table_remembered(&self, key: &[u8], state: &[u8], out: &mut Vec<u8>) -> Result<()> {
        self.table(key, state, out)
    }

    /// Append the record of a remembered row (see [`View::table_remembered`]).
    fn record_remembered(&self, key: &[u8], state: &[u8], out: &mut Vec<u8>) -> Result<()> {
        self.record(key, state, out)
    }
}

/// A borrowed view shows entries as the view does (one view shared by several maps).
impl<T: View + ?Sized> View for &T {
    fn header(&self) -> Option<&'static str> {
        (**self).header()
    }
    fn keep(&self, key: &[u8], value: &[u8]) -> bool {
        (**self).keep(key, value)
    }
    fn table(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> Result<()> {
        (**self).table(key, value, out)
    }
    fn record(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> Result<()> {
        (**self).record(key, value, out)
    }
    fn state(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) {
        (**self).state(key, value, out)
    }
    fn table_remembered(&self, key: &[u8], state: &[u8], out: &mut Vec<u8>) -> Result<()> {
        (**self).table_remembered(key, state, out)
    }
    fn record_remembered(&self, key: &[u8], state: &[u8], out: &mut Vec<u8>) -> Result<()> {
        (**self).record_remembered(key, state, out)
    }
}
