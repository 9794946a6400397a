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

cat <<EOF
demo: Vigil end to end on this machine. It will
  check the system packages (infra/prerequisites/packages.txt) and install npm dependencies if missing,
  start PostgreSQL if installed (else an embedded PGlite) and a Kafka broker on 127.0.0.1:${VIGIL_KAFKA_PORT:-9092},
  build the services and the model bundle, then start ingest, classifier, moderation and the dashboard
  (http://127.0.0.1:${VIGIL_DEMO_PORT:-3002}/dashboard/) and publish the sample posts.
  It writes under $ROOT: .models/ (model bundle), .data/ (photos, sample set), .run/ (service logs),
  ${VIGIL_KAFKA_RUN_DIR:-infra/kafka/.run}/ (broker data and log), services/*/dist/ (builds).
EOF

prepare_local_run
trap stop_local_broker EXIT
# The driver stops the services itself on Ctrl-C (and after the table with --once).
node --conditions=@vigil/source --import tsx infra/stack/demo-driver.ts "${ONCE[@]}"
