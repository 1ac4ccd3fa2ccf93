//! The datapath heartbeat (`cilium_runtime_config` AgentLiveness) judged together with the
//! agent: an agent that answers its API but has stopped programming the datapath is a FAIL.

use super::{Finding, Gathered, Level};
use crate::checks::heartbeat::{age_secs, assess};

pub fn check(g: &Gathered) -> Finding {
    let name = "datapath heartbeat";
    let live = match &g.liveness {
        None => return Finding::new(name, Level::Warn, "not read"),
        Some(Err(e)) => return Finding::new(name, Level::Warn, "cannot read the heartbeat").evidence(vec![e.clone()]),
        Some(Ok(None)) => return Finding::new(name, Level::Warn, "no heartbeat recorded (AgentLiveness is 0)"),
        Some(Ok(Some(l))) => *l,
    };
    let now = crate::clock::monotonic_ns();
    let Some(age) = age_secs(live, now) else {
        return Finding::new(
            name,
            Level::Warn,
            format!("AgentLiveness {live} ns lies in the future (another boot?)"),
        );
    };
    let agent = if g.agent.answers() {
        "answers"
    } else {
        "does not answer"
    };
    let ev = vec![
        format!("cilium_runtime_config[1]: AgentLiveness {live} ns, {age}s before now (CLOCK_MONOTONIC)"),
        format!("the agent API {agent}"),
    ];
    let stale = assess(age) != Level::Ok;
    let d = crate::gotime::duration_string(age as i64 * 1_000_000_000);
    let (level, summary) = match (stale, g.agent.answers()) {
        (false, _) => (Level::Ok, format!("the agent updated the datapath {d} ago")),
        (true, true) => (
            Level::Fail,
            format!("the agent answers, but its datapath heartbeat is {d} old: it is not programming the datapath"),
        ),
        (true, false) => (
            assess(age),
            format!("no datapath heartbeat for {d} and the agent does not answer: it is down or hung"),
        ),
    };
    let mut f = Finding::new(name, level, summary).evidence(ev);
    if level == Level::Fail {
        f = f.next(&["cdbg status --verbose", "cdbg bpf config list"]);
    }
    f
}
