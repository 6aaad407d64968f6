#!/usr/bin/env bash
# Builds and runs the embedded example as an application outside the reactor would: against the Conveyor
# artifacts in the local Maven repository (./mvnw install puts them there), first in memory, then on
# PostgreSQL (CONVEYOR_DB_URL, default the local server's test database as user postgres, in schema
# conveyor_example). Exits non-zero when a build fails or a job does not complete with the right result.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

echo "== examples/embedded, in memory"
./mvnw -B -q -f examples/embedded/pom.xml clean verify exec:java

echo "== examples/embedded, on PostgreSQL"
export CONVEYOR_DB_URL="${CONVEYOR_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
export CONVEYOR_DB_USER="${CONVEYOR_DB_USER:-postgres}"
export CONVEYOR_DB_SCHEMA="${CONVEYOR_DB_SCHEMA:-conveyor_example}"
./mvnw -B -q -f examples/embedded/pom.xml -Ppostgres clean verify exec:java
