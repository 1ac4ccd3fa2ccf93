//! Lab: the node's attached datapath programs. A private network namespace with dummy devices
//! eth0/eth1 carrying tcx programs named like Cilium's, and a private cgroup carrying the
//! socket-LB hooks, so that `kpr check` queries a real kernel. The programs only pass traffic and
//! touch nothing outside the lab's namespace and cgroup.

use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::marker::Marker;
use super::{node, Lab};
use crate::bpf::sys;
use crate::checks::hooks::{attach, SOCKET_LB_HOOKS};

const SCHED_CLS: u32 = 3;
const CGROUP_SOCK: u32 = 9;
const CGROUP_SOCK_ADDR: u32 = 18;

/// `r0 = imm; exit`.
fn ret(imm: i32) -> Vec<u8> {
    let mut v = vec![0xb7, 0, 0, 0];
    v.extend_from_slice(&imm.to_le_bytes());
    v.extend_from_slice(&[0x95, 0, 0, 0, 0, 0, 0, 0]);
    v
}

impl Lab {
    /// The lab's network namespace (a bind-mounted nsfs file).
    pub fn netns(&self) -> PathBuf {
        self.dir.join("netns")
    }

    /// The lab's cgroup, recorded at `lab up`.
    pub fn cgroup(&self) -> Option<PathBuf> {
        std::fs::read_to_string(self.dir.join("cgroup"))
            .ok()
            .map(|s| PathBuf::from(s.trim()))
    }
}

/// Build the namespace, devices, cgroup and programs.
pub fn setup(lab: &Lab) -> Result<()> {
    let netns = lab.netns();
    std::fs::write(&netns, b"")?;
    let devices: Vec<&node::Device> = node::DEVICES.iter().collect();
    let ns = netns.clone();
    let dir = lab.dir.clone();
    // unshare/setns affect only the calling thread: do the namespace work on a thread of its own.
    std::thread::spawn(move || -> Result<()> {
        // SAFETY: unshare on this thread only.
        if unsafe { libc::unshare(libc::CLONE_NEWNET) } != 0 {
            bail!("unshare(CLONE_NEWNET): {}", std::io::Error::last_os_error());
        }
        bind_mount(Path::new("/proc/thread-self/ns/net"), &ns)?;
        Marker::update(&dir, |m| m.netns_mounted = true)?;
        for d in devices {
            add_dummy(d.name)?;
            let c = std::ffi::CString::new(d.name)?;
            // SAFETY: valid C string.
            let ifindex = unsafe { libc::if_nametoindex(c.as_ptr()) };
            for (t, name) in [
                (attach::TCX_INGRESS, "cil_from_netdev"),
                (attach::TCX_EGRESS, "cil_to_netdev"),
            ] {
                let p = sys::prog_load(SCHED_CLS, t, name, &ret(0)).context("loading a stand-in tc program")?;
                sys::prog_attach(ifindex, &p, t, 0)
                    .with_context(|| format!("attaching {name} to {} (tcx needs Linux 6.6+)", d.name))?;
            }
        }
        Ok(())
    })
    .join()
    .map_err(|_| anyhow::anyhow!("network namespace thread panicked"))??;

    let cg2 = cgroup2_mount().context("no cgroup2 mount found")?;
    // One cgroup per lab; a multi-node lab builds several in one process.
    static LABS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let cg = match LABS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) {
        0 => cg2.join(format!("cdbg-lab-{}", std::process::id())),
        n => cg2.join(format!("cdbg-lab-{}-{n}", std::process::id())),
    };
    // create_dir, not create_dir_all: a cgroup that exists already is not the lab's to take.
    std::fs::create_dir(&cg).with_context(|| format!("creating the lab cgroup {}", cg.display()))?;
    Marker::update(&lab.dir, |m| m.cgroup = Some(cg.clone()))?;
    std::fs::write(lab.dir.join("cgroup"), cg.display().to_string())?;
    let f = std::fs::File::open(&cg)?;
    for (t, hook) in SOCKET_LB_HOOKS {
        // Cilium's program names (the kernel keeps the first 15 bytes).
        let name = match hook.strip_suffix('4').or_else(|| hook.strip_suffix('6')) {
            Some(base) => format!("cil_sock{}_{base}", &hook[hook.len() - 1..]),
            None => format!("cil_{hook}"),
        };
        let ptype = match *t {
            attach::CGROUP_INET4_POST_BIND | attach::CGROUP_INET6_POST_BIND | attach::CGROUP_INET_SOCK_RELEASE => {
                CGROUP_SOCK
            }
            _ => CGROUP_SOCK_ADDR,
        };
        let p = sys::prog_load(ptype, *t, &name, &ret(1)).with_context(|| format!("loading {name}"))?;
        sys::prog_attach(f.as_raw_fd() as u32, &p, *t, 0)
            .with_context(|| format!("attaching {name} to {}", cg.display()))?;
    }
    Ok(())
}

/// Undo [`setup`]: only the namespace mount and the cgroup the marker records. Failures are
/// added to `failed`.
pub fn teardown(lab: &Lab, m: &Marker, failed: &mut Vec<String>) {
    if m.netns_mounted {
        let ns = lab.netns();
        if let Ok(c) = std::ffi::CString::new(ns.as_os_str().as_encoded_bytes()) {
            // SAFETY: valid C string.
            if unsafe { libc::umount2(c.as_ptr(), libc::MNT_DETACH) } != 0 {
                let e = std::io::Error::last_os_error();
                // EINVAL: not a mount point (any more), nothing to undo.
                if e.raw_os_error() != Some(libc::EINVAL) {
                    failed.push(format!(
                        "cannot unmount the lab network namespace {}: {e}",
                        ns.display()
                    ));
                }
            }
        }
    }
    if let Some(cg) = &m.cgroup {
        match std::fs::remove_dir(cg) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => failed.push(format!(
                "cannot remove the lab cgroup {}: {e} (move its processes out, then run lab down again)",
                cg.display()
            )),
            _ => {}
        }
    }
}

fn bind_mount(src: &Path, dst: &Path) -> Result<()> {
    let s = std::ffi::CString::new(src.as_os_str().as_encoded_bytes())?;
    let d = std::ffi::CString::new(dst.as_os_str().as_encoded_bytes())?;
    // SAFETY: valid C strings.
    if unsafe {
        libc::mount(
            s.as_ptr(),
            d.as_ptr(),
            std::ptr::null(),
            libc::MS_BIND,
            std::ptr::null(),
        )
    } != 0
    {
        bail!(
            "bind-mounting the lab netns at {}: {}",
            dst.display(),
            std::io::Error::last_os_error()
        );
    }
    Ok(())
}

pub use crate::bpf::fs::cgroup2_mount;

/// `ip link add NAME type veth peer name NAME-peer`, over rtnetlink (veth, because not every
/// kernel has the dummy driver).
fn add_dummy(name: &str) -> Result<()> {
    const RTM_NEWLINK: u16 = 16;
    const IFLA_IFNAME: u16 = 3;
    const IFLA_LINKINFO: u16 = 18;
    const IFLA_INFO_KIND: u16 = 1;
    const IFLA_INFO_DATA: u16 = 2;
    const VETH_INFO_PEER: u16 = 1;
    fn attr(t: u16, p: &[u8]) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&((4 + p.len()) as u16).to_ne_bytes());
        v.extend_from_slice(&t.to_ne_bytes());
        v.extend_from_slice(p);
        while v.len() % 4 != 0 {
            v.push(0);
        }
        v
    }
    let mut ifi = [0u8; 16];
    ifi[8..12].copy_from_slice(&(libc::IFF_UP as u32).to_ne_bytes());
    ifi[12..16].copy_from_slice(&(libc::IFF_UP as u32).to_ne_bytes());
    let mut body = ifi.to_vec();
    let mut n = name.as_bytes().to_vec();
    n.push(0);
    body.extend(attr(IFLA_IFNAME, &n));
    let mut peer = [0u8; 16].to_vec();
    let mut pn = format!("{name}-peer").into_bytes();
    pn.push(0);
    peer.extend(attr(IFLA_IFNAME, &pn));
    let mut info = attr(IFLA_INFO_KIND, b"veth");
    info.extend(attr(IFLA_INFO_DATA, &attr(VETH_INFO_PEER, &peer)));
    body.extend(attr(IFLA_LINKINFO, &info));
    let flags = 0x1 | 0x4 | 0x400 | 0x200; // REQUEST | ACK | CREATE | EXCL
                                           // SAFETY: plain netlink socket use with our buffers.
    unsafe {
        let fd = libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_RAW | libc::SOCK_CLOEXEC,
            libc::NETLINK_ROUTE,
        );
        if fd < 0 {
            bail!("netlink socket: {}", std::io::Error::last_os_error());
        }
        let len = 16 + body.len();
        let mut msg = Vec::new();
        msg.extend_from_slice(&(len as u32).to_ne_bytes());
        msg.extend_from_slice(&RTM_NEWLINK.to_ne_bytes());
        msg.extend_from_slice(&(flags as u16).to_ne_bytes());
        msg.extend_from_slice(&1u32.to_ne_bytes());
        msg.extend_from_slice(&0u32.to_ne_bytes());
        msg.extend_from_slice(&body);
        libc::send(fd, msg.as_ptr().cast(), msg.len(), 0);
        let mut buf = [0u8; 4096];
        let r = libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0);
        libc::close(fd);
        if r >= 20 && u16::from_ne_bytes([buf[4], buf[5]]) == 2 {
            let err = i32::from_ne_bytes(buf[16..20].try_into().unwrap());
            if err != 0 {
                bail!(
                    "creating veth device {name}: {}",
                    std::io::Error::from_raw_os_error(-err)
                );
            }
        }
    }
    Ok(())
}
