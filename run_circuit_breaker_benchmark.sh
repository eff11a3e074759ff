#!/usr/bin/env bash
# The recovery and outage benchmark: with and without the circuit breaker, in real browsers (or --simulate).
# Builds what it needs, installs Chromium and ChromeDriver from Debian's packages when a real run needs them,
# then runs dev.tripswitch.bench.cli.BenchmarkCli. Flags are the CLI's (--help lists them); reports go to
# benchmark-reports/<timestamp>/. See benchmarks/README.md, section "Recovery and outage benchmark".
set -euo pipefail
cd "$(dirname "$0")"

SIMULATE=0
for arg in "$@"; do
  case "$arg" in
    --simulate) SIMULATE=1 ;;
    -h|--help|-V|--version) SIMULATE=1 ;; # nothing to install for these
  esac
done

# shellcheck source=scripts/prerequisites.sh
. scripts/prerequisites.sh
if [ "$SIMULATE" = 0 ]; then ensure_installed --browser; else ensure_installed; fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "Building (mvn -q)..."
  # one reactor: the benchmark and every module it uses, from this checkout (nothing taken from ~/.m2)
  mvn -B -q -pl benchmarks -am package -DskipTests -Dallure.report.phase=none \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi

CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
exec java -Xmx1g -cp "$CP" dev.tripswitch.bench.cli.BenchmarkCli "$@"
