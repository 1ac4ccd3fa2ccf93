//! `cdbg snapshot save`: read the node once into a snapshot file. Only what is on the allow-lists
//! below is read: Cilium's pinned maps, the agent answers cdbg's read commands use, Hubble flows
//! and status, a few runtime-config fields and the clocks. No key, certificate, environment or
//! state-directory file is ever opened.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::agent::Client;
use crate::bpf::{map_type, walk, Map};
use crate::maps::{Access, BpfRoot, Version};
use crate::replay::format::{self, kind, Clocks, MapEnd, MapMeta, Meta, Writer};

/// Agent API paths saved (all GETs; the `/v1` base). Per-endpoint, per-map and per-identity
/// answers are added from the lists.
pub const AGENT_PATHS: &[&str] = &[
    "/config",
    "/endpoint",
    "/service",
    "/identity",
    "/identity/endpoints",
    "/ip",
    "/cluster/nodes",
    "/node/ids",
    "/map",
];

/// `/healthz` with the header sets cdbg's commands send (status, clock source, kpr check).
pub const HEALTHZ_HEADERS: &[&[(&str, &str)]] = &[
    &[],
    &[("brief", "false")],
    &[("brief", "true"), ("require-k8s-connectivity", "true")],
    &[("brief", "false"), ("require-k8s-connectivity", "true")],
];

/// The fields of `agent-runtime-config.json` kept (flags and sizes only; the rest of the file,
/// which may hold paths and credentials' locations, is dropped).
pub const RUNTIME_CONFIG_FIELDS: &[&str] = &[
    "ClockSource",
    "KernelHz",
    "EnableIPv4",
    "EnableIPv6",
    "EnableNodePort",
    "EnableHostFirewall",
    "EnableBandwidthManager",
    "EnableBPFMasquerade",
    "EnableWireguard",
    "EnableIPSec",
    "DatapathMode",
    "RoutingMode",
    "TunnelProtocol",
    "NodePortMode",
    "CTMapEntriesGlobalTCP",
    "CTMapEntriesGlobalAny",
    "NATMapEntriesGlobal",
    "PolicyMapEntries",
];

/// At most this many identities are saved one by one (`identity get`); the list has them all.
const MAX_IDENTITY_ANSWERS: usize = 2000;
/// Bytes of records per section.
const RECORDS_CHUNK: usize = 1 << 20;

/// What to save and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// Output file; `None` for the default name, `-` for stdout.
    pub file: Option<PathBuf>,
    pub max_size: u64,
    pub flows: u64,
    pub agent_timeout: Duration,
    pub host: Option<String>,
    pub hubble_server: String,
    pub state_dir: PathBuf,
}

fn hostname() -> String {
    rustix::system::uname().nodename().to_string_lossy().into_owned()
}

/// `cdbg-<hostname>-<UTC time>.snap`.
pub fn default_name() -> String {
    let t = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
    format!("cdbg-{}-{t}.snap", hostname())
}

/// Save the node; returns the file written (None for stdout) and the notes.
pub fn save(root: &BpfRoot, o: &Options) -> Result<(Option<PathBuf>, Vec<String>)> {
    let to_stdout = o.file.as_deref() == Some(Path::new("-"));
    if to_stdout {
        let out = std::io::stdout().lock();
        let notes = write_all(root, o, std::io::BufWriter::with_capacity(1 << 16, out))?;
        return Ok((None, notes));
    }
    let file = o.file.clone().unwrap_or_else(|| default_name().into());
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let f = std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    let r = write_all(root, o, std::io::BufWriter::with_capacity(1 << 16, f)).and_then(|notes| {
        std::fs::rename(&tmp, &file)
            .with_context(|| format!("cannot rename {} to {}", tmp.display(), file.display()))?;
        Ok(notes)
    });
    match r {
        Ok(notes) => Ok((Some(file), notes)),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn too_big(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .is_some_and(|i| i.is::<format::TooBig>())
    })
}

fn write_all<W: Write>(root: &BpfRoot, o: &Options, out: W) -> Result<Vec<String>> {
    let r = write_sections(root, o, out);
    match r {
        Err(e) if too_big(&e) => bail!(
            "the snapshot is larger than --max-size {} bytes; nothing was written. Raise --max-size, or save \
             fewer flows with --flows",
            o.max_size
        ),
        r => r,
    }
}

fn write_sections<W: Write>(root: &BpfRoot, o: &Options, out: W) -> Result<Vec<String>> {
    let mut w = Writer::new(out, o.max_size)?;
    let mut notes = Vec::new();
    let progress = std::io::stderr().is_terminal();
    let runtime = runtime_config(&o.state_dir, &mut notes);
    let hz = runtime
        .as_ref()
        .and_then(|m| m.get("KernelHz"))
        .and_then(|v| v.as_u64())
        .filter(|&h| h > 0);
    let jiffies = match crate::clock::jiffies(hz.unwrap_or(250)) {
        Ok(j) => Some(j),
        Err(e) => {
            notes.push(format!("jiffies not saved: {e}"));
            None
        }
    };
    let uts = rustix::system::uname();
    let meta = Meta {
        node: hostname(),
        hostname: hostname(),
        kernel_release: uts.release().to_string_lossy().into_owned(),
        cdbg_version: env!("CARGO_PKG_VERSION").into(),
        cilium_version: match Version::detect(root) {
            Version::V1_16 => "1.16",
            Version::V1_17 => "1.17",
            Version::V1_18 => "1.18",
        }
        .into(),
        bpf_root: root.0.clone(),
        possible_cpus: crate::bpf::map::possible_cpus(),
        clocks: Clocks {
            monotonic_ns: crate::clock::monotonic_ns(),
            jiffies,
            hz,
            wall_unix_ns: crate::clock::unix_now_ns(),
        },
        notes: Vec::new(),
    };
    w.json(kind::META, &meta)?;
    save_maps(root, &mut w, &mut notes, progress)?;
    save_agent(o, &mut w, &mut notes)?;
    save_hubble(o, &mut w, &mut notes)?;
    if let Some(rc) = runtime {
        w.json(kind::RUNTIME_CONFIG, &rc)?;
    }
    w.json(kind::NOTES, &notes)?;
    if progress {
        crate::output::notes::progress("");
    }
    let mut out = w.finish()?;
    out.flush()?;
    Ok(notes)
}

/// The allow-listed fields of `agent-runtime-config.json`, scalars only.
fn runtime_config(state_dir: &Path, notes: &mut Vec<String>) -> Option<serde_json::Map<String, serde_json::Value>> {
    let path = state_dir.join(crate::maps::clock::RUNTIME_CONFIG);
    let text = match std::fs::read(&path) {
        Ok(t) => t,
        Err(e) => {
            notes.push(format!("runtime config not saved: {}: {e}", path.display()));
            return None;
        }
    };
    let v: serde_json::Map<String, serde_json::Value> = match serde_json::from_slice(&text) {
        Ok(v) => v,
        Err(e) => {
            notes.push(format!("runtime config not saved: {}: {e}", path.display()));
            return None;
        }
    };
    Some(
        v.into_iter()
            .filter(|(k, v)| {
                RUNTIME_CONFIG_FIELDS.contains(&k.as_str())
                    && (v.is_boolean() || v.is_number() || v.as_str().is_some_and(|s| s.len() <= 64))
            })
            .collect(),
    )
}

fn map_meta(name: &str, m: &Map, outer: Option<(String, String)>) -> MapMeta {
    let i = m.info();
    MapMeta {
        name: name.into(),
        map_type: i.map_type,
        id: i.id,
        key_size: i.key_size,
        value_size: i.value_size,
        value_stride: m.value_stride() as u32,
        max_entries: i.max_entries,
        flags: i.flags,
        kernel_name: i.name.clone(),
        memlock: m.memlock(),
        outer,
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One map: its info, its records streamed in chunks, its end. Returns the inner map ids of a
/// map-in-map with their keys.
fn save_map<W: Write>(
    w: &mut Writer<W>,
    name: &str,
    m: &Map,
    outer: Option<(String, String)>,
    progress: bool,
) -> Result<Vec<(u32, Vec<u8>)>> {
    let meta = map_meta(name, m, outer);
    w.json(kind::MAP, &meta)?;
    let label = if name.is_empty() {
        format!("map id {}", meta.id)
    } else {
        name.to_string()
    };
    let of_maps = matches!(meta.map_type, map_type::ARRAY_OF_MAPS | map_type::HASH_OF_MAPS);
    let mut inner = Vec::new();
    let mut buf = Vec::with_capacity(RECORDS_CHUNK + meta.record_size());
    let mut n = 0u64;
    let stats = walk::stream::<anyhow::Error, _>(m, &label, |k, v| {
        if of_maps && v.len() >= 4 {
            inner.push((u32::from_ne_bytes(v[..4].try_into().expect("4 bytes")), k.to_vec()));
        }
        buf.extend_from_slice(k);
        buf.extend_from_slice(v);
        n += 1;
        if buf.len() >= RECORDS_CHUNK {
            w.section(kind::RECORDS, &[&buf])?;
            buf.clear();
            if progress {
                crate::output::notes::progress(format_args!("saving {label}: {n} entries"));
            }
        }
        Ok(())
    })?;
    if !buf.is_empty() {
        w.section(kind::RECORDS, &[&buf])?;
    }
    w.json(
        kind::MAP_END,
        &MapEnd {
            entries: n,
            incomplete: stats.incomplete.map(|i| i.to_string()),
        },
    )?;
    Ok(inner)
}

fn save_maps<W: Write>(root: &BpfRoot, w: &mut Writer<W>, notes: &mut Vec<String>, progress: bool) -> Result<()> {
    let names = match root.pinned_names() {
        Ok(n) => n,
        Err(e) => {
            notes.push(format!("maps not saved: {e}"));
            return Ok(());
        }
    };
    let mut inner_done = std::collections::HashSet::new();
    for name in names {
        let m = match root.open_pin(&name, Access::Read) {
            Ok(Some(m)) => m,
            Ok(None) => continue,
            Err(e) => {
                notes.push(format!("map {name} not saved: {e}"));
                continue;
            }
        };
        let inner = save_map(w, &name, &m, None, progress)?;
        for (id, key) in inner {
            if !inner_done.insert(id) {
                continue;
            }
            match Map::open_id(id) {
                Ok(im) => {
                    save_map(w, "", &im, Some((name.clone(), hex(&key))), progress)?;
                }
                Err(e) => notes.push(format!("inner map {id} of {name} not saved: {e}")),
            }
        }
    }
    Ok(())
}

fn save_agent<W: Write>(o: &Options, w: &mut Writer<W>, notes: &mut Vec<String>) -> Result<()> {
    let client = match Client::from_host(o.host.as_deref()) {
        Ok(c) => c.with_timeout(o.agent_timeout),
        Err(e) => {
            notes.push(format!("agent answers not saved: {e}"));
            return Ok(());
        }
    };
    let down: std::cell::RefCell<Option<String>> = Default::default();
    let mut get = |w: &mut Writer<W>, c: &Client, path: &str, headers: &[(&str, &str)]| -> Result<Option<Vec<u8>>> {
        let key = crate::replay::request_key(c.base, path, headers);
        if let Some(why) = &*down.borrow() {
            w.section(kind::AGENT, &[&format::agent_parts(&key, 0), why.as_bytes()])?;
            return Ok(None);
        }
        match c.get(path, headers) {
            Ok((status, body)) => {
                w.section(kind::AGENT, &[&format::agent_parts(&key, status), &body])?;
                Ok((200..300).contains(&status).then(|| body.to_vec()))
            }
            Err(e) => {
                let why = e.to_string();
                notes.push(format!("agent: no answer for {key}: {why}"));
                if e.is_unreachable() {
                    *down.borrow_mut() = Some(why.clone());
                }
                w.section(kind::AGENT, &[&format::agent_parts(&key, 0), why.as_bytes()])?;
                Ok(None)
            }
        }
    };
    for h in HEALTHZ_HEADERS {
        get(w, &client, "/healthz", h)?;
    }
    let mut lists = std::collections::HashMap::new();
    for p in AGENT_PATHS {
        if let Some(b) = get(w, &client, p, &[])? {
            lists.insert(*p, b);
        }
    }
    let ids = |p: &str, field: &str| -> Vec<String> {
        let Some(b) = lists.get(p) else { return Vec::new() };
        // A list, or `/map`'s `{"maps": [...]}`.
        let v: serde_json::Value = serde_json::from_slice(b).unwrap_or_default();
        let v = v.get("maps").unwrap_or(&v).as_array().cloned().unwrap_or_default();
        v.iter()
            .filter_map(|e| match e.get(field)? {
                serde_json::Value::Number(n) => Some(n.to_string()),
                serde_json::Value::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect()
    };
    let eps = ids("/endpoint", "id");
    let svcs: Vec<String> = lists
        .get("/service")
        .and_then(|b| serde_json::from_slice::<Vec<serde_json::Value>>(b).ok())
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s.pointer("/spec/id").map(|v| v.to_string()))
        .collect();
    let maps = ids("/map", "path")
        .into_iter()
        .filter_map(|p| p.rsplit('/').next().map(String::from))
        .collect::<Vec<_>>();
    let mut idents = ids("/identity", "id");
    idents.truncate(MAX_IDENTITY_ANSWERS);
    for id in eps {
        get(
            w,
            &client,
            &format!("/endpoint/{}", crate::agent::encode_path(&id)),
            &[],
        )?;
    }
    for id in svcs {
        get(w, &client, &format!("/service/{id}"), &[])?;
    }
    for m in maps {
        get(w, &client, &format!("/map/{}", crate::agent::encode_path(&m)), &[])?;
    }
    for id in idents {
        get(
            w,
            &client,
            &format!("/identity/{}", crate::agent::encode_path(&id)),
            &[],
        )?;
    }
    // The statedb health table (`status` Modules Health): a GET with a JSON body.
    let key = crate::agent::statedb::saved_key();
    let mut note = None;
    let agent_down = down.borrow().clone();
    let answer = match agent_down {
        Some(why) => Err(why),
        None => crate::agent::statedb::health_raw(&client).map_err(|e| {
            let why = format!("{e:#}");
            note = Some(format!("agent: no answer for the statedb health table: {why}"));
            why
        }),
    };
    match answer {
        Ok(body) => w.section(kind::AGENT, &[&format::agent_parts(&key, 200), &body])?,
        Err(why) => w.section(kind::AGENT, &[&format::agent_parts(&key, 0), why.as_bytes()])?,
    }
    let health = client.health();
    get(w, &health, "/status", &[])?;
    notes.extend(note);
    Ok(())
}

fn save_hubble<W: Write>(o: &Options, w: &mut Writer<W>, notes: &mut Vec<String>) -> Result<()> {
    use crate::hubble::client::{Client as Hubble, Server};
    use crate::hubble::proto::health::HealthCheckRequest;
    use crate::hubble::proto::observer::{GetFlowsRequest, ServerStatusRequest};
    use prost::Message;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let t = o.agent_timeout;
    let r: Result<(), String> = rt.block_on(async {
        let server = Server::parse(&o.hubble_server).map_err(|e| e.to_string())?;
        let c = Hubble::connect(server, t, t).await.map_err(|e| e.to_string())?;
        let hc = c
            .unary(
                "grpc.health.v1.Health/Check",
                c.health().check(HealthCheckRequest {
                    service: crate::hubble::OBSERVER_SERVICE_NAME.to_string(),
                }),
            )
            .await
            .map_err(|e| e.to_string())?;
        let ss = c
            .unary(
                "observer.Observer/ServerStatus",
                c.observer().server_status(ServerStatusRequest {}),
            )
            .await
            .map_err(|e| e.to_string())?;
        let head = format::hubble_status_head(hc.status, &c.server.to_string());
        w.section(kind::HUBBLE_STATUS, &[&head, &ss.encode_to_vec()])
            .map_err(|e| e.to_string())?;
        if o.flows == 0 {
            return Ok(());
        }
        let req = GetFlowsRequest {
            number: o.flows,
            ..Default::default()
        };
        let mut stream = c
            .unary("observer.Observer/GetFlows", c.observer().get_flows(req))
            .await
            .map_err(|e| e.to_string())?;
        loop {
            match tokio::time::timeout(t, stream.message()).await {
                Err(_) => return Err(format!("flows: no message within {t:?}")),
                Ok(Ok(Some(f))) => w
                    .section(kind::FLOW, &[&f.encode_to_vec()])
                    .map_err(|e| e.to_string())?,
                Ok(Ok(None)) => return Ok(()),
                Ok(Err(s)) => return Err(format!("flows: {s}")),
            }
        }
    });
    if let Err(e) = r {
        if e.contains("past --max-size") {
            bail!(std::io::Error::other(format::TooBig));
        }
        notes.push(format!("Hubble: {e}"));
    }
    Ok(())
}
