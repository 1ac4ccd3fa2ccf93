//! Filesystems the BPF layer depends on: is a path on a bpffs (statfs magic), what
//! `/proc/self/mountinfo` says (proc(5)), and where cgroup2 is mounted. The product and the lab
//! both use these; nothing here knows Cilium.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// `BPF_FS_MAGIC` (include/uapi/linux/magic.h).
pub const BPF_FS_MAGIC: u32 = 0xcafe_4a11;

/// The filesystem magic (`statfs(2)` `f_type`) of the filesystem holding `path`.
pub fn fs_magic(path: &Path) -> io::Result<u32> {
    let st = rustix::fs::statfs(path)?;
    // Magics are 32-bit; f_type is a signed long on some architectures.
    Ok(st.f_type as u32)
}

/// True when `path` is on a bpf filesystem (a bpffs mount or a directory inside one).
pub fn is_bpffs(path: &Path) -> bool {
    fs_magic(path).is_ok_and(|m| m == BPF_FS_MAGIC)
}

/// A readable name for a filesystem magic, for error messages ("tmpfs", "sysfs", …).
pub fn fs_name(magic: u32) -> String {
    let name = match magic {
        BPF_FS_MAGIC => "bpffs",
        0x0102_1994 => "tmpfs",
        0xef53 => "ext2/3/4",
        0x5846_5342 => "xfs",
        0x9123_683e => "btrfs",
        0x794c_7630 => "overlayfs",
        0x6265_6572 => "sysfs",
        0x9fa0 => "procfs",
        0x6367_7270 => "cgroup2",
        0x0027_e0eb => "cgroup",
        0x1373 => "devfs",
        0x0102_1997 => "9p",
        0x6969 => "nfs",
        0x6573_5546 => "fuse",
        _ => return format!("a filesystem with magic {magic:#x}"),
    };
    name.to_string()
}

/// One line of `/proc/PID/mountinfo` (Go `mountinfo.MountInfo`, JSON names as cilium-dbg
/// prints them).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct MountInfo {
    #[serde(rename = "MountID")]
    pub mount_id: i64,
    #[serde(rename = "ParentID")]
    pub parent_id: i64,
    pub st_dev: String,
    pub root: String,
    pub mount_point: String,
    pub mount_options: String,
    pub optional_fields: Vec<String>,
    pub filesystem_type: String,
    pub mount_source: String,
    pub super_options: String,
}

/// Parse one `/proc/PID/mountinfo` line (proc(5)); octal escapes are decoded.
pub fn parse_line(line: &str) -> Option<MountInfo> {
    let (left, right) = line.split_once(" - ")?;
    let f: Vec<&str> = left.split(' ').collect();
    let r: Vec<&str> = right.split(' ').collect();
    if f.len() < 6 || r.len() < 3 {
        return None;
    }
    Some(MountInfo {
        mount_id: f[0].parse().ok()?,
        parent_id: f[1].parse().ok()?,
        st_dev: f[2].into(),
        root: unescape(f[3]),
        mount_point: unescape(f[4]),
        mount_options: f[5].into(),
        optional_fields: f[6..].iter().filter(|s| !s.is_empty()).map(|s| s.to_string()).collect(),
        filesystem_type: r[0].into(),
        mount_source: unescape(r[1]),
        super_options: r[2].into(),
    })
}

/// Every mount in a mountinfo text, in order.
pub fn parse(mountinfo: &str) -> Vec<MountInfo> {
    mountinfo.lines().filter_map(parse_line).collect()
}

/// This process's mounts (`/proc/self/mountinfo`).
pub fn mounts() -> io::Result<Vec<MountInfo>> {
    Ok(parse(&std::fs::read_to_string("/proc/self/mountinfo")?))
}

fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c)) {
            let v = (b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0');
            out.push(v);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The mount of type `fstype` holding `path` (an absolute, canonical path): the one with the
/// longest mount point that is `path` or one of its parents; the last such mount wins (it hides
/// the earlier ones).
pub fn mount_of<'m>(mounts: &'m [MountInfo], fstype: &str, path: &Path) -> Option<&'m MountInfo> {
    let mut best: Option<&MountInfo> = None;
    for m in mounts.iter().filter(|m| m.filesystem_type == fstype) {
        if !path.starts_with(&m.mount_point) {
            continue;
        }
        if best.is_none_or(|b| m.mount_point.len() >= b.mount_point.len()) {
            best = Some(m);
        }
    }
    best
}

/// Where cgroup2 is mounted (`/sys/fs/cgroup` or `/sys/fs/cgroup/unified`), from mountinfo.
pub fn cgroup2_mount() -> Option<PathBuf> {
    cgroup2_in(&mounts().ok()?)
}

fn cgroup2_in(mounts: &[MountInfo]) -> Option<PathBuf> {
    mounts
        .iter()
        .find(|m| m.filesystem_type == "cgroup2")
        .map(|m| PathBuf::from(&m.mount_point))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "25 30 0:23 / /sys/fs/bpf rw,nosuid,nodev,noexec,relatime shared:9 - bpf bpf rw,mode=700\n\
        31 24 0:27 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n\
        99 25 0:51 / /tmp/lab\\040x/bpffs rw,relatime - bpf bpf rw\n\
        100 25 0:52 / /tmp/lab\\040x/bpffs rw,relatime - bpf bpf rw,mode=755\n";

    #[test]
    fn parse_fields_and_escapes() {
        let m = parse(SAMPLE);
        assert_eq!(m.len(), 4);
        assert_eq!(m[0].mount_id, 25);
        assert_eq!(m[0].optional_fields, vec!["shared:9"]);
        assert_eq!(m[0].super_options, "rw,mode=700");
        assert_eq!(m[2].mount_point, "/tmp/lab x/bpffs");
        assert!(m[2].optional_fields.is_empty());
        assert!(parse_line("garbage").is_none());
    }

    #[test]
    fn mount_of_picks_the_covering_mount() {
        let m = parse(SAMPLE);
        let at = |p: &str| mount_of(&m, "bpf", Path::new(p)).map(|m| m.mount_id);
        assert_eq!(at("/sys/fs/bpf"), Some(25));
        assert_eq!(at("/sys/fs/bpf/tc/globals"), Some(25));
        // Stacked mounts: the later one hides the earlier.
        assert_eq!(at("/tmp/lab x/bpffs"), Some(100));
        // No fallback to some other bpffs.
        assert_eq!(at("/nope"), None);
        assert_eq!(at("/sys/fs/bpfx"), None);
        assert_eq!(cgroup2_in(&m), Some(PathBuf::from("/sys/fs/cgroup")));
    }

    #[test]
    fn magic_of_a_plain_directory() {
        let d = tempfile::tempdir().unwrap();
        let m = fs_magic(d.path()).unwrap();
        assert_ne!(m, BPF_FS_MAGIC);
        assert!(!is_bpffs(d.path()));
        assert!(!is_bpffs(Path::new("/nonexistent/bpffs")));
        assert_eq!(
            fs_magic(Path::new("/nonexistent/bpffs")).unwrap_err().raw_os_error(),
            Some(libc::ENOENT)
        );
        assert_eq!(fs_name(0x0102_1994), "tmpfs");
        assert_eq!(fs_name(0x1234), "a filesystem with magic 0x1234");
    }
}
