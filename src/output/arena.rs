//! Compact raw entries kept for a sorted listing: key and value bytes in one arena, ordered by
//! a small caller-chosen key, read back in order and formatted only while writing. Filled by
//! `bpf::walk` (`Sorted::add`); knows no map and no format.

/// One map's run of entries in the arena.
#[derive(Debug, Clone, Copy)]
struct Part {
    start: usize,
    key_size: usize,
    value_size: usize,
    tag: u32,
}

/// Compact raw entries of one or more maps, sorted by a caller-chosen key `S` (keep it small and
/// cheap to compare: a decoded key, an ID). Memory per entry: key and value bytes plus `S` and a
/// 4-byte offset; nothing is formatted until the caller writes.
#[derive(Debug)]
pub struct Sorted<S> {
    arena: Vec<u8>,
    items: Vec<(S, u32)>,
    parts: Vec<Part>,
}

/// One entry read back from [`Sorted`].
#[derive(Debug, Clone, Copy)]
pub struct Item<'a, S> {
    pub sort: &'a S,
    /// The tag given to [`Sorted::add`] for the entry's map.
    pub tag: u32,
    pub key: &'a [u8],
    pub value: &'a [u8],
}

impl<S> Default for Sorted<S> {
    fn default() -> Self {
        Sorted {
            arena: Vec::new(),
            items: Vec::new(),
            parts: Vec::new(),
        }
    }
}

impl<S: Ord> Sorted<S> {
    pub fn new() -> Sorted<S> {
        Sorted::default()
    }

    /// Start a run of entries of `key_size` and `value_size` bytes tagged `tag`.
    pub(crate) fn begin(&mut self, tag: u32, key_size: usize, value_size: usize) {
        self.parts.push(Part {
            start: self.arena.len(),
            key_size,
            value_size,
            tag,
        });
    }

    pub(crate) fn push(&mut self, s: S, k: &[u8], v: &[u8]) -> Result<(), &'static str> {
        let part = self.parts.last().expect("begin before push");
        debug_assert_eq!((k.len(), v.len()), (part.key_size, part.value_size));
        let off = u32::try_from(self.arena.len()).map_err(|_| "more than 4 GiB of entries to sort")?;
        self.arena.extend_from_slice(k);
        self.arena.extend_from_slice(v);
        self.items.push((s, off));
        Ok(())
    }

    /// Sort by the raw key bytes (for `S = ()`); equal keys keep their walk order.
    pub fn sort_by_raw_key(&mut self) {
        let (arena, parts) = (&self.arena, &self.parts);
        let key = |off: u32| {
            let off = off as usize;
            let p = parts.iter().rev().find(|p| p.start <= off).expect("entry in a part");
            &arena[off..off + p.key_size]
        };
        self.items
            .sort_unstable_by(|a, b| key(a.1).cmp(key(b.1)).then(a.1.cmp(&b.1)));
    }

    /// Sort by `S`; entries with equal keys keep their walk order.
    pub fn sort(&mut self) {
        self.items.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The entries, in sorted order once [`Sorted::sort`] ran.
    pub fn iter(&self) -> impl Iterator<Item = Item<'_, S>> + '_ {
        self.items.iter().map(|(s, off)| {
            let off = *off as usize;
            // Few parts (one per map); the last one starting at or before `off` holds it.
            let p = self
                .parts
                .iter()
                .rev()
                .find(|p| p.start <= off)
                .expect("entry in a part");
            let key = &self.arena[off..off + p.key_size];
            let value = &self.arena[off + p.key_size..off + p.key_size + p.value_size];
            Item {
                sort: s,
                tag: p.tag,
                key,
                value,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_reads_back_parts_in_key_order() {
        let mut s: Sorted<(u8, u32)> = Sorted::new();
        s.begin(4, 2, 3);
        s.push((1, 9), &[1, 9], &[0xa, 0xb, 0xc]).unwrap();
        s.push((0, 5), &[0, 5], &[1, 2, 3]).unwrap();
        s.begin(6, 0, 0); // an empty map between two others
        s.begin(6, 1, 1);
        s.push((0, 7), &[7], &[70]).unwrap();
        s.push((0, 5), &[5], &[50]).unwrap(); // equal keys keep walk order
        s.sort();
        let got: Vec<_> = s
            .iter()
            .map(|i| (*i.sort, i.tag, i.key.to_vec(), i.value.to_vec()))
            .collect();
        assert_eq!(
            got,
            vec![
                ((0, 5), 4, vec![0, 5], vec![1, 2, 3]),
                ((0, 5), 6, vec![5], vec![50]),
                ((0, 7), 6, vec![7], vec![70]),
                ((1, 9), 4, vec![1, 9], vec![0xa, 0xb, 0xc]),
            ]
        );
        assert_eq!(s.len(), 4);
    }
}
