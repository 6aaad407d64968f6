#!/usr/bin/env bash
# The ETA study on the tuning seeds (7-12), both workloads: per seed and mean, our MAPE over the oracle's at
# 25/50/75 % progress. Never used to report: the reported seed is 1.
# Usage: benchmarks/eta-seeds.sh [extra study options...]   (build first:
#   ./mvnw -B -q install -pl benchmarks -am -DskipTests)
# ETA_CP overrides the class path (e.g. freshly compiled classes ahead of benchmarks/target/benchmarks.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="${ETA_CP:-benchmarks/target/benchmarks.jar}"
seeds="${ETA_SEEDS:-7 8 9 10 11 12}"
for workload in default overruns; do
  for seed in $seeds; do
    "$java_bin" -cp "$cp" dev.conveyor.bench.EtaAccuracyStudy --seed "$seed" --workload "$workload" "$@" \
      | awk -v seed="$seed" -v w="$workload" '
          /^MAPE/ { table++ }
          table == 1 && /^ours/   { for (i = 0; i < 3; i++) ours[i] = $(NF - 2 + i) + 0 }
          table == 1 && /^oracle/ { for (i = 0; i < 3; i++) orc[i] = $(NF - 2 + i) + 0 }
          END { printf "%-9s seed %-3s ours %5.1f %5.1f %5.1f  oracle %5.1f %5.1f %5.1f  ratio %.3f %.3f %.3f\n",
                w, seed, ours[0], ours[1], ours[2], orc[0], orc[1], orc[2],
                ours[0] / orc[0], ours[1] / orc[1], ours[2] / orc[2] }'
  done
done | awk '{ print; n[$1]++; for (i = 0; i < 3; i++) s[$1, i] += $(NF - 2 + i) }
  END { for (w in n) printf "%-9s mean ratio %.3f %.3f %.3f\n", w, s[w, 0] / n[w], s[w, 1] / n[w], s[w, 2] / n[w] }'
