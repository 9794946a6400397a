#!/usr/bin/env bash
# `npm test`: the whole test suite against a real local stack.
# Installs npm dependencies when missing, makes sure PostgreSQL and a Kafka broker run (starting the
# local KRaft broker unless KAFKA_BROKERS names one), runs every package's tests through turbo, and
# ends with the line "N passed, N failed" counted from the test runners' JSON reports.
# The local broker authenticates: tests connect as its administrator, and the pipeline tests run each
# service as its own principal, from the broker's credentials file. For a broker named by KAFKA_BROKERS,
# set KAFKA_SASL_MECHANISM/USERNAME/PASSWORD to an administrator's (none: an unauthenticated broker,
# where test/infra/kafka-auth.test.ts fails, as it should).
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source infra/stack/lib.sh

ensure_prerequisites test || exit 1
ensure_node_modules || exit 1
ensure_native_kernels || exit 1
bash infra/postgres/ensure.sh || exit 1
bash infra/redis/ensure.sh || exit 1 # the classifier's media cache
bash infra/data/photos.sh || exit 1
# The model bundle (.models/vigil-base): deterministic, fetched sources cached in .models/.cache.
t_models=$(date +%s)
npm run --silent models:build || exit 1
echo "test: models:build took $(( $(date +%s) - t_models )) s"
if [ -z "${KAFKA_BROKERS:-}" ]; then
  bash infra/kafka/start.sh || exit 1
  source infra/kafka/env.sh
  export KAFKA_BROKERS=127.0.0.1:${VIGIL_KAFKA_PORT:-9092} VIGIL_KAFKA_CREDENTIALS=$KAFKA_CREDENTIALS
fi
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/vigil_test}

find . -path ./node_modules -prune -o -type d -name reports -print | xargs -r rm -rf
npx turbo run test --concurrency=1 --continue "$@"
rc=$?
node .ci/summarize-tests.mjs || rc=1
exit $rc
