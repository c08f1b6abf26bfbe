#!/usr/bin/env bash
# The deploy controller at scale (docs/deploy.md "Scale"): a real etcd + kube-apiserver
# (KUBE_API_TEST_DIR or the cache of scripts/test-control-plane.sh), N labelled ConfigMaps
# stored first, then the controller's time to the first full reconcile and its live heap.
# Arguments: configmaps=5000 entryBytes=4096 namespaces=10
exec "$(dirname "$0")/run-bench.sh" DeployControllerBenchmark "$@"
