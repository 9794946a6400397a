#!/usr/bin/env bash
# `npm run demo`: the main job, end to end on this machine.
# Installs dependencies when missing, starts PostgreSQL when it is installed (otherwise the driver serves an
# embedded PGlite), starts the local Kafka broker, builds the services, the model bundle and the sample
# set, then infra/stack/demo-driver.ts starts every service as its own process, publishes the sample posts
# the way a platform would and prints their verdicts. Leaves everything running until Ctrl-C (or exits
# after one pass with --once).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source infra/stack/lib.sh
ONCE=()
[ "${1:-}" = "--once" ] && ONCE=(--once)

ensure_node_modules
# PostgreSQL when this machine has one; without it the driver falls back to PGlite.
if [ -z "${DATABASE_URL:-}" ]; then
  bash infra/postgres/ensure.sh || echo "demo: no local PostgreSQL; the embedded PGlite will serve the database"
fi
source infra/kafka/env.sh
KAFKA_WAS_RUNNING=false
[ -f "$KAFKA_PID_FILE" ] && kill -0 "$(cat "$KAFKA_PID_FILE")" 2>/dev/null && KAFKA_WAS_RUNNING=true
bash infra/kafka/start.sh
export KAFKA_BROKERS=127.0.0.1:${VIGIL_KAFKA_PORT:-9092} LOG_LEVEL=${LOG_LEVEL:-warn}
stop_broker() {
  # Leave a broker that was running before the demo as it was.
  [ "$KAFKA_WAS_RUNNING" = true ] || bash infra/kafka/stop.sh
}
trap stop_broker EXIT

npx turbo run build --output-logs=errors-only
bash infra/data/photos.sh
# Ingest reads its image sizes from the model bundle manifest; the classifier runs it.
[ -f "${VIGIL_BUNDLE_DIR:-.models/vigil-base}/manifest.json" ] || npm run models:build

# The driver stops the services itself on Ctrl-C (and after the table with --once).
node --conditions=@vigil/source --import tsx infra/stack/demo-driver.ts "${ONCE[@]}"
