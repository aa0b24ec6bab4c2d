"""The golden cases of tests/golden, the same files crates/zhproof/tests/golden.rs reads:
`<case>.txt` checked with the embedded dictionaries as of the `.json`'s date must give exactly
its findings (none of the rules listed under `"quiet"`; with the `"select"` selection if any), and `fix` must give `<case>.fixed.txt`,
or the text itself when there is none.

Fix behaviour is checked exactly as the Rust runner does (see its module docs): `"fix"` holds
exactly the keys of FIX_KEYS (`applied`, `applied_with_unsafe`: indices into `"findings"` of what
one fix pass applies, without and with unsafe fixes), `fix` gives `<case>.fixed.txt` and
`fix(unsafe_fixes=True)` gives `<case>.unsafe.fixed.txt` (each the text itself when absent). The
Rust test `the_python_runner_checks_the_same_fix_behaviour` compares FIX_KEYS with its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zhproof

from conftest import GOLDEN, golden_cases, read_text

CASES = golden_cases()

FIX_KEYS = ["applied", "applied_with_unsafe"]


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
    # The same fix behaviour as crates/zhproof/tests/golden.rs: which findings one pass applies,
    # and the fixed text (`.fixed.txt`, `.unsafe.fixed.txt`; the text itself when absent).
    fix = expected.get("fix", {})
    assert list(fix) == FIX_KEYS, f'"fix" must have exactly the keys {FIX_KEYS}'
    assert checker.applied_fixes(text) == fix["applied"]
    assert checker.applied_fixes(text, unsafe_fixes=True) == fix["applied_with_unsafe"]
    for suffix, unsafe in ((".fixed.txt", False), (".unsafe.fixed.txt", True)):
        fixed_path = case.with_name(case.stem + suffix)
        want = read_text(fixed_path) if fixed_path.exists() else text
        assert checker.fix(text, unsafe_fixes=unsafe) == want, fixed_path.name
