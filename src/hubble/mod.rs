//! Hubble: the Observer gRPC client and flow formatting.
