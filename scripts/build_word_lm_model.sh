#!/usr/bin/env bash
# Builds crates/zhproof-lm/data/word_lm.bin, the word language model the statistical typo detector
# embeds, from libime's zh_CN.lm (Debian package libime-data-language-model 1.0.16-1,
# LGPL-2.1-or-later): scripts/kenlm_binary.py dumps the KenLM binary to ARPA (in a temporary
# directory, never in the repository), scripts/build_word_lm.py converts it.
#   scripts/build_word_lm_model.sh          # rebuild data/word_lm.bin and its MANIFEST line
#   scripts/build_word_lm_model.sh --check  # rebuild in memory and compare byte for byte (~1 min)
# As root with apt-get (CI), the Debian package is installed when missing; elsewhere --check skips
# with a message when the model file is absent. numpy is pip-installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${ZHPROOF_LIBIME_LM:-/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm}
# the zh_CN.lm of libime-data-language-model 1.0.16-1 (Debian bookworm)
MODEL_SHA256=e4097ca9ca1082928c2ea7d5e368080a696611efa0714dfe563c769f26a415d2
OUT=crates/zhproof-lm/data/word_lm.bin
check=${1:-}

if [ ! -f "$MODEL" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing libime-data-language-model (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libime-data-language-model >/dev/null
fi
if [ ! -f "$MODEL" ]; then
  if [ "$check" = --check ]; then
    echo "skipped: $MODEL is absent (apt-get install libime-data-language-model)"; exit 0
  fi
  echo "$MODEL is absent (apt-get install libime-data-language-model)" >&2; exit 1
fi
sum=$(sha256sum "$MODEL" | cut -d' ' -f1)
if [ "$sum" != "$MODEL_SHA256" ]; then
  echo "$MODEL is not the libime-data-language-model 1.0.16-1 this build is pinned to (sha256 $sum)" >&2
  exit 1
fi
python3 -c "import numpy" 2>/dev/null || python3 -m pip install -q numpy
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/kenlm_binary.py "$MODEL" --arpa "$tmp/zh_CN.arpa" >&2
if [ "$check" = --check ]; then
  python3 scripts/build_word_lm.py --check "$tmp/zh_CN.arpa" "$OUT"
  (cd crates/zhproof-lm/data && sha256sum --quiet -c MANIFEST)
else
  python3 scripts/build_word_lm.py "$tmp/zh_CN.arpa" "$OUT"
  (cd crates/zhproof-lm/data && sha256sum word_lm.bin >MANIFEST)
  ls -l "$OUT"
fi
