#!/usr/bin/env bash
# The short hardening runs of issue 5: the whole test suite under ASan and
# UBSan (without the speed benchmark's smoke test), then a one-minute fuzz run
# of every target, two at a time. Each step prints how long it took; about 11
# minutes on a quiet 2-core machine (fuzz/README.md). .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

step() {
  local start=$SECONDS
  echo "harden: $*"
  "$@"
  echo "harden: $* took $((SECONDS - start)) s"
}

step bash scripts/sanitize.sh -E '^bench_run_speed_quick$'
FUZZ_JOBS=2 step bash scripts/fuzz.sh 60
