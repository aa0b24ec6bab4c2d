#!/usr/bin/env python3
"""Catch rate and false alarms of zhproof on the real injected-spam test sets.

Reads tests/data/spam/injected.tsv and clean.tsv (real page text collected with sources; see the
headers of those files), writes every text to a temporary directory, runs the built CLI once
(`zhproof check --format jsonl --select sensitive`) and prints, per shape and split:

- caught: injected rows where a `sensitive` finding overlaps the injected string;
- exact: caught rows whose overlapping findings cover exactly the injected string (what `fix` or
  an editor removes);
- outside: findings in injected rows that lie outside the injected string (noise on real text);
- false alarms: clean rows with any `sensitive` finding.

Usage: scripts/eval_spam.py [--bin target/debug/zhproof] [--split report|tune|all]
The split is deterministic (sha1 of the URL, see the data headers); report figures on `report`.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "tests", "data", "spam")


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_tsv(name):
    rows, header = [], None
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            rows.append({k: unescape(v) for k, v in zip(header, cols)})
    return rows


def run(binary, texts):
    """Findings per text index: list of (byte_start, byte_end, rule, matched text)."""
    with tempfile.TemporaryDirectory() as d:
        for i, t in enumerate(texts):
            with open(os.path.join(d, f"{i:04}.txt"), "w", encoding="utf-8") as f:
                f.write(t)
        p = subprocess.run(
            [binary, "check", "--no-config", "--format", "jsonl", "--select", "sensitive", d],
            capture_output=True, text=True,
        )
        if p.returncode not in (0, 1):
            sys.exit(f"{binary} failed ({p.returncode}): {p.stderr}")
        out = collections.defaultdict(list)
        for line in p.stdout.splitlines():
            f = json.loads(line)
            i = int(os.path.basename(f["path"]).split(".")[0])
            out[i].append((f["byte_start"], f["byte_end"], f["rule"], f["text"]))
        return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "debug", "zhproof"))
    ap.add_argument("--split", default="report", choices=["report", "tune", "all"])
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and alarms")
    a = ap.parse_args()
    inj = [r for r in read_tsv("injected.tsv") if a.split in ("all", r["split"])]
    clean = [r for r in read_tsv("clean.tsv") if a.split in ("all", r["split"])]
    found = run(a.bin, [r["text"] for r in inj] + [r["text"] for r in clean])
    stats = collections.defaultdict(lambda: [0, 0, 0, 0])  # rows, caught, exact, outside
    for i, r in enumerate(inj):
        t = r["text"].encode()
        s = t.index(r["injected"].encode())
        e = s + len(r["injected"].encode())
        over = [f for f in found[i] if f[0] < e and f[1] > s]
        # findings outside the injected string that are not other injected strings of the row
        others = [x["injected"].encode() for x in inj if x["text"] == r["text"]]
        spans = []
        for o in others:
            k = t.find(o)
            while k >= 0:
                spans.append((k, k + len(o)))
                k = t.find(o, k + 1)
        outside = [f for f in found[i] if not any(f[0] < b and f[1] > a_ for a_, b in spans)]
        st = stats[r["shape"]]
        st[0] += 1
        if over:
            st[1] += 1
            if min(f[0] for f in over) == s and max(f[1] for f in over) == e:
                st[2] += 1
            elif a.verbose:
                print(f"  inexact [{r['shape']}] want {r['injected']!r} got {[f[3] for f in over]}")
        elif a.verbose:
            print(f"  missed  [{r['shape']}] {r['injected']!r}")
        st[3] += len(outside)
        if a.verbose and outside:
            print(f"  outside [{r['shape']}] {[f[3] for f in outside]}")
    print(f"split: {a.split}   binary: {os.path.relpath(a.bin, ROOT)}")
    print(f"{'shape':<16}{'rows':>6}{'caught':>8}{'exact':>7}{'outside':>9}")
    tot = [0, 0, 0, 0]
    for shape in sorted(stats):
        st = stats[shape]
        tot = [x + y for x, y in zip(tot, st)]
        print(f"{shape:<16}{st[0]:>6}{st[1]:>8}{st[2]:>7}{st[3]:>9}")
    rate = tot[1] / tot[0] if tot[0] else 0.0
    print(f"{'all':<16}{tot[0]:>6}{tot[1]:>8}{tot[2]:>7}{tot[3]:>9}   catch rate {rate:.1%}")
    alarms = collections.Counter()
    n = len(inj)
    for j, r in enumerate(clean):
        if found[n + j]:
            alarms[r["topic"]] += 1
            if a.verbose:
                print(f"  alarm [{r['topic']}] {[f[2] + ':' + f[3] for f in found[n + j]]}")
    topics = collections.Counter(r["topic"] for r in clean)
    print(f"clean rows {len(clean)}, false alarms {sum(alarms.values())}: "
          + ", ".join(f"{t} {alarms[t]}/{topics[t]}" for t in sorted(topics)))


if __name__ == "__main__":
    main()
