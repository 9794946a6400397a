#!/usr/bin/env bash
# `npm run bench`: the pipeline benchmark (test/bench/pipeline.ts), then the scale-out test at full size,
# with the same set-up as the demo:
# dependencies, PostgreSQL (or the embedded PGlite), the local Kafka broker, builds, photos, model bundle.
# Its topics, consumer groups and database schema are its own and removed afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source infra/stack/lib.sh

prepare_local_run
# The media-cache phase needs a Redis; without one it is skipped.
bash infra/redis/ensure.sh || export BENCH_MEDIA_CACHE_URL=''
trap stop_local_broker EXIT
node --conditions=@vigil/source --import tsx test/bench/pipeline.ts
# Scale-out at full size (the same test `npm test` runs small): 2 + 2 instances, a third classifier joins,
# one classifier and one ingest instance are SIGKILLed; prints per-instance posts/s and the rebalance
# pauses. BENCH_SCALE=0 skips it.
if [ "${BENCH_SCALE:-1}" != 0 ]; then
  (cd test && SCALE_POSTS=${BENCH_SCALE_POSTS:-120} SCALE_INTERVAL_MS=${BENCH_SCALE_INTERVAL_MS:-200} \
    DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/vigil} \
    npx vitest run e2e/scale-out.e2e.test.ts --reporter=default)
fi
