#!/usr/bin/env bash
# Fuzzes zhproof with cargo-fuzz (libFuzzer): scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Runs each target (default: all of fuzz/fuzz_targets) for SECONDS (default 20) from the seeds in
# fuzz/seeds/<target> (the HTML target also from the fixture pages in tests/pages) plus the working
# corpus fuzz/corpus/<target> (not committed). A crash leaves its input in fuzz/artifacts/<target>/
# and fails the script.
#
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them. It is
# installed here (compiled from source, once per machine: ~/.cargo/bin) when missing.
# ZHPROOF_FUZZ_SANITIZER picks the sanitizer (default `none`: the code is safe Rust, and without
# AddressSanitizer the build is about twice as fast and runs several times more executions;
# use `address` for long runs). ZHPROOF_FUZZ_CGU sets the codegen units (default 16: a build about
# twice as fast as cargo-fuzz's default of 1, for slightly slower runs). SECONDS=0 skips fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
shift || true
export RUSTC_BOOTSTRAP=1
sanitizer="${ZHPROOF_FUZZ_SANITIZER:-none}"
if [ "$seconds" = 0 ]; then
  echo "== fuzzing skipped (0 seconds)"
  exit 0
fi
flags=(--sanitizer "$sanitizer" --codegen-units "${ZHPROOF_FUZZ_CGU:-16}")

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/fuzz_targets/*.rs; do
    targets+=("$(basename "$f" .rs)")
  done
fi

echo "== cargo fuzz build (sanitizer: $sanitizer)"
cargo fuzz build "${flags[@]}"

status=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="fuzz/corpus/$t.log"
  echo "== fuzz $t for ${seconds}s"
  # Seeds: fuzz/seeds/<target>, and for the HTML adapter the fixture pages of tests/pages.
  seeds=()
  [ -d "fuzz/seeds/$t" ] && seeds+=("fuzz/seeds/$t")
  [ "$t" = html ] && seeds+=(tests/pages)
  if cargo fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    echo "   $t: ${runs:-?} executions, $cov, no crash"
  else
    status=1
    tail -n 40 "$log"
    echo "   $t: FAILED (input saved in fuzz/artifacts/$t/)"
  fi
done
exit $status
