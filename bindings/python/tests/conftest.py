"""Shared fixtures: where the repository's golden cases are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
GOLDEN = Path(os.environ.get("ZHPROOF_GOLDEN", REPO / "tests" / "golden"))


def read_text(path: Path) -> str:
    """Reads UTF-8 exactly as Rust's read_to_string does (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def golden_cases() -> list[Path]:
    """Every `<case>.txt` under tests/golden (not the `.fixed.txt` files), sorted."""
    return sorted(
        p for p in GOLDEN.rglob("*.txt") if not p.name.endswith(".fixed.txt")
    )


@pytest.fixture(scope="session")
def golden_texts() -> list[str]:
    texts = [read_text(p) for p in golden_cases()]
    assert len(texts) >= 5, f"golden cases missing under {GOLDEN}"
    return texts
