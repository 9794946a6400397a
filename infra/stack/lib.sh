# Helpers shared by the stack scripts (sourced).

# Runs `npm ci` when node_modules is missing or older than package-lock.json.
ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "npm: installing dependencies (npm ci)"
    npm ci --no-audit --no-fund || return 1
  fi
}
