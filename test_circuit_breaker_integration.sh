#!/usr/bin/env bash
# Runs Tripswitch's whole test suite (unit, engine-level and real-browser tests) with Maven.
# Installs what the browser tests need first (Debian's chromium and chromium-driver) when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

VERBOSE=0
MVN_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --verbose) VERBOSE=1 ;;
    -h|--help)
      echo "usage: $0 [--verbose] [-- extra maven arguments]"; exit 0 ;;
    *) MVN_ARGS+=("$arg") ;;
  esac
done

need_install=()
command -v chromium >/dev/null 2>&1 || need_install+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_install+=(chromium-driver)
command -v mvn >/dev/null 2>&1 || need_install+=(maven)
if [ ${#need_install[@]} -gt 0 ]; then
  echo "Installing ${need_install[*]} (Debian packages)..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_install[@]}" >/dev/null
fi

QUIET=(-q); [ "$VERBOSE" = 1 ] && QUIET=()
browser_pids() { pgrep -x 'chromium|chromedriver|chrome' 2>/dev/null | sort; }
before=$(browser_pids)
status=0
mvn -B "${QUIET[@]}" verify "${MVN_ARGS[@]}" || status=$?

# Every browser a test starts must be quit: no browser or driver started during the build may outlive it.
sleep 1
leftover=$(comm -13 <(echo "$before") <(browser_pids) | grep -v '^$' || true)
if [ -n "$leftover" ]; then
  echo "FAILED: browser processes started by the build outlived it:" >&2
  ps -o pid,ppid,etime,args -p $(echo $leftover | tr ' ' ',') >&2 || true
  status=1
fi

# The plain closing line: totals from every Surefire report of this build.
python3 - <<'PY' || true
import glob, xml.etree.ElementTree as ET
t = f = e = s = 0
for p in glob.glob('**/target/surefire-reports/TEST-*.xml', recursive=True):
    r = ET.parse(p).getroot()
    t += int(r.get('tests', 0)); f += int(r.get('failures', 0)); e += int(r.get('errors', 0)); s += int(r.get('skipped', 0))
print(f"Tests: {t - f - e - s} passed, {f + e} failed, {s} skipped")
PY
exit $status
