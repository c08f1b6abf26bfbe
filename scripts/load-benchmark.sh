#!/usr/bin/env bash
# Load benchmark of the real server (README "Performance"): builds the shaded jar, then runs
# io.connectgate.bench.LoadBenchmark, which starts `java -Xmx256m -jar connectgate.jar serve`
# on 127.0.0.1 and drives /healthz and /validate over HTTPS. Takes about 2.5 minutes and stops
# by itself. Arguments are passed on: rate=2000 seconds=20 warmup=15 inflight=32 connections=32
exec "$(dirname "$0")/run-bench.sh" LoadBenchmark "$@"
