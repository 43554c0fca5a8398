#!/usr/bin/env bash
# Builds and runs the JMH micro-benchmarks of bench/jmh (codecs, server paths). See bench/README.md.
#
#   bench/jmh/run.sh                    every benchmark with the annotated settings (~3 minutes)
#   bench/jmh/run.sh -wi 1 -i 2 -f 1    fewer iterations (a smoke run)
#   bench/jmh/run.sh CodecBenchmark     a subset (a regular expression on the benchmark names)
#   bench/jmh/run.sh -h                 JMH's own options
#
# Arguments go to org.openjdk.jmh.Main as they are. The root library is installed first (bench/server.sh build,
# output in target-bench/), then this module is compiled and run from target/classes plus its runtime classpath.
set -euo pipefail

JMH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
BENCH_DIR="$(dirname "$JMH_DIR")"

if [[ "${SOCKETEE_SKIP_BUILD:-}" != 1 ]]; then
  "$BENCH_DIR/server.sh" build
fi
echo "jmh: building bench/jmh ..." >&2
mvn -B -q -Dstyle.color=never -f "$JMH_DIR/pom.xml" package dependency:build-classpath@classpath 1>&2
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${SOCKETEE_JMH_JAVA_OPTS:-} \
  -cp "$JMH_DIR/target/classes:$(< "$JMH_DIR/target/classpath.txt")" org.openjdk.jmh.Main "$@"
