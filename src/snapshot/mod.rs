//! Node snapshots: save a node's maps, agent answers, Hubble flows and clocks into one file
//! (`save`), replay any read command on it (`replay`, `--from FILE`), describe (`info`) and
//! compare (`diff`) snapshots. The file format and the replay the lower layers ask are in
//! `crate::replay`, below the layers it serves.

pub mod diff;
pub mod info;
pub mod save;

pub use crate::replay::format;
pub use crate::replay::read_only_message;
