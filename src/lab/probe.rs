//! Two filesystem probes that product code still borrows from the lab (`lab::is_bpffs`,
//! `lab::hooks::cgroup2_mount`). Without the `lab` feature this file is all of `crate::lab`, so
//! that a build without the lab compiles until the product has its own probes; then it goes.

use std::path::Path;

/// True when `dir` is itself a bpffs mount (statfs magic 0xcafe4a11).
pub fn is_bpffs(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: statfs fills the zeroed struct; c is a valid C string.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return false;
    }
    st.f_type as u64 == 0xcafe_4a11
}

pub mod hooks {
    use std::path::PathBuf;

    /// Where cgroup2 is mounted (`/sys/fs/cgroup` or `/sys/fs/cgroup/unified`).
    pub fn cgroup2_mount() -> Option<PathBuf> {
        let mi = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
        mi.lines().find_map(|l| {
            let (pre, post) = l.split_once(" - ")?;
            if post.split_whitespace().next()? != "cgroup2" {
                return None;
            }
            pre.split_whitespace().nth(4).map(PathBuf::from)
        })
    }
}
