#!/usr/bin/env bash
# Starts, stops or reports the loopback redis-server that the redis baseline (jitskit-baseline-redis) talks to.
#
#   bin/redis-server.sh start|stop|status
#
# Port: JITSKIT_REDIS_PORT (default 6399), bound to 127.0.0.1 only. Files (AOF, log, pid): JITSKIT_REDIS_DIR
# (default /tmp/jitskit-redis-<port>). The server starts with no persistence (save "", appendonly no); the adapter
# turns on appendonly + appendfsync per the spec card's durability when it opens a store.
# Installs Debian's redis-server package when it is missing (needs root). Exit codes: 0 ok, 1 not running (status),
# 2 failed to start, 3 redis-server cannot be installed.
set -euo pipefail

PORT="${JITSKIT_REDIS_PORT:-6399}"
DIR="${JITSKIT_REDIS_DIR:-/tmp/jitskit-redis-$PORT}"

ping() {
  [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = "PONG" ]
}

ensure_installed() {
  if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "redis-server.sh: redis-server is not installed and installing it needs root: apt-get install redis-server" >&2
    exit 3
  fi
  echo "redis-server.sh: installing redis-server (apt-get)" >&2
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } >&2; then
    echo "redis-server.sh: apt-get could not install redis-server" >&2
    exit 3
  fi
}

start() {
  ensure_installed
  if ping; then
    echo "redis-server already running on 127.0.0.1:$PORT"
    return 0
  fi
  mkdir -p "$DIR"
  redis-server --bind 127.0.0.1 --port "$PORT" --protected-mode yes --daemonize yes \
    --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" \
    --save "" --appendonly no --appendfilename jitskit.aof
  for _ in $(seq 1 100); do
    if ping; then
      echo "redis-server running on 127.0.0.1:$PORT (dir $DIR)"
      return 0
    fi
    sleep 0.1
  done
  echo "redis-server.sh: redis-server did not answer on 127.0.0.1:$PORT within 10 s; see $DIR/redis.log" >&2
  exit 2
}

stop() {
  if ! command -v redis-cli >/dev/null 2>&1 || ! ping; then
    echo "redis-server not running on 127.0.0.1:$PORT"
    return 0
  fi
  redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >/dev/null 2>&1 || true
  for _ in $(seq 1 50); do
    ping || { echo "redis-server on 127.0.0.1:$PORT stopped"; return 0; }
    sleep 0.1
  done
  echo "redis-server.sh: redis-server on 127.0.0.1:$PORT did not stop" >&2
  exit 2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status)
    if command -v redis-cli >/dev/null 2>&1 && ping; then
      echo "redis-server running on 127.0.0.1:$PORT"
    else
      echo "redis-server not running on 127.0.0.1:$PORT"
      exit 1
    fi
    ;;
  *) echo "usage: bin/redis-server.sh start|stop|status (port from JITSKIT_REDIS_PORT, default 6399)" >&2; exit 64 ;;
esac
