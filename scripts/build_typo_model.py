#!/usr/bin/env python3
"""Build the statistical typo model in crates/zhproof-model/data/ from redistributable sources.

Sources (see crates/zhproof-model/README.md for licences):
  - ../shared/bench/corpus.txt: PRC laws and regulations (LawRefBook), not copyrightable;
  - ../shared/corpus/clean_gov/laws_lawrefbook: 宪法 + 行政法规;
  - ../shared/corpus/clean_gov/gov_work_reports_wikisource/government_work_reports.jsonl, reports of
    1978-2005 only (2006-2012 are tune text for scripts/tune_typo.py; 2013-2025, the congress
    reports and provincial reports are evaluation text);
  - jieba-rs 0.11's dict.txt (MIT): words, frequencies and part-of-speech tags;
  - pypinyin 0.55.0 (MIT): toneless pinyin of each character, for same/near-pinyin candidates;
  - pycorrector 1.1.4's data/same_stroke.txt (Apache-2.0): similar-shape groups; its
    person_name.txt and place_name.txt (Apache-2.0): person and place names with counts;
  - the glyphs of WenQuanYi Micro Hei (Debian fonts-wqy-microhei 0.2.0-beta-3.1, Apache-2.0 or
    GPLv3 with font exception), rendered with Pillow 12.0.0 and compared with numpy 2.3.5: more
    similar-shape candidates (白/自, 亚/业, 淮/准 ...). Only the pairs are shipped, not the font.

Every sentence of the training text that shares a 12-character run with an evaluation text (clean_gov
evaluation documents, 学习强国 / 人民日报 sentences, every typo data set) is dropped first.

Outputs:
  - ngrams.bin: a hash table of character 1-3-gram counts and word frequencies, and two Bloom
    filters of the bigrams seen and seen more than RARE_PAIR times (format in
    crates/zhproof-model/src/lib.rs);
  - confusion.tsv: for each common character, its candidate replacements tagged by kind;
  - MANIFEST: sha256 of each output.

Usage: scripts/build_typo_model.py [--shared DIR] [--check]
  --check rebuilds into a temporary directory and compares with the committed files.
"""
import argparse
import glob
import hashlib
import json
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "zhproof-model", "data")
PYPINYIN = "pypinyin==0.55.0"
PYCORRECTOR = "pycorrector==1.1.4"
PILLOW = "pillow==12.0.0"
NUMPY = "numpy==2.3.5"
# Debian fonts-wqy-microhei 0.2.0-beta-3.1 (apt-get install fonts-wqy-microhei)
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT_SHA256 = "2420e8078af796b19a3f6ef13de527a1a91c1e7171eea115926c614ced1009b3"
GLYPH_SIZE = 32  # rendered glyphs are GLYPH_SIZE x GLYPH_SIZE, the font at GLYPH_SIZE - 4 px
GLYPH_TOP = 4  # similar-shape candidates per character from the glyphs ...
GLYPH_MIN = 0.75  # ... with a cosine similarity of the blurred glyphs of at least this

MAGIC = b"ZHPM"
VERSION = 3
BOUND = 0x2  # run boundary pseudo-character
NS_NGRAM = 0
NS_WORD = 1
NS_NAME = 2  # words jieba tags as person names (nr)
NS_PLACE = 3  # words tagged ns / nt / nz and other proper nouns
TABLE_BITS = 21
BLOOM_WORDS_LOG2 = 16  # 2^16 u64 words = 512 KB (about 17 bits per bigram): the bigram prefilter
BLOOM_PROBES = (24, 30, 36)  # bit positions in the key hash of the three probes
# the second Bloom filter holds the bigrams seen more than this many times: a character whose
# pair is rarer is judged too (a slip can form a pair the training text has once: 信系化)
RARE_PAIR = 2
MIN_TRIGRAM = 2
SHINGLE = 12
# the work reports from this year to 2012 are held out of training: scripts/tune_typo.py uses
# them as correct official prose the model has not seen (the later reports are evaluation text)
TUNE_FROM = 2006
SURNAME_MIN = 30

M64 = (1 << 64) - 1


def is_cjk(ch):
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF


def key_hash(ns, cps):
    """FNV-1a over (namespace, code points) then a splitmix64 finish; mirrored in Rust."""
    h = 0xCBF29CE484222325
    for v in [ns] + cps:
        h ^= v
        h = (h * 0x100000001B3) & M64
    h ^= h >> 30
    h = (h * 0xBF58476D1CE4E5B9) & M64
    h ^= h >> 27
    h = (h * 0x94D049BB133111EB) & M64
    h ^= h >> 31
    return h


def quant(count):
    """1 + round(8 * log2(count)), capped at 255; 0 marks an empty slot."""
    return min(255, 1 + int(round(8 * math.log2(max(count, 1)))))


def cjk_only(s):
    return "".join(c for c in s if is_cjk(c))


def shingles(s):
    t = cjk_only(s)
    return {hash(t[i : i + SHINGLE]) for i in range(0, max(0, len(t) - SHINGLE + 1))}


def eval_texts(shared):
    cg = os.path.join(shared, "corpus", "clean_gov")
    gw = os.path.join(cg, "gov_work_reports_wikisource")
    for line in open(os.path.join(gw, "government_work_reports.jsonl"), encoding="utf-8"):
        d = json.loads(line)
        y = d.get("year")
        if y is None or int(y) >= 2013:
            yield d["content"]
    for line in open(os.path.join(gw, "cpc_congress_reports.jsonl"), encoding="utf-8"):
        yield json.loads(line)["content"]
    for p in sorted(glob.glob(os.path.join(gw, "txt", "*.txt"))):
        name = os.path.basename(p)
        m = re.match(r"gwr_(\d{4})\.txt", name)
        if name.startswith("cpc_") or (m and int(m.group(1)) >= 2013):
            yield open(p, encoding="utf-8").read()
    for p in sorted(glob.glob(os.path.join(cg, "provincial_reports_2025", "*.txt"))):
        yield open(p, encoding="utf-8").read()
    for p in sorted(glob.glob(os.path.join(cg, "xxqg_rmrb_sentences", "*.txt"))):
        yield open(p, encoding="utf-8").read()
    for p in sorted(glob.glob(os.path.join(shared, "corpus", "typo", "*", "*.pairs.jsonl"))):
        for line in open(p, encoding="utf-8"):
            d = json.loads(line)
            yield d["src"] + "\n" + d["tgt"]


def training_texts(shared):
    yield "bench", open(os.path.join(shared, "bench", "corpus.txt"), encoding="utf-8").read()
    laws = os.path.join(shared, "corpus", "clean_gov", "laws_lawrefbook")
    for p in sorted(glob.glob(os.path.join(laws, "**", "*.md"), recursive=True)):
        yield "laws", open(p, encoding="utf-8").read()
    gw = os.path.join(shared, "corpus", "clean_gov", "gov_work_reports_wikisource")
    for line in open(os.path.join(gw, "government_work_reports.jsonl"), encoding="utf-8"):
        d = json.loads(line)
        y = d.get("year")
        if y is not None and 1978 <= int(y) < TUNE_FROM:
            yield "gwr", d["content"]


SENT = re.compile(r"[^。！？；\n]+[。！？；]?")


def ensure_pip(spec):
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", spec], check=True, stdout=sys.stderr
    )


def pycorrector_data(tmp, name):
    whl = glob.glob(os.path.join(tmp, "pycorrector-*.whl"))
    if not whl:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", tmp, PYCORRECTOR],
            check=True,
            stdout=sys.stderr,
        )
        whl = glob.glob(os.path.join(tmp, "pycorrector-*.whl"))
    with zipfile.ZipFile(whl[0]) as z:
        return z.read(f"pycorrector/data/{name}").decode("utf-8")


def name_counts(tmp, name):
    """pycorrector's person_name.txt / place_name.txt: "name<TAB>count" lines (names counted in
    news text); CJK names of 2-4 characters only."""
    out = {}
    for line in pycorrector_data(tmp, name).splitlines():
        parts = line.split()
        if len(parts) == 2 and 2 <= len(parts[0]) <= 4 and all(is_cjk(c) for c in parts[0]):
            out[parts[0]] = max(out.get(parts[0], 0), int(parts[1]))
    return out


def same_stroke_groups(tmp):
    text = pycorrector_data(tmp, "same_stroke.txt")
    groups = []
    for line in text.splitlines():
        chars = [c for c in line.split() if len(c) == 1 and is_cjk(c)]
        if len(chars) > 1:
            groups.append(chars)
    return groups


def glyph_similar(chars):
    """For each character, up to GLYPH_TOP characters of `chars` whose rendered glyph looks most
    like it: cosine similarity, at least GLYPH_MIN, of the glyph bitmaps blurred by a 1-pixel
    Gaussian and centred on their mean (so strokes a pixel apart still match). Scores are rounded
    to 1e-4 and ties broken by code point, so the result does not depend on float summation
    order."""
    if not os.path.exists(FONT):
        sys.exit(f"{FONT} not found: apt-get install fonts-wqy-microhei")
    if hashlib.sha256(open(FONT, "rb").read()).hexdigest() != FONT_SHA256:
        sys.exit(f"{FONT} is not fonts-wqy-microhei 0.2.0-beta-3.1 (sha256 differs)")
    ensure_pip(PILLOW)
    ensure_pip(NUMPY)
    import numpy as np  # noqa: E402
    from PIL import Image, ImageDraw, ImageFilter, ImageFont  # noqa: E402

    font = ImageFont.truetype(FONT, GLYPH_SIZE - 4, index=0)
    rows = []
    for c in chars:
        im = Image.new("L", (GLYPH_SIZE, GLYPH_SIZE), 0)
        ImageDraw.Draw(im).text((2, 0), c, font=font, fill=255)
        rows.append(np.asarray(im.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float64).ravel())
    m = np.stack(rows)
    m -= m.mean(axis=1, keepdims=True)
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)
    out = {}
    for i, c in enumerate(chars):
        sim = np.round(m @ m[i], 4)
        sim[i] = -1.0
        # highest similarity first, then lowest code point (chars is sorted)
        best = np.lexsort((np.arange(len(chars)), -sim))[:GLYPH_TOP]
        out[c] = {chars[j] for j in best if sim[j] >= GLYPH_MIN}
    return out


def jieba_dict():
    reg = glob.glob(os.path.expanduser("~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data/dict.txt"))
    if not reg:
        sys.exit("jieba-rs 0.11.0 sources not found: run `cargo fetch` first")
    words = []
    for line in open(reg[0], encoding="utf-8"):
        parts = line.split()
        if len(parts) >= 2 and all(is_cjk(c) for c in parts[0]):
            words.append((parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""))
    return words


NEAR = [("zh", "z"), ("ch", "c"), ("sh", "s")]
NEAR_FINAL = [("ang", "an"), ("eng", "en"), ("ing", "in")]


def near_pinyins(py):
    out = set()
    for a, b in NEAR:
        if py.startswith(a):
            out.add(b + py[len(a):])
        elif py.startswith(b) and not py.startswith(a):
            out.add(a + py[len(b):])
    if py.startswith("n"):
        out.add("l" + py[1:])
    if py.startswith("l"):
        out.add("n" + py[1:])
    for a, b in NEAR_FINAL:
        if py.endswith(a):
            out.add(py[: -len(a)] + b)
        elif py.endswith(b):
            out.add(py[: -len(b)] + a)
    out.discard(py)
    return out


def build(shared, out_dir, tmp):
    log = lambda *a: print(*a, file=sys.stderr)
    ensure_pip(PYPINYIN)
    from pypinyin import Style, pinyin  # noqa: E402

    log("evaluation shingles ...")
    banned = set()
    for t in eval_texts(shared):
        banned |= shingles(t)
    log(f"  {len(banned)} shingles")

    counts = Counter()
    kept = dropped = 0
    nchars = 0
    for src, text in training_texts(shared):
        for m in SENT.finditer(text):
            s = m.group(0)
            t = cjk_only(s)
            if len(t) >= SHINGLE and any(
                hash(t[i : i + SHINGLE]) in banned for i in range(len(t) - SHINGLE + 1)
            ):
                dropped += 1
                continue
            kept += 1
            # runs of CJK characters, framed by boundary marks
            for run in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]+", s):
                cps = [BOUND] + [ord(c) for c in run] + [BOUND]
                nchars += len(run)
                n = len(cps)
                for i in range(n):
                    if i < n - 1:
                        counts[(cps[i],)] += 1  # the boundary's count is the number of runs
                    if i + 1 < n:
                        counts[(cps[i], cps[i + 1])] += 1
                    if i + 2 < n:
                        counts[(cps[i], cps[i + 1], cps[i + 2])] += 1
    log(f"  training sentences kept {kept}, dropped {dropped}, {nchars} CJK chars")

    entries = {}
    for k, c in counts.items():
        if len(k) == 3 and c < MIN_TRIGRAM:
            continue
        entries[key_hash(NS_NGRAM, list(k))] = quant(c)
    n_ngrams = len(entries)
    words = jieba_dict()
    surnames = Counter()
    for w, f, tag in words:
        cps = [ord(c) for c in w]
        entries[key_hash(NS_WORD, cps)] = quant(f + 1)
        if tag == "nr" and len(w) in (2, 3):
            surnames[w[0]] += 1
        if tag.startswith("nr"):
            entries[key_hash(NS_NAME, cps)] = quant(f + 1)
        elif tag in ("ns", "nt", "nz") or tag.startswith("ns"):
            entries[key_hash(NS_PLACE, cps)] = quant(f + 1)
    # person and place names counted in news text (pycorrector's data, Apache-2.0): names the
    # laws and reports lack are where the detector's false alarms were
    for ns, name in ((NS_NAME, "person_name.txt"), (NS_PLACE, "place_name.txt")):
        for w, f in sorted(name_counts(tmp, name).items()):
            k = key_hash(ns, [ord(c) for c in w])
            entries[k] = max(entries.get(k, 0), quant(f + 1))
    # the empty word holds the sum of jieba's frequencies
    entries[key_hash(NS_WORD, [])] = quant(sum(f for _, f, _ in words))
    # a single character in the person-name namespace: how many of jieba's 2-3-character
    # person names start with it (surname likelihood), when at least SURNAME_MIN do
    for c, n in surnames.items():
        if n >= SURNAME_MIN:
            entries[key_hash(NS_NAME, [ord(c)])] = quant(n)
    log(f"  {n_ngrams} n-grams, {len(entries)} entries with words")

    size = 1 << TABLE_BITS
    if len(entries) > size * 0.75:
        sys.exit(f"table too full: {len(entries)} > 0.75 * {size}")
    fps = [0] * size
    vals = bytearray(size)
    mask = size - 1
    for h in sorted(entries):
        slot = h & mask
        fp = (h >> 48) or 1
        while vals[slot]:
            slot = (slot + 1) & mask
        fps[slot] = fp
        vals[slot] = entries[h]
    total = nchars
    # two blocked Bloom filters (three bits in one u64 word): one over every character bigram
    # seen, one over those seen more than RARE_PAIR times, so the detector can tell most unseen
    # or rare bigrams without touching the big table
    nwords = 1 << BLOOM_WORDS_LOG2
    blooms = ([0] * nwords, [0] * nwords)
    n_bigrams = [0, 0]
    for k, c in counts.items():
        if len(k) != 2:
            continue
        h = key_hash(NS_NGRAM, list(k))
        word = h & (nwords - 1)
        for f, bloom in enumerate(blooms):
            if f == 1 and c <= RARE_PAIR:
                continue
            n_bigrams[f] += 1
            for shift in BLOOM_PROBES:
                bloom[word] |= 1 << ((h >> shift) & 63)
    log(f"  {n_bigrams[0]} bigrams seen, {n_bigrams[1]} more than {RARE_PAIR} times ({8 * nwords} bytes each)")
    header = MAGIC + struct.pack("<IIQI", VERSION, TABLE_BITS, total, BLOOM_WORDS_LOG2)
    slots = bytearray(3 * size)
    for i in range(size):
        slots[3 * i] = fps[i] & 0xFF
        slots[3 * i + 1] = fps[i] >> 8
        slots[3 * i + 2] = vals[i]
    with open(os.path.join(out_dir, "ngrams.bin"), "wb") as f:
        f.write(header)
        f.write(bytes(slots))
        for bloom in blooms:
            f.write(struct.pack(f"<{nwords}Q", *bloom))

    # confusion sets over the characters the model knows
    uni = {chr(k[0]): c for k, c in counts.items() if len(k) == 1}
    common = {c for c, n in uni.items() if n >= 3}
    for w, f, tag in words:
        if len(w) == 1 and f >= 100:
            common.add(w)
    by_py = {}
    py_of = {}
    for c in sorted(common):
        # the main reading only: heteronyms' rare readings make huge, noisy sets
        pys = {p for p in pinyin(c, style=Style.NORMAL, heteronym=False)[0] if p.isascii() and p.isalpha()}
        py_of[c] = pys
        for p in pys:
            by_py.setdefault(p, set()).add(c)
    shape = {}
    for g in same_stroke_groups(tmp):
        for c in g:
            shape.setdefault(c, set()).update(x for x in g if x != c)
    log("  glyph similarity ...")
    for c, similar in glyph_similar(sorted(common)).items():
        shape.setdefault(c, set()).update(similar)
    lines = ["# char\tsame pinyin\tnear pinyin\tsimilar shape (generated by scripts/build_typo_model.py)"]
    for c in sorted(common):
        same = set()
        near = set()
        for p in py_of.get(c, ()):
            same |= by_py.get(p, set())
            for q in near_pinyins(p):
                near |= by_py.get(q, set())
        same.discard(c)
        near -= same | {c}
        shp = {x for x in shape.get(c, ()) if x in common} - same - near - {c}
        if same or near or shp:
            lines.append(f"{c}\t{''.join(sorted(same))}\t{''.join(sorted(near))}\t{''.join(sorted(shp))}")
    with open(os.path.join(out_dir, "confusion.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    manifest = []
    for name in ("ngrams.bin", "confusion.tsv"):
        digest = hashlib.sha256(open(os.path.join(out_dir, name), "rb").read()).hexdigest()
        manifest.append(f"{digest}  {name}")
    with open(os.path.join(out_dir, "MANIFEST"), "w") as f:
        f.write("\n".join(manifest) + "\n")
    log(f"  {len(lines) - 1} confusion rows")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.environ.get("ZHPROOF_SHARED", os.path.join(ROOT, "..", "shared")))
    ap.add_argument("--check", action="store_true", help="rebuild in a temporary directory and compare")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.check:
            out = os.path.join(tmp, "out")
            os.makedirs(out)
            build(args.shared, out, tmp)
            bad = [
                n
                for n in ("ngrams.bin", "confusion.tsv", "MANIFEST")
                if open(os.path.join(out, n), "rb").read() != open(os.path.join(OUT, n), "rb").read()
            ]
            if bad:
                sys.exit(f"model differs from a rebuild: {', '.join(bad)}")
            print("model matches a rebuild")
        else:
            os.makedirs(OUT, exist_ok=True)
            build(args.shared, OUT, tmp)


if __name__ == "__main__":
    main()
