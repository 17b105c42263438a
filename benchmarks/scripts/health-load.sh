#!/usr/bin/env bash
# Issue #3 load figure: wrk, from a second process on loopback, 50 connections for 10 s, against
# TradePulse's cached /health and then Dropwizard's registry on the same JDK server.
# Needs: the benchmark jar (./mvnw -q -pl benchmarks -am package -DskipTests) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
JAVA=${JAVA:-java}
for mode in tradepulse dropwizard; do
  port=$((18080 + RANDOM % 1000))
  "$JAVA" -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.HealthServerHarness "$mode" "$port" &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  wrk -t2 -c50 -d3s "http://127.0.0.1:$port/health" >/dev/null   # warm-up
  echo "== $mode"
  wrk -t2 -c50 -d10s --latency "http://127.0.0.1:$port/health"
  kill $pid; wait $pid 2>/dev/null || true
done

# The latency target is about a realistic load, not saturation: fixed-rate (open-loop) runs,
# latency measured from each request's due time, TradePulse only.
port=$((19080 + RANDOM % 500))
"$JAVA" -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.HealthServerHarness tradepulse "$port" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
"$JAVA" -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.OpenLoopLoad "$port" 5000 50 5 >/dev/null  # warm-up
for rate in 1000 5000 10000 20000; do
  "$JAVA" -cp benchmarks/target/benchmarks.jar dev.tradepulse.benchmarks.OpenLoopLoad "$port" "$rate" 50 10
done
kill $pid; wait $pid 2>/dev/null || true
