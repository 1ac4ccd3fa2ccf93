//! Fidelity rules C4 (agent `-o json` re-marshalled through the release's API models) and C13
//! (1.16 `service list` without `/PROTO`) on the lab; the version comes from the pinned maps.

use serde_json::Value;

use crate::util::*;

fn json_of(lab: &TestLab, args: &[&str]) -> (String, Value) {
    let o = lab.run(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        s.ends_with("}\n\n") || s.ends_with("]\n\n"),
        "{args:?}: cilium-dbg's trailing empty line"
    );
    let v = serde_json::from_str(&s).unwrap();
    (s, v)
}

fn reshape(lab: &TestLab, v: &str) {
    let o = command()
        .args(["lab", "reshape", "--layout", v, "--dir"])
        .arg(&lab.dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "reshape: {}", String::from_utf8_lossy(&o.stderr));
}

/// Every object's keys in byte order (C4 point 1), recursively.
fn assert_sorted(v: &Value, at: &str) {
    match v {
        Value::Object(o) => {
            let keys: Vec<&String> = o.keys().collect();
            assert!(
                keys.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()),
                "{at}: {keys:?}"
            );
            for (k, x) in o {
                assert_sorted(x, &format!("{at}.{k}"));
            }
        }
        Value::Array(a) => a.iter().for_each(|x| assert_sorted(x, at)),
        _ => {}
    }
}

#[test]
fn status_json_goes_through_the_1_17_models() {
    let Some(lab) = TestLab::up("fidelity_agent::status_json", &[]) else {
        return;
    };
    let (text, v) = json_of(&lab, &["status", "-o", "json"]);
    assert_sorted(&v, "");
    // The lab agent sends its keys sorted too; the byte order of the printed text is checked here.
    let kpr = &text[text.find("\"kube-proxy-replacement\"").unwrap()..];
    assert!(kpr.find("\"deviceList\"").unwrap() < kpr.find("\"devices\"").unwrap());
    // C4 point 2: zero omitempty fields dropped.
    assert_eq!(
        v["bandwidth-manager"],
        serde_json::json!({ "congestionControl": "cubic", "devices": null })
    );
    assert!(v["kube-proxy-replacement"]["features"]
        .get("bpfSocketLBHostnsOnly")
        .is_none());
    assert_eq!(
        v["kube-proxy-replacement"]["features"]["nat46X64"]["service"],
        serde_json::json!({})
    );
    assert!(v["proxy"].get("total-ports").is_none() && v["proxy"].get("total-redirects").is_none());
    let c = &v["controllers"][0]["status"];
    assert!(
        c.get("consecutive-failure-count").is_none() && c.get("failure-count").is_none(),
        "{c}"
    );
    // C4 point 3: non-omitempty fields printed as null.
    assert_eq!(v["proxy"]["redirects"], Value::Null);
    assert_eq!(v["host-firewall"]["devices"], Value::Null);
    assert_eq!(v["ipam"]["ipv6"], Value::Null);
    // C4 point 6: the hubble uptime is a Go duration; the lab sends one already.
    assert_eq!(v["hubble"]["observer"]["uptime"], "1h2m3s");
    // 1.17 has no top-level hubble-metrics.
    assert!(v.get("hubble-metrics").is_none());
}

#[test]
fn endpoint_and_service_json_per_version() {
    let Some(lab) = TestLab::up("fidelity_agent::per_version", &[]) else {
        return;
    };
    let (_, eps) = json_of(&lab, &["endpoint", "list", "-o", "json"]);
    assert_sorted(&eps, "");
    let realized = &eps[0]["status"]["policy"]["realized"];
    assert_eq!(realized["l4"], serde_json::json!({ "egress": null, "ingress": null }));
    assert_eq!(realized["denied-egress-identities"], Value::Null);
    assert!(eps[0]["status"].get("namedPorts").is_none());

    let (_, s17) = json_of(&lab, &["service", "list", "-o", "json"]);
    let b = &s17[0]["spec"]["backend-addresses"][0];
    assert!(b.get("protocol").is_some() && b.get("preferred").is_none(), "{b}");
    let t17 = String::from_utf8(lab.run(&["service", "list"]).stdout).unwrap();
    assert!(t17.contains(":53/UDP"), "{t17}");

    // C13: on a 1.16 node, no /PROTO in the table and no backend protocol in JSON.
    reshape(&lab, "1.16");
    let (_, s16) = json_of(&lab, &["service", "list", "-o", "json"]);
    let b = &s16[0]["spec"]["backend-addresses"][0];
    assert!(b.get("protocol").is_none(), "{b}");
    assert!(s16[0]["spec"]["frontend-address"].get("protocol").is_some());
    let t16 = String::from_utf8(lab.run(&["service", "list"]).stdout).unwrap();
    assert!(!t16.contains("/UDP") && !t16.contains("/TCP"), "{t16}");
    assert_eq!(t16.lines().count(), t17.lines().count());

    // 1.18: same service JSON as 1.17.
    reshape(&lab, "1.18");
    let (_, s18) = json_of(&lab, &["service", "list", "-o", "json"]);
    assert_eq!(s18, s17);
}
