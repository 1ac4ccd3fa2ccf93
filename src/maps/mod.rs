//! Cilium's pinned maps: the shape registry (name → BPF type and key/value sizes per Cilium
//! version), checked opening, and one module per map with its decoder and formatters.

pub mod auth;
pub mod clock;
pub mod ct;
pub mod egress;
pub mod family;
pub mod frag;
pub mod ipcache;
pub mod ipmasq;
pub mod lb_affinity;
pub mod lb_backend;
pub mod lb_revnat;
pub mod lb_service;
pub mod lb_source_range;
pub mod lxc;
pub mod maglev;
pub mod metrics;
pub mod nat;
pub mod nodeid;
pub mod policy;
pub mod policystats;
pub mod runtime_config;
pub mod throttle;
pub mod tunnel;
pub mod util;
mod version;
pub use crate::output::view;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::bpf::{map_type, BpfError, Map, MapInfo};

/// Where Cilium pins its maps below the bpffs root (`defaults.TCGlobalsPath`).
pub const TC_GLOBALS: &str = "tc/globals";

/// One layout a Cilium map has had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub map_type: u32,
    pub key_size: u32,
    pub value_size: u32,
    /// Cilium versions with this layout, e.g. "1.16–1.18".
    pub versions: &'static str,
}

impl Shape {
    pub const fn new(map_type: u32, key_size: u32, value_size: u32, versions: &'static str) -> Shape {
        Shape {
            map_type,
            key_size,
            value_size,
            versions,
        }
    }

    fn matches(&self, info: &MapInfo) -> bool {
        self.map_type == info.map_type && self.key_size == info.key_size && self.value_size == info.value_size
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} key {} B / value {} B (Cilium {})",
            map_type::name(self.map_type),
            self.key_size,
            self.value_size,
            self.versions
        )
    }
}

/// A map as Cilium pins it: its name and every shape cdbg can decode.
#[derive(Debug, Clone, Copy)]
pub struct MapSpec {
    pub name: &'static str,
    pub shapes: &'static [Shape],
}

/// Shape of a per-cluster outer map (`cilium_per_cluster_ct_*`, `cilium_per_cluster_snat_*`):
/// an ARRAY_OF_MAPS from a u32 cluster ID to an inner map's id (`maps.md` §2.1, §10). Checked
/// before the cluster lookup, so a foreign pin is refused instead of read.
pub const PER_CLUSTER_OUTER_SHAPES: &[Shape] = &[Shape::new(map_type::ARRAY_OF_MAPS, 4, 4, "1.16–1.18")];

/// Why a map could not be opened for decoding.
#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("map {name} is not pinned at {}: the feature that creates it may be off on this node, or --bpf-root does not point at the host's bpffs (default /sys/fs/bpf)", path.display())]
    Missing { name: String, path: PathBuf },
    #[error("{}", shape_msg(name, path, found, expected))]
    WrongShape {
        name: String,
        path: PathBuf,
        found: MapInfo,
        expected: Vec<Shape>,
    },
    /// `--bpf-root` cannot hold Cilium's maps (missing, not a bpffs, unreadable).
    #[error(transparent)]
    Root(#[from] RootError),
    /// The pin is there but this process may not open it.
    #[error(
        "cannot open {}: permission denied ({op}: {}) — run as root, or with CAP_BPF (kernel >= 5.8) \
         or CAP_SYS_ADMIN, and read access to the bpffs",
        path.display(),
        if *errno == libc::EPERM { "EPERM" } else { "EACCES" }
    )]
    Denied {
        path: PathBuf,
        /// The syscall that failed (`BPF_OBJ_GET`) and its errno (EACCES or EPERM).
        op: &'static str,
        errno: i32,
    },
    /// Something that is not a pinned BPF object sits where a map's pin should be.
    #[error(
        "{} is not a BPF pin ({what}): Cilium pins its maps as objects on the bpffs, so something \
         else took this name; check what created it, or point --bpf-root at the host's bpffs \
         (default /sys/fs/bpf)",
        path.display()
    )]
    NotAPin { path: PathBuf, what: String },
    #[error("{}: an entry does not match cdbg's layout for this map; report it to the cdbg developers with the output of `bpftool map show pinned {}`", path.display(), path.display())]
    BadEntry { path: PathBuf },
    #[error(transparent)]
    Bpf(#[from] BpfError),
    /// Replaying a snapshot (`--from`): a write was asked for.
    #[error("{0}")]
    ReadOnly(String),
}

/// The error for an entry a decoder refused (its `decode` returned `None`).
pub fn bad_entry(map: &Map) -> MapError {
    MapError::BadEntry {
        path: map.path().into(),
    }
}

impl MapError {
    pub fn is_missing(&self) -> bool {
        matches!(self, MapError::Missing { .. })
    }
}

/// The default `--bpf-root`, where the node mounts its bpffs.
pub const DEFAULT_ROOT: &str = "/sys/fs/bpf";

/// Why `--bpf-root` cannot hold Cilium's maps. Each says the path and the fix.
#[derive(Debug)]
pub enum RootError {
    /// The root does not exist.
    NotFound { root: PathBuf },
    /// The root is a file, not a directory.
    NotADirectory { root: PathBuf },
    /// The root is not on a bpf filesystem (`fs`: what it is on instead).
    NotBpffs { root: PathBuf, fs: String },
    /// A bpffs without Cilium's `tc/globals`.
    NoGlobals { root: PathBuf },
    /// `path` (the root or the globals directory) cannot be read by this process.
    Denied { root: PathBuf, path: PathBuf },
    /// Any other failure reading `path`.
    Io { path: PathBuf, source: std::io::Error },
}

impl fmt::Display for RootError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const POINT: &str = "point --bpf-root (or CDBG_BPF_ROOT) at the host's bpffs";
        const POD: &str = "e.g. --bpf-root /host/sys/fs/bpf in a debug pod that mounts the host's /sys/fs/bpf";
        const MOUNT: &str = "mount it (mount -t bpf bpf /sys/fs/bpf; cilium-agent mounts it when it starts)";
        let globals = |root: &Path| root.join(TC_GLOBALS);
        let default = |root: &Path| root == Path::new(DEFAULT_ROOT);
        match self {
            RootError::NotFound { root } if default(root) => write!(
                f,
                "{} does not exist: no bpf filesystem is mounted there, so Cilium's maps ({}) cannot \
                 be read; {MOUNT}, or {POINT}, {POD}",
                root.display(),
                globals(root).display()
            ),
            RootError::NotFound { root } => write!(
                f,
                "--bpf-root {} does not exist, so Cilium's maps ({}) cannot be read: {POINT} \
                 (default {DEFAULT_ROOT}), {POD}",
                root.display(),
                globals(root).display()
            ),
            RootError::NotADirectory { root } => write!(
                f,
                "--bpf-root {} is not a directory, so Cilium's maps ({}) cannot be read: {POINT} \
                 (default {DEFAULT_ROOT}), {POD}",
                root.display(),
                globals(root).display()
            ),
            RootError::NotBpffs { root, fs } if default(root) => write!(
                f,
                "{} is not mounted as a bpffs (it is on {fs}), so it holds no pinned maps (expected \
                 under {}): {MOUNT}, or {POINT}, {POD}",
                root.display(),
                globals(root).display()
            ),
            RootError::NotBpffs { root, fs } => write!(
                f,
                "{} is not a bpffs (bpf filesystem) but {fs}, so it holds no pinned maps (expected \
                 under {}): {POINT} (default {DEFAULT_ROOT}; `mount -t bpf` lists the bpffs mounts)",
                root.display(),
                globals(root).display()
            ),
            RootError::NoGlobals { root } => write!(
                f,
                "{} is a bpffs but has no {}: Cilium has not pinned any maps there; is cilium-agent \
                 running on this node, and is --bpf-root the bpffs it uses (agent flag --bpf-root)?",
                root.display(),
                globals(root).display()
            ),
            RootError::Denied { root, path } => write!(
                f,
                "permission denied reading {}: run as root (cdbg needs read access to the bpffs \
                 directories, and CAP_BPF (kernel >= 5.8) or CAP_SYS_ADMIN for the maps); Cilium's \
                 maps are under {}",
                path.display(),
                globals(root).display()
            ),
            RootError::Io { path, source } => write!(f, "cannot read {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for RootError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RootError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Whether a command only reads a map or was asked to change it (flush, delete).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// What opening one pinned map found, errors aside.
#[derive(Debug)]
pub enum Opened {
    /// The map, and the shape it matched.
    Opened(Map, Shape),
    /// The root is a readable bpffs with Cilium's globals and only this pin is missing: the
    /// feature that creates it is off. The caller knows which feature and says why.
    Absent(Absent),
}

/// A map that is not pinned (see [`Opened::Absent`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absent {
    pub name: String,
    pub path: PathBuf,
}

impl Absent {
    /// For commands that need the map: the "not pinned" error.
    pub fn into_error(self) -> MapError {
        MapError::Missing {
            name: self.name,
            path: self.path,
        }
    }
}

/// What is at a path where `BPF_OBJ_GET` failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PinKind {
    /// Nothing there.
    Missing,
    /// A symbolic link to nothing.
    Dangling,
    /// A file on a bpffs: a pinned object.
    Pin,
    Directory,
    /// On another filesystem (its statfs magic).
    NotBpffs(u32),
    /// `stat` itself failed (permission on a directory, …).
    Unreachable,
}

/// What a failed `BPF_OBJ_GET` means, once the root is known to be a readable bpffs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Absent,
    Denied,
    NotAPin(String),
    /// Report the syscall error as it is.
    Other,
}

fn probe(path: &Path) -> PinKind {
    match std::fs::metadata(path) {
        Ok(md) if md.is_dir() => PinKind::Directory,
        Ok(md) => match crate::bpf::fs::fs_magic(path) {
            Ok(m) if m != crate::bpf::fs::BPF_FS_MAGIC => PinKind::NotBpffs(m),
            Ok(_) if md.is_file() => PinKind::Pin,
            _ => PinKind::Unreachable,
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(path).is_ok() {
                PinKind::Dangling
            } else {
                PinKind::Missing
            }
        }
        Err(_) => PinKind::Unreachable,
    }
}

/// The one table of what a failed open means: `errno` from `BPF_OBJ_GET`, `kind` from a look
/// at the path. The kernel answers EACCES for a path that is not a BPF object even to root, so
/// EACCES is privilege trouble only when a pin is really there.
fn classify(errno: i32, kind: PinKind) -> Verdict {
    match (errno, kind) {
        (_, PinKind::Directory) => Verdict::NotAPin("a directory".into()),
        (_, PinKind::Dangling) => Verdict::NotAPin("a symbolic link to nothing".into()),
        (_, PinKind::NotBpffs(m)) => {
            Verdict::NotAPin(format!("a file on {}, not on a bpffs", crate::bpf::fs::fs_name(m)))
        }
        (libc::ENOENT, PinKind::Missing) => Verdict::Absent,
        (libc::EACCES | libc::EPERM, PinKind::Pin | PinKind::Unreachable | PinKind::Missing) => Verdict::Denied,
        _ => Verdict::Other,
    }
}

fn shape_msg(name: &str, path: &Path, found: &MapInfo, expected: &[Shape]) -> String {
    let mut s = format!(
        "refusing to decode {name} at {}: it is a {} map with key {} B / value {} B, but cdbg knows it as ",
        path.display(),
        map_type::name(found.map_type),
        found.key_size,
        found.value_size
    );
    let list: Vec<String> = expected.iter().map(|e| e.to_string()).collect();
    s.push_str(&list.join(" or "));
    s.push_str(
        "; the node probably runs a Cilium version cdbg does not support, or the pin is not Cilium's. \
         Check `cilium-dbg version` on the agent and report the sizes to the cdbg developers",
    );
    s
}

/// The bpffs root cdbg reads from (`--bpf-root`, default `/sys/fs/bpf`).
#[derive(Debug, Clone)]
pub struct BpfRoot(pub PathBuf);

impl BpfRoot {
    /// Directory of Cilium's global maps.
    pub fn globals(&self) -> PathBuf {
        self.0.join(TC_GLOBALS)
    }

    /// Pinned path of a map by name.
    pub fn path(&self, name: &str) -> PathBuf {
        self.globals().join(name)
    }

    pub fn exists(&self, name: &str) -> bool {
        if let Some(s) = crate::replay::active() {
            return s.pinned_names().iter().any(|n| n == name);
        }
        self.path(name).exists()
    }

    fn root_io(&self, path: &Path, e: std::io::Error) -> RootError {
        match e.raw_os_error() {
            Some(libc::EACCES | libc::EPERM) => RootError::Denied {
                root: self.0.clone(),
                path: path.into(),
            },
            _ => RootError::Io {
                path: path.into(),
                source: e,
            },
        }
    }

    /// Is the root a directory on a bpf filesystem that this process can read?
    pub fn check_bpffs(&self) -> Result<(), RootError> {
        if crate::replay::active().is_some() {
            return Ok(());
        }
        let root = &self.0;
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(RootError::NotADirectory { root: root.clone() }),
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => {
                return Err(RootError::NotFound { root: root.clone() })
            }
            Err(e) => return Err(self.root_io(root, e)),
        }
        match crate::bpf::fs::fs_magic(root) {
            Ok(crate::bpf::fs::BPF_FS_MAGIC) => Ok(()),
            Ok(m) => Err(RootError::NotBpffs {
                root: root.clone(),
                fs: crate::bpf::fs::fs_name(m),
            }),
            Err(e) => Err(self.root_io(root, e)),
        }
    }

    /// Can the root hold Cilium's maps: a readable bpffs with a readable `tc/globals`? Every
    /// command that reads maps calls this (directly, or through [`open_pin`](Self::open_pin)
    /// when an open fails), so a bad root is one clear error and never "feature off".
    pub fn check(&self) -> Result<(), RootError> {
        if crate::replay::active().is_some() {
            return Ok(());
        }
        self.check_bpffs()?;
        let globals = self.globals();
        match std::fs::metadata(&globals) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(RootError::NoGlobals { root: self.0.clone() }),
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT | libc::ENOTDIR)) => {
                return Err(RootError::NoGlobals { root: self.0.clone() })
            }
            Err(e) => return Err(self.root_io(&globals, e)),
        }
        std::fs::read_dir(&globals).map_err(|e| self.root_io(&globals, e))?;
        Ok(())
    }

    /// The one open path: every pinned map cdbg reads or changes is opened here. `Ok(None)` only
    /// when the root is a readable bpffs with Cilium's globals and this one pin is missing; a bad
    /// root, a permission problem and a non-pin in the map's place are errors.
    pub fn open_pin(&self, name: &str, access: Access) -> Result<Option<Map>, MapError> {
        let path = self.path(name);
        if let Some(s) = crate::replay::active() {
            if access == Access::Write {
                return Err(MapError::ReadOnly(crate::replay::read_only_message()));
            }
            return s.open_pinned(name, path).transpose().map_err(MapError::from);
        }
        let r = match access {
            Access::Read => Map::open_pinned(&path),
            Access::Write => Map::open_pinned_rw(&path),
        };
        let err = match r {
            Ok(m) => return Ok(Some(m)),
            Err(e) => e,
        };
        let errno = match err.errno() {
            Some(n @ (libc::ENOENT | libc::ENOTDIR | libc::EACCES | libc::EPERM)) if err.op == "BPF_OBJ_GET" => n,
            _ => return Err(err.into()),
        };
        self.check()?;
        match classify(errno, probe(&path)) {
            Verdict::Absent => Ok(None),
            Verdict::Denied => Err(MapError::Denied {
                path,
                op: err.op,
                errno,
            }),
            Verdict::NotAPin(what) => Err(MapError::NotAPin { path, what }),
            Verdict::Other => Err(err.into()),
        }
    }

    /// Open a map and check its shape against `shapes`.
    pub fn open_map(&self, name: &str, shapes: &[Shape], access: Access) -> Result<Opened, MapError> {
        match self.open_pin(name, access)? {
            Some(map) => {
                let shape = check_shape(name, &map, shapes)?;
                Ok(Opened::Opened(map, shape))
            }
            None => Ok(Opened::Absent(Absent {
                name: name.into(),
                path: self.path(name),
            })),
        }
    }

    /// Open `spec` read-only and check its shape; returns the map and the matching shape.
    pub fn open(&self, spec: &MapSpec) -> Result<(Map, Shape), MapError> {
        self.open_named(spec.name, spec.shapes)
    }

    /// Like [`open`](Self::open) for a computed name (per-endpoint maps).
    pub fn open_named(&self, name: &str, shapes: &[Shape]) -> Result<(Map, Shape), MapError> {
        match self.open_map(name, shapes, Access::Read)? {
            Opened::Opened(m, s) => Ok((m, s)),
            Opened::Absent(a) => Err(a.into_error()),
        }
    }

    /// Open read-write for a command that was asked to modify the map (flush/delete).
    pub fn open_rw(&self, spec: &MapSpec) -> Result<(Map, Shape), MapError> {
        match self.open_map(spec.name, spec.shapes, Access::Write)? {
            Opened::Opened(m, s) => Ok((m, s)),
            Opened::Absent(a) => Err(a.into_error()),
        }
    }

    /// Open if pinned: `Ok(None)` when the map is absent (feature off), as cilium-dbg's
    /// `DumpIfExists`.
    pub fn open_if_exists(&self, spec: &MapSpec) -> Result<Option<(Map, Shape)>, MapError> {
        match self.open_map(spec.name, spec.shapes, Access::Read)? {
            Opened::Opened(m, s) => Ok(Some((m, s))),
            Opened::Absent(_) => Ok(None),
        }
    }

    /// Open the IPv4 and IPv6 maps of a pair, skipping absent ones (`DumpIfExists`). When both
    /// are absent, say so on stderr with the usual reason.
    pub fn open_pair(&self, specs: [&MapSpec; 2], why_absent: &str) -> Result<Vec<(Map, bool)>, MapError> {
        let mut maps = Vec::new();
        for (spec, v6) in [(specs[0], false), (specs[1], true)] {
            if let Some((m, _)) = self.open_if_exists(spec)? {
                maps.push((m, v6));
            }
        }
        if maps.is_empty() {
            crate::output::notes::warn(format_args!(
                "neither {} nor {} is pinned in {}; {why_absent}",
                specs[0].name,
                specs[1].name,
                self.globals().display()
            ));
        }
        Ok(maps)
    }

    /// Names of the maps pinned in the globals directory, sorted (after [`check`](Self::check)).
    pub fn pinned_names(&self) -> Result<Vec<String>, MapError> {
        if let Some(s) = crate::replay::active() {
            return Ok(s.pinned_names());
        }
        self.check()?;
        let globals = self.globals();
        let err = |e| MapError::Root(self.root_io(&globals, e));
        let mut names = Vec::new();
        for e in std::fs::read_dir(&globals).map_err(err)? {
            let e = e.map_err(err)?;
            if let Some(n) = e.file_name().to_str() {
                names.push(n.to_string());
            }
        }
        names.sort();
        Ok(names)
    }
}

/// Check a map's type and sizes against the shapes cdbg knows; never decode on a mismatch.
pub fn check_shape(name: &str, map: &Map, shapes: &[Shape]) -> Result<Shape, MapError> {
    shapes
        .iter()
        .copied()
        .find(|s| s.matches(map.info()))
        .ok_or_else(|| MapError::WrongShape {
            name: name.into(),
            path: map.path().into(),
            found: map.info().clone(),
            expected: shapes.to_vec(),
        })
}

/// The Cilium release line, told from the set of pinned map names (`maps.md` §12; see
/// `version.rs`).
pub use crate::release::Version;

impl Version {
    /// Infer from pinned names ([`Version::from_pins`]); 1.17 when nothing tells. Never asks
    /// the agent: see [`Version::detect_or_agent`].
    pub fn detect(root: &BpfRoot) -> Version {
        Version::from_pins(root).unwrap_or(Version::V1_17)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_opens_are_classified_once() {
        use libc::{EACCES, EINVAL, ENOENT, EPERM};
        use PinKind::*;
        // Absent only when nothing is there.
        assert_eq!(classify(ENOENT, Missing), Verdict::Absent);
        // A real pin the process may not open: privilege advice.
        assert_eq!(classify(EACCES, Pin), Verdict::Denied);
        assert_eq!(classify(EPERM, Pin), Verdict::Denied);
        assert_eq!(classify(EACCES, Unreachable), Verdict::Denied);
        // EACCES on something that is not a BPF object (the kernel says so even to root).
        let tmpfs = 0x0102_1994;
        assert_eq!(
            classify(EACCES, NotBpffs(tmpfs)),
            Verdict::NotAPin("a file on tmpfs, not on a bpffs".into())
        );
        assert_eq!(classify(EACCES, Directory), Verdict::NotAPin("a directory".into()));
        assert_eq!(
            classify(ENOENT, Dangling),
            Verdict::NotAPin("a symbolic link to nothing".into())
        );
        // Anything else is reported as the syscall error it is.
        assert_eq!(classify(EINVAL, Pin), Verdict::Other);
        assert_eq!(classify(ENOENT, Pin), Verdict::Other);
    }

    #[test]
    fn a_plain_directory_is_not_a_root() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join(TC_GLOBALS)).unwrap();
        std::fs::write(tmp.path().join(TC_GLOBALS).join("cilium_lxc"), b"x").unwrap();
        let root = BpfRoot(tmp.path().into());
        let e = root.check().unwrap_err();
        assert!(matches!(e, RootError::NotBpffs { .. }), "{e}");
        let s = e.to_string();
        assert!(s.contains("is not a bpffs"), "{s}");
        assert!(s.contains(&format!("{}/tc/globals", tmp.path().display())), "{s}");
        assert!(s.contains("--bpf-root"), "{s}");
        // Never "absent", never "not a pin": the root is the problem.
        for e in [
            root.open_pin("cilium_lxc", Access::Read).unwrap_err(),
            root.open_pin("cilium_ct4_global", Access::Read).unwrap_err(),
            root.pinned_names().unwrap_err(),
        ] {
            assert!(matches!(e, MapError::Root(RootError::NotBpffs { .. })), "{e}");
        }
    }

    #[test]
    fn a_missing_root_is_named_with_the_fix() {
        let root = BpfRoot("/nonexistent/bpffs".into());
        let e = root.check().unwrap_err();
        assert!(matches!(e, RootError::NotFound { .. }), "{e}");
        assert!(root.check_bpffs().is_err());
        let s = e.to_string();
        assert!(s.starts_with("--bpf-root /nonexistent/bpffs does not exist"), "{s}");
        assert!(s.contains("/nonexistent/bpffs/tc/globals"), "{s}");
        let e = root.open_if_exists(&lxc::SPEC).unwrap_err();
        assert!(matches!(e, MapError::Root(RootError::NotFound { .. })), "{e}");
        // The default root: say how to mount it.
        let s = RootError::NotFound {
            root: DEFAULT_ROOT.into(),
        }
        .to_string();
        assert!(s.contains("mount -t bpf bpf /sys/fs/bpf"), "{s}");
        assert!(s.contains("--bpf-root"), "{s}");
        let s = RootError::NotBpffs {
            root: DEFAULT_ROOT.into(),
            fs: "sysfs".into(),
        }
        .to_string();
        assert!(
            s.starts_with("/sys/fs/bpf is not mounted as a bpffs (it is on sysfs)"),
            "{s}"
        );
        assert!(s.contains("mount -t bpf bpf /sys/fs/bpf"), "{s}");
    }

    #[test]
    fn error_texts_name_path_and_fix() {
        let path = PathBuf::from("/sys/fs/bpf/tc/globals/cilium_lxc");
        let denied = MapError::Denied {
            path: path.clone(),
            op: "BPF_OBJ_GET",
            errno: libc::EACCES,
        }
        .to_string();
        assert!(
            denied.contains("/sys/fs/bpf/tc/globals/cilium_lxc: permission denied"),
            "{denied}"
        );
        assert!(denied.contains("run as root") && denied.contains("CAP_BPF"), "{denied}");
        let not_pin = MapError::NotAPin {
            path,
            what: "a directory".into(),
        }
        .to_string();
        assert!(
            not_pin.contains("cilium_lxc is not a BPF pin (a directory)"),
            "{not_pin}"
        );
        assert!(!not_pin.contains("CAP_BPF"), "{not_pin}");
        let s = RootError::Denied {
            root: DEFAULT_ROOT.into(),
            path: "/sys/fs/bpf/tc/globals".into(),
        }
        .to_string();
        assert!(s.starts_with("permission denied reading /sys/fs/bpf/tc/globals"), "{s}");
        assert!(s.contains("CAP_BPF"), "{s}");
    }

    #[test]
    fn shape_error_names_everything() {
        let e = MapError::WrongShape {
            name: "cilium_lb4_services_v2".into(),
            path: "/sys/fs/bpf/tc/globals/cilium_lb4_services_v2".into(),
            found: MapInfo {
                map_type: map_type::HASH,
                id: 1,
                key_size: 12,
                value_size: 8,
                max_entries: 10,
                flags: 0,
                name: "x".into(),
            },
            expected: vec![Shape::new(map_type::HASH, 12, 12, "1.16–1.18")],
        };
        let s = e.to_string();
        assert!(
            s.contains("cilium_lb4_services_v2 at /sys/fs/bpf/tc/globals/cilium_lb4_services_v2"),
            "{s}"
        );
        assert!(s.contains("key 12 B / value 8 B"), "{s}");
        assert!(s.contains("hash key 12 B / value 12 B (Cilium 1.16–1.18)"), "{s}");
    }

    #[test]
    fn per_cluster_outer_maps_are_shape_checked() {
        use crate::bpf::testutil::{is_root, skip};
        if !is_root() {
            return skip("per_cluster_outer_maps_are_shape_checked");
        }
        let inner = Map::create(map_type::HASH, "cdbg_inner", 14, 56, 4, 0).unwrap();
        let outer = Map::create_with_inner(map_type::ARRAY_OF_MAPS, "cdbg_outer", 4, 4, 4, 0, Some(&inner)).unwrap();
        check_shape("cilium_per_cluster_ct_tcp4", &outer, PER_CLUSTER_OUTER_SHAPES).unwrap();
        // A foreign pin with the outer map's name is refused before any lookup.
        let foreign = Map::create(map_type::HASH, "cdbg_foreign", 4, 8, 4, 0).unwrap();
        let e = check_shape("cilium_per_cluster_ct_tcp4", &foreign, PER_CLUSTER_OUTER_SHAPES).unwrap_err();
        let s = e.to_string();
        assert!(s.contains("it is a hash map with key 4 B / value 8 B"), "{s}");
        assert!(s.contains("array_of_maps key 4 B / value 4 B"), "{s}");
    }
}
