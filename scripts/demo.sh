#!/usr/bin/env bash
# Installs what is missing, builds the release server (and the web app when
# present), and starts the demo on http://127.0.0.1:8000 (override with
# LIVEDESK_BIND / LIVEDESK_PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
if [ -f web/package.json ]; then ./scripts/web.sh build; fi
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
exec ./build/release/server/livedesk serve --demo --data-dir ./data --web-dir ./web/dist "$@"
