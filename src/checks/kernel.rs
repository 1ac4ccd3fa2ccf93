//! `preflight kernel`: Cilium's documented system requirements checked against this kernel:
//! architecture, version, kernel config options (builtin / module loaded / module not loaded /
//! absent) and the minimum kernels of advanced features.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Level;

/// A group of kernel config options Cilium documents together.
pub struct OptionGroup {
    pub name: &'static str,
    /// Required for Cilium to run at all (else only the feature is unavailable).
    pub required: bool,
    /// What needs it.
    pub needed_for: &'static str,
    /// (option, module name when built as a module).
    pub options: &'static [(&'static str, &'static str)],
}

/// Cilium's system requirements (Documentation/operations/system_requirements.rst).
pub const GROUPS: &[OptionGroup] = &[
    OptionGroup {
        name: "eBPF",
        required: true,
        needed_for: "the eBPF datapath (always)",
        options: &[
            ("CONFIG_BPF", ""),
            ("CONFIG_BPF_SYSCALL", ""),
            ("CONFIG_NET_CLS_BPF", "cls_bpf"),
            ("CONFIG_BPF_JIT", ""),
            ("CONFIG_NET_CLS_ACT", ""),
            ("CONFIG_NET_SCH_INGRESS", "sch_ingress"),
            ("CONFIG_CRYPTO_SHA1", "sha1_generic"),
            ("CONFIG_CRYPTO_USER_API_HASH", "algif_hash"),
            ("CONFIG_CGROUPS", ""),
            ("CONFIG_CGROUP_BPF", ""),
            ("CONFIG_PERF_EVENTS", ""),
            ("CONFIG_SCHEDSTATS", ""),
        ],
    },
    OptionGroup {
        name: "iptables-based masquerading",
        required: false,
        needed_for: "masquerading without BPF (enable-bpf-masquerade=false)",
        options: &[
            ("CONFIG_NETFILTER_XT_SET", "xt_set"),
            ("CONFIG_IP_SET", "ip_set"),
            ("CONFIG_IP_SET_HASH_IP", "ip_set_hash_ip"),
            ("CONFIG_NETFILTER_XT_MATCH_COMMENT", "xt_comment"),
        ],
    },
    OptionGroup {
        name: "tunnelling and routing",
        required: false,
        needed_for: "VXLAN/Geneve tunnelling and policy routing",
        options: &[
            ("CONFIG_VXLAN", "vxlan"),
            ("CONFIG_GENEVE", "geneve"),
            ("CONFIG_FIB_RULES", ""),
        ],
    },
    OptionGroup {
        name: "L7 and FQDN policies",
        required: false,
        needed_for: "L7 proxy redirection (TPROXY, socket match)",
        options: &[
            ("CONFIG_NETFILTER_XT_TARGET_TPROXY", "xt_TPROXY"),
            ("CONFIG_NETFILTER_XT_TARGET_MARK", "xt_mark"),
            ("CONFIG_NETFILTER_XT_TARGET_CT", "xt_CT"),
            ("CONFIG_NETFILTER_XT_MATCH_MARK", "xt_mark"),
            ("CONFIG_NETFILTER_XT_MATCH_SOCKET", "xt_socket"),
        ],
    },
    OptionGroup {
        name: "IPsec",
        required: false,
        needed_for: "IPsec transparent encryption (GCM-128-AES)",
        options: &[
            ("CONFIG_XFRM", ""),
            ("CONFIG_XFRM_OFFLOAD", ""),
            ("CONFIG_XFRM_STATISTICS", ""),
            ("CONFIG_XFRM_ALGO", "xfrm_algo"),
            ("CONFIG_XFRM_USER", "xfrm_user"),
            ("CONFIG_INET_ESP", "esp4"),
            ("CONFIG_INET6_ESP", "esp6"),
            ("CONFIG_INET_IPCOMP", "ipcomp"),
            ("CONFIG_INET6_IPCOMP", "ipcomp6"),
            ("CONFIG_INET_XFRM_TUNNEL", "xfrm4_tunnel"),
            ("CONFIG_INET6_XFRM_TUNNEL", "xfrm6_tunnel"),
            ("CONFIG_INET_TUNNEL", "tunnel4"),
            ("CONFIG_INET6_TUNNEL", "tunnel6"),
            ("CONFIG_INET_XFRM_MODE_TUNNEL", "xfrm4_mode_tunnel"),
            ("CONFIG_CRYPTO_AEAD", "aead"),
            ("CONFIG_CRYPTO_AEAD2", "aead"),
            ("CONFIG_CRYPTO_GCM", "gcm"),
            ("CONFIG_CRYPTO_SEQIV", "seqiv"),
            ("CONFIG_CRYPTO_CBC", "cbc"),
            ("CONFIG_CRYPTO_HMAC", "hmac"),
            ("CONFIG_CRYPTO_SHA256", "sha256_generic"),
            ("CONFIG_CRYPTO_AES", "aes_generic"),
        ],
    },
    OptionGroup {
        name: "bandwidth manager",
        required: false,
        needed_for: "the bandwidth manager (fq qdisc)",
        options: &[("CONFIG_NET_SCH_FQ", "sch_fq")],
    },
    OptionGroup {
        name: "netkit device mode",
        required: false,
        needed_for: "netkit devices instead of veth",
        options: &[("CONFIG_NETKIT", "netkit")],
    },
];

/// Features that need a newer kernel than the base requirement: (feature, arch or "", min).
pub const ADVANCED: &[(&str, &str, (u32, u32))] = &[
    ("WireGuard transparent encryption", "", (5, 6)),
    ("Full support for session affinity", "", (5, 7)),
    ("BPF-based proxy redirection", "", (5, 7)),
    ("Socket-level LB bypass in pod netns", "", (5, 7)),
    ("L3 devices", "", (5, 8)),
    ("BPF-based host routing", "", (5, 10)),
    ("Multicast (AMD64)", "x86_64", (5, 10)),
    ("IPv6 BIG TCP support", "", (5, 19)),
    ("Multicast (AArch64)", "aarch64", (6, 0)),
    ("IPv4 BIG TCP support", "", (6, 3)),
];

/// Where the facts come from (overridable for tests and for checking another node's files).
#[derive(Debug, Clone)]
pub struct Sources {
    pub release: String,
    pub arch: String,
    /// Kernel config text and where it was read from.
    pub config: Option<(String, PathBuf)>,
    /// Names of loaded modules.
    pub loaded: Vec<String>,
}

impl Sources {
    /// Read the running kernel: uname, /proc/config.gz or /boot/config-<release>, /proc/modules.
    pub fn live() -> Sources {
        let u = rustix::system::uname();
        let release = u.release().to_string_lossy().into_owned();
        let arch = u.machine().to_string_lossy().into_owned();
        let config = read_config(Path::new("/proc/config.gz"))
            .or_else(|| read_config(&PathBuf::from(format!("/boot/config-{release}"))));
        let loaded = std::fs::read_to_string("/proc/modules")
            .map(|s| parse_modules(&s))
            .unwrap_or_default();
        Sources {
            release,
            arch,
            config,
            loaded,
        }
    }
}

/// Read a kernel config file, gzip-compressed or plain.
pub fn read_config(path: &Path) -> Option<(String, PathBuf)> {
    let raw = std::fs::read(path).ok()?;
    let text = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_string(&mut s).ok()?;
        s
    } else {
        String::from_utf8_lossy(&raw).into_owned()
    };
    Some((text, path.to_path_buf()))
}

/// Module names from `/proc/modules` text (first column).
pub fn parse_modules(s: &str) -> Vec<String> {
    s.lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(|m| m.replace('-', "_"))
        .collect()
}

/// `CONFIG_X=y|m` lines of a kernel config.
pub fn parse_config(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| l.starts_with("CONFIG_"))
        .filter_map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.to_string(), v.trim_matches('"').to_string()))
        })
        .collect()
}

/// Parse `6.8.0-60-generic` → (6, 8, 0).
pub fn parse_release(r: &str) -> Option<(u32, u32, u32)> {
    let mut it = r.split(|c: char| !c.is_ascii_digit());
    let a = it.next()?.parse().ok()?;
    let b = it.next()?.parse().ok()?;
    let c = it.next().and_then(|x| x.parse().ok()).unwrap_or(0);
    Some((a, b, c))
}

/// RHEL 8.6+ kernels (4.18.0-372 and later `.el8`) carry the needed backports.
fn is_rhel_86_or_later(r: &str) -> bool {
    if !r.starts_with("4.18.0-") || !r.contains(".el8") {
        return false;
    }
    r["4.18.0-".len()..]
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse::<u32>().ok())
        .is_some_and(|n| n >= 372)
}

/// State of one config option on this kernel.
#[derive(Debug, Clone, Serialize)]
pub struct OptionState {
    pub option: &'static str,
    /// `builtin`, `module loaded`, `module not loaded`, `absent`.
    pub state: String,
    pub level: Level,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupReport {
    pub group: &'static str,
    pub required: bool,
    pub needed_for: &'static str,
    pub level: Level,
    pub options: Vec<OptionState>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Feature {
    pub feature: &'static str,
    pub min_kernel: String,
    pub available: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub arch: String,
    pub arch_level: Level,
    pub release: String,
    pub release_level: Level,
    pub release_note: String,
    pub config_source: Option<PathBuf>,
    pub groups: Vec<GroupReport>,
    pub advanced_features: Vec<Feature>,
    pub result: Level,
}

/// Check `src` against the requirements.
pub fn check(src: &Sources) -> Report {
    let arch_level = match src.arch.as_str() {
        "x86_64" | "amd64" | "aarch64" | "arm64" => Level::Ok,
        _ => Level::Fail,
    };
    let ver = parse_release(&src.release);
    let (release_level, release_note) = match ver {
        Some(v) if v >= (5, 4, 0) => (Level::Ok, ">= 5.4 required".to_string()),
        Some(_) if is_rhel_86_or_later(&src.release) => (Level::Ok, "RHEL 8.6+ 4.18 kernel with backports".to_string()),
        Some(_) => (Level::Fail, "Cilium needs >= 5.4 (or RHEL 8.6's 4.18)".to_string()),
        None => (Level::Warn, "cannot parse the kernel release".to_string()),
    };
    let cfg = src.config.as_ref().map(|(t, _)| parse_config(t));
    let loaded = |m: &str| src.loaded.iter().any(|l| l == m);
    let mut groups = Vec::new();
    for g in GROUPS {
        let mut options = Vec::new();
        for (opt, module) in g.options {
            let missing = if g.required { Level::Fail } else { Level::Warn };
            let (state, level) = match cfg.as_ref().map(|c| c.get(*opt).map(String::as_str)) {
                None => ("unknown (no kernel config found)".to_string(), Level::Warn),
                Some(Some("y")) => ("builtin".to_string(), Level::Ok),
                Some(Some("m")) if module.is_empty() || loaded(module) => ("module loaded".to_string(), Level::Ok),
                // A module that is not loaded yet is fine: the kernel loads it on first use.
                Some(Some("m")) => ("module not loaded".to_string(), Level::Ok),
                _ => ("absent".to_string(), missing),
            };
            options.push(OptionState {
                option: opt,
                state,
                level,
            });
        }
        let level = options.iter().map(|o| o.level).max().unwrap_or(Level::Ok);
        groups.push(GroupReport {
            group: g.name,
            required: g.required,
            needed_for: g.needed_for,
            level,
            options,
        });
    }
    let advanced_features = ADVANCED
        .iter()
        .filter(|(_, arch, _)| arch.is_empty() || *arch == src.arch || (*arch == "aarch64" && src.arch == "arm64"))
        .map(|(f, _, (a, b))| Feature {
            feature: f,
            min_kernel: format!("{a}.{b}"),
            available: ver.is_some_and(|v| (v.0, v.1) >= (*a, *b)),
        })
        .collect();
    let result = [arch_level, release_level]
        .into_iter()
        .chain(groups.iter().map(|g| g.level))
        .max()
        .unwrap_or(Level::Ok);
    Report {
        arch: src.arch.clone(),
        arch_level,
        release: src.release.clone(),
        release_level,
        release_note,
        config_source: src.config.as_ref().map(|(_, p)| p.clone()),
        groups,
        advanced_features,
        result,
    }
}

/// The human report.
pub fn write_table(w: &mut dyn std::io::Write, r: &Report) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut tw = crate::output::table::tabwriter(&mut *w, 0, 3);
    writeln!(tw, "Architecture:\t{}\t{}", r.arch, r.arch_level.as_str())?;
    writeln!(
        tw,
        "Kernel:\t{} ({})\t{}",
        r.release,
        r.release_note,
        r.release_level.as_str()
    )?;
    let src = r
        .config_source
        .as_ref()
        .map_or("not found (/proc/config.gz, /boot/config-<release>)".to_string(), |p| {
            p.display().to_string()
        });
    writeln!(tw, "Kernel config:\t{src}\t")?;
    tw.flush()?;
    for g in &r.groups {
        let kind = if g.required { "required" } else { "optional" };
        writeln!(w, "\n{} ({kind}: {})", g.group, g.needed_for)?;
        let mut tw = crate::output::table::tabwriter(&mut *w, 0, 3);
        for o in &g.options {
            writeln!(tw, "  {}\t{}\t{}", o.option, o.state, o.level.as_str())?;
        }
        tw.flush()?;
    }
    writeln!(w, "\nAdvanced features (minimum kernel)")?;
    let mut tw = crate::output::table::tabwriter(&mut *w, 0, 3);
    for f in &r.advanced_features {
        writeln!(
            tw,
            "  {}\t>= {}\t{}",
            f.feature,
            f.min_kernel,
            if f.available {
                "available"
            } else {
                "needs a newer kernel"
            }
        )?;
    }
    tw.flush()?;
    let verdict = match r.result {
        Level::Ok => "OK: this kernel meets Cilium's requirements",
        Level::Warn => "WARN: Cilium can run, but some optional features are unavailable (see WARN lines)",
        Level::Fail => "FAIL: Cilium's base requirements are not met (see FAIL lines)",
    };
    writeln!(w, "\n{verdict}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(release: &str, cfg: &str, loaded: &[&str]) -> Sources {
        Sources {
            release: release.into(),
            arch: "x86_64".into(),
            config: Some((cfg.into(), "/fixture/config".into())),
            loaded: loaded.iter().map(|s| s.to_string()).collect(),
        }
    }

    const BASE: &str = "CONFIG_BPF=y\nCONFIG_BPF_SYSCALL=y\nCONFIG_NET_CLS_BPF=m\nCONFIG_BPF_JIT=y\nCONFIG_NET_CLS_ACT=y\n\
        CONFIG_NET_SCH_INGRESS=m\nCONFIG_CRYPTO_SHA1=y\nCONFIG_CRYPTO_USER_API_HASH=y\nCONFIG_CGROUPS=y\nCONFIG_CGROUP_BPF=y\n\
        CONFIG_PERF_EVENTS=y\nCONFIG_SCHEDSTATS=y\n";

    #[test]
    fn option_states() {
        let r = check(&src(
            "6.8.0-60-generic",
            &format!("{BASE}CONFIG_VXLAN=m\n# CONFIG_GENEVE is not set\n"),
            &["cls_bpf"],
        ));
        let ebpf = &r.groups[0];
        assert_eq!(ebpf.level, Level::Ok);
        let st = |g: &GroupReport, o: &str| g.options.iter().find(|x| x.option == o).unwrap().state.clone();
        assert_eq!(st(ebpf, "CONFIG_BPF"), "builtin");
        assert_eq!(st(ebpf, "CONFIG_NET_CLS_BPF"), "module loaded");
        assert_eq!(st(ebpf, "CONFIG_NET_SCH_INGRESS"), "module not loaded");
        let tun = &r.groups[2];
        assert_eq!(st(tun, "CONFIG_GENEVE"), "absent");
        assert_eq!(tun.level, Level::Warn);
        assert_eq!(r.result, Level::Warn);
    }

    #[test]
    fn missing_required_option_fails() {
        let r = check(&src("6.1.0", &BASE.replace("CONFIG_CGROUP_BPF=y\n", ""), &[]));
        assert_eq!(r.groups[0].level, Level::Fail);
        assert_eq!(r.result, Level::Fail);
    }

    #[test]
    fn kernel_versions() {
        assert_eq!(parse_release("6.18.44-fc-v657"), Some((6, 18, 44)));
        assert_eq!(check(&src("4.19.0", BASE, &[])).release_level, Level::Fail);
        assert_eq!(
            check(&src("4.18.0-372.9.1.el8.x86_64", BASE, &[])).release_level,
            Level::Ok
        );
        assert_eq!(
            check(&src("4.18.0-305.el8.x86_64", BASE, &[])).release_level,
            Level::Fail
        );
        let r = check(&src("5.10.0", BASE, &[]));
        let avail = |f: &str| r.advanced_features.iter().find(|x| x.feature == f).unwrap().available;
        assert!(avail("BPF-based host routing"));
        assert!(!avail("IPv6 BIG TCP support"));
        assert!(r.advanced_features.iter().all(|f| f.feature != "Multicast (AArch64)"));
    }

    #[test]
    fn gzip_and_plain_configs() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("config");
        std::fs::write(&plain, BASE).unwrap();
        assert!(read_config(&plain).unwrap().0.contains("CONFIG_BPF=y"));
        let gz = dir.path().join("config.gz");
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut e, BASE.as_bytes()).unwrap();
        std::fs::write(&gz, e.finish().unwrap()).unwrap();
        assert!(read_config(&gz).unwrap().0.contains("CONFIG_SCHEDSTATS=y"));
    }
}
