//! The cilium-agent REST API client (HTTP/1.1 over the unix socket) and its models.

pub mod client;
pub mod labels;
pub mod models;
pub mod output;
pub mod remarshal;
pub mod render;
pub mod statedb;

pub use client::{AgentError, Client};

/// Percent-encode a path segment (endpoint IDs may hold `:` and `/`).
pub fn encode_path(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}
