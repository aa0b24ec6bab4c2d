#!/usr/bin/env python3
"""Generate the tables of the `idioms` rule family (idiom near-misses: 严惩不怠 for 严惩不贷).

The family flags four characters that differ from a four-character idiom of jieba's dictionary in
one character of the same pinyin (tone ignored: what a pinyin input method puts in its place), or
in two adjacent characters swapped (电光火石 for 电光石火). Listing every such form is out of reach
(about a million forms for the common idioms), so the rule looks each window of the text up in
place in a sorted table of masked keys instead. Outputs (committed; rerun after a change):

- dictionaries/rules/idiom_keys.tsv   one line per idiom and position: the idiom with that
                                      character replaced by 〇, then the character (16 bytes a line,
                                      byte-sorted, searched in place by crates/zhproof/src/rules/idioms.rs)
- dictionaries/rules/idiom_quiet.tsv  forms the rule would flag but must not: words of jieba's
                                      dictionary, parts of longer jieba words, terms of the other
                                      dictionaries, forms found in the clean corpora (byte-sorted)

Input: dictionaries/rules/char_pinyin.tsv (the pinyin of the common characters and of the idioms'
characters, written by `--refresh-pinyin` from pypinyin's character table, MIT licence) and
dictionaries/sources/idiom_corpus_rejects.txt (forms found in ../shared/corpus/clean_gov and
../shared/bench/corpus.txt, written by `--refresh-corpus`), so `--check` needs neither pypinyin
nor ../shared.

Usage: scripts/gen_idiom_index.py [--check] [--refresh-pinyin] [--refresh-corpus [--shared DIR]]
       scripts/gen_idiom_index.py --estimate   # held-out false-alarm estimate (see below)
`--estimate` filters with bench/corpus.txt only and counts what would then fire on clean_gov:
the rate on text the filter has not seen.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
from pathlib import Path

from gen_common import emit, jieba_dict_path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "dictionaries" / "rules"
PINYIN = RULES / "char_pinyin.tsv"
KEYS = RULES / "idiom_keys.tsv"
QUIET = RULES / "idiom_quiet.tsv"
REJECTS = ROOT / "dictionaries" / "sources" / "idiom_corpus_rejects.txt"
MASK = "〇"
# Characters ranked by the number of jieba words (frequency >= 3) that contain them: the first
# COMMON are the ones a writer or an input method puts in an idiom's place.
COMMON = 3500
# jieba tags of the idioms: i (成语). l (习用语) holds many phrases that are no idioms (永远的痛,
# 党的建设): with it the held-out false alarms rise from 0.06 to 0.16 per 10k characters.
TAGS = tuple(os.environ.get("IDIOM_TAGS", "i").split(","))
# Two-character jieba words at least this frequent count as words for the pair filters.
PAIR_FREQ = int(os.environ.get("PAIR_FREQ", "3"))


def cjk3(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def load_jieba() -> dict[str, tuple[int, str]]:
    words = {}
    for line in Path(jieba_dict_path()).read_text(encoding="utf-8").splitlines():
        p = line.split()
        if len(p) >= 2:
            words[p[0]] = (int(p[1]), p[2] if len(p) > 2 else "")
    return words


def idioms_of(jieba) -> list[str]:
    # jieba writes 著 as 着 in a few idioms (昭着, 显着, 卓着): those are not right forms.
    return sorted(
        w for w, (f, tag) in jieba.items()
        if len(w) == 4 and tag in TAGS and all(cjk3(c) for c in w)
        and not any(x in w for x in ("昭着", "显着", "卓着"))
    )


def common_chars(jieba) -> list[str]:
    cw = collections.Counter()
    for w, (f, _) in jieba.items():
        if f >= 3:
            cw.update(set(w))
    return [c for c, _ in sorted(cw.items(), key=lambda x: (-x[1], x[0])) if cjk3(c)][:COMMON]


def refresh_pinyin(jieba) -> None:
    from pypinyin import Style, pinyin  # MIT licence; only needed here

    common = common_chars(jieba)
    chars = sorted(set(common) | {c for w in idioms_of(jieba) for c in w})
    cset = set(common)
    text = (
        "# Pinyin (tone ignored) of the common characters (the 3,500 in most words of jieba's dictionary)\n"
        "# and of the characters of jieba's four-character idioms: every reading pypinyin's character\n"
        "# table gives (pypinyin 0.55, MIT licence; its data follow 《现代汉语词典》 and the Unihan\n"
        "# kMandarin readings), the most common reading first. `common` = 1: a character the `idioms`\n"
        "# family takes as a replacement when its first reading is a reading of the idiom's character.\n"
        "# Written by `scripts/gen_idiom_index.py --refresh-pinyin`.\n"
        "char\tcommon\treadings\n"
    )
    for c in chars:
        first = pinyin(c, style=Style.NORMAL)[0][0]
        rs = [first] + sorted(set(pinyin(c, style=Style.NORMAL, heteronym=True)[0]) - {first})
        rs = [r for r in rs if r.isascii() and r.isalpha()]
        if rs:
            text += f"{c}\t{int(c in cset)}\t{'|'.join(rs)}\n"
    PINYIN.write_text(text, encoding="utf-8")


def load_pinyin() -> tuple[dict[str, set[str]], set[str]]:
    readings, common, first = {}, set(), {}
    for line in PINYIN.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("char\t") or not line:
            continue
        c, com, rs = line.split("\t")
        readings[c] = set(rs.split("|"))
        first[c] = rs.split("|")[0]
        if com == "1":
            common.add(c)
    return readings, common, first


class Index:
    """What the Rust rule computes, in Python: the idiom a form is a near-miss of, or None."""

    def __init__(self, idioms: list[str], readings, common, first, words=frozenset()):
        self.first = first
        self.words = words
        self.idioms = set(idioms)
        self.masked: dict[str, list[str]] = collections.defaultdict(list)
        for w in idioms:
            for i in range(4):
                self.masked[w[:i] + MASK + w[i + 1:]].append(w[i])
        self.readings, self.common = readings, common

    def homophones(self, written: str, idiom: str) -> bool:
        """The written character's first reading is a reading of the idiom's character."""
        return self.first.get(written) in self.readings.get(idiom, set())

    def near_miss(self, form: str) -> str | None:
        if form in self.idioms:
            return None
        for i in range(4):
            c = form[i]
            if c not in self.common:
                continue
            # The written character makes a word with a neighbour (决不放弃 for 绝不放弃, 社会各阶(层)):
            # likely a right phrase, not a slip.
            if (i > 0 and form[i - 1] + c in self.words) or (i < 3 and c + form[i + 1] in self.words):
                continue
            for orig in self.masked.get(form[:i] + MASK + form[i + 1:], ()):
                if self.homophones(c, orig):
                    return form[:i] + orig + form[i + 1:]
        for i in range(3):
            # A swapped pair that is a word itself (互相/相互, 开展/展开) is no slip.
            # The middle swap of two words side by side (束缚手脚 for 束手缚脚) is a phrase.
            if i == 1 and form[:2] in self.words and form[2:] in self.words:
                continue
            if form[i] != form[i + 1] and form[i:i + 2] not in self.words:
                s = form[:i] + form[i + 1] + form[i] + form[i + 2:]
                if s in self.idioms:
                    return s
        return None


def corpus_forms(paths: list[Path], index: Index) -> dict[str, int]:
    """Forms of the text that the rule would flag, with their counts."""
    hits: dict[str, int] = collections.Counter()
    first = {k[0] for k in index.masked if k[0] != MASK} | {k[1] for k in index.masked if k[0] == MASK}
    for p in paths:
        t = p.read_text(encoding="utf-8", errors="replace")
        for i in range(len(t) - 3):
            if t[i] not in first and t[i + 1] not in first:
                continue
            f = t[i:i + 4]
            if all(cjk3(c) for c in f) and index.near_miss(f):
                hits[f] += 1
    return hits


def shared_dir(arg):
    for cand in (arg, os.environ.get("ZHPROOF_SHARED"), ROOT.parent / "shared"):
        if cand and Path(cand, "corpus").is_dir():
            return Path(cand)
    sys.exit("the shared corpus is not available (pass --shared or set ZHPROOF_SHARED)")


def clean_gov_files(shared: Path) -> list[Path]:
    return [p for p in sorted((shared / "corpus" / "clean_gov").rglob("*"))
            if p.is_file() and p.suffix in {".txt", ".md", ".jsonl", ".json"}]


def dictionary_terms() -> set[str]:
    out = set()
    for p in sorted((ROOT / "dictionaries" / "terms").glob("*.tsv")):
        header = False
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if not header:
                header = True
                continue
            out.add(line.split("\t")[0])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--refresh-pinyin", action="store_true")
    ap.add_argument("--refresh-corpus", action="store_true")
    ap.add_argument("--estimate", action="store_true")
    ap.add_argument("--shared")
    args = ap.parse_args()
    jieba = load_jieba()
    if args.refresh_pinyin:
        refresh_pinyin(jieba)
    readings, common, first = load_pinyin()
    idioms = [w for w in idioms_of(jieba) if all(c in readings for c in w)]
    pair_words = frozenset(w for w, (f, _) in jieba.items() if len(w) == 2 and f >= PAIR_FREQ)
    index = Index(idioms, readings, common, first, pair_words)
    # Forms to keep quiet: jieba words and parts of longer ones, other dictionaries' terms.
    quiet = set()
    for w in jieba:
        if len(w) >= 4 and all(cjk3(c) for c in w):
            for i in range(len(w) - 3):
                f = w[i:i + 4]
                if index.near_miss(f):
                    quiet.add(f)
    quiet |= {t for t in dictionary_terms() if len(t) == 4 and all(cjk3(c) for c in t) and index.near_miss(t)}
    if args.estimate:
        shared = shared_dir(args.shared)
        bench = set(corpus_forms([shared / "bench" / "corpus.txt"], index))
        files = clean_gov_files(shared)
        chars = sum(len(p.read_text(encoding="utf-8", errors="replace")) for p in files)
        gov = corpus_forms(files, index)
        unseen = {f: n for f, n in gov.items() if f not in bench and f not in quiet}
        n = sum(unseen.values())
        print(f"{len(idioms)} idioms; filtered by jieba, the dictionaries and bench/corpus.txt only, "
              f"{n} hits ({len(unseen)} forms) on clean_gov, {chars} chars: {n * 1e4 / chars:.3f} per 10k")
        for f, c in sorted(unseen.items(), key=lambda x: -x[1])[:80]:
            print(f"  {f} -> {index.near_miss(f)} ({c})")
        return
    if args.refresh_corpus:
        shared = shared_dir(args.shared)
        forms = corpus_forms(clean_gov_files(shared) + [shared / "bench" / "corpus.txt"], index)
        REJECTS.write_text(
            "# Forms that scripts/gen_idiom_index.py's near-miss test finds in the clean corpora\n"
            "# (../shared/corpus/clean_gov, ../shared/bench/corpus.txt): correct text, kept quiet.\n"
            "# Written by `scripts/gen_idiom_index.py --refresh-corpus`.\n"
            + "".join(f + "\n" for f in sorted(forms)), encoding="utf-8")
    rejects = {l for l in REJECTS.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")}
    quiet |= {f for f in rejects if index.near_miss(f)}
    keys = sorted(
        (k + c for k, cs in index.masked.items() for c in set(cs)), key=lambda s: s.encode("utf-8"))
    head = ("# Idiom near-miss keys: each four-character idiom of jieba's dictionary (tag i) with one\n"
            "# character replaced by 〇, followed by that character; byte-sorted, 16 bytes a line, searched in\n"
            "# place by the `idioms` family. GENERATED by scripts/gen_idiom_index.py: edit the script, not this file.\n"
            f"# {len(idioms)} idioms, {len(keys)} keys.\n")
    status = emit(KEYS, head + "".join(k + "\n" for k in keys), args.check)
    qhead = ("# Forms the `idioms` family must not flag: words of jieba's dictionary and parts of longer ones,\n"
             "# terms of dictionaries/terms, forms found in the clean corpora. Byte-sorted, 13 bytes a line.\n"
             "# GENERATED by scripts/gen_idiom_index.py: edit the script or its inputs, not this file.\n")
    qs = sorted(quiet, key=lambda s: s.encode("utf-8"))
    status |= emit(QUIET, qhead + "".join(q + "\n" for q in qs), args.check)
    print(f"idiom_keys.tsv: {len(keys)} keys of {len(idioms)} idioms; idiom_quiet.tsv: {len(qs)} forms",
          file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
