#!/usr/bin/env bash
# Browser tests of `zhproof serve`'s page in real headless Chromium (Debian's chromium and
# chromium-driver, driven by Python selenium from PyPI in a venv under target/).
#
# Installs Chromium with apt-get when it is missing and we are root (CI); otherwise skips with a
# message. ZHPROOF_SCREENSHOT=docs/serve.png saves a screenshot of the page with findings.
# ZHPROOF_BROWSER=0 skips the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${ZHPROOF_BROWSER:-1}" = "0" ]; then
  echo "browser tests skipped (ZHPROOF_BROWSER=0)"
  exit 0
fi
start=$(date +%s)
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
driver_bin=$(command -v chromedriver || true)
if [ -z "$chromium_bin" ] || [ -z "$driver_bin" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing chromium and chromium-driver (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver fonts-wqy-microhei >/dev/null
    chromium_bin=$(command -v chromium)
    driver_bin=$(command -v chromedriver)
  else
    echo "browser tests SKIPPED: chromium and chromedriver are not installed and we are not root"
    echo "  (install Debian's chromium and chromium-driver, or run as root to let this script do it)"
    exit 0
  fi
fi
echo "apt: $(( $(date +%s) - start )) s"

venv=target/browser-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "selenium==4.27.1"
fi

cargo build -q -p zhproof-cli --locked
log=$(mktemp)
target/debug/zhproof serve --no-config --bind 127.0.0.1:0 --as-of 2024-06-01 2>"$log" &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$log" && break
  sleep 0.1
done
url=$(grep -o 'http://[0-9.:]*/' "$log" | head -1)
if [ -z "$url" ]; then
  echo "zhproof serve did not start:"; cat "$log"; exit 1
fi
t0=$(date +%s)
# SE_OFFLINE: selenium must not try to download drivers; the Debian ones are given.
SE_OFFLINE=true ZHPROOF_URL="$url" CHROMIUM="$chromium_bin" CHROMEDRIVER="$driver_bin" \
  "$venv/bin/python" crates/zhproof-server/tests/browser/test_page.py
echo "browser tests: $(( $(date +%s) - t0 )) s (all of test-browser.sh: $(( $(date +%s) - start )) s)"
