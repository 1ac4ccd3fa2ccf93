//! The watch's fingerprint table for one group (map): fixed-size records `[mark | key | state]`
//! in one flat arena, found through a hash table of `u32` record numbers. Per entry this costs
//! 1 + key + state bytes in the arena plus about 5–10 bytes of table.

use std::hash::Hasher;

use anyhow::{bail, Result};
use hashbrown::HashTable;

/// The mark of a record whose row was removed (its slot waits for compaction).
const DEAD: u8 = 2;

/// What an upsert found.
#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    /// A key not in the table.
    New,
    /// The same state as last pass.
    Same,
    /// A different state; the old one.
    Changed(Vec<u8>),
}

#[derive(Debug, Default)]
pub struct Store {
    shape: Option<(usize, usize)>,
    arena: Vec<u8>,
    table: HashTable<u32>,
    live: usize,
    dead: usize,
    /// The record expected next in this pass, and the pass's mark it belongs to.
    cursor: usize,
    pass: Option<u8>,
}

fn hash(key: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(key);
    h.finish()
}

impl Store {
    pub fn new() -> Store {
        Store::default()
    }

    pub fn live(&self) -> usize {
        self.live
    }

    /// Fix the key and state sizes on the first row; a later row of another size means the
    /// map changed shape under the watch.
    pub fn shape(&mut self, klen: usize, slen: usize) -> Result<()> {
        match self.shape {
            None => self.shape = Some((klen, slen)),
            Some(s) if s == (klen, slen) => {}
            Some((k, s)) => bail!(
                "the map changed shape during the watch (key/value {k}/{s} bytes, now {klen}/{slen}): rerun the command"
            ),
        }
        Ok(())
    }

    fn sizes(&self) -> (usize, usize, usize) {
        let (k, s) = self.shape.unwrap_or((0, 0));
        (k, s, 1 + k + s)
    }

    /// Insert or update `key` with `state`, marking it seen in this pass.
    pub fn upsert(&mut self, key: &[u8], state: &[u8], mark: u8) -> Seen {
        let (k, _, rs) = self.sizes();
        if self.pass != Some(mark) {
            self.pass = Some(mark);
            self.cursor = 0;
        }
        // The record after the last match, when it holds this key.
        let c = self.cursor;
        if let Some(r) = self.arena.get(c * rs..(c + 1) * rs) {
            if r[0] != DEAD && &r[1..1 + k] == key {
                self.cursor = c + 1;
                return Self::update(&mut self.arena[c * rs..(c + 1) * rs], k, state, mark);
            }
        }
        let h = hash(key);
        let arena = &self.arena;
        if let Some(&i) = self
            .table
            .find(h, |&i| &arena[i as usize * rs + 1..i as usize * rs + 1 + k] == key)
        {
            let i = i as usize;
            self.cursor = i + 1;
            return Self::update(&mut self.arena[i * rs..(i + 1) * rs], k, state, mark);
        }
        let i = (self.arena.len() / rs.max(1)) as u32;
        self.arena.push(mark);
        self.arena.extend_from_slice(key);
        self.arena.extend_from_slice(state);
        let arena = &self.arena;
        self.table
            .insert_unique(h, i, |&j| hash(&arena[j as usize * rs + 1..j as usize * rs + 1 + k]));
        self.live += 1;
        self.cursor = i as usize + 1;
        Seen::New
    }

    /// Mark a found record seen and compare its state.
    fn update(r: &mut [u8], k: usize, state: &[u8], mark: u8) -> Seen {
        r[0] = mark;
        let st = &mut r[1 + k..];
        if st == state {
            return Seen::Same;
        }
        let old = st.to_vec();
        st.copy_from_slice(state);
        Seen::Changed(old)
    }

    /// Remove every live record not marked `mark`, handing its key and state to `f`.
    pub fn take_unseen(&mut self, mark: u8, mut f: impl FnMut(&[u8], &[u8])) {
        let (k, _, rs) = self.sizes();
        if rs == 1 {
            return;
        }
        let mut removed = Vec::new();
        for (i, r) in self.arena.chunks_exact_mut(rs).enumerate() {
            if r[0] != mark && r[0] != DEAD {
                f(&r[1..1 + k], &r[1 + k..]);
                r[0] = DEAD;
                removed.push((i as u32, hash(&r[1..1 + k])));
            }
        }
        for (i, h) in removed {
            if let Ok(e) = self.table.find_entry(h, |&j| j == i) {
                e.remove();
            }
            self.live -= 1;
            self.dead += 1;
        }
        if self.dead > 1024 && self.dead > self.live {
            self.compact();
        }
    }

    /// Drop dead records and renumber the rest.
    fn compact(&mut self) {
        let (k, _, rs) = self.sizes();
        let mut arena = Vec::with_capacity(self.live * rs);
        for r in self.arena.chunks_exact(rs) {
            if r[0] != DEAD {
                arena.extend_from_slice(r);
            }
        }
        let mut table = HashTable::with_capacity(self.live);
        for (i, r) in arena.chunks_exact(rs).enumerate() {
            table.insert_unique(hash(&r[1..1 + k]), i as u32, |&j| {
                hash(&arena[j as usize * rs + 1..j as usize * rs + 1 + k])
            });
        }
        self.arena = arena;
        self.table = table;
        self.dead = 0;
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_same_changed_removed() {
        let mut s = Store::new();
        s.shape(2, 1).unwrap();
        assert_eq!(s.upsert(b"ab", b"1", 0), Seen::New);
        assert_eq!(s.upsert(b"cd", b"1", 0), Seen::New);
        assert_eq!(s.upsert(b"ab", b"1", 1), Seen::Same);
        assert_eq!(s.upsert(b"ab", b"2", 1), Seen::Changed(b"1".to_vec()));
        let mut gone = Vec::new();
        s.take_unseen(1, |k, st| gone.push((k.to_vec(), st.to_vec())));
        assert_eq!(gone, vec![(b"cd".to_vec(), b"1".to_vec())]);
        assert_eq!(s.live(), 1);
        // A removed key comes back as new.
        assert_eq!(s.upsert(b"cd", b"3", 0), Seen::New);
        assert!(s.shape(3, 1).is_err());
    }

    #[test]
    fn keys_in_another_order_or_repeated_are_found() {
        let mut s = Store::new();
        s.shape(1, 1).unwrap();
        for k in [b"a", b"b", b"c", b"d"] {
            assert_eq!(s.upsert(k, b"0", 0), Seen::New);
        }
        // Same order, one key removed in the middle, one new at the front, one moved.
        assert_eq!(s.upsert(b"e", b"0", 1), Seen::New);
        assert_eq!(s.upsert(b"a", b"0", 1), Seen::Same);
        assert_eq!(s.upsert(b"d", b"1", 1), Seen::Changed(b"0".to_vec()));
        assert_eq!(s.upsert(b"b", b"0", 1), Seen::Same);
        // A key seen twice in one pass is the same record.
        assert_eq!(s.upsert(b"b", b"2", 1), Seen::Changed(b"0".to_vec()));
        let mut gone = Vec::new();
        s.take_unseen(1, |k, _| gone.push(k.to_vec()));
        assert_eq!(gone, vec![b"c".to_vec()]);
        // A dead record is never matched by the sequential check: "c" comes back as new.
        assert_eq!(s.upsert(b"a", b"0", 0), Seen::Same);
        assert_eq!(s.upsert(b"b", b"2", 0), Seen::Same);
        assert_eq!(s.upsert(b"c", b"9", 0), Seen::New);
        assert_eq!(s.live(), 5);
    }

    #[test]
    fn compaction_keeps_the_live_rows() {
        let mut s = Store::new();
        s.shape(4, 4).unwrap();
        for i in 0..5000u32 {
            s.upsert(&i.to_ne_bytes(), &i.to_ne_bytes(), 0);
        }
        for i in 0..100u32 {
            s.upsert(&i.to_ne_bytes(), &i.to_ne_bytes(), 1);
        }
        let mut n = 0;
        s.take_unseen(1, |_, _| n += 1);
        assert_eq!((n, s.live(), s.dead), (4900, 100, 0));
        for i in 0..100u32 {
            assert_eq!(
                s.upsert(&i.to_ne_bytes(), &(i + 1).to_ne_bytes(), 0),
                Seen::Changed(i.to_ne_bytes().to_vec())
            );
        }
        assert_eq!(s.upsert(&7000u32.to_ne_bytes(), b"xxxx", 0), Seen::New);
    }
}
