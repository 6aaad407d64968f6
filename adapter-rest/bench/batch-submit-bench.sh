#!/usr/bin/env bash
# Measures batch submit over HTTP: POST /api/v1/jobs/batch, BATCHES requests of SIZE started demo jobs each,
# CLIENTS requests at a time, against target/conveyor-server.jar run with no workers (so the figure is the
# enqueue alone: every job is stored queued, none is run).
#
#   adapter-rest/bench/batch-submit-bench.sh [--db jdbc:postgresql://127.0.0.1:5432/test]
#
# Build the jar first: ./mvnw -B -q package -pl adapter-rest -am -DskipTests. A warm-up of WARMUP batches
# goes first. Environment: BATCHES (20), SIZE (1000, at most 1000), CLIENTS (4), WARMUP (5), PORT (18092),
# JAVA_OPTS, JAVA_HOME, CONVEYOR_DB_URL (same as --db), and CONVEYOR_DB_USER, CONVEYOR_DB_SCHEMA as the
# server reads them.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/conveyor-server.jar"
batches="${BATCHES:-20}"
size="${SIZE:-1000}"
clients="${CLIENTS:-4}"
warmup="${WARMUP:-5}"
port="${PORT:-18092}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
token="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
base="http://127.0.0.1:$port"
db_args=()
if [[ "${1:-}" == "--db" && -n "${2:-}" ]]; then
  db_args=(--db "$2")
elif [[ -n "${CONVEYOR_DB_URL:-}" ]]; then
  db_args=(--db "$CONVEYOR_DB_URL")
fi
[[ "$size" =~ ^[1-9][0-9]{0,3}$ ]] && (( size <= 1000 )) || { echo "SIZE must be 1 to 1000, got '$size'" >&2; exit 1; }
[[ -f "$jar" ]] || { echo "no $jar: ./mvnw -B -q package -pl adapter-rest -am -DskipTests" >&2; exit 1; }

log="$(mktemp -t conveyor-batch-XXXX.log)"
CONVEYOR_TOKENS="$token:bench:write" "$java" ${JAVA_OPTS:-} -jar "$jar" --host 127.0.0.1 --port "$port" \
  --workers 0 "${db_args[@]}" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log" "$log.body"' EXIT

for _ in $(seq 1 60); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the server did not start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.5
done

job='{"pipeline": "demo", "input": {"files": 1, "time_scale": 0}, "start": true}'
{ printf '{"jobs": ['; for i in $(seq 1 "$size"); do (( i > 1 )) && printf ', '; printf '%s' "$job"; done; printf ']}'; } \
  >"$log.body"
post() { # one batch; fails unless every job was accepted
  curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$log.body" \
    "$base/api/v1/jobs/batch" | grep -q "\"accepted\":$size,"
}
export -f post
export token base log size

seq 1 "$warmup" | xargs -P "$clients" -I{} bash -c post
start=$(date +%s%N)
seq 1 "$batches" | xargs -P "$clients" -I{} bash -c post
end=$(date +%s%N)

awk -v n="$((batches * size))" -v ns="$((end - start))" -v c="$clients" -v s="$size" \
  -v store="${db_args[1]:-in memory}" -v avg="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "batch submit: %d jobs in batches of %d, %d clients, store: %s, load average %s\n", n, s, c, store, avg;
  printf "%.0f jobs/s (%.2f s)\n", n / (ns / 1e9), ns / 1e9 }'
