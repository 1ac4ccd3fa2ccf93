//! The watched forms of `bpf lb list` and its views. The default view's row is a service slot
//! joined with its backend, so a slot's compared bytes are its service value plus the backend's
//! value: a backend that changes address or state shows as a change of every slot naming it.

use std::io::Write;

use anyhow::{anyhow, Result};
use rustc_hash::FxHashMap;

use super::maps::MapRows;
use super::{Row, Watched};
use crate::bpf::{walk, Map};
use crate::filter::FilterArgs;
use crate::maps::lb_service::service_view;
use crate::maps::BpfRoot;
use crate::maps::{lb_backend, lb_revnat, lb_service, lb_source_range, Version};
use crate::output::json;
use crate::output::Format;

/// Room for a backend value in a slot's compared bytes: its length, then up to 31 bytes.
const BACKEND_ROOM: usize = 32;

const NO_LB: &str = "the agent has not created its load-balancer maps (is cilium-agent running on this node?)";

fn named(maps: &[(Map, bool)]) -> Vec<(&Map, String)> {
    maps.iter().map(|(m, _)| (m, m.path().display().to_string())).collect()
}

fn object(out: &mut Vec<u8>, rec: &impl serde::Serialize) -> Result<()> {
    json::write_line(out, rec)?;
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    Ok(())
}

/// Which form of `bpf lb list` is watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Service slots joined with their backends (the default listing).
    Services,
    /// `--frontends`: service entries without the backend join.
    Frontends,
    Backends,
    Revnat,
    SourceRanges,
}

/// `bpf lb list [--frontends|--backends|--revnat|--source-ranges] --watch|--wait|--wait-gone`.
pub fn list(
    root: &BpfRoot,
    view: View,
    filter: &FilterArgs,
    watch: &super::WatchArgs,
    format: &Format,
    out: &mut dyn Write,
) -> Result<()> {
    if filter.aggregates() {
        anyhow::bail!("--watch, --wait and --wait-gone list rows: they do not combine with --count or --top");
    }
    let v = Version::detect(root);
    if view == View::Revnat {
        let maps = root.open_pair([&lb_revnat::SPEC4, &lb_revnat::SPEC6], NO_LB)?;
        let decode = |k: &[u8], val: &[u8]| Some((lb_revnat::decode_key(k)?, lb_revnat::RevNat::decode(val)?));
        let keep = |_: u32, k: &[u8], val: &[u8]| {
            decode(k, val).is_some_and(|(id, r)| filter.matches(&lb_revnat::RevNatRecord::new(id, &r)))
        };
        let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
            let (id, r) = decode(row.key, row.state).ok_or_else(|| anyhow!("bad rev-NAT entry"))?;
            write!(b, "{id}\t{}", r.cilium_string())?;
            Ok(())
        };
        let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
            let (id, r) = decode(row.key, row.state).ok_or_else(|| anyhow!("bad rev-NAT entry"))?;
            object(b, &lb_revnat::RevNatRecord::new(id, &r))
        };
        let rows = MapRows {
            maps: named(&maps),
            header: Some("ID\tBACKEND ADDRESS (REVNAT_ID) (SLOT)"),
            sorted: true,
            keep: &keep,
            state: None,
            table: &table,
            record: &record,
        };
        return super::run(watch, format, &rows, out);
    }
    if view == View::Backends {
        let maps = root.open_pair([&lb_backend::SPEC4, &lb_backend::SPEC6], NO_LB)?;
        let decode = |k: &[u8], val: &[u8]| Some((lb_backend::decode_key(k)?, lb_backend::Backend::decode(val)?));
        let keep = |_: u32, k: &[u8], val: &[u8]| {
            decode(k, val).is_some_and(|(id, b)| filter.matches(&lb_backend::BackendRecord::new(id, &b)))
        };
        let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
            let (id, be) = decode(row.key, row.state).ok_or_else(|| anyhow!("bad backend entry"))?;
            write!(b, "{id}\t{}", be.cilium_string())?;
            Ok(())
        };
        let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
            let (id, be) = decode(row.key, row.state).ok_or_else(|| anyhow!("bad backend entry"))?;
            object(b, &lb_backend::BackendRecord::new(id, &be))
        };
        let rows = MapRows {
            maps: named(&maps),
            header: Some("ID\tBACKEND ADDRESS (REVNAT_ID) (SLOT)"),
            sorted: true,
            keep: &keep,
            state: None,
            table: &table,
            record: &record,
        };
        return super::run(watch, format, &rows, out);
    }
    if view == View::SourceRanges {
        let maps = root.open_pair(
            [&lb_source_range::SPEC4, &lb_source_range::SPEC6],
            "loadBalancerSourceRanges checking is off on this node",
        )?;
        let keep = |_: u32, k: &[u8], _: &[u8]| {
            lb_source_range::SourceRange::decode(k)
                .is_some_and(|r| filter.matches(&lb_source_range::SourceRangeRecord::new(&r)))
        };
        let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
            let r = lb_source_range::SourceRange::decode(row.key).ok_or_else(|| anyhow!("bad source range"))?;
            b.extend_from_slice(r.cilium_string().as_bytes());
            Ok(())
        };
        let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
            let r = lb_source_range::SourceRange::decode(row.key).ok_or_else(|| anyhow!("bad source range"))?;
            object(b, &lb_source_range::SourceRangeRecord::new(&r))
        };
        let rows = MapRows {
            maps: named(&maps),
            header: Some("SOURCE RANGE (REVNAT_ID)"),
            sorted: true,
            keep: &keep,
            state: None,
            table: &table,
            record: &record,
        };
        return super::run(watch, format, &rows, out);
    }
    let services = root.open_pair([&lb_service::SPEC4, &lb_service::SPEC6], NO_LB)?;
    let mut backends = Vec::new();
    if view != View::Frontends {
        for spec in [&lb_backend::SPEC4, &lb_backend::SPEC6] {
            if let Some((m, _)) = root.open_if_exists(spec)? {
                backends.push(m);
            }
        }
    }
    let rows = Services {
        services: services.iter().map(|(m, _)| m).collect(),
        backends,
        join: view != View::Frontends,
        v,
        filter,
    };
    super::run(watch, format, &rows, out)
}

/// The default view (service slots joined with backends) and `--frontends`.
struct Services<'a> {
    services: Vec<&'a Map>,
    backends: Vec<Map>,
    join: bool,
    v: Version,
    filter: &'a crate::filter::FilterArgs,
}

impl Services<'_> {
    /// Key, value and (joined) backend of a row from its compared bytes.
    fn decode(
        &self,
        row: &Row<'_>,
    ) -> Result<(
        lb_service::ServiceKey,
        lb_service::ServiceValue,
        Option<lb_backend::Backend>,
    )> {
        let bad = || anyhow!("bad service entry");
        let key = lb_service::ServiceKey::decode(row.key).ok_or_else(bad)?;
        let sv = lb_service::ServiceValue::decode(&row.state[..lb_service::VALUE_SIZE]).ok_or_else(bad)?;
        let b = row.state.get(lb_service::VALUE_SIZE..).and_then(|b| {
            let n = *b.first()? as usize;
            lb_backend::Backend::decode(b.get(1..1 + n)?)
        });
        Ok((key, sv, b))
    }

    fn view(&self, row: &Row<'_>, record: bool) -> Result<(String, String, Option<lb_service::ServiceRecord>)> {
        let (key, sv, b) = self.decode(row)?;
        let mut one = FxHashMap::default();
        if let Some(b) = b {
            one.insert(sv.backend_id, b);
        }
        let (rec, value) = service_view(&key, &sv, self.v, self.join.then_some(&one), record);
        Ok((key.cilium_string(self.v), value, rec))
    }
}

impl Watched for Services<'_> {
    fn header(&self) -> Option<&str> {
        Some(if self.join {
            "SERVICE ADDRESS\tBACKEND ADDRESS (REVNAT_ID) (SLOT)"
        } else {
            "SERVICE ADDRESS\tBACKEND ID"
        })
    }

    fn pass(&self, emit: &mut dyn FnMut(Row<'_>) -> Result<()>) -> Result<()> {
        let mut all: FxHashMap<u32, Vec<u8>> = FxHashMap::default();
        for m in &self.backends {
            walk::stream(m, &m.path().display().to_string(), |k: &[u8], v: &[u8]| -> Result<()> {
                if let Some(id) = lb_backend::decode_key(k) {
                    all.insert(id, v.to_vec());
                }
                Ok(())
            })?;
        }
        let mut state = Vec::with_capacity(lb_service::VALUE_SIZE + BACKEND_ROOM);
        for (g, m) in self.services.iter().enumerate() {
            walk::stream(m, &m.path().display().to_string(), |k: &[u8], v: &[u8]| -> Result<()> {
                let (Some(key), Some(sv)) = (lb_service::ServiceKey::decode(k), lb_service::ServiceValue::decode(v))
                else {
                    return Err(anyhow!("{}: an entry has an unexpected size", m.path().display()));
                };
                state.clear();
                state.extend_from_slice(v);
                let mut room = [0u8; BACKEND_ROOM];
                let backend = (self.join && key.slot != 0)
                    .then(|| all.get(&sv.backend_id))
                    .flatten()
                    .filter(|b| b.len() < BACKEND_ROOM);
                if let Some(b) = backend {
                    room[0] = b.len() as u8;
                    room[1..1 + b.len()].copy_from_slice(b);
                }
                if self.join {
                    state.extend_from_slice(&room);
                }
                if self.filter.is_active() {
                    let mut rec = lb_service::ServiceRecord::new(&key, &sv, self.v);
                    if self.join && key.slot != 0 {
                        match backend.and_then(|b| lb_backend::Backend::decode(b)) {
                            Some(b) => rec.backend = Some(lb_backend::BackendRecord::new(sv.backend_id, &b)),
                            None => rec.backend_missing = true,
                        }
                    }
                    if !self.filter.matches(&rec) {
                        return Ok(());
                    }
                }
                emit(Row {
                    group: g as u32,
                    key: k,
                    state: &state,
                    full: Some(v),
                })
            })?;
        }
        Ok(())
    }

    fn table(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        let (k, v, _) = self.view(row, false)?;
        write!(out, "{k}\t{v}")?;
        Ok(())
    }

    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        let (_, _, rec) = self.view(row, true)?;
        object(out, &rec)
    }

    fn pins(&self) -> Vec<&Map> {
        self.services.iter().copied().chain(self.backends.iter()).collect()
    }
}
