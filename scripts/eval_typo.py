#!/usr/bin/env python3
"""Evaluate the statistical typo detector (rule `statistical-typo`) on ../shared.

Prints issue 16's goals 1-2:
  1. sentence-level detection on typo sets: ECSpell odw train split into a tune half (even line
     index) and a report half (odd line index) — thresholds were chosen on the tune half only —
     SIGHAN-2015 test, CSCD-NS test, ECSpell law and med tests;
  2. false alarms on clean text never used for training or tuning: 学习强国 and 人民日报
     sentences, and the clean_gov evaluation documents (work reports 2013-2025, Party congress
     reports, provincial reports 2025), as flagged sentences and findings per 10k characters.

A sentence counts as detected (true positive) when it has errors and every position flagged at
`warning` is one of its wrong characters; a flagged sentence that is not a true positive is a
false positive. `strict` additionally requires the flagged positions to be exactly the wrong ones
(SIGHAN's sentence-level detection). Sentences whose source and target differ in length are
skipped.

Usage: scripts/eval_typo.py [--shared DIR] [--bin PATH] [--min CONF]
The detector is run through the `typo_scores` example (built with --release when --bin is not given).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARNING = 0.9  # zhproof::rules::statistical_typo::WARNING_CONFIDENCE
INFO = 0.5  # zhproof::rules::statistical_typo::INFO_CONFIDENCE


def run_scores(bin_path, lines):
    data = "".join(l.replace("\n", " ") + "\n" for l in lines).encode("utf-8")
    out = subprocess.run([bin_path], input=data, stdout=subprocess.PIPE, check=True).stdout
    rows = [json.loads(l) for l in out.decode("utf-8").splitlines()]
    assert len(rows) == len(lines)
    return rows


def warned(x, conf):
    """Whether a scored position is reported at `conf` or above: its confidence reaches it and,
    at warning, it is not demoted to info (`Scored::demoted`: its window recurs in the same input
    line (document), the original forms a listed 3-4-character word, or a short quotation)."""
    return x[-1] >= conf and not (conf >= WARNING and x[-2])


def pairs(path):
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        if len(d["src"]) != len(d["tgt"]):
            continue
        gold = {i for i, (a, b) in enumerate(zip(d["src"], d["tgt"])) if a != b}
        out.append((d["src"], gold))
    return out


def detection(name, items, rows, conf):
    tp = fp = strict_tp = pos = 0
    for (src, gold), r in zip(items, rows):
        flagged = {x[0] for x in r if warned(x, conf)}
        pos += bool(gold)
        if not flagged:
            continue
        if gold and flagged <= gold:
            tp += 1
            strict_tp += flagged == gold
        else:
            fp += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r_ = tp / pos if pos else 0.0
    f1 = 2 * p * r_ / (p + r_) if p + r_ else 0.0
    neg = len(items) - pos
    clean_flag = sum(1 for (s, g), r in zip(items, rows) if not g and any(warned(x, conf) for x in r))
    sp = strict_tp / (tp + fp) if tp + fp else 0.0
    sr = strict_tp / pos if pos else 0.0
    sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
    print(
        f"{name:<22} {len(items):>6} {pos:>6}  P {p:.3f}  R {r_:.3f}  F1 {f1:.3f}   "
        f"strict P {sp:.3f} R {sr:.3f} F1 {sf:.3f}   clean flagged {clean_flag}/{neg}"
    )


SENT = re.compile(r"[^。！？；\n]+[。！？；]?")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("ZHPROOF_SHARED", os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--bin", help="path of a built typo_scores example")
    ap.add_argument("--min", type=float, default=WARNING, help="confidence counted as flagged")
    args = ap.parse_args()
    shared = args.shared
    if not os.path.isdir(os.path.join(shared, "corpus")):
        print(f"no shared corpus at {shared}: nothing to evaluate")
        return
    bin_path = args.bin
    if not bin_path:
        subprocess.run(
            ["cargo", "build", "--quiet", "--release", "-p", "zhproof", "--example", "typo_scores"],
            cwd=ROOT,
            check=True,
        )
        bin_path = os.path.join(ROOT, "target", "release", "examples", "typo_scores")
    typo = os.path.join(shared, "corpus", "typo")
    odw = pairs(os.path.join(typo, "ecspell", "odw_train.pairs.jsonl"))
    odw_rows = run_scores(bin_path, [s for s, _ in odw])
    others = []
    for name, path in (
        ("SIGHAN-2015 test", "sighan_13_14_15/sighan15_test.pairs.jsonl"),
        ("CSCD-NS test", "cscd_ns_test/cscd_ns_test.pairs.jsonl"),
        ("ECSpell law test", "ecspell/law_test.pairs.jsonl"),
        ("ECSpell med test", "ecspell/med_test.pairs.jsonl"),
    ):
        items = pairs(os.path.join(typo, path))
        others.append((name, items, run_scores(bin_path, [s for s, _ in items])))
    # at the default severity, then everything reported (info included, as JSON output shows)
    shown = "warning" if args.min >= WARNING else "info and above" if args.min <= INFO else "--min"
    levels = [(args.min, shown)] + ([(INFO, "info and above")] if args.min > INFO else [])
    for conf, level in levels:
        print(f"goal 1: sentence-level detection at confidence >= {conf} ({level})")
        print(f"{'set':<22} {'sents':>6} {'errors':>6}")
        for half, name in ((0, "odw tune (even)"), (1, "odw report (odd)")):
            idx = [i for i in range(len(odw)) if i % 2 == half]
            detection(name, [odw[i] for i in idx], [odw_rows[i] for i in idx], conf)
        for name, items, rows in others:
            detection(name, items, rows, conf)
        print()

    print(f"goal 2: clean text, confidence >= {args.min} ({shown}); goal <= 0.5% sentences, <= 0.1 per 10k chars")
    cg = os.path.join(shared, "corpus", "clean_gov")
    # each set as documents (one input line each: the detector judges repetition within a
    # document) and the sentences in them; the 学习强国 and 人民日报 sets are single sentences
    sets = []
    for name in ("xxqg_5000.txt", "rmrb1998_4636.txt"):
        lines = [l.strip() for l in open(os.path.join(cg, "xxqg_rmrb_sentences", name), encoding="utf-8") if l.strip()]
        sets.append((name, lines))
    gov = []
    for p in sorted(glob.glob(os.path.join(cg, "gov_work_reports_wikisource", "txt", "*.txt"))):
        m = re.match(r"gwr_(\d{4})\.txt", os.path.basename(p))
        if os.path.basename(p).startswith("cpc_") or (m and int(m.group(1)) >= 2013):
            gov.append(open(p, encoding="utf-8").read())
    for p in sorted(glob.glob(os.path.join(cg, "provincial_reports_2025", "*.txt"))):
        gov.append(open(p, encoding="utf-8").read())
    sets.append(("clean_gov eval docs", gov))
    examples = []
    for name, docs in sets:
        rows = run_scores(bin_path, docs)
        n_sent = n_flag = n_find = chars = 0
        for doc, r in zip(docs, rows):
            hits = sorted(x[0] for x in r if warned(x, args.min))
            if name.startswith("clean_gov"):
                spans = [(m.start(), m.end()) for m in SENT.finditer(doc) if m.group(0).strip()]
            else:
                spans = [(0, len(doc))]
            n_sent += len(spans)
            n_flag += sum(1 for a, b in spans if any(a <= h < b for h in hits))
            n_find += len(hits)
            chars += sum(len(doc[a:b].strip()) for a, b in spans)
            for x in r:
                if warned(x, args.min) and len(examples) < 20:
                    a, b = next(((a, b) for a, b in spans if a <= x[0] < b), (x[0], x[0] + 1))
                    examples.append((name, doc[a:b].strip(), [(x[1], x[2][0], x[-1])]))
        print(
            f"{name:<22} {n_sent:>6} sentences  flagged {n_flag} ({100 * n_flag / n_sent:.2f}%)  "
            f"{n_find} findings = {1e4 * n_find / chars:.3f} per 10k chars"
        )
    if os.environ.get("ZHPROOF_EVAL_VERBOSE"):
        for name, l, xs in examples:
            print(name, l, xs)


if __name__ == "__main__":
    main()
