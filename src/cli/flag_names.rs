//! The names `--flags` accepts on each map dump (the names its rows print), given to clap so an
//! unknown name is an error that lists them and help and completions show them.

/// The `--flags` names each map dump accepts: the names its rows print.
pub const FLAG_NAMES: &[(&[&str], &[&str])] = &[
    (&["bpf", "ct", "list"], CT_FLAGS),
    (&["bpf", "nat", "list"], &["IN", "OUT", "XLATE_SRC", "XLATE_DST"]),
    (&["bpf", "lb", "list"], LB_FLAGS),
    (&["bpf", "endpoint", "list"], &["host", "at_host_ns"]),
    (&["bpf", "ipcache", "list"], &["skiptunnel", "hastunnel", "ipv6tunnel"]),
    (&["bpf", "policy", "get"], &["allow", "deny", "ingress", "egress"]),
];

/// CT entry flags and the tuple directions, as `maps::ct` names them.
const CT_FLAGS: &[&str] = &crate::maps::ct::FILTER_FLAGS;

/// Service flag names (`lb_service::ServiceFlags::names`, every release).
const LB_FLAGS: &[&str] = &[
    "ClusterIP",
    "ExternalIPs",
    "NodePort",
    "LoadBalancer",
    "HostPort",
    "LocalRedirect",
    "Local",
    "InternalLocal",
    "two-scopes",
    "sessionAffinity",
    "non-routable",
    "check source-range",
    "deny",
    "46x64",
    "l7-load-balancer",
    "loopback",
    "delegate-if-local",
    "quarantined",
    "dsr",
];

/// Give every dump's `--flags` the names that dump knows, so an unknown name is an error that
/// lists them, and help and completions show them.
pub fn with_flag_names(mut cmd: clap::Command) -> clap::Command {
    for (path, names) in FLAG_NAMES {
        cmd = mut_path(cmd, path, &|c| {
            c.mut_arg("flags", |a| {
                a.value_parser(clap::builder::PossibleValuesParser::new(names.iter().copied()))
            })
        });
    }
    cmd
}

fn mut_path(cmd: clap::Command, path: &[&str], f: &dyn Fn(clap::Command) -> clap::Command) -> clap::Command {
    match path {
        [] => f(cmd),
        [first, rest @ ..] => cmd.mut_subcommand(*first, |c| mut_path(c, rest, f)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_names_cover_what_the_maps_print() {
        use crate::maps::{ct, lb_service::ServiceFlags, Version};
        for (_, n) in ct::FLAGS {
            assert!(CT_FLAGS.contains(n), "{n} missing from CT_FLAGS");
        }
        for v in [Version::V1_16, Version::V1_17, Version::V1_18] {
            for bits in 0..=u16::MAX {
                for n in ServiceFlags(bits).names(v) {
                    assert!(LB_FLAGS.contains(&n), "{n} missing from LB_FLAGS");
                }
            }
        }
        // Every dump's list reaches its --flags argument.
        let cmd = crate::cli::command("cdbg");
        for (path, names) in FLAG_NAMES {
            let mut c = &cmd;
            for p in *path {
                c = c.find_subcommand(p).unwrap_or_else(|| panic!("no subcommand {path:?}"));
            }
            let arg = c.get_arguments().find(|a| a.get_id() == "flags").unwrap();
            let pv: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|p| p.get_name().to_string())
                .collect();
            assert_eq!(pv, names.to_vec(), "{path:?}");
        }
    }
}
