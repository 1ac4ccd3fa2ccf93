//! spf13/cobra's default help and usage templates and spf13/pflag's `FlagUsages`, for the
//! cilium-dbg commands whose "missing argument" answer cdbg reproduces (cilium-dbg/cmd/helpers.go
//! `Usagef`, `Fatalf`, and cobra's `Args` validators).

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

pub const fn flag(short: Option<char>, long: &'static str, ty: &'static str, usage: &'static str) -> Flag {
    Flag {
        short,
        long,
        ty,
        usage,
        default: None,
    }
}

/// `command.AddOutputOption`.
pub const OUTPUT: Flag = flag(Some('o'), "output", "string", "json| yaml| jsonpath='{}'");

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
