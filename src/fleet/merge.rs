//! Merging the nodes' answers: text grouped under `== node ==` (spooled to a temp file past a
//! small buffer) or prefixed line by line, jsonl records tagged with `"node"`, `--count` summed and
//! `--top` groups summed with a per-node breakdown, and the failed-nodes table.

use std::collections::HashMap;
use std::io::{self, Read, Seek, Write};

use serde::Deserialize;

use super::transport::Run;
use super::Node;
use crate::output::sanitize;
use crate::output::table::tabwriter;

/// Bytes of a node's output kept in memory before it goes to a temp file.
const SPOOL_MEMORY: usize = 256 * 1024;

/// One merge strategy: fed lines and outcomes as they come, then finished.
pub trait Merger {
    fn line(&mut self, out: &mut dyn Write, node: usize, line: &[u8]) -> io::Result<()>;
    fn done(&mut self, out: &mut dyn Write, node: usize, run: &Run) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()>;
}

/// A node's output until the node is done: memory first, then an unnamed temp file.
#[derive(Default)]
struct Spool {
    mem: Vec<u8>,
    file: Option<std::fs::File>,
}

impl Spool {
    fn push(&mut self, b: &[u8]) -> io::Result<()> {
        if let Some(f) = &mut self.file {
            return f.write_all(b);
        }
        if self.mem.len() + b.len() > SPOOL_MEMORY {
            let mut f = tempfile::tempfile()?;
            f.write_all(&self.mem)?;
            f.write_all(b)?;
            self.mem = Vec::new();
            self.file = Some(f);
            return Ok(());
        }
        self.mem.extend_from_slice(b);
        Ok(())
    }

    fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(&self.mem)?;
        if let Some(mut f) = self.file {
            f.rewind()?;
            let mut r = io::BufReader::new(f);
            io::copy(&mut r, out)?;
        }
        Ok(())
    }

    fn into_bytes(self) -> io::Result<Vec<u8>> {
        let mut v = self.mem;
        if let Some(mut f) = self.file {
            f.rewind()?;
            f.read_to_end(&mut v)?;
        }
        Ok(v)
    }
}

/// Text: each node's output under `== node ==`, a node at a time as they finish.
pub struct Grouped<'a> {
    nodes: &'a [Node],
    spools: HashMap<usize, Spool>,
    printed: usize,
}

impl<'a> Grouped<'a> {
    pub fn new(nodes: &'a [Node]) -> Self {
        Grouped {
            nodes,
            spools: HashMap::new(),
            printed: 0,
        }
    }
}

impl Merger for Grouped<'_> {
    fn line(&mut self, _: &mut dyn Write, node: usize, line: &[u8]) -> io::Result<()> {
        self.spools.entry(node).or_default().push(line)
    }

    fn done(&mut self, out: &mut dyn Write, node: usize, _: &Run) -> io::Result<()> {
        if self.printed > 0 {
            writeln!(out)?;
        }
        self.printed += 1;
        writeln!(out, "== {} ==", sanitize::text(&self.nodes[node].name))?;
        let spool = self.spools.remove(&node).unwrap_or_default();
        let ends_open = spool.file.is_none() && !spool.mem.is_empty() && !spool.mem.ends_with(b"\n");
        spool.copy_to(out)?;
        if ends_open {
            writeln!(out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// Text with `--prefix`: every line as it comes, `[node] line`.
pub struct Prefixed<'a> {
    pub nodes: &'a [Node],
}

impl Merger for Prefixed<'_> {
    fn line(&mut self, out: &mut dyn Write, node: usize, line: &[u8]) -> io::Result<()> {
        write!(out, "[{}] ", sanitize::text(&self.nodes[node].name))?;
        out.write_all(line)?;
        if !line.ends_with(b"\n") {
            writeln!(out)?;
        }
        Ok(())
    }

    fn done(&mut self, _: &mut dyn Write, _: usize, _: &Run) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// `-o jsonl`: each record with `"node"` first, streamed as it comes; other lines pass unchanged.
pub struct Jsonl {
    /// `{"node":"NAME",` per node, JSON-escaped once.
    heads: Vec<String>,
}

impl Jsonl {
    pub fn new(nodes: &[Node]) -> Self {
        let heads = nodes
            .iter()
            .map(|n| format!("{{\"node\":{}", serde_json::Value::String(n.name.clone())))
            .collect();
        Jsonl { heads }
    }
}

/// `line` with `"node"` added when it is a JSON object line.
pub fn tag_record(head: &str, line: &[u8]) -> Option<Vec<u8>> {
    let body = line.strip_prefix(b"{")?;
    let mut v = Vec::with_capacity(head.len() + line.len() + 1);
    v.extend_from_slice(head.as_bytes());
    let rest = body.trim_ascii_start();
    if !rest.starts_with(b"}") {
        v.push(b',');
    }
    v.extend_from_slice(body);
    if !v.ends_with(b"\n") {
        v.push(b'\n');
    }
    Some(v)
}

impl Merger for Jsonl {
    fn line(&mut self, out: &mut dyn Write, node: usize, line: &[u8]) -> io::Result<()> {
        match tag_record(&self.heads[node], line) {
            Some(v) => out.write_all(&v),
            None => out.write_all(line),
        }
    }

    fn done(&mut self, _: &mut dyn Write, _: usize, _: &Run) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, _: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

pub use crate::output::merged::Shape;

/// `--count`: the nodes' `{"count": N}` answers summed.
pub struct Count<'a> {
    nodes: &'a [Node],
    shape: Shape,
    spools: HashMap<usize, Spool>,
    counts: Vec<Option<u64>>,
}

impl<'a> Count<'a> {
    pub fn new(nodes: &'a [Node], shape: Shape) -> Self {
        Count {
            nodes,
            shape,
            spools: HashMap::new(),
            counts: vec![None; nodes.len()],
        }
    }
}

#[derive(Deserialize)]
struct CountDoc {
    count: u64,
}

impl Merger for Count<'_> {
    fn line(&mut self, _: &mut dyn Write, node: usize, line: &[u8]) -> io::Result<()> {
        self.spools.entry(node).or_default().push(line)
    }

    fn done(&mut self, _: &mut dyn Write, node: usize, run: &Run) -> io::Result<()> {
        let bytes = self.spools.remove(&node).unwrap_or_default().into_bytes()?;
        if run.outcome.ok() {
            self.counts[node] = serde_json::from_slice::<CountDoc>(&bytes).ok().map(|d| d.count);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let total: u64 = self.counts.iter().flatten().sum();
        let answered = || {
            self.nodes
                .iter()
                .zip(&self.counts)
                .filter_map(|(n, c)| Some((n, (*c)?)))
        };
        match self.shape {
            Shape::Table => {
                let mut tw = tabwriter(&mut *out, 5, 3);
                writeln!(tw, "NODE\tCOUNT")?;
                for (n, c) in answered() {
                    writeln!(tw, "{}\t{c}", sanitize::text(&n.name))?;
                }
                writeln!(tw, "TOTAL\t{total}")?;
                tw.flush()
            }
            Shape::Json => {
                let nodes: Vec<_> = answered()
                    .map(|(n, c)| serde_json::json!({"node": n.name, "count": c}))
                    .collect();
                let doc = serde_json::json!({"count": total, "nodes": nodes});
                Shape::document(out, &doc)
            }
            Shape::Jsonl => {
                for (n, c) in answered() {
                    serde_json::to_writer(&mut *out, &serde_json::json!({"node": n.name, "count": c}))?;
                    writeln!(out)?;
                }
                Ok(())
            }
        }
    }
}

#[derive(Deserialize)]
struct TopDoc {
    by: String,
    matched: u64,
    groups: Vec<TopGroup>,
}

#[derive(Deserialize)]
struct TopGroup {
    key: String,
    count: u64,
}

/// `--top N`: every node's groups summed by key; the N largest with the nodes they come from.
pub struct Top<'a> {
    nodes: &'a [Node],
    shape: Shape,
    n: usize,
    depth: usize,
    spools: HashMap<usize, Spool>,
    by: Option<String>,
    matched: u64,
    answered: usize,
    groups: HashMap<String, Vec<(usize, u64)>>,
    /// Nodes that returned as many groups as asked for: their smaller groups were cut.
    cut: Vec<usize>,
}

impl<'a> Top<'a> {
    pub fn new(nodes: &'a [Node], shape: Shape, n: usize, depth: usize) -> Self {
        Top {
            nodes,
            shape,
            n,
            depth,
            spools: HashMap::new(),
            by: None,
            matched: 0,
            answered: 0,
            groups: HashMap::new(),
            cut: Vec::new(),
        }
    }
}

impl Merger for Top<'_> {
    fn line(&mut self, _: &mut dyn Write, node: usize, line: &[u8]) -> io::Result<()> {
        self.spools.entry(node).or_default().push(line)
    }

    fn done(&mut self, _: &mut dyn Write, node: usize, run: &Run) -> io::Result<()> {
        let bytes = self.spools.remove(&node).unwrap_or_default().into_bytes()?;
        if !run.outcome.ok() {
            return Ok(());
        }
        let Ok(doc) = serde_json::from_slice::<TopDoc>(&bytes) else {
            return Ok(());
        };
        self.answered += 1;
        self.matched += doc.matched;
        if doc.groups.len() >= self.depth {
            self.cut.push(node);
        }
        self.by.get_or_insert(doc.by);
        for g in doc.groups {
            self.groups.entry(g.key).or_default().push((node, g.count));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        type Row<'r> = (u64, &'r String, &'r Vec<(usize, u64)>);
        let mut rows: Vec<Row<'_>> = self
            .groups
            .iter()
            .map(|(k, v)| (v.iter().map(|(_, c)| c).sum(), k, v))
            .collect();
        rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        rows.truncate(self.n);
        let by = self.by.clone().unwrap_or_else(|| "key".into());
        let share = |c: u64| {
            if self.matched == 0 {
                0.0
            } else {
                c as f64 * 100.0 / self.matched as f64
            }
        };
        let breakdown = |v: &Vec<(usize, u64)>| {
            let mut v = v.clone();
            v.sort_by_key(|(i, _)| *i);
            v
        };
        match self.shape {
            Shape::Table => {
                let mut tw = tabwriter(&mut *out, 5, 3);
                writeln!(tw, "{}\tENTRIES\tSHARE\tNODES", by.to_uppercase())?;
                for (total, key, per) in &rows {
                    let nodes: Vec<String> = breakdown(per)
                        .iter()
                        .map(|(i, c)| format!("{}={c}", sanitize::text(&self.nodes[*i].name)))
                        .collect();
                    writeln!(
                        tw,
                        "{}\t{total}\t{:.1}%\t{}",
                        sanitize::text(key),
                        share(*total),
                        nodes.join(" ")
                    )?;
                }
                tw.flush()?;
                writeln!(out, "({} matching entries on {} nodes)", self.matched, self.answered)?;
                if !self.cut.is_empty() {
                    let names: Vec<_> = self.cut.iter().map(|i| self.nodes[*i].name.as_str()).collect();
                    writeln!(
                        out,
                        "(approximate: {} had more than {} groups; smaller groups there are not counted)",
                        names.join(", "),
                        self.depth
                    )?;
                }
                Ok(())
            }
            Shape::Json | Shape::Jsonl => {
                let groups: Vec<_> = rows
                    .iter()
                    .map(|(total, key, per)| {
                        let nodes: serde_json::Map<String, serde_json::Value> = breakdown(per)
                            .iter()
                            .map(|(i, c)| (self.nodes[*i].name.clone(), (*c).into()))
                            .collect();
                        serde_json::json!({"key": key, "count": total, "nodes": nodes})
                    })
                    .collect();
                if self.shape == Shape::Jsonl {
                    for g in groups {
                        serde_json::to_writer(&mut *out, &g)?;
                        writeln!(out)?;
                    }
                    return Ok(());
                }
                let doc = serde_json::json!({
                    "by": by, "matched": self.matched, "nodes": self.answered,
                    "approximate": !self.cut.is_empty(), "groups": groups,
                });
                Shape::document(out, &doc)
            }
        }
    }
}

/// The failed-nodes table (for stderr): node, reason, exit code, last line of stderr.
pub fn failed_table(out: &mut dyn Write, failed: &[(&Node, &Run)], total: usize) -> io::Result<()> {
    if failed.is_empty() {
        return Ok(());
    }
    writeln!(out, "{} of {} nodes failed:", failed.len(), total)?;
    let mut tw = tabwriter(&mut *out, 5, 3);
    writeln!(tw, "NODE\tREASON\tEXIT\tSTDERR")?;
    for (node, run) in failed {
        let last = run
            .stderr_tail
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        let last: String = last.chars().take(160).collect();
        writeln!(
            tw,
            "{}\t{}\t{}\t{}",
            sanitize::text(&node.name),
            sanitize::text(&run.outcome.to_string()),
            run.outcome.code(),
            sanitize::text(&last)
        )?;
    }
    tw.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::Outcome;

    fn ok() -> Run {
        Run {
            outcome: Outcome::Exited(0),
            stderr_tail: String::new(),
        }
    }

    fn nodes() -> Vec<Node> {
        ["cilium-m1", "cilium-w1", "cilium-w2"]
            .iter()
            .map(|n| Node::named(n))
            .collect()
    }

    #[test]
    fn records_get_the_node_first() {
        let head = "{\"node\":\"cilium-w1\"";
        assert_eq!(
            tag_record(head, b"{\"ip\":\"10.0.0.1\"}\n").unwrap(),
            b"{\"node\":\"cilium-w1\",\"ip\":\"10.0.0.1\"}\n"
        );
        assert_eq!(tag_record(head, b"{}\n").unwrap(), b"{\"node\":\"cilium-w1\"}\n");
        assert!(tag_record(head, b"No entries found.\n").is_none());
        let j = Jsonl::new(&[Node::named("we\"ird")]);
        assert_eq!(j.heads[0], "{\"node\":\"we\\\"ird\"");
    }

    #[test]
    fn groups_print_in_completion_order_with_headers() {
        let n = nodes();
        let mut g = Grouped::new(&n);
        let mut out = Vec::new();
        g.line(&mut out, 1, b"w1 line\n").unwrap();
        g.line(&mut out, 0, b"m1 line\n").unwrap();
        g.done(&mut out, 1, &ok()).unwrap();
        g.done(&mut out, 0, &ok()).unwrap();
        g.done(&mut out, 2, &ok()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "== cilium-w1 ==\nw1 line\n\n== cilium-m1 ==\nm1 line\n\n== cilium-w2 ==\n"
        );
    }

    #[test]
    fn a_big_group_spills_to_disk_and_comes_back_whole() {
        let n = nodes();
        let mut g = Grouped::new(&n);
        let mut out = Vec::new();
        let line = [b'x'; 1023].iter().chain(b"\n").copied().collect::<Vec<u8>>();
        for _ in 0..1000 {
            g.line(&mut out, 0, &line).unwrap();
        }
        assert!(g.spools[&0].file.is_some());
        g.done(&mut out, 0, &ok()).unwrap();
        assert_eq!(out.len(), "== cilium-m1 ==\n".len() + 1000 * 1024);
    }

    #[test]
    fn counts_are_summed_with_a_breakdown() {
        let n = nodes();
        let mut c = Count::new(&n, Shape::Table);
        let mut out = Vec::new();
        c.line(&mut out, 0, b"{\n  \"count\": 47\n}\n").unwrap();
        c.done(&mut out, 0, &ok()).unwrap();
        c.line(&mut out, 2, b"{\"count\": 46}\n").unwrap();
        c.done(&mut out, 2, &ok()).unwrap();
        let failed = Run {
            outcome: Outcome::TimedOut,
            stderr_tail: String::new(),
        };
        c.done(&mut out, 1, &failed).unwrap();
        c.finish(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "NODE        COUNT\ncilium-m1   47\ncilium-w2   46\nTOTAL       93\n"
        );
    }

    #[test]
    fn tops_are_merged_exactly_and_say_where_groups_come_from() {
        let n = nodes();
        let mut t = Top::new(&n, Shape::Table, 2, 1000);
        let mut out = Vec::new();
        let a =
            br#"{"by":"service","matched":10,"groups":[{"key":"10.96.0.10:53","count":6},{"key":"a:1","count":4}]}"#;
        let b =
            br#"{"by":"service","matched":10,"groups":[{"key":"b:2","count":5},{"key":"10.96.0.10:53","count":5}]}"#;
        t.line(&mut out, 0, a).unwrap();
        t.done(&mut out, 0, &ok()).unwrap();
        t.line(&mut out, 1, b).unwrap();
        t.done(&mut out, 1, &ok()).unwrap();
        t.finish(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "SERVICE         ENTRIES   SHARE   NODES\n\
             10.96.0.10:53   11        55.0%   cilium-m1=6 cilium-w1=5\n\
             b:2             5         25.0%   cilium-w1=5\n\
             (20 matching entries on 2 nodes)\n"
        );
    }

    #[test]
    fn the_failed_table_names_reason_code_and_stderr() {
        let n = nodes();
        let runs = [
            Run {
                outcome: Outcome::TimedOut,
                stderr_tail: String::new(),
            },
            Run {
                outcome: Outcome::Exited(1),
                stderr_tail: "Error: cannot open cilium_lxc\n\n".into(),
            },
        ];
        let failed = [(&n[1], &runs[0]), (&n[2], &runs[1])];
        let mut out = Vec::new();
        failed_table(&mut out, &failed, 3).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2 of 3 nodes failed:\n\
             NODE        REASON          EXIT   STDERR\n\
             cilium-w1   timed out       -      \n\
             cilium-w2   exit status 1   1      Error: cannot open cilium_lxc\n"
        );
    }
}
