#!/usr/bin/env bash
# One-run comparison for BENCHMARKS.md: raw aho-corasick (default, contiguous NFA, DFA), raw
# daachorse charwise, zhproof's engine and full check on the same corpus and term lists,
# check_many on 1 and 2 threads, Checker::new() and CLI start-up in fresh processes, peak RSS.
# Uses ../shared/bench (ZHPROOF_SHARED overrides) or the committed sample. Not run by tests.
#   benches/compare.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"

echo "== machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo || true
grep -m1 MemTotal /proc/meminfo || true
uptime

cargo build --release --locked -p zhproof-cli -p zhproof-benches --bin zhproof --bin compare
bin=target/release
"$bin/compare" --rounds "$rounds" --cli "$bin/zhproof"

article="$(mktemp)"
trap 'rm -f "$article"' EXIT
"$bin/compare" --article > "$article"
echo
echo "## CLI start-up: zhproof check on a $(wc -c < "$article") byte article"
if ! command -v hyperfine > /dev/null && command -v apt-get > /dev/null; then
  (apt-get install -y hyperfine > /dev/null 2>&1 || sudo -n apt-get install -y hyperfine > /dev/null 2>&1) || true
fi
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs 50 -i "$bin/zhproof check --no-config $article" --export-markdown /dev/stdout 2>&1 | grep -v '^$'
fi
if [ -x /usr/bin/time ]; then
  for _ in 1 2 3; do
    /usr/bin/time -v "$bin/zhproof" check --no-config "$article" 2>&1 > /dev/null | grep -E 'Maximum resident'
  done
fi
