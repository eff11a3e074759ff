#!/usr/bin/env bash
# Builds the JMH jar and runs the circuit-breaker hot-path comparison with the GC profiler.
#
#   benchmarks/run-jmh.sh               # the comparison (HotPath), results/jmh-hotpath.{json,txt,md}
#   benchmarks/run-jmh.sh parts         # the diagnostics (HotPathParts), results/jmh-parts.{json,txt,md}
#   benchmarks/run-jmh.sh stores        # memory vs file store vs Redis (StoreHotPath; starts its own redis-server)
#   benchmarks/run-jmh.sh hotpath -t 4  # anything after the set name goes to JMH as is
#
# Run length comes from FORKS, WARMUP_ITERATIONS, WARMUP_TIME, ITERATIONS, ITERATION_TIME;
# SKIP_BUILD=1 reuses target/benchmarks.jar (JAR=path runs another copy); RESULTS_DIR changes where the files go.
# The build packages the module and what it depends on in one reactor (-am); nothing is installed into ~/.m2.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

set_name="${1:-hotpath}"
[[ $# -gt 0 ]] && shift
case "$set_name" in
  hotpath) pattern='dev\.tripswitch\.bench\.HotPath\.(OneThread|TwoThreads)\.' ;;
  parts)   pattern='dev\.tripswitch\.bench\.HotPathParts\.' ;;
  stores)  pattern='dev\.tripswitch\.bench\.stores\.StoreHotPath\.' ;;
  *) echo "usage: $0 [hotpath|parts|stores] [extra JMH options]" >&2; exit 2 ;;
esac

forks="${FORKS:-3}"
wi="${WARMUP_ITERATIONS:-3}"
w="${WARMUP_TIME:-1s}"
i="${ITERATIONS:-6}"
r="${ITERATION_TIME:-1s}"
results="${RESULTS_DIR:-$here/results}"
mkdir -p "$results"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  cd "$root"
  mvn -B -q -pl benchmarks -am package -DskipTests   # the benchmark jar; the module's tests run in the build
fi

jar="${JAR:-$here/target/benchmarks.jar}"
json="$results/jmh-$set_name.json"
log="$results/jmh-$set_name.txt"

{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "# nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$log"

java -jar "$jar" "$pattern" \
  -f "$forks" -wi "$wi" -w "$w" -i "$i" -r "$r" \
  -prof gc -rf json -rff "$json" "$@" 2>&1 | tee -a "$log"

echo "# load average after the run $(cut -d' ' -f1-3 /proc/loadavg)" >> "$log"

if command -v python3 >/dev/null; then
  python3 "$here/jmh-table.py" "$json" | tee "$results/jmh-$set_name.md"
else
  echo "python3 not found: skipping the Markdown table; the JSON is in $json"
fi
