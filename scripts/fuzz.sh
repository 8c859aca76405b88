#!/usr/bin/env bash
# Builds the fuzz preset (clang-14, libFuzzer + ASan + UBSan) and runs the fuzz targets of server/fuzz/, each for
# N seconds, FUZZ_JOBS (default 2) at a time, over its seed corpus (server/fuzz/corpus/<target>/, with
# <target>.dict when there is one). Fails when any target crashes, leaks, breaks an invariant, hits UBSan or times
# out; the input that did it is kept in build/fuzz/artifacts/. Prints each target's executions and coverage.
#   scripts/fuzz.sh smoke [seconds] [target...]   the test command's run: default 10 s each; new inputs discarded
#   scripts/fuzz.sh long [seconds] [target...]    default 600 s each; new inputs kept in build/fuzz/corpus/<target>/
# Targets are named without "_fuzz"; none named: every target. Build jobs: FUZZ_BUILD_JOBS (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,8p' "$0"; }
mode=${1:-}
case "$mode" in
  smoke) seconds=10 ;;
  long) seconds=600 ;;
  -h|--help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
esac
shift
if (($#)) && [[ "$1" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=()
for name in "$@"; do targets+=("${name%_fuzz}"); done
if ((${#targets[@]} == 0)); then
  for source in server/fuzz/*_fuzz.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name%_fuzz}")
  done
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j"${FUZZ_BUILD_JOBS:-$(nproc)}" --target "${targets[@]/%/_fuzz}"

artifacts=build/fuzz/artifacts
mkdir -p "$artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# UBSan reports abort (the build has -fno-sanitize-recover=undefined); leaks are checked after each input.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# run_target <target>: one libFuzzer run; its output in $work/<target>.log, its exit status in $work/<target>.status.
run_target() {
  local target=$1 corpus
  if [ "$mode" = long ]; then corpus="build/fuzz/corpus/$target"; else corpus="$work/corpus/$target"; fi
  mkdir -p "$corpus"
  local dict=()
  if [ -f "server/fuzz/corpus/$target.dict" ]; then dict=(-dict="server/fuzz/corpus/$target.dict"); fi
  local status=0
  # New inputs go to the first folder only: the seed corpus in the repository is read, never written.
  "build/fuzz/server/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "${dict[@]}" \
    "$corpus" "server/fuzz/corpus/$target" >"$work/$target.log" 2>&1 || status=$?
  echo "$status" >"$work/$target.status"
}

jobs=${FUZZ_JOBS:-2}
started=$(date +%s)
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, $jobs at a time"
for target in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
  run_target "$target" &
done
wait

summary=()
failed=()
for target in "${targets[@]}"; do
  log="$work/$target.log"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 || true)
  summary+=("$(printf '%-22s %10s runs  %s' "$target" "${runs:-?}" "${coverage:-cov: ?}")")
  status=$(cat "$work/$target.status")
  if ((status != 0)); then
    failed+=("$target")
    echo "fuzz: $target FAILED (exit $status); its output:" >&2
    grep -v '^#[0-9]' "$log" | tail -60 >&2
  fi
done

printf '%s\n' "fuzz: $mode done in $(($(date +%s) - started))s (${seconds}s each)" "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzz: failed: ${failed[*]} (inputs in $artifacts/; rerun: build/fuzz/server/fuzz/<target>_fuzz <file>)" >&2
  exit 1
fi
