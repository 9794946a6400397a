#!/usr/bin/env bash
# Stops the local broker started by start.sh (SIGTERM, then SIGKILL after 20 s). Harmless when none runs.
# Pass --clean to delete its data as well.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [ -f "$KAFKA_PID_FILE" ] && pid=$(cat "$KAFKA_PID_FILE") && kill -0 "$pid" 2>/dev/null; then
  kill "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  echo "kafka: stopped pid $pid"
else
  echo "kafka: not running"
fi
rm -f "$KAFKA_PID_FILE"
if [ "${1:-}" = "--clean" ]; then rm -rf "$KAFKA_RUN_DIR"; echo "kafka: removed $KAFKA_RUN_DIR"; fi
