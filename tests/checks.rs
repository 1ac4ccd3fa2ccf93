//! Integration tests: node checks — `preflight kernel` against fixture kernel configs and the
//! live kernel.

use crate::util::*;

/// Fixture paths relative to the repository root, where the commands run, so that goldens do not
/// depend on the checkout's location.
fn fixture(name: &str) -> String {
    format!("tests/fixtures/kernel/{name}")
}

fn preflight(golden_name: &str, extra: &[&str]) {
    let mut args = vec!["preflight", "kernel", "--arch", "x86_64"];
    args.extend_from_slice(extra);
    let o = command()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(&args)
        .output()
        .unwrap();
    golden(golden_name, &transcript(&args, &o));
}

#[test]
fn preflight_all_builtin_on_a_new_kernel_passes() {
    let cfg = fixture("all-builtin.config");
    preflight(
        "checks/preflight-builtin.txt",
        &[
            "--release",
            "6.8.0-60-generic",
            "--kernel-config",
            &cfg,
            "--modules",
            "/dev/null",
        ],
    );
}

#[test]
fn preflight_modules_loaded_and_not_loaded() {
    let cfg = fixture("modules.config");
    let mods = fixture("modules.loaded");
    preflight(
        "checks/preflight-modules.txt",
        &[
            "--release",
            "5.15.0-119-generic",
            "--kernel-config",
            &cfg,
            "--modules",
            &mods,
        ],
    );
}

#[test]
fn preflight_absent_options_and_old_kernel_fail() {
    let cfg = fixture("absent.config");
    preflight(
        "checks/preflight-absent.txt",
        &[
            "--release",
            "5.4.0-42-generic",
            "--kernel-config",
            &cfg,
            "--modules",
            "/dev/null",
        ],
    );
    let o = command()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["preflight", "kernel", "--release", "4.19.0", "--kernel-config", &cfg])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Cilium needs >= 5.4 (or RHEL 8.6's 4.18)"));
}

#[test]
fn preflight_json_document() {
    let cfg = fixture("modules.config");
    let mods = fixture("modules.loaded");
    let args = [
        "preflight",
        "kernel",
        "--arch",
        "aarch64",
        "--release",
        "6.1.0",
        "--kernel-config",
        &cfg,
        "--modules",
        &mods,
        "-o",
        "json",
    ];
    let o = command()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["result"], "OK");
    assert_eq!(v["groups"][0]["options"][2]["state"], "module loaded");
    assert!(v["advanced_features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["feature"] == "Multicast (AArch64)"));
}

#[test]
fn preflight_live_kernel() {
    let o = command().args(["preflight", "kernel", "-o", "json"]).output().unwrap();
    let code = o.status.code().unwrap();
    assert!(code <= 2, "exit {code}: {}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["release_level"] != "FAIL",
        code < 2 || v["groups"][0]["level"] == "FAIL" || v["release_level"] == "FAIL"
    );
    assert!(!v["release"].as_str().unwrap().is_empty());
}

#[test]
fn preflight_missing_config_file_is_a_clear_error() {
    let o = command()
        .args(["preflight", "kernel", "--kernel-config", "/nonexistent/config"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read the kernel config /nonexistent/config"));
}
