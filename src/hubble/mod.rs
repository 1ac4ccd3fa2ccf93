//! Hubble: the Observer gRPC client, FlowFilter and GetFlowsRequest building, the `observe`
//! calls, and the Hubble CLI's flow printers (compact, dict, table, jsonpb), from cilium/cilium
//! hubble/pkg/printer and hubble/cmd/observe.

pub mod client;
pub mod filter;
pub mod matcher;
pub mod names;
pub mod printer;
pub mod protojson;
pub mod request;
pub mod session;

/// Generated types for Cilium's Hubble API (proto/*.proto, built by build.rs).
pub mod proto {
    #![allow(clippy::all, clippy::pedantic, missing_docs, deprecated)]
    pub mod flow {
        include!(concat!(env!("OUT_DIR"), "/flow.rs"));
    }
    pub mod relay {
        include!(concat!(env!("OUT_DIR"), "/relay.rs"));
    }
    pub mod observer {
        include!(concat!(env!("OUT_DIR"), "/observer.rs"));
    }
    pub mod peer {
        include!(concat!(env!("OUT_DIR"), "/peer.rs"));
    }
    pub mod health {
        include!(concat!(env!("OUT_DIR"), "/grpc.health.v1.rs"));
    }
}

/// The encoded FileDescriptorSet of proto/ (with google/protobuf imports).
pub const DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/hubble_descriptor.bin"));

/// The health-check service name the agent registers for the Observer.
pub const OBSERVER_SERVICE_NAME: &str = "hubble.server.Observer";
