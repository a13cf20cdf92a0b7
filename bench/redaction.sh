#!/bin/sh
# Benchmark of the prompt redaction (WORKLOG_REDACT): a weekly roll-up's prompt of 40 logs full of e-mail
# addresses, IPs, internal URLs, ticket keys and customer names, built with and without redaction alternately in
# one run; prints median/p90/p99 of each and what redaction adds (goal: at most 5 ms). Takes a few seconds.
#   usage: bench/redaction.sh        (from anywhere; MAVEN_FLAGS=-o builds offline once ~/.m2 is filled)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/bench/classpath.sh"
bench_classpath core test "$ROOT/core/target/bench.classpath"
CP="core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)"
exec java -cp "$CP" dev.worklog.internal.redact.RedactionBenchmark "$@"
