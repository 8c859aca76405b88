#!/usr/bin/env bash
# Measures two server binaries in one run, so the machine's noise hits both alike: the chat scenario
# of livedesk-bench at saturation, alternating A and B for a number of rounds, then each one's median and
# spread of delivered messages a second, latency and server CPU per message. How docs/benchmarks.md
# measures what a change costs (e.g. the event log: the commit before it against main).
#   ./scripts/bench-compare.sh BASELINE_BIN CANDIDATE_BIN [rounds (3)] [offered msg/s (20000)] [customers (300)]
# (a third as many agents as customers).
# Builds the release livedesk-bench (under the build lock); writes bench/results/compare-<time>.json.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 BASELINE_BIN CANDIDATE_BIN [rounds] [rate]" >&2; exit 2; }
baseline=$1 candidate=$2 rounds=${3:-3} rate=${4:-20000} customers=${5:-300}
cmake --preset release >/dev/null
flock /tmp/livedesk-build.lock cmake --build build/release -j2 --target livedesk-bench
bench=build/release/bench/livedesk-bench
mkdir -p bench/results
out=bench/results/compare-$(date -u +%Y%m%dT%H%M%SZ).json
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for round in $(seq 1 "$rounds"); do
  for side in baseline candidate; do
    bin=$baseline; [ "$side" = candidate ] && bin=$candidate
    echo "== round $round $side: $bin" >&2
    "$bench" chat --customers "$customers" --agents $((customers / 3)) --rate "$rate" --duration-s 10 --workers 2 --livedesk "$bin" |
      tail -1 | python3 -c "import json,sys; r=json.load(sys.stdin); r['side']='$side'; r['round']=$round; print(json.dumps(r))" |
      tee -a "$lines" >&2
  done
done
python3 - "$lines" "$out" "$baseline" "$candidate" <<'PY'
import json, statistics, sys
lines, out, baseline, candidate = sys.argv[1:]
runs = [json.loads(l) for l in open(lines)]
json.dump({"baseline": baseline, "candidate": candidate, "runs": runs}, open(out, "w"), indent=1)
def figures(side):
    rs = [r for r in runs if r["side"] == side]
    return {
        "msg/s": [r["messages_per_s"] for r in rs],
        "p50 ms": [r["latency"]["p50_ms"] for r in rs],
        "p99 ms": [r["latency"]["p99_ms"] for r in rs],
        "server CPU us/msg": [round(1e6 * r["server_cpu_s"] / max(1, r["delivered"]), 1) for r in rs],
        "lost": [r["lost"] for r in rs],
    }
a, b = figures("baseline"), figures("candidate")
print(f"| figure | baseline median (runs) | candidate median (runs) | change |")
print("|---|---|---|---|")
for key in a:
    ma, mb = statistics.median(a[key]), statistics.median(b[key])
    change = f"{100 * (mb - ma) / ma:+.1f} %" if ma else "-"
    print(f"| {key} | {ma:g} ({', '.join(map(str, a[key]))}) | {mb:g} ({', '.join(map(str, b[key]))}) | {change} |")
print(f"\nwritten to {out}")
PY
