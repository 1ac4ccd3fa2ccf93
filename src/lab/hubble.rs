//! Lab: the stand-in Hubble Observer server on `hubble.sock`.

use anyhow::Result;

use super::Lab;

/// Serve Hubble until cancelled.
pub async fn serve(lab: Lab) -> Result<()> {
    let _ = std::fs::remove_file(lab.hubble_sock());
    let _listener = tokio::net::UnixListener::bind(lab.hubble_sock())?;
    std::future::pending::<()>().await;
    Ok(())
}

/// Tour steps: (command line after `cdbg`, one-line explanation).
pub const TOUR: &[(&str, &str)] = &[];
