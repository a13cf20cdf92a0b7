#!/bin/sh
# Benchmark of the REST server: start-up vs a hello-world JVM, POST /daily-logs throughput and latency with 32
# concurrent clients against the zero-latency in-memory store, and resident memory after 20,000+ requests.
# The server runs as its own process with the flags of examples/server/jvm.options (what ./worklog serve uses).
#
# Usage (from anywhere; works offline):   examples/server/bench/server.sh [path/to/jvm.options]
#   BENCH_SERVER_ENV=WORKLOG_BENCH_DURABLE=true examples/server/bench/server.sh   (the in-memory store as if durable:
#   the outbox then forces a write-ahead intent to disk before every create, as for Notion or the local store)
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
. "$ROOT/bench/classpath.sh"
# compile main and test code (the benchmark and the in-memory store live in the test tree) and write the test
# classpath; the dependency plugin version is pinned here so no pom change is needed
server_classpaths core,examples/server
# the shaded jar ./worklog serve runs (built by the launcher when missing or stale), for the start-up measurement
"$ROOT/worklog" --version >/dev/null
TESTS="$ROOT/examples/server/target/test-classes"
CP="$TESTS:$ROOT/examples/server/target/classes:$(cat "$CP_FILE")"
# the server process gets the runtime classpath (what the launcher ships) plus the test classes that hold the
# zero-latency store (WORKLOG_STORE=memory); no JUnit or WireMock jars
SERVER_CP="$TESTS:$ROOT/core/target/test-classes:$ROOT/examples/server/target/classes:$(cat "$RT_FILE")"
exec java -Dbench.server.jar="$ROOT/examples/cli/target/worklog-cli-all.jar" ${BENCH_SERVER_THREADS:+-Dbench.server.threads=$BENCH_SERVER_THREADS} ${BENCH_SERVER_ENV:+-Dbench.server.env=$BENCH_SERVER_ENV} -Dbench.server.classpath="$SERVER_CP" -cp "$CP" dev.worklog.server.bench.ServerBenchmark \
  "${1:-$ROOT/examples/server/jvm.options}"
