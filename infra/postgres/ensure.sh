#!/usr/bin/env bash
# Makes sure the machine's PostgreSQL runs and that Vigil's databases exist (idempotent).
# Env: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), VIGIL_DATABASES ("vigil vigil_test").
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "postgres: starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  fi
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 0.5; done
  pg_isready -h "$PGHOST" -p "$PGPORT" || { echo "postgres: not reachable on $PGHOST:$PGPORT" >&2; exit 1; }
fi
for db in ${VIGIL_DATABASES:-vigil vigil_test}; do
  if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    createdb "$db" && echo "postgres: created database $db"
  fi
done
echo "postgres: ready on $PGHOST:$PGPORT"
