//! Integration tests: fidelity rules C3 (missing required argument → cobra help on stdout,
//! `Error: …` and an empty line on stderr, exit 1) and H1–H3 (Hubble auth summaries, lost-events
//! records, field masks and policy names), against the lab's Hubble stand-in with its extra
//! events. Expected bytes come from fidelity.md (observed on the real binaries).

use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use cdbg::lab::hubble::{self, Faults, Options};

use crate::util;

/// `cilium-dbg bpf ct list` as fidelity.md C3 gives it, byte for byte.
const CT_LIST_HELP: &str = "List connection tracking entries

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

#[test]
fn missing_argument_prints_cobra_help_named_as_invoked() {
    // Invoked through a `cilium-dbg` link, as on a node.
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("cilium-dbg");
    std::os::unix::fs::symlink(util::cdbg_bin(), &link).unwrap();
    let c = util::command();
    let o = std::process::Command::new(&link)
        .envs(c.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .args(["bpf", "ct", "list"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), CT_LIST_HELP);
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "Error: Missing endpoint id or 'global' argument\n\n"
    );
    assert_eq!(o.status.code(), Some(1));

    // As `cdbg`, the same help names cdbg.
    let o = util::command().args(["bpf", "ct", "list"]).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        CT_LIST_HELP.replace("  cilium-dbg bpf", "  cdbg bpf")
    );
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn every_required_argument_answers_as_cilium_dbg() {
    for (name, args) in [
        ("ct_flush", &["bpf", "ct", "flush"][..]),
        ("policy_get", &["bpf", "policy", "get"]),
        ("maglev_get", &["bpf", "lb", "maglev", "get"]),
        ("ipcache_get", &["bpf", "ipcache", "get"]),
        ("endpoint_delete", &["bpf", "endpoint", "delete"]),
        ("endpoint_get", &["endpoint", "get"]),
        ("identity_get", &["identity", "get"]),
        ("ip_get", &["ip", "get"]),
        ("map_get", &["map", "get"]),
        ("service_get", &["service", "get"]),
    ] {
        let o = util::command().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        util::golden(&format!("fidelity/usage_{name}.txt"), &util::transcript(args, &o));
    }
    // The alternative to the argument still works without it (no usage error).
    let o = util::command()
        .args(["bpf", "policy", "get", "--all"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&o.stdout).starts_with("Get contents"));
}

struct Hub {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    _server: hubble::Handle,
}

/// The lab Hubble server with its extra events (an auth-typed policy verdict, lost events).
fn hub() -> Hub {
    let tmp = tempfile::Builder::new().prefix("cdbg-fidelity-").tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let server = hubble::spawn(
        &dir.join("hubble.sock"),
        Options {
            faults: Faults {
                extras: true,
                ..Default::default()
            },
            follow_interval: Duration::from_millis(50),
        },
    )
    .unwrap();
    Hub {
        _tmp: tmp,
        dir,
        _server: server,
    }
}

impl Hub {
    fn run(&self, args: &[&str]) -> Output {
        util::command()
            .env(
                "HUBBLE_SERVER",
                format!("unix://{}", self.dir.join("hubble.sock").display()),
            )
            .args(args)
            .output()
            .unwrap()
    }

    fn check(&self, name: &str, args: &[&str]) {
        let o = self.run(args);
        util::golden(&format!("fidelity/{name}"), &util::transcript(args, &o));
    }

    /// The field mask of the request the server recorded ("" when none was sent).
    fn mask(&self, args: &[&str]) -> String {
        let _ = std::fs::remove_file(self.dir.join(hubble::LAST_REQUEST_FILE));
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        let req = std::fs::read_to_string(self.dir.join(hubble::LAST_REQUEST_FILE)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&req).unwrap();
        v["field_mask"].as_str().unwrap_or_default().to_string()
    }
}

#[test]
fn auth_and_lost_events_print_as_hubble_1_19() {
    let h = hub();
    let compact = h.run(&["observe", "--last", "2"]);
    let text = String::from_utf8_lossy(&compact.stdout);
    // H1: the auth type is labelled.
    assert!(text.contains(" ALLOWED (UDP; Auth: SPIRE)\n"), "{text}");
    h.check("h1_h2_compact.txt", &["observe", "--last", "2"]);
    // H2: lost events in dict (no DESTINATION line, VERDICT -) and table (node name in its cell).
    h.check(
        "h2_dict.txt",
        &["observe", "--last", "2", "-o", "dict", "--print-node-name"],
    );
    h.check(
        "h2_table.txt",
        &["observe", "--last", "2", "-o", "table", "--print-node-name"],
    );
    h.check("h2_json.txt", &["observe", "--last", "2", "-o", "json"]);
    let dict = String::from_utf8_lossy(&h.run(&["observe", "--last", "1", "-o", "dict"]).stdout).to_string();
    assert!(
        dict.contains("       TYPE: EVENTS LOST\n    VERDICT: -\n    SUMMARY: CPU(1) - 12 (first: "),
        "{dict}"
    );
    assert!(!dict.contains("DESTINATION"), "{dict}");
}

#[test]
fn policy_names_in_compact_output() {
    let h = hub();
    let o = h.run(&["observe", "--last", "2", "--print-policy-names"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains(" EGRESS ALLOWED BY allow-curl-to-webpod (CiliumNetworkPolicy) ("),
        "{text}"
    );
    h.check(
        "h3_policy_names.txt",
        &["observe", "--last", "2", "--print-policy-names"],
    );
}

#[test]
fn field_masks_as_the_hubble_cli_sends_them() {
    let h = hub();
    // Compact/dict/table: the CLI's 20 default paths first (plus what cdbg's printers read).
    let default = h.mask(&["observe", "--last", "1"]);
    assert!(default.starts_with("time,verdict,ethernet,IP,l4,source.identity,source.namespace,source.podName,destination.identity,destination.namespace,destination.podName,Type,nodeName,l7,eventType,sourceService,destinationService,isReply,Summary,ipTraceId,"), "{default}");
    assert_eq!(h.mask(&["observe", "--last", "1", "-o", "dict"]), default);
    assert!(h
        .mask(&["observe", "--last", "1", "--print-policy-names"])
        .ends_with(",egressAllowedBy,ingressAllowedBy,egressDeniedBy,ingressDeniedBy"));
    assert_eq!(
        h.mask(&["observe", "--last", "1", "--use-default-field-masks=false"]),
        ""
    );
    // JSON never gets the default mask; a custom one is sent in the order given.
    assert_eq!(h.mask(&["observe", "--last", "1", "-o", "json"]), "");
    assert_eq!(
        h.mask(&[
            "observe",
            "--last",
            "1",
            "-o",
            "json",
            "--field-mask",
            "verdict,time",
            "--field-mask",
            "source.pod_name"
        ]),
        "verdict,time,source.podName"
    );
    // The server honours it: only those fields come back.
    h.check(
        "h3_field_mask_json.txt",
        &["observe", "--last", "2", "-o", "jsonpb", "--field-mask", "time,verdict"],
    );
    // Errors: custom mask with a non-JSON output, and an unknown path; nothing is printed.
    h.check("h3_err_compact_mask.txt", &["observe", "--field-mask", "time"]);
    h.check(
        "h3_err_table_mask.txt",
        &["observe", "-o", "table", "--field-mask", "time"],
    );
    h.check(
        "h3_err_bad_path.txt",
        &["observe", "-o", "json", "--field-mask", "bogus"],
    );
    // `invalid output format` and the table-with-follow error come first.
    h.check(
        "h3_err_order.txt",
        &["observe", "-o", "table", "-f", "--field-mask", "time"],
    );
}
