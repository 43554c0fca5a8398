#!/usr/bin/env bash
# Runs every bench server through every scenario in one run and writes bench/RESULTS.md and
# bench/results-chart.png. See bench/README.md.
#
#   bench/run-all.sh            full run (A 1k/5k/10k, B closed and open, C 1k/10k and paced 1k×20/s, 1k×100/s, 10k×5/s, D, E;
#                               about 45 minutes)
#   bench/run-all.sh --quick    smoke check (small sizes, short windows; about 5 minutes)
#
# Each server runs alone, pinned to one core (taskset, core 0 by default), the load generator on another (core 1).
# Everything is bounded: each server start waits at most 120 s, the generator has --max-seconds, and the server is
# stopped (SIGTERM, then SIGKILL after 10 s) whatever happens. Raw files of the run: bench/results/raw/<run>/.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT_DIR="$(dirname "$BENCH_DIR")"

usage() {
  cat >&2 <<'EOF'
usage: bench/run-all.sh [options]

options:
  --quick                  small sizes and short windows (smoke check, about 5 minutes)
  --impls a,b,...          servers to run (default jetty,tomcat,raw,rawtomcat,node,netty)
  --scenarios A,B,...      scenarios (default A,B,C,D,E; quick: A,B,C,D)
  --port <n>               first port; each server gets the next one (default 3790)
  --server-cpu <n>         core for the servers (default 0)
  --generator-cpu <n>      core for the load generator (default 1)
  --out <file>             the report (default bench/RESULTS.md; the chart goes beside it)
  --note <text>            a note for the top of the report
  -h, --help               this help

environment:
  BENCH_SERVER_JAVA_OPTS   JVM options of the JVM servers (default "-Xms64m -Xmx1g")
  BENCH_LOAD_JAVA_OPTS     JVM options of the load generator (default "-XX:+UseSerialGC -Xms256m -Xmx1g")
  BENCH_LOAD_ARGS          extra load-generator options, e.g. "--warmup 20 --server-warmup 90" (longer warm-ups:
                           steady-state JIT figures)
  SOCKETEE_SKIP_BUILD=1    do not rebuild the root library (see server.sh)
EOF
}

quick=0
impls="jetty,tomcat,raw,rawtomcat,node,netty"
scenarios=""
port=3790
server_cpu=0
generator_cpu=1
out="$BENCH_DIR/RESULTS.md"
note=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --impls) impls="$2"; shift 2 ;;
    --scenarios) scenarios="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --server-cpu) server_cpu="$2"; shift 2 ;;
    --generator-cpu) generator_cpu="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-all.sh: unknown option '$1'" >&2; usage; exit 2 ;;
  esac
done
if [[ -z "$scenarios" ]]; then
  scenarios=$([[ $quick == 1 ]] && echo "A,B,C,D" || echo "A,B,C,D,E")
fi
[[ "$out" == /* ]] || out="$PWD/$out"
chart="$(dirname "$out")/results-chart.png"

log() { echo "run-all.sh: $*" >&2; }

# ---------------------------------------------------------------- build once, before anything is measured

log "building (bench/server.sh build) ..."
"$BENCH_DIR/server.sh" build
export SOCKETEE_SKIP_BUILD=1   # every server of the run uses the library just built

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
run_dir="$BENCH_DIR/results/raw/$stamp"
mkdir -p "$run_dir"
metrics="$run_dir/metrics.tsv"
: > "$metrics"

pin_server=()
pin_generator=()
if command -v taskset >/dev/null && [[ "$(nproc)" -ge 2 ]]; then
  pin_server=(taskset -c "$server_cpu")
  pin_generator=(taskset -c "$generator_cpu")
  pinning="server on core $server_cpu, load generator on core $generator_cpu (taskset)"
else
  pinning="none (taskset missing or fewer than 2 cores)"
  log "warning: no CPU pinning: $pinning"
fi

server_java_opts="${BENCH_SERVER_JAVA_OPTS:--Xms64m -Xmx1g}"
load_java_opts="${BENCH_LOAD_JAVA_OPTS:--XX:+UseSerialGC -Xms256m -Xmx1g}"
read -ra load_opts <<< "$load_java_opts"
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# ---------------------------------------------------------------- what the run was (meta.tsv)

meta() { printf '%s\t%s\n' "$1" "$2" >> "$run_dir/meta.tsv"; }
pom_property() { sed -n "s:.*<$2>\(.*\)</$2>.*:\1:p" "$1" | head -1; }

mode=$([[ $quick == 1 ]] && echo "quick" || echo "full")
if [[ -z "$note" ]]; then
  note="PROVISIONAL: taken on a 2-core machine shared with other work (see the load averages below); compare ratios within one run, not absolute figures across runs."
  [[ $quick == 1 ]] && note="$note Quick mode: small sizes and 2-second windows, a smoke check rather than a measurement."
fi
: > "$run_dir/meta.tsv"
meta note "$note"
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta mode "$mode"
meta machine "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)"
meta pinning "$pinning"
meta "load average at start" "$(cut -d' ' -f1-3 /proc/loadavg)"
meta java "$("$java_cmd" -version 2>&1 | head -1)"
meta node "$(node --version 2>/dev/null || echo missing)"
meta socketee "0.1.0-SNAPSHOT, commit $(git -C "$ROOT_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)$( [[ -n "$(git -C "$ROOT_DIR" status --porcelain -- src pom.xml 2>/dev/null)" ]] && echo ' (+ uncommitted changes)')"
meta "jetty / tomcat" "$(pom_property "$BENCH_DIR/pom.xml" jetty.version) (ee10) / $(pom_property "$BENCH_DIR/pom.xml" tomcat.version)"
meta "socket.io (node)" "$(sed -n 's/^  "version": "\(.*\)",/\1/p' "$BENCH_DIR/node/node_modules/socket.io/package.json" 2>/dev/null | head -1), engine.io $(sed -n 's/^  "version": "\(.*\)",/\1/p' "$BENCH_DIR/node/node_modules/engine.io/package.json" 2>/dev/null | head -1), ws $(sed -n 's/^  "version": "\(.*\)",/\1/p' "$BENCH_DIR/node/node_modules/ws/package.json" 2>/dev/null | head -1)"
meta "netty-socketio" "$(pom_property "$BENCH_DIR/netty/pom.xml" netty-socketio.version) (NIO transport, default threads)"
meta "server JVM options" "$server_java_opts"
meta "generator JVM options" "$load_java_opts"
meta command "${BENCH_LOAD_ARGS:+BENCH_LOAD_ARGS=\"$BENCH_LOAD_ARGS\" }bench/run-all.sh $([[ $quick == 1 ]] && echo --quick) --impls $impls --scenarios $scenarios"

# ---------------------------------------------------------------- one server at a time

server_pid=""
stop_server() {
  [[ -n "$server_pid" ]] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      log "server $server_pid did not stop in 10 s: SIGKILL"
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM

max_seconds=$([[ $quick == 1 ]] && echo 75 || echo 1500)
quick_flag=()
[[ $quick == 1 ]] && quick_flag=(--quick)
failed=()
IFS=, read -ra impl_list <<< "$impls"
for impl in "${impl_list[@]}"; do
  log "---- $impl (port $port) ----"
  out_file="$run_dir/server-$impl.out"
  SOCKETEE_JAVA_OPTS="$server_java_opts" ${pin_server[@]+"${pin_server[@]}"} \
    "$BENCH_DIR/server.sh" bench --impl "$impl" --port "$port" > "$out_file" 2> "$run_dir/server-$impl.log" &
  server_pid=$!
  ready=0
  for _ in $(seq 1200); do
    if grep -q '^listening on' "$out_file" 2>/dev/null; then ready=1; break; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ $ready != 1 ]]; then
    log "$impl did not start (see $run_dir/server-$impl.log)"
    failed+=("$impl: no start")
    stop_server
    port=$((port + 1))
    continue
  fi
  meta "load average before $impl" "$(cut -d' ' -f1-3 /proc/loadavg)"
  # The contract, with a real socket.io-client (bounded by its own 20 s timeout).
  if ! ${pin_generator[@]+"${pin_generator[@]}"} node "$BENCH_DIR/node/check-contract.js" --port "$port" \
       > "$run_dir/contract-$impl.txt" 2>&1; then
    log "$impl: contract check failed (see $run_dir/contract-$impl.txt)"
    failed+=("$impl: contract")
  fi
  if ! ${pin_generator[@]+"${pin_generator[@]}"} "$java_cmd" "${load_opts[@]}" -cp "$BENCH_DIR/target/classes" \
       io.socketee.bench.load.LoadGenerator --port "$port" --impl "$impl" --server-pid "$server_pid" \
       --scenarios "$scenarios" --out "$metrics" --max-seconds "$max_seconds" ${quick_flag[@]+"${quick_flag[@]}"} \
       ${BENCH_LOAD_ARGS:-} \
       2> >(tee "$run_dir/load-$impl.log" >&2); then
    log "$impl: the load generator reported a failure (see $run_dir/load-$impl.log)"
    failed+=("$impl: load")
  fi
  stop_server
  port=$((port + 1))
done
meta "load average at end" "$(cut -d' ' -f1-3 /proc/loadavg)"
[[ ${#failed[@]} -eq 0 ]] || meta "problems" "$(IFS=';'; echo "${failed[*]}")"

# ---------------------------------------------------------------- report

"$java_cmd" -Djava.awt.headless=true -cp "$BENCH_DIR/target/classes" io.socketee.bench.report.Report \
  --run "$run_dir" --out "$out" --chart "$chart"
log "raw figures: $metrics"
if [[ ${#failed[@]} -gt 0 ]]; then
  log "problems: ${failed[*]}"
  exit 1
fi
