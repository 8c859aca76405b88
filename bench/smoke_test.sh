#!/usr/bin/env bash
# CTest smoke test: every scenario at tiny size; checks the JSON shape and the zero-loss counts.
# No timing assertions. Usage: smoke_test.sh <livedesk-bench> <livedesk>
set -euo pipefail
bench=$1 server=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
run() { "$bench" "$@" --livedesk "$server" --workers 2 2>/dev/null | tail -1; }
check() {  # check <json> <jq boolean expression> <what>
  jq -e "$2" >/dev/null <<<"$1" || fail "$3: $1"
}
out=$(run connections --n 40 --hold-s 2)
check "$out" '.scenario=="connections" and (.params|type=="object") and .all_stayed_open==true and (.rss_per_connection_kib|type=="number") and (.server_rss_before_kib>0) and (.machine.cores>0)' connections
out=$(run chat --customers 6 --agents 2 --rate 60 --duration-s 2)
check "$out" '.scenario=="chat" and .lost==0 and .delivered>0 and .acked==.sent and (.messages_per_s|type=="number") and (.latency.p50_ms|type=="number") and (.latency.p99_ms|type=="number") and (.latency|has("p999_ms")) and .errors==0' chat
out=$(run fanout --dashboards 10 --starts 10 --rate 20)
check "$out" '.scenario=="fanout" and .starts_incomplete==0 and .failed_posts==0 and .latency.samples==10 and (.latency.p99_ms|type=="number") and (.latency|has("max_ms")) and .dashboards_closed==0' fanout
out=$(run fanout --dashboards 4 --starts 5 --rate 20 --subscribe all)
check "$out" '.scenario=="fanout" and .starts_incomplete==0 and (.frames_by_type.message_created>0)' fanout-all
out=$(run storm --n 30 --agents 2 --warm-ms 500 --after-ms 500)
check "$out" '.scenario=="storm" and .all_resumed==true and .lost==0 and .duplicated==0 and (.resume_all_ms|type=="number") and .seqs_checked>0' storm
out=$(run soak --customers 6 --agents 2 --rate 60 --duration-s 4 --sample-s 2 --dashboards 2 --reconnects-per-min 60 --upload-every-s 1)
check "$out" '.scenario=="soak" and (.samples|length)==2 and .lost==0 and .duplicated==0 and .seqs_checked>0 and .reconnects>0 and .reconnect_failed==0 and .uploads>0 and .upload_failed==0 and .errors==0 and .dashboards_open_at_end==2 and .samples[1].dashboards_open==2 and (.summary.memory.rss_last_sample_kib>0) and (.summary.descriptors.max>0) and (.summary.latency|has("p99_ms_last_tenth"))' soak
# seed: a tiny history (exact counts, deterministic), then history reads on it (no 5xx; timings unchecked).
seeded=$(mktemp -d /tmp/livedesk-bench-seed-smoke.XXXXXX)
trap 'rm -rf "$seeded"' EXIT
out=$("$bench" seed --data-dir "$seeded" --conversations 200 --messages 2000 --contacts 40 --agents 4 --until 2026-11-30 --livedesk "$server" 2>/dev/null | tail -1)
check "$out" '.scenario=="seed" and .counts.conversations==200 and .counts.messages==2000 and .counts.contacts==40 and .counts.staff==8 and (.seed_s|type=="number") and (.sizes.database_bytes>0)' seed
again=$(mktemp -d /tmp/livedesk-bench-seed-smoke2.XXXXXX)
"$bench" seed --data-dir "$again" --conversations 200 --messages 2000 --contacts 40 --agents 4 --until 2026-11-30 --rebuild 0 >/dev/null 2>&1
same=$(for d in "$seeded" "$again"; do sqlite3 "$d/livedesk.db" "SELECT * FROM messages; SELECT * FROM chat_sessions; SELECT * FROM customers" | md5sum; done | uniq | wc -l)
rm -rf "$again"
[ "$same" = 1 ] || fail "seed is not deterministic for one --seed and --until"
out=$("$bench" history --livedesk "$server" --data-dir "$seeded" --requests 5 --warmup 1 --deep-pages 2 2>/dev/null | tail -1)
check "$out" '.scenario=="history" and .kinds.search.samples==5 and .kinds.transcript.samples==5 and ([.kinds[].statuses | keys[] | select(startswith("5"))] | length)==0' history
echo "bench smoke: all scenarios OK"
