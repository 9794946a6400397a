# Helpers shared by the stack scripts (sourced).

# onnxruntime-node's install script would download CUDA libraries from an unreachable host; the CPU build
# is bundled. npm 11 blocks it anyway (package.json allowScripts: false); the variable covers npm 10.
export ONNXRUNTIME_NODE_INSTALL=${ONNXRUNTIME_NODE_INSTALL:-skip}

# System prerequisites for `demo` or `test` (infra/prerequisites/packages.txt): installs what is missing
# as root on Debian/Ubuntu, otherwise prints what to install and fails.
ensure_prerequisites() {
  bash infra/prerequisites/ensure.sh "$1"
}

# Runs `npm ci` when node_modules is missing or older than package-lock.json.
ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "npm: installing dependencies (npm ci)"
    npm ci --no-audit --no-fund || return 1
  fi
}

# npm ci builds kernels/pdq's addon through the workspace's install script, which only warns when the
# build fails (the package then runs its TypeScript implementation). Tests need the addon: build it
# here when it is missing, loudly.
ensure_native_kernels() {
  if [ ! -f kernels/pdq/build/Release/vigil_pdq.node ]; then
    echo "native: building kernels/pdq (npm run build:native -w @vigil/pdq)"
    npm run build:native -w @vigil/pdq || return 1
  fi
}

# Set-up shared by `npm run demo` and `npm run bench`: dependencies, PostgreSQL when installed (the
# drivers fall back to an embedded PGlite without it), the local Kafka broker (KAFKA_BROKERS exported),
# the service builds, the photos and the model bundle. Call `stop_local_broker` on exit: it stops the
# broker only when this run started it.
prepare_local_run() {
  ensure_prerequisites demo || return 1
  ensure_node_modules || return 1
  if [ -z "${DATABASE_URL:-}" ]; then
    bash infra/postgres/ensure.sh || echo "stack: no local PostgreSQL; the embedded PGlite will serve the database"
  fi
  source infra/kafka/env.sh
  KAFKA_WAS_RUNNING=false
  [ -f "$KAFKA_PID_FILE" ] && kill -0 "$(cat "$KAFKA_PID_FILE")" 2>/dev/null && KAFKA_WAS_RUNNING=true
  bash infra/kafka/start.sh || return 1
  # The broker's principals (SASL/SCRAM): the drivers give each service its own (infra/stack/pipeline.ts).
  export KAFKA_BROKERS=127.0.0.1:${VIGIL_KAFKA_PORT:-9092} VIGIL_KAFKA_CREDENTIALS=$KAFKA_CREDENTIALS
  export LOG_LEVEL=${LOG_LEVEL:-warn}
  npx turbo run build --output-logs=errors-only || return 1
  bash infra/data/photos.sh || return 1
  # The model bundle (ingest reads its image sizes from the manifest; the classifier runs it). The build is
  # deterministic and takes a few seconds with its sources cached, so a stale bundle is never used.
  npm run --silent models:build || return 1
}

stop_local_broker() {
  [ "${KAFKA_WAS_RUNNING:-true}" = true ] || bash infra/kafka/stop.sh
}
