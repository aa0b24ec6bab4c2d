"""The golden cases of tests/golden, the same files crates/zhproof/tests/golden.rs reads:
`<case>.txt` checked with the embedded dictionaries as of the `.json`'s date must give exactly
its findings (none of the rules listed under `"quiet"`; with the `"select"` selection if any), and `fix` must give `<case>.fixed.txt`,
or the text itself when there is none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zhproof

from conftest import GOLDEN, golden_cases, read_text

CASES = golden_cases()


def test_golden_cases_are_found():
    assert len(CASES) >= 5, f"golden cases missing under {GOLDEN}"


def _id(p: Path) -> str:
    return str(p.relative_to(GOLDEN).with_suffix(""))


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_golden_case(case: Path):
    text = read_text(case)
    json_path = case.with_suffix(".json")
    if json_path.exists():
        expected = json.loads(read_text(json_path))
    else:
        expected = {"as_of": "2025-06-01", "findings": []}
    checker = zhproof.Checker(as_of=expected["as_of"], select=expected.get("select"))
    findings = checker.check(text)
    assert [f.to_dict() for f in findings] == expected["findings"]
    fired = {f.rule for f in findings}
    assert not fired & set(expected.get("quiet", [])), "a rule listed as quiet fires"
    encoded = text.encode("utf-8")
    for f in findings:
        assert text[f.char_start : f.char_end] == f.text
        assert encoded[f.byte_start : f.byte_end].decode("utf-8") == f.text
    # The same fix behaviour as crates/zhproof/tests/golden.rs: `fix` gives `.fixed.txt`, or
    # leaves the text alone when there is none.
    fixed_path = case.with_name(case.stem + ".fixed.txt")
    want = read_text(fixed_path) if fixed_path.exists() else text
    assert checker.fix(text) == want
