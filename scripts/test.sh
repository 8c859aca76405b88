#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer + UBSan, runs every test, then a short run of every
# fuzz target (scripts/fuzz.sh: 12 targets x 25 s).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --preset asan -j"$jobs"
./scripts/fuzz.sh --seconds 25
if [ -f web/package.json ]; then ./scripts/web.sh test; fi
