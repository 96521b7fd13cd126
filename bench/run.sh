#!/usr/bin/env bash
# wink-codegen benchmark suite: builds what it needs (Release, in build-bench/), measures, and
# prints a table (also build-bench/results.json and build-bench/results.md).
#
#   bench/run.sh [--full-compile] [--only gen,compile,runtime]
#
# Environment (all optional):
#   WINK_BENCH_SPEC            Wink's document   (../shared/specs/wink/30.49.0/supplier.json)
#   WINK_BENCH_BUILD_DIR       bench build tree  (build-bench)
#   WINK_BENCH_WORK_DIR        scratch folder for derived documents, generated SDKs and compile
#                              trees (default: a fresh mktemp -d, removed at the end; set it to
#                              keep them). Wink's documents are never copied into the repository.
#   WINK_BENCH_RUNS            generator runs per case (7)
#   WINK_BENCH_SETTLE          seconds to leave between deleting a previous run's work folder and
#                              this run's cold generation runs (300; see "discard" in bench/README.md)
#   WINK_BENCH_COMPILE_SAMPLE  time every k-th TU of the one-TU-per-file build and scale up (8);
#                              1 (or --full-compile) times the whole build (about 10 min on 2 cores)
#   WINK_BENCH_UNITY_BATCHES   UNITY_BUILD batch sizes to measure ("20 16 8 32"; 20 is wink_add_sdk's default)
#   WINK_BENCH_SCHEMA          schema changed for the incremental build (RateKey_Supplier)
#   WINK_BENCH_JOBS            build jobs for the compile benchmark (2)
#
# Exit status: 0 when every step ran (targets missed are printed as MISSED), 1 when a step
# crashed or failed, 2 on a usage error.
set -euo pipefail
shopt -s inherit_errexit

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${WINK_BENCH_BUILD_DIR:-$root/build-bench}
spec=${WINK_BENCH_SPEC:-$root/../shared/specs/wink/30.49.0/supplier.json}
runs=${WINK_BENCH_RUNS:-7}
settle=${WINK_BENCH_SETTLE:-300}
sample=${WINK_BENCH_COMPILE_SAMPLE:-8}
unity_batches=${WINK_BENCH_UNITY_BATCHES:-20 16 8 32}
schema=${WINK_BENCH_SCHEMA:-RateKey_Supplier}
jobs=${WINK_BENCH_JOBS:-2}
scopes=$root/specs/wink-scopes.yaml
only=gen,compile,runtime
while (($#)); do
  case $1 in
    --full-compile) sample=1; shift ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
wants() { [[ ",$only," == *",$1,"* ]]; }

if [[ -n "${WINK_BENCH_WORK_DIR:-}" ]]; then
  work=$WINK_BENCH_WORK_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/wink-bench.XXXXXX")
  # When the folder went is recorded: deleting its thousands of files slows file creation on a
  # file system mounted with `discard` for minutes (see wait_for_discard).
  trap 'rm -rf "$work"; date +%s > "$build/last_cleanup" 2>/dev/null || true' EXIT
fi
mkdir -p "$build/logs"
records=$build/records.jsonl
: > "$records"
started=$EPOCHREALTIME

say() { printf '\n== %s\n' "$*" >&2; }
info() { printf '{"info":"%s","value":"%s"}\n' "$1" "${2//\"/\'}" >> "$records"; }
note() { printf '{"note":"%s","text":"%s"}\n' "$1" "${2//\"/\'}" >> "$records"; }
metric() { printf '{"metric":"%s","value":%s}\n' "$1" "$2" >> "$records"; }
skip() { printf '{"skip":"%s","reason":"%s"}\n' "$1" "${2//\"/\'}" >> "$records"; echo "SKIPPED $1: $2" >&2; }
failed=0
fail() { printf '{"error":"%s","text":"%s"}\n' "$1" "${2//\"/\'}" >> "$records"; echo "ERROR $1: $2" >&2; failed=1; }
# Runs a step function with errexit in a subshell; a failing step is recorded, the others run.
step() {
  local prefix=$1; shift
  set +e
  (set -e; "$@")
  local rc=$?
  set -e
  ((rc == 0)) || fail "$prefix" "step '$*' failed (exit $rc); see $build/logs/"
}
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }

# ---- machine -------------------------------------------------------------------------------
info date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
info git_commit "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
info nproc "$(nproc)"
info cpu_model "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
info work_filesystem "$(findmnt -no FSTYPE,OPTIONS -T "$work" 2>/dev/null || echo unknown)"
info load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench: $(nproc) CPU(s), load average $(cut -d' ' -f1-3 /proc/loadavg) at start; work dir $work" >&2

# ---- build ---------------------------------------------------------------------------------
targets=bench_programs
[[ "$only" != gen ]] || targets=bench_generation  # the generation part alone needs no SDK build
say "building the bench (Release) in $build"
t0=$(now)
if ! cmake -S "$root/bench" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > "$build/logs/configure.log" 2>&1 ||
   ! cmake --build "$build" --target "$targets" > "$build/logs/build.log" 2>&1; then
  tail -n 30 "$build/logs/configure.log" "$build/logs/build.log" >&2
  echo "bench/run.sh: building the bench failed (logs in $build/logs)" >&2
  exit 1
fi
info build_seconds "$(elapsed "$t0" "$(now)")"
# shellcheck source=/dev/null
source "$build/bench_paths.sh"  # WINK_CODEGEN, BENCH_BIN, CXX_COMPILER, CXX_COMPILER_VERSION
info compiler "$CXX_COMPILER_VERSION"

have_spec=1
if [[ ! -f "$spec" ]]; then
  have_spec=0
  reason="Wink's document not found at $spec (set WINK_BENCH_SPEC)"
  skip gen "$reason"
  skip compile "$reason"
fi

# ---- generation ----------------------------------------------------------------------------
# One generator run; its --stats line becomes samples gen.<doc>.<case>.<stage>.
generate_once() {  # doc case spec out
  local doc=$1 case=$2 in=$3 out=$4 err=$build/logs/generate-$1-$2.err t0 t1 line
  t0=$(now)
  "$WINK_CODEGEN" generate --spec "$in" --out "$out" --namespace wink::supplier --scopes "$scopes" --quiet --stats 2> "$err"
  t1=$(now)
  line=$(grep '^{"load"' "$err" | tail -1)
  [[ -n "$line" ]] || { echo "no --stats line from the generator" >&2; return 1; }
  echo "$line" | tr -d '{}"' | tr ',' '\n' | while IFS=: read -r key value; do
    case $key in
      peak_rss_bytes) metric "gen.$doc.$case.peak_rss_mb" "$(awk -v b="$value" 'BEGIN { printf "%.3f", b / 1048576 }')" ;;
      *) metric "gen.$doc.$case.$key" "$value" ;;
    esac
  done
  metric "gen.$doc.$case.process" "$(elapsed "$t0" "$t1")"
}

bench_generation() {  # doc spec baseline-mode
  local doc=$1 in=$2 mode=$3 out
  # Nothing is deleted before or between the timed runs (the folders go with the work folder at
  # exit): on a file system mounted with `discard`, deleting a few thousand files slows every
  # file creation for the next minute or so, while the freed blocks are discarded.
  out=$(mktemp -d "$work/gen-$doc.XXXXXX")
  say "generation: $doc ($(du -h "$in" | cut -f1)), $runs runs of each case"
  for ((i = 0; i < runs; i++)); do
    # A fresh folder per run.
    # Flush earlier runs' files first and let the disk settle: otherwise the kernel may throttle
    # this run's writes while it writes those back.
    # The cold run's baseline is measured in the same conditions, right before it: after a
    # second of idling, a short process runs slower than right after another one, so a
    # back-to-back baseline would not be a like-for-like one.
    sync
    sleep 1
    "$BENCH_BIN/parse_baseline" "$mode" "$in" "gen.$doc.baseline_cold" >> "$records"
    sync
    sleep 1
    generate_once "$doc" cold "$in" "$out/$i"   # every file written into an empty folder
  done
  # The unchanged regenerations and the baseline after all cold runs, their files flushed and
  # the writeback settled, and each regeneration right beside a baseline run: both are measured
  # in the same conditions (right after a cold run, the writeback slows every stage).
  sync
  sleep 2
  for ((i = 0; i < runs; i++)); do
    "$BENCH_BIN/parse_baseline" "$mode" "$in" "gen.$doc.baseline" >> "$records"
    generate_once "$doc" warm "$in" "$out/$i"   # unchanged regeneration: nothing to write
  done
}

derive_yaml() {
  "$BENCH_BIN/derive_spec" yaml "$spec" "$work/supplier-3mb.yaml" 3000000 >> "$records"
}

# A previous run of this script that deleted its work folder less than $settle seconds ago would
# slow this run's cold file creation: wait for the rest.
wait_for_discard() {
  local last left
  last=$(cat "$build/last_cleanup" 2>/dev/null || echo 0)
  left=$((last + settle - $(date +%s)))
  if ((left > 0)); then
    echo "bench: waiting ${left}s: the previous run deleted its work folder $((settle - left))s ago, and file creation is slow meanwhile (WINK_BENCH_SETTLE)" >&2
    note gen_settle "waited ${left} s before the cold runs: the previous bench run deleted its work folder $((settle - left)) s before"
    sleep "$left"
  fi
}

if wants gen && ((have_spec)); then
  wait_for_discard
  step gen.json bench_generation json "$spec" json
  step gen.yaml derive_yaml
  if [[ -f "$work/supplier-3mb.yaml" ]]; then
    step gen.yaml bench_generation yaml "$work/supplier-3mb.yaml" yaml
  fi
fi

# ---- compile -------------------------------------------------------------------------------
# A wink_add_sdk() consumer project (bench/sdk_compile) per build mode, -O2, $jobs jobs.
logf() { echo "$build/logs/compile-$(basename "$1")-$2"; }  # tree, name -> log file
configure_tree() {  # dir unity-batch(0 = off) [extra cmake args]
  local dir=$1 batch=$2 unity=OFF; shift 2
  ((batch == 0)) || unity=ON
  rm -rf "$dir"
  mkdir -p "$dir"
  cp "$work/compile/supplier.json" "$dir/supplier.json"
  cmake -S "$root/bench/sdk_compile" -B "$dir/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" -DWINK_CODEGEN_EXECUTABLE="$WINK_CODEGEN" \
        -DWINK_BENCH_SPEC="$dir/supplier.json" -DWINK_BENCH_UNITY="$unity" \
        -DWINK_BENCH_UNITY_BATCH_SIZE="$batch" "$@" > "$(logf "$dir" configure.log)" 2>&1
  # Generation is not part of the compile time: run it first.
  cmake --build "$dir/build" --target supplier_sdk/include/wink/supplier/sdk.h > "$(logf "$dir" generate.log)" 2>&1
}

object_targets() { ninja -C "$1/build" -t targets all | grep -o '^CMakeFiles/supplier_sdk\.dir/[^:]*\.o' | sort; }

# Builds supplier_sdk, records its time (metric $2) and the TUs ninja recompiled (metric $3).
timed_build() {  # dir time-metric tus-metric log
  local dir=$1 log t0 t1 n
  log=$(logf "$1" "$4")
  t0=$(now)
  cmake --build "$dir/build" -j "$jobs" --target supplier_sdk > "$log" 2>&1
  t1=$(now)
  n=$(grep -c 'Building CXX' "$log" || true)
  [[ -z "$2" ]] || metric "$2" "$(elapsed "$t0" "$t1")"
  [[ -z "$3" ]] || metric "$3" "$n"
  echo "$n"
}

recompiled_names() { grep -o 'Building CXX object [^ ]*' "$1" | sed 's|.*/||; s|\.o$||' | paste -sd' ' || true; }

# Change one schema, rebuild (count TUs), then regenerate the unchanged document (count again).
incremental() {  # mode dir
  local mode=$1 dir=$2 n
  cp "$work/compile/supplier-changed.json" "$dir/supplier.json"
  n=$(timed_build "$dir" "compile.$mode.incremental" "compile.$mode.incremental_tus" incremental.log)
  note "compile_${mode}_incremental" "$mode build: adding property benchIncrementalField to $schema recompiled $n TU(s): $(recompiled_names "$(logf "$dir" incremental.log)")"
  touch "$dir/supplier.json"
  n=$(timed_build "$dir" "" "compile.$mode.unchanged_tus" unchanged.log)
  grep -q 'Generating supplier_sdk' "$(logf "$dir" unchanged.log)" ||
    note "compile_${mode}_unchanged" "WARNING: touching the document did not regenerate the $mode SDK"
}

compile_unity() {  # batch size
  local batch=$1 mode=unity$1 dir=$work/compile/unity$1
  say "compile: UNITY_BUILD ON (batch $batch), clean, -j$jobs"
  configure_tree "$dir" "$batch"
  metric "compile.$mode.tus" "$(object_targets "$dir" | wc -l)"
  timed_build "$dir" "compile.$mode.clean" "" clean.log > /dev/null
  say "compile: UNITY_BUILD ON (batch $batch), incremental"
  incremental "$mode" "$dir"
}

compile_plain() {
  local dir=$work/compile/plain objects n picked t0 launcher=()
  say "compile: one TU per file, clean, -j$jobs$( ((sample > 1)) && echo ", timing every ${sample}th TU")"
  ((sample <= 1)) || launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$root/bench/sdk_compile/deps_only_compiler.sh")
  configure_tree "$dir" 0 "${launcher[@]}"
  mapfile -t objects < <(object_targets "$dir")
  n=${#objects[@]}
  metric compile.plain.tus "$n"
  if ((sample <= 1)); then
    timed_build "$dir" compile.plain.clean "" clean.log > /dev/null
  else
    picked=()
    for ((i = 0; i < n; i += sample)); do picked+=("${objects[i]}"); done
    t0=$(now)
    cmake --build "$dir/build" -j "$jobs" --target "${picked[@]}" > "$(logf "$dir" sample.log)" 2>&1
    metric compile.plain.clean_estimated "$(awk -v s="$(elapsed "$t0" "$(now)")" -v n="$n" -v k="${#picked[@]}" 'BEGIN { printf "%.3f", s * n / k }')"
    note compile_plain_sample "one-TU-per-file clean build estimated from ${#picked[@]} of $n TUs (every ${sample}th, sorted by path) built with -j$jobs, scaled by $n/${#picked[@]}; run with --full-compile to time the whole build"
    # The rest of the tree is brought up to date by the preprocessor only (same depfiles).
    say "compile: one TU per file, bringing the tree up to date (preprocessor only) for the incremental build"
    WINK_BENCH_DEPS_ONLY=1 cmake --build "$dir/build" -j "$jobs" --target supplier_sdk > "$(logf "$dir" deps-only.log)" 2>&1
    note compile_plain_deps_only "one-TU-per-file incremental: the tree was brought up to date with bench/sdk_compile/deps_only_compiler.sh (preprocessor only, same depfiles and command lines); the TUs recompiled after the change were compiled for real"
  fi
  say "compile: one TU per file, incremental"
  incremental plain "$dir"
}

compile_prepare() {
  mkdir -p "$work/compile"
  "$BENCH_BIN/derive_spec" normalize "$spec" "$work/compile/supplier.json"
  "$BENCH_BIN/derive_spec" add-property "$spec" "$work/compile/supplier-changed.json" "$schema" benchIncrementalField
}

if wants compile && ((have_spec)); then
  step compile compile_prepare
  if [[ -f "$work/compile/supplier-changed.json" ]]; then
    for batch in $unity_batches; do step "compile.unity$batch" compile_unity "$batch"; done
    step compile.plain compile_plain
  fi
fi

# ---- runtime -------------------------------------------------------------------------------
run_program() {  # name args...: its records go to $records, its stderr to logs/<name>.err
  local name=$1; shift
  "$BENCH_BIN/$name" "$@" >> "$records" 2> "$build/logs/$name.err"
}
if wants runtime; then
  say "runtime: per-call overhead (generated SDK vs libcurl), 10 rounds x 500 calls per side"
  step call run_program call_overhead 10 500
  say "runtime: model decode + encode, 15 rounds"
  step codec run_program model_codec 15 1000 3
  say "runtime: token requests, 4 threads for 4 s, 1 s tokens"
  step token run_program token_refresh 4 1 4
fi

# ---- report --------------------------------------------------------------------------------
info load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
info wall_seconds "$(elapsed "$started" "$(now)" | cut -d. -f1)"
"$BENCH_BIN/bench_report" "$records" "$build/results.json" | tee "$build/results.md"
echo "results: $build/results.json, $build/results.md" >&2
exit "$failed"
