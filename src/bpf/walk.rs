//! One walk over a map for every listing: the batch reads run on a second thread and feed the
//! caller's per-entry function on the calling thread (streamed), or fill an arena of compact raw
//! entries that is sorted by a small caller-chosen key and read back in order (sorted, formatted
//! only while writing). The "incomplete walk" warning is printed here and nowhere else.

use std::sync::mpsc::{channel, sync_channel};

use super::dump::{dump, DumpOptions, DumpStats};
use super::error::BpfError;
use super::map::Map;

/// Entries per chunk handed from the reader thread to the caller.
const CHUNK: usize = 4096;

/// Walk every entry of `map` through `f(key, value)` in map order, with flat memory. `name`
/// labels the warning printed when churn may have skipped or repeated entries.
pub fn stream<E, F>(map: &Map, name: &str, f: F) -> Result<DumpStats, E>
where
    E: From<BpfError>,
    F: FnMut(&[u8], &[u8]) -> Result<(), E>,
{
    let stats = pipelined(map, &DumpOptions::default(), f)?;
    warn_incomplete(name, &stats);
    Ok(stats)
}

/// Walk `map` (streamed, with the warning) and keep what `decode` makes of each entry. For small
/// maps whose decoded rows are at most as big as the raw entries (per-CPU sums, policy rows);
/// big sorted listings keep raw entries in [`Sorted`] instead.
pub fn collect<T, E, F>(map: &Map, mut decode: F) -> Result<Vec<T>, E>
where
    E: From<BpfError>,
    F: FnMut(&[u8], &[u8]) -> Result<T, E>,
{
    let mut rows = Vec::new();
    stream::<E, _>(map, &map.path().display().to_string(), |k, v| {
        rows.push(decode(k, v)?);
        Ok(())
    })?;
    Ok(rows)
}

/// The one place that says a walk may be incomplete.
pub fn warn_incomplete(name: &str, stats: &DumpStats) {
    if let Some(why) = stats.incomplete {
        crate::output::notes::warn(format_args!("{name}: {why}; the listing may be incomplete"));
    }
}

/// Why the reader thread stopped early.
enum ReadErr {
    Bpf(BpfError),
    /// The caller's function failed (error or closed pipe); its error is reported instead.
    Stopped,
}

impl From<BpfError> for ReadErr {
    fn from(e: BpfError) -> Self {
        ReadErr::Bpf(e)
    }
}

/// The batch reads on one thread and `f` on the calling thread, joined by a bounded channel of
/// recycled chunks (at most 4 chunks, ~1 MiB, in flight). The kernel walk and the formatting each
/// take about half the time on a big map, so overlapping them nearly halves the wall time.
fn pipelined<E, F>(map: &Map, opts: &DumpOptions, mut f: F) -> Result<DumpStats, E>
where
    E: From<BpfError>,
    F: FnMut(&[u8], &[u8]) -> Result<(), E>,
{
    let ks = map.info().key_size as usize;
    let vs = map.value_stride();
    let (full_tx, full_rx) = sync_channel::<(Vec<u8>, Vec<u8>)>(4);
    let (empty_tx, empty_rx) = channel::<(Vec<u8>, Vec<u8>)>();
    std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let fresh = || (Vec::with_capacity(CHUNK * ks), Vec::with_capacity(CHUNK * vs));
            let mut cur = fresh();
            let r = dump::<ReadErr, _>(map, opts, |k, v| {
                cur.0.extend_from_slice(k);
                cur.1.extend_from_slice(v);
                if cur.0.len() >= CHUNK * ks {
                    let next = empty_rx.try_recv().unwrap_or_else(|_| fresh());
                    full_tx
                        .send(std::mem::replace(&mut cur, next))
                        .map_err(|_| ReadErr::Stopped)?;
                }
                Ok(())
            });
            if !cur.0.is_empty() {
                let _ = full_tx.send(cur);
            }
            r
        });
        let mut result = Ok(());
        for (mut keys, mut vals) in full_rx.iter() {
            for (k, v) in keys.chunks_exact(ks.max(1)).zip(vals.chunks_exact(vs.max(1))) {
                if let Err(e) = f(k, v) {
                    result = Err(e);
                    break;
                }
            }
            if result.is_err() {
                break;
            }
            keys.clear();
            vals.clear();
            let _ = empty_tx.send((keys, vals));
        }
        drop(full_rx);
        let read = reader.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        result?;
        match read {
            Ok(stats) => Ok(stats),
            Err(ReadErr::Bpf(e)) => Err(e.into()),
            // Only when the caller failed, which returned above.
            Err(ReadErr::Stopped) => unreachable!("the reader stops only after the caller failed"),
        }
    })
}

pub use crate::output::arena::{Item, Sorted};

impl<S: Ord> Sorted<S> {
    /// Walk `map` (streamed, with the warning) and keep each entry for which `keep` returns a sort
    /// key. `tag` tells the entries of this map apart when reading back.
    pub fn add<E, F>(&mut self, map: &Map, tag: u32, mut keep: F) -> Result<DumpStats, E>
    where
        E: From<BpfError>,
        F: FnMut(&[u8], &[u8]) -> Result<Option<S>, E>,
    {
        let name = map.path().display().to_string();
        self.begin(tag, map.info().key_size as usize, map.value_stride());
        stream(map, &name, |k, v| {
            if let Some(s) = keep(k, v)? {
                self.push(s, k, v).map_err(|e| {
                    BpfError::new("collecting entries", Some(map.path().into()), std::io::Error::other(e))
                })?;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bpf::map_type;
    use crate::bpf::testutil::{is_root, skip};

    #[test]
    fn stream_and_sorted_see_every_entry() {
        if !is_root() {
            return skip("stream_and_sorted_see_every_entry");
        }
        let m = Map::create(map_type::HASH, "cdbg_walk", 4, 8, 20_000, 0).unwrap();
        let n = 10_000u32;
        let keys: Vec<u8> = (0..n).flat_map(|i| i.to_be_bytes()).collect();
        let vals: Vec<u8> = (0..n).flat_map(|i| u64::from(i * 3).to_le_bytes()).collect();
        m.update_batch(&keys, &vals).unwrap();
        let mut seen = 0u32;
        let st = stream::<BpfError, _>(&m, "test", |k, v| {
            let i = u32::from_be_bytes(k.try_into().unwrap());
            assert_eq!(u64::from_le_bytes(v.try_into().unwrap()), u64::from(i * 3));
            seen += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!((seen, st.entries), (n, u64::from(n)));
        // Keep the odd keys, sorted descending.
        let mut s = Sorted::new();
        s.add::<BpfError, _>(&m, 1, |k, _| {
            let i = u32::from_be_bytes(k.try_into().unwrap());
            Ok((i % 2 == 1).then_some(std::cmp::Reverse(i)))
        })
        .unwrap();
        s.sort();
        let got: Vec<u32> = s
            .iter()
            .map(|i| u32::from_be_bytes(i.key.try_into().unwrap()))
            .collect();
        let want: Vec<u32> = (0..n).rev().filter(|i| i % 2 == 1).collect();
        assert_eq!(got, want);
        // A failing caller stops the walk and its error comes back.
        let mut calls = 0;
        let r = stream::<anyhow::Error, _>(&m, "test", |_, _| {
            calls += 1;
            anyhow::ensure!(calls < 5000, "stop");
            Ok(())
        });
        assert_eq!(r.unwrap_err().to_string(), "stop");
    }
}
