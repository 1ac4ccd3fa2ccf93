#!/usr/bin/env bash
# Benchmark: cdbg listings on big synthetic maps versus the floor (`cdbg lab floor`: batch
# lookups alone over the same maps, no decoding or output; LPM tries take the kernel's generic
# batch path) and `bpftool map dump`, in the same run. Needs root (private bpffs + map creation).
#
#   bench/run.sh [CT_ENTRIES] [NAT_ENTRIES] [IPCACHE_PREFIXES] [LB_SLOTS]
#                (defaults 1000000, 524288, 500000 and 65536)
#
# Prints, per case: wall seconds and its ratio to the case's floor, CPU seconds (user + system,
# all threads; steadier than wall on a shared machine) and its ratio to the floor's, entries/s,
# peak RSS (KiB), all from /usr/bin/time, and checks that every entry appears exactly once.
set -euo pipefail

CT=${1:-1000000}
NAT=${2:-524288}
IPC=${3:-500000}
LB=${4:-65536}
ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT_DIR/target/release/cdbg"

if [[ $EUID -ne 0 ]]; then
    echo "bench/run.sh needs root (it mounts a private bpffs and creates maps)" >&2
    exit 1
fi
command -v bpftool >/dev/null || apt-get install -y bpftool >/dev/null
[[ -x /usr/bin/time ]] || apt-get install -y time >/dev/null

(cd "$ROOT_DIR" && cargo build --release --quiet)

TMP=$(mktemp -d)
LAB="$TMP/lab"
cleanup() { "$BIN" lab down --dir "$LAB" >/dev/null 2>&1 || true; rm -rf --one-file-system "$TMP"; }
trap cleanup EXIT

# lab fill makes a new lab (with its ownership marker) in $LAB; lab down removes only that.
"$BIN" lab fill --dir "$LAB" --ct "$CT" --nat "$NAT" --ipcache "$IPC" --lb "$LB" >/dev/null
export CDBG_BPF_ROOT="$LAB/bpffs"
export CDBG_STATE_DIR="$TMP/state"
export CILIUM_HOST="unix://$TMP/no-agent.sock"
mkdir -p "$CDBG_STATE_DIR"
echo '{"ClockSource":0}' >"$CDBG_STATE_DIR/agent-runtime-config.json"
G="$LAB/bpffs/tc/globals"

echo "machine: $(nproc) vCPU, $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '%-46s %10s %8s %7s %7s %7s %14s %10s %s\n' case entries seconds x_floor cpu_s x_cpu entries/s rss_kib check
FLOOR= FLOOR_CPU=

# run NAME EXPECTED COUNT_CMD -- CMD...: time CMD (stdout to /dev/null), then count entries with
# COUNT_CMD applied to a second run's output.
run() {
    local name=$1 expected=$2 counter=$3
    shift 4
    local t0 t1 secs rss cpu got
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M %U %S' -o "$TMP/rss" "$@" >/dev/null 2>/dev/null
    t1=$(date +%s.%N)
    read -r rss cpu_u cpu_s < <(tail -1 "$TMP/rss")
    cpu=$(echo "$cpu_u + $cpu_s" | bc -l)
    secs=$(echo "$t1 - $t0" | bc -l)
    LAST=$secs
    LAST_CPU=$cpu
    got=$("$@" 2>/dev/null | eval "$counter") || true
    local check="ok"
    [[ "$got" == "$expected" ]] || check="MISMATCH (got $got)"
    local ratio="-" cratio="-"
    [[ -n "$FLOOR" ]] && ratio=$(printf '%.2f' "$(echo "$secs / $FLOOR" | bc -l)")
    [[ -n "$FLOOR_CPU" ]] && cratio=$(printf '%.2f' "$(echo "$cpu / ($FLOOR_CPU + 0.001)" | bc -l)")
    [[ "$name" == floor* ]] && FLOOR=$secs && FLOOR_CPU=$cpu && ratio="1.00" && cratio="1.00"
    printf '%-46s %10s %8.3f %7s %7.2f %7s %14.0f %10s %s\n' "$name" "$expected" "$secs" "$ratio" "$cpu" "$cratio" "$(echo "$expected / $secs" | bc -l)" "$rss" "$check"
}

uniq_lines='grep -v "^$" | sort -u | wc -l'
# Each "floor ..." case sets the floor the following cases are compared with.
run "floor (batch lookups, ct4)" "$CT" "cat" -- "$BIN" lab floor "$G/cilium_ct4_global"
run "cdbg bpf ct list global (table)" "$CT" "$uniq_lines" -- "$BIN" bpf ct list global
run "cdbg bpf ct list global -o jsonl" "$CT" "$uniq_lines" -- "$BIN" bpf ct list global -o jsonl
run "cdbg bpf ct list global -o json" "$CT" "grep -c '\"NextHeader\"'" -- "$BIN" bpf ct list global -o json
run "bpftool map dump (ct4, text)" "$CT" "grep -c '^key:'" -- bpftool map dump pinned "$G/cilium_ct4_global"
run "bpftool -j map dump (ct4, json)" "$CT" "grep -o '\"key\"' | wc -l" -- bpftool -j map dump pinned "$G/cilium_ct4_global"
# explain: a full 5-tuple is point lookups only (target <= 50 ms at 1M CT entries); without a
# source port it makes one filtered pass over cilium_ct4_global (target <= 1.5x the ct4 floor).
run "cdbg explain 5-tuple (point lookups)" "1" "grep -c '^verdict'" -- "$BIN" explain 10.200.0.0:1024 10.201.0.0:443
run "cdbg explain no source port (one CT pass)" "1" "grep -c '^verdict'" -- "$BIN" explain 10.200.0.0 10.201.0.0:443
# Watch (issue 14): the first pass fills the fingerprint table (key + compared value bytes per
# entry); every later pass walks the map and only compares. A compare pass is derived from a
# 1-pass and a 5-pass run (1 ms interval) and set against the plain dump pass; the RSS column of
# the 5-pass run is the peak for watching every entry.
FLOOR= FLOOR_CPU=
run "floor = plain dump pass (ct list global)" "$CT" "$uniq_lines" -- "$BIN" bpf ct list global
run "cdbg bpf ct list global --watch --quiet, 1 pass" "$CT" "grep -o '^[0-9]*'" -- "$BIN" bpf ct list global --watch=1ms --quiet --passes 1
W1=$LAST C1=$LAST_CPU
run "cdbg bpf ct list global --watch --quiet, 5 passes" "$CT" "grep -o '^[0-9]*'" -- "$BIN" bpf ct list global --watch=1ms --quiet --passes 5
W5=$LAST C5=$LAST_CPU
printf '%-46s %10s %8.3f %7.2f %7.2f %7.2f\n' "watch compare pass (derived)" "$CT" "$(echo "($W5 - $W1) / 4" | bc -l)" "$(echo "($W5 - $W1) / 4 / $FLOOR" | bc -l)" "$(echo "($C5 - $C1) / 4" | bc -l)" "$(echo "($C5 - $C1) / 4 / $FLOOR_CPU" | bc -l)"
FLOOR= FLOOR_CPU=
run "floor (batch lookups, snat v4)" "$NAT" "cat" -- "$BIN" lab floor "$G/cilium_snat_v4_external"
run "cdbg bpf nat list (table)" "$NAT" "$uniq_lines" -- "$BIN" bpf nat list
run "cdbg bpf nat list -o json" "$NAT" "grep -c '\"NextHeader\"'" -- "$BIN" bpf nat list -o json
run "bpftool map dump (snat v4, text)" "$NAT" "grep -c '^key:'" -- bpftool map dump pinned "$G/cilium_snat_v4_external"
# Sorted listings: compact raw entries sorted in memory, formatted while writing.
run "floor (batch lookups, ipcache LPM)" "$IPC" "cat" -- "$BIN" lab floor "$G/cilium_ipcache_v2"
run "cdbg bpf ipcache list (table)" "$IPC" "grep -c '^[0-9]'" -- "$BIN" bpf ipcache list
run "cdbg bpf ipcache list -o jsonl" "$IPC" "$uniq_lines" -- "$BIN" bpf ipcache list -o jsonl
run "bpftool map dump (ipcache, text)" "$IPC" "grep -c '^key:'" -- bpftool map dump pinned "$G/cilium_ipcache_v2"
run "floor (batch lookups, lb services+backends)" "$((LB * 2))" "cat" -- "$BIN" lab floor "$G/cilium_lb4_services_v2" "$G/cilium_lb4_backends_v3"
run "cdbg bpf lb list (table)" "$LB" "grep -c ':443/'" -- "$BIN" bpf lb list
run "cdbg bpf lb list -o jsonl" "$LB" "$uniq_lines" -- "$BIN" bpf lb list -o jsonl
run "cdbg bpf lb list --backends" "$LB" "grep -c 'TCP://10\.210\.'" -- "$BIN" bpf lb list --backends
# Filters and aggregates scan the whole map; entries/s is over the entries scanned.
FLOOR= FLOOR_CPU=
run "cdbg bpf ct list global --count" "$CT" "cat" -- "$BIN" bpf ct list global --count
run "cdbg bpf ct list global --top 10 --by dst" "$CT" "grep -o '[0-9]* matching' | grep -o '[0-9]*'" -- "$BIN" bpf ct list global --top 10 --by dst
run "cdbg bpf ct list global --top 10 --by src" "$CT" "grep -o '[0-9]* matching' | grep -o '[0-9]*'" -- "$BIN" bpf ct list global --top 10 --by src
FILTERED=$("$BIN" bpf ct list global --src 10.200.0.0/16 --count 2>/dev/null)
run "cdbg bpf ct list global --src 10.200.0.0/16 (matches)" "$FILTERED" "$uniq_lines" -- "$BIN" bpf ct list global --src 10.200.0.0/16
# doctor reads every map once: compared with the floor of all the lab's maps together. It exits
# 1 or 2 on these synthetic maps (NAT without conntrack), hence the `|| true`.
FLOOR= FLOOR_CPU=
ALL=$("$BIN" lab floor "$G"/*)
run "floor (batch lookups, every map)" "$ALL" "cat" -- "$BIN" lab floor "$G"/*
run "cdbg doctor (all checks, -o json)" "$((CT + NAT))" "grep -o '\"summary\": \"[0-9]* \(conntrack entries,\|NAT entries (\)' | grep -o '[0-9]*' | paste -sd+ | bc" -- bash -c '"$@" || true' _ "$BIN" doctor -o json
FLOOR= FLOOR_CPU=
run "cdbg bpf pressure (every map, counted)" "$((CT + NAT))" "awk '/cilium_ct4_global|cilium_snat_v4_external/ {s += \$3} END {print s}'" -- "$BIN" bpf pressure
# Snapshots: `snapshot save` (every map, streamed and compressed) against the floor of reading
# every map, then `--from` replay against the live listing (the live run is that case's floor).
SNAP="$TMP/node.snap"
FLOOR= FLOOR_CPU=
run "floor (batch lookups, every map)" "$ALL" "cat" -- "$BIN" lab floor "$G"/*
run "cdbg snapshot save (every map, --flows 0)" "$CT" "cat >/dev/null; \"$BIN\" snapshot info \"$SNAP\" | awk '\$1 == \"cilium_ct4_global\" {print \$4}'" -- "$BIN" snapshot save --flows 0 "$SNAP"
echo "snapshot file: $(stat -c %s "$SNAP") bytes ($(echo "$(stat -c %s "$SNAP") * 1000000 / $CT / 1048576" | bc -l | xargs printf '%.1f') MiB per million CT entries, with the other maps)"
FLOOR= FLOOR_CPU=
run "floor = live: cdbg bpf ct list global" "$CT" "$uniq_lines" -- "$BIN" bpf ct list global
run "cdbg --from FILE bpf ct list global" "$CT" "$uniq_lines" -- "$BIN" --from "$SNAP" bpf ct list global
