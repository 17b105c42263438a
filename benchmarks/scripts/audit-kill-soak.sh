#!/usr/bin/env bash
# Issue #5 soak: a child JVM writing in GROUP_COMMIT mode is SIGKILLed at random moments, TRIALS
# times over one journal; after each kill the journal is reopened and verified. Reports how many
# acknowledged events were lost (target: 0). Reuses the crash test, with more trials.
set -euo pipefail
cd "$(dirname "$0")/../.."
TRIALS=${TRIALS:-100}
./mvnw -B -q -pl monitoring-compliance -am install -DskipTests >/dev/null
./mvnw -B -pl monitoring-compliance surefire:test -Dtest=CrashRecoveryTest -Dcrash.trials="$TRIALS" \
  -Dsurefire.failIfNoSpecifiedTests=false | grep -E "crash soak:|Tests run:|BUILD"
