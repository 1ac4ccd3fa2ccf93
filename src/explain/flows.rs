//! `--flows`: the last few flows Hubble recorded between the source and the destination (or any
//! backend), with their verdicts, beside what the maps say. Hubble not answering is an
//! observation, not an error.

use std::net::IpAddr;
use std::time::Duration;

use super::{hostport, Explainer, Observation, Step};
use crate::hubble::client::{Client, Server};
use crate::hubble::printer::{flow_type, verdict, TimeFormat};
use crate::hubble::proto::flow::{layer4::Protocol, FlowFilter};
use crate::hubble::proto::observer::{get_flows_response::ResponseTypes, GetFlowsRequest};

/// How to reach Hubble and how many flows to show.
pub struct FlowsQuery<'a> {
    pub server: &'a str,
    pub timeout: Duration,
    pub request_timeout: Duration,
    pub last: u64,
}

fn ports(f: &crate::hubble::proto::flow::Flow) -> (Option<u32>, Option<u32>) {
    match f.l4.as_ref().and_then(|l| l.protocol.as_ref()) {
        Some(Protocol::Tcp(t)) => (Some(t.source_port), Some(t.destination_port)),
        Some(Protocol::Udp(u)) => (Some(u.source_port), Some(u.destination_port)),
        Some(Protocol::Sctp(s)) => (Some(s.source_port), Some(s.destination_port)),
        _ => (None, None),
    }
}

/// Ask Hubble for the last flows from `src` to any of `dsts` and add one observation per flow.
pub fn read(x: &mut Explainer<'_>, q: &FlowsQuery<'_>, src: IpAddr, dsts: &[IpAddr]) {
    let filter = format!(
        "source_ip={src} destination_ip={}",
        dsts.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")
    );
    let req = GetFlowsRequest {
        number: q.last,
        whitelist: vec![FlowFilter {
            source_ip: vec![src.to_string()],
            destination_ip: dsts.iter().map(|d| d.to_string()).collect(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let got = fetch(q, req);
    match got {
        Err(e) => x.push(Observation::inferred(
            Step::Flows,
            "no Hubble flows shown",
            format!("Hubble did not answer: {e}"),
        )),
        Ok(flows) if flows.is_empty() => x.push(Observation::read(
            Step::Flows,
            "Hubble has no recent flow for this connection",
            "hubble",
            filter,
        )),
        Ok(flows) => {
            for f in flows {
                let (sp, dp) = ports(&f);
                let ip = f.ip.clone().unwrap_or_default();
                let side = |a: &str, p: Option<u32>| match (a.parse::<IpAddr>(), p) {
                    (Ok(ip), Some(p)) => hostport(ip, p as u16),
                    _ => a.to_string(),
                };
                let v = verdict(&f);
                let when = TimeFormat::Rfc3339.format(f.time.as_ref());
                let mut what = format!(
                    "Hubble flow at {when}: {} -> {} {v} ({})",
                    side(&ip.source, sp),
                    side(&ip.destination, dp),
                    flow_type(&f)
                );
                if f.drop_reason_desc != 0 {
                    what.push_str(&format!(" (drop reason {})", f.drop_reason_desc));
                }
                x.push(
                    Observation::read(Step::Flows, what, "hubble", filter.clone())
                        .with("time", when)
                        .with("flow_verdict", v),
                );
            }
        }
    }
}

fn fetch(q: &FlowsQuery<'_>, req: GetFlowsRequest) -> anyhow::Result<Vec<crate::hubble::proto::flow::Flow>> {
    if let Some(snap) = crate::replay::active() {
        // Replay: the saved flows through the server's selection, as `observe --from` does.
        let ring = snap.flows()?;
        return Ok(crate::hubble::matcher::history(&req, &ring)
            .into_iter()
            .filter_map(|r| match &r.response_types {
                Some(ResponseTypes::Flow(f)) => Some(f.clone()),
                _ => None,
            })
            .collect());
    }
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    rt.block_on(async {
        let server = Server::parse(q.server)?;
        let client = Client::connect(server, q.timeout, q.request_timeout).await?;
        let mut observer = client.observer();
        let mut stream = client
            .unary("observer.Observer/GetFlows", observer.get_flows(req))
            .await?;
        let mut out = Vec::new();
        while let Ok(Ok(Some(r))) = tokio::time::timeout(q.request_timeout, stream.message()).await {
            if let Some(ResponseTypes::Flow(f)) = r.response_types {
                out.push(f);
            }
        }
        Ok(out)
    })
}
