#!/usr/bin/env bash
# A local Selenium Grid for the demo: a hub and three Chromium nodes, the third one broken on purpose (its driver
# exits at session start), from Maven Central's selenium-grid (version from the parent pom). Everything binds
# 127.0.0.1, the event bus included.
#
#   scripts/grid-demo.sh start DIR [HEALTHY BROKEN [PART]]
#                                    starts the Grid (default: 2 healthy nodes and 1 broken one, the last; PART is
#                                    what is broken in a broken node: "driver" (default), its chromedriver exits at
#                                    session start, or "browser", its Chromium binary exits at start), waits
#                                    until /status reports every node UP, writes the hub's address to DIR/address,
#                                    the broken nodes' addresses to DIR/broken (one a line) and the PIDs to
#                                    DIR/pids, and prints the address
#   scripts/grid-demo.sh stop DIR    stops every process it started (and their children) by PID and checks that
#                                    none is left; safe to call twice
#
# Run from the repository root. Needs java, mvn, /usr/bin/chromium and /usr/bin/chromedriver.
set -euo pipefail

die() { echo "grid-demo: $*" >&2; exit 1; }
[ $# -eq 2 ] || [ $# -eq 4 ] || [ $# -eq 5 ] \
  || die "usage: scripts/grid-demo.sh start DIR [HEALTHY BROKEN [driver|browser]] | stop DIR"
ACTION="$1"
mkdir -p "$2"
DIR="$(cd "$2" && pwd)" # absolute: Maven resolves a relative output file against the fixture pom's folder
HEALTHY="${3:-2}"
BROKEN="${4:-1}"
PART="${5:-driver}"
[ "$PART" = driver ] || [ "$PART" = browser ] \
  || die "PART (what is broken in a broken node) must be driver or browser, but was '$PART'"
[[ "$HEALTHY" =~ ^[0-9]$ && "$BROKEN" =~ ^[0-9]$ ]] && [ $((HEALTHY + BROKEN)) -ge 1 ] \
  || die "HEALTHY and BROKEN must be node counts from 0 to 9 with at least one node, but were '$HEALTHY' '$BROKEN'"
TOTAL=$((HEALTHY + BROKEN))

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# every PID in the tree below $1, deepest first, then $1
tree_of() {
  local child
  for child in $(pgrep -P "$1" || true); do tree_of "$child"; done
  echo "$1"
}

stop() {
  [ -f "$DIR/pids" ] || return 0
  local all=() pid
  while read -r pid; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && all+=($(tree_of "$pid"))
  done < "$DIR/pids"
  [ ${#all[@]} -gt 0 ] && kill -KILL "${all[@]}" 2>/dev/null || true
  for _ in $(seq 1 100); do
    local left=()
    for pid in "${all[@]}"; do kill -0 "$pid" 2>/dev/null && left+=("$pid"); done
    [ ${#left[@]} -eq 0 ] && { rm -f "$DIR/pids"; echo "Grid stopped (${#all[@]} processes)."; return 0; }
    sleep 0.1
  done
  die "processes still alive after stopping the Grid: ${left[*]}"
}

start() {
  mkdir -p "$DIR"
  local version
  version="$(sed -n 's:.*<selenium-grid.version>\(.*\)</selenium-grid.version>.*:\1:p' pom.xml)"
  [ -n "$version" ] || die "no <selenium-grid.version> in pom.xml"
  if [ ! -s "$DIR/classpath" ]; then
    echo "Resolving org.seleniumhq.selenium:selenium-grid:$version..."
    mvn -B -q dependency:get -Dartifact="org.seleniumhq.selenium:selenium-grid:$version" >/dev/null \
      || die "could not download selenium-grid $version"
    mvn -B -q -f browser/src/test/grid/pom.xml dependency:build-classpath -Dselenium-grid.version="$version" \
      -Dmdep.outputFile="$DIR/classpath" >/dev/null || die "could not resolve the Grid's class path"
  fi
  local hub_port pub sub
  hub_port="$(free_port)"; pub="$(free_port)"; sub="$(free_port)"
  local bus="[events]
publish = \"tcp://127.0.0.1:$pub\"
subscribe = \"tcp://127.0.0.1:$sub\""
  cat > "$DIR/hub.toml" <<EOF
[server]
host = "127.0.0.1"
port = $hub_port
$bus
[distributor]
healthcheck-interval = 5
[sessionqueue]
session-request-timeout = 120
EOF
  : > "$DIR/pids"
  launch() { java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$(cat "$DIR/classpath")" \
      org.openqa.selenium.grid.Main "$1" --config "$2" > "$3" 2>&1 &
    echo $! >> "$DIR/pids"; }
  launch hub "$DIR/hub.toml" "$DIR/hub.log"
  local n port
  : > "$DIR/broken"
  for n in $(seq 1 "$TOTAL"); do
    mkdir -p "$DIR/node$n"
    local binary=/usr/bin/chromium
    if [ "$n" -gt "$HEALTHY" ] && [ "$PART" = driver ]; then
      printf '#!/bin/sh\necho "grid demo: the driver of node %s is broken on purpose" >&2\nexit 3\n' "$n" > "$DIR/node$n/chromedriver"
    else
      printf '#!/bin/sh\nexec /usr/bin/chromedriver "$@"\n' > "$DIR/node$n/chromedriver"
    fi
    if [ "$n" -gt "$HEALTHY" ] && [ "$PART" = browser ]; then
      binary="$DIR/node$n/chromium"
      printf '#!/bin/sh\necho "grid demo: the browser of node %s is broken on purpose" >&2\nexit 3\n' "$n" > "$binary"
      chmod +x "$binary"
    fi
    chmod +x "$DIR/node$n/chromedriver"
    port="$(free_port)"
    cat > "$DIR/node$n/node.toml" <<EOF
[server]
host = "127.0.0.1"
port = $port
$bus
[node]
hub = "http://127.0.0.1:$hub_port"
detect-drivers = false
selenium-manager = false
max-sessions = 1
[[node.driver-configuration]]
display-name = "Chromium"
webdriver-executable = "$DIR/node$n/chromedriver"
max-sessions = 1
stereotype = '{"browserName": "chrome", "tripswitch:node": "node$n", "goog:chromeOptions": {"binary": "$binary"}}'
EOF
    launch node "$DIR/node$n/node.toml" "$DIR/node$n/node.log"
    if [ "$n" -gt "$HEALTHY" ]; then
      echo "http://127.0.0.1:$port" >> "$DIR/broken"
      echo "  node $n (its $PART broken on purpose): http://127.0.0.1:$port"
    else
      echo "  node $n: http://127.0.0.1:$port"
    fi
  done
  local address="http://127.0.0.1:$hub_port" status up
  for _ in $(seq 1 360); do
    status="$(curl -s -m 5 "$address/status" || true)"
    up="$(grep -o '"availability": *"UP"' <<< "$status" | wc -l || true)"
    if [ "$up" -eq "$TOTAL" ] && grep -q '"ready": *true' <<< "$status"; then
      echo "$address" > "$DIR/address"
      echo "Selenium Grid ready at $address (hub and $TOTAL nodes, $BROKEN broken; logs in $DIR)"
      return 0
    fi
    sleep 0.5
  done
  stop
  die "the Grid was not ready within 180 s; logs in $DIR"
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  *) die "unknown action '$ACTION' (allowed: start, stop)" ;;
esac
