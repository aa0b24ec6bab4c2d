#!/usr/bin/env python3
"""Generate zhproof-lm's test fixtures in crates/zhproof-lm/tests/data/:

  toy.arpa         a word trigram model of the toy corpus below (interpolated absolute discounting,
                   D = 0.5, written in backoff form: every n-gram's probability and every
                   context's backoff are exact, the distributions sum to 1);
  toy.bin          toy.arpa converted by scripts/build_word_lm.py;
  toy_kenlm.tsv    KenLM's own scores (Python module `kenlm`, `Model.full_scores(s, bos=False,
                   eos=False)`) of SEQUENCES and of random word sequences: per line the words
                   (space-separated), a tab, the log10 probability of each word (space-separated).
                   Needs `pip install kenlm` (https://github.com/kpu/kenlm, LGPL-2.1); the Rust
                   test crates/zhproof-lm/tests/kenlm.rs compares with it;
  medium.bin       a random model (seeded; its ARPA is not kept) large enough for every part of the
                   format to span several blocks: 2,000 words of 1-4 characters, five of them with
                   1,500 successors each (dense Elias-Fano buckets), bigrams and trigrams closed
                   under prefix and suffix, probabilities on a grid of 0.02 (fewer than 256
                   distinct values an order: stored exactly);
  medium_kenlm.tsv KenLM's scores of 300 random walks over medium's n-grams, as toy_kenlm.tsv.

Usage: scripts/gen_word_lm_fixture.py [--check]
  --check regenerates in memory and compares; toy_kenlm.tsv only when `kenlm` imports.
"""
import argparse
import math
import os
import random
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "zhproof-lm", "tests", "data")
D = 0.5

# Segmented sentences written for this fixture. 研究/研究生, 生命/命, 起源 make the classic
# segmentation ambiguity of 研究生命的起源.
CORPUS = """
我们 研究 生命 的 起源
研究生 研究 生命 的 起源
研究生 在 实验室 工作
我们 在 实验室 研究 问题
生命 的 意义 在于 创造
这个 问题 的 答案 很 简单
我们 的 研究生 很 努力
他 是 一 个 研究生
他们 研究 这个 问题
创造 生命 是 一 个 问题
实验室 的 工作 很 努力
我们 创造 了 一 个 实验室
命 是 一 个 字
这个 字 的 意义 很 简单
他 的 答案 是 创造
研究 的 意义 在于 问题
""".strip().splitlines()

# Sequences scored by KenLM besides the random ones: seen n-grams, backoff to bigrams and unigrams,
# unknown words at the start, middle and end, sentence markers used as words.
SEQUENCES = [
    "我们 研究 生命 的 起源",
    "研究生 命 的 起源",
    "研究 生命 的 起源",
    "我们 的 研究生 在 实验室 工作",
    "他 是 一 个 问题",
    "这个 问题 很 简单",
    "生命 的 答案 很 努力",
    "火星 的 生命",
    "我们 研究 火星",
    "我们 火星 研究 生命",
    "火星 土星 的 起源",
    "生命",
    "<unk>",
    "<s> 我们 研究",
    "我们 </s> 研究",
    "这个 字 是 命",
    "实验室 工作 很 简单",
    "研究 问题",
    "问题 研究",
    "他们 的 的 的",
]


def ngram_model(sentences):
    """Returns [{(w,): (p, bo)}, {(v, w): (p, bo)}, {(u, v, w): (p, None)}] as log10 values."""
    counts = [Counter(), Counter(), Counter()]
    for s in sentences:
        words = ["<s>"] + s.split() + ["</s>"]
        for n in range(3):
            for i in range(len(words) - n):
                counts[n][tuple(words[i:i + n + 1])] += 1
    vocab = sorted(w for (w,) in counts[0])
    # Unigrams: p(w) = (c(w) + 1) / (N + |V| + 1) with the extra unit mass for <unk>; <s> is never
    # predicted (-99, as lmplz writes).
    total = sum(c for (w,), c in counts[0].items() if w != "<s>")
    denom = total + len(vocab)
    prob = [dict(), dict(), dict()]
    for w in vocab:
        prob[0][(w,)] = 0.0 if w == "<s>" else (counts[0][(w,)] + 1) / denom
    prob[0][("<unk>",)] = 1 / denom

    def p_lower(gram):
        k = len(gram)
        if gram in prob[k - 1]:
            return prob[k - 1][gram]
        return backoff[k - 2].get(gram[:-1], 1.0) * p_lower(gram[1:])

    backoff = [dict(), dict()]
    for n in (1, 2):
        followers = defaultdict(list)
        ctx_total = Counter()
        for g, c in counts[n].items():
            followers[g[:-1]].append(g)
            ctx_total[g[:-1]] += c
        for h, gs in followers.items():
            backoff[n - 1][h] = D * len(gs) / ctx_total[h]
        for g, c in counts[n].items():
            h = g[:-1]
            prob[n][g] = (c - D) / ctx_total[h] + backoff[n - 1][h] * p_lower(g[1:])
    # Prune the trigrams of one context, keeping its backoff: a bigram with a backoff and no
    # extension (KenLM still applies the backoff).
    for g in [g for g in prob[2] if g[:2] == ("研究", "生命")]:
        del prob[2][g]

    def log(x):
        return -99.0 if x == 0 else math.log10(x)

    out = [dict(), dict(), dict()]
    for n in range(3):
        for g, p in prob[n].items():
            bo = backoff[n].get(g) if n < 2 else None
            out[n][g] = (log(p), None if bo is None else math.log10(bo))
    return out


def write_arpa(model):
    lines = ["", "\\data\\"]
    for n in range(3):
        lines.append(f"ngram {n + 1}={len(model[n])}")
    for n in range(3):
        lines.append("")
        lines.append(f"\\{n + 1}-grams:")
        for g in sorted(model[n]):
            p, bo = model[n][g]
            line = f"{p:.6f}\t{' '.join(g)}"
            if bo is not None:
                line += f"\t{bo:.6f}"
            lines.append(line)
    lines += ["", "\\end\\", ""]
    return "\n".join(lines)


def sequences(model):
    words = sorted(w for (w,) in model[0] if w not in ("<s>", "</s>", "<unk>"))
    rng = random.Random(16)
    seqs = list(SEQUENCES)
    for _ in range(40):
        n = rng.randint(1, 8)
        seq = []
        for _ in range(n):
            # Mostly continue a seen bigram so that trigrams and bigrams are hit, not only unigrams.
            nexts = [g[1] for g in model[1] if seq and g[0] == seq[-1] and g[1] != "</s>"]
            r = rng.random()
            if r < 0.1:
                seq.append(rng.choice(["火星", "土星", "x"]))
            elif nexts and r < 0.7:
                seq.append(rng.choice(sorted(nexts)))
            else:
                seq.append(rng.choice(words))
        seqs.append(" ".join(seq))
    return seqs


def medium_model():
    """A random trigram model in the form of ngram_model's result (see the module docstring)."""
    rng = random.Random(1616)
    chars = [chr(0x4E00 + i) for i in range(400)]
    words = set()
    while len(words) < 2000:
        words.add("".join(rng.choice(chars) for _ in range(rng.choice([1, 1, 2, 2, 2, 3, 4]))))
    words = sorted(words)

    def lp():
        return round(rng.uniform(-5, -0.1) * 50) / 50

    uni = {(w,): (lp(), lp() if rng.random() < 0.8 else None) for w in words}
    uni[("<unk>",)] = (-6.0, None)
    uni[("<s>",)] = (-99.0, lp())
    uni[("</s>",)] = (lp(), None)
    hubs = set(rng.sample(words, 5))
    bi = {}
    for v in words:
        k = 1500 if v in hubs else rng.choice([0, 1, 2, 5, 10])
        for w in rng.sample(words, k):
            bi[(v, w)] = lp()
    succ = defaultdict(list)
    for v, w in sorted(bi):
        succ[v].append(w)
    keys = sorted(bi)
    tri = {}
    while len(tri) < 3000:
        u, v = rng.choice(keys)
        if succ[v]:
            tri[(u, v, rng.choice(succ[v]))] = (lp(), None)
    contexts = set(g[:2] for g in tri)
    model = [uni, {}, tri]
    for g in keys:
        model[1][g] = (bi[g], lp() if g in contexts or rng.random() < 0.05 else None)
    return model


def medium_sequences(model):
    rng = random.Random(16)
    words = sorted(w for (w,) in model[0] if w not in ("<s>", "</s>", "<unk>"))
    succ = defaultdict(list)
    for v, w in sorted(model[1]):
        succ[v].append(w)
    tsucc = defaultdict(list)
    for u, v, w in sorted(model[2]):
        tsucc[(u, v)].append(w)
    seqs = []
    for _ in range(300):
        seq = [rng.choice(words)]
        for _ in range(rng.randint(0, 9)):
            r = rng.random()
            t = tsucc.get(tuple(seq[-2:])) if len(seq) >= 2 else None
            if t and r < 0.5:
                seq.append(rng.choice(t))
            elif succ[seq[-1]] and r < 0.8:
                seq.append(rng.choice(succ[seq[-1]]))
            elif r < 0.9:
                seq.append(rng.choice(words))
            else:
                seq.append("火星")
        seqs.append(" ".join(seq))
    return seqs


def kenlm_scores(arpa_path, seqs):
    import kenlm

    m = kenlm.Model(arpa_path)
    lines = []
    for s in seqs:
        scores = [p for p, _, _ in m.full_scores(s, bos=False, eos=False)]
        lines.append(s + "\t" + " ".join(f"{p:.6f}" for p in scores))
    return "\n".join(lines) + "\n"


def fixture(name, model, seqs, keep_arpa):
    """[(file name, bytes)] of a model: its ARPA (if keep_arpa), its image and KenLM's scores of
    seqs (None when the kenlm module is missing)."""
    arpa = write_arpa(model)
    with tempfile.TemporaryDirectory() as tmp:
        arpa_path = os.path.join(tmp, f"{name}.arpa")
        with open(arpa_path, "w", encoding="utf-8") as f:
            f.write(arpa)
        bin_path = os.path.join(tmp, f"{name}.bin")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build_word_lm.py"),
                        arpa_path, bin_path], check=True, stderr=subprocess.DEVNULL)
        with open(bin_path, "rb") as f:
            binary = f.read()
        try:
            scores = kenlm_scores(arpa_path, seqs).encode("utf-8")
        except ImportError:
            scores = None
    files = [(f"{name}.arpa", arpa.encode("utf-8"))] if keep_arpa else []
    return files + [(f"{name}.bin", binary), (f"{name}_kenlm.tsv", scores)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    toy = ngram_model(CORPUS)
    medium = medium_model()
    files = fixture("toy", toy, sequences(toy), True)
    files += fixture("medium", medium, medium_sequences(medium), False)
    bad = False
    for name, data in files:
        path = os.path.join(OUT, name)
        if data is None:
            if not a.check:
                sys.exit(f"the kenlm module is needed to write {name} (pip install kenlm)")
            print(f"{name} not checked: no kenlm module", file=sys.stderr)
        elif a.check:
            with open(path, "rb") as f:
                if f.read() != data:
                    print(f"{path} is stale (rebuild: scripts/gen_word_lm_fixture.py)",
                          file=sys.stderr)
                    bad = True
        else:
            os.makedirs(OUT, exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
