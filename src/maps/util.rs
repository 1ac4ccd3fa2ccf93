//! Byte-reading helpers shared by the map decoders, and Go-compatible IP and protocol formatting.

use std::net::{Ipv4Addr, Ipv6Addr};

/// `Some(())` when `b` holds at least `n` bytes: the guard every decoder starts with, so a short
/// buffer decodes to `None` instead of panicking.
pub fn fits(b: &[u8], n: usize) -> Option<()> {
    (b.len() >= n).then_some(())
}

/// Host-order (little-endian on every supported target) u16 at `off`.
pub fn u16_host(b: &[u8], off: usize) -> u16 {
    u16::from_ne_bytes([b[off], b[off + 1]])
}

/// Network-order u16 at `off`.
pub fn u16_be(b: &[u8], off: usize) -> u16 {
    u16::from_be_bytes([b[off], b[off + 1]])
}

pub fn u32_host(b: &[u8], off: usize) -> u32 {
    u32::from_ne_bytes(b[off..off + 4].try_into().unwrap())
}

pub fn u64_host(b: &[u8], off: usize) -> u64 {
    u64::from_ne_bytes(b[off..off + 8].try_into().unwrap())
}

pub fn ipv4(b: &[u8], off: usize) -> Ipv4Addr {
    Ipv4Addr::new(b[off], b[off + 1], b[off + 2], b[off + 3])
}

pub fn ipv6(b: &[u8], off: usize) -> Ipv6Addr {
    let a: [u8; 16] = b[off..off + 16].try_into().unwrap();
    Ipv6Addr::from(a)
}

// Protocol names and host:port text live below the maps, in `crate::netfmt`; re-exported here.
pub use crate::netfmt::{join_host_port, parse_proto, proto_name};

/// An LB listing of `ID<TAB>address` rows (`bpf lb list --backends`, `--revnat`): its cells and
/// the typed record its filters read. Each such listing is a [`View`](crate::maps::view::View)
/// through this, in the listing and in its watch.
pub trait IdRows {
    type Record: serde::Serialize + crate::filter::Entry;
    /// The listing's filters (`None`: the caller filters).
    fn filter(&self) -> Option<&crate::filter::FilterArgs>;
    /// Write the ID cell then the address cell; returns where the ID cell ends.
    fn cells(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<usize>;
    /// The entry's `-o jsonl` record.
    fn id_record(&self, key: &[u8], value: &[u8]) -> anyhow::Result<Self::Record>;
}

/// The [`View`](crate::maps::view::View) of an [`IdRows`] listing type (a macro: a blanket
/// `impl<T: IdRows> View for T` would overlap `View for &T`).
macro_rules! id_rows_view {
    ($t:ident) => {
        impl crate::maps::view::View for $t<'_> {
            fn header(&self) -> Option<&'static str> {
                Some("ID\tBACKEND ADDRESS (REVNAT_ID) (SLOT)")
            }
            fn keep(&self, key: &[u8], value: &[u8]) -> bool {
                use crate::maps::util::IdRows;
                self.id_record(key, value)
                    .is_ok_and(|r| self.filter().is_none_or(|f| f.matches(&r)))
            }
            fn table(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
                let mid = crate::maps::util::IdRows::cells(self, key, value, out)?;
                out.insert(mid, b'\t');
                Ok(())
            }
            fn record(&self, key: &[u8], value: &[u8], out: &mut Vec<u8>) -> anyhow::Result<()> {
                use crate::maps::util::IdRows;
                serde_json::to_writer(&mut *out, &self.id_record(key, value)?)?;
                Ok(())
            }
        }
    };
}
pub(crate) use id_rows_view;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_orders() {
        let b = [0x01, 0xbb, 0x34, 0x12];
        assert_eq!(u16_be(&b, 0), 443);
        assert_eq!(u16_host(&b, 2), 0x1234);
        assert_eq!(ipv4(&[10, 96, 0, 1], 0).to_string(), "10.96.0.1");
    }

    #[test]
    fn protos() {
        assert_eq!(proto_name(6), "TCP");
        assert_eq!(proto_name(58), "ICMPv6");
        assert_eq!(proto_name(99), "99");
        assert_eq!(parse_proto("udp"), Some(17));
        assert_eq!(parse_proto("132"), Some(132));
        assert_eq!(parse_proto("bogus"), None);
    }

    #[test]
    fn host_port() {
        let v6: std::net::IpAddr = "fd00::1".parse().unwrap();
        assert_eq!(join_host_port(&v6, 80), "[fd00::1]:80");
    }
}
