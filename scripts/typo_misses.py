#!/usr/bin/env python3
"""Where the statistical typo detector loses the errors of ECSpell odw's TUNE half (even line
index; the report half is never read): each wrong character is classed by the furthest stage of
the detector it reaches, and each sentence with errors by the furthest stage any of its wrong
characters reaches (the table in BENCHMARKS.md, issue 16 session 5).

Stages, mirroring `zhproof::rules::statistical_typo::score`:
  not scored: both pairs of the wrong character were seen in training more than twice
    (zhproof-model's RARE_PAIR; the second Bloom filter);
  not scored: its unseen or rare pairs lie between two dictionary words (junction);
  the confusion set lacks the right character (with or without a row for the written one);
  the right character forms no more frequent pair where the written one forms an unseen or
    rare one;
  shortlist or minimum gain (the position was not scored for another reason);
  scored, confidence below warning (or demoted to info);
  detected at warning.

Usage: scripts/typo_misses.py [--shared DIR] [--bin PATH] [--examples N]
The model is read from crates/zhproof-model/data (hash and layout as in zhproof-model's lib.rs).
"""
import argparse
import json
import os
import re
import struct
import subprocess
import sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from build_typo_model import BOUND, NS_NGRAM, NS_WORD, key_hash  # noqa: E402
import eval_typo  # noqa: E402

DATA = os.path.join(ROOT, "crates", "zhproof-model", "data")
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


class Table:
    """A reader of ngrams.bin (see zhproof-model's lib.rs)."""

    def __init__(self, path):
        b = open(path, "rb").read()
        if b[:4] != b"ZHPM":
            sys.exit(f"{path}: not a zhproof model")
        _, bits, _, bloom_bits = struct.unpack("<IIQI", b[4:24])
        size = 1 << bits
        self.mask = size - 1
        self.slots = b[24 : 24 + 3 * size]
        words = 8 << bloom_bits
        self.bloom = b[24 + 3 * size : 24 + 3 * size + words]  # every seen bigram
        self.frequent = b[24 + 3 * size + words :]  # bigrams seen more than RARE_PAIR times
        self.bloom_mask = (1 << bloom_bits) - 1

    def get(self, ns, key):
        h = key_hash(ns, list(key))
        fp = (h >> 48) or 1
        slot = h & self.mask
        while True:
            v = self.slots[3 * slot + 2]
            if v == 0:
                return 0
            if self.slots[3 * slot] | (self.slots[3 * slot + 1] << 8) == fp:
                return v
            slot = (slot + 1) & self.mask

    def maybe_bigram(self, a, b, bloom=None):
        h = key_hash(NS_NGRAM, [a, b])
        i = 8 * (h & self.bloom_mask)
        word = int.from_bytes((bloom or self.bloom)[i : i + 8], "little")
        probe = (1 << ((h >> 24) & 63)) | (1 << ((h >> 30) & 63)) | (1 << ((h >> 36) & 63))
        return word & probe == probe

    def maybe_frequent_bigram(self, a, b):
        return self.maybe_bigram(a, b, self.frequent)


def confusion():
    out = {}
    for line in open(os.path.join(DATA, "confusion.tsv"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        out[cols[0]] = set(cols[1] + cols[2] + cols[3])
    return out


def junction(t, run, j):
    n = len(run)
    ends = any(t.get(NS_WORD, run[j + 1 - k : j + 1]) > 0 for k in range(2, 5) if j + 1 > k)
    return ends and any(t.get(NS_WORD, run[j + 1 : j + 1 + k]) > 0 for k in range(2, 5) if j + 1 + k < n)


STAGES = [
    "detected at warning",
    "scored, confidence below warning or demoted",
    "shortlist or minimum gain",
    "the right character forms no more frequent pair either",
    "the confusion set lacks the right character",
    "the confusion set has no row for the written character",
    "not scored: unseen or rare pair at a junction of dictionary words",
    "not scored: both pairs seen in training more than twice",
    "not a judged position (run edge, non-CJK)",
]


def stage(t, conf, src, tgt, i, scored):
    if i in scored:
        return STAGES[0] if eval_typo.warned(scored[i], eval_typo.WARNING) else STAGES[1]
    for m in CJK_RUN.finditer(src):
        if m.start() <= i < m.end():
            run = [BOUND] + [ord(c) for c in m.group(0)] + [BOUND]
            p = i - m.start() + 1
            break
    else:
        return STAGES[8]
    if len(run) < 4:
        return STAGES[8]
    seen = [t.maybe_frequent_bigram(run[j], run[j + 1]) for j in (p - 1, p)]
    if all(seen):
        return STAGES[7]
    if all(junction(t, run, j) for j, s in zip((p - 1, p), seen) if not s):
        return STAGES[6]
    o, g = src[i], tgt[i]
    if o not in conf:
        return STAGES[5]
    if g not in conf[o]:
        return STAGES[4]
    gp = ord(g)
    old = [t.get(NS_NGRAM, run[j : j + 2]) for j in (p - 1, p)]
    left = not seen[0] and t.get(NS_NGRAM, [run[p - 1], gp]) > old[0]
    right = not seen[1] and t.get(NS_NGRAM, [gp, run[p + 1]]) > old[1]
    return STAGES[2] if left or right else STAGES[3]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("ZHPROOF_SHARED", os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--bin", help="path of a built typo_scores example")
    ap.add_argument("--examples", type=int, default=0, help="print this many examples per stage")
    args = ap.parse_args()
    path = os.path.join(args.shared, "corpus", "typo", "ecspell", "odw_train.pairs.jsonl")
    if not os.path.exists(path):
        print(f"no {path}: nothing to analyse")
        return
    bin_path = args.bin
    if not bin_path:
        subprocess.run(
            ["cargo", "build", "--quiet", "--release", "-p", "zhproof", "--example", "typo_scores"], cwd=ROOT, check=True
        )
        bin_path = os.path.join(ROOT, "target", "release", "examples", "typo_scores")
    pairs = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if len(d["src"]) == len(d["tgt"]):
            pairs.append((d["src"], d["tgt"]))
    tune = [pairs[i] for i in range(0, len(pairs), 2)]  # the report half (odd) is never read
    rows = eval_typo.run_scores(bin_path, [s for s, _ in tune])
    t = Table(os.path.join(DATA, "ngrams.bin"))
    conf = confusion()
    chars, sents, examples = Counter(), Counter(), {}
    for (src, tgt), r in zip(tune, rows):
        scored = {x[0]: x for x in r}
        gold = [i for i, (a, b) in enumerate(zip(src, tgt)) if a != b]
        if not gold:
            continue
        flagged = {x[0] for x in r if eval_typo.warned(x, eval_typo.WARNING)}
        if flagged and not flagged <= set(gold):
            sents["a correct character flagged at warning"] += 1
            continue
        got = []
        for i in gold:
            s = stage(t, conf, src, tgt, i, scored)
            got.append(s)
            chars[s] += 1
            examples.setdefault(s, []).append(f"{src[max(0, i - 8):i]}[{src[i]}>{tgt[i]}]{src[i + 1:i + 8]}")
        sents[min(got, key=STAGES.index)] += 1
    print(f"odw tune half: {sum(sents.values())} sentences with errors, {sum(chars.values())} wrong characters")
    print(f"{'stage':<60} {'sentences':>9} {'chars':>6}")
    for s in ["a correct character flagged at warning"] + STAGES:
        if sents[s] or chars[s]:
            print(f"{s:<60} {sents[s]:>9} {chars[s]:>6}")
    for s in STAGES:
        for e in examples.get(s, [])[: args.examples]:
            print(f"  {s}: {e}")


if __name__ == "__main__":
    main()
