//! cilium-dbg's answer to a missing required argument: the table of the cilium-dbg commands that
//! have one (their cobra definitions, cilium-dbg/cmd/*.go) and how cdbg's clap tree lets the
//! absence through to it; `output::cobra` renders the answer.

use clap::ArgMatches;

use crate::output::cobra::{flag, Flag, Style, OUTPUT};
pub use crate::output::cobra::{report, Spec};

const MISSING_EP_OR_GLOBAL: &str = "Missing endpoint id or 'global' argument";

/// Every cilium-dbg 1.17 command cdbg offers that has a required argument (cilium-dbg/cmd/*.go).
pub const SPECS: &[Spec] = &[
    Spec {
        path: &["bpf", "ct", "list"],
        use_: "list ( global | endpoint | cluster ) [identifier]",
        aliases: &["ls"],
        short: "List connection tracking entries",
        example: "",
        flags: &[
            flag(Some('d'), "time-diff", "", "print time difference for entries"),
            Flag {
                default: Some("250"),
                ..flag(None, "time-diff-clocksource-hz", "int", "manually set clock source Hz")
            },
            flag(
                None,
                "time-diff-clocksource-mode",
                "string",
                "manually set clock source mode (instead of contacting the server)",
            ),
            OUTPUT,
        ],
        arg: "kind",
        unless: None,
        style: Style::Usagef,
        message: MISSING_EP_OR_GLOBAL,
    },
    Spec {
        path: &["bpf", "ct", "flush"],
        use_: "flush ( <endpoint identifier> | global )",
        aliases: &[],
        short: "Flush all connection tracking entries",
        example: "",
        flags: &[],
        arg: "kind",
        unless: None,
        style: Style::Usagef,
        message: MISSING_EP_OR_GLOBAL,
    },
    Spec {
        path: &["bpf", "policy", "get"],
        use_: "get",
        aliases: &[],
        short: "Get contents of a policy BPF map",
        example: "",
        flags: &[
            flag(None, "all", "", "Dump all policy maps"),
            flag(Some('n'), "numeric", "", "Do not resolve IDs"),
            OUTPUT,
        ],
        arg: "endpoint",
        unless: Some("all"),
        style: Style::Usagef,
        message: "Missing endpoint id argument",
    },
    Spec {
        path: &["bpf", "lb", "maglev", "get"],
        use_: "get <service id>",
        // Sic: cilium-dbg lists the command's own name as its alias.
        aliases: &["get"],
        short: "Get Maglev lookup table for given service by ID",
        example: "",
        flags: &[OUTPUT],
        arg: "service_id",
        unless: None,
        style: Style::Usagef,
        message: "Missing service id argument",
    },
    Spec {
        path: &["bpf", "ipcache", "get"],
        use_: "get",
        aliases: &[],
        short: "Retrieve identity for an ip",
        example: "",
        flags: &[],
        arg: "ip",
        unless: None,
        style: Style::Usagef,
        message: "No ip provided. IP address must be in dotted decimal (192.168.1.1) or IPv6 (feab::f02b) form",
    },
    Spec {
        path: &["bpf", "endpoint", "delete"],
        use_: "delete",
        aliases: &[],
        short: "Delete local endpoint entries",
        example: "",
        flags: &[],
        arg: "ip",
        unless: None,
        style: Style::ExactArgs(1),
        message: "",
    },
    Spec {
        path: &["endpoint", "get"],
        // Sic: the trailing space gives two spaces before `[flags]`.
        use_: "get ( <endpoint identifier> | -l <endpoint labels> ) ",
        // Sic: one alias string holding a comma.
        aliases: &["inspect, show"],
        short: "Display endpoint information",
        example: "  cilium-dbg endpoint get 4598\n  cilium-dbg endpoint get pod-name:default:foobar\n  cilium-dbg endpoint get -l id.baz",
        flags: &[flag(Some('l'), "labels", "strings", "list of labels"), OUTPUT],
        arg: "id",
        unless: Some("labels"),
        style: Style::Usagef,
        message: "Missing endpoint id argument",
    },
    Spec {
        path: &["identity", "get"],
        use_: "get",
        aliases: &[],
        short: "Retrieve information about an identity",
        example: "",
        flags: &[flag(None, "label", "strings", "Label to lookup"), OUTPUT],
        arg: "id",
        unless: None,
        style: Style::Usagef,
        message: "Invalid identity ID",
    },
    Spec {
        path: &["ip", "get"],
        use_: "get ( <cidr> |-l <identity labels> )",
        aliases: &[],
        short: "Display IP Cache information",
        example: "",
        flags: &[
            flag(Some('l'), "labels", "strings", "list of labels"),
            OUTPUT,
            flag(Some('v'), "verbose", "", "Print all fields of ipcache"),
        ],
        arg: "ip",
        unless: None,
        style: Style::Usagef,
        message: "Missing cidr argument",
    },
    Spec {
        path: &["map", "get"],
        use_: "get <name>",
        aliases: &[],
        short: "Display cached content of given BPF map",
        example: "cilium map get cilium_ipcache",
        flags: &[OUTPUT],
        arg: "name",
        unless: None,
        style: Style::Fatalf,
        message: "map name must be specified",
    },
    Spec {
        path: &["service", "get"],
        use_: "get <service id>",
        aliases: &[],
        short: "Display service information",
        example: "",
        flags: &[OUTPUT],
        arg: "id",
        unless: None,
        style: Style::Usagef,
        message: "Missing service id argument",
    },
];

/// The clap command with the table's arguments made optional, so that their absence reaches
/// [`missing`] instead of clap's own error.
pub fn relax(mut cmd: clap::Command) -> clap::Command {
    for s in SPECS {
        cmd = relax_path(cmd, s.path, s.arg);
    }
    cmd
}

fn relax_path(cmd: clap::Command, path: &[&str], arg: &'static str) -> clap::Command {
    match path.split_first() {
        None => {
            // mut_arg moves the argument to the end: keep a positional's index explicitly.
            let Some(index) = cmd
                .get_positionals()
                .position(|a| a.get_id() == arg && a.is_required_set())
            else {
                return cmd;
            };
            cmd.mut_arg(arg, |a| a.required(false).index(index + 1))
        }
        Some((first, rest)) => cmd.mut_subcommand(*first, |c| relax_path(c, rest, arg)),
    }
}

/// The table entry whose required argument is absent from the parsed command line, if any.
pub fn missing(m: &ArgMatches) -> Option<&'static Spec> {
    let mut path: Vec<&str> = Vec::new();
    let mut cur = m;
    while let Some((name, sub)) = cur.subcommand() {
        path.push(name);
        cur = sub;
    }
    let spec = SPECS.iter().find(|s| s.path == path.as_slice())?;
    let given = |id: &str| cur.value_source(id) == Some(clap::parser::ValueSource::CommandLine);
    if given(spec.arg) || spec.unless.is_some_and(given) {
        return None;
    }
    Some(spec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::cobra::help;

    /// The layout fidelity.md gives for `bpf ct list` (taken from the real binary).
    #[test]
    fn ct_list_help_matches_cobra() {
        let spec = SPECS.iter().find(|s| s.path == ["bpf", "ct", "list"]).unwrap();
        let want = "List connection tracking entries

Usage:
  cilium-dbg bpf ct list ( global | endpoint | cluster ) [identifier] [flags]

Aliases:
  list, ls

Flags:
  -h, --help                                help for list
  -o, --output string                       json| yaml| jsonpath='{}'
  -d, --time-diff                           print time difference for entries
      --time-diff-clocksource-hz int        manually set clock source Hz (default 250)
      --time-diff-clocksource-mode string   manually set clock source mode (instead of contacting the server)

Global Flags:
      --config string   Config file (default is $HOME/.cilium.yaml)
  -D, --debug           Enable debug messages
  -H, --host string     URI to server-side API
";
        assert_eq!(help(spec, "cilium-dbg"), want);
        let (out, err) = report(spec, "cilium-dbg");
        assert_eq!(out, want);
        assert_eq!(err, "Error: Missing endpoint id or 'global' argument\n\n");
    }

    #[test]
    fn every_spec_names_a_real_clap_argument() {
        let root = crate::cli::command("cdbg");
        for s in SPECS {
            let mut c = &root;
            for p in s.path {
                c = c
                    .find_subcommand(p)
                    .unwrap_or_else(|| panic!("{:?}: no subcommand {p}", s.path));
            }
            for id in std::iter::once(s.arg).chain(s.unless) {
                assert!(
                    c.get_arguments().any(|a| a.get_id() == id),
                    "{:?}: no argument {id}",
                    s.path
                );
            }
        }
    }

    /// Relaxing must not reorder positionals (`bpf ct list global` keeps `global` as the kind).
    #[test]
    fn relaxed_positionals_keep_their_places() {
        let m = relax(crate::cli::command("cdbg"))
            .try_get_matches_from(["cdbg", "bpf", "ct", "list", "global"])
            .unwrap();
        assert!(missing(&m).is_none());
        let m = relax(crate::cli::command("cdbg"))
            .try_get_matches_from(["cdbg", "identity", "get", "7"])
            .unwrap();
        assert!(missing(&m).is_none());
        let m = relax(crate::cli::command("cdbg"))
            .try_get_matches_from(["cdbg", "identity", "get"])
            .unwrap();
        assert_eq!(missing(&m).unwrap().message, "Invalid identity ID");
    }

    #[test]
    fn exact_args_prints_usage_on_stderr() {
        let spec = SPECS.iter().find(|s| s.path == ["bpf", "endpoint", "delete"]).unwrap();
        let (out, err) = report(spec, "cdbg");
        assert!(out.is_empty());
        assert!(err.starts_with("Error: accepts 1 arg(s), received 0\nUsage:\n  cdbg bpf endpoint delete [flags]\n\nFlags:\n  -h, --help   help for delete\n"));
        assert!(err.ends_with("URI to server-side API\n\n"));
    }
}
