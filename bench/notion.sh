#!/bin/sh
# Benchmark of the Notion repository against the fake Notion server (loopback only), both limited to 3 requests/s
# with bursts of 10. Prints (a) 60 creates against the least time the limit allows, with 429s, (b) the calls and
# wall time of a weekly run over 40 logs, (c) the calls of a rerun that changes one achievement of a weekly page of
# about 160 blocks, against the blocks changed, and (d) the calls and writes of an unchanged rerun of (b).
# Takes about a minute; it really waits.
#   usage: bench/notion.sh        (from the repository root; add -o to MVN_FLAGS to build offline)
set -e
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS:-} -pl notion -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="notion/target/test-classes:notion/target/classes:$(cat notion/target/bench.classpath)"
exec java -cp "$CP" dev.worklog.notion.NotionBenchmark "$@"
