#!/usr/bin/env bash
# Shared by the benchmark scripts: builds the shaded jar and the test class path, then runs
# the given io.connectgate.bench class with the remaining arguments. Offline by default
# (MVN_OFFLINE= to let Maven download).
set -euo pipefail
cd "$(dirname "$0")/.."
main="$1"
shift
mvn -q -B ${MVN_OFFLINE:--o} -pl webhook package -DskipTests
mvn -q -B ${MVN_OFFLINE:--o} -pl webhook dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "webhook/target/test-classes:webhook/target/classes:$(cat webhook/target/bench.classpath)" \
  "io.connectgate.bench.$main" "$@"
