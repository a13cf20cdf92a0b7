#!/bin/sh
# Circuit-breaker benchmark of the REST server: POST /daily-logs during a full Notion outage (the fake Notion
# answers 503 to everything for 30 s). Prints the latency of requests once the breaker is open (goal: p99 <= 1.5 s)
# and checks that every accepted entry became exactly one page once Notion is back. About a minute; works offline.
#
# Usage:   examples/server/bench/breaker.sh [path/to/jvm.options]
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
. "$ROOT/bench/classpath.sh"
server_classpaths core,notion,examples/server
TESTS="$ROOT/examples/server/target/test-classes"
# the benchmark holds the fake Notion (the notion module's test classes); the server gets what the launcher ships
CP="$TESTS:$ROOT/notion/target/test-classes:$ROOT/core/target/test-classes:$ROOT/examples/server/target/classes:$(cat "$CP_FILE")"
SERVER_CP="$ROOT/examples/server/target/classes:$(cat "$RT_FILE")"
exec java -Dbench.server.classpath="$SERVER_CP" -cp "$CP" dev.worklog.server.bench.BreakerBenchmark \
  "${1:-$ROOT/examples/server/jvm.options}"
