#!/usr/bin/env bash
# rounds alternating base 9ccadd5, main, main with rounds=0; per arm a 5,000-test invocation and a one-test one
# As run here (2026-12-07), at e98229f, whose flag --suite-runs=0 left out its one-test runs (today: --no-per-suite).
# /work/ovh-base9 and /work/ovh-main31: checkouts of 9ccadd5 and main, each built with
# mvn -o -pl benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
set -u
out=${OUT:-benchmarks/results/overhead/per-suite/separate}; mkdir -p "$out"
R=${ROUNDS:-10}
arm() { # name dir extra-jvm extra-args...
  local name=$1 dir=$2 jvm=$3; shift 3
  java -Xms512m -Xmx1g $jvm -Dtripswitch.history=off -cp "$dir/benchmarks/target/classes:$(cat $dir/benchmarks/target/classpath.txt)" \
    dev.tripswitch.bench.overhead.OverheadBenchmark --framework=testng "$@" 2>/dev/null
}
for r in $(seq 1 $R); do
  arms=(base main rounds0)
  # rotate order
  k=$(( (r-1) % 3 )); order=("${arms[@]:$k}" "${arms[@]:0:$k}")
  for a in "${order[@]}"; do
    case $a in
      base) d=/work/ovh-base9; j=""; x="";;
      main) d=/work/ovh-main31; j=""; x="--suite-runs=0";;
      rounds0) d=/work/ovh-main31; j="-Dtripswitch.replay.rounds=0"; x="--suite-runs=0";;
    esac
    echo "r$r $a full $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/loads.txt"
    arm $a $d "$j" $x --runs=9 --json="$out/r$r-$a-full.json" > "$out/r$r-$a-full.md"
    echo "r$r $a one $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/loads.txt"
    arm $a $d "$j" $x --tests=1 --runs=200 --warmup=20 --json="$out/r$r-$a-one.json" > "$out/r$r-$a-one.md"
  done
done
echo done >> "$out/loads.txt"
