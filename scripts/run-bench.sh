#!/usr/bin/env bash
# Shared by the benchmark scripts: builds the shaded jar and the test class path, then runs
# the given io.connectgate.bench class with the remaining arguments. Maven may download what a
# fresh clone lacks; MVN_OFFLINE=1 builds offline. A failed build says why (the last lines of
# its log) and what to run.
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"
shift
offline=()
[[ -n "${MVN_OFFLINE:-}" ]] && offline=(-o)
log=$(mktemp -t connectgate-bench-build.XXXXXX)
build() {
  if ! mvn -B "${offline[@]}" "$@" >>"$log" 2>&1; then
    echo "run-bench: 'mvn $*' failed; the end of its log ($log):" >&2
    tail -n 30 "$log" >&2
    echo "run-bench: fix the build (or run 'mvn -B -DskipTests package' to see everything), then retry." >&2
    exit 2
  fi
}
# -am: the parent pom (and any sibling module) is built too, so a fresh clone needs no install.
# One reactor for both goals: the webhook's test class path names the schema generator
# (a sibling module), which only the reactor that built it can resolve without an install.
build -pl webhook -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
rm -f "$log"
# BENCH_JVM_OPTS: options of the benchmark's own JVM (e.g. -Djava.io.tmpdir=...).
# shellcheck disable=SC2086
exec java ${BENCH_JVM_OPTS:-} -cp "webhook/target/test-classes:webhook/target/classes:$(cat webhook/target/bench.classpath)" \
  "io.connectgate.bench.$main" "$@"
