#!/usr/bin/env bash
# The error-recovery demo: a sample shop goes down in the middle of a JUnit 5 and a TestNG browser suite and
# comes back. With the circuit breaker (the default) the first failures open circuit 'shop', the remaining
# tests are skipped with the circuit's reason, and a probe closes it again once the shop is back. With
# --no-circuit-breaker every test run during the outage starts its browser and fails.
# Installs what is missing (Debian's chromium and chromium-driver, Maven), builds, runs both suites against a
# real browser, prints a summary and generates the Allure HTML report.
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'EOF'
usage: ./run_error_recovery_demo.sh [options]

  --chrome               run the suites in Chrome/Chromium (the default)
  --firefox              run them in Firefox (needs Firefox and geckodriver)
  --edge                 run them in Microsoft Edge (needs Edge and msedgedriver)
  --circuit-breaker      run with the circuit breaker on (the default; may be combined with a browser
                         flag, e.g. --firefox --circuit-breaker)
  --no-circuit-breaker   switch the circuit breaker off (tripswitch.enabled=false) to compare
  --grid                 run the browsers on a local Selenium Grid (a hub and three Chromium nodes, one of
                         them broken on purpose) with a circuit per node; the Grid is stopped afterwards
  --model NAME           workload hint for the browser: bert (text), vit (vision), whisper (audio),
                         clip (multimodal)
  --verbose              show the build, the stage directions and full messages
  --help                 this text

A browser that is not available here is reported as such; the demo never swaps in another one.
EOF
}

die_usage() {
  echo "error: $1" >&2
  echo "run ./run_error_recovery_demo.sh --help for the options" >&2
  exit 2
}

workload_for_model() {
  case "$1" in
    bert) echo text ;;
    vit) echo vision ;;
    whisper) echo audio ;;
    clip) echo multimodal ;;
    *) die_usage "--model must be one of bert, vit, whisper, clip, but was '$1'" ;;
  esac
}

BROWSER=chrome
CIRCUIT=true
GRID=false
MODEL=""
VERBOSE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --chrome) BROWSER=chrome ;;
    --firefox) BROWSER=firefox ;;
    --edge) BROWSER=edge ;;
    --circuit-breaker) CIRCUIT=true ;;
    --no-circuit-breaker) CIRCUIT=false ;;
    --grid) GRID=true ;;
    --model)
      [ $# -ge 2 ] || die_usage "--model needs a value: bert, vit, whisper or clip"
      MODEL="$2"; shift ;;
    --model=*) MODEL="${1#--model=}" ;;
    --verbose) VERBOSE=1 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1' (allowed: --chrome, --firefox, --edge, --circuit-breaker, --no-circuit-breaker, --grid, --model bert|vit|whisper|clip, --verbose, --help)" ;;
  esac
  shift
done
WORKLOAD=""
[ -n "$MODEL" ] && WORKLOAD="$(workload_for_model "$MODEL")"

START=$(date +%s)

# --- what the demo needs: a JDK, Maven, and Chromium with its driver (Debian packages)
# shellcheck source=scripts/prerequisites.sh
. scripts/prerequisites.sh
if [ "$BROWSER" = chrome ]; then ensure_installed --jdk --browser; else ensure_installed --jdk; fi

# --- build: the plugin's modules into the local repository, then the samples and their class path
QUIET=(-q); [ "$VERBOSE" = 1 ] && QUIET=()
# Maven 3.8 writes bare colour resets even when quiet and piped; pipefail keeps its exit status
mvn_() { mvn -B "${QUIET[@]}" "$@" 2>&1 | sed -u 's/\x1b\[0m//g'; }
echo "Building Tripswitch (core, browser, JUnit 5 extension, TestNG listener, Allure adapter, AspectJ aspect, samples)..."
mvn_ install -DskipTests -pl core,browser,junit-extension,testng-listener,allure-adapter,aspectj -am
mvn_ -pl samples compile dependency:build-classpath -Dmdep.outputFile=target/demo.classpath

RESULTS="$PWD/samples/target/allure-results"
REPORT="$PWD/samples/target/site/allure-maven-plugin"
JAVA_PROPS=(
  "-Dtripswitch.enabled=$CIRCUIT"
  "-Dtripswitch.browser=$BROWSER"
  "-Dallure.results.directory=$RESULTS"
  "-Dtripswitch.samples.verbose=$([ "$VERBOSE" = 1 ] && echo true || echo false)"
)
[ -n "$WORKLOAD" ] && JAVA_PROPS+=("-Dtripswitch.browser.workload=$WORKLOAD")
[ -n "$MODEL" ] && echo "Model '$MODEL': workload hint $WORKLOAD"

# --- --grid: a local Selenium Grid (hub + three nodes, the third broken on purpose), stopped when the demo ends
if [ "$GRID" = true ]; then
  [ "$BROWSER" = chrome ] || die_usage "--grid runs Chromium nodes; it cannot be combined with --$BROWSER"
  GRID_DIR="$PWD/samples/target/grid"
  trap 'scripts/grid-demo.sh stop "$GRID_DIR" >/dev/null' EXIT
  echo "Starting a local Selenium Grid (hub and three nodes, one broken on purpose)..."
  scripts/grid-demo.sh start "$GRID_DIR"
  JAVA_PROPS+=("-Dtripswitch.browser.remote=$(cat "$GRID_DIR/address")"
    # the node circuits take the settings of circuit 'grid-node': the sample suites start only a few sessions
    # (the Grid hands them to its nodes in turn), so one failed session start opens a node's circuit here
    "-Dtripswitch.browser.remote.circuit=grid-node"
    "-Dtripswitch.circuit.grid-node.failureThreshold=1"
    "-Dtripswitch.circuit.grid-node.halfOpenAfter=60s"
    "-Dtripswitch.circuit.grid-node.recoveryTimeout=60s")
fi

# --- run both sample suites (DemoMain prints each test and the summary)
echo
status=0
DEMO_LOG="$PWD/samples/target/demo.log" # kept for the run report's path, printed last
java "${JAVA_PROPS[@]}" -cp "samples/target/classes:$(cat samples/target/demo.classpath)" \
  dev.tripswitch.samples.demo.DemoMain | tee "$DEMO_LOG" || status=$?
if [ "$status" -ne 0 ]; then
  echo "The demo did not run (exit status $status)." >&2
  exit "$status"
fi

# --- the Allure HTML report of this run (offline: the Allure command line comes from the local repository)
echo
echo "Generating the Allure report..."
mvn_ -pl samples io.qameta.allure:allure-maven:2.17.0:report
echo "  Allure report:   $REPORT/index.html"
echo "  view it with:    python3 -m http.server -b 127.0.0.1 -d $REPORT 8000   (then open http://127.0.0.1:8000/)"
echo "Demo finished in $(( $(date +%s) - START )) s (build and report included)."
# Tripswitch's own run report of this run (timeline and trends across the demo's runs, offline HTML)
RUN_REPORT="$(sed -n 's/^  Run report: *//p' "$DEMO_LOG" | tail -n 1)"
if [ -n "$RUN_REPORT" ]; then echo "  Tripswitch run report: $RUN_REPORT"; fi
