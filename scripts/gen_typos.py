#!/usr/bin/env python3
"""Generate the typo and variant-form dictionaries from the tables in dictionaries/sources/.

Outputs (committed; rerun after editing a source table):

- dictionaries/terms/typos_common.tsv   from sources/typos_common.txt (hand-compiled pairs)
- dictionaries/terms/typos_idioms.tsv   idiom misspellings generated from jieba's idioms and
                                        sources/typo_confusions.tsv, filtered (see below)
- dictionaries/terms/variant_forms.tsv  from sources/variant_forms_gf1001.tsv (GF 1001-2001)

A generated misspelling is kept only when it is not a word of jieba's dictionary, not part of a
longer jieba word, not in the clean government corpora (../shared/corpus/clean_gov) and not
already defined elsewhere. The typo evaluation sets (ECSpell, SIGHAN, LEMON, CSCD, pycorrector)
are never read: they are for measurement only.

The corpus filter does not make the outputs depend on the machine: the generated forms found in
the corpus are recorded in dictionaries/sources/typos_corpus_rejects.txt (committed), which every
run reads; only `--refresh-corpus` reads ../shared (or $ZHPROOF_SHARED, or --shared) and rewrites
that list. jieba's dictionary is the one of the jieba-rs version in Cargo.lock.

Usage: scripts/gen_typos.py [--check] [--refresh-corpus [--shared DIR]] [--jieba-dict PATH]
  --check  regenerate in memory and fail if a committed output differs (scripts/test.sh runs it)
Stdlib only. Deterministic: the same inputs give byte-identical outputs.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from gen_common import emit, jieba_dict_path, read_tsv

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "dictionaries" / "sources"
TERMS = ROOT / "dictionaries" / "terms"
REJECTS = SOURCES / "typos_corpus_rejects.txt"
OUTPUTS = {"typos_common.tsv", "typos_idioms.tsv", "typos_phrases.tsv", "variant_forms.tsv"}

HEADER = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\tboundary\tnot_before\tnot_after\tfire\tquiet\n"
# variant_forms.tsv also uses the only_after/only_before context conditions.
VARIANT_HEADER = HEADER.replace("not_after\t", "not_after\tonly_after\tonly_before\t")


def shared_dir(arg: str | None) -> Path | None:
    for cand in (arg, os.environ.get("ZHPROOF_SHARED"), ROOT.parent / "shared"):
        if cand and Path(cand, "corpus").is_dir():
            return Path(cand)
    return None


def jieba_dict(arg: str | None) -> Path:
    return Path(arg) if arg else Path(jieba_dict_path())


def load_jieba(path: Path) -> tuple[dict[str, tuple[int, str]], set[str]]:
    words: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            words[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "")
    return words, set(words)


def substrings_of_longer(words: set[str], n: int) -> set[str]:
    """Every n-character substring of a word longer than n."""
    out: set[str] = set()
    for w in words:
        if len(w) > n:
            for i in range(len(w) - n + 1):
                out.add(w[i : i + n])
    return out


def clean_corpus(shared: Path | None) -> str:
    if shared is None:
        sys.exit("--refresh-corpus: the shared corpus is not available (pass --shared or set ZHPROOF_SHARED)")
    parts = []
    for p in sorted((shared / "corpus" / "clean_gov").rglob("*")):
        if p.is_file() and p.suffix in {".txt", ".md", ".jsonl", ".json"}:
            parts.append(p.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


class Corpus:
    """`form in corpus`: whether a generated form occurs in the clean government corpus. Read
    from the committed rejects list, or with --refresh-corpus from the corpus itself, recording
    every form asked about that occurs in it (the new rejects list)."""

    def __init__(self, text: str | None):
        self.text = text
        self.hits: set[str] = set()
        self.rejects: set[str] = set()
        if text is None and REJECTS.exists():
            self.rejects = {
                l for l in REJECTS.read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")
            }

    def __bool__(self) -> bool:
        return True

    def __contains__(self, form: str) -> bool:
        if self.text is None:
            return form in self.rejects
        if form in self.text:
            self.hits.add(form)
            return True
        return False


def existing_terms() -> dict[str, str]:
    """Terms defined in the hand-edited files (not the generated outputs): term -> file."""
    out: dict[str, str] = {}
    for p in sorted(TERMS.glob("*.tsv")):
        if p.name in OUTPUTS:
            continue
        header = None
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if header is None:
                header = line
                continue
            out[line.split("\t")[0]] = p.name
    return out


def row(term, sugg, kind, rule, sev, note, source, boundary="", not_before="", not_after="", fire="", quiet=""):
    cells = [term, sugg, kind, rule, sev, note, source, boundary, not_before, not_after, fire, quiet]
    for c in cells:
        assert "\t" not in c and "\n" not in c, c
    return "\t".join(cells) + "\n"


def fire_quiet(wrong: str, right: str) -> tuple[str, str]:
    # Quoted so that segmentation never glues the form to its neighbours; the boundary
    # behaviour itself is covered by the hand-written quiet examples and the unit tests.
    return f"文中“{wrong}”一处需要核对。", f"文中“{right}”一处需要核对。"


def gen_common(taken: dict[str, str], corpus: str, jwords: set[str]) -> list[str]:
    rows, seen = [], {}
    for line in (SOURCES / "typos_common.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        wrong, right = line.split()[:2]
        if wrong == right or wrong in taken:
            continue
        if wrong in seen:
            if seen[wrong] != right:
                sys.exit(f"typos_common.txt: {wrong} has two right forms")
            continue
        seen[wrong] = right
        if wrong in corpus:
            print(f"review: common typo {wrong} occurs in the clean corpus", file=sys.stderr)
        if wrong in jwords:
            print(f"note: common typo {wrong} is in jieba's dictionary", file=sys.stderr)
        fire, quiet = fire_quiet(wrong, right)
        boundary = "word" if len(wrong) <= 3 else ""
        note = ""  # the message already says 应为“…”
        rows.append(
            row(wrong, right, "", "", "", note,
                f"规范词形据《现代汉语词典》第7版“{right}”；常见误写（《咬文嚼字》及公文校对常见差错）",
                boundary, fire=fire, quiet=quiet)
        )
    taken.update({w: "typos_common.tsv" for w in seen})
    return rows


def confusions() -> dict[str, list[str]]:
    conf: dict[str, list[str]] = {}
    for line in (SOURCES / "typo_confusions.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("right\t"):
            continue
        right, wrongs = line.split("\t")
        conf.setdefault(right, []).extend(w for w in wrongs.split("|") if w)
    return conf


def gen_phrases(taken, corpus, jieba, jwords, min_freq: int) -> list[str]:
    """Misspellings of frequent four-character words (部门, 生产 …), word-boundary checked."""
    conf = confusions()
    words = sorted(
        w for w, (f, tag) in jieba.items()
        if len(w) == 4 and tag in ("l", "n", "v", "vn", "nz", "nt") and f >= min_freq
    )
    longer = substrings_of_longer(jwords, 4)
    cands: dict[str, set[str]] = {}
    for word in words:
        for i, c in enumerate(word):
            for w in conf.get(c, ()):
                cands.setdefault(word[:i] + w + word[i + 1 :], set()).add(word)
    kept = {}
    for form in sorted(cands):
        rights = cands[form]
        if len(rights) != 1 or form in jwords or form in longer or form in taken:
            continue
        # Two words side by side (X + Y) may be a correct phrase: leave those out.
        if (corpus and form in corpus) or (form[:2] in jwords and form[2:] in jwords):
            continue
        kept[form] = next(iter(rights))
    rows = []
    for form in sorted(kept, key=lambda f: (kept[f], f)):
        right = kept[form]
        fire, quiet = fire_quiet(form, right)
        rows.append(
            row(form, right, "", "", "", "",
                "规范词形据《现代汉语词典》第7版及 jieba 词典高频词；误写由 scripts/gen_typos.py 按同音、"
                "形近混淆字表生成并经词典与语料过滤",
                "word", fire=fire, quiet=quiet)
        )
    taken.update({w: "typos_phrases.tsv" for w in kept})
    return rows


def gen_idioms(taken, corpus, jieba, jwords, max_idioms: int) -> list[str]:
    conf = confusions()
    known_wrong = {}
    for line in (SOURCES / "typos_common.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.startswith("#"):
            known_wrong[parts[0]] = parts[1]
    # jieba writes 著 as 着 in a few idioms (昭着, 显着, 卓着): those are not right forms.
    idioms = [
        w
        for w, (f, tag) in jieba.items()
        if tag == "i" and len(w) == 4 and not any(x in w for x in ("昭着", "显着", "卓着"))
    ]
    idioms.sort(key=lambda w: (-jieba[w][0], w))
    idioms = idioms[:max_idioms]
    longer = substrings_of_longer(jwords, 4)
    cands: dict[str, set[str]] = {}
    for idiom in idioms:
        for i, c in enumerate(idiom):
            for w in conf.get(c, ()):
                form = idiom[:i] + w + idiom[i + 1 :]
                cands.setdefault(form, set()).add(idiom)
    rows = []
    kept = {}
    for form in sorted(cands):
        rights = cands[form]
        if len(rights) != 1 or form in jwords or form in longer or form in taken:
            continue
        if corpus and form in corpus:
            continue
        # jieba lists a few misspelled idioms (哀声叹气, 坚苦卓绝): suggest the right form.
        right = known_wrong.get(next(iter(rights)), next(iter(rights)))
        kept[form] = right
    for form in sorted(kept, key=lambda f: (kept[f], f)):
        right = kept[form]
        fire, quiet = fire_quiet(form, right)
        rows.append(
            row(form, right, "", "", "", f"“{right}”为成语的规范写法",
                "成语规范词形据《现代汉语词典》第7版及 jieba 词典成语条目；误写由 scripts/gen_typos.py 按"
                "同音、形近混淆字表生成并经词典与语料过滤",
                fire=fire, quiet=quiet)
        )
    taken.update({w: "typos_idioms.tsv" for w in kept})
    return rows


def gen_variants(taken, corpus) -> tuple[list[str], int, int]:
    """Rows of variant_forms.tsv; also the number of groups and of groups checked against the text."""
    rows = []
    groups = checked = 0
    for rec in read_tsv(SOURCES / "variant_forms_gf1001.tsv"):
        groups += 1
        checked += rec["checked"] == "yes"
        if rec["skip"]:
            continue
        r = rec["recommended"]
        forms = "、".join(v.split("=", 1)[0] for v in rec["variants"].split("|"))
        for v in rec["variants"].split("|"):
            # `form=suggestion`: a compound built on the group's variant (知识份子=知识分子)
            v, _, sugg = v.partition("=")
            sugg = sugg or r
            if v in taken:
                sys.exit(f"variant {v} is also defined in {taken[v]}")
            if corpus and v in corpus:
                print(f"review: variant {v} occurs in the clean corpus", file=sys.stderr)
            fire = rec["fire"] or f"这里的“{v}”一词应规范。"
            quiet = rec["quiet"] or f"这里的“{sugg}”一词符合规范。"
            cells = [v, sugg, "", "", "", "《第一批异形词整理表》推荐使用该词形",
                     f"《第一批异形词整理表》(GF 1001-2001) “{r}—{forms}”组", "word",
                     rec["not_before"], rec["not_after"], rec["only_after"], rec["only_before"], fire, quiet]
            assert all("\t" not in c and "\n" not in c for c in cells), cells
            rows.append("\t".join(cells) + "\n")
            taken[v] = "variant_forms.tsv"
    return rows, groups, checked


def write(name: str, head: str, defaults: dict[str, str], rows: list[str], header: str = HEADER,
          check: bool = False) -> int:
    text = head
    for k, v in defaults.items():
        text += f"#! {k} = {v}\n"
    text += header + "".join(rows)
    print(f"{name}: {len(rows)} entries", file=sys.stderr)
    return emit(TERMS / name, text, check)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if a committed output is stale")
    ap.add_argument("--refresh-corpus", action="store_true",
                    help="re-filter against ../shared/corpus/clean_gov and rewrite the rejects list")
    ap.add_argument("--jieba-dict")
    ap.add_argument("--shared")
    ap.add_argument("--max-idioms", type=int, default=10000)
    ap.add_argument("--min-phrase-freq", type=int, default=30)
    args = ap.parse_args()
    jieba, jwords = load_jieba(jieba_dict(args.jieba_dict))
    if args.refresh_corpus and args.check:
        sys.exit("--refresh-corpus rewrites the rejects list: not with --check")
    corpus = Corpus(clean_corpus(shared_dir(args.shared)) if args.refresh_corpus else None)
    taken = existing_terms()
    variants, groups, checked = gen_variants(taken, corpus)
    common = gen_common(taken, corpus, jwords)
    idioms = gen_idioms(taken, corpus, jieba, jwords, args.max_idioms)
    phrases = gen_phrases(taken, corpus, jieba, jwords, args.min_phrase_freq)
    typo_defaults = {"kind": "typo", "rule": "common-typo", "severity": "warning"}
    status = 0
    status |= write("variant_forms.tsv",
          "# Variant forms (异形词): non-recommended form -> recommended form of 《第一批异形词整理表》\n"
          "# (GF 1001-2001). GENERATED by scripts/gen_typos.py from dictionaries/sources/variant_forms_gf1001.tsv:\n"
          "# edit the source table, not this file.\n"
          f"# {groups} groups of the table ({checked} checked against its published text), {len(variants)} forms.\n",
          # GF 1001-2001 took effect on 2002-03-31: older documents are not held to it.
          {"kind": "usage", "rule": "variant-form", "severity": "warning", "since": "2002-03-31"},
          variants, VARIANT_HEADER, check=args.check)
    status |= write("typos_common.tsv",
          "# Common typos (错别字) wrong in every context. GENERATED by scripts/gen_typos.py from\n"
          "# dictionaries/sources/typos_common.txt: edit the source list, not this file.\n",
          typo_defaults, common, check=args.check)
    status |= write("typos_idioms.tsv",
          "# Idiom misspellings (成语错字). GENERATED by scripts/gen_typos.py from jieba's idioms and\n"
          "# dictionaries/sources/typo_confusions.tsv, filtered against jieba's dictionary and the clean\n"
          "# government corpora. Edit the confusion table or the script, not this file.\n",
          typo_defaults, idioms, check=args.check)
    status |= write("typos_phrases.tsv",
          "# Misspelled frequent four-character words (人事布门 -> 人事部门). GENERATED by scripts/gen_typos.py\n"
          "# from jieba's frequent words and dictionaries/sources/typo_confusions.tsv, filtered like\n"
          "# typos_idioms.tsv and checked with word boundaries. Edit the table or the script, not this file.\n",
          typo_defaults, phrases, check=args.check)
    if args.refresh_corpus:
        REJECTS.write_text(
            "# Forms generated by scripts/gen_typos.py that occur in the clean government corpus\n"
            "# (../shared/corpus/clean_gov): left out of typos_idioms.tsv and typos_phrases.tsv, flagged for\n"
            "# review in typos_common.txt and variant_forms. Written by `scripts/gen_typos.py --refresh-corpus`.\n"
            + "".join(f + "\n" for f in sorted(corpus.hits)),
            encoding="utf-8",
        )
    sys.exit(status)


if __name__ == "__main__":
    main()
