//! A multi-node lab (`lab up --nodes N`): one full lab node per subdirectory (its own bpffs,
//! stand-in agent, Hubble and network namespace), each node's ipcache seen from that node, a
//! `run` wrapper per node, optionally a real sshd inside each node's network namespace, and — on
//! the third node — two deliberate differences for `fleet diff` to find.

use std::net::{IpAddr, Ipv4Addr};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::datapath::ipcache_entries;
use super::marker::{Marker, Server};
use super::node::{identity, NODES};
use super::{Lab, UpOptions};
use crate::bpf::dump::{dump, DumpOptions};
use crate::maps::{ipcache, lb_backend, BpfRoot};

/// The differences built into the third node (`cilium-w2`), for `fleet diff` tests.
pub mod drift {
    /// This backend (172.20.1.77:8080) is missing from w2's backend map.
    pub const MISSING_BACKEND_ID: u32 = 10;
    /// curl-pod's address carries this stale identity in w2's ipcache (3012 elsewhere).
    pub const STALE_IP: &str = "172.20.0.87";
    pub const STALE_IDENTITY: u32 = 21_009;
}

/// The node directory of `name` in cluster `dir`.
pub fn node_dir(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// Build `n` nodes (1 to 3, the reference cluster's) under `dir`; `ssh` starts an sshd in each.
pub fn up(dir: &Path, n: usize, opts: UpOptions, ssh: bool) -> Result<()> {
    if !(1..=NODES.len()).contains(&n) {
        bail!(
            "lab up --nodes {n}: the reference cluster has 1 to {} nodes",
            NODES.len()
        );
    }
    if Marker::present(dir) {
        bail!(
            "a lab already exists in {}: remove it first with `cdbg lab down --dir {}`",
            dir.display(),
            dir.display()
        );
    }
    Marker::claim(dir)?;
    let names: Vec<String> = NODES[..n].iter().map(|x| x.name.to_string()).collect();
    Marker::update(dir, |m| m.cluster_nodes = names.clone())?;
    let built = (|| -> Result<()> {
        for (i, name) in names.iter().enumerate() {
            let lab = Lab::new(node_dir(dir, name));
            lab.up(opts).with_context(|| format!("building lab node {name}"))?;
            if i > 0 {
                perspective(&lab.root(), &NODES[i]).with_context(|| format!("ipcache of {name}"))?;
            }
            if i == 2 {
                inject_drift(&lab.root()).with_context(|| format!("differences on {name}"))?;
            }
            write_run_wrapper(&lab)?;
        }
        if ssh {
            ssh_up(dir, &names)?;
        }
        Ok(())
    })();
    if let Err(e) = built {
        let _ = Lab::new(dir).down();
        return Err(e);
    }
    Ok(())
}

/// Stop the cluster's sshds and take its nodes down (called by `Lab::down` on a cluster).
pub fn down_nodes(dir: &Path, m: &Marker, failed: &mut Vec<String>) {
    if let Some(s) = m.apiserver {
        if let Err(e) = super::stop(s) {
            failed.push(format!("{e:#}"));
        }
    }
    for s in &m.sshd {
        if let Err(e) = super::stop(*s) {
            failed.push(format!("{e:#}"));
        }
    }
    for name in &m.cluster_nodes {
        let nd = node_dir(dir, name);
        if Marker::present(&nd) {
            if let Err(e) = Lab::new(&nd).down() {
                failed.push(format!("{e:#}"));
            }
        }
    }
}

/// Rewrite `root`'s ipcache as node `me` sees the cluster: its own addresses are `host` and its
/// pods have no tunnel endpoint; cilium-m1's become `remote-node` and pods behind m1's address.
fn perspective(root: &BpfRoot, me: &super::node::Node) -> Result<()> {
    let m1 = &NODES[0];
    let m1_ip: IpAddr = m1.ip.parse()?;
    let me_ip: IpAddr = me.ip.parse()?;
    let m1_pods: ipnet_v4::Net = m1.pod_cidr.parse()?;
    let none = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
    let (map, _) = root
        .open_rw(&ipcache::SPEC_V1)
        .or_else(|_| root.open_rw(&ipcache::SPEC_V2))?;
    let v2 = map.info().value_size as usize == ipcache::V2_VALUE_SIZE;
    for (addr, bits, id, tun) in ipcache_entries() {
        let (mut id2, mut tun2) = (id, tun);
        if tun == me_ip {
            tun2 = none;
        } else if tun.is_unspecified() && m1_pods.contains(addr) && id != identity::WORLD {
            tun2 = m1_ip;
        }
        if id == identity::HOST {
            id2 = identity::REMOTE_NODE;
        } else if id == identity::REMOTE_NODE && addr == me_ip {
            id2 = identity::HOST;
        }
        if (id2, tun2) == (id, tun) {
            continue;
        }
        let key = ipcache::Key {
            ip: addr,
            bits,
            cluster_id: 0,
        };
        let mut val = ipcache::Value {
            identity: id2,
            tunnel_endpoint: tun2,
            key: 0,
            flags: 0,
        };
        if v2 {
            if !tun2.is_unspecified() {
                val.flags |= ipcache::FLAG_HAS_TUNNEL_EP;
            }
            map.update(&key.encode(), &val.encode_v2())?;
        } else {
            map.update(&key.encode(), &val.encode_v1())?;
        }
    }
    Ok(())
}

/// A tiny IPv4 prefix type (the lab's pod CIDRs), to avoid a dependency for one test.
mod ipnet_v4 {
    use std::net::{IpAddr, Ipv4Addr};

    pub struct Net(u32, u32);

    impl std::str::FromStr for Net {
        type Err = anyhow::Error;
        fn from_str(s: &str) -> anyhow::Result<Net> {
            let (a, b) = s.split_once('/').ok_or_else(|| anyhow::anyhow!("no / in {s}"))?;
            let a: Ipv4Addr = a.parse()?;
            let bits: u32 = b.parse()?;
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
            Ok(Net(u32::from(a) & mask, mask))
        }
    }

    impl Net {
        pub fn contains(&self, ip: IpAddr) -> bool {
            matches!(ip, IpAddr::V4(v) if u32::from(v) & self.1 == self.0)
        }
    }
}

/// The third node's deliberate differences: a backend missing from the backend map, and a
/// stale identity for curl-pod's address.
fn inject_drift(root: &BpfRoot) -> Result<()> {
    let (backends, _) = root.open_rw(&lb_backend::SPEC4)?;
    backends.delete(&drift::MISSING_BACKEND_ID.to_le_bytes())?;
    let (map, _) = root
        .open_rw(&ipcache::SPEC_V1)
        .or_else(|_| root.open_rw(&ipcache::SPEC_V2))?;
    let key = ipcache::Key::host(drift::STALE_IP.parse()?).encode();
    let mut found = None;
    dump::<crate::bpf::BpfError, _>(&map, &DumpOptions::default(), |k, v| {
        if k == key {
            found = Some(v.to_vec());
        }
        Ok(())
    })?;
    let Some(v) = found else {
        bail!("{} is not in the lab's ipcache", drift::STALE_IP);
    };
    let mut val = ipcache::Value::decode(&v).context("decoding the lab's ipcache value")?;
    val.identity = drift::STALE_IDENTITY;
    if v.len() == ipcache::V2_VALUE_SIZE {
        map.update(&key, &val.encode_v2())?;
    } else {
        map.update(&key, &val.encode_v1())?;
    }
    Ok(())
}

/// `<node>/run CMD ARGS…`: runs a command with the node's environment (what a shell on that node
/// would have), for `fleet --via exec --exec '<dir>/{node}/run'`.
fn write_run_wrapper(lab: &Lab) -> Result<()> {
    let mut s = String::from("#!/bin/sh\n# Runs a command with this lab node's environment.\n");
    for (k, v) in lab.env() {
        s.push_str(&format!("export {k}={}\n", crate::fleet::shell_quote(&v)));
    }
    s.push_str("exec \"$@\"\n");
    let p = lab.dir.join("run");
    std::fs::write(&p, s)?;
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755))?;
    Ok(())
}

/// The sshd program (`CDBG_LAB_SSHD` overrides).
fn sshd_program() -> PathBuf {
    std::env::var_os("CDBG_LAB_SSHD")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/sbin/sshd"))
}

/// The client-side ssh options that reach the cluster's nodes (`--ssh-option` values).
pub fn ssh_options(dir: &Path) -> Vec<String> {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("cdbg"));
    let ssh = dir.join("ssh");
    vec![
        format!("ProxyCommand={} lab connect --dir {} %h", exe.display(), dir.display()),
        format!("IdentityFile={}", ssh.join("id_ed25519").display()),
        format!("UserKnownHostsFile={}", ssh.join("known_hosts").display()),
        "StrictHostKeyChecking=accept-new".into(),
        "User=root".into(),
        "LogLevel=ERROR".into(),
    ]
}

/// Keys, one sshd per node inside the node's network namespace on 127.0.0.1:22.
fn ssh_up(dir: &Path, names: &[String]) -> Result<()> {
    let sshd = sshd_program();
    if !sshd.exists() {
        bail!(
            "lab up --ssh needs an OpenSSH server at {} (install openssh-server, or set CDBG_LAB_SSHD)",
            sshd.display()
        );
    }
    let ssh = dir.join("ssh");
    std::fs::create_dir_all(&ssh)?;
    for (file, what) in [("id_ed25519", "client"), ("host_ed25519", "host")] {
        let st = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C"])
            .arg(format!("cdbg-lab-{what}"))
            .arg("-f")
            .arg(ssh.join(file))
            .status()
            .context("running ssh-keygen (install openssh-client)")?;
        if !st.success() {
            bail!("ssh-keygen failed for the lab's {what} key");
        }
    }
    std::fs::copy(ssh.join("id_ed25519.pub"), ssh.join("authorized_keys"))?;
    for name in names {
        let lab = Lab::new(node_dir(dir, name));
        let server = start_sshd(&sshd, &lab, &ssh)?;
        Marker::update(dir, |m| m.sshd.push(server))?;
        wait_for_sshd(&lab)?;
    }
    Ok(())
}

fn start_sshd(sshd: &Path, lab: &Lab, ssh: &Path) -> Result<Server> {
    use std::os::unix::process::CommandExt;
    let mut conf = String::new();
    conf.push_str("ListenAddress 127.0.0.1:22\n");
    conf.push_str(&format!("HostKey {}\n", ssh.join("host_ed25519").display()));
    conf.push_str(&format!(
        "AuthorizedKeysFile {}\n",
        ssh.join("authorized_keys").display()
    ));
    conf.push_str(&format!("PidFile {}\n", lab.dir.join("sshd.pid").display()));
    conf.push_str("StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n");
    conf.push_str("PermitRootLogin prohibit-password\nPrintMotd no\n");
    let env: Vec<String> = lab.env().into_iter().map(|(k, v)| format!("{k}={v}")).collect();
    conf.push_str(&format!("SetEnv {}\n", env.join(" ")));
    let conf_path = lab.dir.join("sshd_config");
    std::fs::write(&conf_path, conf)?;
    let log = std::fs::File::create(lab.dir.join("sshd.log"))?;
    let netns = std::fs::File::open(lab.netns()).with_context(|| format!("opening {}", lab.netns().display()))?;
    let ns_fd = netns.as_raw_fd();
    let run_dir = std::ffi::CString::new("/run")?;
    let sshd_dir = std::ffi::CString::new("/run/sshd")?;
    let tmpfs = std::ffi::CString::new("tmpfs")?;
    let root = std::ffi::CString::new("/")?;
    let mut cmd = std::process::Command::new(sshd);
    cmd.arg("-D")
        .arg("-e")
        .arg("-f")
        .arg(&conf_path)
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    // SAFETY: only async-signal-safe calls between fork and exec. The child joins the node's
    // network namespace and a private mount namespace whose /run is a fresh tmpfs holding the
    // privilege-separation directory sshd requires, so nothing on the host changes.
    unsafe {
        cmd.pre_exec(move || {
            libc::setsid();
            if libc::setns(ns_fd, libc::CLONE_NEWNET) != 0
                || libc::unshare(libc::CLONE_NEWNS) != 0
                || libc::mount(
                    std::ptr::null(),
                    root.as_ptr(),
                    std::ptr::null(),
                    libc::MS_REC | libc::MS_PRIVATE,
                    std::ptr::null(),
                ) != 0
                || libc::mount(tmpfs.as_ptr(), run_dir.as_ptr(), tmpfs.as_ptr(), 0, std::ptr::null()) != 0
                || libc::mkdir(sshd_dir.as_ptr(), 0o755) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            lo_up()
        });
    }
    let child = cmd.spawn().with_context(|| format!("starting {}", sshd.display()))?;
    drop(netns);
    Server::of(child.id() as i32)
}

/// Bring `lo` up in the current network namespace (ioctl; async-signal-safe).
fn lo_up() -> std::io::Result<()> {
    // SAFETY: plain ioctls on a socket we own, with a zeroed ifreq naming "lo".
    unsafe {
        let s = libc::socket(libc::AF_INET, libc::SOCK_DGRAM, 0);
        if s < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut ifr: libc::ifreq = std::mem::zeroed();
        ifr.ifr_name[0] = b'l' as libc::c_char;
        ifr.ifr_name[1] = b'o' as libc::c_char;
        let mut r = libc::ioctl(s, libc::SIOCGIFFLAGS, &mut ifr);
        if r == 0 {
            ifr.ifr_ifru.ifru_flags |= libc::IFF_UP as libc::c_short;
            r = libc::ioctl(s, libc::SIOCSIFFLAGS, &ifr);
        }
        let e = std::io::Error::last_os_error();
        libc::close(s);
        if r != 0 {
            return Err(e);
        }
    }
    Ok(())
}

fn wait_for_sshd(lab: &Lab) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if connect_in(&lab.netns(), "127.0.0.1:22").is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = std::fs::read_to_string(lab.dir.join("sshd.log")).unwrap_or_default();
    bail!(
        "the lab's sshd in {} did not listen within 10s; its log:\n{}",
        lab.dir.display(),
        log.trim_end()
    )
}

/// A TCP connection made from inside the network namespace `netns`.
fn connect_in(netns: &Path, addr: &str) -> Result<std::net::TcpStream> {
    let f = std::fs::File::open(netns).with_context(|| format!("opening {}", netns.display()))?;
    let addr = addr.to_string();
    std::thread::spawn(move || -> Result<std::net::TcpStream> {
        // SAFETY: setns on this thread only, with an nsfs fd we hold.
        if unsafe { libc::setns(f.as_raw_fd(), libc::CLONE_NEWNET) } != 0 {
            bail!("setns into the lab node: {}", std::io::Error::last_os_error());
        }
        Ok(std::net::TcpStream::connect(&addr)?)
    })
    .join()
    .map_err(|_| anyhow::anyhow!("connect thread panicked"))?
}

/// `lab connect --dir D NODE`: ssh's ProxyCommand into a node's sshd (stdin/stdout ↔ TCP).
pub fn connect(dir: &Path, node: &str) -> Result<()> {
    let lab = Lab::open(node_dir(dir, node))
        .with_context(|| format!("{node} is not a node of the lab in {}", dir.display()))?;
    let stream = connect_in(&lab.netns(), "127.0.0.1:22")?;
    let mut up = stream.try_clone()?;
    let pump = std::thread::spawn(move || {
        let mut stdin = std::fs::File::from(std::os::fd::AsFd::as_fd(&std::io::stdin()).try_clone_to_owned()?);
        pipe(&mut stdin, &mut up)?;
        up.shutdown(std::net::Shutdown::Write)
    });
    let mut down = stream;
    let mut out = std::fs::File::from(std::os::fd::AsFd::as_fd(&std::io::stdout()).try_clone_to_owned()?);
    pipe(&mut down, &mut out)?;
    drop(pump);
    Ok(())
}

/// Copy until end of input with plain reads and writes: no buffering (ssh's packets must pass
/// at once) and no splice (which some kernels' pipes and sockets do not honour for partial data).
fn pipe(from: &mut impl std::io::Read, to: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => to.write_all(&buf[..n])?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}
