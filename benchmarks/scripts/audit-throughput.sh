#!/usr/bin/env bash
# Issue #5 figures: SHA-256 ceiling, TradePulse ASYNC vs Log4j2 async JSON (1 and 2 producers),
# and GROUP_COMMIT with 8 writer threads. Each mode runs in its own JVM, one after another.
# Needs the benchmark jar: ./mvnw -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-java}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
# Pre-touched heaps for every run (TradePulse and Log4j2 alike): otherwise the first pass over a
# fresh 2 GB heap is spent in the kernel zeroing pages, which is not what either library costs.
run() { "$JAVA" -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.AuditThroughputHarness "$@" 2>&1 | grep -v '^SLF4J'; }
run sha
for producers in 1 2; do
  run async "$producers" "$SECONDS_PER_RUN"
  run log4j "$producers" "$SECONDS_PER_RUN"
done
run group 8 "$SECONDS_PER_RUN"
