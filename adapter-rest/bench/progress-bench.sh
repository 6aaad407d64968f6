#!/usr/bin/env bash
# Benchmarks the progress endpoint the seeds' frontends poll, against /health, with wrk on 127.0.0.1 only.
#
#   adapter-rest/bench/progress-bench.sh [--db jdbc:postgresql://127.0.0.1:5432/conveyor]
#
# Starts target/conveyor-server.jar (build it first: ./mvnw -B -q package -pl adapter-rest -am -DskipTests),
# creates one demo job (or JOBS of them) and runs it to completion (so its progress, and its ETag, stay the same), warms up, then
# measures three runs, each bounded in time (DURATION) and in requests (MAX_REQUESTS per wrk thread):
#   1. GET /health                               (no auth, a constant answer: the cost of HTTP + Jersey)
#   2. GET /api/v1/jobs/{id}/progress            (auth, one store read, JSON, ETag)
#   3. the same with If-None-Match: <its ETag>   (304, no body)
# and stops everything. Targets (issue 4): progress >= 10,000 req/s at 64 connections, p99 <= 10 ms,
# progress/health >= 0.6, the 304 path faster still.
#
# Environment: DURATION (s, 15), WARMUP (s, 5), CONNECTIONS (64), THREADS (wrk threads, 1: wrk shares the 2 cores with the server),
# JOBS (1: every request polls the same job; N: N jobs, polled in turn, as many frontends each watching their own would),
# MAX_REQUESTS (per wrk thread, 2000000), PORT (18090), HTTP_THREADS (server; default: its own choice), SERVER_ARGS (more server
# options, e.g. --virtual-threads), JAVA_OPTS, JAVA_HOME, CONVEYOR_DB_URL (same as --db).
# Also prints the server's CPU time per progress request (utime + stime from /proc, over the progress run).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/conveyor-server.jar"
duration="${DURATION:-15}"
warmup="${WARMUP:-5}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-1}"
max_requests="${MAX_REQUESTS:-2000000}"
jobs="${JOBS:-1}"
[[ "$jobs" =~ ^[1-9][0-9]{0,4}$ ]] || { echo "JOBS must be a whole number from 1 to 99999, got '$jobs'" >&2; exit 1; }
port="${PORT:-18090}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
token="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
base="http://127.0.0.1:$port"
db_args=()
if [[ "${1:-}" == "--db" && -n "${2:-}" ]]; then
  db_args=(--db "$2")
elif [[ -n "${CONVEYOR_DB_URL:-}" ]]; then
  db_args=(--db "$CONVEYOR_DB_URL")
fi

command -v wrk >/dev/null || { echo "wrk is missing: apt-get update && apt-get install -y wrk" >&2; exit 1; }
[[ -f "$jar" ]] || { echo "no $jar: ./mvnw -B -q package -pl adapter-rest -am -DskipTests" >&2; exit 1; }

log="$(mktemp -t conveyor-bench-XXXX.log)"
CONVEYOR_TOKENS="$token:bench:write" "$java" ${JAVA_OPTS:-} -jar "$jar" --host 127.0.0.1 --port "$port" \
  --workers 1 ${HTTP_THREADS:+--http-threads "$HTTP_THREADS"} "${db_args[@]}" ${SERVER_ARGS:-} >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 60); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the server did not start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.5
done

auth="Authorization: Bearer $token"
jobs_file="$log.jobs"   # one "path etag" line per job polled
: >"$jobs_file"
for _ in $(seq 1 "$jobs"); do
  job=$(curl -fs -H "$auth" -H 'Content-Type: application/json' -X POST "$base/api/v1/jobs" \
    -d '{"pipeline": "demo", "input": {"files": 3, "time_scale": 0}, "start": true}' \
    | sed -E 's/.*"id":"([0-9a-f-]{36})".*/\1/')
  echo "/api/v1/jobs/$job/progress" >>"$jobs_file"
done
while read -r path; do   # each job runs to completion, so its progress, and its ETag, stay the same
  for _ in $(seq 1 300); do
    curl -fs -H "$auth" "$base$path" | grep -q '"status":"completed"' && break
    sleep 0.1
  done
  echo "$path $(curl -fsi -H "$auth" "$base$path" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')"
done <"$jobs_file" >"$jobs_file.tagged"
read -r path etag <"$jobs_file.tagged"
progress="$base$path"

run() { # name seconds url [etag]   (with JOBS > 1 the script cycles through every job's path and ETag instead)
  local many=()
  if (( jobs > 1 )) && [[ "$3" == "$progress" ]]; then many=("$jobs_file.tagged"); fi
  wrk -t"$threads" -c"$connections" -d"${2}s" --timeout 2s --latency -s "$here/bench.lua" "$3" \
    -- "$token" "$max_requests" "${4:-}" "${many[@]}" >"$log.$1"
}
rps() { awk '/^Requests\/sec:/ {print $2}' "$log.$1"; }
p99() { # in ms
  awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v }' "$log.$1"
}
bad() { awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {n += 1} END {print n + 0}' "$log.$1"; }

echo "Conveyor progress benchmark: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "store: ${db_args[1]:-in memory}, wrk -t$threads -c$connections -d${duration}s," \
  "$( (( jobs > 1 )) && echo "$jobs jobs polled in turn" || echo "job $path, ETag $etag")"
run warm "$warmup" "$base/health"   # warm-up: let the JIT compile every path first
run warm "$warmup" "$progress"
run warm "$warmup" "$progress" "$etag"
run health "$duration" "$base/health"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks_before=$(cpu_ticks)
run progress "$duration" "$progress"
ticks_after=$(cpu_ticks)
run notmodified "$duration" "$progress" "$etag"

printf '%-28s %12s %10s %8s\n' endpoint req/s p99_ms errors
printf '%-28s %12s %10s %8s\n' "GET /health" "$(rps health)" "$(p99 health)" "$(bad health)"
printf '%-28s %12s %10s %8s\n' "GET progress (200)" "$(rps progress)" "$(p99 progress)" "$(bad progress)"
printf '%-28s %12s %10s %8s\n' "GET progress (304)" "$(rps notmodified)" "$(p99 notmodified)" "$(bad notmodified)"
awk -v t="$((ticks_after - ticks_before))" -v hz="$(getconf CLK_TCK)" \
    -v n="$(awk '/requests in/ {print $1}' "$log.progress")" 'BEGIN {
  printf "server CPU per progress request: %.1f µs (%s requests)\n", t / hz * 1e6 / n, n }'
awk -v p="$(rps progress)" -v h="$(rps health)" -v n="$(rps notmodified)" -v l="$(p99 progress)" 'BEGIN {
  printf "progress/health = %.2f (target >= 0.60); 304/200 = %.2f (target > 1)\n", p / h, n / p;
  ok = p >= 10000 && l <= 10 && p / h >= 0.6 && n > p;
  print (ok ? "all targets met" : "some target missed: progress >= 10000 req/s, p99 <= 10 ms, ratio >= 0.6, 304 faster") }'
rm -f "$log".*
