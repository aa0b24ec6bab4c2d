"""zhproof.check_html and zhproof.inspect_sites on the fixtures of tests/pages and tests/site."""

import pathlib

import pytest

import zhproof

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_check_html_maps_to_the_source_and_reads_what_the_reader_sees():
    html = "<title>通知</title><p>全面<b>布</b>&#x7F72;春耕</p>"
    (f,) = zhproof.check_html(html)
    assert f.rule == "common-typo"
    assert f.text == "布署"
    assert html[f.char_start : f.char_end] == "布</b>&#x7F72;"


def test_hidden_spam_and_dates_ahead():
    page = (ROOT / "tests/pages/hacked.html").read_text(encoding="utf-8")
    rules = [f.rule for f in zhproof.check_html(page, captured="2024-03-12")]
    assert rules.count("hidden-text") == 4
    assert "hidden-link" in rules and "improper-link" in rules
    ahead = (ROOT / "tests/pages/date_ahead.html").read_text(encoding="utf-8")
    assert [f.rule for f in zhproof.check_html(ahead, captured="2024-03-10")] == ["date-ahead"] * 2


def test_gbk_bytes_are_decoded():
    data = (ROOT / "tests/pages/gbk_news.html").read_bytes()
    findings, source = zhproof.check_html_source(data, captured="2024-03-12")
    assert [f.text for f in findings] == ["布署"]
    assert source[findings[0].char_start : findings[0].char_end] == "布署"


def test_bad_arguments_raise():
    with pytest.raises(TypeError):
        zhproof.check_html(42)
    with pytest.raises(zhproof.OptionError):
        zhproof.check_html("<p>x</p>", captured="2024-13-01")
    with pytest.raises(zhproof.OptionError):
        zhproof.inspect_sites([str(ROOT / "no-such-dir")])


def test_inspect_sites_returns_the_report_as_data():
    r = zhproof.inspect_sites(
        [ROOT / "tests/site/mirror", ROOT / "tests/site/feed/ningdu.json"], as_of="2024-03-12"
    )
    names = {s["name"]: s for s in r["sites"]}
    assert names["安远县人民政府"]["qualified"] is False
    assert names["信丰县人民政府"]["qualified"] is True
    assert r["websites"] == {"checked": 2, "failed": 1, "pass_rate": 50.0}
    assert r["new_media"]["checked"] == 1
