//! A map served from saved bytes instead of the kernel (snapshot replay): the records as the
//! walk read them, with kernel-like lookup, next-key and batch semantics. Knows no file format.

use std::io;
use std::sync::OnceLock;

use super::{BpfError, Map};

/// What a saved node serves below the maps layer (`--from FILE`): inner maps by the kernel id
/// they had, its possible CPUs, and the refusal a write gets. Installed once, by `crate::replay`.
pub trait Source: Send + Sync {
    fn open_id(&self, id: u32) -> Result<Map, BpfError>;
    fn possible_cpus(&self) -> usize;
    fn read_only_message(&self) -> String;
}

static SOURCE: OnceLock<&'static dyn Source> = OnceLock::new();

/// Serve maps from `s` for the rest of the process.
pub fn install(s: &'static dyn Source) {
    let _ = SOURCE.set(s);
}

/// The saved node being served, if any.
pub fn source() -> Option<&'static dyn Source> {
    SOURCE.get().copied()
}

/// One map's saved entries: `key ‖ value` records of fixed sizes, in the order the walk saw them.
#[derive(Debug)]
pub struct SavedMap {
    records: Vec<u8>,
    key_size: usize,
    stride: usize,
    /// Record indexes sorted by key, built on the first point lookup.
    index: OnceLock<Vec<u32>>,
    /// An LPM trie: a lookup answers the longest matching prefix, as the kernel does.
    lpm: bool,
}

impl SavedMap {
    /// `records` must hold whole records of `key_size + stride` bytes (checked by the caller).
    pub fn new(records: Vec<u8>, key_size: usize, stride: usize) -> SavedMap {
        SavedMap {
            records,
            key_size,
            stride,
            index: OnceLock::new(),
            lpm: false,
        }
    }

    /// Serve lookups as an LPM trie (keys: a host-order u32 prefix length, then the data).
    pub fn lpm(mut self) -> SavedMap {
        self.lpm = self.key_size > 4;
        self
    }

    /// The entry with the longest prefix that covers `key`'s data up to its prefix length.
    fn longest_prefix(&self, key: &[u8]) -> Option<usize> {
        let bits = |k: &[u8]| u32::from_ne_bytes(k[..4].try_into().expect("4 bytes")) as usize;
        let want = bits(key).min((self.key_size - 4) * 8);
        let covers = |k: &[u8], n: usize| {
            let (a, b) = (&k[4..], &key[4..]);
            let whole = n / 8;
            a[..whole] == b[..whole] && (n.is_multiple_of(8) || (a[whole] ^ b[whole]) >> (8 - n % 8) == 0)
        };
        (0..self.len())
            .filter(|&i| {
                let k = self.key(i);
                let n = bits(k);
                n <= want && covers(k, n)
            })
            .max_by_key(|&i| bits(self.key(i)))
    }

    fn rec(&self) -> usize {
        (self.key_size + self.stride).max(1)
    }

    pub fn len(&self) -> usize {
        self.records.len() / self.rec()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn key(&self, i: usize) -> &[u8] {
        let at = i * self.rec();
        &self.records[at..at + self.key_size]
    }

    pub fn value(&self, i: usize) -> &[u8] {
        let at = i * self.rec() + self.key_size;
        &self.records[at..at + self.stride]
    }

    fn find(&self, key: &[u8]) -> Option<usize> {
        let idx = self.index.get_or_init(|| {
            let mut v: Vec<u32> = (0..self.len() as u32).collect();
            v.sort_by(|a, b| self.key(*a as usize).cmp(self.key(*b as usize)));
            v
        });
        idx.binary_search_by(|i| self.key(*i as usize).cmp(key))
            .ok()
            .map(|p| idx[p] as usize)
    }

    /// Copy the value of `key` into `value`; false when absent.
    pub fn lookup(&self, key: &[u8], value: &mut [u8]) -> bool {
        let found = match self.find(key) {
            None if self.lpm && key.len() == self.key_size => self.longest_prefix(key),
            f => f,
        };
        match found {
            Some(i) => {
                value.copy_from_slice(self.value(i));
                true
            }
            None => false,
        }
    }

    /// The key after `key` in saved order (the first key for `None` or an unknown key, as the
    /// kernel's hash maps answer); false at the end.
    pub fn next_key(&self, key: Option<&[u8]>, next: &mut [u8]) -> bool {
        let i = match key.and_then(|k| self.find(k)) {
            Some(i) => i + 1,
            None => 0,
        };
        if i >= self.len() {
            return false;
        }
        next.copy_from_slice(self.key(i));
        true
    }

    /// A batch read: the cursor is the next record index (u64 LE in the token's first 8 bytes).
    /// Like the kernel, ENOENT (with the count copied) ends the walk.
    pub fn lookup_batch(
        &self,
        in_batch: Option<&[u8]>,
        out_batch: &mut [u8],
        keys: &mut [u8],
        values: &mut [u8],
    ) -> (io::Result<()>, u32) {
        let start = in_batch.map_or(0, |t| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&t[..8]);
            u64::from_le_bytes(b) as usize
        });
        let want = keys.len() / self.key_size.max(1);
        let n = want.min(self.len().saturating_sub(start));
        for j in 0..n {
            keys[j * self.key_size..(j + 1) * self.key_size].copy_from_slice(self.key(start + j));
            values[j * self.stride..(j + 1) * self.stride].copy_from_slice(self.value(start + j));
        }
        let end = start + n;
        out_batch[..8].copy_from_slice(&(end as u64).to_le_bytes());
        if end >= self.len() {
            (Err(io::Error::from_raw_os_error(libc::ENOENT)), n as u32)
        } else {
            (Ok(()), n as u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> SavedMap {
        // Keys 3, 1, 2 (walk order), values key × 10.
        let mut r = Vec::new();
        for k in [3u8, 1, 2] {
            r.extend_from_slice(&[k, 0]);
            r.push(k * 10);
        }
        SavedMap::new(r, 2, 1)
    }

    #[test]
    fn lpm_lookups_answer_the_longest_prefix() {
        // Keys: prefix length (u32), then 2 data bytes; values tell the entries apart.
        let mut r = Vec::new();
        for (bits, data, v) in [
            (0u32, [0u8, 0], 1u8),
            (8, [10, 0], 2),
            (16, [10, 1], 3),
            (12, [10, 0x20], 4),
        ] {
            r.extend_from_slice(&bits.to_ne_bytes());
            r.extend_from_slice(&data);
            r.push(v);
        }
        let m = SavedMap::new(r, 6, 1).lpm();
        let look = |bits: u32, data: [u8; 2]| {
            let mut k = bits.to_ne_bytes().to_vec();
            k.extend_from_slice(&data);
            let mut v = [0u8];
            m.lookup(&k, &mut v).then_some(v[0])
        };
        assert_eq!(look(16, [10, 1]), Some(3), "exact");
        assert_eq!(look(16, [10, 2]), Some(2), "the /8");
        assert_eq!(look(16, [10, 0x2f]), Some(4), "the /12");
        assert_eq!(look(16, [11, 0]), Some(1), "the /0");
        assert_eq!(look(4, [10, 1]), Some(1), "never a longer prefix than asked");
        let plain = SavedMap::new(vec![0, 0, 0, 0, 10, 0, 7], 6, 1);
        let mut v = [0u8];
        assert!(!plain.lookup(&[16, 0, 0, 0, 10, 1], &mut v), "hash maps match exactly");
    }

    #[test]
    fn lookups_and_walks_behave_like_the_kernel() {
        let m = map();
        let mut v = [0u8];
        assert!(m.lookup(&[2, 0], &mut v));
        assert_eq!(v, [20]);
        assert!(!m.lookup(&[9, 0], &mut v));
        let mut k = [0u8; 2];
        assert!(m.next_key(None, &mut k));
        assert_eq!(k, [3, 0]);
        assert!(m.next_key(Some(&[1, 0]), &mut k));
        assert_eq!(k, [2, 0]);
        assert!(!m.next_key(Some(&[2, 0]), &mut k));
        assert!(m.next_key(Some(&[7, 0]), &mut k), "unknown key restarts");
        let (mut tok, mut keys, mut vals) = ([0u8; 8], [0u8; 4], [0u8; 2]);
        let (r, n) = m.lookup_batch(None, &mut tok, &mut keys, &mut vals);
        assert!(r.is_ok());
        assert_eq!((n, keys, vals), (2, [3, 0, 1, 0], [30, 10]));
        let t = tok;
        let (r, n) = m.lookup_batch(Some(&t), &mut tok, &mut keys, &mut vals);
        assert_eq!(r.unwrap_err().raw_os_error(), Some(libc::ENOENT));
        assert_eq!((n, &keys[..2], vals[0]), (1, &[2u8, 0][..], 20));
    }
}
