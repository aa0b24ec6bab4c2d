#!/usr/bin/env bash
# Bounded load test of `zhproof serve` on loopback (not part of CI): requests/s and p50/p99
# latency of POST /api/v1/check for a 2 KB and a 50 KB article, then the server's RSS sampled
# every second across 100k requests. Articles are cut from ../shared/corpus (real government
# prose; ZHPROOF_SHARED overrides the path) with two known errors added.
#
#   scripts/load-test.sh              # 15 s per size, 2 checking threads
#   DURATION=30 WORKERS=2 CONNECTIONS=16 scripts/load-test.sh
#
# Needs wrk (Debian package `wrk`; installed when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-15}
WORKERS=${WORKERS:-2}
CONNECTIONS=${CONNECTIONS:-16}
TOTAL=${TOTAL:-100000}
shared=${ZHPROOF_SHARED:-../shared}
corpus="$shared/corpus/clean_gov/gov_work_reports_wikisource/government_work_reports.jsonl"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is not installed (apt-get install wrk)"; exit 1
  fi
fi
[ -f "$corpus" ] || { echo "no corpus at $corpus (set ZHPROOF_SHARED)"; exit 1; }

cargo build -q --release -p zhproof-cli --locked
work=$(mktemp -d)
python3 - "$corpus" "$work" <<'PY'
import json, sys
corpus, work = sys.argv[1], sys.argv[2]
text = "".join(json.loads(l)["content"] for l in open(corpus, encoding="utf-8"))
for name, size in [("2k", 2048), ("50k", 51200)]:
    b = text.encode()[:size - 60]
    body = b.decode("utf-8", "ignore")
    body = "会议要求全面布署。联系电话13812345678。\n" + body
    doc = json.dumps({"text": body, "as_of": "2024-06-01"}, ensure_ascii=False).encode()
    open(f"{work}/{name}.json", "wb").write(doc)
    print(f"{name}: text {len(body.encode())} bytes, body {len(doc)} bytes", file=sys.stderr)
PY
cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
LUA

log="$work/server.log"
target/release/zhproof serve --no-config --bind 127.0.0.1:0 --workers "$WORKERS" 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
url="$(grep -o 'http://[0-9.:]*/' "$log" | head -1)api/v1/check"
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server: $WORKERS checking threads; wrk: 1 thread, $CONNECTIONS connections"
echo "| article | req/s | p50 | p99 | requests |"
echo "| --- | --- | --- | --- | --- |"
for size in 2k 50k; do
  BODY="$work/$size.json" wrk -t1 -c"$CONNECTIONS" -d3s -s "$work/post.lua" "$url" >/dev/null
  out=$(BODY="$work/$size.json" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/post.lua" "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  errs=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  echo "| $size | $rps | $p50 | $p99 | $n |"
  [ -z "$errs" ] || echo "  errors: $errs"
done

echo
echo "RSS across $TOTAL requests of the 2 KB article (KiB, sampled every second):"
done_requests=0
start_rss=$(rss)
max_rss=$start_rss
samples="$work/rss"
( while kill -0 $server 2>/dev/null; do rss >>"$samples"; sleep 1; done ) &
sampler=$!
while [ "$done_requests" -lt "$TOTAL" ]; do
  out=$(BODY="$work/2k.json" wrk -t1 -c"$CONNECTIONS" -d10s -s "$work/post.lua" "$url")
  n=$(awk '/requests in/ {print $1}' <<<"$out")
  done_requests=$((done_requests + n))
  echo "  after $done_requests requests: RSS $(rss) KiB"
done
kill $sampler 2>/dev/null || true
max_rss=$(sort -n "$samples" | tail -1)
echo "  start $start_rss KiB, end $(rss) KiB, max $max_rss KiB over $(wc -l <"$samples") samples"
