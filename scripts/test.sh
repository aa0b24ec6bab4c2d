#!/usr/bin/env bash
# Every test: formatting, lints, Rust tests (unit, golden, CLI, doc) and the Python package's tests.
# This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo doc -D warnings (every intra-doc link resolves)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --lib --locked --quiet
echo "== cargo test"
cargo test --workspace --locked
echo "== generated dictionaries are up to date"
python3 scripts/gen_formulations.py --check
python3 scripts/gen_leader_variants.py --check
python3 scripts/gen_typos.py --check 2>/dev/null # ~5 s
python3 scripts/gen_idiom_index.py --check 2>/dev/null # ~2 s
python3 scripts/gen_site_fixtures.py --check
echo "== typo model files match their manifest (rebuild: scripts/build_typo_model.py --check)"
(cd crates/zhproof-model/data && sha256sum --quiet -c MANIFEST)
python3 scripts/gen_boundary_words.py --check
python3 scripts/gen_segmenter_words.py --check
echo "== word LM fixtures (toy.bin is build_word_lm.py's conversion of toy.arpa; KenLM scores if kenlm imports)"
python3 scripts/gen_word_lm_fixture.py --check # ~1 s
python3 scripts/build_word_lm.py --self-test # < 1 s
echo "== word LM model matches its manifest and rebuilds from libime's zh_CN.lm"
(cd crates/zhproof-lm/data && sha256sum --quiet -c MANIFEST)
scripts/build_word_lm_model.sh --check # ~1 min (installs libime-data-language-model as root)
echo "== cargo package: the publishable crates package, and the data crates build from their .crate"
scripts/check-package.sh # ~45 s with a warm target/ (see the script for why the others are --no-verify)
scripts/fuzz.sh "${ZHPROOF_FUZZ_SECONDS:-20}" # each fuzz target for a fixed time
if [ -x scripts/test-python.sh ]; then
  echo "== python tests"
  scripts/test-python.sh
fi
if [ -x scripts/test-integrations.sh ]; then
  echo "== integrations: pip-installed command, pre-commit hooks"
  scripts/test-integrations.sh
fi
echo "== browser tests (zhproof serve's page in headless Chromium)"
scripts/test-browser.sh
