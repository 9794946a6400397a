#!/usr/bin/env bash
# `npm run demo`: the main job, end to end on this machine.
# Installs dependencies when missing, makes sure PostgreSQL runs, starts the local Kafka broker,
# builds and starts the services, publishes sample posts the way a platform would and prints what
# comes out. Leaves everything running until Ctrl-C (or exits after one pass with --once).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source infra/stack/lib.sh
ONCE=false
[ "${1:-}" = "--once" ] && ONCE=true

ensure_node_modules
bash infra/postgres/ensure.sh
source infra/kafka/env.sh
KAFKA_WAS_RUNNING=false
[ -f "$KAFKA_PID_FILE" ] && kill -0 "$(cat "$KAFKA_PID_FILE")" 2>/dev/null && KAFKA_WAS_RUNNING=true
bash infra/kafka/start.sh
export KAFKA_BROKERS=127.0.0.1:${VIGIL_KAFKA_PORT:-9092} HTTP_HOST=127.0.0.1 LOG_LEVEL=${LOG_LEVEL:-warn}
# The demo driver serves sample media from 127.0.0.1, which ingest's SSRF guard refuses unless allowed.
export INGEST_MEDIA_ALLOW=${INGEST_MEDIA_ALLOW:-127.0.0.1}
npx turbo run build --output-logs=errors-only
bash infra/data/photos.sh
# Ingest reads its image sizes from the model bundle manifest.
[ -f "${VIGIL_BUNDLE_DIR:-.models/vigil-base}/manifest.json" ] || npm run models:build

LOG_DIR=$ROOT/.run/logs
mkdir -p "$LOG_DIR"
pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "demo: stopping services"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # Leave a broker that was running before the demo as it was.
  [ "$KAFKA_WAS_RUNNING" = true ] || bash infra/kafka/stop.sh
}
trap stop_all INT TERM EXIT

start_service() { # name port
  HTTP_PORT=$2 node "services/$1/dist/main.js" >"$LOG_DIR/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 && { echo "demo: $1 ready on http://127.0.0.1:$2 (log $LOG_DIR/$1.log)"; return 0; }
    kill -0 "${pids[-1]}" 2>/dev/null || { echo "demo: $1 exited; log:"; tail -20 "$LOG_DIR/$1.log"; return 1; }
    sleep 0.5
  done
  echo "demo: $1 not ready after 60 s"; tail -20 "$LOG_DIR/$1.log"; return 1
}

start_service ingest 3001

node --conditions=@vigil/source --import tsx infra/stack/demo-driver.ts

if [ "$ONCE" = true ]; then exit 0; fi
echo "demo: services keep running; Ctrl-C stops everything."
while true; do sleep 3600; done
