#!/usr/bin/env python3
"""Share of real published errors (tests/data/published_errors.tsv) that zhproof catches.

Each row's text is checked as of its date; a row is caught when a finding overlaps the reported
error. Prints the share (the rows tuned on, then the held-out rows apart) and every miss. The binary is $ZHPROOF_BIN, else target/release/zhproof,
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
    caught = {"tuned": 0, "held-out": 0}
    total = {"tuned": 0, "held-out": 0}
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
    for name in ("tuned", "held-out"):
        c, n = caught[name], total[name]
        label = "published errors caught" if name == "tuned" else "held out (not tuned on)"
        print(f"{c}/{n} {label} ({c * 100 / max(n, 1):.0f}%)")
    if "--misses" in sys.argv:
        for r in misses:
            print(f"  missed ({r['set']}): {r['error']} (→ {r['correct']}) in {r['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
