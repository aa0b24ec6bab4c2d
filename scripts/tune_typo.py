#!/usr/bin/env python3
"""Fit the statistical typo detector's decision (the logistic weights in
crates/zhproof/src/rules/statistical_typo.rs) on tune data only, and print them.

Tune data: the 2006-2012 work reports (held out of the model), the even half (even line index) of
ECSpell odw train, SIGHAN-2013 and CLP-2014 test,
pycorrector's eval corpus — each erroneous sentence's source (its wrong positions are positives,
other scored positions negatives) and its corrected target (all negatives). Odw is weighted 3x
(the detector's domain is official prose). The report sets of scripts/eval_typo.py (odw odd
half, SIGHAN-2015, CSCD-NS, ECSpell law/med, clean sentences and documents) are never read.

The features are those of `confidence()` in statistical_typo.rs, in its order; after changing
them there, change `feats` here. Newton's method with a small L2 penalty; ~1-2 minutes.

Usage: scripts/tune_typo.py [--shared DIR] [--bin PATH]
"""
import argparse
import json
import math
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODW_WEIGHT = 3.0
HELD_OUT_WEIGHT = 1.0
TUNE_FROM = 2006  # scripts/build_typo_model.py's TUNE_FROM
SENT = re.compile(r"[^。！？；\n]+[。！？；]?")
L2 = 1e-2


def feats(x):
    _, o, c, sim, gain, wn, wo, no, po, sur, sg, bo, bn, win, uo, un, _demoted, _conf = x
    g = min(gain, 40) / 10
    sg = max(min(sg, 40), -40) / 10
    return [1.0, g, max(sg, 0), min(sg, 0), wn / 100, wo / 100, float(wn == 0), float(no > 0),
            float(po > 0), sur / 100, uo / 100, un / 100, float(sim == "NearPinyin"),
            float(sim == "SimilarShape"), g * g, float(sg > 0 and g > 1), float(wn > wo),
            bo[0] / 100, bo[1] / 100, bn[0] / 100, bn[1] / 100, float(bo[0] == 0 and bo[1] == 0),
            max(win, -80) / 10]


def pairs(path):
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if len(d["src"]) == len(d["tgt"]):
            out.append((d["src"], d["tgt"]))
    return out


def solve(a, b):
    n = len(b)
    m = [a[i][:] + [b[i]] for i in range(n)]
    for i in range(n):
        p = max(range(i, n), key=lambda r: abs(m[r][i]))
        m[i], m[p] = m[p], m[i]
        for r in range(n):
            if r != i:
                f = m[r][i] / m[i][i]
                for c in range(i, n + 1):
                    m[r][c] -= f * m[i][c]
    return [m[i][n] / m[i][i] for i in range(n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("ZHPROOF_SHARED", os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--bin", help="path of a built typo_scores example")
    args = ap.parse_args()
    bin_path = args.bin
    if not bin_path:
        subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "zhproof", "--example", "typo_scores"], cwd=ROOT, check=True)
        bin_path = os.path.join(ROOT, "target", "release", "examples", "typo_scores")
    t = os.path.join(args.shared, "corpus", "typo")
    odw = pairs(os.path.join(t, "ecspell", "odw_train.pairs.jsonl"))
    sets = [
        (ODW_WEIGHT, [odw[i] for i in range(0, len(odw), 2)]),
        (1.0, pairs(os.path.join(t, "sighan_13_14_15", "sighan13_test.pairs.jsonl"))
         + pairs(os.path.join(t, "sighan_13_14_15", "sighan14_test.pairs.jsonl"))
         + pairs(os.path.join(t, "pycorrector_eval", "eval_corpus.pairs.jsonl"))),
    ]
    # correct official prose the model never saw: the 2006-2012 work reports, held out of
    # training by scripts/build_typo_model.py (TUNE_FROM), one item per sentence, all negatives
    held_out = []
    reports = os.path.join(args.shared, "corpus", "clean_gov", "gov_work_reports_wikisource", "government_work_reports.jsonl")
    for line in open(reports, encoding="utf-8"):
        d = json.loads(line)
        if d.get("year") is not None and TUNE_FROM <= int(d["year"]) <= 2012:
            held_out += [m.group(0).strip() for m in SENT.finditer(d["content"]) if m.group(0).strip()]
    items = []
    for s in held_out:
        items.append((HELD_OUT_WEIGHT, s, set()))
    for weight, ps in sets:
        for s, tg in ps:
            items.append((weight, s, {i for i, (a, b) in enumerate(zip(s, tg)) if a != b}))
            if s != tg:
                items.append((weight, tg, set()))
    data = "".join(s.replace("\n", " ") + "\n" for _, s, _ in items).encode("utf-8")
    out = subprocess.run([bin_path], input=data, stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    xs, ys, ws = [], [], []
    for (weight, _, gold), line in zip(items, out.splitlines()):
        for x in json.loads(line):
            xs.append(feats(x))
            ys.append(1.0 if x[0] in gold else 0.0)
            ws.append(weight)
    k = len(xs[0])
    w = [0.0] * k
    for _ in range(12):
        g = [0.0] * k
        h = [[0.0] * k for _ in range(k)]
        for x, y, wt in zip(xs, ys, ws):
            z = sum(a * b for a, b in zip(w, x))
            p = 1 / (1 + math.exp(-max(min(z, 30), -30)))
            d, s = (p - y) * wt, p * (1 - p) * wt
            for i in range(k):
                g[i] += d * x[i]
                xi, hi = s * x[i], h[i]
                for j in range(k):
                    hi[j] += xi * x[j]
        for i in range(k):
            g[i] += L2 * w[i]
            h[i][i] += L2
        w = [a - b for a, b in zip(w, solve(h, g))]
    print(f"{len(xs)} scored positions, {int(sum(ys))} of them wrong characters")
    print(f"const WEIGHTS: [f64; {k}] = [{', '.join(f'{v:.4f}' for v in w)}];")


if __name__ == "__main__":
    main()
