"""Helpers shared by the dictionary generators (scripts/gen_*.py).

Only the standard library is used, so `scripts/test.sh` can run the generators' `--check` mode
on a fresh clone. The jieba word list is the one bundled with the `jieba-rs` crate that zhproof
itself segments with, found in the cargo registry (or given by ZHPROOF_JIEBA_DICT).
"""

from __future__ import annotations

import glob
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DICT = REPO / "dictionaries"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file with `#` comments and a header row, as dicts of column -> cell."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) > len(header):
            sys.exit(f"{path}:{n}: {len(cells)} cells but {len(header)} columns")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells)))
    return rows


def split_list(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def confusables() -> dict[str, list[tuple[str, str]]]:
    """char -> [(replacement, how)] from dictionaries/sources/confusables.tsv, in file order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for row in read_tsv(DICT / "sources" / "confusables.tsv"):
        subs: list[tuple[str, str]] = []
        for col in ("homophones", "near_shape", "observed"):
            for c in split_list(row.get(col, "")):
                if len(c) != 1 or c == row["char"]:
                    sys.exit(f"confusables.tsv: bad replacement {c!r} for {row['char']!r}")
                if all(c != s for s, _ in subs):
                    subs.append((c, col))
        if row["char"] in out:
            sys.exit(f"confusables.tsv: {row['char']!r} defined twice")
        out[row["char"]] = subs
    return out


def jieba_dict_path() -> str:
    """The dict.txt of the jieba-rs version in Cargo.lock (the dictionary the engine uses)."""
    path = os.environ.get("ZHPROOF_JIEBA_DICT")
    if not path:
        lock = (REPO / "Cargo.lock").read_text(encoding="utf-8")
        m = re.search(r'name = "jieba-rs"\nversion = "([^"]+)"', lock)
        if not m:
            sys.exit("jieba-rs not found in Cargo.lock")
        home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
        hits = sorted(glob.glob(f"{home}/registry/src/*/jieba-rs-{m.group(1)}/src/data/dict.txt"))
        if not hits:
            sys.exit(
                f"jieba-rs {m.group(1)} dict.txt not in {home}/registry (run `cargo fetch` "
                "or set ZHPROOF_JIEBA_DICT)"
            )
        path = hits[0]
    return path


def shared_dir() -> Path | None:
    """The shared evaluation corpus: $ZHPROOF_SHARED, else <repo>/../shared."""
    for cand in (os.environ.get("ZHPROOF_SHARED"), REPO.parent / "shared"):
        if cand and Path(cand, "corpus").is_dir():
            return Path(cand)
    return None


def clean_corpus_text() -> str | None:
    """All clean government prose of the shared corpus joined by newlines, or None if absent."""
    shared = shared_dir()
    if shared is None:
        return None
    root = shared / "corpus" / "clean_gov"
    parts = []
    for p in sorted(root.rglob("*")):
        if p.suffix in (".txt", ".md", ".jsonl", ".json") and p.is_file():
            parts.append(p.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff" or c == "〇"


def emit(path: Path, text: str, check: bool) -> int:
    """Writes `text` to `path`, or with `check` compares and reports a stale file. Exit status."""
    if check:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            print(f"{path.relative_to(REPO)} is out of date: run {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0


class Segmenter:
    """jieba's dictionary segmentation (maximum-probability route over the word DAG, no HMM),
    enough to tell which characters of a formulation form words of their own."""

    def __init__(self, dict_path: str | None = None):
        self.freq: dict[str, int] = {}
        self.prefixes: set[str] = set()
        with open(dict_path or jieba_dict_path(), encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 2:
                    continue
                w, n = parts[0], int(parts[1])
                self.freq[w] = n
                for i in range(1, len(w)):
                    self.prefixes.add(w[:i])
        self.total = sum(self.freq.values())
        self.words = set(self.freq)

    def cut(self, s: str) -> list[str]:
        import math

        n = len(s)
        dag: dict[int, list[int]] = {}
        for i in range(n):
            ends = []
            j = i + 1
            while j <= n:
                frag = s[i:j]
                if frag in self.freq and self.freq[frag] > 0:
                    ends.append(j)
                elif frag not in self.prefixes:
                    break
                j += 1
            dag[i] = ends or [i + 1]
        logt = math.log(self.total)
        route: dict[int, tuple[float, int]] = {n: (0.0, n)}
        for i in range(n - 1, -1, -1):
            route[i] = max(
                (math.log(self.freq.get(s[i:j], 0) or 1) - logt + route[j][0], j) for j in dag[i]
            )
        out, i = [], 0
        while i < n:
            j = route[i][1]
            out.append(s[i:j])
            i = j
        return out

    def fine_cut(self, s: str) -> list[str]:
        """`cut`, then every token of 3+ characters cut again without itself as a word, down to
        tokens that cannot be split (全国人民代表大会 -> 全国/人民/代表/大会)."""
        out: list[str] = []
        for t in self.cut(s):
            if len(t) <= 2:
                out.append(t)
                continue
            n = self.freq.pop(t, None)
            try:
                sub = self.cut(t)
            finally:
                if n is not None:
                    self.freq[t] = n
            out.extend([t] if len(sub) == 1 else [x for p in sub for x in self.fine_cut(p)])
        return out


def terms_in_other_files(*own: Path) -> set[str]:
    """Terms of every dictionaries/terms/*.tsv except `own`: a generated form defined there too
    would be a conflicting duplicate (the loader rejects a term defined twice with other data)."""
    out: set[str] = set()
    for p in sorted((DICT / "terms").glob("*.tsv")):
        if p in own:
            continue
        for row in read_tsv(p):
            out.add(row.get("term", ""))
    return out
