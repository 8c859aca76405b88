#!/usr/bin/env bash
# Builds the release preset, runs the four load scenarios of livedesk-bench (each starts its own
# server on a fresh temporary data dir), writes bench/results/latest.json and the results table
# in docs/benchmarks.md.   ./scripts/bench.sh          short version (under 3 minutes)
#                          ./scripts/bench.sh --long   the full-size targets of issue #5
#                          ./scripts/bench.sh --nodes N   N nodes on PostgreSQL + Redis (started here
#                                                         on loopback, fsync on; a fresh database per scenario)
#                          ./scripts/bench.sh --history [--nodes 1]   issue #14's history at scale: seeds
#                                 100,000 conversations (SQLite, or PostgreSQL with --nodes), runs the history
#                                 reads 3 times, writes bench/results/history-<backend>-latest.json (median of
#                                 the 3 runs and their spread per figure). LIVEDESK_HISTORY_SEED_ARGS: e.g.
#                                 "--conversations 20000 --messages 200000 --contacts 4000" for a smaller one.
# LIVEDESK_BIN=/path/to/livedesk measures another server binary (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=short
nodes=0  # 0: one node on SQLite
while [ $# -gt 0 ]; do
  case "$1" in
    --long) mode=long ;;
    --history) mode=history ;;
    --nodes) nodes=$2; shift ;;
    *) echo "usage: $0 [--long | --history] [--nodes N]" >&2; exit 2 ;;
  esac
  shift
done
label=results
if [ "$nodes" -gt 0 ]; then
  label=results-postgres-$nodes
  services=$(mktemp -d /tmp/livedesk-bench-services.XXXXXX)
  LIVEDESK_TEST_PG_FSYNC=on ./scripts/test-services.sh start "$services" >&2
  # shellcheck disable=SC1091
  source "$services/env"
fi
cluster_args() {
  [ "$nodes" -gt 0 ] || return 0
  local name=bench_$(date +%s%N)
  psql -q "$LIVEDESK_TEST_PG_URL" -c "CREATE DATABASE $name" >/dev/null
  echo "--nodes $nodes --database ${LIVEDESK_TEST_PG_URL%/*}/$name --redis $LIVEDESK_TEST_REDIS_URL"
}
cmake --preset release >/dev/null
flock /tmp/livedesk-build.lock cmake --build build/release -j2 --target livedesk livedesk-bench
bench=build/release/bench/livedesk-bench
server=${LIVEDESK_BIN:-build/release/server/livedesk}
mkdir -p bench/results
lines=$(mktemp)
cleanup() {
  rm -f "$lines"
  if [ -n "${services:-}" ]; then ./scripts/test-services.sh stop "$services" >&2; rm -rf "$services"; fi
}
trap cleanup EXIT
# shellcheck disable=SC2046
run() { echo "== $*" >&2; "$bench" "$@" --livedesk "$server" $(cluster_args) | tail -1 | tee -a "$lines" >&2; }
if [ "$mode" = history ]; then
  # One seeded history, three runs of the reads, each on a freshly started server.
  data=$(mktemp -d /tmp/livedesk-history.XXXXXX)
  backend=sqlite
  db_args=(--data-dir "$data")
  if [ "$nodes" -gt 0 ]; then
    backend=postgres
    name=history_$(date +%s%N)
    psql -q "$LIVEDESK_TEST_PG_URL" -c "CREATE DATABASE $name" >/dev/null
    db_args=(--database "${LIVEDESK_TEST_PG_URL%/*}/$name" --redis "$LIVEDESK_TEST_REDIS_URL" --data-dir "$data")
  fi
  echo "== seed ($backend)" >&2
  # shellcheck disable=SC2086
  seed=$("$bench" seed "${db_args[@]}" --livedesk "$server" ${LIVEDESK_HISTORY_SEED_ARGS:-} | tail -1)
  echo "$seed" >&2
  if [ "$backend" = postgres ]; then
    # What autovacuum does soon after a bulk load, done before measuring: statistics for the search rows the
    # rebuild wrote, and a visibility map (the first reads would otherwise set every row's hint bits).
    psql -q "${LIVEDESK_TEST_PG_URL%/*}/$name" -c "VACUUM ANALYZE" >&2
  fi
  for run in 1 2 3; do
    echo "== history run $run ($backend)" >&2
    "$bench" history "${db_args[@]}" --livedesk "$server" | tail -1 | tee -a "$lines" >&2
  done
  out=bench/results/history-$backend-latest.json
  jq -s --argjson seed "$seed" --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" '
    def median: sort | .[(length / 2 | floor)];
    def fig($runs; $kind; $f): [$runs[] | .kinds[$kind][$f] | select(. != null)] |
      if length == 0 then null else {median: median, min: min, max: max} end;
    . as $runs | {date: $date, commit: $commit, seed: $seed, runs: $runs,
      summary: ([$runs[0].kinds | keys[]] | map({key: ., value: {
        p50_ms: fig($runs; .; "p50_ms"), p90_ms: fig($runs; .; "p90_ms"),
        p99_ms: fig($runs; .; "p99_ms"), max_ms: fig($runs; .; "max_ms"),
        statuses: $runs[0].kinds[.].statuses}}) | from_entries)}' "$lines" > "$out"
  cp "$out" "${out%-latest.json}-$(date -u +%Y%m%dT%H%M%SZ).json"
  jq -r '.summary | to_entries[] | "\(.key): p50 \(.value.p50_ms.median) p90 \(.value.p90_ms.median) p99 \(.value.p99_ms.median) (\(.value.p99_ms.min)–\(.value.p99_ms.max)) max \(.value.max_ms.median) ms"' "$out" >&2
  rm -rf "$data"
  echo "wrote $out" >&2
  exit 0
fi
if [ "$mode" = short ]; then
  run connections --n 2000 --dashboard-share 0.1 --hold-s 10 --workers 2
  run chat --customers 150 --agents 50 --rate 8000 --duration-s 10 --workers 2
  run fanout --dashboards 1000 --rate 100 --starts 300 --workers 2 --subscribe small
  run fanout --dashboards 100 --rate 100 --starts 300 --workers 2 --subscribe all
  run storm --n 2000 --agents 10 --warm-ms 2000 --after-ms 2000 --workers 2
else
  run connections --n 15000 --dashboard-share 0.1 --hold-s 30 --workers 3
  run chat --customers 450 --agents 150 --rate 25000 --duration-s 30 --workers 2
  run fanout --dashboards 1000 --rate 100 --starts 1000 --workers 2 --subscribe small
  run fanout --dashboards 100 --rate 100 --starts 1000 --workers 2 --subscribe all
  run storm --n 10000 --agents 20 --warm-ms 3000 --after-ms 3000 --workers 4
fi
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
jq -s --arg date "$date" --arg mode "$mode" --arg commit "$commit" --arg cpu "$cpu" --arg server "$server" \
  --arg nodes "$nodes" \
  '{date: $date, mode: $mode, nodes: $nodes, commit: $commit, server_binary: $server, cpu: $cpu, machine: .[0].machine, results: .}' \
  "$lines" > "bench/results/$label-latest.json"
cp "bench/results/$label-latest.json" "bench/results/$label-$mode-$(date -u +%Y%m%dT%H%M%SZ).json"
# The table between the markers of docs/benchmarks.md.
table=$(jq -r '
  def f: if . == null then "–" else tostring end;
  "Run \(.date), mode `\(.mode)`, commit \(.commit), \(.machine.cores) cores, \(.machine.memory_gib) GiB, \(.cpu), open-file limit \(.machine.open_file_limit).\n",
  "| scenario | parameters | result |", "|---|---|---|",
  (.results[] |
    if .scenario == "connections" then
      "| connections | \(.params|tojson) | \(.authenticated) authenticated, all stayed open: \(.all_stayed_open), RSS \(.server_rss_before_kib) → \(.server_rss_end_kib) KiB = **\(.rss_per_connection_kib) KiB/connection** |"
    elif .scenario == "chat" then
      "| chat | \(.params|del(.persistence)|tojson) | **\(.messages_per_s) msg/s** delivered, p50 \(.latency.p50_ms|f) ms, **p99 \(.latency.p99_ms|f) ms**, p99.9 \(.latency.p999_ms|f) ms, lost \(.lost), errors \(.errors), server CPU \(.server_cpu_s) s |"
    elif .scenario == "fanout" then
      "| fan-out | \(.params|tojson) | achieved \(.achieved_rate)/s, p50 \(.latency.p50_ms|f) ms, **p99 \(.latency.p99_ms|f) ms**, max \(.latency.max_ms|f) ms, incomplete \(.starts_incomplete), dashboards closed \(.dashboards_closed) |"
    else
      "| storm | \(.params|tojson) | all resumed: \(.all_resumed) in **\(.resume_all_ms) ms**, lost **\(.lost)**, duplicated **\(.duplicated)** (\(.seqs_checked) seqs checked) |"
    end)' "bench/results/$label-latest.json")
doc=docs/benchmarks.md
if [ -f "$doc" ] && grep -q "<!-- $label:begin -->" "$doc"; then
  awk -v t="$table" -v b="<!-- $label:begin -->" -v e="<!-- $label:end -->" \
    '$0==b{print; print t; skip=1; next} $0==e{skip=0} !skip' "$doc" > "$doc.tmp"
  mv "$doc.tmp" "$doc"
else
  printf '\n<!-- %s:begin -->\n%s\n<!-- %s:end -->\n' "$label" "$table" "$label" >> "$doc"
fi
echo "wrote bench/results/$label-latest.json and $doc" >&2
