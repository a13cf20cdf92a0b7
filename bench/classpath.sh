# Sourced by the benchmark scripts (not run on its own). Defines
#   bench_classpath MODULES SCOPE FILE
# which compiles MODULES (and what they need) with the repository's pinned Maven (./mvnw, so no system Maven is
# required) and writes the dependency classpath of the last module for SCOPE (test or runtime) into FILE.
# MAVEN_FLAGS adds flags (e.g. -o to stay offline once ~/.m2 is filled).
# The dependency plugin version is pinned here so that no pom needs it.
bench_classpath() {
  "$ROOT/mvnw" -B -q ${MAVEN_FLAGS:-} -pl "$1" -am test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -Dmdep.outputFile="$3" -DincludeScope="$2"
}

# server_classpaths TEST_MODULES: the server benchmarks' classpaths, built and written to $CP_FILE (test scope of
# TEST_MODULES) and $RT_FILE (runtime scope: what the launcher ships to the server process).
server_classpaths() {
  CP_FILE="$ROOT/examples/server/target/bench.classpath"
  RT_FILE="$ROOT/examples/server/target/bench.runtime-classpath"
  bench_classpath "$1" test "$CP_FILE"
  bench_classpath core,examples/server runtime "$RT_FILE"
}
