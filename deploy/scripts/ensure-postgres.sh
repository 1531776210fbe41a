#!/usr/bin/env bash
# Makes sure the PostgreSQL 15 server binaries are installed (Debian package postgresql-15), which the persistence
# tests use to start a throwaway server of their own when no connection string is given. CI runs this before the
# tests; it does nothing when they are already there.
#
#   deploy/scripts/ensure-postgres.sh
set -euo pipefail

bin=/usr/lib/postgresql/15/bin
if [[ -x "$bin/postgres" && -x "$bin/initdb" && -x "$bin/pg_ctl" ]]; then
    echo "PostgreSQL 15 is installed ($bin)."
    exit 0
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
fi

echo "Installing PostgreSQL 15 (postgresql-15, postgresql-client-15)..."
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends postgresql-15 postgresql-client-15

if [[ ! -x "$bin/postgres" ]]; then
    echo "postgresql-15 was installed but $bin/postgres is missing." >&2
    exit 1
fi
echo "PostgreSQL 15 is installed ($bin)."
