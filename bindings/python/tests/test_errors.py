"""Errors: ZhproofError subclasses with context, TypeError for wrong types, no panic as a crash."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import zhproof
from zhproof import DictionaryError, InternalError, OptionError, ZhproofError

HEADER = "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n"


def test_hierarchy():
    for e in (DictionaryError, OptionError, InternalError):
        assert issubclass(e, ZhproofError)
    assert issubclass(ZhproofError, Exception)
    assert issubclass(OptionError, ValueError)


def test_dictionary_error_names_path_and_line():
    bad = HEADER + "好词\t\ttypo\tcommon-typo\terror\t\t来源\n坏词\t\tnot-a-kind\tx\terror\t\t来源\n"
    with pytest.raises(DictionaryError) as info:
        zhproof.Checker(dictionaries=[("bad.tsv", bad)])
    e = info.value
    assert (e.path, e.line) == ("bad.tsv", 3)
    assert str(e).startswith("bad.tsv:3: ")
    assert "not-a-kind" in str(e)


def test_dictionary_error_for_missing_and_non_utf8_files(tmp_path: Path):
    missing = tmp_path / "missing.tsv"
    with pytest.raises(DictionaryError) as info:
        zhproof.Checker(dictionaries=[missing])
    assert info.value.path == str(missing) and info.value.line is None
    assert isinstance(info.value.__cause__, FileNotFoundError)
    latin = tmp_path / "latin.tsv"
    latin.write_bytes(HEADER.encode() + b"caf\xe9\n")
    with pytest.raises(DictionaryError, match="invalid UTF-8 at byte offset"):
        zhproof.Checker(allow=[latin])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"select": ["Not A Rule"]},
        {"ignore": ["bad rule"]},
        {"as_of": "2023-02-30"},
        {"as_of": "20230201"},
        {"severity": {"typo": "fatal"}},
        {"severity": {"Bad Rule": "error"}},
    ],
)
def test_invalid_option_values(kwargs):
    with pytest.raises(OptionError):
        zhproof.Checker(**kwargs)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.check(123),
        lambda c: c.check(b"bytes"),
        lambda c: c.check(None),
        lambda c: c.fix(["list"]),
        lambda c: c.check_many("a single str"),
        lambda c: c.check_many(["ok", 1]),
        lambda c: c.check_many(["ok", 1], threads=1),
        lambda c: c.check_many(["ok", 1], threads=2),
        lambda c: c.check_many(42),
        lambda c: c.check_many(["ok"], threads="2"),
        lambda c: c.check("x", as_of=20240101),
        lambda c: c.check("x", as_of=datetime.datetime(2024, 1, 1)),
        lambda c: zhproof.Checker(dictionaries="one.tsv"),
        lambda c: zhproof.Checker(dictionaries=[123]),
        lambda c: zhproof.Checker(dictionaries=[("name", "text", "extra")]),
        lambda c: zhproof.Checker(allow=[("name", b"bytes")]),
        lambda c: zhproof.Checker(select="typo"),
        lambda c: zhproof.Checker(ignore=[1]),
        lambda c: zhproof.Checker(severity=[("typo", "error")]),
        lambda c: zhproof.Checker(severity={"typo": 1}),
        lambda c: zhproof.Checker(defaults="yes"),
    ],
)
def test_wrong_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call(zhproof.default_checker())


def test_thread_count_must_be_positive():
    with pytest.raises(ValueError):
        zhproof.default_checker().check_many(["x"], threads=0)


def test_lone_surrogate_is_an_exception_not_a_crash():
    with pytest.raises(UnicodeEncodeError):
        zhproof.check("全面布署\ud800")
    with pytest.raises(UnicodeEncodeError):
        zhproof.default_checker().check_many(["ok", "\udfff"])
    with pytest.raises(UnicodeEncodeError):
        zhproof.default_checker().check_many(["ok", "\udfff"], threads=1)


def test_rust_panic_becomes_internal_error():
    with pytest.raises(InternalError, match="boom"):
        zhproof._zhproof._panic_for_test("boom")
    # The interpreter and the checker are still fine afterwards.
    assert len(zhproof.check("全面布署")) == 1


def test_errors_pickle_with_their_attributes():
    import pickle

    e = pickle.loads(pickle.dumps(DictionaryError("f.tsv:2: bad", "f.tsv", 2)))
    assert (type(e), str(e), e.path, e.line) == (DictionaryError, "f.tsv:2: bad", "f.tsv", 2)
