#!/usr/bin/env bash
# `pip install` gives the `zhproof` command, and the pre-commit hooks work, tested from scratch:
#  1. builds a wheel of the Python package (debug profile) and installs it into a fresh virtual
#     environment; `zhproof` and `python -m zhproof` check, fix, handle a closed pipe;
#  2. installs pre-commit from PyPI there and runs this repository's .pre-commit-hooks.yaml with
#     `pre-commit try-repo` on a temporary git repository holding a file with a typo: `zhproof`
#     fails on it, `zhproof-fix` rewrites it, then `zhproof` passes.
# pre-commit installs the hook by `pip install` of this repository (the root pyproject.toml), which
# compiles the extension again: CARGO_TARGET_DIR and MATURIN_PEP517_ARGS make that a debug build
# reusing target/, so it costs a relink rather than a release build from scratch.
# Needs what scripts/test-python.sh needs (it makes .venv with maturin if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
started=$SECONDS

if [ ! -x .venv/bin/maturin ]; then
  "${PYTHON:-python3}" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r bindings/python/requirements-test.txt
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/zhproof-integrations.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== wheel into a fresh virtual environment"
.venv/bin/maturin build --quiet --locked --strip -m bindings/python/Cargo.toml --out "$work/dist"
"${PYTHON:-python3}" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$work"/dist/*.whl
zh="$work/venv/bin/zhproof"
printf '会议对下一阶段工作进行了全面布署。\n' > "$work/bad.md"

expect() { # expect STATUS COMMAND...: runs COMMAND, fails unless it exits with STATUS
  local want=$1; shift
  set +e; "$@"; local got=$?; set -e
  if [ "$got" -ne "$want" ]; then
    echo "test-integrations.sh: expected exit $want, got $got: $*" >&2
    return 1
  fi
}
expect 1 "$zh" check --no-config "$work/bad.md" > "$work/out.txt"
grep -q 'common-typo' "$work/out.txt"
expect 1 "$work/venv/bin/python" -m zhproof check --no-config --format github "$work/bad.md" > "$work/out.txt"
grep -q '^::warning file=' "$work/out.txt"
[ "$("$zh" fix --no-config "$work/bad.md")" = '会议对下一阶段工作进行了全面部署。' ]
expect 2 "$zh" check --no-config "$work/missing.md" > /dev/null 2> "$work/err.txt"
grep -q 'missing.md' "$work/err.txt"
# A closed pipe: `head` stops reading; the command still exits 0 and prints no traceback.
"$work/venv/bin/python" -c 'import sys; sys.stdout.write("会议布署。\n" * 200000)' > "$work/big.txt"
set +o pipefail
"$zh" check --no-config --format jsonl "$work/big.txt" 2> "$work/err.txt" | head -n 1 > /dev/null
status=${PIPESTATUS[0]}
set -o pipefail
[ "$status" -eq 0 ] && [ ! -s "$work/err.txt" ]
"$zh" --version
echo "wheel: ok ($((SECONDS - started)) s)"

echo "== pre-commit try-repo (this repository's .pre-commit-hooks.yaml)"
step=$SECONDS
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check 'pre-commit==4.7.0'
export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
export MATURIN_PEP517_ARGS="--profile dev --strip"
mkdir "$work/project"
cd "$work/project"
git init --quiet .
git config user.email test@example.invalid
git config user.name test
printf '# 通知\n\n会议对下一阶段工作进行了全面布署。\n' > notice.md
printf 'print("布署")\n' > code.py # not a text type the hooks take
git add notice.md code.py
pc="$work/venv/bin/pre-commit"
# One run of both hooks (each try-repo installs the hook environment anew): `zhproof` fails on the
# typo, `zhproof-fix` rewrites the file and fails because it did.
expect 1 "$pc" try-repo "$repo" --all-files > "$work/pc.txt" 2>&1 || { cat "$work/pc.txt"; exit 1; }
cat "$work/pc.txt"
grep -q '^zhproof check\.*Failed' "$work/pc.txt"
grep -q 'notice.md:3:15: warning\[common-typo\]' "$work/pc.txt"
grep -q '^zhproof fix\.*Failed' "$work/pc.txt"
grep -q 'files were modified by this hook' "$work/pc.txt"
if grep -q 'code.py' "$work/pc.txt"; then echo "a hook ran on code.py" >&2; exit 1; fi
[ "$(sed -n 3p notice.md)" = '会议对下一阶段工作进行了全面部署。' ]
[ "$(cat code.py)" = 'print("布署")' ]
expect 0 "$zh" check notice.md > /dev/null
echo "pre-commit: ok ($((SECONDS - step)) s)"
echo "test-integrations.sh: all passed in $((SECONDS - started)) s"
