#!/usr/bin/env bash
# The interleaved per-suite series: rounds rotating base 9ccadd5, main, and main without its replay
# (TestNG: -Dtripswitch.replay.rounds=0; JUnit: -Dtripswitch.replay.engine=false), each arm one JVM running
# OverheadBenchmark --runs=9 with its per-suite runs.
#   FRAMEWORK=testng|junit  ROUNDS=16  OUT=<folder>  MAIN=<main checkout>
#   (defaults: testng, 16, interleaved/ or junit/, /work/ovh-main31)
# As run here (2026-12-07): /tmp/hb holds main's bench/overhead sources compiled against base's class path;
# /work/ovh-base9 and /work/ovh-main31 are checkouts of 9ccadd5 and main (bfca03e for TestNG, 06b7eca for JUnit),
# each built with
# mvn -o -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
set -u
framework=${FRAMEWORK:-testng}
case $framework in
  testng) off=rounds0; offflag=-Dtripswitch.replay.rounds=0; folder=interleaved ;;
  junit) off=engineoff; offflag=-Dtripswitch.replay.engine=false; folder=junit ;;
  *) echo "FRAMEWORK must be testng or junit, was '$framework'" >&2; exit 2 ;;
esac
out=${OUT:-benchmarks/results/overhead/per-suite/$folder}; mkdir -p "$out"
R=${ROUNDS:-16}
main=${MAIN:-/work/ovh-main31}
main_cp="$main/benchmarks/target/classes:$(cat "$main/benchmarks/target/classpath.txt")"
for r in $(seq 1 "$R"); do
  arms=(base main "$off")
  k=$(( (r-1) % 3 )); order=("${arms[@]:$k}" "${arms[@]:0:$k}")
  for a in "${order[@]}"; do
    case $a in
      base) cp="/tmp/hb:/work/ovh-base9/benchmarks/target/classes:$(cat /work/ovh-base9/benchmarks/target/classpath.txt)"; j="";;
      main) cp=$main_cp; j="";;
      *) cp=$main_cp; j=$offflag;;
    esac
    echo "r$r $a $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/loads.txt"
    java -Xms512m -Xmx1g $j -Dtripswitch.history=off -cp "$cp" dev.tripswitch.bench.overhead.OverheadBenchmark \
      --framework="$framework" --runs=9 --json="$out/r$r-$a.json" > "$out/r$r-$a.md" 2>/dev/null
  done
done
echo "done $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/loads.txt"
