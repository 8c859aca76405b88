#!/usr/bin/env bash
# The web app (web/): `scripts/web.sh build` installs (when needed) and builds web/dist;
# `scripts/web.sh test` installs, lints (the code, and docs/openapi.json with Redocly), runs the unit tests
# (Vitest), builds, checks the server binary's REST answers against docs/openapi.json (e2e/api-schemas.mjs), then
# runs the browser end-to-end test against the same binary (build/asan, else build/release).
set -euo pipefail
cd "$(dirname "$0")/../web"

install() {
  # npm ci only when node_modules is missing or older than the lockfile.
  local stamp=node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
    npm ci --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "web.sh: installing Debian's chromium for the browser test" >&2
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    fi
  fi
}

case "${1:-}" in
  build)
    install
    npm run build
    ;;
  test)
    install
    npm run lint
    npm run lint:openapi
    npm test
    npm run build
    npm run api:schemas
    ensure_chromium
    npm run e2e
    ;;
  *)
    echo "usage: scripts/web.sh build|test" >&2
    exit 2
    ;;
esac
