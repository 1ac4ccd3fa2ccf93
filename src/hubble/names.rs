//! Text the Hubble CLI prints for datapath numbers: trace observation points and drop reasons
//! (cilium/cilium pkg/monitor/api/types.go and drop.go), reserved identities (pkg/identity) and
//! policy match types.

/// Monitor message types (`event_type.type`), pkg/monitor/api/types.go.
pub mod msg_type {
    pub const DROP: i32 = 1;
    pub const DEBUG: i32 = 2;
    pub const CAPTURE: i32 = 3;
    pub const TRACE: i32 = 4;
    pub const POLICY_VERDICT: i32 = 5;
    pub const RECORD_CAPTURE: i32 = 6;
    pub const TRACE_SOCK: i32 = 7;
    pub const ACCESS_LOG: i32 = 129;
    pub const AGENT: i32 = 130;
}

/// `--type` names and their message types (pkg/monitor/api MessageTypeNames).
pub const MESSAGE_TYPE_NAMES: &[(&str, i32)] = &[
    ("drop", msg_type::DROP),
    ("debug", msg_type::DEBUG),
    ("capture", msg_type::CAPTURE),
    ("trace", msg_type::TRACE),
    ("policy-verdict", msg_type::POLICY_VERDICT),
    ("recorder", msg_type::RECORD_CAPTURE),
    ("trace-sock", msg_type::TRACE_SOCK),
    ("l7", msg_type::ACCESS_LOG),
    ("agent", msg_type::AGENT),
];

/// Datapath trace observation points (the `event_type.sub_type` of trace events).
pub const TRACE_POINTS: &[(i32, &str)] = &[
    (0, "to-endpoint"),
    (1, "to-proxy"),
    (2, "to-host"),
    (3, "to-stack"),
    (4, "to-overlay"),
    (5, "from-endpoint"),
    (6, "from-proxy"),
    (7, "from-host"),
    (8, "from-stack"),
    (9, "from-overlay"),
    (10, "from-network"),
    (11, "to-network"),
    (12, "from-crypto"),
    (13, "to-crypto"),
];

/// `api.TraceObservationPoint`: the text of a datapath observation point, else the number.
pub fn trace_point(sub_type: i32) -> String {
    let p = sub_type as u8 as i32;
    TRACE_POINTS
        .iter()
        .find(|(n, _)| *n == p)
        .map_or_else(|| p.to_string(), |(_, s)| (*s).to_string())
}

/// The agent-event sub-type names `--type agent:<name>` accepts.
pub const AGENT_SUBTYPES: &[(&str, i32)] = &[
    ("unspecified", 0),
    ("message", 1),
    ("agent-started", 2),
    ("policy-updated", 3),
    ("policy-deleted", 4),
    ("endpoint-regenerate-success", 5),
    ("endpoint-regenerate-failure", 6),
    ("endpoint-created", 7),
    ("endpoint-deleted", 8),
    ("ipcache-upserted", 9),
    ("ipcache-deleted", 10),
];

const DROP_REASONS: &[(u8, &str)] = &[
    (0, "Success"),
    (2, "Invalid packet"),
    (3, "Interface"),
    (4, "Interface Decrypted"),
    (5, "LB, sock cgroup: No backend slot entry found"),
    (6, "LB, sock cgroup: No backend entry found"),
    (7, "LB, sock cgroup: Reverse entry update failed"),
    (8, "LB, sock cgroup: Reverse entry stale"),
    (9, "Fragmented packet"),
    (10, "Fragmented packet entry update failed"),
    (11, "Missed tail call to custom program"),
    (12, "Interface Decrypting"),
    (13, "Interface Encrypting"),
    (14, "LB: sock cgroup: Reverse entry delete succeeded"),
    (15, "MTU error message"),
    (130, "Invalid source mac"),
    (131, "Invalid destination mac"),
    (132, "Invalid source ip"),
    (133, "Policy denied"),
    (134, "Invalid packet"),
    (135, "CT: Truncated or invalid header"),
    (136, "Fragmentation needed"),
    (137, "CT: Unknown L4 protocol"),
    (138, "CT: Can't create entry from packet"),
    (139, "Unsupported L3 protocol"),
    (140, "Missed tail call"),
    (141, "Error writing to packet"),
    (142, "Unknown L4 protocol"),
    (143, "Unknown ICMPv4 code"),
    (144, "Unknown ICMPv4 type"),
    (145, "Unknown ICMPv6 code"),
    (146, "Unknown ICMPv6 type"),
    (147, "Error retrieving tunnel key"),
    (148, "Error retrieving tunnel options"),
    (149, "Invalid Geneve option"),
    (150, "Unknown L3 target address"),
    (151, "Stale or unroutable IP"),
    (152, "No matching local container found"),
    (153, "Error while correcting L3 checksum"),
    (154, "Error while correcting L4 checksum"),
    (155, "CT: Map insertion failed"),
    (156, "Invalid IPv6 extension header"),
    (157, "IP fragmentation not supported"),
    (158, "Service backend not found"),
    (160, "No tunnel/encapsulation endpoint (datapath BUG!)"),
    (161, "NAT 46/64 not enabled"),
    (162, "Reached EDT rate-limiting drop horizon"),
    (163, "Unknown connection tracking state"),
    (164, "Local host is unreachable"),
    (165, "No configuration available to perform policy decision"),
    (166, "Unsupported L2 protocol"),
    (167, "No mapping for NAT masquerade"),
    (168, "Unsupported protocol for NAT masquerade"),
    (169, "FIB lookup failed"),
    (170, "Encapsulation traffic is prohibited"),
    (171, "Invalid identity"),
    (172, "Unknown sender"),
    (173, "NAT not needed"),
    (174, "Is a ClusterIP"),
    (175, "First logical datagram fragment not found"),
    (176, "Forbidden ICMPv6 message"),
    (177, "Denied by LB src range check"),
    (178, "Socket lookup failed"),
    (179, "Socket assign failed"),
    (180, "Proxy redirection not supported for protocol"),
    (181, "Policy denied by denylist"),
    (182, "VLAN traffic disallowed by VLAN filter"),
    (183, "Incorrect VNI from VTEP"),
    (184, "Failed to update or lookup TC buffer"),
    (185, "No SID was found for the IP address"),
    (186, "SRv6 state was removed during tail call"),
    (187, "L3 translation from IPv4 to IPv6 failed (NAT46)"),
    (188, "L3 translation from IPv6 to IPv4 failed (NAT64)"),
    (189, "Authentication required"),
    (190, "No conntrack map found"),
    (191, "No nat map found"),
    (192, "Invalid ClusterID"),
    (193, "Unsupported packet protocol for DSR encapsulation"),
    (194, "No egress gateway found"),
    (195, "Traffic is unencrypted"),
    (196, "TTL exceeded"),
    (197, "No node ID found"),
    (198, "Rate limited"),
    (199, "IGMP handled"),
    (200, "IGMP subscribed"),
    (201, "Multicast handled"),
    (202, "Host datapath not ready"),
    (203, "Endpoint policy program not available"),
    (204, "No Egress IP configured"),
    (205, "Punt to proxy"),
];

/// `api.DropReason`: the text of a datapath drop (or non-drop) code, else the number.
pub fn drop_reason(sub_type: i32) -> String {
    let r = sub_type as u8;
    DROP_REASONS
        .iter()
        .find(|(n, _)| *n == r)
        .map_or_else(|| r.to_string(), |(_, s)| (*s).to_string())
}

/// Reserved identity names (pkg/identity, as the printer's `(name)` shows them).
pub const RESERVED_IDENTITIES: &[(u32, &str)] = &[
    (0, "unknown"),
    (1, "host"),
    (2, "world"),
    (3, "unmanaged"),
    (4, "health"),
    (5, "init"),
    (6, "remote-node"),
    (7, "kube-apiserver"),
    (8, "ingress"),
    (9, "world-ipv4"),
    (10, "world-ipv6"),
];

/// `(name)` for reserved identities, `(ID:n)` otherwise.
pub fn identity(id: u32) -> String {
    match RESERVED_IDENTITIES.iter().find(|(n, _)| *n == id) {
        Some((_, name)) => format!("({name})"),
        None => format!("(ID:{id})"),
    }
}

/// Parse an `--identity` value: a reserved name or a number.
pub fn parse_identity(s: &str) -> Option<u32> {
    if let Some((n, _)) = RESERVED_IDENTITIES.iter().find(|(_, name)| *name == s) {
        return Some(*n);
    }
    s.parse().ok()
}

/// `api.PolicyMatchType.String()`.
pub fn policy_match_type(t: u32) -> &'static str {
    match t {
        0 => "none",
        1 => "L3-Only",
        2 => "L3-L4",
        3 => "L4-Only",
        4 => "all",
        5 => "L3-Proto",
        6 => "Proto-Only",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datapath_texts() {
        assert_eq!(trace_point(0), "to-endpoint");
        assert_eq!(trace_point(4), "to-overlay");
        assert_eq!(trace_point(77), "77");
        assert_eq!(drop_reason(133), "Policy denied");
        assert_eq!(drop_reason(136), "Fragmentation needed");
        assert_eq!(drop_reason(250), "250");
        assert_eq!(identity(0), "(unknown)");
        assert_eq!(identity(6), "(remote-node)");
        assert_eq!(identity(11), "(ID:11)");
        assert_eq!(identity(3012), "(ID:3012)");
        assert_eq!(parse_identity("world"), Some(2));
        assert_eq!(parse_identity("3012"), Some(3012));
        assert_eq!(parse_identity("nope"), None);
        assert_eq!(policy_match_type(2), "L3-L4");
    }
}
