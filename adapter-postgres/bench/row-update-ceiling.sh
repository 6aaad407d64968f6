#!/usr/bin/env bash
# How many job-row updates a second PostgreSQL itself can do on this machine, with nothing else running: the
# ceiling under any engine's job throughput, since a five-step job is 7 row writes (the claim, a start per step
# carrying the previous step's end, the completion). Uses pgbench on a scratch copy of the job row (same
# columns, indexes and fillfactor as migration V1, a 1.7 kB row with five step records), in a schema of its
# own that it drops at the end. Bounded: DURATION seconds per run (15).
#
#   adapter-postgres/bench/row-update-ceiling.sh [libpq URL, default postgresql://postgres@127.0.0.1:5432/test]
set -euo pipefail

url="${1:-postgresql://postgres@127.0.0.1:5432/test}"
duration="${DURATION:-15}"
pgbench="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n1)"
[[ -x "$pgbench" ]] || { echo "pgbench not found (Debian: it ships with the postgresql server package)" >&2; exit 1; }
work="$(mktemp -d -t conveyor-ceiling-XXXX)"
schema="ceiling_$$"
trap 'psql -q "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

psql -q -v ON_ERROR_STOP=1 "$url" <<SQL
CREATE SCHEMA $schema;
CREATE TABLE $schema.job (
  id bigint PRIMARY KEY, tenant text NOT NULL, pipeline text NOT NULL, status text NOT NULL,
  input jsonb NOT NULL, options jsonb NOT NULL, pipeline_steps jsonb NOT NULL, current_step text,
  progress smallint NOT NULL, processing boolean NOT NULL, cost_usd double precision NOT NULL,
  lease_owner text, lease_expires_at timestamptz, queued_at timestamptz, ttl_from timestamptz,
  version bigint NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL
) WITH (fillfactor = 70);
CREATE INDEX ON $schema.job (queued_at, id) WHERE queued_at IS NOT NULL;
CREATE INDEX ON $schema.job (lease_owner) WHERE status = 'RUNNING';
CREATE INDEX ON $schema.job (ttl_from) WHERE ttl_from IS NOT NULL;
CREATE INDEX ON $schema.job (tenant, created_at DESC, id DESC);
CREATE INDEX ON $schema.job (tenant, status, created_at DESC, id DESC);
INSERT INTO $schema.job SELECT g, 'acme', 'noop', 'RUNNING', '{"n": 1}', '{"skip_review": false}',
  (SELECT jsonb_agg(jsonb_build_object('name', 's' || i, 'status', 'completed', 'started_at', now()::text,
     'completed_at', now()::text, 'duration_ms', 1, 'attempts', 1, 'units_done', 0, 'units_total', 0,
     'cost_usd', 0, 'warnings', '[]'::jsonb, 'output', '{}'::jsonb)) FROM generate_series(1, 5) i),
  's1', 0, true, 0, 'w1', now(), null, null, 0, now(), now()
FROM generate_series(1, 10000) g;
VACUUM ANALYZE $schema.job;
SQL

{ # four updates of distinct rows per transaction, in id order (as group commit sorts them: no deadlocks)
  echo '\set a random(1, 2500)'
  echo '\set b random(2501, 5000)'
  echo '\set c random(5001, 7500)'
  echo '\set d random(7501, 10000)'
  echo 'BEGIN;'
  for row in a b c d; do
    echo "UPDATE $schema.job SET pipeline_steps = pipeline_steps, current_step = 's2', progress = 40, lease_expires_at = now(), updated_at = now(), version = version + 1 WHERE id = :$row;"
  done
  echo 'COMMIT;'
} >"$work/update4.sql"

echo "PostgreSQL row-update ceiling: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), ${duration}s per run"
for clients in 2 8; do
  tps=$("$pgbench" -n -f "$work/update4.sql" -c "$clients" -j 1 -T "$duration" "$url" 2>/dev/null \
    | awk '/^tps = / {print $3}')
  awk -v c="$clients" -v t="$tps" 'BEGIN { printf "%d clients, 4 updates per transaction: %.0f transactions/s = %.0f row updates/s\n", c, t, 4 * t }'
done
