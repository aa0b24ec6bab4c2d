"""The Python API: module-level check, Finding, Checker options and fixes."""

from __future__ import annotations

import datetime
import re
import pickle
from pathlib import Path

import pytest

import zhproof

SENTENCE = "会议对下一阶段工作进行了全面布署。"
FIELDS = [
    "rule", "kind", "severity", "byte_start", "byte_end", "char_start", "char_end",
    "line", "column", "text", "message", "suggestions", "source", "applicability",
]

# A user dictionary: one expression rule, with the columns of dictionaries/README.md.
USER_TSV = (
    "term\tsuggestions\tkind\trule\tseverity\tnote\tsource\n"
    "赣洲\t赣州\texpression\tplace-name\terror\t地名\t民政部行政区划\n"
)


def test_module_check_finds_the_typo():
    findings = zhproof.check(SENTENCE)
    assert len(findings) == 1
    f = findings[0]
    assert (f.rule, f.kind, f.text, f.suggestions) == ("common-typo", "typo", "布署", ("部署",))
    assert (f.char_start, f.char_end, f.line, f.column) == (14, 16, 1, 15)
    assert SENTENCE[f.char_start : f.char_end] == f.text
    assert SENTENCE.encode()[f.byte_start : f.byte_end] == "布署".encode()
    assert "部署" in f.message and f.source
    assert zhproof.fix(SENTENCE) == "会议对下一阶段工作进行了全面部署。"
    assert zhproof.default_checker() is zhproof.default_checker()


def test_version_and_default_date():
    assert zhproof.__version__.count(".") == 2
    # One default-date policy for every front end: today's date (China time), read at build.
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()
    assert zhproof.Checker().as_of in (today, today - datetime.timedelta(days=1))
    assert not hasattr(zhproof, "DEFAULT_AS_OF")


def test_unknown_rules_and_kinds_raise_option_error_with_a_hint():
    for kwargs, hint in [
        ({"select": ["typos"]}, "did you mean `typo`?"),
        ({"select": ["nonexistent-rule"]}, "unknown rule `nonexistent-rule`"),
        ({"ignore": ["privcy"]}, "did you mean `privacy`?"),
        ({"severity": {"typos": "error"}}, "did you mean `typo`?"),
    ]:
        with pytest.raises(zhproof.OptionError, match=re.escape(hint)):
            zhproof.Checker(**kwargs)


def test_registry_and_applicability():
    ids = [r["id"] for r in zhproof.rules()]
    assert "common-typo" in ids and ids == sorted(ids)
    r = next(r for r in zhproof.rules() if r["id"] == "mobile-number")
    assert r["kind"] == "privacy" and r["fires"] and r["quiet"] and r["explanation"]
    c = zhproof.Checker(as_of="2025-06-01")
    (typo,) = c.check("全面布署。")
    assert typo.applicability == "safe" and typo.to_dict()["applicability"] == "safe"
    (phone,) = c.check("联系人：张三，电话13812345678。")
    assert phone.applicability == "unsafe"
    # Allow-listed spans suppress every family's findings, personal data too.
    allowed = zhproof.Checker(as_of="2025-06-01", allow=[("a.tsv", "term\n13812345678\n")])
    assert allowed.check("电话13812345678。") == []


def test_finding_has_exactly_the_json_fields():
    f = zhproof.check(SENTENCE)[0]
    d = f.to_dict()
    assert list(d) == FIELDS
    assert d["suggestions"] == ["部署"]
    assert all(getattr(f, k) == (tuple(v) if k == "suggestions" else v) for k, v in d.items())
    assert not any(
        name not in FIELDS and not name.startswith("_") for name in dir(f) if name != "to_dict"
    )


def test_finding_is_frozen_hashable_comparable_and_picklable():
    a = zhproof.check(SENTENCE)[0]
    b = zhproof.Checker().check(SENTENCE)[0]
    with pytest.raises(AttributeError):
        a.text = "x"  # type: ignore[misc]
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != zhproof.check("x" + SENTENCE)[0]
    assert a != "not a finding"
    assert pickle.loads(pickle.dumps(a)) == a
    rebuilt = eval(repr(a), {"Finding": zhproof.Finding})
    assert rebuilt == a and repr(rebuilt) == repr(a)
    assert zhproof.Finding(**a.to_dict()) == a
    with pytest.raises(zhproof.OptionError):
        zhproof.Finding(**{**a.to_dict(), "kind": "spelling"})


def test_empty_and_clean_text():
    assert zhproof.check("") == []
    assert zhproof.check("会议对下一阶段工作进行了全面部署。") == []
    assert zhproof.fix("") == ""


def test_lines_and_columns_with_crlf_and_astral_characters():
    text = "第一行\r\n𠀀𠀀全面布署\r第三行布署"
    found = zhproof.check(text)
    assert [(f.line, f.column) for f in found] == [(2, 5), (3, 4)]
    for f in found:
        assert text[f.char_start : f.char_end] == "布署"
        assert text.encode()[f.byte_start : f.byte_end] == "布署".encode()


def test_user_dictionary_in_memory_file_and_pathlike(tmp_path: Path):
    text = "赣洲市政务公开，全面布署。"
    path = tmp_path / "mine.tsv"
    path.write_text(USER_TSV, encoding="utf-8")
    for source in [("mine.tsv", USER_TSV), str(path), path]:
        c = zhproof.Checker(dictionaries=[source])
        rules = [f.rule for f in c.check(text)]
        assert rules == ["place-name", "common-typo"], source
    only_mine = zhproof.Checker(dictionaries=[("mine.tsv", USER_TSV)], defaults=False)
    assert [f.text for f in only_mine.check(text)] == ["赣洲"]


def test_allow_list_suppresses_covered_findings():
    allow = "term\tnote\tsource\n全面布署\t测试\t测试用例\n"
    c = zhproof.Checker(allow=[("allow.tsv", allow)])
    assert c.check(SENTENCE) == []
    assert len(c.check("布署")) == 1


def test_select_ignore_and_severity():
    text = "赣洲市全面布署。"
    mine = [("mine.tsv", USER_TSV)]
    assert [f.kind for f in zhproof.Checker(mine, select=["typo"]).check(text)] == ["typo"]
    assert [f.rule for f in zhproof.Checker(mine, select=["place-name"]).check(text)] == [
        "place-name"
    ]
    assert [f.kind for f in zhproof.Checker(mine, ignore=["typo"]).check(text)] == ["expression"]
    c = zhproof.Checker(severity={"typo": "error", "place-name": "info"}, dictionaries=mine)
    assert [f.severity for f in c.check(text)] == ["info", "error"]


def test_as_of_as_date_or_str_and_per_call():
    text = "新型冠状病毒肺炎疫情。"  # renamed on 2022-12-26
    before = zhproof.Checker(as_of=datetime.date(2022, 1, 1))
    after = zhproof.Checker(as_of="2024-06-01")
    assert before.as_of == datetime.date(2022, 1, 1)
    assert before.check(text) == []
    assert [f.rule for f in after.check(text)] == ["outdated-name"]
    assert before.check(text, as_of="2024-06-01") == after.check(text)
    assert after.check(text, as_of=datetime.date(2022, 1, 1)) == []


def test_fix_applies_safe_suggestions_only():
    text = "全面布署，北朝鲜。"  # a safe typo fix, then an expression finding that needs a human
    c = zhproof.Checker()
    assert [f.rule for f in c.check(text)] == ["common-typo", "xinhua-banned-term"]
    fixed = c.fix(text)
    assert fixed == "全面部署，北朝鲜。"
    assert c.fix(fixed) == fixed


def test_checker_repr_names_its_configuration():
    c = zhproof.Checker(dictionaries=[("mine.tsv", USER_TSV)], ignore=["usage"], as_of="2024-01-01")
    r = repr(c)
    assert "mine.tsv" in r and "usage" in r and "2024-01-01" in r


def test_mask_hides_personal_data_and_keeps_length(golden_texts):
    text = "联系人：张三，手机：13912341234，身份证号：11010519491231002X。"
    assert zhproof.mask(text) == "联系人：张三，手机：139****1234，身份证号：110105********002X。"
    c = zhproof.Checker(as_of="2024-06-01")
    masked_any = False
    for t in golden_texts:
        masked = c.mask(t)
        assert len(masked) == len(t)
        private = [f for f in c.check(t) if f.kind == "privacy"]
        masked_any |= bool(private)
        for f in private:
            assert masked[f.char_start : f.char_end] != f.text
        keep = set(range(len(t))) - {i for f in private for i in range(f.char_start, f.char_end)}
        assert all(masked[i] == t[i] for i in keep)
    assert masked_any
    assert zhproof.Checker(ignore=["privacy"]).mask(text) == text


def test_fix_repeats_until_no_safe_fix_is_left():
    # Fixing 不暇顾即 → 不暇顾及 makes 时致今日 match: fix must go on, as the Rust API and CLI do.
    c = zhproof.Checker()
    fixed = c.fix("不暇顾即时致今日")
    assert fixed == "不暇顾及时至今日"
    assert not [f for f in c.check(fixed) if f.rule == "common-typo"]
    assert zhproof.fix("不暇顾即时致今日") == fixed


def test_privacy_finding_repr_shows_the_masked_number():
    # Issue 13: repr showed the full ID number while the message said 已隐去.
    text = "身份证号360702198506122312。"
    (f,) = [f for f in zhproof.Checker(as_of="2025-06-01").check(text) if f.kind == "privacy"]
    assert f.text == "360702198506122312"  # the exact span stays available
    assert "360702********2312" in repr(f)
    assert "198506122312" not in repr(f)


def test_the_statistical_typo_detector_runs_by_default_and_can_be_ignored():
    # 晴节 for 情节: no dictionary lists it; the character model and the word model both judge it.
    text = "对违反规定的单位，由主管部门责令改正，并处以罚款；晴节严重的，依法追究刑事责任。"
    found = [f for f in zhproof.Checker().check(text) if f.rule == "statistical-typo"]
    assert [(f.text, f.severity, f.suggestions[0], f.applicability) for f in found] == [
        ("晴", "warning", "情", "display-only")
    ]
    assert "置信度" in found[0].message
    for ignore in (["statistical-typo"], ["typo"]):
        assert not any(f.rule == "statistical-typo" for f in zhproof.Checker(ignore=ignore).check(text))
    # its suggestions are never applied by fix
    assert zhproof.Checker().fix(text) == text
