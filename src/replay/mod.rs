//! Replay (`--from FILE` / `CDBG_FROM`): the snapshot chosen for this process, and the hooks the
//! BPF, agent and clock layers ask first. Map records are read from the file when a map is
//! opened; everything else is loaded once at start.

pub mod format;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::bpf::saved::SavedMap;
use crate::bpf::{BpfError, Map, MapInfo};
use crate::hubble::proto::observer::{GetFlowsResponse, ServerStatusResponse};
use format::{kind, FormatError, MapMeta, Meta, Reader};
use prost::Message;

/// A snapshot's contents, map records aside.
#[derive(Debug)]
pub struct Snapshot {
    pub path: PathBuf,
    pub meta: Meta,
    /// Maps in file order, with the entry count their MAP_END gave.
    pub maps: Vec<(MapMeta, u64)>,
    /// Agent answers by request (see [`request_key`]): HTTP status (0: no answer) and body.
    pub agent: HashMap<String, (u16, Vec<u8>)>,
    /// Hubble flows, oldest first (protobuf `GetFlowsResponse`).
    pub flows: Vec<Vec<u8>>,
    /// Hubble health status, the server as given, and protobuf `ServerStatusResponse`.
    pub hubble: Option<(i32, String, Vec<u8>)>,
    pub runtime_config: Option<serde_json::Map<String, serde_json::Value>>,
    /// What could not be saved.
    pub notes: Vec<String>,
    loaded: Mutex<HashMap<usize, Arc<SavedMap>>>,
}

/// The key an agent answer is saved under: base, path and the request headers in order.
pub fn request_key(base: &str, path: &str, headers: &[(&str, &str)]) -> String {
    let mut k = format!("{base}{path}");
    for (h, v) in headers {
        k.push_str(&format!(" {h}={v}"));
    }
    k
}

impl Snapshot {
    /// Read everything but the map records.
    pub fn load(path: &Path) -> Result<Snapshot, FormatError> {
        let mut r = Reader::open(path)?;
        let mut s = Snapshot {
            path: path.into(),
            meta: Meta::default(),
            maps: Vec::new(),
            agent: HashMap::new(),
            flows: Vec::new(),
            hubble: None,
            runtime_config: None,
            notes: Vec::new(),
            loaded: Mutex::new(HashMap::new()),
        };
        let mut seen_meta = false;
        let mut open_map: Option<(MapMeta, u64)> = None;
        while let Some((k, len)) = r.next_section()? {
            match k {
                kind::META => {
                    s.meta = r.json(len, "meta")?;
                    seen_meta = true;
                }
                kind::MAP => {
                    let m: MapMeta = r.json(len, "map")?;
                    check_map(&r, &m)?;
                    if let Some(prev) = open_map.replace((m, 0)) {
                        return Err(r.error(format!("map {} has no end section", prev.0.name)));
                    }
                }
                kind::RECORDS => {
                    let Some((m, n)) = open_map.as_mut() else {
                        return Err(r.error("map records outside a map section"));
                    };
                    if len % m.record_size().max(1) as u64 != 0 {
                        return Err(r.error(format!("the records of map {} are not whole entries", m.name)));
                    }
                    *n += len / m.record_size().max(1) as u64;
                    r.skip(len)?;
                }
                kind::MAP_END => {
                    let end: format::MapEnd = r.json(len, "map end")?;
                    let Some((m, n)) = open_map.take() else {
                        return Err(r.error("a map end without a map"));
                    };
                    if n != end.entries || n > u64::from(m.max_entries) {
                        return Err(r.error(format!(
                            "map {} holds {n} entries, but its end section says {} (max {})",
                            m.name, end.entries, m.max_entries
                        )));
                    }
                    s.maps.push((m, n));
                }
                kind::AGENT => {
                    let b = r.payload(len)?;
                    let (req, st, body) =
                        format::parse_agent(&b).ok_or_else(|| r.error("an agent answer section is corrupt"))?;
                    s.agent.insert(req, (st, body.to_vec()));
                }
                kind::FLOW => s.flows.push(r.payload(len)?),
                kind::HUBBLE_STATUS => {
                    let b = r.payload(len)?;
                    s.hubble = Some(
                        format::parse_hubble_status(&b)
                            .ok_or_else(|| r.error("the Hubble status section is corrupt"))?,
                    );
                }
                kind::RUNTIME_CONFIG => s.runtime_config = Some(r.json(len, "runtime config")?),
                kind::NOTES => s.notes = r.json(len, "notes")?,
                _ => r.skip(len)?,
            }
        }
        if open_map.is_some() {
            return Err(r.error("the last map has no end section"));
        }
        if !seen_meta {
            return Err(r.error("no meta section"));
        }
        Ok(s)
    }

    /// The records of map number `i` (file order), read from the file once. The pass that reads
    /// them keeps every small map too, so a command that opens many maps reads the file about
    /// once plus once per big map.
    pub fn records(&self, i: usize) -> Result<Arc<SavedMap>, FormatError> {
        /// Maps up to this many record bytes are kept by any pass.
        const SMALL: usize = 4 << 20;
        if let Some(m) = self.loaded.lock().expect("not poisoned").get(&i) {
            return Ok(m.clone());
        }
        for_each_map(&self.path, |j, m, recs| {
            let mut loaded = self.loaded.lock().expect("not poisoned");
            if j == i || (recs.len() <= SMALL && !loaded.contains_key(&j)) {
                let mut saved = SavedMap::new(recs, m.key_size as usize, m.value_stride as usize);
                if m.map_type == crate::bpf::map_type::LPM_TRIE {
                    saved = saved.lpm();
                }
                loaded.insert(j, Arc::new(saved));
            }
            Ok(true)
        })?;
        self.loaded
            .lock()
            .expect("not poisoned")
            .get(&i)
            .cloned()
            .ok_or_else(|| FormatError {
                path: self.path.clone(),
                what: format!("map number {i} vanished from the file while reading it"),
            })
    }

    fn open(&self, i: usize, path: PathBuf) -> Result<Map, BpfError> {
        let m = &self.maps[i].0;
        let entries = self
            .records(i)
            .map_err(|e| BpfError::new("reading", Some(path.clone()), std::io::Error::other(e)))?;
        let info = MapInfo {
            map_type: m.map_type,
            id: m.id,
            key_size: m.key_size,
            value_size: m.value_size,
            max_entries: m.max_entries,
            flags: m.flags,
            name: m.kernel_name.clone(),
        };
        Ok(Map::saved(path, info, m.value_stride as usize, m.memlock, entries))
    }

    /// Open a pinned map by name (`None` when the node had no such pin).
    pub fn open_pinned(&self, name: &str, path: PathBuf) -> Option<Result<Map, BpfError>> {
        let i = self.maps.iter().position(|(m, _)| !name.is_empty() && m.name == name)?;
        Some(self.open(i, path))
    }

    /// The saved answer to a GET (`None`: the agent gave none). `/identity/{id}` beyond the
    /// identities saved one by one is answered from the saved identity list.
    pub fn agent_answer(&self, base: &str, path: &str, headers: &[(&str, &str)]) -> Option<(u16, Vec<u8>)> {
        match self.agent.get(&request_key(base, path, headers)) {
            Some((0, _)) => None,
            Some((st, body)) => Some((*st, body.clone())),
            None => {
                let id: i64 = path.strip_prefix("/identity/")?.parse().ok()?;
                let (200, list) = self.agent.get(&request_key(base, "/identity", &[]))? else {
                    return None;
                };
                let list: Vec<serde_json::Value> = serde_json::from_slice(list).ok()?;
                let one = list.iter().find(|i| i.get("id").and_then(|v| v.as_i64()) == Some(id))?;
                Some((200, serde_json::to_vec(one).ok()?))
            }
        }
    }

    /// The saved Hubble flows, oldest first; an error when Hubble did not answer at save time.
    pub fn flows(&self) -> Result<Vec<GetFlowsResponse>, FormatError> {
        if self.hubble.is_none() && self.flows.is_empty() {
            return Err(FormatError {
                path: self.path.clone(),
                what: "it holds no Hubble flows (Hubble did not answer when the snapshot was saved)".into(),
            });
        }
        self.flows
            .iter()
            .map(|b| {
                GetFlowsResponse::decode(b.as_slice()).map_err(|e| FormatError {
                    path: self.path.clone(),
                    what: format!("a saved Hubble flow is corrupt: {e}"),
                })
            })
            .collect()
    }

    /// The saved Hubble health status, server and status answer.
    pub fn hubble_status(&self) -> Result<(i32, String, ServerStatusResponse), FormatError> {
        let err = |what: String| FormatError {
            path: self.path.clone(),
            what,
        };
        let (st, server, ss) = self.hubble.as_ref().ok_or_else(|| {
            err("it holds no Hubble status (Hubble did not answer when the snapshot was saved)".into())
        })?;
        let ss = ServerStatusResponse::decode(ss.as_slice())
            .map_err(|e| err(format!("the saved Hubble status is corrupt: {e}")))?;
        Ok((*st, server.clone(), ss))
    }

    /// Names of the pinned maps, sorted.
    pub fn pinned_names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .maps
            .iter()
            .filter(|(m, _)| !m.name.is_empty())
            .map(|(m, _)| m.name.clone())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Walk every map of a snapshot with its records, one map in memory at a time; `f` returns
/// false to stop.
pub fn for_each_map(
    path: &Path,
    mut f: impl FnMut(usize, &MapMeta, Vec<u8>) -> Result<bool, FormatError>,
) -> Result<(), FormatError> {
    let mut r = Reader::open(path)?;
    let mut cur: Option<(MapMeta, Vec<u8>)> = None;
    let mut i = 0;
    while let Some((k, len)) = r.next_section()? {
        match k {
            kind::MAP => {
                let m: MapMeta = r.json(len, "map")?;
                check_map(&r, &m)?;
                cur = Some((m, Vec::new()));
            }
            kind::RECORDS => {
                let Some((m, recs)) = cur.as_mut() else {
                    return Err(r.error("map records outside a map section"));
                };
                let max = u64::from(m.max_entries) * m.record_size() as u64;
                if recs.len() as u64 + len > max {
                    return Err(r.error(format!("map {} holds more entries than its max_entries", m.name)));
                }
                recs.extend_from_slice(&r.payload(len)?);
            }
            kind::MAP_END => {
                r.skip(len)?;
                let Some((m, recs)) = cur.take() else {
                    return Err(r.error("a map end without a map"));
                };
                if recs.len() % m.record_size().max(1) != 0 {
                    return Err(r.error(format!("the records of map {} are not whole entries", m.name)));
                }
                if !f(i, &m, recs)? {
                    return Ok(());
                }
                i += 1;
            }
            _ => r.skip(len)?,
        }
    }
    Ok(())
}

fn check_map<R: std::io::Read>(r: &Reader<R>, m: &MapMeta) -> Result<(), FormatError> {
    let sane = m.key_size > 0
        && m.key_size <= 4096
        && m.value_stride <= 1 << 20
        && m.value_stride >= m.value_size
        && !m.name.contains('/')
        && m.name != ".."
        && m.name != ".";
    if sane {
        Ok(())
    } else {
        Err(r.error(format!(
            "map {:?} has impossible sizes or name: the file is corrupt",
            m.name
        )))
    }
}

static ACTIVE: OnceLock<Snapshot> = OnceLock::new();
static COMMAND: OnceLock<String> = OnceLock::new();

/// Load `path` and serve every read from it for the rest of the process: the BPF layer and the
/// clocks get their hooks here, the maps and agent layers ask [`active`].
pub fn activate(path: &Path) -> Result<&'static Snapshot, FormatError> {
    let s = Snapshot::load(path)?;
    let s = ACTIVE.get_or_init(|| s);
    crate::bpf::saved::install(s);
    crate::clock::install_saved(s.meta.clocks.clone());
    Ok(s)
}

/// The snapshot being replayed, if any.
pub fn active() -> Option<&'static Snapshot> {
    ACTIVE.get()
}

/// Remember the command line's subcommands ("bpf ct flush") for the read-only message.
pub fn set_command(cmd: String) {
    let _ = COMMAND.set(cmd);
}

impl crate::bpf::saved::Source for Snapshot {
    /// An inner map by the kernel id it had when saved.
    fn open_id(&self, id: u32) -> Result<Map, BpfError> {
        let path = PathBuf::from(format!("map id {id}"));
        match self.maps.iter().position(|(m, _)| m.id == id) {
            Some(i) => self.open(i, path),
            None => Err(BpfError::new(
                "BPF_MAP_GET_FD_BY_ID",
                Some(path),
                std::io::Error::other(format!(
                    "the snapshot {} holds no map with id {id}",
                    self.path.display()
                )),
            )),
        }
    }

    /// The saving node's possible CPUs (per-CPU value slots).
    fn possible_cpus(&self) -> usize {
        self.meta.possible_cpus.max(1)
    }

    fn read_only_message(&self) -> String {
        read_only_message()
    }
}

impl crate::hubble::session::Saved for Snapshot {
    fn flows(&self) -> anyhow::Result<Vec<GetFlowsResponse>> {
        Ok(Snapshot::flows(self)?)
    }
    fn status(&self) -> anyhow::Result<(i32, String, ServerStatusResponse)> {
        Ok(self.hubble_status()?)
    }
}

/// "cdbg --from: bpf ct flush writes to the node; a snapshot is read-only".
pub fn read_only_message() -> String {
    let cmd = COMMAND.get().map_or("this command", |s| s.as_str());
    format!("cdbg --from: {cmd} writes to the node; a snapshot is read-only")
}
