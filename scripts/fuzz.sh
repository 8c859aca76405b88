#!/usr/bin/env bash
# Builds the fuzz preset (clang-14, libFuzzer + ASan + UBSan) and runs each fuzz target of server/fuzz/ for N
# seconds on a copy of its seed corpus (server/fuzz/corpus/<target>/, with <target>.dict when there is one).
# Fails when any target crashes, leaks, breaks an invariant or times out; the input that did it is kept in
# build/fuzz/artifacts/ (add it to the target's corpus once fixed). Prints each target's runs and coverage.
#   scripts/fuzz.sh [--seconds N] [target...]     (default: 30 seconds, every target; targets without "_fuzz")
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30
targets=()
while (($#)); do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) targets+=("${1%_fuzz}"); shift ;;
  esac
done
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
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
summary=()
failed=()
for target in "${targets[@]}"; do
  corpus="$work/$target"
  mkdir -p "$corpus"
  cp -r "server/fuzz/corpus/$target/." "$corpus/"
  dict=()
  if [ -f "server/fuzz/corpus/$target.dict" ]; then dict=(-dict="server/fuzz/corpus/$target.dict"); fi
  log="$work/$target.log"
  echo "fuzz: $target for ${seconds}s"
  status=0
  "build/fuzz/server/fuzz/${target}_fuzz" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix="$artifacts/$target-" "${dict[@]}" "$corpus" \
    >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  summary+=("$(printf '%-22s %10s runs  %s  corpus %s' "$target" "${runs:-?}" "${coverage:-cov: ?}" \
    "$(ls "$corpus" | wc -l)")")
  if ((status != 0)); then
    failed+=("$target")
    echo "fuzz: $target FAILED (exit $status); its output:" >&2
    tail -60 "$log" >&2
  fi
done

printf '%s\n' "fuzz: done (${seconds}s each)" "${summary[@]}"
if ((${#failed[@]})); then
  echo "fuzz: failed: ${failed[*]} (inputs in $artifacts/)" >&2
  exit 1
fi
