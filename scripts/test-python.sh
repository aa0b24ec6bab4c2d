#!/usr/bin/env bash
# Builds the Python package (bindings/python) into .venv and runs its tests: the golden cases of
# tests/golden, the API tests, threads, pickling and a real dask.distributed cluster.
# Needs python3 (3.9+, with venv), Rust and a C compiler; everything else comes from PyPI.
#   PYTHON=python3.12 scripts/test-python.sh    # another interpreter (a new .venv is not made)
#   ZHPROOF_PY_RELEASE=1 scripts/test-python.sh # optimised build (slower to compile)
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
if [ ! -x "$venv/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
py="$venv/bin/python"
export VIRTUAL_ENV="$PWD/$venv"

req=bindings/python/requirements-test.txt
stamp="$venv/.zhproof-test-requirements"
if ! cmp -s "$req" "$stamp"; then
  "$py" -m pip install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$stamp"
fi

# A debug build reuses the dependencies `cargo test` just compiled; the tests do not time anything.
profile=()
if [ -n "${ZHPROOF_PY_RELEASE:-}" ]; then profile=(--release); fi
"$py" -m maturin develop --quiet --locked -m bindings/python/Cargo.toml "${profile[@]}"

# pytest exits 5 when it collected no test: that is a failure here, not a pass.
set +e
ZHPROOF_TEST_ALL=1 "$py" -m pytest -p no:cacheprovider -q bindings/python/tests
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "test-python.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
