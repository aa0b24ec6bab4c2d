#!/usr/bin/env python3
"""Share of real published errors (tests/data/published_errors.tsv) that zhproof catches.

Each row's text is checked as of its date; a row is caught when a finding overlaps the reported
error. Prints the share per set (the rows tuned on; the rows held out in session 5 or 6 and tuned
on since, `tuned (held-out in session 5)` and `tuned (held-out in session 6)`; all tuned rows
together; then each held-out set apart, e.g. `held-out (session 7)`) and,
with --misses, every miss. The binary is $ZHPROOF_BIN, else target/release/zhproof,
else target/debug/zhproof (so an older build can be measured for a before/after comparison).

Usage: scripts/eval_published.py [--misses]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def binary() -> str:
    if os.environ.get("ZHPROOF_BIN"):
        return os.environ["ZHPROOF_BIN"]
    for p in ("target/release/zhproof", "target/debug/zhproof"):
        if (ROOT / p).exists():
            return str(ROOT / p)
    sys.exit("no zhproof binary: cargo build -p zhproof-cli, or set ZHPROOF_BIN")


def main() -> int:
    rows = []
    header = None
    for line in (ROOT / "tests/data/published_errors.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    tuned_sets = ("tuned", "tuned (held-out in session 5)", "tuned (held-out in session 6)")
    # Sets collected after the rules were built (`held-out`, `held-out (session 7)` …), in file order.
    held_sets = tuple(dict.fromkeys(r["set"] for r in rows if r["set"].startswith("held-out")))
    unknown = {r["set"] for r in rows} - set(tuned_sets) - set(held_sets)
    if unknown:
        sys.exit(f"unknown set(s) {sorted(unknown)} in published_errors.tsv")
    sets = (*tuned_sets, *held_sets)
    caught = dict.fromkeys(sets, 0)
    total = dict.fromkeys(sets, 0)
    misses = []
    for r in rows:
        out = subprocess.run(
            [binary(), "check", "--no-config", "--format", "jsonl", "--as-of", r["date"]],
            input=r["text"].encode(), capture_output=True,
        ).stdout.decode()
        start = len(r["text"][: r["text"].index(r["error"])].encode())
        end = start + len(r["error"].encode())
        hits = [json.loads(l) for l in out.splitlines() if l.strip()]
        total[r["set"]] += 1
        if any(h["byte_start"] < end and start < h["byte_end"] for h in hits):
            caught[r["set"]] += 1
        else:
            misses.append(r)
    labels = {
        "tuned": "published errors caught (tuned on)",
        "tuned (held-out in session 5)": "held out in session 5, tuned on since",
        "tuned (held-out in session 6)": "held out in session 6, tuned on since",
        "all tuned": "all rows tuned on",
    }
    for name in held_sets:
        labels[name] = f"{name}: not tuned on"
    caught["all tuned"] = sum(caught[s] for s in tuned_sets)
    total["all tuned"] = sum(total[s] for s in tuned_sets)
    for name in (*tuned_sets, "all tuned", *held_sets):
        c, n = caught[name], total[name]
        if n:
            print(f"{c}/{n} {labels[name]} ({c * 100 / n:.1f}%)")
    if "--misses" in sys.argv:
        for r in misses:
            print(f"  missed ({r['set']}): {r['error']} (→ {r['correct']}) in {r['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
