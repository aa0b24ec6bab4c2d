#!/usr/bin/env bash
# The publishable crates package as crates.io would take them (scripts/test.sh runs this).
#   scripts/check-package.sh           # package every crate; build (verify) the core crates
#   ZHPROOF_PACKAGE_VERIFY=all scripts/check-package.sh   # build every packaged crate (~10 min)
#
# `cargo package` builds each packaged crate from its unpacked .crate (its own copy of the
# workspace crates it depends on), so verifying all seven rebuilds zhproof seven times. By default
# only zhproof-model, zhproof-lm and zhproof are verified — the crates whose build reads data files
# (build.rs, include_str!/include_bytes!) — and the others are packaged with --no-verify; the
# include check below covers what their verify build would catch: a file included from outside
# the crate.
set -euo pipefail
cd "$(dirname "$0")/.."

crates=(zhproof-model zhproof-lm zhproof zhproof-html zhproof-docs zhproof-site zhproof-server zhproof-cli)
pkgs=()
for c in "${crates[@]}"; do pkgs+=(-p "$c"); done

# A file a crate includes must lie inside the crate's directory (a link inside it, such as
# crates/zhproof/dictionaries -> ../../dictionaries, counts as inside: cargo copies its target).
python3 - "${crates[@]}" <<'PY'
import os, re, sys
bad = []
pat = re.compile(r'include_(?:str|bytes)!\(\s*"([^"]+)"|#\[path\s*=\s*"([^"]+)"\]')
for crate in sys.argv[1:]:
    root = os.path.join("crates", crate)
    for d, _, files in os.walk(os.path.join(root, "src")):
        for f in files:
            if not f.endswith(".rs"):
                continue
            p = os.path.join(d, f)
            for n, line in enumerate(open(p, encoding="utf-8"), 1):
                for m in pat.finditer(line):
                    rel = m.group(1) or m.group(2)
                    target = os.path.normpath(os.path.join(d, rel))
                    if os.path.relpath(target, root).startswith(".."):
                        bad.append(f"{p}:{n}: includes {rel}, outside {root}")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
PY

# cargo extracts each packaged workspace crate into its registry cache (registry/src/<hash>/NAME-VERSION)
# and reuses an earlier extraction of the same name and version, and the builds made from it (a
# registry crate's sources are taken as immutable): a crate changed since the last packaging on this
# machine would be verified against its old sources. Remove our crates' copies and their builds.
for c in "${crates[@]}"; do
  rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$c"-[0-9]*
done
cargo clean --quiet "${pkgs[@]}"

allow=()
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then allow=(--allow-dirty); fi
if [ "${ZHPROOF_PACKAGE_VERIFY:-core}" = all ]; then
  cargo package --locked "${allow[@]}" "${pkgs[@]}"
else
  cargo package --locked "${allow[@]}" -p zhproof-model -p zhproof-lm -p zhproof
  cargo package --locked "${allow[@]}" --no-verify "${pkgs[@]}"
fi
# crates.io refuses a .crate over 10 MB.
for c in "${crates[@]}"; do
  f=$(ls "${CARGO_TARGET_DIR:-target}"/package/"$c"-[0-9]*.crate | tail -n 1)
  size=$(wc -c <"$f")
  printf '%-16s %6d KiB compressed\n' "$c" $((size / 1024))
  if [ "$size" -gt $((10 * 1024 * 1024)) ]; then
    echo "$f is over crates.io's 10 MB limit" >&2
    exit 1
  fi
done
