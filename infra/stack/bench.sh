#!/usr/bin/env bash
# `npm run bench`: the pipeline benchmark (test/bench/pipeline.ts) with the same set-up as the demo:
# dependencies, PostgreSQL (or the embedded PGlite), the local Kafka broker, builds, photos, model bundle.
# Its topics, consumer groups and database schema are its own and removed afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source infra/stack/lib.sh

prepare_local_run
trap stop_local_broker EXIT
node --conditions=@vigil/source --import tsx test/bench/pipeline.ts
