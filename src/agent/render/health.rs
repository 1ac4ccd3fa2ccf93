//! cilium-health's answer as `status` prints it (pkg/health/client `FormatHealthStatusResponse`),
//! per release, and the agent's module health table ("Modules Health", `GetAndFormatModulesHealth`):
//! cells for the status tabwriter.

use std::fmt::Write as _;

use crate::agent::models::{self, HealthStatusResponse};
use crate::agent::statedb::HealthStatus;
use crate::release::Version;

/// `FormatHealthStatusResponse` as the given release prints it: cells for the outer tabwriter.
/// 1.16 is the succinct form (`reachable`/`unreachable` words, indented header only when rows
/// follow); 1.17 has no probe interval and no `(Last probed: …)` cells; 1.18 has both.
pub fn format_health(
    sr: &HealthStatusResponse,
    v: Version,
    all_nodes: bool,
    verbose: bool,
    max_lines: usize,
) -> String {
    if v == Version::V1_16 {
        return format_health_116(sr, all_nodes, max_lines);
    }
    let mut w = String::new();
    let local = sr.local.as_ref().map(|l| l.name.as_str());
    let healthy = sr.nodes.iter().filter(|n| node_healthy(n)).count();
    let _ = write!(
        w,
        "Cluster health:\t{}/{} reachable\t({})",
        healthy,
        sr.nodes.len(),
        sr.timestamp
    );
    if v == Version::V1_18 {
        let _ = write!(w, "\t(Probe interval: {})", sr.probe_interval);
    }
    w.push('\n');
    w.push_str("Name\tIP\tNode\tEndpoints\n");
    let probed = v == Version::V1_18;
    let mut printed = 0usize;
    let localhost = sr.nodes.iter().find(|n| Some(n.name.as_str()) == local);
    if let Some(n) = localhost {
        if format_node(&mut w, n, all_nodes, verbose, true, probed) {
            printed += 1;
        }
    }
    let mut nodes: Vec<&models::HealthNode> = sr.nodes.iter().collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    for n in nodes {
        if printed == max_lines {
            break;
        }
        if Some(n.name.as_str()) == local {
            continue;
        }
        if format_node(&mut w, n, all_nodes, verbose, false, probed) {
            printed += 1;
        }
    }
    if sr.nodes.len() as i64 - printed as i64 - healthy as i64 > 0 {
        w.push_str("  ...\n");
    }
    w
}

#[derive(PartialEq)]
enum Conn {
    Reachable,
    Unreachable,
    Unknown,
}

fn conn(cs: &Option<models::ConnectivityStatus>) -> Conn {
    match cs {
        None => Conn::Unknown,
        Some(c) if c.status.is_empty() => Conn::Reachable,
        Some(_) => Conn::Unreachable,
    }
}

fn path_conn(p: Option<&models::PathStatus>) -> Conn {
    let Some(p) = p else { return Conn::Unreachable };
    let mut s = Conn::Reachable;
    for c in [&p.icmp, &p.http] {
        match conn(c) {
            Conn::Unreachable => return Conn::Unreachable,
            Conn::Unknown => s = Conn::Unknown,
            Conn::Reachable => {}
        }
    }
    s
}

/// (reachable, unknown, total, healthy) over a node's primary and secondary paths.
fn summarize(h: Option<&models::HealthHost>) -> (usize, usize, usize, bool) {
    let Some(h) = h else { return (0, 0, 0, true) };
    let mut r = (0, 0, 1 + h.secondary_addresses.len(), true);
    let paths = std::iter::once(h.primary_address.as_ref()).chain(h.secondary_addresses.iter().map(|p| p.as_ref()));
    for p in paths {
        match path_conn(p) {
            Conn::Reachable => r.0 += 1,
            Conn::Unknown => r.1 += 1,
            Conn::Unreachable => r.3 = false,
        }
    }
    r
}

fn node_healthy(n: &models::HealthNode) -> bool {
    summarize(n.host.as_ref()).3 && summarize(n.health_endpoint.as_ref()).3
}

fn format_node(
    w: &mut String,
    n: &models::HealthNode,
    all: bool,
    verbose: bool,
    localhost: bool,
    probed: bool,
) -> bool {
    let local = if localhost { " (localhost)" } else { "" };
    if verbose {
        let _ = writeln!(w, "  {}{}:", n.name, local);
        let host = n.host.as_ref();
        format_path(
            w,
            "Host",
            host.and_then(|h| h.primary_address.as_ref()),
            verbose,
            probed,
        );
        for a in host.map(|h| h.secondary_addresses.as_slice()).unwrap_or_default() {
            format_path(w, "Secondary Host", a.as_ref(), verbose, probed);
        }
        let ep = n.health_endpoint.as_ref();
        format_path(
            w,
            "Endpoint",
            ep.and_then(|h| h.primary_address.as_ref()),
            verbose,
            probed,
        );
        for a in ep.map(|h| h.secondary_addresses.as_slice()).unwrap_or_default() {
            format_path(w, "Secondary Endpoint", a.as_ref(), verbose, probed);
        }
        return true;
    }
    let (hr, hu, ht, hh) = summarize(n.host.as_ref());
    let (er, eu, et, eh) = summarize(n.health_endpoint.as_ref());
    if (hh && eh) && !all {
        return false;
    }
    let ip = n
        .host
        .as_ref()
        .and_then(|h| h.primary_address.as_ref())
        .map(|p| p.ip.as_str())
        .unwrap_or("Unavailable");
    let _ = write!(w, "  {}{}\t{}", n.name, local, ip);
    for a in n.host.iter().flat_map(|h| h.secondary_addresses.iter().flatten()) {
        let _ = write!(w, ",{}", a.ip);
    }
    let _ = write!(w, "\t{hr}/{ht}");
    if hu > 0 {
        let _ = write!(w, " ({hu} unknown)");
    }
    let _ = write!(w, "\t{er}/{et}");
    if eu > 0 {
        let _ = write!(w, " ({eu} unknown)");
    }
    w.push('\n');
    true
}

/// One probed path; `probed` adds 1.18's `(Last probed: …)` cell.
fn format_path(w: &mut String, name: &str, p: Option<&models::PathStatus>, verbose: bool, probed: bool) {
    let Some(p) = p else {
        if verbose {
            let _ = writeln!(w, "    {name} connectivity:\tnil");
        }
        return;
    };
    let _ = writeln!(w, "    {name} connectivity to {}:", p.ip);
    for (label, c) in [("ICMP to stack", &p.icmp), ("HTTP to agent", &p.http)] {
        if let Some(c) = c {
            let res = if c.status.is_empty() {
                format!("OK, RTT={}", crate::gotime::duration_string(c.latency))
            } else {
                c.status.clone()
            };
            if probed {
                let _ = writeln!(w, "      {label}:\t{res}\t(Last probed: {})", c.last_probed);
            } else {
                let _ = writeln!(w, "      {label}:\t{res}");
            }
        }
    }
}

/// 1.16's succinct form (`FormatHealthStatusResponse(w, sr, printAll, succinct=true, …)`): one
/// line per node with `reachable`/`unreachable`/`unknown` summaries, printed for every node only
/// with `printAll` (`--verbose`/`--all-health`), else only for unhealthy nodes.
fn format_health_116(sr: &HealthStatusResponse, print_all: bool, max_lines: usize) -> String {
    let mut w = String::new();
    let local = sr.local.as_ref().map(|l| l.name.as_str());
    let healthy = sr.nodes.iter().filter(|n| node_healthy(n)).count();
    let _ = writeln!(
        w,
        "Cluster health:\t{}/{} reachable\t({})",
        healthy,
        sr.nodes.len(),
        sr.timestamp
    );
    if print_all || healthy < sr.nodes.len() {
        w.push_str("  Name\tIP\tNode\tEndpoints\n");
    }
    let mut max = max_lines as i64;
    let localhost = sr.nodes.iter().find(|n| Some(n.name.as_str()) == local);
    if let Some(n) = localhost {
        succinct_row(&mut w, n, print_all, true);
        max -= 1;
    }
    let mut nodes: Vec<&models::HealthNode> = sr.nodes.iter().collect();
    nodes.sort_by(|a, b| a.name.cmp(&b.name));
    for (i, n) in nodes.iter().enumerate() {
        if max > 0 && i as i64 > max {
            break;
        }
        if Some(n.name.as_str()) == local {
            continue;
        }
        succinct_row(&mut w, n, print_all, false);
    }
    // The succinct client prints this without a newline: `fmt.Fprintf(w, "  ...")` in
    // pkg/health/client `FormatHealthStatusResponse` (checked in its public source; the loop
    // and both limits above are the same there).
    if max > 0 && (sr.nodes.len() - healthy) as i64 > max {
        w.push_str("  ...");
    }
    w
}

/// `SummarizePathConnectivityStatusType` over primary and secondary paths, as a word.
fn summary_word(h: Option<&models::HealthHost>) -> &'static str {
    let Some(h) = h else { return "reachable" };
    let paths = std::iter::once(h.primary_address.as_ref()).chain(h.secondary_addresses.iter().map(|p| p.as_ref()));
    let mut s = "reachable";
    for p in paths {
        match path_conn(p) {
            Conn::Unreachable => return "unreachable",
            Conn::Unknown => s = "unknown",
            Conn::Reachable => {}
        }
    }
    s
}

fn succinct_row(w: &mut String, n: &models::HealthNode, print_all: bool, localhost: bool) {
    if !print_all && node_healthy(n) {
        return;
    }
    let mut ips = vec![n
        .host
        .as_ref()
        .and_then(|h| h.primary_address.as_ref())
        .map(|p| p.ip.as_str())
        .unwrap_or("Unavailable")];
    ips.extend(
        n.host
            .iter()
            .flat_map(|h| h.secondary_addresses.iter().flatten())
            .map(|a| a.ip.as_str()),
    );
    let _ = writeln!(
        w,
        "  {}{}\t{}\t{}\t{}",
        n.name,
        if localhost { " (localhost)" } else { "" },
        ips.join(","),
        summary_word(n.host.as_ref()),
        summary_word(n.health_endpoint.as_ref())
    );
}

// ---------------------------------------------------------------------------------------------
// Modules Health

/// The "Modules Health" part of `status` (pkg/health/client `GetAndFormatModulesHealth` and its
/// caller), as cells for the status tabwriter. `tree` (`--verbose`/`--all-health`) prints the
/// module tree, otherwise the level counts. 1.18 starts the tree on the heading line and adds an
/// empty line after either form.
pub fn format_modules_health(ss: &[HealthStatus], v: Version, tree: bool, now_ns: i128) -> String {
    let mut w = String::from("Modules Health:");
    let v118 = v == Version::V1_18;
    if tree {
        let mut sorted: Vec<&HealthStatus> = ss.iter().collect();
        sorted.sort_by_key(|s| s.id.path());
        let body = render_tree(&sorted, now_ns).replace('\n', "\n\t\t");
        if !v118 {
            w.push('\n');
        }
        let _ = writeln!(w, "\t\t{body}");
    } else {
        let count = |l: &str| ss.iter().filter(|s| s.level == l).count();
        let _ = writeln!(
            w,
            "\tStopped({}) Degraded({}) OK({})",
            count("Stopped"),
            count("Degraded"),
            count("OK")
        );
    }
    if v118 {
        w.push('\n');
    }
    w
}

/// A node of the module tree (pkg/health/client tree.go).
#[derive(Default)]
struct TreeNode {
    val: String,
    meta: String,
    /// Whether this node carries a report (a leaf's status); moved down when children appear.
    report: Option<String>,
    nodes: Vec<TreeNode>,
}

/// `upsertTree`: insert a report under its dotted path; a node that had its own report and gets
/// children moves that report to a `[reporter]` child, so reports only sit on leaves.
fn upsert(n: &mut TreeNode, meta: &str, stack: &[&str]) {
    if let [name] = stack {
        if let Some(c) = n.nodes.iter_mut().find(|c| c.val == *name) {
            c.meta = meta.to_string();
            c.report = Some(meta.to_string());
            return;
        }
        n.nodes.push(TreeNode {
            val: name.to_string(),
            meta: meta.to_string(),
            report: Some(meta.to_string()),
            nodes: Vec::new(),
        });
        return;
    }
    let (pop, rest) = (stack[0], &stack[1..]);
    if let Some(c) = n.nodes.iter_mut().find(|c| c.val == pop) {
        if let Some(r) = c.report.take() {
            c.meta.clear();
            upsert(c, &r, &["[reporter]"]);
        }
        upsert(c, meta, rest);
        return;
    }
    n.nodes.push(TreeNode {
        val: pop.to_string(),
        ..TreeNode::default()
    });
    let last = n.nodes.last_mut().expect("just pushed");
    upsert(last, meta, rest);
}

/// The tree as text: the root line, then `├── `/`└── ` branches; a leaf's meta starts at
/// column 44 + 4·(deepest level), as `dumpVals` pads names to `leafMaxWidth` (40) + 2 per level.
fn render_tree(ss: &[&HealthStatus], now_ns: i128) -> String {
    let mut root = TreeNode::default();
    for s in ss {
        let meta = format!(
            "[{}] {} ({}, x{})",
            s.level.to_uppercase(),
            s.message,
            age_human(&s.updated, now_ns),
            s.count
        );
        let path = s.id.path();
        let stack: Vec<&str> = path.split('.').collect();
        upsert(&mut root, &meta, &stack);
    }
    let Some(top) = root.nodes.first() else {
        return String::new();
    };
    let mut w = top.val.clone();
    if !top.meta.is_empty() {
        w.push(' ');
        w.push_str(&top.meta);
    }
    w.push('\n');
    let max = max_level(0, top);
    dump_nodes(&mut w, 0, max, &mut Vec::new(), &top.nodes);
    w
}

fn max_level(level: usize, n: &TreeNode) -> usize {
    n.nodes.iter().map(|c| max_level(level + 1, c)).max().unwrap_or(level)
}

fn dump_nodes(w: &mut String, level: usize, max: usize, ended: &mut Vec<usize>, nodes: &[TreeNode]) {
    let depth = ended.len();
    for (i, n) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        if last {
            ended.push(level);
        }
        for l in 0..level {
            w.push_str(if ended.contains(&l) { "    " } else { "│   " });
        }
        let edge = if last { "└──" } else { "├──" };
        if n.meta.is_empty() {
            let _ = writeln!(w, "{edge} {}", n.val);
        } else {
            let c = max.saturating_sub(level);
            let width = 40 + c * 2;
            let _ = writeln!(w, "{edge} {:<width$}{}{}", n.val, "  ".repeat(c), n.meta);
        }
        if !n.nodes.is_empty() {
            dump_nodes(w, level + 1, max, ended, &n.nodes);
        }
    }
    ended.truncate(depth);
}

/// `ToAgeHuman`: `n/a` for the zero time, else k8s `HumanDuration(now − t)`.
fn age_human(updated: &str, now_ns: i128) -> String {
    let Ok(t) = updated.parse::<jiff::Timestamp>() else {
        return "n/a".into();
    };
    if t.as_second() == -62_135_596_800 && t.subsec_nanosecond() == 0 {
        return "n/a".into();
    }
    let secs = ((now_ns - t.as_nanosecond()) / 1_000_000_000) as i64;
    human_duration(secs)
}

/// k8s.io/apimachinery `duration.HumanDuration`, from whole seconds.
pub fn human_duration(secs: i64) -> String {
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    if secs < 120 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        let s = secs % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = secs / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::statedb::HealthId;

    fn st(module: &[&str], comp: &[&str], level: &str, age: i64) -> HealthStatus {
        HealthStatus {
            id: HealthId {
                module: Some(module.iter().map(|s| s.to_string()).collect()),
                component: Some(comp.iter().map(|s| s.to_string()).collect()),
            },
            level: level.into(),
            message: "OK".into(),
            updated: crate::gotime::format_rfc3339_ms(1_000_000_000_000_000_000 - age as i128 * 1_000_000_000),
            count: 1,
        }
    }

    #[test]
    fn human_durations() {
        assert_eq!(human_duration(45), "45s");
        assert_eq!(human_duration(150), "2m30s");
        assert_eq!(human_duration(1260), "21m");
        assert_eq!(human_duration(4 * 3600 + 60), "4h1m");
        assert_eq!(human_duration(30 * 3600), "30h");
        assert_eq!(human_duration(3 * 86400 + 3600), "3d1h");
    }

    /// The fidelity example: meta at tree column 44 + 4·M, M = 4 (deepest leaf).
    #[test]
    fn tree_pads_leaves_to_the_deepest_level() {
        let now = 1_000_000_000_000_000_000i128;
        let ss = [
            st(
                &["agent", "controlplane", "auth"],
                &["timer-job-auth-gc-cleanup"],
                "OK",
                1260,
            ),
            st(&["agent", "controlplane", "auth"], &["a", "b"], "OK", 1260),
            st(&["agent", "controlplane", "zz"], &["y"], "OK", 1260),
            st(&["agent", "datapath"], &["x"], "OK", 1260),
        ];
        let mut refs: Vec<&HealthStatus> = ss.iter().collect();
        refs.sort_by_key(|s| s.id.path());
        let t = render_tree(&refs, now);
        let line = t.lines().find(|l| l.contains("timer-job")).unwrap();
        assert_eq!(
            line,
            format!(
                "│   │   └── timer-job-auth-gc-cleanup{}[OK] OK (21m, x1)",
                " ".repeat(23)
            )
        );
        assert_eq!(line.chars().position(|c| c == '[').unwrap(), 60);
    }

    #[test]
    fn counts_and_per_version_layout() {
        let ss = [
            st(&["agent", "x"], &[], "OK", 1260),
            st(&["agent", "y"], &[], "Stopped", 1260),
        ];
        assert_eq!(
            format_modules_health(&ss, Version::V1_17, false, 0),
            "Modules Health:\tStopped(1) Degraded(0) OK(1)\n"
        );
        assert_eq!(
            format_modules_health(&ss, Version::V1_18, false, 0),
            "Modules Health:\tStopped(1) Degraded(0) OK(1)\n\n"
        );
        let t17 = format_modules_health(&ss, Version::V1_17, true, 1_000_000_000_000_000_000);
        assert!(t17.starts_with("Modules Health:\n\t\tagent\n\t\t├── x"), "{t17}");
        assert!(t17.ends_with("\n\t\t\n"), "{t17:?}");
        let t18 = format_modules_health(&ss, Version::V1_18, true, 1_000_000_000_000_000_000);
        assert!(t18.starts_with("Modules Health:\t\tagent\n\t\t├── x"), "{t18}");
        assert!(t18.ends_with("\n\t\t\n\n"), "{t18:?}");
    }

    /// A health answer: node `n<i>` at 10.0.0.<i>; the nodes in `bad` fail HTTP to the agent.
    fn health(n: usize, bad: &[usize]) -> HealthStatusResponse {
        let ok = serde_json::json!({"status": "", "latency": 1000});
        let nodes: Vec<serde_json::Value> = (1..=n)
            .map(|i| {
                let http = if bad.contains(&i) {
                    serde_json::json!({"status": "connection refused"})
                } else {
                    ok.clone()
                };
                let path = serde_json::json!({"ip": format!("10.0.0.{i}"), "icmp": ok, "http": http});
                serde_json::json!({"name": format!("n{i:02}"), "host": {"primary-address": path}})
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "timestamp": "T", "probeInterval": "1m", "local": {"name": "n01"}, "nodes": nodes
        }))
        .unwrap()
    }

    /// fidelity.md C7: without --all-nodes/--verbose only unhealthy nodes get rows (1.17, 1.18;
    /// 1.16 prints its indented header only when a row follows).
    #[test]
    fn only_unhealthy_nodes_get_rows() {
        let h = health(3, &[2]);
        for v in [Version::V1_17, Version::V1_18] {
            let t = format_health(&h, v, false, false, 10);
            assert!(t.contains("1/3 reachable") || t.contains("2/3 reachable"), "{t}");
            assert!(t.contains("\nName\tIP\tNode\tEndpoints\n"), "{t}");
            assert!(t.contains("n02"), "{v:?}: {t}");
            assert!(!t.contains("n01") && !t.contains("n03"), "{v:?}: {t}");
            let all = format_health(&h, v, true, false, 10);
            assert!(all.contains("n01 (localhost)") && all.contains("n03"), "{v:?}: {all}");
        }
        let t = format_health(&h, Version::V1_16, false, false, 10);
        assert_eq!(
            t,
            "Cluster health:\t2/3 reachable\t(T)\n  Name\tIP\tNode\tEndpoints\n  n02\t10.0.0.2\tunreachable\treachable\n"
        );
        let healthy = format_health(&health(3, &[]), Version::V1_16, false, false, 10);
        assert_eq!(healthy, "Cluster health:\t3/3 reachable\t(T)\n");
    }

    /// The succinct (1.16) form stops after max_lines and says `  ...` with no newline
    /// (`fmt.Fprintf(w, "  ...")` in pkg/health/client).
    #[test]
    fn succinct_form_ellipsis_has_no_newline() {
        let bad: Vec<usize> = (2..=13).collect();
        let t = format_health(&health(13, &bad), Version::V1_16, false, false, 10);
        assert!(t.ends_with("unreachable\treachable\n  ..."), "{t:?}");
        assert!(!t.contains("n13"), "{t}");
    }
}
