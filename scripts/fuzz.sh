#!/usr/bin/env bash
# Builds the libFuzzer targets in build-fuzz (clang, ASan, UBSan; see
# scripts/build_hardened.sh) and runs each for SECONDS (default 60) on a copy
# of its seed corpus in a temporary directory; the repository is never
# written to. Fails if a target finds a crash, a leak, a timeout (10 s) or an
# out-of-memory (2 GB); the failing input is kept in the temporary directory
# named in the output.
#   bash scripts/fuzz.sh            # 60 s per target
#   bash scripts/fuzz.sh 1800       # the long run: 30 min per target
#   FUZZ_JOBS=2 bash scripts/fuzz.sh 600   # two targets at a time
#   FUZZ_TARGETS="query_fuzz" bash scripts/fuzz.sh 300
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
jobs=${FUZZ_JOBS:-1}
targets=(${FUZZ_TARGETS:-analyzer_fuzz query_fuzz snippet_fuzz json_line_fuzz html_fuzz pdf_fuzz})
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: SECONDS must be a number, not '$seconds'" >&2; exit 2; }

bash scripts/build_hardened.sh "${targets[@]}"

work=$(mktemp -d /tmp/sousuo-fuzz.XXXXXX)
echo "fuzz: working in $work"
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# Runs one target; its log is $work/NAME.log, new inputs go to $work/NAME/.
run_target() {
  local name=$1
  local corpus="$work/$name"
  mkdir -p "$corpus" "$work/$name-artifacts"
  cp fuzz/corpus/"${name%_fuzz}"/* "$corpus"/
  local dict=()
  [[ -f fuzz/dict/${name%_fuzz}.dict ]] && dict=(-dict="fuzz/dict/${name%_fuzz}.dict")
  if build-fuzz/fuzz/"$name" "$corpus" "${dict[@]}" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -print_final_stats=1 -artifact_prefix="$work/$name-artifacts/" \
      >"$work/$name.log" 2>&1; then
    echo "fuzz: $name ok, $(grep -m1 'number_of_executed_units' "$work/$name.log" | awk '{print $2}') executions"
  else
    echo "fuzz: $name FAILED (log $work/$name.log, input in $work/$name-artifacts/)"
    grep -m5 -E 'ERROR|check failed|runtime error|unexpected' "$work/$name.log" || true
    return 1
  fi
}

failed=0
running=0
pids=()
for name in "${targets[@]}"; do
  run_target "$name" &
  pids+=($!)
  if (( ++running >= jobs )); then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
    running=$((running - 1))
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
if ((failed)); then
  echo "fuzz: a target failed; inputs and logs kept in $work" >&2
  exit 1
fi
rm -rf "$work"
echo "fuzz: all targets passed"
