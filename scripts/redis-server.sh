#!/usr/bin/env bash
# redis-server for the shared-cache integration tests (voice-performance's TestRedisSharedCache).
#   install      installs Debian's redis-server when it is not on PATH (as root, or through sudo)
#   start PORT   starts one on 127.0.0.1:PORT without persistence, in the background, and waits for PING
#   stop PORT    stops the one on that port
# The tests start and stop their own server; start/stop are for trying the shared level by hand.
set -euo pipefail

usage() { echo "usage: $0 install | start PORT | stop PORT" >&2; exit 2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "$0: installing redis-server needs root or sudo" >&2
    exit 1
  fi
}

install() {
  if command -v redis-server >/dev/null 2>&1; then
    return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine has no package lists yet; refresh them only when the first attempt cannot find the package.
  if ! as_root apt-get install -y -qq redis-server >/dev/null 2>&1; then
    as_root apt-get update -qq >/dev/null
    as_root apt-get install -y -qq redis-server >/dev/null
  fi
  # Debian's package may start a system service on 6379; the tests use their own port and need none.
  command -v redis-server >/dev/null 2>&1 || { echo "$0: redis-server still not on PATH" >&2; exit 1; }
  echo "redis-server installed: $(redis-server --version)"
}

start() {
  local port=${1:?port}
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "/tmp/voice-redis-$port.pid" --logfile "/tmp/voice-redis-$port.log"
  for _ in $(seq 1 100); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
      echo "redis-server on 127.0.0.1:$port"
      return 0
    fi
    sleep 0.05
  done
  echo "$0: redis-server on port $port did not answer PING within 5 s" >&2
  exit 1
}

stop() {
  local port=${1:?port}
  local pidfile="/tmp/voice-redis-$port.pid"
  if [ -f "$pidfile" ]; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  fi
}

case "${1:-}" in
  install) install ;;
  start) [ $# -eq 2 ] || usage; start "$2" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
