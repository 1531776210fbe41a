#!/usr/bin/env bash
# Applies the schema migrations of deploy/sql to a PostgreSQL database with psql, for DBAs who apply them by hand.
# It does what the silos' SchemaMigrator does at start-up, with the same ledger (province_schema_migrations),
# checksums and advisory lock, so either may run first, and both at once: each pending migration runs in its own
# transaction together with its ledger row; when a migration already applied has been edited since, it stops
# before applying anything. Applying twice changes nothing.
#
#   deploy/scripts/apply-migrations.sh [DATABASE]
#
# DATABASE is anything psql takes as a database: a URI (postgresql://province@db.internal:5432/province) or
# key=value pairs ("host=db.internal dbname=province user=province"). Without it psql uses the PG* environment
# variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD). PSQL names another psql binary.
set -euo pipefail

sql_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../sql" && pwd)"
psql="${PSQL:-psql}"
lock_key=5787775703307210049 # SchemaMigrator.AdvisoryLockKey, the bytes of "PROVSCMA"

database=()
if [[ $# -gt 0 ]]; then
    database=(--dbname "$1")
fi

checksum() {
    tr -d '\r' <"$1" | sha256sum | cut -d' ' -f1
}

mapfile -t files < <(find "$sql_dir" -maxdepth 1 -name 'V*__*.sql' -printf '%f\n' | sort -V)
if [[ ${#files[@]} -eq 0 ]]; then
    echo "No migrations in $sql_dir." >&2
    exit 1
fi

script() {
    echo '\set ON_ERROR_STOP on'
    echo 'SET client_min_messages = warning;'
    echo "SELECT pg_advisory_lock($lock_key) AS locked \\gset"
    echo "\\i '$sql_dir/schema_migrations.sql'"

    # First every applied migration is checked against its script, then the pending ones are applied in order.
    local file name version migration sum
    for pass in check apply; do
        for file in "${files[@]}"; do
            name="${file%.sql}"
            if [[ ! "$name" =~ ^V([0-9]+)__([a-z0-9_]+)$ ]]; then
                echo "deploy/sql/$file is not a migration named V<number>__<name>.sql." >&2
                exit 1
            fi
            version=$((10#${BASH_REMATCH[1]}))
            migration="${BASH_REMATCH[2]}"
            sum="$(checksum "$sql_dir/$file")"
            echo "SELECT count(*) > 0 AS applied, coalesce(bool_or(checksum <> '$sum'), false) AS changed"
            echo "FROM province_schema_migrations WHERE version = $version \\gset"
            if [[ $pass == check ]]; then
                echo '\if :changed'
                echo "DO \$\$ BEGIN RAISE EXCEPTION '$file has been edited since it was applied (its checksum is now $sum). Nothing was applied. An applied migration must never change: restore it and put the change in a new migration.'; END \$\$;"
                echo '\endif'
            else
                echo '\if :applied'
                echo "\\echo '$file: already applied'"
                echo '\else'
                echo 'BEGIN;'
                echo "\\i '$sql_dir/$file'"
                echo "INSERT INTO province_schema_migrations (version, name, checksum) VALUES ($version, '$migration', '$sum');"
                echo 'COMMIT;'
                echo "\\echo '$file: applied'"
                echo '\endif'
            fi
        done
    done
    echo "SELECT pg_advisory_unlock($lock_key) AS unlocked \\gset"
}

sql="$(script)"
"$psql" --no-psqlrc --quiet --set ON_ERROR_STOP=1 "${database[@]}" --file - <<<"$sql"
