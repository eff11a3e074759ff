# Sourced by the root scripts: installs what they need from Debian's packages when it is missing.
#
#   ensure_installed [--browser] [--jdk] [--redis]
#     always: Maven; --browser: Chromium and its driver (chromium, chromium-driver); --jdk: a JDK 17;
#     --redis: redis-server (the Redis store's tests start their own on a loopback port)
ensure_installed() {
  local need=() arg
  command -v mvn >/dev/null 2>&1 || need+=(maven)
  for arg in "$@"; do
    case "$arg" in
      --browser)
        command -v chromium >/dev/null 2>&1 || need+=(chromium)
        command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver) ;;
      --jdk)
        command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless) ;;
      --redis)
        command -v redis-server >/dev/null 2>&1 || need+=(redis-server) ;;
      *) echo "ensure_installed: unknown option $arg (allowed: --browser, --jdk, --redis)" >&2; return 2 ;;
    esac
  done
  [ ${#need[@]} -eq 0 ] && return 0
  echo "Installing ${need[*]} (Debian packages)..."
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}
