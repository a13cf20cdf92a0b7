#!/bin/sh
# Benchmark of the prompt redaction (WORKLOG_REDACT): a weekly roll-up's prompt of 40 logs full of e-mail
# addresses, IPs, internal URLs, ticket keys and customer names, built with and without redaction alternately in
# one run; prints median/p90/p99 of each and what redaction adds (goal: at most 5 ms). Takes a few seconds.
#   usage: bench/redaction.sh        (from the repository root; add -o to MVN_FLAGS to build offline)
set -e
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS:-} -pl core test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)"
exec java -cp "$CP" dev.worklog.internal.redact.RedactionBenchmark "$@"
