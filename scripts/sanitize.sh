#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer
# (clang, in build-fuzz, which scripts/fuzz.sh shares) and runs the whole test
# suite there. Any sanitizer report fails the run (-fno-sanitize-recover=all,
# halt_on_error=1). Arguments go to ctest, to run part of the suite:
#   bash scripts/sanitize.sh                              # everything (CI)
#   bash scripts/sanitize.sh -E '^bench_run_speed_quick$'  # without the slowest
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/build_hardened.sh
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd build-fuzz
ctest --output-on-failure -j2 "$@"
