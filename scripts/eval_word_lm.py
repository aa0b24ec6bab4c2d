#!/usr/bin/env python3
"""Compare zhproof-lm's scores of a converted model with KenLM's, on sentences of ECSpell.

Usage: python scripts/eval_word_lm.py MODEL.bin KENLM_MODEL [-n 1000] [--max 8] [--shared DIR]
                                     [--perturbed]

  MODEL.bin     an image built by scripts/build_word_lm.py
  KENLM_MODEL   a model KenLM loads: libime's zh_CN.lm itself (the Python module refuses an ARPA
                without <s>, as the dump of zh_CN.lm is)

Cuts the "tgt" texts of ../shared/corpus/typo/ecspell/odw_train.pairs.jsonl into sentences (at
。！？；, whitespace removed), samples N of them (seed 16), segments each with WordLm::segment
(the `word_lm` example of crates/zhproof-lm, release build) and scores every word of that
segmentation both with WordLm::step and with KenLM's `full_scores(s, bos=False, eos=False)`.
Prints the differences and the example's time of `segment` per character. With --perturbed, then
scores the same word sequences with a fifth of their words replaced by a random vocabulary word
or an unknown one (seed 16): they reach the backoff paths that a best segmentation avoids. Needs
the `kenlm`
Python module (pip install kenlm; https://github.com/kpu/kenlm). Skips cleanly without ../shared.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin")
    ap.add_argument("kenlm_model")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--max", type=int, default=8, help="longest word of the segmentation")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--perturbed", action="store_true")
    a = ap.parse_args()
    src = os.path.join(a.shared, "corpus", "typo", "ecspell", "odw_train.pairs.jsonl")
    if not os.path.exists(src):
        print(f"skipped: no {src}")
        return
    import kenlm

    sentences = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            tgt = re.sub(r"\s+", "", json.loads(line)["tgt"])
            sentences += [s for s in re.split(r"(?<=[。！？；])", tgt) if s]
    sentences = sorted(set(sentences))
    # odw_train has 977 distinct sentences: with the default N all of them, in a random order.
    sample = random.Random(16).sample(sentences, min(a.n, len(sentences)))
    m = kenlm.Model(a.kenlm_model)
    segmented = compare(a, m, sample, str(a.max))
    if a.perturbed:
        words = vocabulary(a.bin)
        rng = random.Random(16)
        perturbed = [" ".join(w if rng.random() >= 0.2 else
                              "火星土星" if rng.random() < 0.2 else rng.choice(words)
                              for w in s.split()) for s in segmented]
        print("perturbed:")
        compare(a, m, perturbed, "words")


def vocabulary(image):
    """The words of an image (read from its vocab_offsets), without <s>, </s>, <unk>."""
    import struct

    with open(image, "rb") as f:
        data = f.read()
    n_words = struct.unpack_from("<I", data, 8)[0]
    (o_off, _), (o_str, _) = struct.unpack_from("<2I", data, 36), struct.unpack_from("<2I", data, 44)
    offs = struct.unpack_from(f"<{n_words + 1}I", data, o_off)
    words = [data[o_str + offs[i]:o_str + offs[i + 1]].decode("utf-8") for i in range(n_words)]
    return [w for w in words if w not in ("<s>", "</s>", "<unk>")]


def compare(a, m, lines, mode):
    """Scores lines with the word_lm example (mode: MAX_CHARS or "words") and with KenLM, prints
    the differences; returns the word sequences scored."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as tmp:
        tmp.write("\n".join(lines) + "\n")
        tmp.flush()
        run = subprocess.run(
            ["nice", "-n", "19", "cargo", "run", "--quiet", "--release", "-p", "zhproof-lm",
             "--example", "word_lm", "--", a.bin, tmp.name, mode],
            cwd=ROOT, capture_output=True, text=True, check=True)
    diffs = []
    sent_diffs = []
    oov = 0
    worst = (0.0, "")
    scored = []
    for line in run.stdout.splitlines():
        words, scores, total = line.split("\t")
        scored.append(words)
        ours = [float(x) for x in scores.split()]
        theirs = [(p, o) for p, _, o in m.full_scores(words, bos=False, eos=False)]
        assert len(ours) == len(theirs), line
        for w, x, (y, o) in zip(words.split(), ours, theirs):
            diffs.append(abs(x - y))
            oov += o
            if abs(x - y) > worst[0]:
                worst = (abs(x - y), f"{w} in {words}: ours {x}, KenLM {y}")
        sent_diffs.append(abs(float(total) - sum(y for y, _ in theirs)))
    n = len(diffs)
    print(f"{len(sent_diffs)} sentences, {n} words ({oov} unknown to KenLM)")
    print(f"per word |ours - KenLM|: mean {sum(diffs) / n:.6f}, max {max(diffs):.6f}; "
          f"within 1e-3: {sum(d <= 1e-3 for d in diffs) / n:.2%}, "
          f"within 1e-2: {sum(d <= 1e-2 for d in diffs) / n:.2%}")
    print(f"per sentence |ours - KenLM|: mean {sum(sent_diffs) / len(sent_diffs):.6f}, "
          f"max {max(sent_diffs):.6f}")
    print(f"largest word difference: {worst[1]}")
    if mode != "words":
        print(run.stderr.strip().splitlines()[-1])
    return scored


if __name__ == "__main__":
    main()
