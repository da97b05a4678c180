#!/usr/bin/env bash
# Runs every test: brings Node 24 and pnpm if missing, installs, makes sure PostgreSQL is up.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
pnpm install --frozen-lockfile --reporter=silent
bash scripts/ensure-postgres.sh
pnpm test "$@"
