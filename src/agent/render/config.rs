//! `config`'s text (cilium-dbg/cmd/config.go `printConfigurations`/`dumpConfig`) and its JSON
//! document: the read-only daemon configuration map and/or the realized read-write options.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;

use super::goval::GoVal;
use crate::agent::models::DaemonConfigurationStatus;
use crate::agent::output::Model;
use crate::output::sanitize::Writer;
use crate::output::Doc;

/// The read-only map as Go decodes it with UseNumber: numbers keep their JSON spelling.
pub fn read_only_map(raw: &[u8]) -> Result<BTreeMap<String, GoVal>> {
    Ok(
        match GoVal::parse(raw)?
            .get("status")
            .and_then(|s| s.get("daemonConfigurationMap"))
        {
            Some(GoVal::Obj(m)) => m.clone(),
            _ => BTreeMap::new(),
        },
    )
}

/// Which configurations `config` shows: `-r` the read-only map, `-a` both, neither the read-write.
#[derive(Debug, Clone, Copy)]
pub struct Which {
    pub read_only: bool,
    pub all: bool,
}

impl Which {
    fn shows_read_only(self) -> bool {
        self.read_only || self.all
    }

    fn shows_read_write(self) -> bool {
        !self.read_only || self.all
    }
}

/// `--list-options`: the realized option names, one a line.
pub fn write_option_names(out: &mut dyn Write, st: &DaemonConfigurationStatus) -> Result<()> {
    let realized = st.realized.clone().unwrap_or_default();
    let mut out = Writer::new(out);
    for k in realized.options.keys() {
        writeln!(out, "{k:<24} ")?;
    }
    out.flush()?;
    Ok(())
}

/// The JSON document of `config -o json`, from the agent's raw `/config` answer.
pub fn json_doc(raw: &[u8], model: Model, dmap: &BTreeMap<String, GoVal>, which: Which) -> Result<Doc<'static>> {
    // printConfigurations: without -r/-a the realized options through the release's models (C4);
    // -r the map as decoded (UseNumber: numbers keep their spelling); -a that map merged with the
    // realized spec through interface{} (numbers become float64, C6).
    if !which.shows_read_only() {
        return crate::agent::output::member_as(raw, model, &["status", "realized", "options"]);
    }
    let doc = if which.read_only {
        GoVal::Obj(dmap.clone())
    } else {
        let mut m = dmap.clone();
        // The realized spec as Go marshals it: empty `options` and `policy-enforcement` are
        // omitempty and so not merged.
        let spec = crate::agent::remarshal::remarshal(model.version, model.ty, raw)?;
        if let Some(spec) = spec["status"]["realized"].as_object() {
            for (k, v) in spec {
                merge(&mut m, k, GoVal::from_value(v));
            }
        }
        GoVal::Obj(m).as_float64()
    };
    let mut bytes = Vec::new();
    doc.write_json(&mut bytes);
    Ok(Doc::Raw(bytes.into()))
}

/// `recursiveMerge`: objects merge key by key, anything else is replaced by the patch.
fn merge(m: &mut BTreeMap<String, GoVal>, k: &str, patch: GoVal) {
    match (m.get_mut(k), patch) {
        (Some(GoVal::Obj(base)), GoVal::Obj(p)) => {
            for (pk, pv) in p {
                merge(base, &pk, pv);
            }
        }
        (_, p) => {
            m.insert(k.to_string(), p);
        }
    }
}

/// The read-only and/or read-write configuration, as `config` prints it.
pub fn write_text(
    out: &mut dyn Write,
    st: &DaemonConfigurationStatus,
    dmap: &BTreeMap<String, GoVal>,
    which: Which,
) -> Result<()> {
    let realized = st.realized.clone().unwrap_or_default();
    // Keys and values come from the agent: escape them for the terminal.
    let out = &mut Writer::new(out);
    if which.shows_read_only() {
        writeln!(out, "#### Read-only configurations ####")?;
        for (k, v) in dmap {
            match v {
                // A nested map: the key alone, then its entries through NormalizeBool.
                GoVal::Obj(sub) => {
                    writeln!(out, "{k}")?;
                    for (sk, sv) in sub {
                        writeln!(out, "\t{sk:<26}: {}", normalize_bool(&sv.go_string()))?;
                    }
                }
                v => writeln!(out, "{k:<34}: {}", v.go_string())?,
            }
        }
        writeln!(out, "{:<34}: {}", "k8s-configuration", st.k8s_configuration)?;
        writeln!(out, "{:<34}: {}", "k8s-endpoint", st.k8s_endpoint)?;
        for (k, v) in &st.immutable {
            writeln!(out, "{k:<34}: {}", normalize_bool(v))?;
        }
    }
    if which.shows_read_write() {
        writeln!(out, "##### Read-write configurations #####")?;
        for (k, v) in &realized.options {
            writeln!(out, "{k:<34}: {}", normalise(v))?;
        }
        if let Some(nm) = &st.node_monitor {
            writeln!(out, "{:<34}: {}", "MonitorNumPages", nm.npages)?;
        }
        writeln!(out, "{:<34}: {}", "PolicyEnforcement", realized.policy_enforcement)?;
    }
    out.flush()?;
    Ok(())
}

/// Boolean-looking option values print as Enabled/Disabled.
fn normalise(v: &str) -> &str {
    match v {
        "Enabled" | "enabled" | "1" | "t" | "T" | "TRUE" | "true" | "True" => "Enabled",
        "Disabled" | "disabled" | "0" | "f" | "F" | "FALSE" | "false" | "False" => "Disabled",
        v => v,
    }
}

/// pkg/option `NormalizeBool` as `dumpConfig` applies it: case-insensitive
/// `true|on|enable|enabled|1` → `Enabled`, `false|off|disable|disabled|0` → `Disabled`.
fn normalize_bool(v: &str) -> &str {
    match v.to_ascii_lowercase().as_str() {
        "true" | "on" | "enable" | "enabled" | "1" => "Enabled",
        "false" | "off" | "disable" | "disabled" | "0" => "Disabled",
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_bool_is_case_insensitive() {
        assert_eq!(normalize_bool("ON"), "Enabled");
        assert_eq!(normalize_bool("0"), "Disabled");
        assert_eq!(normalize_bool("Disable"), "Disabled");
        assert_eq!(normalize_bool("3"), "3");
    }
}
