//! Peer identity labels for a listing (`bpf policy get`): asked of the agent once per identity,
//! given up after one unanswered request.

use std::collections::BTreeMap;
use std::time::Duration;

use super::Client;

/// How long one identity lookup may take before cdbg falls back to numeric IDs (unless
/// `CDBG_API_TIMEOUT` says otherwise).
const LABEL_TIMEOUT: Duration = Duration::from_secs(2);

/// Peer identity labels from the agent (`GET /v1/identity/{id}`), when it answers. One `Labels`
/// serves every map of a command: each identity is asked once, and once the agent fails to
/// answer it is not asked again (one timeout in total, one warning).
pub struct Labels {
    m: BTreeMap<u32, Vec<String>>,
    asked: std::collections::BTreeSet<u32>,
    /// `None` with `-n`, or after the agent did not answer.
    client: Option<Client>,
}

impl Labels {
    /// Labels asked of the agent at `host`; with `numeric` (`-n`) none are asked.
    pub fn new(host: Option<&str>, numeric: bool) -> Labels {
        let client = if numeric {
            None
        } else {
            match Client::for_commands_or(host, LABEL_TIMEOUT) {
                Ok(c) => Some(c),
                Err(e) => {
                    crate::output::notes::warn(format_args!(
                        "cannot resolve identity labels, showing numeric IDs: {e}"
                    ));
                    None
                }
            }
        };
        Labels {
            m: BTreeMap::new(),
            asked: Default::default(),
            client,
        }
    }

    /// Labels of `ids`, asked at once.
    pub fn resolve(host: Option<&str>, ids: impl IntoIterator<Item = u32>, numeric: bool) -> Labels {
        let ids: Vec<u32> = ids.into_iter().collect();
        let mut l = Labels::new(host, numeric || ids.is_empty());
        l.add(ids);
        l
    }

    /// Ask the agent for the identities of `ids` not asked before.
    pub fn add(&mut self, ids: impl IntoIterator<Item = u32>) {
        // Identity 0 is the wildcard ("any peer"), not an identity the agent knows.
        let ids: std::collections::BTreeSet<u32> = ids.into_iter().filter(|&id| id != 0).collect();
        for id in ids {
            let Some(client) = &self.client else { return };
            if !self.asked.insert(id) {
                continue;
            }
            match client.get_json::<IdentityModel>(&format!("/identity/{id}")) {
                Ok(ident) => {
                    let mut l = ident.labels;
                    l.sort();
                    self.m.insert(id, l);
                }
                Err(e) if e.is_unreachable() => {
                    let e = crate::output::sanitize::text(&e.to_string()).into_owned();
                    crate::output::notes::warn(format_args!(
                        "the agent did not answer, showing numeric identities: {e}"
                    ));
                    self.client = None;
                }
                Err(e) => {
                    let e = crate::output::sanitize::text(&e.to_string()).into_owned();
                    crate::output::notes::line(format_args!("Was impossible to retrieve label ID {id}: {e}"));
                }
            }
        }
    }

    /// The labels of `id`, sorted; none when unknown.
    pub fn get(&self, id: u32) -> Vec<String> {
        self.m.get(&id).cloned().unwrap_or_default()
    }
}

#[derive(Debug, serde::Deserialize)]
struct IdentityModel {
    #[serde(default)]
    labels: Vec<String>,
}
