//! Which BPF programs are attached where, as `bpftool net` and `bpftool cgroup tree` would show:
//! tc (clsact cls_bpf filters, via rtnetlink), tcx (BPF_PROG_QUERY), XDP (rtnetlink IFLA_XDP) on a
//! device, and sock_addr/sock programs on a cgroup.

use std::io;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::path::Path;

use serde::Serialize;

use crate::bpf::sys;

/// `enum bpf_attach_type` values used here.
pub mod attach {
    pub const CGROUP_INET4_POST_BIND: u32 = 12;
    pub const CGROUP_INET6_POST_BIND: u32 = 13;
    pub const CGROUP_INET4_CONNECT: u32 = 10;
    pub const CGROUP_INET6_CONNECT: u32 = 11;
    pub const CGROUP_UDP4_SENDMSG: u32 = 14;
    pub const CGROUP_UDP6_SENDMSG: u32 = 15;
    pub const CGROUP_UDP4_RECVMSG: u32 = 19;
    pub const CGROUP_UDP6_RECVMSG: u32 = 20;
    pub const CGROUP_INET4_GETPEERNAME: u32 = 29;
    pub const CGROUP_INET6_GETPEERNAME: u32 = 30;
    pub const CGROUP_INET_SOCK_RELEASE: u32 = 34;
    pub const TCX_INGRESS: u32 = 46;
    pub const TCX_EGRESS: u32 = 47;
}

/// The socket-LB hooks Cilium attaches to the root cgroup: (attach type, name as bpftool prints it).
pub const SOCKET_LB_HOOKS: &[(u32, &str)] = &[
    (attach::CGROUP_INET4_CONNECT, "connect4"),
    (attach::CGROUP_INET6_CONNECT, "connect6"),
    (attach::CGROUP_UDP4_SENDMSG, "sendmsg4"),
    (attach::CGROUP_UDP6_SENDMSG, "sendmsg6"),
    (attach::CGROUP_UDP4_RECVMSG, "recvmsg4"),
    (attach::CGROUP_UDP6_RECVMSG, "recvmsg6"),
    (attach::CGROUP_INET4_GETPEERNAME, "getpeername4"),
    (attach::CGROUP_INET6_GETPEERNAME, "getpeername6"),
    (attach::CGROUP_INET4_POST_BIND, "post_bind4"),
    (attach::CGROUP_INET6_POST_BIND, "post_bind6"),
    (attach::CGROUP_INET_SOCK_RELEASE, "sock_release"),
];

/// A program attached somewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attached {
    /// `tc ingress`, `tcx egress`, `xdp`, `connect4`, ...
    pub hook: String,
    pub prog_id: u32,
    pub name: String,
}

/// Programs attached to a network device.
#[derive(Debug, Clone, Serialize)]
pub struct DeviceHooks {
    pub device: String,
    pub ifindex: u32,
    pub programs: Vec<Attached>,
}

/// Name of a loaded program by id ("" when it vanished or cannot be read).
pub fn prog_name(id: u32) -> String {
    let Ok(fd) = sys::prog_fd_by_id(id) else {
        return String::new();
    };
    let Ok(info) = sys::prog_info(&fd) else {
        return String::new();
    };
    let end = info.name.iter().position(|&b| b == 0).unwrap_or(info.name.len());
    String::from_utf8_lossy(&info.name[..end]).into_owned()
}

fn query(target: u32, attach_type: u32) -> Vec<u32> {
    let mut ids = [0u32; 64];
    match sys::prog_query(target, attach_type, &mut ids) {
        Ok(n) => ids[..n.min(ids.len())].to_vec(),
        Err(_) => Vec::new(),
    }
}

/// Programs on `device` (tc, tcx, XDP). Errors when the device does not exist.
pub fn device_hooks(device: &str) -> io::Result<DeviceHooks> {
    // SIOCGIFINDEX on a netlink socket (any socket of this namespace answers it); no such
    // device is index 0.
    let ifindex = rustix::net::netdevice::name_to_index(&nl_socket()?, device).unwrap_or(0);
    if ifindex == 0 {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no device {device} in this network namespace"),
        ));
    }
    let mut programs = Vec::new();
    for (t, dir) in [(attach::TCX_INGRESS, "tcx ingress"), (attach::TCX_EGRESS, "tcx egress")] {
        for id in query(ifindex, t) {
            programs.push(Attached {
                hook: dir.into(),
                prog_id: id,
                name: prog_name(id),
            });
        }
    }
    for (parent, dir) in [(0xFFFF_FFF2u32, "tc ingress"), (0xFFFF_FFF3u32, "tc egress")] {
        for (id, name) in tc_filters(ifindex, parent)? {
            let name = if name.is_empty() { prog_name(id) } else { name };
            programs.push(Attached {
                hook: dir.into(),
                prog_id: id,
                name,
            });
        }
    }
    if let Some(id) = xdp_prog(ifindex)? {
        programs.push(Attached {
            hook: "xdp".into(),
            prog_id: id,
            name: prog_name(id),
        });
    }
    Ok(DeviceHooks {
        device: device.into(),
        ifindex,
        programs,
    })
}

/// Socket-LB programs attached to the cgroup at `dir`.
pub fn cgroup_hooks(dir: &Path) -> io::Result<Vec<Attached>> {
    let f = std::fs::File::open(dir)?;
    let mut out = Vec::new();
    for (t, hook) in SOCKET_LB_HOOKS {
        for id in query(f.as_raw_fd() as u32, *t) {
            out.push(Attached {
                hook: (*hook).into(),
                prog_id: id,
                name: prog_name(id),
            });
        }
    }
    Ok(out)
}

/// Switch this thread into the network namespace at `path` (e.g. /var/run/netns/NAME).
pub fn enter_netns(path: &Path) -> io::Result<()> {
    let f = std::fs::File::open(path)?;
    rustix::thread::move_into_link_name_space(f.as_fd(), Some(rustix::thread::LinkNameSpaceType::Network))?;
    Ok(())
}

// --- rtnetlink ---------------------------------------------------------------------------

const RTM_NEWLINK: u16 = 16;
const RTM_GETLINK: u16 = 18;
const RTM_NEWTFILTER: u16 = 44;
const RTM_GETTFILTER: u16 = 46;
const NLM_F_REQUEST: u16 = 1;
const NLM_F_DUMP: u16 = 0x300;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const IFLA_XDP: u16 = 43;
const IFLA_XDP_PROG_ID: u16 = 4;
const TCA_KIND: u16 = 1;
const TCA_OPTIONS: u16 = 2;
const TCA_BPF_NAME: u16 = 7;
const TCA_BPF_ID: u16 = 11;

fn nl_socket() -> io::Result<OwnedFd> {
    use rustix::net::{AddressFamily, SocketFlags, SocketType};
    // Protocol `None` is NETLINK_ROUTE.
    Ok(rustix::net::socket_with(
        AddressFamily::NETLINK,
        SocketType::RAW,
        SocketFlags::CLOEXEC,
        None,
    )?)
}

/// Send one request and collect the payloads of replies of type `want` (until DONE or a
/// non-dump reply). A netlink error reply returns its errno.
fn nl_request(kind: u16, flags: u16, body: &[u8], want: u16) -> io::Result<Vec<Vec<u8>>> {
    let sock = nl_socket()?;
    let len = 16 + body.len();
    let mut msg = Vec::with_capacity(len);
    msg.extend_from_slice(&(len as u32).to_ne_bytes());
    msg.extend_from_slice(&kind.to_ne_bytes());
    msg.extend_from_slice(&(NLM_F_REQUEST | flags).to_ne_bytes());
    msg.extend_from_slice(&1u32.to_ne_bytes());
    msg.extend_from_slice(&0u32.to_ne_bytes());
    msg.extend_from_slice(body);
    rustix::net::send(&sock, &msg, rustix::net::SendFlags::empty())?;
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let (n, _) = rustix::net::recv(&sock, &mut buf[..], rustix::net::RecvFlags::empty())?;
        let mut off = 0usize;
        while off + 16 <= n {
            let mlen = u32::from_ne_bytes(buf[off..off + 4].try_into().unwrap()) as usize;
            let mtype = u16::from_ne_bytes(buf[off + 4..off + 6].try_into().unwrap());
            if mlen < 16 || off + mlen > n {
                return Ok(out);
            }
            let payload = &buf[off + 16..off + mlen];
            match mtype {
                NLMSG_DONE => return Ok(out),
                NLMSG_ERROR => {
                    let err = i32::from_ne_bytes(payload[..4].try_into().unwrap());
                    if err == 0 {
                        return Ok(out);
                    }
                    return Err(io::Error::from_raw_os_error(-err));
                }
                t if t == want => out.push(payload.to_vec()),
                _ => {}
            }
            off += (mlen + 3) & !3;
        }
        if flags & NLM_F_DUMP == 0 {
            return Ok(out);
        }
    }
}

/// Iterate netlink attributes: (type without flag bits, payload).
fn attrs(mut b: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if b.len() < 4 {
            return None;
        }
        let len = u16::from_ne_bytes([b[0], b[1]]) as usize;
        let typ = u16::from_ne_bytes([b[2], b[3]]) & 0x3fff;
        if len < 4 || len > b.len() {
            return None;
        }
        let payload = &b[4..len];
        b = &b[((len + 3) & !3).min(b.len())..];
        Some((typ, payload))
    })
}

fn cstr(b: &[u8]) -> String {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    String::from_utf8_lossy(&b[..end]).into_owned()
}

/// cls_bpf filters under the clsact `parent` of `ifindex`: (prog id, name).
fn tc_filters(ifindex: u32, parent: u32) -> io::Result<Vec<(u32, String)>> {
    let mut tcmsg = [0u8; 20];
    tcmsg[0] = libc::AF_UNSPEC as u8;
    tcmsg[4..8].copy_from_slice(&(ifindex as i32).to_ne_bytes());
    tcmsg[12..16].copy_from_slice(&parent.to_ne_bytes());
    let replies = match nl_request(RTM_GETTFILTER, NLM_F_DUMP, &tcmsg, RTM_NEWTFILTER) {
        Ok(r) => r,
        // No clsact qdisc on the device: no filters.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL) | Some(libc::ENOENT)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for r in replies {
        if r.len() < 20 {
            continue;
        }
        let mut kind = String::new();
        let mut found = None;
        for (t, p) in attrs(&r[20..]) {
            match t {
                TCA_KIND => kind = cstr(p),
                TCA_OPTIONS => {
                    let mut id = None;
                    let mut name = String::new();
                    for (t2, p2) in attrs(p) {
                        match t2 {
                            TCA_BPF_ID if p2.len() >= 4 => id = Some(u32::from_ne_bytes(p2[..4].try_into().unwrap())),
                            TCA_BPF_NAME => name = cstr(p2),
                            _ => {}
                        }
                    }
                    found = id.map(|i| (i, name));
                }
                _ => {}
            }
        }
        if kind == "bpf" {
            if let Some(f) = found {
                out.push(f);
            }
        }
    }
    Ok(out)
}

/// The XDP program attached to `ifindex`, if any.
fn xdp_prog(ifindex: u32) -> io::Result<Option<u32>> {
    let mut ifi = [0u8; 16];
    ifi[0] = libc::AF_UNSPEC as u8;
    ifi[4..8].copy_from_slice(&(ifindex as i32).to_ne_bytes());
    let replies = nl_request(RTM_GETLINK, 0, &ifi, RTM_NEWLINK)?;
    for r in replies {
        if r.len() < 16 {
            continue;
        }
        for (t, p) in attrs(&r[16..]) {
            if t == IFLA_XDP {
                for (t2, p2) in attrs(p) {
                    if t2 == IFLA_XDP_PROG_ID && p2.len() >= 4 {
                        let id = u32::from_ne_bytes(p2[..4].try_into().unwrap());
                        return Ok((id != 0).then_some(id));
                    }
                }
            }
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_has_no_programs() {
        if !rustix::process::geteuid().is_root() {
            return crate::bpf::testutil::skip("loopback_has_no_programs");
        }
        let h = device_hooks("lo").unwrap();
        assert_eq!(h.ifindex, 1);
        assert!(h.programs.iter().all(|p| p.hook != "xdp"), "{h:?}");
    }

    #[test]
    fn missing_device_is_an_error() {
        let e = device_hooks("cdbg-nodev0").unwrap_err();
        assert!(e.to_string().contains("no device cdbg-nodev0"));
    }

    #[test]
    fn attribute_walk() {
        // Two attributes: type 1 "bpf\0", type 2 nested (type 11, u32 42).
        let mut b = vec![8, 0, 1, 0, b'b', b'p', b'f', 0];
        b.extend_from_slice(&[12, 0, 2, 0x80, 8, 0, 11, 0, 42, 0, 0, 0]);
        let v: Vec<_> = attrs(&b).collect();
        assert_eq!(v.len(), 2);
        assert_eq!(cstr(v[0].1), "bpf");
        let inner: Vec<_> = attrs(v[1].1).collect();
        assert_eq!(inner[0].0, 11);
    }
}
