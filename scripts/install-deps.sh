#!/usr/bin/env bash
# Installs every Debian package livedesk needs to build, test and run. Idempotent:
# packages already present are skipped, so a second run costs one dpkg query.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  clang-14 libclang-rt-14-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libsodium-dev libjwt-dev libssl-dev libmagic-dev
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev libhowardhinnant-date-dev
  libpqxx-dev libhiredis-dev postgresql-15 redis-server nginx
  libcurl4-openssl-dev prometheus
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # PostgreSQL, Redis and nginx are only started by the tests, on loopback
  # ports of their own: keep the packages from starting system-wide copies.
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
  if [ -n "$own_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
else
  echo "install-deps: all packages present"
fi

# The web app needs Node.js 20+ with npm; machines of this project's kind ship it.
# Where it is missing, Debian's own nodejs and npm are the fallback.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: installing nodejs and npm"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends nodejs npm
fi
