#!/usr/bin/env bash
# Tests need the PostgreSQL server at 127.0.0.1:5432 (user postgres, trust auth). Start it if it is down.
set -euo pipefail
if command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
fi
for _ in $(seq 1 30); do
  if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then exit 0; fi
  sleep 1
done
echo "PostgreSQL is not answering at 127.0.0.1:5432; tests of storage and the queue need it." >&2
exit 1
