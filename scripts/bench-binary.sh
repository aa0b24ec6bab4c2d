#!/usr/bin/env bash
# The shipped binary: its size (dist profile: no debug info, stripped) and the CLI's start-up on a
# 5 KB article (examples/article.txt repeated to 5,000 bytes), whole process, N fresh runs.
# Uses hyperfine when installed; otherwise a plain loop and the median. The machine is shared:
# report `uptime` with the figures.
#   scripts/bench-binary.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-51}"
cargo build --profile dist -p zhproof-cli --locked -q
bin=target/dist/zhproof
size=$(stat -c %s "$bin")
echo "binary: $bin, $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }'))"
article=$(mktemp)
trap 'rm -f "$article"' EXIT
while [ "$(stat -c %s "$article")" -lt 5000 ]; do cat examples/article.txt >> "$article"; done
head -c 5000 "$article" > "$article.tmp" && mv "$article.tmp" "$article"
# A cut in the middle of a character would make the input invalid UTF-8: --lossy keeps it a text.
cmd=("$bin" check --no-config --lossy --fail-on never --as-of 2025-06-01 "$article")
echo "load: $(uptime)"
if command -v hyperfine > /dev/null; then
  hyperfine --warmup 3 --runs "$runs" -N "${cmd[*]}"
else
  times=()
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "${cmd[@]}" > /dev/null
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" '
    { t[NR] = $1 }
    END { printf "start-up, %d runs: median %.1f ms, min %.1f ms, max %.1f ms\n",
          n, t[int((n + 1) / 2)] / 1000, t[1] / 1000, t[n] / 1000 }'
fi
