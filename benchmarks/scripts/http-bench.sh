#!/usr/bin/env bash
# Issue 13 HTTP figures, on loopback, each server in its own JVM, both servers in the same run:
#  a) cached /health, open loop at 1,000 req/s over 50 connections, p99: Jetty HealthServer and the
#     old JDK HttpServer (JdkHealthServerBaseline), alternated ROUNDS times after a warm-up each;
#  b) the hostile-clients attack (1,000 partial-header sockets + 500 /events clients that never read)
#     while a probe asks /health/live every 100 ms: its latencies before and during the attack;
#  c) memory per idle connection (heap after GC, RSS, threads), 1,000 connections.
# Bounded: every step has fixed counts and durations (about 9 minutes in all with the defaults).
# Steps can be run alone: STEPS="b c" bash benchmarks/scripts/http-bench.sh
# Needs the benchmark jar: ./mvnw -q -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-java}
JAR=benchmarks/target/benchmarks.jar
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
ATTACK_SECONDS=${ATTACK_SECONDS:-30}
run() { "$JAVA" -cp "$JAR" "$@"; }
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT

serve() { # MODE PORT [STREAMS]: starts a target and waits until /health answers
  "$JAVA" -Xmx512m -cp "$JAR" dev.tradepulse.benchmarks.http.HttpServerTarget "$@" >/dev/null &
  pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/health" >/dev/null && return 0; sleep 0.1; done
  echo "the $1 server did not start" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

STEPS=${STEPS:-a b c}
if [[ $STEPS == *a* ]]; then
echo "== a) cached /health, open loop, 1,000 req/s, 50 connections, ${SECONDS_PER_RUN} s per run"
for round in $(seq "$ROUNDS"); do
  for mode in jdk jetty; do
    port=$((20000 + RANDOM % 5000))
    serve "$mode" "$port"
    run dev.tradepulse.benchmarks.http.HttpOpenLoop "$port" 5000 50 5 /health warm-up >/dev/null
    run dev.tradepulse.benchmarks.http.HttpOpenLoop "$port" 1000 50 "$SECONDS_PER_RUN" /health "round $round $mode"
    stop
  done
done

fi
if [[ $STEPS == *b* ]]; then
echo "== b) 1,000 partial-header sockets + 500 /events clients that never read, ${ATTACK_SECONDS} s"
# jetty with the default 8 stream slots (most /events clients get 503), then with 512 slots (every one
# of the 500 holds a live stream it never reads); the old JDK server has no /events (404).
for target in jetty:8 jetty:512 jdk:8; do
  mode=${target%%:*}; slots=${target##*:}
  port=$((25000 + RANDOM % 5000))
  serve "$mode" "$port" "$slots"
  run dev.tradepulse.benchmarks.http.HostileClients "$port" 1000 500 "$ATTACK_SECONDS" "$mode/$slots-slots"
  stop
done

fi
if [[ $STEPS == *c* ]]; then
echo "== c) memory per idle connection, 1,000 connections"
for mode in jetty jdk; do
  "$JAVA" -Xmx512m -cp "$JAR" dev.tradepulse.benchmarks.http.IdleConnectionMemory "$mode" 1000
done
fi
