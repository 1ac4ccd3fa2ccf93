//! Lab: the stand-in cilium-agent REST API on `cilium.sock`, and the agent's state files.

use std::path::Path;

use anyhow::Result;

use super::{Lab, UpOptions};

/// Serve the agent API until cancelled.
pub async fn serve(lab: Lab) -> Result<()> {
    let _ = std::fs::remove_file(lab.agent_sock());
    let _listener = tokio::net::UnixListener::bind(lab.agent_sock())?;
    std::future::pending::<()>().await;
    Ok(())
}

/// Write `agent-runtime-config.json` and friends.
pub fn write_state(_state_dir: &Path, _opts: UpOptions) -> Result<()> {
    Ok(())
}

/// Tour steps: (command line after `cdbg`, one-line explanation).
pub const TOUR: &[(&str, &str)] = &[];
