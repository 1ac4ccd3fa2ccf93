//! The cilium-agent REST API client (HTTP/1.1 over the unix socket) and its models.

pub mod client;
pub mod models;
pub mod output;
pub mod remarshal;
pub mod render;
pub mod statedb;

pub use client::{AgentError, Client};
