#!/usr/bin/env bash
# Builds and runs the embedded example as an application outside the reactor would: against the Conveyor
# artifacts in the local Maven repository (./mvnw install puts them there), first in memory, then on
# PostgreSQL in schema conveyor_example: CONVEYOR_DB_URL (with CONVEYOR_DB_USER, CONVEYOR_DB_PASSWORD), else
# the same server the tests use (the local one, else an embedded one). Exits non-zero when a build fails or a
# job does not complete with the right result.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

echo "== examples/embedded, in memory"
./mvnw -B -q -f examples/embedded/pom.xml clean verify exec:java

echo "== examples/embedded, on PostgreSQL"
if [[ -z "${CONVEYOR_DB_URL:-}" ]]; then
  # The tests' PostgreSQL (test-postgres): CONVEYOR_TEST_DB_URL, else the local server, else an embedded one
  # that lives until this script closes the helper's standard input.
  coproc DB { ./mvnw -B -q -pl test-postgres exec:java -Dexec.mainClass=dev.conveyor.testing.postgres.TestPostgres; }
  read -r url user password <&"${DB[0]}" || true
  if [[ -z "${url:-}" ]]; then echo "no PostgreSQL for the example (see the output above)" >&2; exit 1; fi
  export CONVEYOR_DB_URL="$url" CONVEYOR_DB_USER="$user"
  [[ -n "$password" ]] && export CONVEYOR_DB_PASSWORD="$password"
fi
export CONVEYOR_DB_SCHEMA="${CONVEYOR_DB_SCHEMA:-conveyor_example}"
./mvnw -B -q -f examples/embedded/pom.xml -Ppostgres clean verify exec:java
if [[ -n "${DB_PID:-}" ]]; then
  exec {DB[1]}>&-
  wait "$DB_PID"
fi
