//! The watched forms of `bpf lb list` and its views, rendered through the LB maps' views (the
//! same rows the listing prints). The default view's row is a service slot joined with its
//! backend, so a slot's compared bytes are its service value plus the backend's value: a backend
//! that changes address or state shows as a change of every slot naming it.

use std::io::Write;

use anyhow::{anyhow, Result};
use rustc_hash::FxHashMap;

use super::maps::Viewed;
use super::{Row, Watched};
use crate::bpf::{walk, Map};
use crate::filter::FilterArgs;
use crate::maps::lb_backend::BackendView;
use crate::maps::lb_revnat::RevNatView;
use crate::maps::lb_service::ServiceView;
use crate::maps::lb_source_range::SourceRangeView;
use crate::maps::view::View as _;
use crate::maps::BpfRoot;
use crate::maps::{lb_backend, lb_revnat, lb_service, lb_source_range, Version};
use crate::output::Format;

const NO_LB: &str = "the agent has not created its load-balancer maps (is cilium-agent running on this node?)";

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

/// Watch both families' maps of one view.
fn watch_pair<V: crate::maps::view::View>(
    maps: &[(Map, bool)],
    view: impl Fn() -> V,
    watch: &super::WatchArgs,
    format: &Format,
    out: &mut dyn Write,
) -> Result<()> {
    let rows = Viewed {
        maps: maps
            .iter()
            .map(|(m, _)| (m, m.path().display().to_string(), view()))
            .collect(),
        sorted: true,
    };
    super::run(watch, format, &rows, out)
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
    let filter = Some(filter);
    match view {
        View::Revnat => {
            let maps = root.open_pair([&lb_revnat::SPEC4, &lb_revnat::SPEC6], NO_LB)?;
            return watch_pair(&maps, || RevNatView { filter }, watch, format, out);
        }
        View::Backends => {
            let maps = root.open_pair([&lb_backend::SPEC4, &lb_backend::SPEC6], NO_LB)?;
            return watch_pair(&maps, || BackendView { filter }, watch, format, out);
        }
        View::SourceRanges => {
            let maps = root.open_pair(
                [&lb_source_range::SPEC4, &lb_source_range::SPEC6],
                "loadBalancerSourceRanges checking is off on this node",
            )?;
            return watch_pair(&maps, || SourceRangeView { filter }, watch, format, out);
        }
        View::Services | View::Frontends => {}
    }
    let services = root.open_pair([&lb_service::SPEC4, &lb_service::SPEC6], NO_LB)?;
    let join = view != View::Frontends;
    let mut backends = Vec::new();
    if join {
        for spec in [&lb_backend::SPEC4, &lb_backend::SPEC6] {
            if let Some((m, _)) = root.open_if_exists(spec)? {
                backends.push(m);
            }
        }
    }
    let rows = Services {
        services: services.iter().map(|(m, _)| m).collect(),
        backends,
        view: ServiceView {
            v: Version::detect(root),
            join,
            backends: None,
            filter,
        },
    };
    super::run(watch, format, &rows, out)
}

/// The default view (service slots joined with backends) and `--frontends`: each pass reads
/// the backends first, then carries a slot's backend in its compared bytes.
struct Services<'a> {
    services: Vec<&'a Map>,
    backends: Vec<Map>,
    view: ServiceView<'a>,
}

impl Watched for Services<'_> {
    fn header(&self) -> Option<&str> {
        self.view.header()
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
        let join = self.view.join;
        let mut state = Vec::with_capacity(lb_service::VALUE_SIZE + lb_service::BACKEND_ROOM);
        for (g, m) in self.services.iter().enumerate() {
            walk::stream(m, &m.path().display().to_string(), |k: &[u8], v: &[u8]| -> Result<()> {
                let (Some(key), Some(sv)) = (lb_service::ServiceKey::decode(k), lb_service::ServiceValue::decode(v))
                else {
                    return Err(anyhow!("{}: an entry has an unexpected size", m.path().display()));
                };
                state.clear();
                state.extend_from_slice(v);
                if join {
                    let backend = (key.slot != 0).then(|| all.get(&sv.backend_id)).flatten();
                    lb_service::push_joined(&mut state, backend.map(Vec::as_slice));
                }
                if !self.view.keep(k, &state) {
                    return Ok(());
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
        self.view.table(row.key, row.state, out)
    }

    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        self.view.record(row.key, row.state, out)
    }

    fn pins(&self) -> Vec<&Map> {
        self.services.iter().copied().chain(self.backends.iter()).collect()
    }
}
