#!/usr/bin/env bash
# Brings Node 24 and pnpm 12 into ./.tools when the machine lacks them (it ships Node 20),
# then puts them first on PATH. Source it: `. scripts/bootstrap.sh`.
NODE_VERSION=24.21.0
PNPM_VERSION=12.21.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
have_node=$(command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$have_node" != "24" ] && [ ! -x "$tools/node_modules/.bin/node" ]; then
  echo "bootstrap: installing node@$NODE_VERSION and pnpm@$PNPM_VERSION into .tools" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error -E "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
elif ! command -v pnpm >/dev/null 2>&1 && [ ! -x "$tools/node_modules/.bin/pnpm" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error -E "pnpm@$PNPM_VERSION" >&2
fi
if [ -d "$tools/node_modules/.bin" ]; then export PATH="$tools/node_modules/.bin:$PATH"; fi
export PATH="$root/node_modules/.bin:$PATH"
