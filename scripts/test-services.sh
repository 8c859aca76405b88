#!/usr/bin/env bash
# Starts (or stops) the PostgreSQL 15 and Redis 7 servers the tests use: each
# on a loopback port of its own, with its data in a temporary directory.
#   test-services.sh start <state-dir>   writes <state-dir>/env (KEY=value lines)
#   test-services.sh stop <state-dir>    stops both and removes their data
# The tests read LIVEDESK_TEST_PG_URL and LIVEDESK_TEST_REDIS_URL from that file.
# PostgreSQL runs with fsync off for the tests; LIVEDESK_TEST_PG_FSYNC=on (the
# benchmarks) makes every commit durable, as in production.
set -euo pipefail
cmd=${1:?start|stop}
state=${2:?state dir}
pg_bin=/usr/lib/postgresql/15/bin

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  # A random high port nobody listens on (bash's /dev/tcp connect fails when free).
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

start() {
  mkdir -p "$state"
  stop_quietly
  local pgdir redisdir
  pgdir=$(mktemp -d /tmp/livedesk-test-pg.XXXXXX)
  redisdir=$(mktemp -d /tmp/livedesk-test-redis.XXXXXX)
  echo "$pgdir" >"$state/pg.dir"
  echo "$redisdir" >"$state/redis.dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$pgdir"; fi
  as_postgres "$pg_bin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$pgdir/initdb.log"
  local pg_port="" try
  for try in 1 2 3 4 5; do
    pg_port=$(free_port)
    if as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdir -c fsync=${LIVEDESK_TEST_PG_FSYNC:-off} -c max_connections=200 ${LIVEDESK_TEST_PG_OPTIONS:-}" >/dev/null; then
      break
    fi
    pg_port=""
  done
  [ -n "$pg_port" ] || { cat "$pgdir/server.log" >&2; echo "test-services: PostgreSQL did not start" >&2; exit 1; }

  local redis_port=""
  for try in 1 2 3 4 5; do
    redis_port=$(free_port)
    if redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$redisdir" --save '' --appendonly no \
      --daemonize yes --pidfile "$redisdir/redis.pid" --logfile "$redisdir/redis.log"; then
      local i
      for i in $(seq 1 100); do
        if redis-cli -p "$redis_port" ping 2>/dev/null | grep -q PONG; then break 2; fi
        sleep 0.1
      done
    fi
    redis_port=""
  done
  [ -n "$redis_port" ] || { echo "test-services: Redis did not start" >&2; exit 1; }

  cat >"$state/env" <<ENV
LIVEDESK_TEST_PG_URL=postgresql://postgres@127.0.0.1:$pg_port/postgres
LIVEDESK_TEST_REDIS_URL=redis://127.0.0.1:$redis_port
ENV
  echo "test-services: PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
}

stop_quietly() {
  if [ -f "$state/pg.dir" ]; then
    local pgdir
    pgdir=$(cat "$state/pg.dir")
    if [ -d "$pgdir/data" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pgdir/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$pgdir" "$state/pg.dir"
  fi
  if [ -f "$state/redis.dir" ]; then
    local redisdir
    redisdir=$(cat "$state/redis.dir")
    if [ -f "$redisdir/redis.pid" ]; then
      local pid i
      pid=$(cat "$redisdir/redis.pid")
      kill "$pid" 2>/dev/null || true
      for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$redisdir" "$state/redis.dir"
  fi
  rm -f "$state/env"
}

case "$cmd" in
  start) start ;;
  stop) stop_quietly; echo "test-services: stopped" ;;
  *) echo "usage: $0 start|stop <state-dir>" >&2; exit 2 ;;
esac
