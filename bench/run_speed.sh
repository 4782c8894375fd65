#!/usr/bin/env bash
# Speed benchmark: Sousuo against plain Xapian and SQLite FTS5 on the news
# corpora in ../shared/corpus, printed as one table (bench/README.md, "Speed").
#
#   bench/run_speed.sh [--quick] [--rounds N] [--repeat N] [--no-build]
#                      [--keep] [BUILD_DIR]
#
#   BUILD_DIR   a configured build tree of this repository that includes
#               bench/ (default: build-speed at the repository root; configure
#               it with -DCMAKE_BUILD_TYPE=Release); its tools are brought up
#               to date with `cmake --build BUILD_DIR --target ...` unless
#               --no-build
#   --rounds N  indexing rounds (default 3): each round indexes both corpora
#               with the three systems, in an order rotated every round, each
#               time into a fresh directory; the table shows the median
#   --repeat N  timed passes over each query set (default 5)
#   --quick     the first 2000 lines of each corpus, 1 round, 6 queries per
#               language, 1 pass: the CI smoke test (checks that the tools run
#               and the table prints, not the figures)
#   --keep      keep the work directory (indexes, logs) and say where
#
# Indexing runs `sousuo-index -q --index DIR FILE` exactly as a user would,
# and the baselines' `index` subcommands, each under proc_time (wall time,
# peak RSS). Query latency: latency_sousuo and the baselines' `latency`
# subcommands (in-process, top 10 with snippets) on bench/queries/{en,zh}.tsv,
# and proc_time running `sousuo-query --index DIR QUERY` once per query.
# Exit status: 0 when the table was printed, 2 on any failure, 77 when the
# corpora are missing (ctest then reports the smoke test as skipped).
set -euo pipefail

command_line="$(printf '%q ' "$0" "$@")"
quick=0
build=1
keep=0
rounds=3
repeat=5
build_dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --no-build) build=0 ;;
    --keep) keep=1 ;;
    --rounds|--repeat)
      [[ $# -ge 2 && "$2" =~ ^[1-9][0-9]*$ ]] || {
        echo "run_speed.sh: $1 needs a positive number" >&2; exit 2; }
      [[ "$1" == --rounds ]] && rounds="$2" || repeat="$2"
      shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) echo "run_speed.sh: unknown option '$1'" >&2; exit 2 ;;
    *) build_dir="$1" ;;
  esac
  shift
done
if [[ $quick == 1 ]]; then
  rounds=1
  repeat=1
fi

repo="$(cd -P "$(dirname "$0")/.." && pwd)"
corpus="$repo/../shared/corpus"
build_dir="${build_dir:-$repo/build-speed}"
if [[ ! -d "$build_dir" ]]; then
  echo "run_speed.sh: build directory '$build_dir' does not exist" \
       "(configure it first: see bench/README.md)" >&2
  exit 2
fi
build_dir="$(cd "$build_dir" && pwd)"
declare -A source_file=(
  [en]="$corpus/en-news/reuters21578.jsonl"
  [zh]="$corpus/zh-news/xwlb-2018-2020.jsonl")
for lang in en zh; do
  if [[ ! -r "${source_file[$lang]}" ]]; then
    echo "run_speed.sh: corpus not found: ${source_file[$lang]} (../shared beside the repository)" >&2
    exit 77  # ctest reports the smoke test as skipped (SKIP_RETURN_CODE)
  fi
done

tools=(sousuo-index sousuo-query latency_sousuo baseline_xapian baseline_fts5 proc_time corpus_stats)
if [[ $build == 1 ]]; then
  cmake --build "$build_dir" --target "${tools[@]}" >&2
fi
bin="$build_dir/bench"
sousuo_index="$build_dir/indexer/sousuo-index"
sousuo_query="$build_dir/query/sousuo-query"
for tool in "$sousuo_index" "$sousuo_query" "$bin"/{latency_sousuo,baseline_xapian,baseline_fts5,proc_time,corpus_stats}; do
  [[ -x "$tool" ]] || { echo "run_speed.sh: $tool not built" >&2; exit 2; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/sousuo-speed.XXXXXX")"
if [[ $keep == 1 ]]; then
  trap 'echo "work directory kept: $work" >&2' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
log="$work/log.txt"

die() {
  echo "run_speed.sh: $*" >&2
  tail -n 5 "$log" >&2 || true
  exit 2
}

# field LINE KEY: the value of KEY=value in a tool's one-line report.
field() {
  sed -n "s/.*\\b$2=\\([^ ]*\\).*/\\1/p" <<<"$1"
}

# Inputs (the first 2000 lines with --quick) and query sets (every 8th
# query with --quick).
declare -A input queries
for lang in en zh; do
  input[$lang]="${source_file[$lang]}"
  queries[$lang]="$repo/bench/queries/$lang.tsv"
  if [[ $quick == 1 ]]; then
    head -n 2000 "${source_file[$lang]}" > "$work/$lang.jsonl"
    input[$lang]="$work/$lang.jsonl"
    grep -v '^#' "$repo/bench/queries/$lang.tsv" | awk 'NR % 8 == 1' > "$work/$lang.tsv"
    queries[$lang]="$work/$lang.tsv"
  fi
done

# index_once SYSTEM LANG: one timed run into a fresh directory; appends the
# wall and CPU times to times[LANG/SYSTEM] and cpus[LANG/SYSTEM] and keeps
# the largest peak RSS.
declare -A times cpus rss
index_once() {
  local system="$1" lang="$2"
  local dir="$work/index/$system-$lang"
  local cmd
  rm -rf "$dir"
  case "$system" in
    sousuo) cmd=("$sousuo_index" -q --index "$dir" "${input[$lang]}") ;;
    xapian) cmd=("$bin/baseline_xapian" index --db "$dir" "${input[$lang]}") ;;
    fts5)
      mkdir -p "$dir"
      cmd=("$bin/baseline_fts5" index --db "$dir/fts5.db" --lang "$lang" "${input[$lang]}") ;;
  esac
  local report
  report="$("$bin/proc_time" run -- "${cmd[@]}" 2>>"$log")" ||
      die "proc_time failed on $system $lang"
  [[ "$(field "$report" exit)" == 0 ]] || die "$system failed to index $lang-news: $report"
  local wall cpu kb
  wall="$(field "$report" wall_s)"
  cpu="$(field "$report" cpu_s)"
  kb="$(field "$report" maxrss_kb)"
  times[$lang/$system]+="$wall "
  cpus[$lang/$system]+="$cpu "
  if [[ -z "${rss[$lang/$system]:-}" || $kb -gt ${rss[$lang/$system]} ]]; then
    rss[$lang/$system]=$kb
  fi
  echo "  $lang-news $system: $wall s wall, $cpu s CPU, peak RSS $((kb / 1024)) MB; load $(cut -d' ' -f1 /proc/loadavg)" >&2
}

# median VALUE...: the middle value (mean of the two middle ones if even).
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# --- Header: how to reproduce, and on what.
commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ $commit != unknown ]]; then
  changed="$(git -C "$repo" --no-optional-locks status --porcelain --untracked-files=no | wc -l)"
  [[ $changed -gt 0 ]] && commit+=" with uncommitted changes to $changed files"
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt")"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
cat <<EOF
Sousuo speed benchmark$([[ $quick == 1 ]] && echo ' (--quick: first 2000 lines of each corpus; figures not meaningful)')
command:   cd $(printf '%q' "$PWD") && $command_line
date:      $(date -u '+%Y-%m-%d %H:%M:%S UTC')
commit:    $commit
build:     $build_dir (CMAKE_BUILD_TYPE=${build_type:-unset})
machine:   $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM
work dir:  $work ($(df -PT "$work" | awk 'NR == 2 { print $2 }'))
EOF

# --- Corpus sizes, once.
declare -A docs body_bytes jsonl_bytes
for lang in en zh; do
  stats="$("$bin/corpus_stats" "${input[$lang]}" 2>>"$log")" || die "corpus_stats failed on ${input[$lang]}"
  docs[$lang]="$(field "$stats" docs)"
  body_bytes[$lang]="$(field "$stats" body_bytes)"
  jsonl_bytes[$lang]="$(field "$stats" jsonl_bytes)"
done

# --- Indexing: systems alternate within a round, the order rotating.
systems=(sousuo xapian fts5)
for ((round = 0; round < rounds; ++round)); do
  echo "round $((round + 1))/$rounds" >&2
  for lang in en zh; do
    for ((i = 0; i < 3; ++i)); do
      index_once "${systems[(i + round) % 3]}" "$lang"
    done
  done
done

# --- Query latency, on the last round's indexes. Each latency tool runs
# twice and only the second run counts: the first warms the page cache.
declare -A latency process with_hits
for lang in en zh; do
  q="${queries[$lang]}"
  for system in sousuo xapian fts5; do
    dir="$work/index/$system-$lang"
    case $system in
      sousuo) cmd=("$bin/latency_sousuo" --index "$dir") ;;
      xapian) cmd=("$bin/baseline_xapian" latency --db "$dir") ;;
      fts5) cmd=("$bin/baseline_fts5" latency --db "$dir/fts5.db") ;;
    esac
    "${cmd[@]}" --queries "$q" --repeat "$repeat" >/dev/null 2>>"$log" ||
        die "latency of $system on $lang failed"
    latency[$lang/$system]="$("${cmd[@]}" --queries "$q" --repeat "$repeat" 2>>"$log")" ||
        die "latency of $system on $lang failed"
    if [[ $system == sousuo ]]; then
      found=$(( $(field "${latency[$lang/$system]}" queries) - $(field "${latency[$lang/$system]}" no_hits) ))
    else
      # The baselines' latency lines do not say how many queries found
      # something; their TREC runs do.
      "${cmd[0]}" search "${cmd[@]:2}" --queries "$q" --depth 10 --run "$work/$system-$lang.run" 2>>"$log" ||
          die "search of $system on $lang failed"
      found="$(cut -d' ' -f1 "$work/$system-$lang.run" | sort -u | wc -l)"
    fi
    with_hits[$lang/$system]=$found
  done
  process[$lang]="$("$bin/proc_time" queries --queries "$q" --repeat "$repeat" -- \
      "$sousuo_query" --index "$work/index/sousuo-$lang" 2>>"$log")" ||
      die "sousuo-query failed on some $lang queries"
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load:      $load_start at the start, $load_end at the end (1, 5, 15 min)"

# --- The table.
echo
echo "Indexing: median of $rounds round(s); MB = 10^6 bytes"
for lang in en zh; do
  printf '  %s-news: %s docs, body text %.1f MB, JSONL %.1f MB (%s)\n' "$lang" "${docs[$lang]}" \
      "$(awk -v b="${body_bytes[$lang]}" 'BEGIN { print b / 1e6 }')" \
      "$(awk -v b="${jsonl_bytes[$lang]}" 'BEGIN { print b / 1e6 }')" \
      "$([[ $quick == 1 ]] && echo 'first 2000 lines of ')${source_file[$lang]#"$repo"/}"
done
printf '%-8s %-7s %8s %7s %8s %7s %8s %9s %9s %11s  %s\n' \
    corpus system wall_s MB/s docs/s cpu_s RSS_MB index_MB index/raw time/sousuo runs_s
for lang in en zh; do
  # shellcheck disable=SC2086  # the times are one word each
  sousuo_wall="$(median ${times[$lang/sousuo]})"
  for system in "${systems[@]}"; do
    # shellcheck disable=SC2086
    wall="$(median ${times[$lang/$system]})"
    # shellcheck disable=SC2086
    cpu="$(median ${cpus[$lang/$system]})"
    size="$(du -sb "$work/index/$system-$lang" | cut -f1)"
    awk -v c="$lang-news" -v s="$system" -v w="$wall" -v b="${body_bytes[$lang]}" \
        -v d="${docs[$lang]}" -v u="$cpu" -v r="${rss[$lang/$system]}" -v z="$size" \
        -v j="${jsonl_bytes[$lang]}" -v sw="$sousuo_wall" -v runs="${times[$lang/$system]% }" 'BEGIN {
      printf "%-8s %-7s %8.2f %7.2f %8.0f %7.2f %8.1f %9.1f %9.2f %11.2f  %s\n",
          c, s, w, b / 1e6 / w, d / w, u, r / 1024, z / 1e6, z / j, w / sw, runs }'
  done
done

echo
echo "Query latency: top 10 with snippets; in-process over $repeat pass(es) after a warm-up; process = sousuo-query"
printf '%-8s %-7s %7s %9s %8s %8s %8s %-8s %11s %11s\n' \
    corpus system queries with_hits p50_us p99_us max_us slowest proc_p50_ms proc_p99_ms
for lang in en zh; do
  for system in "${systems[@]}"; do
    line="${latency[$lang/$system]}"
    if [[ $system == sousuo ]]; then
      extra=("$(field "$line" max_us)" "$(field "$line" slowest)"
             "$(field "${process[$lang]}" p50_ms)" "$(field "${process[$lang]}" p99_ms)")
    else
      extra=(- - - -)
    fi
    printf '%-8s %-7s %7s %9s %8s %8s %8s %-8s %11s %11s\n' "$lang-news" "$system" \
        "$(field "$line" queries)" "${with_hits[$lang/$system]}" "$(field "$line" p50_us)" "$(field "$line" p99_us)" "${extra[@]}"
  done
done
printf 'Process start-up alone (spawning "true" through the same timer): median %s ms (en run), %s ms (zh run); part of proc_*.\n' \
    "$(field "${process[en]}" true_p50_ms)" "$(field "${process[zh]}" true_p50_ms)"
