//! A map handle: open pinned maps read-only (or read-write on request), read their info and memlock.

use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

use super::error::{BpfError, SizeMismatch};
use super::saved::SavedMap;
use super::sys;

/// BPF map types by number (`enum bpf_map_type`).
pub mod map_type {
    pub const HASH: u32 = 1;
    pub const ARRAY: u32 = 2;
    pub const PROG_ARRAY: u32 = 3;
    pub const PERF_EVENT_ARRAY: u32 = 4;
    pub const PERCPU_HASH: u32 = 5;
    pub const PERCPU_ARRAY: u32 = 6;
    pub const LRU_HASH: u32 = 9;
    pub const LRU_PERCPU_HASH: u32 = 10;
    pub const LPM_TRIE: u32 = 11;
    pub const ARRAY_OF_MAPS: u32 = 12;
    pub const HASH_OF_MAPS: u32 = 13;
    pub const RINGBUF: u32 = 27;

    /// Name as bpftool prints it.
    pub fn name(t: u32) -> String {
        match t {
            HASH => "hash".into(),
            ARRAY => "array".into(),
            PROG_ARRAY => "prog_array".into(),
            PERF_EVENT_ARRAY => "perf_event_array".into(),
            PERCPU_HASH => "percpu_hash".into(),
            PERCPU_ARRAY => "percpu_array".into(),
            7 => "stack_trace".into(),
            8 => "cgroup_array".into(),
            LRU_HASH => "lru_hash".into(),
            LRU_PERCPU_HASH => "lru_percpu_hash".into(),
            LPM_TRIE => "lpm_trie".into(),
            ARRAY_OF_MAPS => "array_of_maps".into(),
            HASH_OF_MAPS => "hash_of_maps".into(),
            RINGBUF => "ringbuf".into(),
            n => format!("type {n}"),
        }
    }

    /// Per-CPU maps return one value slot per possible CPU.
    pub fn is_percpu(t: u32) -> bool {
        matches!(t, PERCPU_HASH | PERCPU_ARRAY | LRU_PERCPU_HASH)
    }
}

/// What the kernel says about a map (`BPF_OBJ_GET_INFO_BY_FD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapInfo {
    pub map_type: u32,
    pub id: u32,
    pub key_size: u32,
    pub value_size: u32,
    pub max_entries: u32,
    pub flags: u32,
    pub name: String,
}

impl From<sys::RawMapInfo> for MapInfo {
    fn from(r: sys::RawMapInfo) -> Self {
        let end = r.name.iter().position(|&b| b == 0).unwrap_or(r.name.len());
        MapInfo {
            map_type: r.map_type,
            id: r.id,
            key_size: r.key_size,
            value_size: r.value_size,
            max_entries: r.max_entries,
            flags: r.map_flags,
            name: String::from_utf8_lossy(&r.name[..end]).into_owned(),
        }
    }
}

/// Where a map's entries come from.
#[derive(Debug)]
enum Backing {
    /// A kernel map.
    Fd(OwnedFd),
    /// Saved entries (snapshot replay; always read-only).
    Saved {
        entries: std::sync::Arc<SavedMap>,
        stride: usize,
        memlock: Option<u64>,
    },
}

/// An open BPF map.
#[derive(Debug)]
pub struct Map {
    fd: Backing,
    info: MapInfo,
    /// The pinned path (or `id:N` for maps opened by id).
    path: PathBuf,
    writable: bool,
}

impl Map {
    /// Open a pinned map read-only (`BPF_OBJ_GET` with `BPF_F_RDONLY`).
    pub fn open_pinned(path: &Path) -> Result<Map, BpfError> {
        Self::open(path, sys::BPF_F_RDONLY)
    }

    /// Open a pinned map read-write. Only flush commands and the lab use this.
    pub fn open_pinned_rw(path: &Path) -> Result<Map, BpfError> {
        Self::open(path, 0)
    }

    fn open(path: &Path, flags: u32) -> Result<Map, BpfError> {
        let fd = sys::obj_get(path, flags).map_err(|e| BpfError::new("BPF_OBJ_GET", Some(path.into()), e))?;
        let info = sys::map_info(&fd).map_err(|e| BpfError::new("BPF_OBJ_GET_INFO_BY_FD", Some(path.into()), e))?;
        Ok(Map {
            fd: Backing::Fd(fd),
            info: info.into(),
            path: path.into(),
            writable: flags == 0,
        })
    }

    /// Open a map by kernel id, read-only (map-in-map inner maps).
    pub fn open_id(id: u32) -> Result<Map, BpfError> {
        if let Some(s) = super::saved::source() {
            return s.open_id(id);
        }
        let path = PathBuf::from(format!("map id {id}"));
        let fd = sys::map_fd_by_id(id, sys::BPF_F_RDONLY)
            .map_err(|e| BpfError::new("BPF_MAP_GET_FD_BY_ID", Some(path.clone()), e))?;
        let info = sys::map_info(&fd).map_err(|e| BpfError::new("BPF_OBJ_GET_INFO_BY_FD", Some(path.clone()), e))?;
        Ok(Map {
            fd: Backing::Fd(fd),
            info: info.into(),
            path,
            writable: false,
        })
    }

    /// Create a map (lab and tests only).
    pub fn create(
        map_type: u32,
        name: &str,
        key_size: u32,
        value_size: u32,
        max_entries: u32,
        flags: u32,
    ) -> Result<Map, BpfError> {
        Self::create_with_inner(map_type, name, key_size, value_size, max_entries, flags, None)
    }

    /// Create a map-in-map whose inner template is `inner` (lab only).
    pub fn create_with_inner(
        map_type: u32,
        name: &str,
        key_size: u32,
        value_size: u32,
        max_entries: u32,
        flags: u32,
        inner: Option<&Map>,
    ) -> Result<Map, BpfError> {
        let path = PathBuf::from(name);
        let fd = sys::map_create(
            map_type,
            name,
            key_size,
            value_size,
            max_entries,
            flags,
            inner.map(|m| m.as_raw_fd()),
        )
        .map_err(|e| BpfError::new("BPF_MAP_CREATE", Some(path.clone()), e))?;
        let info = sys::map_info(&fd).map_err(|e| BpfError::new("BPF_OBJ_GET_INFO_BY_FD", Some(path.clone()), e))?;
        Ok(Map {
            fd: Backing::Fd(fd),
            info: info.into(),
            path,
            writable: true,
        })
    }

    /// A read-only map served from saved entries (snapshot replay). `stride` is the saved bytes
    /// per value (per-CPU maps: the saving node's CPUs).
    pub fn saved(
        path: PathBuf,
        info: MapInfo,
        stride: usize,
        memlock: Option<u64>,
        entries: std::sync::Arc<SavedMap>,
    ) -> Map {
        Map {
            fd: Backing::Saved {
                entries,
                stride,
                memlock,
            },
            info,
            path,
            writable: false,
        }
    }

    /// The kernel handle; saved maps have none, so writes to them are refused here.
    fn kfd(&self, op: &'static str) -> Result<&OwnedFd, BpfError> {
        match &self.fd {
            Backing::Fd(fd) => Ok(fd),
            Backing::Saved { .. } => Err(BpfError::new(
                op,
                Some(self.path.clone()),
                std::io::Error::other(
                    super::saved::source().map_or_else(|| "a saved map is read-only".into(), |s| s.read_only_message()),
                ),
            )),
        }
    }

    fn saved_entries(&self) -> Option<&SavedMap> {
        match &self.fd {
            Backing::Saved { entries, .. } => Some(entries),
            Backing::Fd(_) => None,
        }
    }

    /// Pin this map at `path`.
    pub fn pin(&mut self, path: &Path) -> Result<(), BpfError> {
        sys::obj_pin(self.kfd("BPF_OBJ_PIN")?, path).map_err(|e| BpfError::new("BPF_OBJ_PIN", Some(path.into()), e))?;
        self.path = path.into();
        Ok(())
    }

    pub fn info(&self) -> &MapInfo {
        &self.info
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// Bytes per value as the syscalls return it (per-CPU maps: one rounded slot per possible CPU).
    pub fn value_stride(&self) -> usize {
        if let Backing::Saved { stride, .. } = &self.fd {
            return *stride;
        }
        if map_type::is_percpu(self.info.map_type) {
            (self.info.value_size as usize).div_ceil(8) * 8 * possible_cpus()
        } else {
            self.info.value_size as usize
        }
    }

    /// Locked memory charged for this map, from `/proc/self/fdinfo`.
    pub fn memlock(&self) -> Option<u64> {
        match &self.fd {
            Backing::Fd(fd) => fdinfo_field(fd.as_raw_fd(), "memlock"),
            Backing::Saved { memlock, .. } => *memlock,
        }
    }

    fn err(&self, op: &'static str, e: std::io::Error) -> BpfError {
        BpfError::new(op, Some(self.path.clone()), e)
    }

    /// aya's `check_kv_size`: refuse a buffer whose length is not the map's key size before the
    /// kernel reads or writes `key_size` bytes through it.
    fn check_key(&self, op: &'static str, key: &[u8]) -> Result<(), BpfError> {
        self.check_len(op, "key", key.len(), self.info.key_size as usize)
    }

    /// Like [`check_key`](Self::check_key) for a value buffer (per-CPU maps: every CPU's slot).
    fn check_value(&self, op: &'static str, value: &[u8]) -> Result<(), BpfError> {
        self.check_len(op, "value", value.len(), self.value_stride())
    }

    fn check_len(&self, op: &'static str, what: &'static str, len: usize, expected: usize) -> Result<(), BpfError> {
        if len == expected {
            Ok(())
        } else {
            Err(BpfError::size_mismatch(
                op,
                self.path.clone(),
                SizeMismatch { what, len, expected },
            ))
        }
    }

    /// Look one key up; `Ok(false)` when absent.
    pub fn lookup(&self, key: &[u8], value: &mut [u8]) -> Result<bool, BpfError> {
        const OP: &str = "BPF_MAP_LOOKUP_ELEM";
        self.check_key(OP, key)?;
        self.check_value(OP, value)?;
        if let Some(s) = self.saved_entries() {
            return Ok(s.lookup(key, value));
        }
        let fd = self.kfd(OP)?;
        // SAFETY: both lengths were checked against the map's sizes above.
        match unsafe { sys::lookup_elem(fd, key, value) } {
            Ok(()) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(self.err(OP, e)),
        }
    }

    pub fn update(&self, key: &[u8], value: &[u8]) -> Result<(), BpfError> {
        const OP: &str = "BPF_MAP_UPDATE_ELEM";
        self.check_key(OP, key)?;
        self.check_value(OP, value)?;
        let fd = self.kfd(OP)?;
        // SAFETY: both lengths were checked against the map's sizes above.
        unsafe { sys::update_elem(fd, key, value) }.map_err(|e| self.err(OP, e))
    }

    /// Delete one key; `Ok(false)` when it was already gone.
    pub fn delete(&self, key: &[u8]) -> Result<bool, BpfError> {
        const OP: &str = "BPF_MAP_DELETE_ELEM";
        self.check_key(OP, key)?;
        let fd = self.kfd(OP)?;
        // SAFETY: the key length was checked against the map's key size above.
        match unsafe { sys::delete_elem(fd, key) } {
            Ok(()) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(self.err(OP, e)),
        }
    }

    /// `BPF_MAP_GET_NEXT_KEY`; `Ok(false)` at the end of the map.
    pub fn next_key(&self, key: Option<&[u8]>, next: &mut [u8]) -> Result<bool, BpfError> {
        const OP: &str = "BPF_MAP_GET_NEXT_KEY";
        if let Some(k) = key {
            self.check_key(OP, k)?;
        }
        self.check_key(OP, next)?;
        if let Some(s) = self.saved_entries() {
            return Ok(s.next_key(key, next));
        }
        let fd = self.kfd(OP)?;
        // SAFETY: both key lengths were checked against the map's key size above.
        match unsafe { sys::get_next_key(fd, key, next) } {
            Ok(()) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(self.err(OP, e)),
        }
    }

    /// Bytes of the cursor `BPF_MAP_LOOKUP_BATCH` reads and writes: hash maps use a u32 bucket
    /// index, array and trie maps a key.
    pub fn batch_token_size(&self) -> usize {
        (self.info.key_size as usize).max(8)
    }

    /// One `BPF_MAP_LOOKUP_BATCH` of up to `keys.len() / key_size` entries, resuming after
    /// `in_batch` (`None` for the first batch). Returns the kernel's result and how many entries it
    /// copied (meaningful even on ENOENT, which ends the walk). The error is the raw errno, for the
    /// caller's ENOSPC / ENOENT / EINVAL handling.
    pub fn lookup_batch(
        &self,
        in_batch: Option<&[u8]>,
        out_batch: &mut [u8],
        keys: &mut [u8],
        values: &mut [u8],
    ) -> Result<(std::io::Result<()>, u32), BpfError> {
        const OP: &str = "BPF_MAP_LOOKUP_BATCH";
        let ks = self.info.key_size as usize;
        let vs = self.value_stride();
        let tok = self.batch_token_size();
        let count = keys.len() / ks.max(1);
        if let Some(t) = in_batch {
            self.check_len(OP, "in_batch", t.len(), tok)?;
        }
        self.check_len(OP, "out_batch", out_batch.len(), tok)?;
        self.check_len(OP, "keys", keys.len(), count * ks)?;
        self.check_len(OP, "values", values.len(), count * vs)?;
        let count = u32::try_from(count).map_err(|_| {
            BpfError::size_mismatch(
                OP,
                self.path.clone(),
                SizeMismatch {
                    what: "keys",
                    len: keys.len(),
                    expected: u32::MAX as usize * ks,
                },
            )
        })?;
        if let Some(s) = self.saved_entries() {
            return Ok(s.lookup_batch(in_batch, out_batch, keys, values));
        }
        let fd = self.kfd(OP)?;
        // SAFETY: cursors are `batch_token_size` bytes, keys and values hold `count` entries of the
        // map's sizes, all checked above.
        Ok(unsafe { sys::lookup_batch(fd, in_batch, out_batch, keys, values, count) })
    }

    /// Write many entries; `keys`/`values` are packed arrays. Falls back to per-key updates.
    pub fn update_batch(&self, keys: &[u8], values: &[u8]) -> Result<(), BpfError> {
        const OP: &str = "BPF_MAP_UPDATE_BATCH";
        let ks = self.info.key_size as usize;
        let vs = self.value_stride();
        let n = keys.len() / ks.max(1);
        self.check_len(OP, "keys", keys.len(), n * ks)?;
        self.check_len(OP, "values", values.len(), n * vs)?;
        let fd = self.kfd(OP)?;
        if n == 0 {
            return Ok(());
        }
        // SAFETY: keys and values hold `n` entries of the map's sizes, checked above.
        let (r, _) = unsafe { sys::update_batch(fd, keys, values, n as u32) };
        match r {
            Ok(()) => Ok(()),
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(sys::ENOTSUPP)) => {
                for i in 0..n {
                    self.update(&keys[i * ks..(i + 1) * ks], &values[i * vs..(i + 1) * vs])?;
                }
                Ok(())
            }
            Err(e) => Err(self.err(OP, e)),
        }
    }

    /// Delete many keys (packed); returns how many were deleted. Missing keys are skipped.
    pub fn delete_keys(&self, keys: &[u8]) -> Result<u64, BpfError> {
        let ks = self.info.key_size as usize;
        self.kfd("BPF_MAP_DELETE_ELEM")?;
        self.check_len("BPF_MAP_DELETE_ELEM", "keys", keys.len(), keys.len() / ks.max(1) * ks)?;
        let mut deleted = 0;
        for k in keys.chunks_exact(ks.max(1)) {
            if self.delete(k)? {
                deleted += 1;
            }
        }
        Ok(deleted)
    }
}

/// Saved maps have no descriptor: -1, which the kernel refuses with EBADF.
impl AsRawFd for Map {
    fn as_raw_fd(&self) -> RawFd {
        match &self.fd {
            Backing::Fd(fd) => fd.as_raw_fd(),
            Backing::Saved { .. } => -1,
        }
    }
}

/// Number of possible CPUs (`/sys/devices/system/cpu/possible`, e.g. `0-3`).
pub fn possible_cpus() -> usize {
    if let Some(s) = super::saved::source() {
        return s.possible_cpus();
    }
    static N: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *N.get_or_init(|| {
        std::fs::read_to_string("/sys/devices/system/cpu/possible")
            .ok()
            .and_then(|s| parse_cpu_list(s.trim()))
            .unwrap_or(1)
    })
}

/// Parse a kernel CPU list such as `0-3,5` into a count of CPUs (highest + 1).
pub fn parse_cpu_list(s: &str) -> Option<usize> {
    let mut max = None;
    for part in s.split(',') {
        let hi = match part.split_once('-') {
            Some((_, hi)) => hi.trim().parse::<usize>().ok()?,
            None => part.trim().parse::<usize>().ok()?,
        };
        max = Some(max.map_or(hi, |m: usize| m.max(hi)));
    }
    max.map(|m| m + 1)
}

fn fdinfo_field(fd: RawFd, field: &str) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")).ok()?;
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim() == field)
            .then(|| v.trim().trim_end_matches('B').parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_lists() {
        assert_eq!(parse_cpu_list("0"), Some(1));
        assert_eq!(parse_cpu_list("0-3"), Some(4));
        assert_eq!(parse_cpu_list("0-1,4-7"), Some(8));
        assert_eq!(parse_cpu_list("x"), None);
    }

    #[test]
    fn type_names() {
        assert_eq!(map_type::name(map_type::LRU_HASH), "lru_hash");
        assert_eq!(map_type::name(99), "type 99");
        assert!(map_type::is_percpu(map_type::PERCPU_HASH));
        assert!(!map_type::is_percpu(map_type::HASH));
    }

    #[test]
    fn wrong_length_buffers_are_refused_before_the_syscall() {
        use crate::bpf::testutil::{is_root, skip};
        if !is_root() {
            return skip("wrong_length_buffers_are_refused_before_the_syscall");
        }
        let m = Map::create(map_type::HASH, "cdbg_kv", 14, 56, 16, 0).unwrap();
        let mismatch = |r: Result<(), BpfError>| {
            let e = r.expect_err("a wrong length must be refused");
            assert_eq!(e.errno(), None, "refused before the kernel: {e}");
            (e.op, *e.as_size_mismatch().expect("a size mismatch"))
        };
        let sm = |what, len, expected| SizeMismatch { what, len, expected };
        let mut v56 = [0u8; 56];
        let mut v57 = [0u8; 57];
        assert_eq!(
            mismatch(m.lookup(&[0; 13], &mut v56).map(|_| ())),
            ("BPF_MAP_LOOKUP_ELEM", sm("key", 13, 14))
        );
        assert_eq!(
            mismatch(m.lookup(&[0; 14], &mut v57).map(|_| ())),
            ("BPF_MAP_LOOKUP_ELEM", sm("value", 57, 56))
        );
        assert_eq!(
            mismatch(m.update(&[0; 14], &[0; 8])),
            ("BPF_MAP_UPDATE_ELEM", sm("value", 8, 56))
        );
        assert_eq!(
            mismatch(m.delete(&[0; 15]).map(|_| ())),
            ("BPF_MAP_DELETE_ELEM", sm("key", 15, 14))
        );
        let mut k4 = [0u8; 4];
        assert_eq!(
            mismatch(m.next_key(None, &mut k4).map(|_| ())),
            ("BPF_MAP_GET_NEXT_KEY", sm("key", 4, 14))
        );
        assert_eq!(
            mismatch(m.update_batch(&[0; 28], &[0; 56])),
            ("BPF_MAP_UPDATE_BATCH", sm("values", 56, 112))
        );
        assert_eq!(
            mismatch(m.update_batch(&[0; 15], &[0; 56])),
            ("BPF_MAP_UPDATE_BATCH", sm("keys", 15, 14))
        );
        assert_eq!(
            mismatch(m.delete_keys(&[0; 20]).map(|_| ())),
            ("BPF_MAP_DELETE_ELEM", sm("keys", 20, 14))
        );
        let (mut tok, mut keys, mut vals) = ([0u8; 14], [0u8; 28], [0u8; 112]);
        assert_eq!(
            mismatch(
                m.lookup_batch(Some(&[0; 4]), &mut tok, &mut keys, &mut vals)
                    .map(|_| ())
            ),
            ("BPF_MAP_LOOKUP_BATCH", sm("in_batch", 4, 14))
        );
        assert_eq!(
            mismatch(m.lookup_batch(None, &mut tok, &mut keys, &mut vals[..100]).map(|_| ())),
            ("BPF_MAP_LOOKUP_BATCH", sm("values", 100, 112))
        );
        // The right lengths reach the kernel.
        m.update(&[1; 14], &[2; 56]).unwrap();
        assert!(m.lookup(&[1; 14], &mut v56).unwrap());
        assert_eq!(v56, [2; 56]);
        let e = m.lookup(&[0; 13], &mut v56).unwrap_err().to_string();
        assert_eq!(
            e,
            "BPF_MAP_LOOKUP_ELEM cdbg_kv: key buffer is 13 B but the map needs 14 B (cdbg's decoder for this \
             map disagrees with the map's sizes; report it to the cdbg developers with the output of \
             `bpftool map show pinned <path>`)"
        );
    }
}
