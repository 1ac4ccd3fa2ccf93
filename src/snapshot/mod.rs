//! Node snapshots: save a node's maps, agent answers, Hubble flows and clocks into one file
//! (`save`), replay any read command on it (`replay`, `--from FILE`), describe (`info`) and
//! compare (`diff`) snapshots. The file format is in `format`.

pub mod diff;
pub mod format;
pub mod info;
pub mod replay;
pub mod save;

pub use replay::read_only_message;
