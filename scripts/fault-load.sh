#!/usr/bin/env bash
# Faults under load (README "Performance", "Faults under load"): builds the shaded jar, then
# runs io.connectgate.bench.FaultLoad: two `java -Xmx256m -jar connectgate.jar serve` children
# on 127.0.0.1 with --deploy-jobs against a Fabric8 mock API server, a fixed rate of reviews to
# /validate, and in turn: certificate rotation, policy reloads (good, broken), the Kubernetes API
# up, stopped and back for deploy-annotated reviews, SIGTERM to one instance. About 3 minutes;
# stops by itself. Arguments: rate=400 window=20
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B ${MVN_OFFLINE:--o} -pl webhook package -DskipTests
mvn -q -B ${MVN_OFFLINE:--o} -pl webhook dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "webhook/target/test-classes:webhook/target/classes:$(cat webhook/target/bench.classpath)" \
  io.connectgate.bench.FaultLoad "$@"
