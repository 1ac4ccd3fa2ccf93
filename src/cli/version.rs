//! `version`: client and daemon versions (cilium-dbg/cmd/version.go; the daemon's comes from
//! `GET /v1/debuginfo` `cilium-version`).
use std::io::Write;

use anyhow::Result;
use clap::Args as ClapArgs;
use serde::Serialize;

use crate::agent::models::DebugInfo;
use crate::agent::Client;
use crate::cli::Ctx;
use crate::output::{render, Doc, OutputArgs, Parts};

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[command(flatten)]
    pub output: OutputArgs,
}

/// pkg/version `CiliumVersion`.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
struct CiliumVersion {
    version: String,
    revision: String,
    go_runtime_version: String,
    arch: String,
    author_date: String,
}

/// Split `1.17.6 f0fd9f7c 2025-07-16T10:00:00+00:00 go version go1.24.4 linux/amd64`.
fn parse(s: &str) -> CiliumVersion {
    let f: Vec<&str> = s.split_whitespace().collect();
    let mut v = CiliumVersion {
        version: f.first().copied().unwrap_or("").into(),
        revision: f.get(1).copied().unwrap_or("").into(),
        ..Default::default()
    };
    if let Some(g) = f.iter().position(|x| *x == "go") {
        if f.get(g + 1) == Some(&"version") {
            v.go_runtime_version = f.get(g + 2).copied().unwrap_or("").into();
            v.arch = f.get(g + 3).copied().unwrap_or("").into();
            v.author_date = f[2.min(g)..g].join(" ");
        }
    }
    v
}

pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let client = Client::for_commands(ctx.host.as_deref())?;
    let client_version = format!("{} cdbg", env!("CARGO_PKG_VERSION"));
    let daemon = client
        .get_json::<DebugInfo>("/debuginfo")
        .map(|d| d.cilium_version)
        .ok();
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Both {
        client: CiliumVersion,
        daemon: CiliumVersion,
    }
    let versions = Parts::new(
        |w: &mut dyn Write| {
            writeln!(w, "Client: {client_version}")?;
            let daemon = daemon.as_deref().unwrap_or("Not responding");
            writeln!(w, "Daemon: {}", crate::output::sanitize::field(daemon))?;
            Ok(())
        },
        || {
            Ok(Doc::value(Both {
                client: CiliumVersion {
                    version: env!("CARGO_PKG_VERSION").into(),
                    revision: "cdbg".into(),
                    arch: format!("{}/{}", std::env::consts::OS, std::env::consts::ARCH),
                    ..Default::default()
                },
                daemon: daemon.as_deref().map(parse).unwrap_or_default(),
            }))
        },
    );
    render(out, &args.output.output, &versions)
}
