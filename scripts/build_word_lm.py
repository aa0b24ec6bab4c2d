#!/usr/bin/env python3
"""Convert an ARPA word trigram language model into zhproof-lm's binary format.

Usage:
  scripts/build_word_lm.py ARPA OUT.bin          # convert
  scripts/build_word_lm.py --check ARPA OLD.bin  # convert in memory, compare byte for byte
  scripts/build_word_lm.py --self-test           # check the quantizer (scripts/test.sh runs it)

The format (version 1) is documented in crates/zhproof-lm/src/lib.rs; in short, little-endian:

  header: b"ZHLM", version u32, n_words, n_bigrams, n_contexts, n_trigrams, unk_id, low_bits,
          pos_bits (u32 each), then SECTIONS (offset u32, length u32) pairs; every section starts on an
          8-byte boundary and is zero-padded to it.
  vocab_offsets   (n_words + 1) u32   word i is strings[off[i]..off[i+1]], words sorted by UTF-8
  vocab_strings   bytes
  uni_prob        n_words u16         quantized log10 p(w)
  uni_backoff     n_words u16         quantized log10 backoff(w)
  uni_ext         ceil(n_words/64) u64  word w has bigrams or a non-zero backoff
  bigram_high     u64 words           the bigrams' keys v * n_words + w (ascending: bigram b is the
  bigram_select   u32 per 512 zeros   b-th key) in Elias-Fano form: key b's high part (key >>
  bigram_rank     u32 per 512 bits    low_bits) is the number of zeros before bit high + b of
  bigram_low      packed low_bits     bigram_high, which holds n_bigrams ones and one zero ending
                                      each of the (n_words^2 - 1 >> low_bits) + 1 buckets;
                                      bigram_select[j] is the position of zero 512 j,
                                      bigram_rank[j] the number of zeros before bit 512 j; the
                                      low parts are packed in bigram_low (+ 8 zero bytes)
  bigram_prob     n_bigrams u8        quantized log10 p(w | v)
  context_bits    ceil(n_bigrams/64) u64   bigram b is a context: it starts a trigram or has a
                                           non-zero backoff
  context_rank    ceil(n_bigrams/64) u32   contexts among the bigrams before word b/64
  context_backoff n_contexts u8       quantized log10 backoff(v w)
  trigram_offsets (n_contexts + 1) u32  trigrams (u v, w) of context c are [off[c], off[c+1])
  trigram_next    packed pos_bits     of trigram (u v, w): the position of w among the successors
                                      of v (bigram (v w) - first bigram of v), ascending within
                                      each context (+ 8 zero bytes)
  trigram_prob    n_trigrams u8       quantized log10 p(w | u v)
  5 tables        f32 each            uni prob, uni backoff, bigram prob, context backoff,
                                      trigram prob: the code -> value tables
  first_chars     (u32, u32) pairs    each first character of a word (code point, ascending) and
                                      the id of its first word; then (0x110000, n_words)

Quantization: an order's values are stored exactly (their f32) when it has at most 2^bits distinct
values; otherwise a 1-D k-means (Lloyd's iterations over the distinct values weighted by their
counts, from equal-count bins and from bins split at the largest gaps, the better kept) picks the
2^bits centres. Unigrams get 16 bits, the rest 8. The errors are printed on stderr.

ARPA semantics: a missing <unk> gets log10 p = -100 (as KenLM does); a trigram whose context
bigram or suffix bigram is missing, or a bigram with a missing word, is an error (KenLM's lmplz
never writes such files).
"""
import argparse
import bisect
import struct
import sys
from collections import Counter

MAGIC = b"ZHLM"
VERSION = 1
SECTIONS = [
    "vocab_offsets", "vocab_strings", "uni_prob", "uni_backoff", "uni_ext", "bigram_high",
    "bigram_select", "bigram_rank", "bigram_low", "bigram_prob", "context_bits", "context_rank", "context_backoff",
    "trigram_offsets", "trigram_next", "trigram_prob",
    "table_uni_prob", "table_uni_backoff", "table_bigram_prob", "table_context_backoff",
    "table_trigram_prob", "first_chars",
]
UNK = "<unk>"
UNK_MISSING_PROB = -100.0


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def parse_arpa(path):
    """Returns [unigrams, bigrams, trigrams]: dicts of word tuple -> (prob, backoff or None)."""
    grams = [dict(), dict(), dict()]
    order = 0
    counts = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            if line == "\\data\\":
                order = -1
                continue
            if line == "\\end\\":
                break
            if line.startswith("\\") and line.endswith("-grams:"):
                order = int(line[1:-len("-grams:")])
                if order > 3:
                    sys.exit(f"{path}:{lineno}: order {order} > 3 is not supported")
                continue
            if order == -1:
                if line.startswith("ngram "):
                    n, c = line[len("ngram "):].split("=")
                    counts[int(n)] = int(c)
                continue
            if order == 0:
                continue
            fields = line.split()
            if len(fields) not in (order + 1, order + 2):
                sys.exit(f"{path}:{lineno}: expected {order} words: {line!r}")
            prob = float(fields[0])
            words = tuple(fields[1:order + 1])
            backoff = float(fields[order + 1]) if len(fields) == order + 2 else None
            if order == 3 and backoff is not None:
                sys.exit(f"{path}:{lineno}: a trigram with a backoff")
            grams[order - 1][words] = (prob, backoff)
    for n, c in counts.items():
        if n <= 3 and len(grams[n - 1]) != c:
            sys.exit(f"{path}: \\data\\ says {c} {n}-grams, found {len(grams[n - 1])}")
    return grams


def quantize(values, bits, name):
    """Returns (table of f32 centres ascending, code of each value)."""
    counts = Counter(values)
    uniq = sorted(counts)
    k = 1 << bits
    if len(uniq) <= k:
        table = [f32(v) for v in uniq]
        index = {v: i for i, v in enumerate(uniq)}
        print(f"{name}: {len(values)} values, {len(uniq)} distinct: exact", file=sys.stderr)
        return table, [index[v] for v in values]
    weights = [counts[v] for v in uniq]
    total = sum(weights)
    cw = [0]  # prefix sums of the weights and of the weighted values: O(1) bin centroids
    cv = [0.0]
    for v, w in zip(uniq, weights):
        cw.append(cw[-1] + w)
        cv.append(cv[-1] + v * w)

    def lloyd(bounds):
        """Lloyd's iterations from bin boundaries (indexes into uniq); returns f32 centres."""
        for _ in range(50):
            edges = [0] + bounds + [len(uniq)]
            centres = [(cv[e] - cv[s]) / (cw[e] - cw[s]) for s, e in zip(edges, edges[1:])]
            mids = [(x + y) / 2 for x, y in zip(centres, centres[1:])]
            new = sorted(set(bisect.bisect_right(uniq, m) for m in mids) - {0, len(uniq)})
            if new == bounds:
                break
            bounds = new
        return sorted(set(f32(c) for c in centres))

    def assign(table):
        """Nearest centre of each distinct value (ties to the lower centre), mean |error|."""
        code_of = {}
        err = 0.0
        for v, w in zip(uniq, weights):
            i = bisect.bisect_left(table, v)
            if i == len(table) or (i > 0 and v - table[i - 1] <= table[i] - v):
                i -= 1
            code_of[v] = i
            err += abs(table[i] - v) * w
        return code_of, err / total

    # Two starts, the better result kept: equal-count bins (good for a smooth distribution), and
    # bins split at the k - 1 largest gaps between distinct values (good when the values cluster,
    # and it isolates outliers such as lmplz's -99).
    equal = sorted(set(bisect.bisect_left(cw, j * total / k) for j in range(1, k)) - {0, len(uniq)})
    gaps = sorted(range(1, len(uniq)), key=lambda i: (uniq[i - 1] - uniq[i], i))[:k - 1]
    best = None
    for start in (equal, sorted(gaps)):
        table = lloyd(start)
        code_of, err = assign(table)
        if best is None or err < best[2]:
            best = (table, code_of, err)
    table, code_of, err = best
    worst = max(abs(table[code_of[v]] - v) for v in uniq)
    print(f"{name}: {len(values)} values, {len(uniq)} distinct, {len(table)} centres: "
          f"mean |error| {err:.6f}, max {worst:.6f}", file=sys.stderr)
    return table, [code_of[v] for v in values]


def packed(ids, bits):
    """ids as a little-endian bit stream of `bits` bits each, then 8 zero bytes."""
    out = bytearray()
    nbytes = (len(ids) * bits + 7) // 8
    ids = list(ids) + [0] * (-len(ids) % 8)
    for i in range(0, len(ids), 8):  # 8 ids fill exactly `bits` bytes
        acc = 0
        for x in reversed(ids[i:i + 8]):
            acc = (acc << bits) | x
        out += acc.to_bytes(bits, "little")
    return bytes(out[:nbytes]) + bytes(8)


def build(arpa):
    uni, bi, tri = parse_arpa(arpa)
    if (UNK,) not in uni:
        uni[(UNK,)] = (UNK_MISSING_PROB, None)
    words = sorted((w[0] for w in uni), key=lambda s: s.encode("utf-8"))
    wid = {w: i for i, w in enumerate(words)}
    n_words = len(words)
    if n_words >= 1 << 31:
        sys.exit(f"{arpa}: {n_words} words, the format takes fewer than 2^31")

    def ids(gram, what):
        try:
            return tuple(wid[w] for w in gram)
        except KeyError as e:
            sys.exit(f"{arpa}: {what} {' '.join(gram)!r} has a word not among the unigrams: {e}")

    bigrams = sorted((ids(g, "bigram"), v) for g, v in bi.items())
    bigram_index = {g: i for i, (g, _) in enumerate(bigrams)}
    trigrams = []
    for g, (p, _) in tri.items():
        t = ids(g, "trigram")
        ctx = bigram_index.get(t[:2])
        if ctx is None:
            sys.exit(f"{arpa}: trigram {' '.join(g)!r}: its context bigram is missing")
        if t[1:] not in bigram_index:
            sys.exit(f"{arpa}: trigram {' '.join(g)!r}: its suffix bigram is missing")
        trigrams.append((ctx, t[2], p))
    trigrams.sort()
    has_tri = set(c for c, _, _ in trigrams)
    contexts = [i for i, (_, (p, bo)) in enumerate(bigrams) if i in has_tri or (bo or 0.0) != 0.0]
    context_index = {b: c for c, b in enumerate(contexts)}

    sec = {}
    offs = [0]
    blob = bytearray()
    for w in words:
        blob += w.encode("utf-8")
        offs.append(len(blob))
    sec["vocab_offsets"] = struct.pack(f"<{len(offs)}I", *offs)
    sec["vocab_strings"] = bytes(blob)
    firsts = []
    for i, w in enumerate(words):
        if not firsts or firsts[-1][0] != ord(w[0]):
            firsts.append((ord(w[0]), i))
    firsts.append((0x110000, n_words))
    sec["first_chars"] = b"".join(struct.pack("<2I", c, i) for c, i in firsts)

    t_up, c_up = quantize([uni[(w,)][0] for w in words], 16, "unigram prob")
    t_ub, c_ub = quantize([uni[(w,)][1] or 0.0 for w in words], 16, "unigram backoff")
    sec["uni_prob"] = struct.pack(f"<{n_words}H", *c_up)
    sec["uni_backoff"] = struct.pack(f"<{n_words}H", *c_ub)

    boffs = [0] * (n_words + 1)
    for (g, _) in bigrams:
        boffs[g[0] + 1] += 1
    for i in range(n_words):
        boffs[i + 1] += boffs[i]
    # Elias-Fano code of the ascending keys v * n_words + w.
    keys = [g[0] * n_words + g[1] for g, _ in bigrams]
    universe = n_words * n_words
    low_bits = min(32, max(1, (universe // max(1, len(keys))).bit_length() - 1))
    n_buckets = ((universe - 1) >> low_bits) + 1
    n_bits = len(keys) + n_buckets
    high = [0] * ((n_bits + 63) // 64)
    highs = [k >> low_bits for k in keys]
    for i, h in enumerate(highs):
        high[(h + i) >> 6] |= 1 << ((h + i) & 63)
    sec["bigram_high"] = struct.pack(f"<{len(high)}Q", *high)
    # Zero h (it ends bucket h) is preceded by the keys of buckets <= h.
    select = [bisect.bisect_right(highs, h) + h for h in range(0, n_buckets, 512)]
    sec["bigram_select"] = struct.pack(f"<{len(select)}I", *select)
    rank = []
    zeros = 0
    for i, word in enumerate(high):
        if i % 8 == 0:
            rank.append(zeros)
        zeros += 64 - bin(word).count("1")
    sec["bigram_rank"] = struct.pack(f"<{len(rank)}I", *rank)
    sec["bigram_low"] = packed([k & ((1 << low_bits) - 1) for k in keys], low_bits)
    t_bp, c_bp = quantize([v[0] for _, v in bigrams], 8, "bigram prob")
    sec["bigram_prob"] = bytes(c_bp)

    n_blocks = (len(bigrams) + 63) // 64
    bits = [0] * n_blocks
    for b in contexts:
        bits[b // 64] |= 1 << (b % 64)
    rank = []
    acc = 0
    for word in bits:
        rank.append(acc)
        acc += bin(word).count("1")
    sec["context_bits"] = struct.pack(f"<{n_blocks}Q", *bits)
    sec["context_rank"] = struct.pack(f"<{n_blocks}I", *rank)
    t_cb, c_cb = quantize([bigrams[b][1][1] or 0.0 for b in contexts], 8, "context backoff")
    sec["context_backoff"] = bytes(c_cb)

    toffs = [0] * (len(contexts) + 1)
    for ctx, _, _ in trigrams:
        toffs[context_index[ctx] + 1] += 1
    for i in range(len(contexts)):
        toffs[i + 1] += toffs[i]
    sec["trigram_offsets"] = struct.pack(f"<{len(toffs)}I", *toffs)
    # A trigram's (u v, w) last word as its position among v's successors: fewer bits than an id.
    pos = [bigram_index[(bigrams[ctx][0][1], w)] - boffs[bigrams[ctx][0][1]]
           for ctx, w, _ in trigrams]
    pos_bits = max(1, (max(boffs[i + 1] - boffs[i] for i in range(n_words)) - 1).bit_length())
    sec["trigram_next"] = packed(pos, pos_bits)
    t_tp, c_tp = quantize([p for _, _, p in trigrams], 8, "trigram prob")
    sec["trigram_prob"] = bytes(c_tp)

    # Words the model can extend: the state after them keeps them.
    ext = [0] * ((n_words + 63) // 64)
    for w in range(n_words):
        if boffs[w + 1] > boffs[w] or t_ub[c_ub[w]] != 0.0:
            ext[w >> 6] |= 1 << (w & 63)
    sec["uni_ext"] = struct.pack(f"<{len(ext)}Q", *ext)

    for name, table in [("table_uni_prob", t_up), ("table_uni_backoff", t_ub),
                        ("table_bigram_prob", t_bp), ("table_context_backoff", t_cb),
                        ("table_trigram_prob", t_tp)]:
        sec[name] = struct.pack(f"<{len(table)}f", *table)

    head = MAGIC + struct.pack("<8I", VERSION, n_words, len(bigrams), len(contexts),
                               len(trigrams), wid[UNK], low_bits, pos_bits)
    pos = len(head) + 8 * len(SECTIONS)
    pos = (pos + 7) // 8 * 8
    table = []
    body = bytearray()
    for name in SECTIONS:
        data = sec[name]
        table.append(struct.pack("<2I", pos + len(body), len(data)))
        body += data
        body += bytes(-len(body) % 8)
    out = bytearray(head + b"".join(table))
    out += bytes(-len(out) % 8)
    assert len(out) == pos
    out += body
    print(f"{n_words} words, {len(bigrams)} bigrams ({len(contexts)} contexts), "
          f"{len(trigrams)} trigrams: {len(out)} bytes", file=sys.stderr)
    return bytes(out)


def self_test():
    """Checks quantize() on values with more distinct values than centres (the toy fixture of
    scripts/gen_word_lm_fixture.py has fewer, so it only exercises the exact case)."""
    import random
    rng = random.Random(16)
    values = [round(-abs(rng.gauss(0, 1.5)) - rng.random(), 6) for _ in range(20000)]
    values += [-99.0]
    table, codes = quantize(values, 4, "self-test")
    assert len(table) <= 16 and table == sorted(table)
    for v, c in zip(values, codes):  # every value maps to its nearest centre
        assert all(abs(table[c] - v) <= abs(t - v) for t in table), (v, table[c])
    err = sum(abs(table[c] - v) for v, c in zip(values, codes)) / len(values)
    # Equal-width bins over the range of the bulk (without the outlier) do worse.
    lo, hi = min(values[:-1]), max(values)
    width = (hi - lo) / 16
    uniform = sum(abs(v - (lo + (min(int((v - lo) / width), 15) + 0.5) * width))
                  for v in values[:-1]) / len(values)
    assert err < uniform, (err, uniform)
    exact_table, exact_codes = quantize([-1.5, -0.25, -1.5, 0.0], 4, "self-test exact")
    assert exact_table == [-1.5, -0.25, 0.0] and exact_codes == [0, 1, 0, 2]
    print(f"self-test ok: mean |error| {err:.5f} with 16 centres "
          f"(equal-width bins: {uniform:.5f})", file=sys.stderr)


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="compare the conversion with an existing OUT.bin instead of writing it")
    ap.add_argument("arpa")
    ap.add_argument("out")
    a = ap.parse_args()
    data = build(a.arpa)
    if a.check:
        with open(a.out, "rb") as f:
            old = f.read()
        if old != data:
            sys.exit(f"{a.out} differs from the conversion of {a.arpa} "
                     f"(rebuild: scripts/build_word_lm.py {a.arpa} {a.out})")
        print(f"{a.out} matches {a.arpa}", file=sys.stderr)
    else:
        with open(a.out, "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
