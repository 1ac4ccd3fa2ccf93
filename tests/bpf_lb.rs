//! Integration tests: bpf_lb.
