#!/usr/bin/env bash
# The GPU path in one command (issue 22), prepared for a machine with an NVIDIA GPU; not run on the CPU
# development machines. Usage, from the repository root after `npm ci` and `npm run models:build`:
#
#   bash infra/gpu/run.sh            # BENCH_POSTS=64 BENCH_ROUNDS=3 by default
#
# 1. Installs onnxruntime-node's CUDA 12 provider libraries (its own install script, flag `cuda12`; needs
#    the NVIDIA driver, CUDA 12 runtime, cuBLAS and cuDNN 9 on the host and network access to the
#    onnxruntime release binaries, see docs/operations.md "GPU workers"). Skipped when they are present.
# 2. Checks that a session on the CUDA execution provider opens (`VIGIL_EXECUTION_PROVIDER=cuda` makes a
#    worker exit rather than fall back to the CPU; this check fails the same way).
# 3. Runs `npm run bench:classifier` on the CUDA provider with batch sizes 1, 8 and 32 (BENCH_BATCH) at
#    1 and 32 closed-loop clients, routed and dense, batching off and on, and prints each run's table:
#    posts/s, p50/p95/p99 ms, mean batch, CPU ms per post, plus `nvidia-smi`'s GPU and memory before and
#    after. Output is also written to bench-results/gpu-<date>.txt.
#
# Put the figures in docs/benchmarks.md ("Sizing"), with the GPU model, driver and date.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mkdir -p bench-results
out="bench-results/gpu-$(date -u +%Y%m%dT%H%M%SZ).txt"
exec > >(tee "$out") 2>&1

command -v nvidia-smi >/dev/null || { echo "gpu: no nvidia-smi: not a GPU machine" >&2; exit 1; }
date -u
nvidia-smi --query-gpu=name,driver_version,memory.total,utilization.gpu --format=csv

ORT_BIN=node_modules/onnxruntime-node/bin/napi-v6/linux/x64
if [ ! -e "$ORT_BIN/libonnxruntime_providers_cuda.so" ]; then
  echo "gpu: installing onnxruntime-node's CUDA 12 build"
  ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install.js
fi

node --conditions=@vigil/source --import tsx -e "
  (async () => {
    const { createSession } = await import('@vigil/model');
    const s = await createSession('.models/vigil-base/nsfw.onnx', { provider: 'cuda' });
    console.log('gpu: CUDA session opened, inputs', s.inputNames.join(', '));
    await s.release();
  })().catch((e) => { console.error('gpu: no CUDA session:', e.message); process.exit(1); });
"

for batch in 1 8 32; do
  echo
  echo "== bench:classifier, CUDA provider, BENCH_BATCH=$batch =="
  BENCH_PROVIDER=cuda BENCH_BATCH=$batch BENCH_LOADS=${BENCH_LOADS:-1,32} \
    BENCH_POSTS=${BENCH_POSTS:-64} BENCH_ROUNDS=${BENCH_ROUNDS:-3} npm run --silent bench:classifier
  nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader
done
echo "gpu: wrote $out"
