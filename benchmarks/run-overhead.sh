#!/usr/bin/env bash
# The protected-test overhead benchmark (issue 12): trivial tests run in-process, protected vs the same tests
# unprotected, alternating, for JUnit 5 (Launcher) and TestNG (programmatic run). See README.md.
#
#   benchmarks/run-overhead.sh                          # 5,000 tests, 3 warm-up + 7 measured runs per arm
#   benchmarks/run-overhead.sh --framework=testng --runs=9 --json=results/overhead.json
#   benchmarks/run-overhead.sh --help
#
# The build packages the module and what it depends on in one reactor (-am; add MVN_FLAGS=-o offline); nothing
# is installed into ~/.m2. SKIP_BUILD=1 reuses the last build's class path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} -f "$root/pom.xml" -pl benchmarks -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi

exec java -Xms512m -Xmx1g -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" \
  dev.tripswitch.bench.overhead.OverheadBenchmark "$@"
