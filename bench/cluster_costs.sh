#!/usr/bin/env bash
# What one chat message costs the shared PostgreSQL and Redis of a cluster, for
# sizing on paper (docs/deployment.md): runs the chat scenario on N nodes
# (default 2) twice, for SHORT and LONG seconds, each on a fresh database with
# pg_stat_statements and Redis command counters reset, and divides the
# difference in statements and PUBLISHes by the difference in messages
# delivered, so set-up (accounts, chats) and fixed costs cancel out.
#   bench/cluster_costs.sh [nodes]     (build the release preset first)
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-2}
short=${SHORT:-5}
long=${LONG:-15}
rate=${RATE:-600}
bench=build/release/bench/livedesk-bench
server=build/release/server/livedesk
services=$(mktemp -d /tmp/livedesk-costs.XXXXXX)
trap './scripts/test-services.sh stop "$services" >/dev/null; rm -rf "$services"' EXIT
LIVEDESK_TEST_PG_FSYNC=on LIVEDESK_TEST_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements" \
  ./scripts/test-services.sh start "$services" >&2
# shellcheck disable=SC1091
source "$services/env"
redis_port=${LIVEDESK_TEST_REDIS_URL##*:}

# Prints "messages statements publishes" for one run of `seconds`.
measure() {
  local seconds=$1 name url out
  name=costs_$(date +%s%N)
  psql -q "$LIVEDESK_TEST_PG_URL" -c "CREATE DATABASE $name"
  url=${LIVEDESK_TEST_PG_URL%/*}/$name
  psql -q "$url" -c "CREATE EXTENSION pg_stat_statements; SELECT pg_stat_statements_reset()" >/dev/null
  redis-cli -p "$redis_port" CONFIG RESETSTAT >/dev/null
  out=$("$bench" chat --customers 60 --agents 20 --rate "$rate" --duration-s "$seconds" --workers 2 \
    --livedesk "$server" --nodes "$nodes" --database "$url" --redis "$LIVEDESK_TEST_REDIS_URL" 2>/dev/null | tail -1)
  local messages statements publishes
  messages=$(jq '.latency.samples' <<<"$out")
  statements=$(psql -tA "$url" -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s
    JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$name'")
  publishes=$(redis-cli -p "$redis_port" INFO commandstats | tr -d '\r' |
    sed -n 's/^cmdstat_publish:calls=\([0-9]*\),.*/\1/p')
  echo "$messages $statements ${publishes:-0}"
}

read -r m1 s1 p1 < <(measure "$short")
read -r m2 s2 p2 < <(measure "$long")
jq -n --argjson nodes "$nodes" --argjson rate "$rate" --argjson m1 "$m1" --argjson s1 "$s1" --argjson p1 "$p1" \
  --argjson m2 "$m2" --argjson s2 "$s2" --argjson p2 "$p2" '{
    nodes: $nodes, offered_rate: $rate,
    short: {messages: $m1, statements: $s1, publishes: $p1},
    long: {messages: $m2, statements: $s2, publishes: $p2},
    statements_per_message: ((($s2 - $s1) / ($m2 - $m1)) * 100 | round / 100),
    publishes_per_message: ((($p2 - $p1) / ($m2 - $m1)) * 100 | round / 100)
  }'
