//! Integration tests: bpf_ct.
