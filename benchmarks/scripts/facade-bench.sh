#!/usr/bin/env bash
# Issue 14's hot-path figures: FacadeBenchmark, RUNS times (default 3), each run one JMH
# invocation of every benchmark (2 forks x 5 x 1 s after 3 x 1 s), with the allocation (-prof gc)
# and the CPU time per op (-prof perfnorm:events=task-clock, a software counter that works without
# hardware counters). Results in benchmarks/results/facade-jdk17-runN.json, then the summary.
# Needs the benchmark jar: ./mvnw -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-java}
RUNS=${RUNS:-3}
OUT=${OUT:-benchmarks/results}
files=()
for n in $(seq 1 "$RUNS"); do
  f="$OUT/facade-jdk17-run$n.json"
  echo "run $n at $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA" -jar benchmarks/target/benchmarks.jar FacadeBenchmark -f 2 -wi 3 -i 5 -w 1s -r 1s \
    -prof gc -prof perfnorm:events=task-clock -rf json -rff "$f" > /dev/null
  files+=("$f")
done
python3 benchmarks/scripts/facade-summary.py "${files[@]}"
