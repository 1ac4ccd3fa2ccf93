//! What fleet needs to know about the remote cdbg command line: its output format and
//! aggregates, and the rewrites that let per-node answers be merged exactly.

use crate::output::merged::Shape;

/// The remote command as given after `--`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteArgs(pub Vec<String>);

/// How fleet merges the nodes' answers, decided from the remote command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Plain output: grouped under `== node ==` (or prefixed).
    Text,
    /// `-o jsonl`: every record gets a `"node"` field.
    Jsonl,
    /// `--count`: one total with a per-node breakdown.
    Count,
    /// `--top N`: groups summed across nodes, the N largest shown with where they come from.
    Top(usize),
}

impl RemoteArgs {
    /// The value of `-o/--output`, if given.
    pub fn output(&self) -> Option<&str> {
        self.value_of(&["-o", "--output"])
    }

    /// The value of a flag given as `-f V`, `-fV`, `--flag V` or `--flag=V` (last wins).
    fn value_of(&self, names: &[&str]) -> Option<&str> {
        let mut found = None;
        let mut it = self.0.iter().enumerate();
        while let Some((i, a)) = it.next() {
            if a == "--" {
                break;
            }
            for n in names {
                if a == n {
                    found = self.0.get(i + 1).map(String::as_str);
                    it.next();
                } else if let Some(v) = a.strip_prefix(n) {
                    if n.starts_with("--") {
                        if let Some(v) = v.strip_prefix('=') {
                            found = Some(v);
                        }
                    } else if !v.is_empty() {
                        found = Some(v.strip_prefix('=').unwrap_or(v));
                    }
                }
            }
        }
        found
    }

    fn has(&self, flag: &str) -> bool {
        self.0.iter().take_while(|a| *a != "--").any(|a| a == flag)
    }

    /// How merged counts and tops print, from the remote `-o`.
    pub fn shape(&self) -> Shape {
        Shape::of(self.output())
    }

    /// The merge mode the remote command calls for.
    pub fn mode(&self) -> Result<Mode, String> {
        if let Some(n) = self.value_of(&["--top"]) {
            let n: usize = n
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("fleet: --top {n:?} in the remote command is not a number from 1"))?;
            return Ok(Mode::Top(n));
        }
        if self.has("--count") {
            return Ok(Mode::Count);
        }
        if self.shape() == Shape::Jsonl {
            return Ok(Mode::Jsonl);
        }
        Ok(Mode::Text)
    }

    /// The command each node runs: for `--count` and `--top` the answer is asked for as JSON
    /// (and `--top` deeper, so that the merged top is exact unless a node has more groups).
    pub fn for_nodes(&self, mode: &Mode) -> (Vec<String>, Option<usize>) {
        match mode {
            Mode::Count => (self.with_output("json", None), None),
            Mode::Top(n) => {
                let depth = top_depth(*n);
                (self.with_output("json", Some(depth)), Some(depth))
            }
            _ => (self.0.clone(), None),
        }
    }

    /// The command with `-o` replaced by `format` (and `--top` by `top`), for diff and merges.
    pub fn with_output(&self, format: &str, top: Option<usize>) -> Vec<String> {
        let mut out = Vec::with_capacity(self.0.len() + 2);
        let mut it = self.0.iter().peekable();
        let mut rest = Vec::new();
        while let Some(a) = it.next() {
            if a == "--" {
                rest.push(a.clone());
                rest.extend(it.by_ref().cloned());
                break;
            }
            let skip_value = |name: &str| a == name;
            if skip_value("-o") || skip_value("--output") || (top.is_some() && skip_value("--top")) {
                it.next();
                continue;
            }
            if a.starts_with("--output=")
                || (a.starts_with("-o") && a.len() > 2)
                || (top.is_some() && a.starts_with("--top="))
            {
                continue;
            }
            out.push(a.clone());
        }
        out.push("-o".into());
        out.push(format.into());
        if let Some(t) = top {
            out.push("--top".into());
            out.push(t.to_string());
        }
        out.extend(rest);
        out
    }
}

/// How many groups each node is asked for when the fleet shows the top `n`.
pub fn top_depth(n: usize) -> usize {
    n.saturating_mul(20).max(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> RemoteArgs {
        RemoteArgs(s.split_whitespace().map(String::from).collect())
    }

    #[test]
    fn output_is_found_in_every_spelling() {
        assert_eq!(args("bpf lb list -o jsonl").output(), Some("jsonl"));
        assert_eq!(args("bpf lb list -ojsonl").output(), Some("jsonl"));
        assert_eq!(args("bpf lb list --output jsonl").output(), Some("jsonl"));
        assert_eq!(args("bpf lb list --output=json").output(), Some("json"));
        assert_eq!(args("bpf lb list").output(), None);
        assert_eq!(args("bpf lb list --ip 10.0.0.1").output(), None);
    }

    #[test]
    fn the_mode_comes_from_the_remote_flags() {
        assert_eq!(args("bpf lb list").mode(), Ok(Mode::Text));
        assert_eq!(args("bpf lb list -o jsonl").mode(), Ok(Mode::Jsonl));
        assert_eq!(args("bpf lb list -o json-lines").mode(), Ok(Mode::Jsonl));
        assert_eq!(args("bpf ct list global --count").mode(), Ok(Mode::Count));
        assert_eq!(args("bpf ct list global --top 3 --by dst").mode(), Ok(Mode::Top(3)));
        assert_eq!(args("bpf ct list global --top=5").mode(), Ok(Mode::Top(5)));
        assert!(args("bpf ct list global --top x").mode().is_err());
    }

    #[test]
    fn merges_ask_nodes_for_json_and_a_deeper_top() {
        let a = args("bpf ct list global --top 3 --by dst -o jsonl");
        let (argv, depth) = a.for_nodes(&Mode::Top(3));
        assert_eq!(argv.join(" "), "bpf ct list global --by dst -o json --top 1000");
        assert_eq!(depth, Some(1000));
        let a = args("bpf lb list --count --output=yaml");
        let (argv, _) = a.for_nodes(&Mode::Count);
        assert_eq!(argv.join(" "), "bpf lb list --count -o json");
        let a = args("bpf lb list -o json");
        assert_eq!(a.with_output("jsonl", None).join(" "), "bpf lb list -o jsonl");
    }
}
