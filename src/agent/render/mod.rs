//! The agent's answers as cilium-dbg prints them (Cilium's `pkg/client` formatters): text only,
//! written to any writer, control characters from the agent escaped. `cli/` and `debuginfo` share
//! them.

pub mod config;
pub mod endpoint;
pub mod goval;
pub mod health;
pub mod identity;
pub mod service;
pub mod status;
