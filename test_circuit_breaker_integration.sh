#!/usr/bin/env bash
# Runs Tripswitch's whole test suite (unit, engine-level and real-browser tests) with Maven.
# Installs what the tests need first (Debian's chromium, chromium-driver and redis-server) when it is missing.
#
# Browser flags choose the browser of the tests that take theirs from BrowserSettings.fromSystemProperties()
# (system properties tripswitch.browser and tripswitch.browser.headless): the JUnit 5 and TestNG integrations'
# browser tests and the sample suites. Core's failure-injection tests always use Chromium (DevTools).
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  cat <<'EOF'
usage: ./test_circuit_breaker_integration.sh [options] [-- extra maven arguments]

  --chrome         run the browser tests in Chrome/Chromium (the default)
  --firefox        run them in Firefox (needs Firefox and geckodriver)
  --all-browsers   run them in every browser available here (chrome, firefox, edge); the others are
                   reported as not available
  --no-headless    browsers with a window (needs a display, or xvfb-run)
  --verbose        show Maven's output
  --help           this text

Without flags: the whole build with headless Chromium, as CI runs it. A browser asked for by a flag that
cannot be driven here is reported and makes the run fail.
EOF
}

VERBOSE=0
ALL=0
HEADLESS=true
REQUESTED=()
MVN_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --verbose) VERBOSE=1 ;;
    --chrome) REQUESTED+=(chrome) ;;
    --firefox) REQUESTED+=(firefox) ;;
    --all-browsers) ALL=1 ;;
    --no-headless) HEADLESS=false ;;
    -h|--help) usage; exit 0 ;;
    --) shift; MVN_ARGS+=("$@"); break ;;
    *) MVN_ARGS+=("$1") ;;
  esac
  shift
done

# The browsers to test in; none given means the plain default run.
BROWSERS=()
if [ "$ALL" = 1 ]; then
  BROWSERS=(chrome firefox edge)
elif [ ${#REQUESTED[@]} -gt 0 ]; then
  BROWSERS=($(printf '%s\n' "${REQUESTED[@]}" | awk '!seen[$0]++'))
elif [ "$HEADLESS" = false ]; then
  BROWSERS=(chrome)
fi

# shellcheck source=scripts/prerequisites.sh
. scripts/prerequisites.sh
ensure_installed --browser --redis

QUIET=(-q); [ "$VERBOSE" = 1 ] && QUIET=()

# A browser with a window needs a display: use xvfb-run when there is none, or say what is missing.
WRAP=()
if [ "$HEADLESS" = false ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    WRAP=(xvfb-run -a)
  else
    echo "ERROR: --no-headless needs a display, but DISPLAY is not set and xvfb-run is not installed" >&2
    echo "       (apt-get install xvfb, or run without --no-headless)" >&2
    exit 2
  fi
fi

# live browser, driver and Redis processes (a zombie, already exited and waiting to be reaped by init, does not count)
browser_pids() {
  ps -eo pid=,stat=,comm= | awk '$2 !~ /^Z/ && $3 ~ /^(chromium|chromedriver|chrome|firefox|firefox-esr|geckodriver|msedge|msedgedriver|redis-server)$/ {print $1}' | sort
}
before=$(browser_pids)
status=0
SUMMARY=()

# Per module and in all, from the Surefire and Failsafe reports of the last Maven run (what the tests printed is
# in each module's target/surefire-reports/*-output.txt).
totals() {
  python3 - <<'PY' || true
import glob, os, xml.etree.ElementTree as ET
per = {}
# the modules' own reports (not those of fixture projects that some tests build under target/)
for p in sorted(glob.glob('*/target/surefire-reports/TEST-*.xml') + glob.glob('*/target/failsafe-reports/TEST-*.xml')):
    r = ET.parse(p).getroot()
    m = per.setdefault(p.split(os.sep)[0], [0, 0, 0])
    t, f, e, s = (int(r.get(k, 0)) for k in ('tests', 'failures', 'errors', 'skipped'))
    m[0] += t - f - e - s; m[1] += f + e; m[2] += s
for module, (ok, bad, skipped) in per.items():
    print(f"  {module}: Tests run: {ok + bad + skipped}, passed {ok}, failed {bad}, skipped {skipped}")
ok, bad, skipped = (sum(v[i] for v in per.values()) for i in range(3))
print(f"Tests: {ok} passed, {bad} failed, {skipped} skipped")
PY
}

# Maven 3.8's console library writes colour resets even in batch mode: they are stripped from what it prints.
plain() {
  "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
  return "${PIPESTATUS[0]}"
}

if [ ${#BROWSERS[@]} -eq 0 ]; then
  # the default run, as CI needs it: the whole build, headless Chromium
  plain mvn -B "${QUIET[@]}" -Dstyle.color=never verify "${MVN_ARGS[@]}" || status=$?
  SUMMARY+=("$(totals)")
else
  # Build once, then ask each browser whether it can be driven here (BrowserSession says why not).
  echo "Building, to check the browsers: ${BROWSERS[*]} ($([ "$HEADLESS" = true ] && echo headless || echo with a window))..."
  mvn -B "${QUIET[@]}" install -DskipTests -pl core,browser,junit-extension,testng-listener,allure-adapter,aspectj -am
  mvn -B "${QUIET[@]}" -pl samples compile dependency:build-classpath -Dmdep.outputFile=target/demo.classpath
  CP="samples/target/classes:$(cat samples/target/demo.classpath)"
  tested=0
  for browser in "${BROWSERS[@]}"; do
    PROPS=("-Dtripswitch.browser=$browser" "-Dtripswitch.browser.headless=$HEADLESS")
    check_status=0
    "${WRAP[@]}" java "${PROPS[@]}" -cp "$CP" dev.tripswitch.samples.demo.BrowserCheck || check_status=$?
    if [ "$check_status" -ne 0 ]; then
      if [ "$ALL" = 1 ] && ! printf '%s\n' "${REQUESTED[@]}" | grep -qx "$browser"; then
        SUMMARY+=("$browser: not available here, not tested")
      else
        SUMMARY+=("$browser: FAILED, it was asked for but cannot be driven here (see above)")
        status=1
      fi
      continue
    fi
    if [ "$tested" = 0 ]; then
      echo "Running the whole build with $browser..."
      run=(verify)
    else
      # the browser module's own tests are Chromium-only (DevTools): the modules whose tests take the browser from
      # the system properties run again
      echo "Running the JUnit 5, TestNG and sample browser tests with $browser..."
      run=(verify -pl junit-extension,testng-listener,samples)
    fi
    run_status=0
    "${WRAP[@]}" mvn -B "${QUIET[@]}" "${run[@]}" "${PROPS[@]}" "${MVN_ARGS[@]}" || run_status=$?
    tested=$((tested + 1))
    if [ "$run_status" -ne 0 ]; then status=$run_status; fi
    SUMMARY+=("$browser: $([ "$run_status" -eq 0 ] && echo passed || echo FAILED) - tests: $(totals)")
  done
  if [ "$tested" = 0 ] && [ "$status" = 0 ]; then
    SUMMARY+=("no browser could be tested")
    status=1
  fi
fi

# A browser whose tree hangs from a JVM that is still running belongs to another build on this machine:
# once Maven has returned, none of this build's JVMs is left, and a browser it leaked hangs from no JVM.
held_by_running_jvm() {
  local p=$1 parent
  while parent=$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' ') && [ -n "$parent" ] && [ "$parent" != 1 ]; do
    case "$(ps -o comm= -p "$parent" 2>/dev/null)" in
      java) return 0 ;;
      chromium|chromedriver|chrome|firefox|firefox-esr|geckodriver|msedge|msedgedriver) p=$parent ;;
      *) return 1 ;;
    esac
  done
  return 1
}

# Every browser a test starts must be quit, every Redis server stopped: none started during the build may outlive it.
# A browser's helper processes may take a few seconds to exit after it was quit (longer on a loaded machine):
# only one that is still alive after a generous grace period has leaked.
leftovers() {
  for pid in $(comm -13 <(echo "$before") <(browser_pids) | grep -v '^$'); do
    held_by_running_jvm "$pid" || echo "$pid"
  done
}
for _ in $(seq 1 60); do
  leftover=$(leftovers)
  [ -z "$leftover" ] && break
  sleep 1
done
if [ -n "$leftover" ]; then
  echo "FAILED: browser or Redis processes started by the build outlived it:" >&2
  ps -o pid,ppid,stat,etime,args -p $(echo $leftover | tr ' ' ',') >&2 || true
  status=1
fi

# The plain closing lines.
printf '%s\n' "${SUMMARY[@]}"
exit $status
