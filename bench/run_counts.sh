#!/usr/bin/env bash
# How far sousuo-query's match counts are from the truth (issue 12): for each
# query of a query set, the count the header shows (exact up to 10,000
# matches, else Xapian's estimate) against `--count --strict`, which counts
# every full match.
#
#   bench/run_counts.sh INDEX QUERIES.tsv [QUERY_BIN]
#
#   QUERY_BIN  sousuo-query to run (default build-speed/query/sousuo-query at
#              the repository root)
#
# Prints a line per query whose count was estimated ("QID shown=N exact=M
# ratio=R"), then one summary line: "queries=Q estimated=E worst_ratio=R"
# (the ratio is the larger of shown/exact and exact/shown; 1 when no count
# was estimated). Exit status: 0, or 2 when a query fails.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: run_counts.sh INDEX QUERIES.tsv [QUERY_BIN]" >&2; exit 2; }
index="$1"
queries="$2"
repo="$(cd -P "$(dirname "$0")/.." && pwd)"
bin="${3:-$repo/build-speed/query/sousuo-query}"
total=0
estimated=0
worst=1
while IFS=$'\t' read -r qid query; do
  [[ -z "$qid" || "$qid" == \#* ]] && continue
  total=$((total + 1))
  summary="$("$bin" --index "$index" --json -n 0 -- "$query" | tail -n 1)" || true
  exact="$(grep -o '"exact":[a-z]*' <<<"$summary" | cut -d: -f2)"
  [[ -n "$exact" ]] || { echo "run_counts.sh: $qid failed: $query" >&2; exit 2; }
  [[ "$exact" == true ]] && continue
  shown="$(grep -o '"matches":[0-9]*' <<<"$summary" | cut -d: -f2)"
  truth="$("$bin" --index "$index" --count --strict -- "$query" || true)"
  ratio="$(awk -v a="$shown" -v b="$truth" 'BEGIN { r = a > b ? a / b : b / a; printf "%.3f", r }')"
  estimated=$((estimated + 1))
  worst="$(awk -v a="$worst" -v b="$ratio" 'BEGIN { print (b > a ? b : a) }')"
  echo "$qid shown=$shown exact=$truth ratio=$ratio"
done < "$queries"
echo "queries=$total estimated=$estimated worst_ratio=$worst"
