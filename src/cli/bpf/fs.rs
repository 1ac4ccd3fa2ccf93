//! `bpf fs show`: the bpffs mount holding Cilium's pins, from `/proc/self/mountinfo`.

use std::io::Write;
use std::path::Path;

use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::Ctx;
use crate::output::{table, OutputArgs};

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Show bpf filesystem mount details
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Go `mountinfo.MountInfo` (JSON names as cilium-dbg prints them).
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

/// The bpf mount at `root` if there is one, else the first bpf mount (as cilium-dbg picks).
pub fn find(mountinfo: &str, root: &Path) -> Option<MountInfo> {
    let mounts: Vec<MountInfo> = mountinfo
        .lines()
        .filter_map(parse_line)
        .filter(|m| m.filesystem_type == "bpf")
        .collect();
    let want = root.to_string_lossy();
    mounts
        .iter()
        .rev()
        .find(|m| m.mount_point == want.trim_end_matches('/'))
        .or_else(|| mounts.first())
        .cloned()
}

pub fn run(ctx: &Ctx, cmd: Cmd, out: &mut dyn Write) -> Result<()> {
    let Cmd::Show(a) = cmd;
    let text = std::fs::read_to_string("/proc/self/mountinfo")
        .context("Unable to find the mount: reading /proc/self/mountinfo")?;
    let root = std::fs::canonicalize(&ctx.bpf.0).unwrap_or_else(|_| ctx.bpf.0.clone());
    let m = find(&text, &root).ok_or_else(|| {
        anyhow!("No BPF filesystems are mounted: Cilium needs one at /sys/fs/bpf (mount -t bpf bpf /sys/fs/bpf)")
    })?;
    let format = &a.output.output;
    if !format.is_table() {
        return super::maps::emit(out, format, &m, std::iter::once(&m));
    }
    let mut tw = table::tabwriter(&mut *out, 2, 3);
    writeln!(tw, "MountID:\t{}", m.mount_id)?;
    writeln!(tw, "ParentID:\t{}", m.parent_id)?;
    writeln!(tw, "Mounted State:\ttrue")?;
    writeln!(tw, "MountPoint:\t{}", m.mount_point)?;
    writeln!(tw, "MountOptions:\t{}", m.mount_options)?;
    writeln!(tw, "OptionFields:\t[{}]", m.optional_fields.join(" "))?;
    writeln!(tw, "FilesystemType:\t{}", m.filesystem_type)?;
    writeln!(tw, "MountSource:\t{}", m.mount_source)?;
    writeln!(tw, "SuperOptions:\t{}", m.super_options)?;
    tw.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "25 30 0:23 / /sys/fs/bpf rw,nosuid,nodev,noexec,relatime shared:9 - bpf bpf rw,mode=700\n\
        99 25 0:51 / /tmp/lab\\040x/bpffs rw,relatime - bpf bpf rw\n";

    #[test]
    fn parse_and_pick() {
        let m = find(SAMPLE, Path::new("/sys/fs/bpf")).unwrap();
        assert_eq!(m.mount_id, 25);
        assert_eq!(m.optional_fields, vec!["shared:9"]);
        assert_eq!(m.super_options, "rw,mode=700");
        let lab = find(SAMPLE, Path::new("/tmp/lab x/bpffs")).unwrap();
        assert_eq!(lab.mount_id, 99);
        assert!(lab.optional_fields.is_empty());
        assert_eq!(find(SAMPLE, Path::new("/nope")).unwrap().mount_id, 25);
        assert!(find("1 2 0:1 / / rw - ext4 /dev/sda rw\n", Path::new("/")).is_none());
    }
}
