//! Raw `bpf(2)` commands: attribute structs and thin wrappers. No Cilium knowledge here.
//!
//! Wrappers whose buffer lengths the kernel takes from the map (element and batch operations) are
//! `unsafe fn`s visible only inside `bpf/`: [`Map`](super::Map) checks the lengths before calling
//! them. The others size every buffer themselves and are safe.

use std::ffi::CString;
use std::io;
use std::mem::size_of;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

pub const BPF_MAP_CREATE: u32 = 0;
pub const BPF_MAP_LOOKUP_ELEM: u32 = 1;
pub const BPF_MAP_UPDATE_ELEM: u32 = 2;
pub const BPF_MAP_DELETE_ELEM: u32 = 3;
pub const BPF_MAP_GET_NEXT_KEY: u32 = 4;
pub const BPF_PROG_LOAD: u32 = 5;
pub const BPF_OBJ_PIN: u32 = 6;
pub const BPF_PROG_ATTACH: u32 = 8;
pub const BPF_OBJ_GET: u32 = 7;
pub const BPF_PROG_QUERY: u32 = 16;
pub const BPF_MAP_GET_FD_BY_ID: u32 = 14;
pub const BPF_PROG_GET_FD_BY_ID: u32 = 13;
pub const BPF_OBJ_GET_INFO_BY_FD: u32 = 15;
pub const BPF_MAP_LOOKUP_BATCH: u32 = 24;
pub const BPF_MAP_UPDATE_BATCH: u32 = 26;
pub const BPF_MAP_DELETE_BATCH: u32 = 27;

/// `file_flags` / `open_flags` for read-only handles.
pub const BPF_F_RDONLY: u32 = 1 << 3;
pub const BPF_F_NO_PREALLOC: u32 = 1;

/// Kernel's ENOTSUPP (not in libc): returned by old kernels for unsupported batch ops.
pub const ENOTSUPP: i32 = 524;

#[repr(C)]
#[derive(Default)]
struct MapCreateAttr {
    map_type: u32,
    key_size: u32,
    value_size: u32,
    max_entries: u32,
    map_flags: u32,
    inner_map_fd: u32,
    numa_node: u32,
    map_name: [u8; 16],
    map_ifindex: u32,
    btf_fd: u32,
    btf_key_type_id: u32,
    btf_value_type_id: u32,
    btf_vmlinux_value_type_id: u32,
    map_extra: u64,
}

#[repr(C)]
#[derive(Default)]
struct ElemAttr {
    map_fd: u32,
    _pad: u32,
    key: u64,
    value: u64,
    flags: u64,
}

#[repr(C)]
#[derive(Default)]
struct BatchAttr {
    in_batch: u64,
    out_batch: u64,
    keys: u64,
    values: u64,
    count: u32,
    map_fd: u32,
    elem_flags: u64,
    flags: u64,
}

#[repr(C)]
#[derive(Default)]
struct ObjAttr {
    pathname: u64,
    bpf_fd: u32,
    file_flags: u32,
    path_fd: i32,
    /// Explicit so the tail is zeroed: the kernel rejects non-zero bytes after `path_fd`.
    _pad: u32,
}

#[repr(C)]
#[derive(Default)]
struct InfoAttr {
    bpf_fd: u32,
    info_len: u32,
    info: u64,
}

#[repr(C)]
#[derive(Default)]
struct GetIdAttr {
    id: u32,
    next_id: u32,
    open_flags: u32,
}

#[repr(C)]
#[derive(Default)]
struct ProgQueryAttr {
    target_fd: u32,
    attach_type: u32,
    query_flags: u32,
    attach_flags: u32,
    prog_ids: u64,
    prog_cnt: u32,
    _pad: u32,
    prog_attach_flags: u64,
    link_ids: u64,
    link_attach_flags: u64,
    revision: u64,
}

/// `struct bpf_map_info` (prefix up to `map_extra`).
#[repr(C)]
#[derive(Default, Clone, Copy, Debug)]
pub struct RawMapInfo {
    pub map_type: u32,
    pub id: u32,
    pub key_size: u32,
    pub value_size: u32,
    pub max_entries: u32,
    pub map_flags: u32,
    pub name: [u8; 16],
    pub ifindex: u32,
    pub btf_vmlinux_value_type_id: u32,
    pub netns_dev: u64,
    pub netns_ino: u64,
    pub btf_id: u32,
    pub btf_key_type_id: u32,
    pub btf_value_type_id: u32,
    pub _pad: u32,
    pub map_extra: u64,
}

/// `struct bpf_prog_info` prefix: enough for type, id and name.
#[repr(C)]
#[derive(Default, Clone, Copy, Debug)]
pub struct RawProgInfo {
    pub prog_type: u32,
    pub id: u32,
    pub tag: [u8; 8],
    pub jited_prog_len: u32,
    pub xlated_prog_len: u32,
    pub jited_prog_insns: u64,
    pub xlated_prog_insns: u64,
    pub load_time: u64,
    pub created_by_uid: u32,
    pub nr_map_ids: u32,
    pub map_ids: u64,
    pub name: [u8; 16],
}

/// # Safety
/// `attr` must be the attribute struct of `cmd`, and every pointer in it must point at memory
/// valid for what the kernel reads or writes for that command.
unsafe fn bpf<T>(cmd: u32, attr: &mut T) -> io::Result<i64> {
    let r = libc::syscall(
        libc::SYS_bpf,
        cmd as libc::c_long,
        attr as *mut T as *mut libc::c_void,
        size_of::<T>() as libc::c_uint,
    );
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r as i64)
    }
}

fn fd_from(r: i64) -> OwnedFd {
    // SAFETY: the kernel returned a fresh file descriptor that nobody else owns.
    unsafe { OwnedFd::from_raw_fd(r as RawFd) }
}

fn cpath(path: &std::path::Path) -> io::Result<CString> {
    use std::os::unix::ffi::OsStrExt;
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path contains a NUL byte"))
}

/// `BPF_OBJ_GET`: open a pinned object, read-only when `file_flags` is `BPF_F_RDONLY`.
pub fn obj_get(path: &std::path::Path, file_flags: u32) -> io::Result<OwnedFd> {
    let p = cpath(path)?;
    let mut a = ObjAttr {
        pathname: p.as_ptr() as u64,
        file_flags,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_OBJ_GET, &mut a) }.map(fd_from)
}

/// `BPF_OBJ_PIN`: pin `fd` at `path` on a bpffs.
pub fn obj_pin(fd: &impl AsRawFd, path: &std::path::Path) -> io::Result<()> {
    let p = cpath(path)?;
    let mut a = ObjAttr {
        pathname: p.as_ptr() as u64,
        bpf_fd: fd.as_raw_fd() as u32,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_OBJ_PIN, &mut a) }.map(|_| ())
}

/// `BPF_MAP_CREATE`.
pub fn map_create(
    map_type: u32,
    name: &str,
    key_size: u32,
    value_size: u32,
    max_entries: u32,
    map_flags: u32,
    inner_map_fd: Option<RawFd>,
) -> io::Result<OwnedFd> {
    let mut a = MapCreateAttr {
        map_type,
        key_size,
        value_size,
        max_entries,
        map_flags,
        inner_map_fd: inner_map_fd.unwrap_or(0) as u32,
        ..Default::default()
    };
    for (d, s) in a.map_name.iter_mut().zip(name.bytes().take(15)) {
        *d = s;
    }
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_MAP_CREATE, &mut a) }.map(fd_from)
}

/// `BPF_OBJ_GET_INFO_BY_FD` for a map.
pub fn map_info(fd: &impl AsRawFd) -> io::Result<RawMapInfo> {
    let mut info = RawMapInfo::default();
    let mut a = InfoAttr {
        bpf_fd: fd.as_raw_fd() as u32,
        info_len: size_of::<RawMapInfo>() as u32,
        info: &mut info as *mut RawMapInfo as u64,
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_OBJ_GET_INFO_BY_FD, &mut a) }?;
    Ok(info)
}

/// `BPF_OBJ_GET_INFO_BY_FD` for a program.
pub fn prog_info(fd: &impl AsRawFd) -> io::Result<RawProgInfo> {
    let mut info = RawProgInfo::default();
    let mut a = InfoAttr {
        bpf_fd: fd.as_raw_fd() as u32,
        info_len: size_of::<RawProgInfo>() as u32,
        info: &mut info as *mut RawProgInfo as u64,
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_OBJ_GET_INFO_BY_FD, &mut a) }?;
    Ok(info)
}

/// `BPF_MAP_GET_FD_BY_ID` (used for map-in-map inner maps).
pub fn map_fd_by_id(id: u32, open_flags: u32) -> io::Result<OwnedFd> {
    let mut a = GetIdAttr {
        id,
        next_id: 0,
        open_flags,
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_MAP_GET_FD_BY_ID, &mut a) }.map(fd_from)
}

/// `BPF_PROG_GET_FD_BY_ID`.
pub fn prog_fd_by_id(id: u32) -> io::Result<OwnedFd> {
    let mut a = GetIdAttr {
        id,
        next_id: 0,
        open_flags: 0,
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_PROG_GET_FD_BY_ID, &mut a) }.map(fd_from)
}

/// `BPF_PROG_QUERY`: ids of the programs attached to `target_fd` (a cgroup or, with tcx, an ifindex).
pub fn prog_query(target: u32, attach_type: u32, ids: &mut [u32]) -> io::Result<usize> {
    let mut a = ProgQueryAttr {
        target_fd: target,
        attach_type,
        prog_ids: ids.as_mut_ptr() as u64,
        prog_cnt: ids.len() as u32,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_PROG_QUERY, &mut a) }?;
    Ok(a.prog_cnt as usize)
}

/// `BPF_MAP_LOOKUP_ELEM` into `value`.
/// # Safety
/// `key.len()` must be at least the map's `key_size` and `value.len()` at least its value size
/// (per-CPU maps: one 8-byte-rounded slot per possible CPU): the kernel takes both from the map.
pub(super) unsafe fn lookup_elem(fd: &impl AsRawFd, key: &[u8], value: &mut [u8]) -> io::Result<()> {
    let mut a = ElemAttr {
        map_fd: fd.as_raw_fd() as u32,
        key: key.as_ptr() as u64,
        value: value.as_mut_ptr() as u64,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_MAP_LOOKUP_ELEM, &mut a) }.map(|_| ())
}

/// `BPF_MAP_UPDATE_ELEM` with `BPF_ANY`.
/// # Safety
/// `key.len()` must be at least the map's `key_size` and `value.len()` at least its value size
/// (per-CPU maps: one 8-byte-rounded slot per possible CPU).
pub(super) unsafe fn update_elem(fd: &impl AsRawFd, key: &[u8], value: &[u8]) -> io::Result<()> {
    let mut a = ElemAttr {
        map_fd: fd.as_raw_fd() as u32,
        key: key.as_ptr() as u64,
        value: value.as_ptr() as u64,
        flags: 0,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_MAP_UPDATE_ELEM, &mut a) }.map(|_| ())
}

/// `BPF_MAP_DELETE_ELEM`.
/// # Safety
/// `key.len()` must be at least the map's `key_size`.
pub(super) unsafe fn delete_elem(fd: &impl AsRawFd, key: &[u8]) -> io::Result<()> {
    let mut a = ElemAttr {
        map_fd: fd.as_raw_fd() as u32,
        key: key.as_ptr() as u64,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_MAP_DELETE_ELEM, &mut a) }.map(|_| ())
}

/// `BPF_MAP_GET_NEXT_KEY`; `key = None` asks for the first key.
/// # Safety
/// `key` (when given) and `next` must each be at least the map's `key_size` long.
pub(super) unsafe fn get_next_key(fd: &impl AsRawFd, key: Option<&[u8]>, next: &mut [u8]) -> io::Result<()> {
    let mut a = ElemAttr {
        map_fd: fd.as_raw_fd() as u32,
        key: key.map_or(0, |k| k.as_ptr() as u64),
        value: next.as_mut_ptr() as u64,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_MAP_GET_NEXT_KEY, &mut a) }.map(|_| ())
}

/// `BPF_MAP_LOOKUP_BATCH`. Returns the kernel's result and the number of entries it copied
/// (which is meaningful even when the call fails with ENOENT).
/// # Safety
/// `in_batch` and `out_batch` must be at least as long as the map's batch cursor (8 bytes for hash
/// maps, `key_size` for others); `keys` and `values` must hold `count` keys and values of the
/// map's sizes (per-CPU values: one 8-byte-rounded slot per possible CPU).
pub(super) unsafe fn lookup_batch(
    fd: &impl AsRawFd,
    in_batch: Option<&[u8]>,
    out_batch: &mut [u8],
    keys: &mut [u8],
    values: &mut [u8],
    count: u32,
) -> (io::Result<()>, u32) {
    let mut a = BatchAttr {
        in_batch: in_batch.map_or(0, |b| b.as_ptr() as u64),
        out_batch: out_batch.as_mut_ptr() as u64,
        keys: keys.as_mut_ptr() as u64,
        values: values.as_mut_ptr() as u64,
        count,
        map_fd: fd.as_raw_fd() as u32,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    let r = unsafe { bpf(BPF_MAP_LOOKUP_BATCH, &mut a) }.map(|_| ());
    (r, a.count)
}

/// `BPF_MAP_UPDATE_BATCH`; returns how many entries were written.
/// # Safety
/// `keys` and `values` must hold `count` keys and values of the map's sizes.
pub(super) unsafe fn update_batch(fd: &impl AsRawFd, keys: &[u8], values: &[u8], count: u32) -> (io::Result<()>, u32) {
    let mut a = BatchAttr {
        keys: keys.as_ptr() as u64,
        values: values.as_ptr() as u64,
        count,
        map_fd: fd.as_raw_fd() as u32,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    let r = unsafe { bpf(BPF_MAP_UPDATE_BATCH, &mut a) }.map(|_| ());
    (r, a.count)
}

#[repr(C)]
#[derive(Default)]
struct ProgLoadAttr {
    prog_type: u32,
    insn_cnt: u32,
    insns: u64,
    license: u64,
    log_level: u32,
    log_size: u32,
    log_buf: u64,
    kern_version: u32,
    prog_flags: u32,
    prog_name: [u8; 16],
    prog_ifindex: u32,
    expected_attach_type: u32,
}

#[repr(C)]
#[derive(Default)]
struct ProgAttachAttr {
    target_fd: u32,
    attach_bpf_fd: u32,
    attach_type: u32,
    attach_flags: u32,
    replace_bpf_fd: u32,
    relative_fd: u32,
    expected_revision: u64,
}

/// `BPF_PROG_LOAD` of raw instructions (8 bytes each). Lab only: stand-in datapath programs.
pub fn prog_load(prog_type: u32, expected_attach_type: u32, name: &str, insns: &[u8]) -> io::Result<OwnedFd> {
    let license = c"GPL";
    let mut a = ProgLoadAttr {
        prog_type,
        insn_cnt: (insns.len() / 8) as u32,
        insns: insns.as_ptr() as u64,
        license: license.as_ptr() as u64,
        expected_attach_type,
        ..Default::default()
    };
    for (d, s) in a.prog_name.iter_mut().zip(name.bytes().take(15)) {
        *d = s;
    }
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_PROG_LOAD, &mut a) }.map(fd_from)
}

/// `BPF_PROG_ATTACH` of `prog` to a cgroup fd or (tcx) an ifindex. Lab only.
pub fn prog_attach(target: u32, prog: &impl AsRawFd, attach_type: u32, flags: u32) -> io::Result<()> {
    let mut a = ProgAttachAttr {
        target_fd: target,
        attach_bpf_fd: prog.as_raw_fd() as u32,
        attach_type,
        attach_flags: flags,
        ..Default::default()
    };
    // SAFETY: `a` is the attribute struct of this command; its pointers cover buffers of the sizes it names.
    unsafe { bpf(BPF_PROG_ATTACH, &mut a) }.map(|_| ())
}
