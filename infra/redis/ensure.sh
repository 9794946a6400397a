#!/usr/bin/env bash
# Makes sure a Redis answers on 127.0.0.1:6379 (the classifier's media cache in tests and the demo);
# starts a local, non-persistent one with bounded memory when none does (idempotent).
# Env: VIGIL_REDIS_PORT (6379).
set -euo pipefail
PORT=${VIGIL_REDIS_PORT:-6379}
if redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
  echo "redis: ready on 127.0.0.1:$PORT"
  exit 0
fi
command -v redis-server >/dev/null || { echo "redis: redis-server not installed (apt-get install redis-server)" >&2; exit 1; }
echo "redis: starting a local server on 127.0.0.1:$PORT"
redis-server --bind 127.0.0.1 --port "$PORT" --daemonize yes --save '' --appendonly no \
  --maxmemory 256mb --maxmemory-policy allkeys-lru --logfile /tmp/vigil-redis-"$PORT".log
for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null || { echo "redis: not reachable on 127.0.0.1:$PORT" >&2; exit 1; }
echo "redis: ready on 127.0.0.1:$PORT"
