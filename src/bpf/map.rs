//! A map handle: open pinned maps read-only (or read-write on request), read their info and memlock.

use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};

use super::error::BpfError;
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

/// An open BPF map.
#[derive(Debug)]
pub struct Map {
    fd: OwnedFd,
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
            fd,
            info: info.into(),
            path: path.into(),
            writable: flags == 0,
        })
    }

    /// Open a map by kernel id, read-only (map-in-map inner maps).
    pub fn open_id(id: u32) -> Result<Map, BpfError> {
        let path = PathBuf::from(format!("map id {id}"));
        let fd = sys::map_fd_by_id(id, sys::BPF_F_RDONLY)
            .map_err(|e| BpfError::new("BPF_MAP_GET_FD_BY_ID", Some(path.clone()), e))?;
        let info = sys::map_info(&fd).map_err(|e| BpfError::new("BPF_OBJ_GET_INFO_BY_FD", Some(path.clone()), e))?;
        Ok(Map {
            fd,
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
            inner.map(|m| m.fd.as_raw_fd()),
        )
        .map_err(|e| BpfError::new("BPF_MAP_CREATE", Some(path.clone()), e))?;
        let info = sys::map_info(&fd).map_err(|e| BpfError::new("BPF_OBJ_GET_INFO_BY_FD", Some(path.clone()), e))?;
        Ok(Map {
            fd,
            info: info.into(),
            path,
            writable: true,
        })
    }

    /// Pin this map at `path`.
    pub fn pin(&mut self, path: &Path) -> Result<(), BpfError> {
        sys::obj_pin(&self.fd, path).map_err(|e| BpfError::new("BPF_OBJ_PIN", Some(path.into()), e))?;
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
        if map_type::is_percpu(self.info.map_type) {
            (self.info.value_size as usize).div_ceil(8) * 8 * possible_cpus()
        } else {
            self.info.value_size as usize
        }
    }

    /// Locked memory charged for this map, from `/proc/self/fdinfo`.
    pub fn memlock(&self) -> Option<u64> {
        fdinfo_field(self.fd.as_raw_fd(), "memlock")
    }

    fn err(&self, op: &'static str, e: std::io::Error) -> BpfError {
        BpfError::new(op, Some(self.path.clone()), e)
    }

    /// Look one key up; `Ok(false)` when absent.
    pub fn lookup(&self, key: &[u8], value: &mut [u8]) -> Result<bool, BpfError> {
        match sys::lookup_elem(&self.fd, key, value) {
            Ok(()) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(self.err("BPF_MAP_LOOKUP_ELEM", e)),
        }
    }

    pub fn update(&self, key: &[u8], value: &[u8]) -> Result<(), BpfError> {
        sys::update_elem(&self.fd, key, value).map_err(|e| self.err("BPF_MAP_UPDATE_ELEM", e))
    }

    /// Delete one key; `Ok(false)` when it was already gone.
    pub fn delete(&self, key: &[u8]) -> Result<bool, BpfError> {
        match sys::delete_elem(&self.fd, key) {
            Ok(()) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(self.err("BPF_MAP_DELETE_ELEM", e)),
        }
    }

    /// `BPF_MAP_GET_NEXT_KEY`; `Ok(false)` at the end of the map.
    pub fn next_key(&self, key: Option<&[u8]>, next: &mut [u8]) -> Result<bool, BpfError> {
        match sys::get_next_key(&self.fd, key, next) {
            Ok(()) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(false),
            Err(e) => Err(self.err("BPF_MAP_GET_NEXT_KEY", e)),
        }
    }

    /// Write many entries; `keys`/`values` are packed arrays. Falls back to per-key updates.
    pub fn update_batch(&self, keys: &[u8], values: &[u8]) -> Result<(), BpfError> {
        let ks = self.info.key_size as usize;
        let vs = self.value_stride();
        let n = keys.len() / ks;
        assert_eq!(values.len(), n * vs, "values length does not match keys");
        if n == 0 {
            return Ok(());
        }
        let (r, _) = sys::update_batch(&self.fd, keys, values, n as u32);
        match r {
            Ok(()) => Ok(()),
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(sys::ENOTSUPP)) => {
                for i in 0..n {
                    self.update(&keys[i * ks..(i + 1) * ks], &values[i * vs..(i + 1) * vs])?;
                }
                Ok(())
            }
            Err(e) => Err(self.err("BPF_MAP_UPDATE_BATCH", e)),
        }
    }

    /// Delete many keys (packed); returns how many were deleted. Missing keys are skipped.
    pub fn delete_keys(&self, keys: &[u8]) -> Result<u64, BpfError> {
        let ks = self.info.key_size as usize;
        let mut deleted = 0;
        for k in keys.chunks_exact(ks) {
            if self.delete(k)? {
                deleted += 1;
            }
        }
        Ok(deleted)
    }
}

impl AsFd for Map {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl AsRawFd for Map {
    fn as_raw_fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

/// Number of possible CPUs (`/sys/devices/system/cpu/possible`, e.g. `0-3`).
pub fn possible_cpus() -> usize {
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
}
