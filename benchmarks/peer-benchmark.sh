#!/usr/bin/env bash
# Conveyor side by side with JobRunr 8.7.0 on one PostgreSQL, in one run: enqueue N no-op jobs (JobRunr's stream
# enqueue, Conveyor's batch submit), then drain them with the same worker count: JobRunr single-step, Conveyor
# single-step, Conveyor five-step, and once after all rounds JobRunr five-step pipelines of chained jobs (each
# step's job enqueues the next before it returns: JobRunr's open-source way to save each step before the next
# runs). Prints rates, CPU per job of the JVM and of PostgreSQL, Conveyor's statements per job, and the ratios.
# Each phase works in a fresh schema, dropped afterwards; a phase stops the run after peer.timeout (PT5M).
# peer.phases runs only the phases named (e.g. conveyor5 to profile the five-step drain); the targets' ratios need
# jobrunr, conveyor1 and conveyor5, the like-for-like five-step ratio conveyor5 and jobrunr5. peer.rounds runs
# the phases that many times after one warm-up, then prints the ratios' medians, ranges and how many rounds met
# each target (one JVM: later rounds run warmer code than the first).
#
#   benchmarks/peer-benchmark.sh [-Dpeer.jobs=10000] [-Dpeer.workers=16] [-Dpeer.pool=16] [-Dpeer.timeout=PT5M]
#                                [-Dpeer.url=jdbc:postgresql://127.0.0.1:5432/test] [-Dpeer.user=postgres]
#                                [-Dpeer.password=] [-Dpeer.phases=jobrunr,conveyor1,conveyor5,jobrunr5] [-Dpeer.rounds=1]
#
# Builds benchmarks/target/benchmarks.jar first (MAVEN_ARGS is passed on, e.g. -Dmaven.repo.local=…), unless
# NO_BUILD=1. PostgreSQL must run on this machine: its CPU is read from /proc. JAVA_HOME: a JDK 21 or newer.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ "${NO_BUILD:-0}" != 1 ]]; then
  (cd "$root" && ./mvnw -B -q package -pl benchmarks -am -DskipTests)
fi
exec "$java" ${JAVA_OPTS:-} "$@" -cp "$root/benchmarks/target/benchmarks.jar" dev.conveyor.bench.peer.PeerBenchmark
