#!/usr/bin/env bash
# Load benchmark of the real server (docs/performance.md "Load benchmark"): builds the shaded jar
# and the baseline's (scripts/baseline-jar.sh, commit ff9a8df, built once and cached under
# target/), then runs io.connectgate.bench.LoadBenchmark, which starts each with
# `java -Xmx256m -jar JAR serve` on 127.0.0.1 in alternating rounds and drives /healthz and
# /validate (1,024 distinct reviews) over HTTPS/1.1 and HTTP/2: open loop at 2,000/s, then
# saturated. Prints every phase, then the figures table and which targets were met. Takes about
# 17 minutes with the defaults and stops by itself. Maven may download what a fresh clone lacks;
# MVN_OFFLINE=1 builds offline. BASELINE=COMMIT compares with another commit, BASELINE=none
# measures the current build alone. floors=uid,tree,worker adds the floor server (a webhook that
# allows everything on connectgate's own HTTPS listener; docs/performance.md "the floor") as
# three more builds, about 45 minutes in all. Arguments are passed on (defaults shown):
#   rate=2000 seconds=15 saturate=10 warmup=10 jit=30 rounds=2 inflight=32 connections=32
#   h2connections=2 h2streams=16 reviews=1024 protocols=h1,h2 "jvm=-Xmx256m" floors=
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
baseline=${BASELINE:-ff9a8df}
args=()
if [[ "$baseline" != none ]]; then
  jar=$("$root/scripts/baseline-jar.sh" "$baseline")
  args+=("baseline=$jar" "baselineLabel=baseline $baseline")
fi
exec "$root/scripts/run-bench.sh" LoadBenchmark "${args[@]}" "$@"
