#!/usr/bin/env bash
# The run history benchmark (issue 23): per-test overhead of the record (same method and runs as run-overhead.sh,
# history off / record collected / record written, alternating in the same rounds), the end of a 5,000-test run,
# the report over 100 runs of 5,000 tests generated and opened in headless Chromium, the size of 1,000 runs.
#
#   benchmarks/run-history.sh                                 # the defaults: 5,000 tests, 5 warm-up + 9 rounds
#   benchmarks/run-history.sh --json=benchmarks/results/history.json
#   benchmarks/run-history.sh --help
#
# Builds the module and what it depends on in one reactor (-am; MVN_FLAGS=-o offline); nothing is installed into
# ~/.m2. SKIP_BUILD=1 reuses the last build's class path. Needs /usr/bin/chromium and /usr/bin/chromedriver.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -pl benchmarks -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi

exec java -Xms1g -Xmx2g -Dtripswitch.history=off -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.tripswitch.bench.history.HistoryBenchmark "$@"
