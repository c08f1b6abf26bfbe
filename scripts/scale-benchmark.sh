#!/usr/bin/env bash
# connectgate at cluster scale (docs/performance.md "Cluster scale"): a real etcd +
# kube-apiserver (KUBE_API_TEST_DIR or the cache of scripts/test-control-plane.sh), 10,000
# ConfigMaps of which 500 carry real connectors; `connectgate audit -A` vs
# `kubectl get configmaps -A -o json` (wall time, peak RSS, GC heap, API requests), then
# creates of connector ConfigMaps with connectgate's webhooks registered vs none (p50/p99).
# Needs kubectl on PATH (or in KUBE_API_TEST_DIR) and, for peak RSS, GNU time (/usr/bin/time).
# Writes only under webhook/target/scale-bench (the control plane's work directory too).
# MVN_OFFLINE=1 builds offline. About 20 minutes on 2 cores with the defaults.
# Arguments (defaults): configmaps=10000 connectors=500 namespaces=50 rounds=3 applies=1000
#   kubectlApplies=1000 batches=10 warmup=200 writers=8 applyMinutes=40
#   "jvm=-XX:MaxRAM=512m -XX:MaxRAMPercentage=70" (the chart's heap at its 512Mi limit)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/webhook/target/scale-bench-tmp"
BENCH_JVM_OPTS="-Djava.io.tmpdir=$root/webhook/target/scale-bench-tmp ${BENCH_JVM_OPTS:-}" \
  exec "$root/scripts/run-bench.sh" ScaleBenchmark "$@"
