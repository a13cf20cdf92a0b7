#!/bin/sh
# Benchmark of the Notion repository against the fake Notion server (loopback only), both limited to 3 requests/s
# with bursts of 10. Prints (a) 60 creates against the least time the limit allows, with 429s, (b) the calls and
# wall time of a weekly run over 40 logs, (c) the calls of a rerun that changes one achievement of a weekly page of
# about 160 blocks, against the blocks changed, and (d) the calls and writes of an unchanged rerun of (b).
# Takes about a minute; it really waits.
#   usage: bench/notion.sh        (from anywhere; MAVEN_FLAGS=-o builds offline once ~/.m2 is filled)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/bench/classpath.sh"
bench_classpath notion test "$ROOT/notion/target/bench.classpath"
CP="notion/target/test-classes:notion/target/classes:$(cat notion/target/bench.classpath)"
exec java -cp "$CP" dev.worklog.notion.NotionBenchmark "$@"
