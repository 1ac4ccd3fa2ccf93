//! The `bpf(2)` layer: read-only pinned-map handles, map info, batch dumps, and map creation for
//! the lab. Knows syscalls, not Cilium.

pub mod dump;
pub mod error;
pub mod fs;
pub mod map;
pub mod saved;
pub mod sys;
pub mod walk;

pub use dump::{dump, dump_from, BatchSource, DumpOptions, DumpStats, Incomplete};
pub use error::{BpfError, SizeMismatch};
pub use map::{map_type, Map, MapInfo};

#[cfg(test)]
pub(crate) mod testutil {
    /// Tests that create maps need root (CAP_BPF); CI runs as root.
    pub fn is_root() -> bool {
        rustix::process::geteuid().is_root()
    }

    pub fn skip(name: &str) {
        crate::output::notes::line(format_args!("SKIPPED {name}: needs root (CAP_BPF); CI runs it as root"));
        if std::env::var_os("CI").is_some() {
            panic!("{name} must run in CI, which runs as root");
        }
    }
}
