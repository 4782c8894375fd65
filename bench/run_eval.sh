#!/usr/bin/env bash
# Relevance evaluation: Sousuo against plain Xapian and SQLite FTS5 on the
# IR collections in ../shared/corpus/ir, printed as one table.
#
#   bench/run_eval.sh [--quick] [--no-build] [--keep] [BUILD_DIR]
#
#   BUILD_DIR   a configured build tree of this repository that includes
#               bench/ (default: build-test at the repository root, the tree
#               scripts/test.sh builds); its tools are brought up to date
#               with `cmake --build BUILD_DIR --target ...` unless --no-build
#   --quick     the first 30 queries of each set (qrels cut to match) and no
#               distractor collection: the CI smoke test
#   --keep      keep the work directory (indexes, runs, logs) and say where
#
# Collections: cranfield (English), zh-qa (Chinese), and zh-qa with every
# document of ../shared/corpus/zh-news added as distractors (same queries and
# qrels). Every query set goes through the three systems at depth 100 and is
# scored by sousuo-score against the collection's qrels.txt.
# Exit status: 0 when the table was printed, 2 on any failure.
set -euo pipefail

quick=0
build=1
keep=0
build_dir=""
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) echo "run_eval.sh: unknown option '$arg'" >&2; exit 2 ;;
    *) build_dir="$arg" ;;
  esac
done

repo="$(cd -P "$(dirname "$0")/.." && pwd)"
corpus="$repo/../shared/corpus"
build_dir="${build_dir:-$repo/build-test}"
if [[ ! -d "$build_dir" ]]; then
  echo "run_eval.sh: build directory '$build_dir' does not exist" \
       "(configure it first: see bench/README.md)" >&2
  exit 2
fi
build_dir="$(cd "$build_dir" && pwd)"
if [[ ! -d "$corpus/ir" ]]; then
  echo "run_eval.sh: corpus not found at $corpus (../shared beside the repository)" >&2
  exit 77  # ctest reports the smoke test as skipped (SKIP_RETURN_CODE)
fi

if [[ $build == 1 ]]; then
  cmake --build "$build_dir" --target eval_sousuo baseline_xapian baseline_fts5 sousuo-score
fi
bin="$build_dir/bench"
for tool in eval_sousuo baseline_xapian baseline_fts5 sousuo-score; do
  [[ -x "$bin/$tool" ]] || { echo "run_eval.sh: $bin/$tool not built" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/sousuo-eval.XXXXXX")"
if [[ $keep == 1 ]]; then
  trap 'echo "work directory kept: $work" >&2' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/runs"

# Runs a tool, appending its stderr to the collection's log. Exit status 1
# (some lines skipped, some queries malformed) is part of the result and is
# shown in the notes; anything else stops the evaluation.
run_tool() {
  local log="$1"; shift
  local rc=0
  "$@" 2>>"$log" || rc=$?
  if [[ $rc -gt 1 ]]; then
    echo "run_eval.sh: failed ($rc): $*" >&2
    tail -n 5 "$log" >&2
    exit 2
  fi
}

# The query set and qrels of a collection, cut to 30 queries with --quick.
prepare_queries() {
  local dir="$1" name="$2"
  if [[ $quick == 1 ]]; then
    head -n 30 "$dir/queries.tsv" > "$work/$name.queries.tsv"
    awk 'NR == FNR { keep[$1] = 1; next } ($1 in keep)' FS='\t' \
        "$work/$name.queries.tsv" FS=' ' "$dir/qrels.txt" > "$work/$name.qrels.txt"
  else
    cp "$dir/queries.tsv" "$work/$name.queries.tsv"
    cp "$dir/qrels.txt" "$work/$name.qrels.txt"
  fi
}

# evaluate NAME LANG QUERY_DIR DOCS...: index, search and score one collection.
evaluate() {
  local name="$1" lang="$2" dir="$3"; shift 3
  local log="$work/$name.log"
  local queries="$work/$name.queries.tsv"
  prepare_queries "$dir" "$name"
  echo "== $name: indexing $(cat "$@" | wc -l) documents, $(wc -l < "$queries") queries" >&2
  run_tool "$log" "$bin/eval_sousuo" index --index "$work/$name.sousuo" "$@"
  run_tool "$log" "$bin/baseline_xapian" index --db "$work/$name.xapian" "$@"
  run_tool "$log" "$bin/baseline_fts5" index --db "$work/$name.fts5" --lang "$lang" "$@"
  run_tool "$log" "$bin/eval_sousuo" search --index "$work/$name.sousuo" \
      --queries "$queries" --run "$work/runs/$name.sousuo"
  grep '^eval_sousuo: .* queries' "$log" | tail -n 1 > "$work/$name.sousuo.note"
  run_tool "$log" "$bin/baseline_xapian" search --db "$work/$name.xapian" \
      --queries "$queries" --run "$work/runs/$name.xapian"
  grep '^baseline_xapian: .* queries' "$log" | tail -n 1 > "$work/$name.xapian.note"
  run_tool "$log" "$bin/baseline_fts5" search --db "$work/$name.fts5" \
      --queries "$queries" --run "$work/runs/$name.fts5"
  grep '^baseline_fts5: .* queries' "$log" | tail -n 1 > "$work/$name.fts5.note"
  (cd "$work/runs" && "$bin/sousuo-score" "$work/$name.qrels.txt" \
      "$name.sousuo" "$name.xapian" "$name.fts5") > "$work/$name.scores"
  names+=("$name")
}

names=()
ir="$corpus/ir"
evaluate cranfield en "$ir/cranfield" "$ir/cranfield/docs.jsonl"
evaluate zh-qa zh "$ir/zh-qa" "$ir/zh-qa/docs.jsonl"
if [[ $quick == 0 ]]; then
  evaluate zh-qa+zh-news zh "$ir/zh-qa" "$ir/zh-qa/docs.jsonl" "$corpus"/zh-news/*.jsonl
fi

# One table: a row per collection and system; notes from the search logs.
echo
echo "Relevance, depth 100, qrels.txt of each collection$([[ $quick == 1 ]] && echo ', --quick: first 30 queries')"
printf '%-15s %-7s %7s %7s %8s %7s %7s %7s %7s  %s\n' \
    collection system queries MAP nDCG@10 P@10 MRR@10 R@10 R@100 notes
for name in "${names[@]}"; do
  tail -n +2 "$work/$name.scores" | while read -r run queries map ndcg p10 mrr r10 r100; do
    system="${run##*.}"
    note="$(sed -e 's/^[a-z_0-9]*: //' "$work/$name.$system.note")"
    printf '%-15s %-7s %7s %7s %8s %7s %7s %7s %7s  %s\n' \
        "$name" "$system" "$queries" "$map" "$ndcg" "$p10" "$mrr" "$r10" "$r100" "$note"
  done
done
