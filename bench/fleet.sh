#!/usr/bin/env bash
# Benchmark of the fleet fan-out engine: 200 simulated nodes at concurrency 32.
#
#   bench/fleet.sh            (CDBG_BIN=path/to/cdbg to use a given build; default: release)
#
# 1. Time: total wall time of `cdbg fleet` over 200 nodes against the bound
#    1.5 × ceil(200/32) × the single-node time of the same run. The simulated node's command is
#    cheap in CPU (200 ms of latency, then a line: on a real fleet the nodes' work runs on the
#    nodes), over `--via exec` and over `--via kube` through the lab's stand-in API server with
#    200 simulated agent pods. A third case runs a real cdbg command (`bpf nodeid list`) on
#    every simulated node: here all 200 nodes' CPU work lands on this machine, so it measures
#    this machine's cores more than the engine (shown for reference).
# 2. Memory: peak RSS (VmHWM) of the coordinating cdbg while 200 nodes each stream 100k jsonl
#    records (20M records merged to /dev/null); the bound is 64 MiB.
# Needs root (the lab mounts a private bpffs).
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
if [[ -z "${CDBG_BIN:-}" ]]; then
    (cd "$ROOT_DIR" && cargo build --release --quiet)
    CDBG_BIN="$ROOT_DIR/target/release/cdbg"
fi
BIN=$CDBG_BIN
N=200
C=32
if [[ $EUID -ne 0 ]]; then
    echo "bench/fleet.sh needs root (the lab mounts a private bpffs)" >&2
    exit 1
fi

TMP=$(mktemp -d)
LAB="$TMP/cluster"
APISERVER=
cleanup() {
    [[ -n "$APISERVER" ]] && kill "$APISERVER" 2>/dev/null || true
    "$BIN" lab down --dir "$LAB" >/dev/null 2>&1 || true
    rm -rf --one-file-system "$TMP"
}
trap cleanup EXIT

"$BIN" lab up --nodes 2 --dir "$LAB" >/dev/null
RUN="$LAB/cilium-m1/run"
for i in $(seq -w 0 $((N - 1))); do echo "sim-$i"; done >"$TMP/nodes"
head -1 "$TMP/nodes" >"$TMP/one"
# A node with latency and a cheap command: sleep, then one line.
printf '#!/bin/sh\nsleep 0.2\necho "$@"\n' >"$TMP/nap"
# A node that streams 100k jsonl records, whatever it is asked.
cat >"$TMP/gen" <<'EOF'
#!/bin/sh
exec awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{\"ip\":\"10.%d.%d.%d\",\"identity\":%d,\"tunnel\":\"192.168.49.3\"}\n", i / 65536, (i / 256) % 256, i % 256, 3000 + i % 97 }'
EOF
chmod +x "$TMP/nap" "$TMP/gen"

now() { date +%s.%N; }
# secs CMD...: wall seconds of one run, output discarded (fails the bench when the run fails).
secs() {
    local t0 t1
    t0=$(now)
    "$@" >/dev/null
    t1=$(now)
    echo "$t1 - $t0" | bc -l
}
# best-of-3 single-node time
single() {
    local best= s
    for _ in 1 2 3; do
        s=$(secs "$@")
        if [[ -z "$best" ]] || (($(echo "$s < $best" | bc -l))); then best=$s; fi
    done
    echo "$best"
}

echo "machine: $(nproc) vCPU, $(uname -r); $N nodes at concurrency $C; bound = 1.5 x ceil($N/$C) x single"
printf '%-44s %9s %9s %9s %s\n' case single_s total_s bound_s verdict
row() {
    local name=$1 one=$2 all=$3
    local bound
    bound=$(echo "1.5 * (($N + $C - 1) / $C) * $one" | bc -l)
    local verdict="ok"
    (($(echo "$all <= $bound" | bc -l))) || verdict="OVER"
    printf '%-44s %9.3f %9.3f %9.3f %s\n' "$name" "$one" "$all" "$bound" "$verdict"
}

NAP=(fleet --via exec --exec "$RUN" --remote-path "$TMP/nap" --concurrency $C)
one=$(single "$BIN" "${NAP[@]}" --nodes @"$TMP/one" -- status)
all=$(secs "$BIN" "${NAP[@]}" --nodes @"$TMP/nodes" --max-nodes $N -- status)
row "exec: 200 ms node, cheap command" "$one" "$all"

"$BIN" lab apiserver --dir "$LAB" --pods $N --kubeconfig "$TMP/kubeconfig" >"$TMP/apiserver.log" 2>&1 &
APISERVER=$!
for _ in $(seq 100); do [[ -s "$TMP/kubeconfig" ]] && break; sleep 0.1; done
KUBE=(fleet --remote-path "$TMP/nap" --concurrency $C)
one=$(KUBECONFIG="$TMP/kubeconfig" single "$BIN" "${KUBE[@]}" --nodes sim-node-00000 -- status)
all=$(KUBECONFIG="$TMP/kubeconfig" secs "$BIN" "${KUBE[@]}" --max-nodes $N -- status)
row "kube (stand-in, 200 pods): 200 ms node" "$one" "$all"
kill "$APISERVER"
APISERVER=

EXEC=(fleet --via exec --exec "$RUN" --remote-path "$BIN" --concurrency $C)
one=$(single "$BIN" "${EXEC[@]}" --nodes @"$TMP/one" -- bpf nodeid list)
all=$(secs "$BIN" "${EXEC[@]}" --nodes @"$TMP/nodes" --max-nodes $N -- bpf nodeid list)
row "exec: cdbg bpf nodeid list (CPU here)" "$one" "$all"

# Memory: poll the coordinator's VmHWM (its own peak RSS, not its children's) until it exits.
"$BIN" fleet --via exec --exec env --remote-path "$TMP/gen" --concurrency $C --max-nodes $N \
    --nodes @"$TMP/nodes" -- -o jsonl > >(awk '{ n++ } /^\{"node":"sim-/ { t++ } END { print n + 0, t + 0 }' >"$TMP/count") &
PID=$!
HWM=0
while kill -0 "$PID" 2>/dev/null; do
    h=$(awk '/^VmHWM:/ { print $2 }' /proc/$PID/status 2>/dev/null || true)
    [[ -n "$h" ]] && HWM=$h
    sleep 0.2
done
wait "$PID"
for _ in $(seq 100); do [[ -s "$TMP/count" ]] && break; sleep 0.1; done
read -r RECORDS TAGGED <"$TMP/count"
verdict="ok"
((HWM <= 64 * 1024)) || verdict="OVER"
((RECORDS == N * 100000 && TAGGED == RECORDS)) || verdict="$verdict, RECORDS MISMATCH"
printf 'memory: %d records (%d node-tagged), coordinator peak RSS %d KiB (bound 65536 KiB) %s\n' \
    "$RECORDS" "$TAGGED" "$HWM" "$verdict"
