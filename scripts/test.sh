#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer + UBSan, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=$(nproc)
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp ctest --preset asan -j"$jobs"
./scripts/fuzz.sh smoke
if [ -f web/package.json ]; then ./scripts/web.sh test; fi
