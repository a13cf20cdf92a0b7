#!/bin/sh
# Abuse benchmark of the REST server: a normal client posting daily logs and a /health monitor, while 200
# slow-header connections are held for 30 s, then 500 garbage requests. Prints whether every normal request was
# answered (p99 <= 1 s), /health answered throughout, no garbage request got a 5xx or a connection closed without a
# status line, and the server's resident memory (<= 128 MB). About a minute and a half; works offline.
#
# Usage:   examples/server/bench/abuse.sh [path/to/jvm.options]
#          BENCH_EXTRA_FLAGS="-Dsome.property=x" examples/server/bench/abuse.sh    (extra server JVM flags)
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
. "$ROOT/bench/classpath.sh"
server_classpaths core,examples/server
TESTS="$ROOT/examples/server/target/test-classes"
CP="$TESTS:$ROOT/examples/server/target/classes:$(cat "$CP_FILE")"
# the server gets the runtime classpath plus the test classes holding the zero-latency store (WORKLOG_STORE=memory)
SERVER_CP="$TESTS:$ROOT/core/target/test-classes:$ROOT/examples/server/target/classes:$(cat "$RT_FILE")"
exec java -Dbench.server.classpath="$SERVER_CP" -Dbench.server.extraFlags="${BENCH_EXTRA_FLAGS:-}" \
  ${BENCH_SERVER_THREADS:+-Dbench.server.threads=$BENCH_SERVER_THREADS} -cp "$CP" \
  dev.worklog.server.bench.AbuseBenchmark "${1:-$ROOT/examples/server/jvm.options}"
