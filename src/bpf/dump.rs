//! Whole-map dumps: `BPF_MAP_LOOKUP_BATCH` with short-batch / ENOSPC / ENOENT handling, and a
//! per-key (`GET_NEXT_KEY` + lookup) fallback for kernels or map types without batch support.
//!
//! Guarantees: the walk terminates, never yields more than `max_entries` entries, and reports
//! itself incomplete when the map changed under it in a way that could skip or repeat entries.

use std::io;
use std::path::Path;

use super::error::BpfError;
use super::map::{map_type, Map, MapInfo};
use super::sys;

/// Default entries per batch syscall: above 256 the batch size hardly matters (crates.md §2).
pub const DEFAULT_BATCH: u32 = 4096;
/// Largest batch the ENOSPC growth goes to before giving up.
const MAX_BATCH: u32 = 1 << 20;

/// How to walk a map.
#[derive(Debug, Clone, Copy)]
pub struct DumpOptions {
    /// Entries asked for per batch syscall (grown on ENOSPC).
    pub batch: u32,
    /// Skip batch lookups and walk key by key.
    pub per_key: bool,
}

impl Default for DumpOptions {
    fn default() -> Self {
        DumpOptions {
            batch: DEFAULT_BATCH,
            per_key: std::env::var_os("CDBG_PER_KEY_DUMP").is_some(),
        }
    }
}

/// Why a dump may have missed or repeated entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incomplete {
    /// A key vanished under the per-key walk, which would restart from the first key.
    Restarted,
    /// More entries than `max_entries` came back: the map was churning during the walk.
    Capped,
}

impl std::fmt::Display for Incomplete {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Incomplete::Restarted => write!(
                f,
                "an entry was deleted during the walk; the rest of the map was not read"
            ),
            Incomplete::Capped => write!(f, "the map changed during the walk; stopped at max_entries"),
        }
    }
}

/// What a finished dump saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DumpStats {
    pub entries: u64,
    /// Number of `bpf(2)` calls made.
    pub syscalls: u64,
    /// True when batch lookups were used.
    pub batched: bool,
    pub incomplete: Option<Incomplete>,
}

/// What the walk needs from a map: its info and the batch and per-key reads. [`Map`] is the real
/// one; unit tests script the kernel's answers with a fake. Calls are per batch or per key, and the
/// walk is generic over the source, so the real path has no dynamic dispatch.
pub trait BatchSource {
    fn info(&self) -> &MapInfo;
    /// Bytes per value as the syscalls return it (per-CPU maps: one rounded slot per CPU).
    fn value_stride(&self) -> usize;
    /// The pinned path, for errors.
    fn path(&self) -> &Path;
    /// Bytes of the `BPF_MAP_LOOKUP_BATCH` cursor.
    fn batch_token_size(&self) -> usize;
    /// One `BPF_MAP_LOOKUP_BATCH` of `keys.len() / key_size` entries, as [`Map::lookup_batch`].
    fn lookup_batch(
        &self,
        in_batch: Option<&[u8]>,
        out_batch: &mut [u8],
        keys: &mut [u8],
        values: &mut [u8],
    ) -> Result<(io::Result<()>, u32), BpfError>;
    /// `BPF_MAP_GET_NEXT_KEY`, as [`Map::next_key`].
    fn next_key(&self, key: Option<&[u8]>, next: &mut [u8]) -> Result<bool, BpfError>;
    /// `BPF_MAP_LOOKUP_ELEM`, as [`Map::lookup`].
    fn lookup(&self, key: &[u8], value: &mut [u8]) -> Result<bool, BpfError>;
}

impl BatchSource for Map {
    fn info(&self) -> &MapInfo {
        Map::info(self)
    }
    fn value_stride(&self) -> usize {
        Map::value_stride(self)
    }
    fn path(&self) -> &Path {
        Map::path(self)
    }
    fn batch_token_size(&self) -> usize {
        Map::batch_token_size(self)
    }
    fn lookup_batch(
        &self,
        in_batch: Option<&[u8]>,
        out_batch: &mut [u8],
        keys: &mut [u8],
        values: &mut [u8],
    ) -> Result<(io::Result<()>, u32), BpfError> {
        Map::lookup_batch(self, in_batch, out_batch, keys, values)
    }
    fn next_key(&self, key: Option<&[u8]>, next: &mut [u8]) -> Result<bool, BpfError> {
        Map::next_key(self, key, next)
    }
    fn lookup(&self, key: &[u8], value: &mut [u8]) -> Result<bool, BpfError> {
        Map::lookup(self, key, value)
    }
}

/// Walk every entry of `map`, calling `f(key, value)` for each. Values of per-CPU maps hold one
/// `round_up(value_size, 8)` slot per possible CPU.
pub fn dump<E, F>(map: &Map, opts: &DumpOptions, f: F) -> Result<DumpStats, E>
where
    E: From<BpfError>,
    F: FnMut(&[u8], &[u8]) -> Result<(), E>,
{
    dump_from(map, opts, f)
}

/// [`dump`] over any [`BatchSource`].
pub fn dump_from<S, E, F>(map: &S, opts: &DumpOptions, mut f: F) -> Result<DumpStats, E>
where
    S: BatchSource + ?Sized,
    E: From<BpfError>,
    F: FnMut(&[u8], &[u8]) -> Result<(), E>,
{
    let mut stats = DumpStats::default();
    if !opts.per_key && batch_capable(map.info().map_type) {
        match dump_batch(map, opts.batch.max(1), &mut stats, &mut f)? {
            Walk::Done => return Ok(stats),
            Walk::Unsupported => {}
        }
    }
    stats = DumpStats::default();
    dump_per_key(map, &mut stats, &mut f)?;
    Ok(stats)
}

/// Count entries without decoding them.
pub fn count(map: &Map) -> Result<DumpStats, BpfError> {
    dump::<BpfError, _>(map, &DumpOptions::default(), |_, _| Ok(()))
}

fn batch_capable(t: u32) -> bool {
    !matches!(
        t,
        map_type::PROG_ARRAY
            | map_type::PERF_EVENT_ARRAY
            | map_type::RINGBUF
            | map_type::ARRAY_OF_MAPS
            | map_type::HASH_OF_MAPS
    )
}

enum Walk {
    Done,
    Unsupported,
}

fn dump_batch<S, E, F>(map: &S, mut batch: u32, stats: &mut DumpStats, f: &mut F) -> Result<Walk, E>
where
    S: BatchSource + ?Sized,
    E: From<BpfError>,
    F: FnMut(&[u8], &[u8]) -> Result<(), E>,
{
    let ks = map.info().key_size as usize;
    let vs = map.value_stride();
    let cap = u64::from(map.info().max_entries);
    let tok = map.batch_token_size();
    let mut in_tok = vec![0u8; tok];
    let mut out_tok = vec![0u8; tok];
    let mut keys = vec![0u8; ks * batch as usize];
    let mut vals = vec![0u8; vs * batch as usize];
    let mut first = true;
    loop {
        let (r, n) = map.lookup_batch((!first).then_some(&in_tok[..]), &mut out_tok, &mut keys, &mut vals)?;
        stats.syscalls += 1;
        let ok = r.is_ok();
        let last = match r {
            Ok(()) => false,
            Err(e) => match e.raw_os_error() {
                Some(libc::ENOENT) => true,
                Some(libc::ENOSPC) if batch < MAX_BATCH => {
                    // A bucket holds more entries than fit: grow and retry the same cursor.
                    batch = (batch * 2).min(MAX_BATCH);
                    keys.resize(ks * batch as usize, 0);
                    vals.resize(vs * batch as usize, 0);
                    continue;
                }
                Some(libc::EINVAL) | Some(sys::ENOTSUPP) | Some(libc::EOPNOTSUPP) if first => {
                    return Ok(Walk::Unsupported);
                }
                _ => return Err(BpfError::new("BPF_MAP_LOOKUP_BATCH", Some(map.path().into()), e).into()),
            },
        };
        stats.batched = true;
        // Never trust a count beyond the buffers we handed over.
        let n = (n as usize).min(batch as usize);
        for i in 0..n {
            if stats.entries >= cap {
                stats.incomplete = Some(Incomplete::Capped);
                return Ok(Walk::Done);
            }
            stats.entries += 1;
            f(&keys[i * ks..(i + 1) * ks], &vals[i * vs..(i + 1) * vs])?;
        }
        // A short batch is normal (the kernel copies whole buckets); only ENOENT ends the walk.
        if last || (n == 0 && ok) {
            return Ok(Walk::Done);
        }
        std::mem::swap(&mut in_tok, &mut out_tok);
        first = false;
    }
}

fn dump_per_key<S, E, F>(map: &S, stats: &mut DumpStats, f: &mut F) -> Result<(), E>
where
    S: BatchSource + ?Sized,
    E: From<BpfError>,
    F: FnMut(&[u8], &[u8]) -> Result<(), E>,
{
    let ks = map.info().key_size as usize;
    let cap = u64::from(map.info().max_entries);
    let mut key = vec![0u8; ks];
    let mut next = vec![0u8; ks];
    let mut val = vec![0u8; map.value_stride()];
    stats.syscalls += 1;
    if !map.next_key(None, &mut key)? {
        return Ok(());
    }
    let keyed_array = matches!(map.info().map_type, map_type::ARRAY | map_type::PERCPU_ARRAY);
    loop {
        // Ask for the successor first, then read the value: if the key is gone by the lookup, it
        // may have been gone for GET_NEXT_KEY too, which then restarts from the first key.
        stats.syscalls += 2;
        let more = map.next_key(Some(&key), &mut next)?;
        if map.lookup(&key, &mut val)? {
            if stats.entries >= cap {
                stats.incomplete = Some(Incomplete::Capped);
                return Ok(());
            }
            stats.entries += 1;
            f(&key, &val)?;
        } else if !keyed_array {
            stats.incomplete = Some(Incomplete::Restarted);
            return Ok(());
        }
        if !more {
            return Ok(());
        }
        std::mem::swap(&mut key, &mut next);
    }
}

/// The walk against a scripted kernel: no root, no bpffs. The fake is a hash map whose batch
/// cursor is a bucket index and which copies whole buckets, as the kernel's htab does.
#[cfg(test)]
mod fake_tests {
    use super::*;
    use std::cell::{Cell, RefCell};
    use std::path::PathBuf;

    const KS: usize = 4;
    const VS: usize = 8;

    struct Fake {
        info: MapInfo,
        path: PathBuf,
        /// Entries per bucket, in walk order; a key is `u32` LE, its value the key `^ 0xdead`.
        buckets: Vec<Vec<u32>>,
        /// Errno of every batch call (unsupported batch ops), when set.
        batch_errno: Option<i32>,
        /// Errno of the batch call number `.0` (0-based), when set.
        fail_call: Option<(usize, i32)>,
        /// Keys whose lookup finds nothing (deleted under the per-key walk).
        vanished: Vec<u32>,
        /// Report this many more entries than were copied (a lying kernel).
        overcount: u32,
        /// `count` asked for by every batch call, and the cursor it resumed from.
        calls: RefCell<Vec<(u32, Option<u32>)>>,
        per_key_calls: Cell<u64>,
    }

    impl Fake {
        fn new(buckets: Vec<Vec<u32>>) -> Fake {
            Fake {
                info: MapInfo {
                    map_type: map_type::HASH,
                    id: 1,
                    key_size: KS as u32,
                    value_size: VS as u32,
                    max_entries: 1024,
                    flags: 0,
                    name: "fake".into(),
                },
                path: "/fake/cilium_fake".into(),
                buckets,
                batch_errno: None,
                fail_call: None,
                vanished: Vec::new(),
                overcount: 0,
                calls: RefCell::new(Vec::new()),
                per_key_calls: Cell::new(0),
            }
        }

        fn sorted_keys(&self) -> Vec<u32> {
            self.buckets.iter().flatten().copied().collect()
        }
    }

    fn val(k: u32) -> [u8; VS] {
        u64::from(k ^ 0xdead).to_le_bytes()
    }

    impl BatchSource for Fake {
        fn info(&self) -> &MapInfo {
            &self.info
        }
        fn value_stride(&self) -> usize {
            VS
        }
        fn path(&self) -> &Path {
            &self.path
        }
        fn batch_token_size(&self) -> usize {
            8
        }
        fn lookup_batch(
            &self,
            in_batch: Option<&[u8]>,
            out_batch: &mut [u8],
            keys: &mut [u8],
            values: &mut [u8],
        ) -> Result<(io::Result<()>, u32), BpfError> {
            // The walk must hand over buffers of the map's sizes, as Map checks.
            assert_eq!(out_batch.len(), 8);
            assert_eq!(keys.len() % KS, 0);
            let count = keys.len() / KS;
            assert_eq!(values.len(), count * VS);
            let start = in_batch.map(|b| u32::from_le_bytes(b[..4].try_into().unwrap()));
            let call = self.calls.borrow().len();
            self.calls.borrow_mut().push((count as u32, start));
            if let Some(e) = self.batch_errno {
                return Ok((Err(io::Error::from_raw_os_error(e)), 0));
            }
            if let Some((n, e)) = self.fail_call {
                if n == call {
                    return Ok((Err(io::Error::from_raw_os_error(e)), 0));
                }
            }
            let mut b = start.unwrap_or(0) as usize;
            let mut n = 0;
            while b < self.buckets.len() {
                let bucket = &self.buckets[b];
                if bucket.len() > count - n {
                    if n == 0 {
                        return Ok((Err(io::Error::from_raw_os_error(libc::ENOSPC)), 0));
                    }
                    break;
                }
                for &k in bucket {
                    keys[n * KS..(n + 1) * KS].copy_from_slice(&k.to_le_bytes());
                    values[n * VS..(n + 1) * VS].copy_from_slice(&val(k));
                    n += 1;
                }
                b += 1;
            }
            out_batch[..4].copy_from_slice(&(b as u32).to_le_bytes());
            let n = n as u32 + self.overcount;
            if b >= self.buckets.len() {
                Ok((Err(io::Error::from_raw_os_error(libc::ENOENT)), n))
            } else {
                Ok((Ok(()), n))
            }
        }
        fn next_key(&self, key: Option<&[u8]>, next: &mut [u8]) -> Result<bool, BpfError> {
            self.per_key_calls.set(self.per_key_calls.get() + 1);
            let keys = self.sorted_keys();
            let i = match key {
                None => 0,
                Some(k) => {
                    let k = u32::from_le_bytes(k.try_into().unwrap());
                    // A vanished key restarts from the first, as the kernel's hash map does.
                    keys.iter().position(|&x| x == k).map_or(0, |p| p + 1)
                }
            };
            match keys.get(i) {
                Some(k) => {
                    next.copy_from_slice(&k.to_le_bytes());
                    Ok(true)
                }
                None => Ok(false),
            }
        }
        fn lookup(&self, key: &[u8], value: &mut [u8]) -> Result<bool, BpfError> {
            self.per_key_calls.set(self.per_key_calls.get() + 1);
            let k = u32::from_le_bytes(key.try_into().unwrap());
            if self.vanished.contains(&k) || !self.sorted_keys().contains(&k) {
                return Ok(false);
            }
            value.copy_from_slice(&val(k));
            Ok(true)
        }
    }

    /// Run the walk; returns the keys seen in order and the stats.
    fn walk(m: &Fake, batch: u32, per_key: bool) -> Result<(Vec<u32>, DumpStats), BpfError> {
        let mut seen = Vec::new();
        let st = dump_from::<_, BpfError, _>(m, &DumpOptions { batch, per_key }, |k, v| {
            let k = u32::from_le_bytes(k.try_into().unwrap());
            assert_eq!(v, val(k), "value of key {k}");
            seen.push(k);
            Ok(())
        })?;
        Ok((seen, st))
    }

    fn buckets(sizes: &[usize]) -> Vec<Vec<u32>> {
        let mut next = 0u32;
        sizes
            .iter()
            .map(|&n| {
                let b = (next..next + n as u32).collect();
                next += n as u32;
                b
            })
            .collect()
    }

    #[test]
    fn short_batches_continue_until_enoent() {
        // Buckets of 3 never fill a batch of 4 exactly: every batch is short, yet not the end.
        let m = Fake::new(buckets(&[3, 3, 3, 3, 1]));
        let (seen, st) = walk(&m, 4, false).unwrap();
        assert_eq!(seen, (0..13).collect::<Vec<_>>());
        assert_eq!(st.entries, 13);
        assert!(st.batched);
        assert_eq!(st.incomplete, None);
        let calls = m.calls.borrow();
        assert_eq!(calls.len() as u64, st.syscalls);
        assert_eq!(
            *calls,
            vec![(4, None), (4, Some(1)), (4, Some(2)), (4, Some(3))],
            "each batch resumes from the cursor the last one returned; the last two buckets fit one"
        );
    }

    #[test]
    fn enoent_with_entries_yields_them_and_ends() {
        let m = Fake::new(buckets(&[2, 2]));
        let (seen, st) = walk(&m, 16, false).unwrap();
        assert_eq!(seen, vec![0, 1, 2, 3]);
        assert_eq!(st.syscalls, 1, "the last entries came with ENOENT in one call");
    }

    #[test]
    fn empty_map_is_one_call() {
        let m = Fake::new(Vec::new());
        let (seen, st) = walk(&m, 16, false).unwrap();
        assert!(seen.is_empty());
        assert_eq!((st.entries, st.syscalls, st.incomplete), (0, 1, None));
    }

    #[test]
    fn enospc_grows_the_batch_and_retries_the_same_cursor() {
        // A bucket of 5 does not fit a batch of 1, 2 or 4: the walk doubles to 8.
        let m = Fake::new(buckets(&[1, 5, 1]));
        let (seen, st) = walk(&m, 1, false).unwrap();
        assert_eq!(seen, (0..7).collect::<Vec<_>>());
        assert_eq!(st.incomplete, None);
        let calls = m.calls.borrow();
        assert_eq!(
            *calls,
            vec![(1, None), (1, Some(1)), (2, Some(1)), (4, Some(1)), (8, Some(1))],
            "ENOSPC retries bucket 1 with a doubled batch"
        );
    }

    #[test]
    fn enospc_at_the_largest_batch_is_an_error() {
        let m = Fake::new(vec![(0..MAX_BATCH + 1).collect()]);
        let e = walk(&m, MAX_BATCH, false).unwrap_err();
        assert_eq!(e.errno(), Some(libc::ENOSPC));
        assert_eq!(e.op, "BPF_MAP_LOOKUP_BATCH");
        assert!(e.to_string().contains("/fake/cilium_fake"), "{e}");
    }

    #[test]
    fn unsupported_batch_falls_back_to_per_key() {
        for errno in [libc::EINVAL, sys::ENOTSUPP, libc::EOPNOTSUPP] {
            let mut m = Fake::new(buckets(&[2, 1, 3]));
            m.batch_errno = Some(errno);
            let (seen, st) = walk(&m, 4, false).unwrap();
            assert_eq!(seen, (0..6).collect::<Vec<_>>(), "errno {errno}");
            assert!(!st.batched, "errno {errno}");
            assert_eq!(st.incomplete, None);
            assert_eq!(m.calls.borrow().len(), 1, "one batch probe, then key by key");
            assert_eq!(st.syscalls, m.per_key_calls.get(), "stats count the per-key calls only");
        }
    }

    #[test]
    fn per_key_option_skips_batches() {
        let m = Fake::new(buckets(&[2, 2]));
        let (seen, st) = walk(&m, 4, true).unwrap();
        assert_eq!(seen, vec![0, 1, 2, 3]);
        assert!(!st.batched);
        assert!(m.calls.borrow().is_empty());
    }

    #[test]
    fn einval_after_the_first_batch_is_an_error_not_a_fallback() {
        // A fallback mid-walk would yield the first batch twice.
        let mut m = Fake::new(buckets(&[2, 2, 2]));
        m.fail_call = Some((1, libc::EINVAL));
        let e = walk(&m, 2, false).unwrap_err();
        assert_eq!(e.errno(), Some(libc::EINVAL));
        assert_eq!(m.per_key_calls.get(), 0);
    }

    #[test]
    fn other_errors_name_the_syscall_and_path() {
        let mut m = Fake::new(buckets(&[2]));
        m.batch_errno = Some(libc::EPERM);
        let e = walk(&m, 2, false).unwrap_err();
        assert_eq!(e.errno(), Some(libc::EPERM));
        let s = e.to_string();
        assert!(
            s.starts_with("BPF_MAP_LOOKUP_BATCH /fake/cilium_fake: permission denied"),
            "{s}"
        );
    }

    #[test]
    fn more_than_max_entries_is_capped_and_reported() {
        for per_key in [false, true] {
            let mut m = Fake::new(buckets(&[2, 2, 2, 2]));
            m.info.max_entries = 5;
            let (seen, st) = walk(&m, 4, per_key).unwrap();
            assert_eq!(seen, (0..5).collect::<Vec<_>>(), "per_key={per_key}");
            assert_eq!(st.entries, 5);
            assert_eq!(st.incomplete, Some(Incomplete::Capped));
            assert_eq!(
                st.incomplete.unwrap().to_string(),
                "the map changed during the walk; stopped at max_entries"
            );
        }
    }

    #[test]
    fn a_key_deleted_under_the_per_key_walk_stops_it_as_incomplete() {
        let mut m = Fake::new(buckets(&[1, 1, 1, 1]));
        m.batch_errno = Some(libc::EINVAL);
        m.vanished = vec![2];
        let (seen, st) = walk(&m, 4, false).unwrap();
        assert_eq!(seen, vec![0, 1], "stops rather than restart and repeat 0 and 1");
        assert_eq!(st.incomplete, Some(Incomplete::Restarted));
        assert!(st
            .incomplete
            .unwrap()
            .to_string()
            .contains("the rest of the map was not read"));
    }

    #[test]
    fn a_count_beyond_the_buffers_is_clamped() {
        let mut m = Fake::new(buckets(&[2]));
        m.overcount = 100;
        let mut seen = Vec::new();
        let st = dump_from::<_, BpfError, _>(
            &m,
            &DumpOptions {
                batch: 4,
                per_key: false,
            },
            |k, v| {
                assert_eq!((k.len(), v.len()), (KS, VS));
                seen.push(u32::from_le_bytes(k.try_into().unwrap()));
                Ok(())
            },
        )
        .unwrap();
        // Two real entries plus two zeroed slots the kernel claimed but never wrote: no more
        // than the buffers hold, and no slicing past them.
        assert_eq!(seen, vec![0, 1, 0, 0]);
        assert_eq!(st.entries, 4);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bpf::testutil::{is_root, skip};
    use std::collections::HashSet;

    fn filled(t: u32, n: u32, max: u32) -> Map {
        let m = Map::create(t, "cdbg_test", 14, 56, max, 0).unwrap();
        let mut keys = Vec::new();
        let mut vals = Vec::new();
        for i in 0..n {
            let mut k = [0u8; 14];
            k[..4].copy_from_slice(&i.to_le_bytes());
            keys.extend_from_slice(&k);
            let mut v = [0u8; 56];
            v[..4].copy_from_slice(&(i ^ 0xdead).to_le_bytes());
            vals.extend_from_slice(&v);
            if keys.len() >= 14 * 4096 {
                m.update_batch(&keys, &vals).unwrap();
                keys.clear();
                vals.clear();
            }
        }
        m.update_batch(&keys, &vals).unwrap();
        m
    }

    fn check_all(m: &Map, opts: DumpOptions, n: u32) -> DumpStats {
        let mut seen = HashSet::new();
        let stats = dump::<BpfError, _>(m, &opts, |k, v| {
            let i = u32::from_le_bytes(k[..4].try_into().unwrap());
            assert_eq!(
                u32::from_le_bytes(v[..4].try_into().unwrap()),
                i ^ 0xdead,
                "value of key {i}"
            );
            assert!(seen.insert(i), "key {i} yielded twice");
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len() as u32, n, "entries seen with {opts:?}");
        assert_eq!(stats.entries, u64::from(n));
        assert_eq!(stats.incomplete, None);
        stats
    }

    #[test]
    fn batch_dump_returns_every_entry_once() {
        if !is_root() {
            return skip("batch_dump_returns_every_entry_once");
        }
        for t in [map_type::HASH, map_type::LRU_HASH] {
            let m = filled(t, 200_000, 262_144);
            for batch in [1, 7, 256, 4096, 65536] {
                let st = check_all(&m, DumpOptions { batch, per_key: false }, 200_000);
                assert!(st.batched);
            }
            let st = check_all(
                &m,
                DumpOptions {
                    batch: 4096,
                    per_key: true,
                },
                200_000,
            );
            assert!(!st.batched);
        }
    }

    #[test]
    fn empty_and_tiny_maps() {
        if !is_root() {
            return skip("empty_and_tiny_maps");
        }
        let m = filled(map_type::HASH, 0, 16);
        check_all(&m, DumpOptions::default(), 0);
        check_all(
            &m,
            DumpOptions {
                batch: 1,
                per_key: true,
            },
            0,
        );
        let m = filled(map_type::HASH, 3, 16);
        check_all(
            &m,
            DumpOptions {
                batch: 1,
                per_key: false,
            },
            3,
        );
    }

    #[test]
    fn lpm_trie_and_array_dump() {
        if !is_root() {
            return skip("lpm_trie_and_array_dump");
        }
        let m = Map::create(map_type::LPM_TRIE, "cdbg_lpm", 8, 1, 64, sys::BPF_F_NO_PREALLOC).unwrap();
        for i in 0..10u8 {
            m.update(&[32, 0, 0, 0, 10, 0, 0, i], &[i]).unwrap();
        }
        let mut n = 0;
        dump::<BpfError, _>(
            &m,
            &DumpOptions {
                batch: 4,
                per_key: false,
            },
            |k, v| {
                assert_eq!(k[7], v[0]);
                n += 1;
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(n, 10);
        let a = Map::create(map_type::ARRAY, "cdbg_arr", 4, 8, 256, 0).unwrap();
        let st = dump::<BpfError, _>(&a, &DumpOptions::default(), |_, _| Ok(())).unwrap();
        assert_eq!(st.entries, 256);
    }

    #[test]
    fn percpu_values_have_one_slot_per_cpu() {
        if !is_root() {
            return skip("percpu_values_have_one_slot_per_cpu");
        }
        let m = Map::create(map_type::PERCPU_HASH, "cdbg_pcpu", 8, 16, 16, 0).unwrap();
        let ncpu = crate::bpf::map::possible_cpus();
        let vals: Vec<u8> = (0..ncpu).flat_map(|c| [c as u8; 16]).collect();
        m.update(&[1; 8], &vals).unwrap();
        let mut got = Vec::new();
        dump::<BpfError, _>(&m, &DumpOptions::default(), |_, v| {
            got = v.to_vec();
            Ok(())
        })
        .unwrap();
        assert_eq!(got, vals);
    }

    #[test]
    fn dump_under_churn_terminates_without_duplicates() {
        if !is_root() {
            return skip("dump_under_churn_terminates_without_duplicates");
        }
        for per_key in [false, true] {
            let n = 100_000u32;
            let m = filled(map_type::HASH, n, 131_072);
            let stable = n / 2; // keys [0, n/2) are never touched by the churn thread
            let stop = std::sync::atomic::AtomicBool::new(false);
            std::thread::scope(|s| {
                s.spawn(|| {
                    // Expire old flows and create new ones, as conntrack does.
                    let mut old = stable;
                    let mut new = n;
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let mut k = [0u8; 14];
                        k[..4].copy_from_slice(&old.to_le_bytes());
                        let _ = m.delete(&k);
                        k[..4].copy_from_slice(&new.to_le_bytes());
                        let _ = m.update(&k, &[0u8; 56]);
                        old += 1;
                        new += 1;
                    }
                });
                for _ in 0..3 {
                    let mut seen = HashSet::new();
                    let st = dump::<BpfError, _>(&m, &DumpOptions { batch: 256, per_key }, |k, _| {
                        let i = u32::from_le_bytes(k[..4].try_into().unwrap());
                        assert!(seen.insert(i), "key {i} yielded twice (per_key={per_key})");
                        Ok(())
                    })
                    .unwrap();
                    assert!(st.entries <= 131_072);
                    if st.incomplete.is_none() {
                        // A complete walk saw every key that existed throughout.
                        assert!(
                            (0..stable).all(|i| seen.contains(&i)),
                            "complete walk missed a stable key"
                        );
                    } else {
                        assert!(per_key, "batch walks over hash maps never restart");
                    }
                }
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            });
        }
    }
}
