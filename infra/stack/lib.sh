# Helpers shared by the stack scripts (sourced).

# onnxruntime-node's install script would download CUDA libraries from an unreachable host; the CPU build
# is bundled. npm 11 blocks it anyway (package.json allowScripts: false); the variable covers npm 10.
export ONNXRUNTIME_NODE_INSTALL=${ONNXRUNTIME_NODE_INSTALL:-skip}

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
