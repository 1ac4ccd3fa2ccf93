//! The watched forms of the map listings: each listing's rows as (map, real key, compared value
//! bytes), with the listing's own row text and `-o jsonl` record. Commands call one function here.

use std::io::Write;

use anyhow::{bail, Result};

use super::{Row, WatchArgs, Watched};
use crate::bpf::{walk, Map};
use crate::filter::FilterArgs;
use crate::maps::{ipcache, lxc, nodeid, Version};
use crate::output::{json, Format};

/// Fill `state` with the bytes compared between passes for `(key, value)` of group `g`.
type StateFn<'a> = dyn Fn(u32, &[u8], &[u8], &mut Vec<u8>) + 'a;
/// Whether a row of group `g` is listed.
type KeepFn<'a> = dyn Fn(u32, &[u8], &[u8]) -> bool + 'a;
type RenderFn<'a> = dyn Fn(&Row<'_>, &mut Vec<u8>) -> Result<()> + 'a;

/// Rows straight from maps: one group per map, the map's key, the value (or a part of it).
pub struct MapRows<'a> {
    /// The maps with the names their warnings use.
    pub maps: Vec<(&'a Map, String)>,
    pub header: Option<&'static str>,
    pub sorted: bool,
    /// Whether a row is listed (empty slots, filters).
    pub keep: &'a KeepFn<'a>,
    /// The compared bytes; `None`: the whole value.
    pub state: Option<&'a StateFn<'a>>,
    pub table: &'a RenderFn<'a>,
    pub record: &'a RenderFn<'a>,
}

impl Watched for MapRows<'_> {
    fn header(&self) -> Option<&str> {
        self.header
    }
    fn sorted(&self) -> bool {
        self.sorted
    }
    fn pass(&self, emit: &mut dyn FnMut(Row<'_>) -> Result<()>) -> Result<()> {
        let mut st = Vec::with_capacity(64);
        for (g, (map, name)) in self.maps.iter().enumerate() {
            let g = g as u32;
            walk::stream(map, name, |k: &[u8], v: &[u8]| -> Result<()> {
                if !(self.keep)(g, k, v) {
                    return Ok(());
                }
                let state = match self.state {
                    Some(f) => {
                        st.clear();
                        f(g, k, v, &mut st);
                        &st[..]
                    }
                    None => v,
                };
                emit(Row {
                    group: g,
                    key: k,
                    state,
                    full: Some(v),
                })
            })?;
        }
        Ok(())
    }
    fn table(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        (self.table)(row, out)
    }
    fn record(&self, row: &Row<'_>, out: &mut Vec<u8>) -> Result<()> {
        (self.record)(row, out)
    }
    fn pins(&self) -> Vec<&Map> {
        self.maps.iter().map(|(m, _)| *m).collect()
    }
}

/// Refuse `--count`/`--top` with a watch (they print one aggregate, not rows).
fn no_aggregate(filter: &FilterArgs) -> Result<()> {
    if filter.aggregates() {
        bail!("--watch, --wait and --wait-gone list rows: they do not combine with --count or --top");
    }
    Ok(())
}

/// A serde record as one JSON object without its newline.
fn object(out: &mut Vec<u8>, rec: &impl serde::Serialize) -> Result<()> {
    json::write_line(out, rec)?;
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    Ok(())
}

// --- ipcache --------------------------------------------------------------------------------

/// `bpf ipcache list --watch|--wait|--wait-gone`.
pub fn ipcache(
    args: &WatchArgs,
    format: &Format,
    map: &Map,
    v: Version,
    filter: &FilterArgs,
    out: &mut dyn Write,
) -> Result<()> {
    no_aggregate(filter)?;
    let decode = |k: &[u8], val: &[u8]| Some((ipcache::Key::decode(k)?, ipcache::Value::decode(val)?));
    let keep = |_: u32, k: &[u8], val: &[u8]| -> bool {
        decode(k, val).is_some_and(|e| !filter.is_active() || filter.matches(&e))
    };
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((k, val)) = decode(row.key, row.state) {
            k.write_text(b);
            b.push(b'\t');
            val.write_text(b, v);
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match decode(row.key, row.state) {
            Some((k, val)) => object(b, &ipcache::Record::new(&k, &val, v)),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: vec![(map, map.path().display().to_string())],
        header: Some("IP PREFIX/ADDRESS\tIDENTITY"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

// --- endpoints ------------------------------------------------------------------------------

/// `bpf endpoint list --watch|--wait|--wait-gone`.
pub fn endpoint(
    args: &WatchArgs,
    format: &Format,
    map: &Map,
    v: Version,
    filter: &FilterArgs,
    out: &mut dyn Write,
) -> Result<()> {
    no_aggregate(filter)?;
    let decode = |k: &[u8], val: &[u8]| Some((lxc::EndpointKey::decode(k)?, lxc::EndpointInfo::decode(val)?));
    let keep = |_: u32, k: &[u8], val: &[u8]| -> bool {
        decode(k, val).is_some_and(|e| !filter.is_active() || filter.matches(&e))
    };
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((k, val)) = decode(row.key, row.state) {
            write!(b, "{k}\t{}", val.format(v))?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match decode(row.key, row.state) {
            Some((k, val)) => object(b, &lxc::Record::new(&k, &val)),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: vec![(map, map.path().display().to_string())],
        header: Some("IP ADDRESS\tLOCAL ENDPOINT INFO"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

// --- node IDs -------------------------------------------------------------------------------

/// `bpf nodeid list --watch|--wait|--wait-gone`.
pub fn nodeid(args: &WatchArgs, format: &Format, map: &Map, out: &mut dyn Write) -> Result<()> {
    let decode = |k: &[u8], val: &[u8]| Some((nodeid::decode_key(k)?, nodeid::Value::decode(val)?));
    let keep = |_: u32, k: &[u8], val: &[u8]| decode(k, val).is_some();
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((ip, val)) = decode(row.key, row.state) {
            write!(b, "0x{:x}\t{ip}\t{}", val.id, val.spi)?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match decode(row.key, row.state) {
            Some((ip, val)) => object(
                b,
                &nodeid::Record {
                    node_id: val.id,
                    ip,
                    spi: val.spi,
                },
            ),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: vec![(map, map.path().display().to_string())],
        header: Some("NODE ID\tIP ADDRESSES\tSPI"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

// --- policy ---------------------------------------------------------------------------------

/// `bpf policy get <endpoint> --watch|--wait|--wait-gone` (numeric identities; the packet and
/// byte counters of ≤1.17 entries are compared only with `--all-changes`).
pub fn policy(
    root: &crate::maps::BpfRoot,
    args: &WatchArgs,
    format: &Format,
    path: &std::path::Path,
    endpoint: u16,
    filter: &FilterArgs,
    out: &mut dyn Write,
) -> Result<()> {
    use crate::maps::policy::{self as pm, Entry, Key};
    use crate::maps::{Access, Opened};
    no_aggregate(filter)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let (map, shape) = match root.open_map(&name, pm::SHAPES, Access::Read)? {
        Opened::Opened(m, s) => (m, s),
        Opened::Absent(a) => bail!(
            "Failed to open map: {name} is not pinned at {}: no endpoint with that ID on this node (list them with `cdbg bpf endpoint list`)",
            a.path.display()
        ),
    };
    let v = if shape.value_size as usize == pm::VALUE_SIZE_18 {
        Version::V1_18
    } else if name.starts_with(pm::PREFIX_V2) {
        Version::V1_17
    } else {
        Version::V1_16
    };
    let all = args.all_changes;
    let decode = |k: &[u8], e: &[u8]| Some((Key::decode(k)?, Entry::decode(e)?));
    let keep = |_: u32, k: &[u8], e: &[u8]| decode(k, e).is_some_and(|r| !filter.is_active() || filter.matches(&r));
    let state = |_: u32, _: &[u8], e: &[u8], st: &mut Vec<u8>| {
        st.extend_from_slice(e);
        if !all && st.len() >= pm::VALUE_SIZE_COUNTERS {
            st[8..24].fill(0);
        }
    };
    // A row's counters: the value just read, else (a removed row) none unless they were kept.
    let entry = |row: &Row<'_>| {
        let (k, mut e) = decode(row.key, row.full.unwrap_or(row.state))?;
        if row.full.is_none() && !all {
            e.packets = None;
            e.bytes = None;
        }
        Some((k, e))
    };
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((k, e)) = entry(row) {
            let opt = |x: Option<u64>| x.map_or_else(|| "-".to_string(), |n| n.to_string());
            let proxy = if e.proxy_port == 0 {
                "NONE".to_string()
            } else {
                e.proxy_port.to_string()
            };
            write!(
                b,
                "{}\t{}\t{}\t{}\t{proxy}\t{}\t{}\t{}\t{}\t",
                if e.is_deny() { "Deny" } else { "Allow" },
                k.direction(),
                k.identity,
                k.port_proto(),
                pm::auth_type_name(e.auth_type(v)),
                opt(e.bytes),
                opt(e.packets),
                k.prefix()
            )?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match entry(row) {
            Some((k, e)) => object(b, &pm::Record::new(endpoint, &k, &e, v, Vec::new())),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: vec![(&map, map.path().display().to_string())],
        header: Some("POLICY\tDIRECTION\tIDENTITY\tPORT/PROTO\tPROXY PORT\tAUTH TYPE\tBYTES\tPACKETS\tPREFIX\t"),
        sorted: true,
        keep: &keep,
        state: Some(&state),
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

// --- tunnel and auth ------------------------------------------------------------------------

/// `bpf tunnel list --watch|--wait|--wait-gone`.
pub fn tunnel(args: &WatchArgs, format: &Format, map: &Map, out: &mut dyn Write) -> Result<()> {
    use crate::maps::tunnel as tm;
    let decode = |k: &[u8], val: &[u8]| Some((tm::decode_key(k)?, tm::decode_value(val)?));
    let keep = |_: u32, k: &[u8], val: &[u8]| decode(k, val).is_some();
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some(((ip, c), (t, key))) = decode(row.key, row.state) {
            write!(b, "{}\t{}", tm::key_string(ip, c), tm::value_string(t, key))?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match decode(row.key, row.state) {
            Some(((ip, c), (t, key))) => object(
                b,
                &tm::Record {
                    prefix: ip,
                    cluster_id: c,
                    tunnel_endpoint: t,
                    encrypt_key: key,
                },
            ),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: vec![(map, map.path().display().to_string())],
        header: Some("TUNNEL\tVALUE"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

/// `bpf auth list --watch|--wait|--wait-gone`.
pub fn auth(args: &WatchArgs, format: &Format, map: &Map, out: &mut dyn Write) -> Result<()> {
    use crate::maps::auth as am;
    use crate::maps::policy::auth_type_name;
    let decode = |k: &[u8], val: &[u8]| Some((am::Key::decode(k)?, am::decode_value(val)?));
    let keep = |_: u32, k: &[u8], val: &[u8]| decode(k, val).is_some();
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((k, exp)) = decode(row.key, row.state) {
            let (s, n) = am::utime_to_unix(exp);
            write!(
                b,
                "{}\t{}\t{}\t{}\t{}",
                k.local_identity,
                k.remote_identity,
                k.remote_node_id,
                auth_type_name(k.auth_type),
                am::go_time_string(s, n)
            )?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match decode(row.key, row.state) {
            Some((k, exp)) => {
                let (s, n) = am::utime_to_unix(exp);
                object(
                    b,
                    &am::Record {
                        local_identity: k.local_identity,
                        remote_identity: k.remote_identity,
                        remote_node_id: k.remote_node_id,
                        auth_type: auth_type_name(k.auth_type),
                        expiration: am::go_time_json(s, n),
                        expiration_unix_ns: s as i128 * 1_000_000_000 + n as i128,
                    },
                )
            }
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: vec![(map, map.path().display().to_string())],
        header: Some("SRC IDENTITY\tDST IDENTITY\tREMOTE NODE ID\tAUTH TYPE\tEXPIRATION"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}

/// `bpf egress list --watch|--wait|--wait-gone`.
pub fn egress(args: &WatchArgs, format: &Format, map: &Map, out: &mut dyn Write) -> Result<()> {
    use crate::maps::egress as em;
    let decode = |k: &[u8], val: &[u8]| Some((em::Key::decode(k)?, em::decode_value(val)?));
    let keep = |_: u32, k: &[u8], val: &[u8]| decode(k, val).is_some();
    let table = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        if let Some((k, (e, g))) = decode(row.key, row.state) {
            write!(
                b,
                "{}\t{}/{}\t{e}\t{}",
                k.source,
                k.dest,
                k.dest_bits,
                em::gateway_string(g)
            )?;
        }
        Ok(())
    };
    let record = |row: &Row<'_>, b: &mut Vec<u8>| -> Result<()> {
        match decode(row.key, row.state) {
            Some((k, (e, g))) => object(
                b,
                &em::Record {
                    source_ip: k.source,
                    destination_cidr: format!("{}/{}", k.dest, k.dest_bits),
                    egress_ip: e,
                    gateway_ip: g,
                    gateway: em::gateway_kind(g),
                },
            ),
            None => Ok(()),
        }
    };
    let rows = MapRows {
        maps: vec![(map, map.path().display().to_string())],
        header: Some("Source IP\tDestination CIDR\tEgress IP\tGateway IP"),
        sorted: true,
        keep: &keep,
        state: None,
        table: &table,
        record: &record,
    };
    super::run(args, format, &rows, out)
}
