//! Lab: the reference node's load-balancer maps (services, backends, rev-NAT, source ranges, affinity, maglev).

use anyhow::Result;

use super::UpOptions;
use crate::maps::BpfRoot;

/// Create and fill the maps.
pub fn populate(_root: &BpfRoot, _opts: UpOptions) -> Result<()> {
    Ok(())
}

/// Tour steps: (command line after `cdbg`, one-line explanation).
pub const TOUR: &[(&str, &str)] = &[];
