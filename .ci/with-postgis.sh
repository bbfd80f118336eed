#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL 15 + PostGIS server (Debian's pg_virtualenv),
# with DATABASE_URL pointing at it. Usage: bash .ci/with-postgis.sh npx vitest run --project api
set -euo pipefail
exec pg_virtualenv -v 15 bash -c '
  export DATABASE_URL="postgres://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}/${PGDATABASE}"
  exec "$@"
' with-postgis "$@"
