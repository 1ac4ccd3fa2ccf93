//! Integration tests: bpf_maps.
