#!/usr/bin/env bash
# The shared-store benchmarks (issue 14): real JVMs (ProcessBuilder) sharing one circuit in memory, through the
# file store and through a real redis-server that the benchmark starts on a free loopback port and stops by PID.
#
#   benchmarks/run-stores.sh outage                 # 4 JVMs, memory vs file vs Redis: failures, skipped, wall time
#   benchmarks/run-stores.sh outage --repeats=3 --jvms=4 --tests=200
#   benchmarks/run-stores.sh propagation            # opening in one JVM -> first refusal in another, 60 openings
#   benchmarks/run-stores.sh --help
#
# Output (Markdown, with the load average before and after) goes to the terminal and to
# $RESULTS_DIR/stores-<benchmark>.md (default benchmarks/results/). The build packages the module and what it
# depends on in one reactor (-am; MVN_FLAGS=-o for offline); nothing is installed into ~/.m2.
# SKIP_BUILD=1 reuses the last build's class path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -pl benchmarks -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi

cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
case "${1:-}" in
  outage|propagation)
    results="${RESULTS_DIR:-$here/results}"
    mkdir -p "$results"
    out="$results/stores-$1.md"
    echo "# commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)" > "$out"
    java -Xms256m -Xmx512m -cp "$cp" dev.tripswitch.bench.stores.StoreBench "$@" | tee -a "$out"
    ;;
  *)
    exec java -cp "$cp" dev.tripswitch.bench.stores.StoreBench "$@"
    ;;
esac
