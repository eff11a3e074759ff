#!/usr/bin/env bash
set -u
# As run here (2026-12-07): /tmp/hb holds main's bench/overhead sources compiled against base's class path;
# /work/ovh-base9 and /work/ovh-main31 are checkouts of 9ccadd5 and 06b7eca, each built with
# mvn -o -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
out=${OUT:-benchmarks/results/overhead/per-suite/junit}; mkdir -p "$out"
R=${ROUNDS:-16}
for r in $(seq 1 $R); do
  arms=(base main engineoff)
  k=$(( (r-1) % 3 )); order=("${arms[@]:$k}" "${arms[@]:0:$k}")
  for a in "${order[@]}"; do
    case $a in
      base) cp="/tmp/hb:/work/ovh-base9/benchmarks/target/classes:$(cat /work/ovh-base9/benchmarks/target/classpath.txt)"; j="";;
      main) cp="/work/ovh-main31/benchmarks/target/classes:$(cat /work/ovh-main31/benchmarks/target/classpath.txt)"; j="";;
      engineoff) cp="/work/ovh-main31/benchmarks/target/classes:$(cat /work/ovh-main31/benchmarks/target/classpath.txt)"; j="-Dtripswitch.replay.engine=false";;
    esac
    echo "r$r $a $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/loads.txt"
    java -Xms512m -Xmx1g $j -Dtripswitch.history=off -cp "$cp" dev.tripswitch.bench.overhead.OverheadBenchmark \
      --framework=junit --runs=9 --json="$out/r$r-$a.json" > "$out/r$r-$a.md" 2>/dev/null
  done
done
echo "done $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/loads.txt"
