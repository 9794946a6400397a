#!/usr/bin/env bash
# `npm run test:unit`: the tests that need no broker, database, Redis, model bundle or photos
# (vitest.unit.mts lists them), in one Vitest run. Needs npm dependencies, the native PDQ addon and
# ffmpeg (a few media tests decode real files); `npm test` remains the whole suite.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source infra/stack/lib.sh

ensure_node_modules || exit 1
ensure_native_kernels || exit 1
exec npx vitest run --config vitest.unit.mts "$@"
