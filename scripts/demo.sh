#!/usr/bin/env bash
# Runs the product: brings Node 24 and pnpm if missing, installs, then the demo on the embedded database.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
pnpm install --frozen-lockfile --reporter=silent
exec pnpm demo "$@"
