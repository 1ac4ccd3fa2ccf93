//! Map pressure: for every pinned map, its type, entries, max_entries, fill level and memlock.
//! Entries are counted with batch reads (per-key where batch is unsupported), two maps at a time.

use serde::Serialize;

use crate::bpf::{self, map_type, Map};
use crate::maps::{Access, BpfRoot, MapError};

/// Fill level from which a map is flagged.
pub const WARN_FILL_PERCENT: f64 = 90.0;

/// One pinned map's usage.
#[derive(Debug, Clone, Serialize)]
pub struct Usage {
    pub name: String,
    #[serde(rename = "type")]
    pub map_type: String,
    pub key_size: u32,
    pub value_size: u32,
    /// Counted entries; `None` for maps whose entries are not data (prog arrays, perf rings).
    pub entries: Option<u64>,
    pub max_entries: u32,
    /// `entries / max_entries` in percent; `None` for fixed-size arrays and non-data maps.
    pub fill_percent: Option<f64>,
    pub memlock_bytes: Option<u64>,
    pub flags: u32,
    /// The map changed during counting: the count is approximate.
    pub incomplete: bool,
    /// Fill at or above the warning level.
    pub warning: bool,
}

/// Usage of one map.
pub fn usage(name: &str, map: &Map) -> Result<Usage, bpf::BpfError> {
    let info = map.info();
    let (entries, fill, incomplete) = match info.map_type {
        map_type::PROG_ARRAY | map_type::PERF_EVENT_ARRAY | map_type::RINGBUF | map_type::ARRAY_OF_MAPS => {
            (None, None, false)
        }
        map_type::ARRAY | map_type::PERCPU_ARRAY => (Some(u64::from(info.max_entries)), None, false),
        _ => {
            let st = bpf::dump::count(map)?;
            let fill = if info.max_entries > 0 {
                Some(st.entries as f64 * 100.0 / f64::from(info.max_entries))
            } else {
                None
            };
            (Some(st.entries), fill, st.incomplete.is_some())
        }
    };
    Ok(Usage {
        name: name.to_string(),
        map_type: map_type::name(info.map_type),
        key_size: info.key_size,
        value_size: info.value_size,
        entries,
        max_entries: info.max_entries,
        fill_percent: fill.map(|f| (f * 10.0).round() / 10.0),
        memlock_bytes: map.memlock(),
        flags: info.flags,
        incomplete,
        warning: fill.is_some_and(|f| f >= WARN_FILL_PERCENT),
    })
}

/// Usage of every map pinned in the globals directory, most filled first. Pins that are not
/// maps are skipped; maps that cannot be read are returned as messages alongside. A bad root or
/// a permission problem is an error: it would hide every map.
pub fn scan(root: &BpfRoot) -> Result<(Vec<Usage>, Vec<String>), MapError> {
    let names = root.pinned_names()?;
    let half = names.len().div_ceil(2);
    let (a, b) = names.split_at(half);
    let (ra, rb) = std::thread::scope(|s| {
        let h = s.spawn(|| scan_names(root, b));
        (scan_names(root, a), h.join().expect("pressure scan thread"))
    });
    let (mut ra, rb) = (ra?, rb?);
    ra.0.extend(rb.0);
    ra.1.extend(rb.1);
    ra.0.sort_by(|x, y| {
        y.fill_percent
            .unwrap_or(-1.0)
            .total_cmp(&x.fill_percent.unwrap_or(-1.0))
            .then_with(|| x.name.cmp(&y.name))
    });
    Ok(ra)
}

type Scanned = (Vec<Usage>, Vec<String>);

fn scan_names(root: &BpfRoot, names: &[String]) -> Result<Scanned, MapError> {
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for n in names {
        if root.path(n).is_dir() {
            continue;
        }
        match root.open_pin(n, Access::Read) {
            Ok(Some(m)) => match usage(n, &m) {
                Ok(u) => out.push(u),
                Err(e) => errs.push(format!("{n}: {e}")),
            },
            // Unpinned since it was listed.
            Ok(None) => {}
            // A pinned program or link: not a map.
            Err(MapError::Bpf(e)) if e.op == "BPF_OBJ_GET_INFO_BY_FD" && e.errno() == Some(libc::EINVAL) => {}
            Err(e @ (MapError::Denied { .. } | MapError::Root(_))) => return Err(e),
            Err(e) => errs.push(format!("{n}: {e}")),
        }
    }
    Ok((out, errs))
}

/// Human size as bpftool users read it: B, KiB, MiB, GiB.
pub fn human_bytes(b: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut v = b as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{b} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// The table: MAP TYPE ENTRIES MAX FILL MEMLOCK, `!` after fills at or above 90 %.
pub fn write_table(w: &mut dyn std::io::Write, rows: &[Usage]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut tw = crate::output::table::tabwriter(&mut *w, 5, 3);
    writeln!(tw, "MAP\tTYPE\tENTRIES\tMAX\tFILL\tMEMLOCK")?;
    for u in rows {
        let entries = match u.entries {
            Some(n) if u.incomplete => format!("~{n}"),
            Some(n) => n.to_string(),
            None => "-".into(),
        };
        let fill = match u.fill_percent {
            Some(f) if u.warning => format!("{f:.1}% !"),
            Some(f) => format!("{f:.1}%"),
            None => "-".into(),
        };
        let mem = u.memlock_bytes.map_or("-".into(), human_bytes);
        writeln!(
            tw,
            "{}\t{}\t{}\t{}\t{}\t{}",
            crate::output::sanitize::field(&u.name),
            u.map_type,
            entries,
            u.max_entries,
            fill,
            mem
        )?;
    }
    tw.flush()
}

/// `--min-fill`: a fill level in percent, 0 to 100.
pub fn parse_percent(s: &str) -> Result<f64, String> {
    match s.trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        Ok(_) => Err(format!("{s} is not a fill level: give a percentage from 0 to 100")),
        Err(_) => Err(format!(
            "{s:?} is not a number: give a percentage from 0 to 100 (e.g. 80)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_fill_is_a_percentage() {
        assert_eq!(parse_percent("80"), Ok(80.0));
        assert_eq!(parse_percent("12.5%"), Ok(12.5));
        assert!(parse_percent("150").unwrap_err().contains("0 to 100"));
        assert!(parse_percent("-1").is_err());
        assert!(parse_percent("lots").unwrap_err().contains("not a number"));
    }

    #[test]
    fn sizes() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(142_607_232), "136.0 MiB");
        assert_eq!(human_bytes(3 * 1024 * 1024 * 1024), "3.0 GiB");
    }

    #[test]
    fn counts_and_fill() {
        if !rustix::process::geteuid().is_root() {
            return crate::bpf::testutil::skip("counts_and_fill");
        }
        let m = Map::create(map_type::HASH, "cdbg_press", 4, 4, 100, 0).unwrap();
        for i in 0..95u32 {
            m.update(&i.to_ne_bytes(), &[0; 4]).unwrap();
        }
        let u = usage("cdbg_press", &m).unwrap();
        assert_eq!(u.entries, Some(95));
        assert_eq!(u.fill_percent, Some(95.0));
        assert!(u.warning);
        let a = Map::create(map_type::ARRAY, "cdbg_arr", 4, 8, 256, 0).unwrap();
        let u = usage("cdbg_arr", &a).unwrap();
        assert_eq!((u.entries, u.fill_percent, u.warning), (Some(256), None, false));
    }
}
