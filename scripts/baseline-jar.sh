#!/usr/bin/env bash
# Prints the path of connectgate.jar built from a baseline commit (default ff9a8df, the baseline
# of issue #23), building it the first time only: the commit's tree is exported with `git archive`
# into target/baseline-COMMIT/src, packaged there (`mvn -pl webhook -am -DskipTests package`;
# MVN_OFFLINE=1 builds offline, as run-bench.sh), and the jar kept as
# target/baseline-COMMIT/connectgate.jar (`mvn clean` removes it). Usage:
#   scripts/baseline-jar.sh [COMMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:-ff9a8df}
if ! full=$(git rev-parse --verify -q "$commit^{commit}"); then
  echo "baseline-jar: commit $commit is not in this clone (a shallow clone? 'git fetch --unshallow')" >&2
  exit 2
fi
dir="target/baseline-${full:0:12}"
jar="$dir/connectgate.jar"
if [[ ! -f "$jar" ]]; then
  rm -rf "$dir/src"
  mkdir -p "$dir/src"
  git archive "$full" | tar -x -C "$dir/src"
  offline=()
  [[ -n "${MVN_OFFLINE:-}" ]] && offline=(-o)
  echo "baseline-jar: building connectgate.jar of ${full:0:12} in $dir/src (once; log in $dir/build.log)" >&2
  if ! (cd "$dir/src" && mvn -B "${offline[@]}" -pl webhook -am -DskipTests package) >"$dir/build.log" 2>&1; then
    echo "baseline-jar: the build of ${full:0:12} failed; the end of $dir/build.log:" >&2
    tail -n 30 "$dir/build.log" >&2
    exit 2
  fi
  cp "$dir/src/webhook/target/connectgate.jar" "$jar.tmp"
  mv "$jar.tmp" "$jar"
  rm -rf "$dir/src"
fi
echo "$PWD/$jar"
