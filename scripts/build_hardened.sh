#!/usr/bin/env bash
# Configures build-fuzz with clang, AddressSanitizer, UndefinedBehaviorSanitizer
# and libFuzzer's coverage instrumentation in every library, with the tests and
# the fuzz targets, and builds TARGETS (everything if none are given).
# scripts/sanitize.sh and scripts/fuzz.sh both build here, so running one after
# the other (as CI does) compiles the libraries once (fuzz/README.md).
#   bash scripts/build_hardened.sh                  # everything
#   bash scripts/build_hardened.sh query_fuzz       # one target
set -euo pipefail
cd "$(dirname "$0")/.."

# clang with its sanitizer and libFuzzer runtimes; llvm-symbolizer (in llvm)
# for stack traces with file names and lines.
bash scripts/deps.sh clang libclang-rt-14-dev llvm
werror=OFF
[[ "${CI:-}" == "true" ]] && werror=ON
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOUSUO_WERROR=$werror \
  -DBUILD_TESTING=ON -DSOUSUO_FUZZ=ON -DSOUSUO_SANITIZE=ON \
  -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link
if (($#)); then
  cmake --build build-fuzz -j2 --target "$@"
else
  cmake --build build-fuzz -j2
fi
