#!/usr/bin/env bash
# Runs a Socketee bench server on 127.0.0.1 until killed. See bench/README.md.
#
#   bench/server.sh protocol --port 3000 --impl jetty|tomcat
#   bench/server.sh bench    --port 3000 --impl jetty|tomcat|jettyvt|tomcatvt|raw|rawtomcat|node|netty|jetty121|jettyup|tomcatup
#   bench/server.sh build                    (build everything the kinds above need, then exit)
#
# Builds what is out of date first (the root library, installed to ~/.m2 from a private target-bench/ output
# directory, then this bench module; for node, `npm ci` in bench/node; for netty, the bench/netty module), then
# replaces itself with the server's process: the script's PID is the server's.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT_DIR="$(dirname "$BENCH_DIR")"
TARGET="$BENCH_DIR/target"

usage() {
  cat >&2 <<'EOF'
usage: bench/server.sh <kind> [options]

kinds:
  protocol               Engine.IO echo server at /engine.io/ and Socket.IO protocol server at /socket.io/
                         for protocol tests and real clients (--impl jetty|tomcat; jettyup|tomcatup: the
                         Engine.IO echo's WebSocket over the Servlet upgrade API)
  bench                  a server implementing the bench contract at /socket.io/ (bench/README.md):
                           jetty, tomcat  Socketee on embedded Jetty 12 / Tomcat 11
                           jettyvt, tomcatvt  the same with the container's requests on virtual threads (Jetty's
                                          thread pool with a virtual-threads executor; Tomcat's connector with
                                          useVirtualThreads): on the JDK 21+ at SOCKETEE_JDK21
                           raw            Jetty 12 with the bare references as well: a JSR-356 echo/broadcast
                                          endpoint at /raw and an async-servlet long-polling echo at /raw-poll
                                          (the physical-limit reference)
                           rawtomcat      the same references on Tomcat 11 (Tomcat's own physical limit)
                           node           socket.io 4.x on Node (bench/node; npm ci when node_modules is missing)
                           netty          netty-socketio (bench/netty, a JVM of its own)
                           jettyup        Socketee with WebSocket over the Servlet upgrade API (bench's own
                                          RFC 6455 framing, io.socketee.bench.upgrade) on Jetty 12.1 (ee10):
                                          Jetty 12.0 has no Servlet upgrade
                           jetty121       Socketee (JSR-356, as jetty) on that Jetty 12.1: jettyup's reference
                           tomcatup       the Servlet-upgrade transport on Tomcat 11
  build                  build everything the kinds above need (and the load generator), then exit

options:
  --port <n>             TCP port on 127.0.0.1 (default 3000; 0 picks a free one, except for netty)
  --impl <impl>          protocol: jetty|tomcat|jettyup|tomcatup; bench: jetty|tomcat|jettyvt|tomcatvt|raw|rawtomcat|node|
                         netty|jetty121|jettyup|tomcatup (default jetty)
  -h, --help             this help

environment:
  SOCKETEE_SKIP_BUILD=1  do not rebuild the root library: use the one installed in ~/.m2
                         (bench itself is still rebuilt when its sources changed)
  SOCKETEE_JAVA_OPTS     extra JVM options, e.g. "-Xmx512m"
  SOCKETEE_JDK21         the JDK 21+ of jettyvt and tomcatvt (default /usr/lib/jvm/temurin-25-jdk-amd64)
  SOCKETIO_REDIS_URL     e.g. redis://127.0.0.1:6390: the protocol kind's Socket.IO server joins that Redis
                         cluster (Redis adapter, wire-compatible with Node's @socket.io/redis-adapter)
  SOCKETIO_REDIS_STREAMS_URL  e.g. redis://127.0.0.1:6390: joins that Redis Streams cluster instead (Redis Streams
                         adapter, wire-compatible with @socket.io/redis-streams-adapter 0.3.1; with
                         SOCKETIO_RECOVERY_MS, clients resume on any node)
  SOCKETIO_RECOVERY_MS   e.g. 5000: the protocol kind's Socket.IO server has connection state recovery on with
                         that maxDisconnectionDuration (ms) and skipMiddlewares: true
  SOCKETIO_PARSER=msgpack the protocol kind's Socket.IO server (/ and /custom) speaks socket.io-msgpack-parser
                         (default: the default parser)
  SOCKETIO_ADMIN_UI=1    the protocol kind's Socket.IO server also serves the Admin UI's namespace /admin
                         (@socket.io/admin-ui 0.5.1; development mode, basic auth admin / admin-pass), CORS that
                         echoes the Origin with credentials, and join/leave (room, ack) events on /
  JAVA_HOME              JDK to run with (default: java on the PATH)

It prints "listening on 127.0.0.1:<port> (<impl>)" when ready; stop it with SIGTERM.
The process keeps the script's PID (exec), so /proc/<pid> is the server's own.
EOF
}

usage_error() {
  echo "server.sh: $*" >&2
  usage
  exit 2
}

log() {
  echo "server.sh: $*" >&2
}

# ---------------------------------------------------------------- arguments

[[ $# -gt 0 ]] || usage_error "missing server kind"
kind="$1"
shift
case "$kind" in
  protocol) main_class=io.socketee.bench.ProtocolServer; impls="jetty tomcat jettyup tomcatup" ;;
  bench) main_class=io.socketee.bench.BenchServer; impls="jetty tomcat jettyvt tomcatvt raw rawtomcat node netty jetty121 jettyup tomcatup" ;;
  build) main_class=""; impls="jetty tomcat raw rawtomcat node netty jetty121 jettyup tomcatup" ;;
  -h|--help) usage; exit 0 ;;
  *) usage_error "unknown server kind '$kind' (known: protocol, bench, build)" ;;
esac

port=3000
impl=jetty
while [[ $# -gt 0 ]]; do
  opt="$1"
  value=""
  case "$opt" in
    --port=*|--impl=*) value="${opt#*=}"; opt="${opt%%=*}"; shift ;;
    --port|--impl) [[ $# -ge 2 ]] || usage_error "$opt needs a value"; value="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage_error "unknown option '$opt' for '$kind'" ;;
  esac
  case "$opt" in
    --port)
      [[ "$value" =~ ^[0-9]{1,5}$ ]] && (( 10#$value <= 65535 )) || usage_error "bad --port '$value' (0-65535)"
      port=$((10#$value)) ;;
    --impl)
      [[ " $impls " == *" $value "* ]] \
        || usage_error "unknown --impl '$value' for '$kind' (expected one of: ${impls// /, })"
      impl="$value" ;;
  esac
done

# ---------------------------------------------------------------- build (only what is out of date)

# raw and jettyvt run on Jetty, rawtomcat, tomcatup and tomcatvt on Tomcat: same classpaths; jetty121 and jettyup
# on Jetty 12.1
cp_container="$impl"
[[ "$impl" == raw || "$impl" == jettyvt ]] && cp_container=jetty
[[ "$impl" == rawtomcat || "$impl" == tomcatup || "$impl" == tomcatvt ]] && cp_container=tomcat
[[ "$impl" == jettyup ]] && cp_container=jetty121
classpath_file="$TARGET/classpath-$cp_container.txt"
root_stamp="$TARGET/root-installed.stamp"
bench_stamp="$TARGET/bench-built.stamp"

# True when every entry of the classpath file exists.
classpath_complete() {
  [[ -s "$classpath_file" && -d "$TARGET/classes" ]] || return 1
  local entry entries
  IFS=: read -ra entries < "$classpath_file"
  for entry in "${entries[@]}"; do
    [[ -e "$entry" ]] || return 1
  done
}

# True when a file under the given paths is newer than the stamp (or there is no stamp).
newer_than() {
  local stamp="$1"
  shift
  [[ -f "$stamp" ]] || return 0
  local paths=() p
  for p in "$@"; do
    [[ -e "$p" ]] && paths+=("$p")
  done
  [[ ${#paths[@]} -gt 0 ]] || return 1
  [[ -n "$(find "${paths[@]}" -newer "$stamp" -print -quit)" ]]
}

mvn_quiet() {
  # Maven's messages go to stderr: standard output is the server's "listening on" line only.
  mvn -B -q -Dstyle.color=never "$@" 1>&2
}

# bench/node: npm ci when node_modules is missing or older than the lock file.
build_node() {
  local dir="$BENCH_DIR/node"
  if [[ ! -f "$dir/node_modules/.package-lock.json" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    log "installing the Node reference server's packages (npm ci in bench/node) ..."
    (cd "$dir" && npm ci --no-audit --no-fund 1>&2) || { log "npm ci in bench/node failed"; exit 1; }
  fi
}

# bench/netty: its own module and classpath, never shared with Socketee or a container.
build_netty() {
  local dir="$BENCH_DIR/netty" stamp="$BENCH_DIR/netty/target/built.stamp"
  if newer_than "$stamp" "$dir/pom.xml" "$dir/src" || [[ ! -s "$dir/target/classpath.txt" ]]; then
    log "building the netty-socketio reference server (bench/netty) ..."
    mkdir -p "$dir/target"
    touch "$stamp.new"
    mvn_quiet -f "$dir/pom.xml" package dependency:build-classpath@classpath \
      || { log "building bench/netty failed"; exit 1; }
    mv -f "$stamp.new" "$stamp"
  fi
}

mkdir -p "$TARGET"
# Two servers started at once (jetty and tomcat) must not build over each other.
exec 9>"$TARGET/.build.lock"
flock 9

if [[ "$kind" == build ]]; then
  build_node
  build_netty
elif [[ "$impl" == node ]]; then
  build_node
  exec 9>&-
  node_cmd="${SOCKETEE_NODE:-node}"
  cd "$BENCH_DIR/node"
  exec "$node_cmd" --expose-gc server.js --port "$port"
elif [[ "$impl" == netty ]]; then
  build_netty
  exec 9>&-
  java_opts=()
  if [[ -n "${SOCKETEE_JAVA_OPTS:-}" ]]; then
    read -ra java_opts <<< "$SOCKETEE_JAVA_OPTS"
  fi
  exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${java_opts[@]+"${java_opts[@]}"} \
    -cp "$BENCH_DIR/netty/target/classes:$(< "$BENCH_DIR/netty/target/classpath.txt")" \
    io.socketee.bench.netty.NettyBenchServer --port "$port"
fi

if [[ "${SOCKETEE_SKIP_BUILD:-}" != 1 ]] && newer_than "$root_stamp" "$ROOT_DIR/pom.xml" "$ROOT_DIR/src/main" \
     "$ROOT_DIR/src/test/java" "$ROOT_DIR/src/test/resources"; then
  log "building the root library (mvn install -DskipTests, output in target-bench/) ..."
  touch "$root_stamp.new"   # before the build: edits made during it count as newer
  mvn_quiet -f "$ROOT_DIR/pom.xml" install -DskipTests -DskipNpm=true -DbuildDir=target-bench || {
    log "building the root library failed; SOCKETEE_SKIP_BUILD=1 runs with the jars installed before"
    exit 1
  }
  mv -f "$root_stamp.new" "$root_stamp"
  rm -f "$bench_stamp"   # compile bench against what was just installed
fi

if newer_than "$bench_stamp" "$BENCH_DIR/pom.xml" "$BENCH_DIR/src" || ! classpath_complete; then
  log "building bench ..."
  touch "$bench_stamp.new"
  # Compile with both containers (both profiles are active by default), then resolve each container's
  # runtime classpath alone (one profile at a time) into target/classpath-<impl>.txt.
  mvn_quiet -f "$BENCH_DIR/pom.xml" package -DskipTests || {
    log "building bench failed${SOCKETEE_SKIP_BUILD:+ (is the root library installed? run once without SOCKETEE_SKIP_BUILD)}"
    exit 1
  }
  for container in jetty tomcat; do
    mvn_quiet -f "$BENCH_DIR/pom.xml" -P "$container" dependency:build-classpath@classpath \
      || { log "resolving the $container classpath failed"; exit 1; }
  done
  # Jetty 12.1 for the Servlet-upgrade experiment (jetty121, jettyup): the jetty profile at another version
  # (not fatal: only jetty121 and jettyup need it, and they then refuse to start)
  mvn_quiet -f "$BENCH_DIR/pom.xml" -P jetty,jetty121 -Dbench.container=jetty121 dependency:build-classpath@classpath \
    || { log "resolving the Jetty 12.1 classpath failed: impls jetty121 and jettyup cannot run"; \
         rm -f "$TARGET/classpath-jetty121.txt"; }
  mv -f "$bench_stamp.new" "$bench_stamp"
fi

classpath_complete || { log "$classpath_file lists a jar that is missing"; exit 1; }
exec 9>&-   # release the lock: the server must not hold it
if [[ "$kind" == build ]]; then
  log "built: bench/target (jetty, tomcat, raw, rawtomcat, jetty121, jettyup, tomcatup and the load generator), bench/node, bench/netty"
  exit 0
fi

# ---------------------------------------------------------------- run

# One container per JVM: the classpath file of this impl was resolved with only its container's profile, so it
# holds nothing of the other container (for Tomcat: none of the standalone Servlet/WebSocket API jars that its
# embed jars already contain).
classpath="$TARGET/classes:$(< "$classpath_file")"
java_opts=()
if [[ -n "${SOCKETEE_JAVA_OPTS:-}" ]]; then
  read -ra java_opts <<< "$SOCKETEE_JAVA_OPTS"
fi
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
server_impl="$impl"
# jettyvt and tomcatvt: the jetty and tomcat servers on a JDK 21+, the harness told to use virtual threads
if [[ "$impl" == jettyvt || "$impl" == tomcatvt ]]; then
  jdk21="${SOCKETEE_JDK21:-/usr/lib/jvm/temurin-25-jdk-amd64}"
  [[ -x "$jdk21/bin/java" ]] || { log "$impl needs a JDK 21+: none at $jdk21 (set SOCKETEE_JDK21)"; exit 1; }
  java_cmd="$jdk21/bin/java"
  if [[ "$impl" == jettyvt ]]; then
    java_opts+=(-Dsocketee.jetty.virtualThreads=true); server_impl=jetty
  else
    java_opts+=(-Dsocketee.tomcat.connector.useVirtualThreads=true); server_impl=tomcat
  fi
fi

exec "$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -cp "$classpath" "$main_class" --port "$port" --impl "$server_impl"
