#!/usr/bin/env bash
# Runs a Socketee bench server on 127.0.0.1 until killed. See bench/README.md.
#
#   bench/server.sh protocol --port 3000 --impl jetty|tomcat
#
# Builds what is out of date first (the root library, installed to ~/.m2 from a private target-bench/ output
# directory, then this bench module), then replaces itself with the server's JVM: the script's PID is the server's.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT_DIR="$(dirname "$BENCH_DIR")"
TARGET="$BENCH_DIR/target"

usage() {
  cat >&2 <<'EOF'
usage: bench/server.sh <kind> [options]

kinds:
  protocol               Engine.IO echo server at /engine.io/ for protocol tests and real clients

options:
  --port <n>             TCP port on 127.0.0.1 (default 3000; 0 picks a free one)
  --impl jetty|tomcat    servlet container to run in (default jetty)
  -h, --help             this help

environment:
  SOCKETEE_SKIP_BUILD=1  do not rebuild the root library: use the one installed in ~/.m2
                         (bench itself is still rebuilt when its sources changed)
  SOCKETEE_JAVA_OPTS     extra JVM options, e.g. "-Xmx512m"
  JAVA_HOME              JDK to run with (default: java on the PATH)

It prints "listening on 127.0.0.1:<port> (<impl>)" when ready; stop it with SIGTERM.
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
  protocol) main_class=io.socketee.bench.ProtocolServer ;;
  -h|--help) usage; exit 0 ;;
  *) usage_error "unknown server kind '$kind' (known: protocol)" ;;
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
      case "$value" in
        jetty|tomcat) impl="$value" ;;
        *) usage_error "unknown --impl '$value' (expected jetty or tomcat)" ;;
      esac ;;
  esac
done

# ---------------------------------------------------------------- build (only what is out of date)

classpath_file="$TARGET/classpath-$impl.txt"
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

mkdir -p "$TARGET"
# Two servers started at once (jetty and tomcat) must not build over each other.
exec 9>"$TARGET/.build.lock"
flock 9

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
  mv -f "$bench_stamp.new" "$bench_stamp"
fi

classpath_complete || { log "$classpath_file lists a jar that is missing"; exit 1; }
exec 9>&-   # release the lock: the server must not hold it

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

exec "$java_cmd" ${java_opts[@]+"${java_opts[@]}"} -cp "$classpath" "$main_class" --port "$port" --impl "$impl"
