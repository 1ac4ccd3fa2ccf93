//! IP protocol names and `host:port` text as cilium-dbg and Go print and parse them, shared by
//! the map decoders and the filters.

/// Go's `u8proto` names (`maps.md` §11.1).
pub fn proto_name(p: u8) -> String {
    match p {
        0 => "ANY".into(),
        1 => "ICMP".into(),
        6 => "TCP".into(),
        17 => "UDP".into(),
        58 => "ICMPv6".into(),
        132 => "SCTP".into(),
        n => n.to_string(),
    }
}

/// Parse a protocol name or number as cilium-dbg accepts it.
pub fn parse_proto(s: &str) -> Option<u8> {
    match s.to_ascii_uppercase().as_str() {
        "ANY" => Some(0),
        "ICMP" => Some(1),
        "TCP" => Some(6),
        "UDP" => Some(17),
        "ICMPV6" => Some(58),
        "SCTP" => Some(132),
        n => n.parse().ok(),
    }
}

/// Go's `net.JoinHostPort`: brackets around IPv6 addresses.
pub fn join_host_port(ip: &std::net::IpAddr, port: u16) -> String {
    match ip {
        std::net::IpAddr::V4(a) => format!("{a}:{port}"),
        std::net::IpAddr::V6(a) => format!("[{a}]:{port}"),
    }
}
