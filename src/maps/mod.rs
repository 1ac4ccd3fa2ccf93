//! Cilium's pinned maps: the shape registry (name → BPF type and key/value sizes per Cilium
//! version), checked opening, and one module per map with its decoder and formatters.

pub mod auth;
pub mod clock;
pub mod ct;
pub mod egress;
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
pub mod runtime_config;
pub mod throttle;
pub mod tunnel;
pub mod util;

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
    #[error("{}: an entry does not match cdbg's layout for this map; report it to the cdbg developers with the output of `bpftool map show pinned {}`", path.display(), path.display())]
    BadEntry { path: PathBuf },
    #[error(transparent)]
    Bpf(#[from] BpfError),
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
        self.path(name).exists()
    }

    /// Open `spec` read-only and check its shape; returns the map and the matching shape.
    pub fn open(&self, spec: &MapSpec) -> Result<(Map, Shape), MapError> {
        self.open_named(spec.name, spec.shapes)
    }

    /// Like [`open`](Self::open) for a computed name (per-endpoint maps).
    pub fn open_named(&self, name: &str, shapes: &[Shape]) -> Result<(Map, Shape), MapError> {
        let path = self.path(name);
        let map = match Map::open_pinned(&path) {
            Ok(m) => m,
            Err(e) if e.errno() == Some(libc::ENOENT) => {
                return Err(MapError::Missing {
                    name: name.into(),
                    path,
                });
            }
            Err(e) => return Err(e.into()),
        };
        let shape = check_shape(name, &map, shapes)?;
        Ok((map, shape))
    }

    /// Open read-write for a command that was asked to modify the map (flush/delete).
    pub fn open_rw(&self, spec: &MapSpec) -> Result<(Map, Shape), MapError> {
        let path = self.path(spec.name);
        let map = match Map::open_pinned_rw(&path) {
            Ok(m) => m,
            Err(e) if e.errno() == Some(libc::ENOENT) => {
                return Err(MapError::Missing {
                    name: spec.name.into(),
                    path,
                });
            }
            Err(e) => return Err(e.into()),
        };
        let shape = check_shape(spec.name, &map, spec.shapes)?;
        Ok((map, shape))
    }

    /// Open if pinned: `Ok(None)` when the map is absent (feature off), as cilium-dbg's
    /// `DumpIfExists`.
    pub fn open_if_exists(&self, spec: &MapSpec) -> Result<Option<(Map, Shape)>, MapError> {
        match self.open(spec) {
            Ok(m) => Ok(Some(m)),
            Err(MapError::Missing { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Names of the maps pinned in the globals directory, sorted.
    pub fn pinned_names(&self) -> std::io::Result<Vec<String>> {
        let mut names = Vec::new();
        for e in std::fs::read_dir(self.globals())? {
            let e = e?;
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

/// The Cilium release line inferred from the set of pinned map names (`maps.md` §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    V1_16,
    V1_17,
    V1_18,
}

impl Version {
    /// Infer from pinned names; defaults to 1.17 when nothing tells.
    pub fn detect(root: &BpfRoot) -> Version {
        let names = root.pinned_names().unwrap_or_default();
        let has = |p: &str| names.iter().any(|n| n.starts_with(p));
        if has("cilium_ipcache_v2") || has("cilium_policystats") {
            Version::V1_18
        } else if has("cilium_policy_v2_") || has("cilium_ratelimit") {
            Version::V1_17
        } else if has("cilium_policy_") {
            Version::V1_16
        } else {
            Version::V1_17
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
