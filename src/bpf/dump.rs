//! Whole-map dumps: `BPF_MAP_LOOKUP_BATCH` with short-batch / ENOSPC / ENOENT handling, and a
//! per-key (`GET_NEXT_KEY` + lookup) fallback for kernels or map types without batch support.
//!
//! Guarantees: the walk terminates, never yields more than `max_entries` entries, and reports
//! itself incomplete when the map changed under it in a way that could skip or repeat entries.

use std::os::fd::AsRawFd;

use super::error::BpfError;
use super::map::{map_type, Map};
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

/// Walk every entry of `map`, calling `f(key, value)` for each. Values of per-CPU maps hold one
/// `round_up(value_size, 8)` slot per possible CPU.
pub fn dump<E, F>(map: &Map, opts: &DumpOptions, mut f: F) -> Result<DumpStats, E>
where
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

fn dump_batch<E, F>(map: &Map, mut batch: u32, stats: &mut DumpStats, f: &mut F) -> Result<Walk, E>
where
    E: From<BpfError>,
    F: FnMut(&[u8], &[u8]) -> Result<(), E>,
{
    let ks = map.info().key_size as usize;
    let vs = map.value_stride();
    let cap = u64::from(map.info().max_entries);
    // Hash maps use a u32 bucket cursor; array and trie maps use a key-sized one.
    let tok = ks.max(8);
    let mut in_tok = vec![0u8; tok];
    let mut out_tok = vec![0u8; tok];
    let mut keys = vec![0u8; ks * batch as usize];
    let mut vals = vec![0u8; vs * batch as usize];
    let mut first = true;
    loop {
        let (r, n) = sys::lookup_batch(
            &map.as_raw_fd(),
            (!first).then_some(&in_tok[..]),
            &mut out_tok,
            &mut keys,
            &mut vals,
            batch,
        );
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
        for i in 0..n as usize {
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

fn dump_per_key<E, F>(map: &Map, stats: &mut DumpStats, f: &mut F) -> Result<(), E>
where
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
