//! `config`: the agent's runtime configuration (cilium-dbg/cmd/config.go): the read-write view of
//! `GET /v1/config` `status.realized`, and with `-r`/`-a` the read-only daemon configuration map.
use std::collections::BTreeMap;
use std::io::Write;

use anyhow::{bail, Result};
use clap::Args as ClapArgs;
use serde_json::Value;

use crate::agent::models::DaemonConfiguration;
use crate::agent::models::DaemonConfigurationStatus;
use crate::agent::Client;
use crate::cli::Ctx;
use crate::output::sanitize::Writer;
use crate::output::{render, Doc, OutputArgs, Parts};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Display all cilium configurations
    #[arg(short = 'a', long = "all")]
    pub all: bool,
    /// Display read only configurations
    #[arg(short = 'r', long = "read-only")]
    pub read_only: bool,
    /// List available options
    #[arg(long)]
    pub list_options: bool,
    /// Changing options (`Option=Value`) is not supported by cdbg (read-only tool)
    #[arg(value_name = "<option>=(enable|disable)")]
    pub set: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if !args.set.is_empty() {
        bail!(
            "cdbg does not change agent options (PATCH /v1/config); use cilium-dbg config {}",
            args.set.join(" ")
        );
    }
    let client = Client::for_commands(ctx.host.as_deref())?;
    let raw = client.get_raw("/config")?;
    let cfg: DaemonConfiguration = client.decode("/config", 200, &raw)?;
    let st = cfg.status.unwrap_or_default();
    let realized = st.realized.clone().unwrap_or_default();
    let dmap = st.daemon_configuration_map.clone().unwrap_or_default();
    if args.list_options {
        let mut out = Writer::new(out);
        for k in realized.options.keys() {
            writeln!(out, "{k:<24} ")?;
        }
        out.flush()?;
        return Ok(());
    }
    let (read_only, read_write) = (args.read_only || args.all, !args.read_only || args.all);
    let config = Parts::new(
        |w: &mut dyn Write| print_config(w, &st, read_only, read_write),
        || {
            let mut m: BTreeMap<String, Value> = BTreeMap::new();
            if read_only {
                for (k, v) in &dmap {
                    m.insert(k.clone(), v.clone());
                }
            }
            if read_write {
                for (k, v) in &realized.options {
                    m.insert(k.clone(), Value::String(v.clone()));
                }
            }
            Ok(Doc::value(m))
        },
    );
    render(out, &args.output.output, &config)
}

/// The read-only and/or read-write configuration, as `config` prints it.
fn print_config(out: &mut dyn Write, st: &DaemonConfigurationStatus, read_only: bool, read_write: bool) -> Result<()> {
    let realized = st.realized.clone().unwrap_or_default();
    let dmap = st.daemon_configuration_map.clone().unwrap_or_default();
    // Keys and values come from the agent: escape them for the terminal.
    let out = &mut Writer::new(out);
    if read_only {
        writeln!(out, "#### Read-only configurations ####")?;
        for (k, v) in &dmap {
            match v {
                Value::Object(sub) => {
                    writeln!(out, "{k}")?;
                    for (sk, sv) in sub {
                        writeln!(out, "\t{sk:<26}: {}", go_value(sv))?;
                    }
                }
                v => writeln!(out, "{k:<34}: {}", go_value(v))?,
            }
        }
        writeln!(out, "{:<34}: {}", "k8s-configuration", st.k8s_configuration)?;
        writeln!(out, "{:<34}: {}", "k8s-endpoint", st.k8s_endpoint)?;
        for (k, v) in &st.immutable {
            writeln!(out, "{k:<34}: {v}")?;
        }
    }
    if read_write {
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

/// Go's `%v` of a decoded JSON value.
fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_value).collect::<Vec<_>>().join(" ")),
        Value::Object(o) => format!(
            "map[{}]",
            o.iter()
                .map(|(k, v)| format!("{k}:{}", go_value(v)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}
