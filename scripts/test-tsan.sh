#!/usr/bin/env bash
# Builds the tests and the server with ThreadSanitizer (preset tsan, build/tsan) and runs every test.
# Any data race stops the process that has it (halt_on_error=1), so a race in the server fails the test
# that started it, with the server's stderr (the report) in the failure message.
# Usage: scripts/test-tsan.sh [extra ctest arguments, e.g. -R 'dashboard']
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j"$jobs"
tsan_options=halt_on_error=1:second_deadlock_stack=1
if [ -s scripts/tsan.supp ]; then
  tsan_options+=:suppressions=$PWD/scripts/tsan.supp
fi
TSAN_OPTIONS=$tsan_options ctest --preset tsan -j"$jobs" "$@"
