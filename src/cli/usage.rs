//! cilium-dbg's answer to a missing required argument (cilium-dbg/cmd/helpers.go `Usagef`,
//! `Fatalf`, and cobra's `Args` validators), rendered with spf13/cobra's default help and usage
//! templates and spf13/pflag's `FlagUsages`, from one table of the cilium-dbg commands that have
//! a required argument.

use clap::ArgMatches;

/// One cobra flag as `FlagUsages` prints it.
#[derive(Debug, Clone, Copy)]
pub struct Flag {
    pub short: Option<char>,
    pub long: &'static str,
    /// pflag's type name after the flag (`string`, `int`, `strings`), empty for bools.
    pub ty: &'static str,
    pub usage: &'static str,
    /// ` (default …)` text when the default is not the zero value (strings already quoted).
    pub default: Option<&'static str>,
}

const fn flag(short: Option<char>, long: &'static str, ty: &'static str, usage: &'static str) -> Flag {
    Flag {
        short,
        long,
        ty,
        usage,
        default: None,
    }
}

/// `command.AddOutputOption`.
const OUTPUT: Flag = flag(Some('o'), "output", "string", "json| yaml| jsonpath='{}'");

/// The root's persistent flags (cilium-dbg/cmd/root.go), inherited by every command.
const GLOBAL: &[Flag] = &[
    flag(None, "config", "string", "Config file (default is $HOME/.cilium.yaml)"),
    flag(Some('D'), "debug", "", "Enable debug messages"),
    flag(Some('H'), "host", "string", "URI to server-side API"),
];

/// How cilium-dbg reacts to the missing argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `Usagef`: `Error: <msg>` and an empty line on stderr, the command's help on stdout.
    Usagef,
    /// `Fatalf`: `Error: <msg>` on stderr only.
    Fatalf,
    /// cobra's `Args: cobra.ExactArgs(n)`: `Error: accepts n arg(s), received 0`, then the usage
    /// (no short description) and an empty line, all on stderr.
    ExactArgs(usize),
}

/// A cilium-dbg command with a required argument: its cobra definition and the clap argument
/// whose absence triggers the error.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Subcommand names below the root, as cdbg's clap tree names them.
    pub path: &'static [&'static str],
    /// cobra `Use` (name and argument synopsis).
    pub use_: &'static str,
    pub aliases: &'static [&'static str],
    pub short: &'static str,
    pub example: &'static str,
    /// Local flags, without `-h/--help` (cobra adds it).
    pub flags: &'static [Flag],
    /// The clap argument id that must be present …
    pub arg: &'static str,
    /// … unless this clap flag is set (`--all`, `--labels`).
    pub unless: Option<&'static str>,
    pub style: Style,
    pub message: &'static str,
}

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

/// What cilium-dbg prints: (stdout, stderr). `prog` is the name the binary was invoked as.
pub fn report(spec: &Spec, prog: &str) -> (String, String) {
    match spec.style {
        Style::Usagef => (help(spec, prog), format!("Error: {}\n\n", spec.message)),
        Style::Fatalf => (String::new(), format!("Error: {}\n", spec.message)),
        Style::ExactArgs(n) => (
            String::new(),
            format!("Error: accepts {n} arg(s), received 0\n{}\n", usage(spec, prog)),
        ),
    }
}

/// cobra's default help template: `Short`, an empty line, then the usage.
pub fn help(spec: &Spec, prog: &str) -> String {
    format!("{}\n\n{}", spec.short.trim_end(), usage(spec, prog))
}

/// cobra's default usage template for a runnable command without subcommands.
pub fn usage(spec: &Spec, prog: &str) -> String {
    let name = spec.use_.split(' ').next().unwrap_or_default();
    let mut path = vec![prog];
    path.extend_from_slice(&spec.path[..spec.path.len() - 1]);
    // UseLine: parent path, Use, and " [flags]" (every command has at least --help).
    let mut s = format!("Usage:\n  {} {} [flags]", path.join(" "), spec.use_);
    if !spec.aliases.is_empty() {
        s.push_str(&format!("\n\nAliases:\n  {}, {}", name, spec.aliases.join(", ")));
    }
    if !spec.example.is_empty() {
        s.push_str(&format!("\n\nExamples:\n{}", spec.example));
    }
    let help = Flag {
        short: Some('h'),
        long: "help",
        ty: "",
        usage: "",
        default: None,
    };
    let help_usage = format!("help for {name}");
    let mut local: Vec<(Flag, &str)> = spec.flags.iter().map(|f| (*f, f.usage)).collect();
    local.push((help, &help_usage));
    s.push_str("\n\nFlags:\n");
    s.push_str(flag_usages(&mut local).trim_end());
    let mut global: Vec<(Flag, &str)> = GLOBAL.iter().map(|f| (*f, f.usage)).collect();
    s.push_str("\n\nGlobal Flags:\n");
    s.push_str(flag_usages(&mut global).trim_end());
    s.push('\n');
    s
}

/// pflag `FlagUsages`: sorted by long name, usage texts aligned three spaces after the longest
/// `  -x, --name type` prefix of the block.
fn flag_usages(flags: &mut [(Flag, &str)]) -> String {
    flags.sort_by_key(|(f, _)| f.long);
    let prefixes: Vec<String> = flags
        .iter()
        .map(|(f, _)| {
            let mut p = match f.short {
                Some(c) => format!("  -{c}, --{}", f.long),
                None => format!("      --{}", f.long),
            };
            if !f.ty.is_empty() {
                p.push(' ');
                p.push_str(f.ty);
            }
            p
        })
        .collect();
    let width = prefixes.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    for (p, (f, usage)) in prefixes.iter().zip(flags.iter()) {
        out.push_str(&format!("{p:<width$}   {usage}"));
        if let Some(d) = f.default {
            out.push_str(&format!(" (default {d})"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
