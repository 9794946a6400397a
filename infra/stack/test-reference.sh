#!/usr/bin/env bash
# `npm run test:reference`: the PDQ kernel's tests against Meta's full PDQ/vPDQ reference corpus (40
# images, 31 vPDQ feature files) instead of the committed fixtures (kernels/pdq/test/fixtures/SOURCE.md
# says where it comes from and how it is laid out). `npm test` never reads it.
# Usage: VIGIL_PDQ_REFERENCE=/path/to/pdq-corpus npm run test:reference
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
source infra/stack/lib.sh

if [ -z "${VIGIL_PDQ_REFERENCE:-}" ] || [ ! -f "$VIGIL_PDQ_REFERENCE/expected.csv" ]; then
  echo "test:reference: set VIGIL_PDQ_REFERENCE to the folder of the PDQ reference corpus (with expected.csv);" >&2
  echo "  see kernels/pdq/test/fixtures/SOURCE.md" >&2
  exit 1
fi
export VIGIL_PDQ_REFERENCE=$(cd "$VIGIL_PDQ_REFERENCE" && pwd)
ensure_node_modules || exit 1
ensure_native_kernels || exit 1
cd kernels/pdq && exec npx vitest run "$@"
