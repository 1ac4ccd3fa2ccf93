//! Errors of the BPF layer: which syscall failed, on what path, with which errno, and a remedy.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// A failed `bpf(2)` (or bpffs) operation.
#[derive(Debug)]
pub struct BpfError {
    /// The operation, e.g. `BPF_OBJ_GET`.
    pub op: &'static str,
    /// The pinned path or map name it was about, when known.
    pub path: Option<PathBuf>,
    pub source: io::Error,
}

impl BpfError {
    pub fn new(op: &'static str, path: Option<PathBuf>, source: io::Error) -> Self {
        BpfError { op, path, source }
    }

    /// A buffer of the wrong length was refused before the syscall.
    pub fn size_mismatch(op: &'static str, path: PathBuf, m: SizeMismatch) -> Self {
        BpfError::new(op, Some(path), io::Error::new(io::ErrorKind::InvalidInput, m))
    }

    pub fn errno(&self) -> Option<i32> {
        self.source.raw_os_error()
    }

    /// The length check that refused the call, if that is what failed.
    pub fn as_size_mismatch(&self) -> Option<&SizeMismatch> {
        self.source.get_ref()?.downcast_ref()
    }

    /// What the user can do about it.
    pub fn remedy(&self) -> &'static str {
        if self.as_size_mismatch().is_some() {
            return "cdbg's decoder for this map disagrees with the map's sizes; report it to the cdbg \
                    developers with the output of `bpftool map show pinned <path>`";
        }
        match self.errno() {
            Some(libc::ENOENT) if self.op == "BPF_OBJ_GET" => {
                "the map is not pinned there: the feature may be off on this node, or --bpf-root \
                 does not point at the host's bpffs (default /sys/fs/bpf)"
            }
            Some(libc::EPERM) | Some(libc::EACCES) => {
                "run as root, or with CAP_BPF (kernel >= 5.8) or CAP_SYS_ADMIN, and read access to the bpffs"
            }
            Some(libc::EINVAL) if self.op == "BPF_OBJ_GET" => {
                "the path is not on a bpf filesystem: point --bpf-root at a bpffs mount (mount -t bpf bpf DIR)"
            }
            Some(libc::ENOSYS) => "this kernel has no bpf(2) syscall (CONFIG_BPF_SYSCALL)",
            Some(libc::ENOMEM) => "the kernel could not allocate memory for the map (memcg or RLIMIT_MEMLOCK)",
            _ => "",
        }
    }
}

impl fmt::Display for BpfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.source.raw_os_error() {
            Some(libc::ENOENT) if self.op == "BPF_OBJ_GET" => "no such file or directory".to_string(),
            Some(libc::EPERM) | Some(libc::EACCES) => "permission denied".to_string(),
            _ => self.source.to_string(),
        };
        match &self.path {
            Some(p) => write!(f, "{} {}: {}", self.op, p.display(), what)?,
            None => write!(f, "{}: {}", self.op, what)?,
        }
        let remedy = self.remedy();
        if !remedy.is_empty() {
            write!(f, " ({remedy})")?;
        }
        Ok(())
    }
}

impl std::error::Error for BpfError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// A key or value buffer whose length is not the map's: refused before the kernel sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeMismatch {
    /// Which buffer: `key`, `value`, `keys`, `values`, `in_batch`, `out_batch`.
    pub what: &'static str,
    pub len: usize,
    /// The length the map's key or value size calls for.
    pub expected: usize,
}

impl fmt::Display for SizeMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} buffer is {} B but the map needs {} B",
            self.what, self.len, self.expected
        )
    }
}

impl std::error::Error for SizeMismatch {}
