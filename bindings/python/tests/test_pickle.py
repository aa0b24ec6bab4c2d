"""A Checker pickles by its configuration and is rebuilt in the receiving process."""

from __future__ import annotations

import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import zhproof

USER_TSV = (
    "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n"
    "赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部行政区划\n"
)
ALLOW_TSV = "term\tnote\tsource\n出奇制胜\t成语\t《现代汉语词典》\n"
TEXTS = [
    "赣洲市全面布署。",
    "新型冠状病毒肺炎疫情。",
    "出奇制胜，出奇不意，北朝鲜。",
    "会议对下一阶段工作进行了全面布署。",
    "",
]


def configured(tmp_path: Path) -> zhproof.Checker:
    path = tmp_path / "mine.tsv"
    path.write_text(USER_TSV, encoding="utf-8")
    return zhproof.Checker(
        dictionaries=[path],
        allow=[("allow.tsv", ALLOW_TSV)],
        ignore=["usage"],
        severity={"typo": "error"},
        as_of="2024-06-01",
    )


def test_pickle_round_trip_keeps_every_option(tmp_path: Path):
    c = configured(tmp_path)
    (tmp_path / "mine.tsv").unlink()  # the pickle carries the dictionary's contents
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        d = pickle.loads(pickle.dumps(c, protocol=protocol))
        assert repr(d) == repr(c)
        assert d.as_of == c.as_of
        assert [d.check(t) for t in TEXTS] == [c.check(t) for t in TEXTS]
    found = c.check_many(TEXTS)
    assert any(f.rule == "place-name" for f in found[0])
    assert all(f.severity == "error" for f in found[0] if f.kind == "typo")
    assert not any(f.kind == "usage" for fs in found for f in fs)


def test_selection_and_defaults_survive_pickling():
    c = zhproof.Checker(
        dictionaries=[("mine.tsv", USER_TSV)], select=["place-name"], defaults=False
    )
    d = pickle.loads(pickle.dumps(c))
    assert [f.text for f in d.check("赣洲市全面布署。")] == ["赣洲"]


def check_in_child(checker: zhproof.Checker, text: str) -> list[zhproof.Finding]:
    return checker.check(text)


def test_process_pool_with_spawn(tmp_path: Path):
    c = configured(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        remote = list(pool.map(check_in_child, [c] * len(TEXTS), TEXTS))
        remote_many = pool.submit(c.check_many, TEXTS).result()
    assert remote == c.check_many(TEXTS) == remote_many
