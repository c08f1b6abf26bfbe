#!/usr/bin/env bash
# Faults under load (README "Performance", "Faults under load"): builds the shaded jar, then
# runs io.connectgate.bench.FaultLoad: two `java -Xmx256m -jar connectgate.jar serve` children
# on 127.0.0.1 with --deploy-jobs against a Fabric8 mock API server, a fixed rate of reviews to
# /validate, and in turn: certificate rotation, policy reloads (good, broken), the Kubernetes API
# up, stopped and back for deploy-annotated reviews, SIGTERM to one instance. About 3 minutes;
# stops by itself. Arguments: rate=400 window=20
exec "$(dirname "$0")/run-bench.sh" FaultLoad "$@"
