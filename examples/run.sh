#!/usr/bin/env bash
# Builds and runs the examples as applications outside the reactor would, against the Conveyor artifacts in
# the local Maven repository (./mvnw install puts them there):
#   examples/embedded      the library in memory, then on PostgreSQL (schema conveyor_example)
#   examples/spring-boot   the starter in a Spring Boot application: its test runs a report over HTTP on
#                          PostgreSQL (schema reports_example) and reads /actuator/health
# PostgreSQL: CONVEYOR_DB_URL (with CONVEYOR_DB_USER, CONVEYOR_DB_PASSWORD), else the same server the tests use
# (the local one, else an embedded one). Exits non-zero when a build fails or a job goes wrong.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

echo "== examples/embedded, in memory"
./mvnw -B -q -f examples/embedded/pom.xml clean verify exec:java

if [[ -z "${CONVEYOR_DB_URL:-}" ]]; then
  # The tests' PostgreSQL (test-postgres): CONVEYOR_TEST_DB_URL, else the local server, else an embedded one
  # that lives until this script closes the helper's standard input.
  coproc DB { ./mvnw -B -q -pl test-postgres exec:java -Dexec.mainClass=dev.conveyor.testing.postgres.TestPostgres; }
  read -r url user password <&"${DB[0]}" || true
  if [[ -z "${url:-}" ]]; then echo "no PostgreSQL for the examples (see the output above)" >&2; exit 1; fi
  export CONVEYOR_DB_URL="$url" CONVEYOR_DB_USER="$user"
  [[ -n "$password" ]] && export CONVEYOR_DB_PASSWORD="$password"
fi

echo "== examples/embedded, on PostgreSQL"
CONVEYOR_DB_SCHEMA=conveyor_example ./mvnw -B -q -f examples/embedded/pom.xml -Ppostgres clean verify exec:java

echo "== examples/spring-boot, its test on PostgreSQL"
CONVEYOR_DB_SCHEMA=reports_example ./mvnw -B -f examples/spring-boot/pom.xml clean verify

if [[ -n "${DB_PID:-}" ]]; then
  exec {DB[1]}>&-
  wait "$DB_PID"
fi
