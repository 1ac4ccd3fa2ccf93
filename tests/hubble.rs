//! Integration tests: hubble.
