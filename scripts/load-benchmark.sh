#!/usr/bin/env bash
# Load benchmark of the real server (README "Performance"): builds the shaded jar, then runs
# io.connectgate.bench.LoadBenchmark, which starts `java -Xmx256m -jar connectgate.jar serve`
# on 127.0.0.1 and drives /healthz and /validate over HTTPS. Takes about 2.5 minutes and stops
# by itself. Arguments are passed on: rate=2000 seconds=20 warmup=15 inflight=32 connections=32
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B ${MVN_OFFLINE:--o} -pl webhook package -DskipTests
mvn -q -B ${MVN_OFFLINE:--o} -pl webhook dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "webhook/target/test-classes:webhook/target/classes:$(cat webhook/target/bench.classpath)" \
  io.connectgate.bench.LoadBenchmark "$@"
