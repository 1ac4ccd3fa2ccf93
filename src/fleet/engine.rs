//! The fan-out engine: at most `concurrency` nodes run at once, each with its own deadline; their
//! stdout lines and outcomes reach one consumer through a bounded channel, so memory does not grow
//! with what the nodes print and one failing node stops nothing.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::transport::{Run, Transport};
use super::Node;

/// What the consumer hears, by node index.
#[derive(Debug)]
pub enum Event {
    /// The node started running.
    Started(usize),
    /// One stdout line of the node (with its newline).
    Line(usize, Vec<u8>),
    /// The node's run ended.
    Done(usize, Run, Duration),
}

/// Lines in flight between the nodes and the consumer; a slow consumer slows the nodes down.
const CHANNEL_DEPTH: usize = 4096;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub concurrency: usize,
    pub node_timeout: Duration,
}

/// Run `argv` on every node and hand each event to `consume`, on the calling thread. `consume`
/// returning false stops the run (nodes still running are ended).
pub fn fan_out(
    transport: &dyn Transport,
    nodes: &[Node],
    argv: &[String],
    limits: Limits,
    mut consume: impl FnMut(Event) -> bool,
) {
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::sync_channel::<Event>(CHANNEL_DEPTH);
    let workers = limits.concurrency.clamp(1, nodes.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= nodes.len() || stop.load(Ordering::Relaxed) {
                    break;
                }
                if tx.send(Event::Started(i)).is_err() {
                    break;
                }
                let start = Instant::now();
                let deadline = start + limits.node_timeout;
                let mut lines = |l: &[u8]| !stop.load(Ordering::Relaxed) && tx.send(Event::Line(i, l.to_vec())).is_ok();
                let run = transport.run(&nodes[i], argv, &mut lines, deadline);
                if tx.send(Event::Done(i, run, start.elapsed())).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for ev in rx.iter() {
            if !consume(ev) {
                stop.store(true, Ordering::Relaxed);
                break;
            }
        }
        // Drain so that blocked workers see the stop and end.
        for _ in rx.iter() {}
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::Outcome;
    use std::sync::Mutex;

    /// A transport that prints a few lines per node after a delay, tracking concurrency.
    struct Fake {
        running: AtomicUsize,
        peak: AtomicUsize,
        delay: Duration,
        log: Mutex<Vec<String>>,
    }

    impl Transport for Fake {
        fn run(
            &self,
            node: &Node,
            argv: &[String],
            lines: &mut super::super::transport::LineSink<'_>,
            deadline: Instant,
        ) -> Run {
            let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.peak.fetch_max(now, Ordering::SeqCst);
            self.log.lock().unwrap().push(node.name.clone());
            std::thread::sleep(self.delay.min(deadline.saturating_duration_since(Instant::now())));
            let outcome = if node.name == "slow" {
                Outcome::TimedOut
            } else if node.name == "bad" {
                Outcome::Exited(1)
            } else {
                for k in 0..3 {
                    lines(format!("{} {} {k}\n", node.name, argv.join(" ")).as_bytes());
                }
                Outcome::Exited(0)
            };
            self.running.fetch_sub(1, Ordering::SeqCst);
            Run {
                outcome,
                stderr_tail: String::new(),
            }
        }

        fn install(
            &self,
            _: &Node,
            _: &std::path::Path,
            _: &str,
            _: &mut super::super::transport::LineSink<'_>,
            _: Instant,
        ) -> Run {
            unreachable!("not used here")
        }
    }

    #[test]
    fn concurrency_is_bounded_and_every_node_reports() {
        let fake = Fake {
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            delay: Duration::from_millis(30),
            log: Mutex::new(Vec::new()),
        };
        let mut nodes: Vec<Node> = (0..20).map(|i| Node::named(&format!("n{i}"))).collect();
        nodes.push(Node::named("bad"));
        nodes.push(Node::named("slow"));
        let limits = Limits {
            concurrency: 4,
            node_timeout: Duration::from_secs(5),
        };
        let (mut lines, mut done, mut failed) = (0, 0, 0);
        fan_out(&fake, &nodes, &["status".into()], limits, |ev| {
            match ev {
                Event::Line(..) => lines += 1,
                Event::Done(_, run, _) => {
                    done += 1;
                    failed += usize::from(!run.outcome.ok());
                }
                Event::Started(_) => {}
            }
            true
        });
        assert_eq!((lines, done, failed), (60, 22, 2));
        assert!(fake.peak.load(Ordering::SeqCst) <= 4);
        assert!(fake.peak.load(Ordering::SeqCst) >= 2);
    }

    #[test]
    fn a_consumer_that_stops_ends_the_run() {
        let fake = Fake {
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            delay: Duration::from_millis(1),
            log: Mutex::new(Vec::new()),
        };
        let nodes: Vec<Node> = (0..100).map(|i| Node::named(&format!("n{i}"))).collect();
        let limits = Limits {
            concurrency: 2,
            node_timeout: Duration::from_secs(5),
        };
        let mut seen = 0;
        fan_out(&fake, &nodes, &[], limits, |_| {
            seen += 1;
            seen < 5
        });
        assert!(fake.log.lock().unwrap().len() < 100);
    }
}
