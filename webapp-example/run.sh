#!/usr/bin/env bash
# Runs the chat example from a fresh clone: installs the library (if missing), builds the WAR and the Jetty launcher,
# then serves the WAR on embedded Jetty 12 ee10 with CDI at http://127.0.0.1:8080/ (Ctrl-C stops it).
#   webapp-example/run.sh [--port N] [--host ADDRESS] [--rebuild]
# Needs Java 17+, Maven 3.8+, Node.js 18+ with npm (for the socket.io browser bundle).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
version=0.1.0-SNAPSHOT
repo="$(mvn -B -q org.apache.maven.plugins:maven-help-plugin:3.5.2:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || echo "$HOME/.m2/repository")"
rebuild=false
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rebuild) rebuild=true; shift ;;
    --port|--host) args+=("$1" "$2"); shift 2 ;;
    *) echo "usage: $0 [--port N] [--host ADDRESS] [--rebuild]" >&2; exit 2 ;;
  esac
done

if $rebuild || [[ ! -f "$repo/io/socketee/socketee/$version/socketee-$version.jar" ]]; then
  echo ">> installing the library (io.socketee:socketee:$version) into $repo"
  (cd "$root" && mvn -B -q -ntp install -DskipTests -DskipNpm=true -DbuildDir=target-example)
fi
echo ">> building the WAR and the launcher"
mvn -B -q -ntp -f "$here/pom.xml" package -DskipTests
mvn -B -q -ntp -f "$here/server/pom.xml" package

cd "$here"
exec java -cp "server/target/socketee-chat-server.jar:server/target/lib/*" io.socketee.example.server.ChatServer \
  --war target/socketee-chat.war "${args[@]}"
