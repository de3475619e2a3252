"""The language-neutral bad-input corpus (tests/bad-inputs/cases.jsonl): the same codes as
the Rust core, nothing crashes, and a refused command leaves the ledger as it was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import jianyi

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "bad-inputs"
CASES: list[dict[str, Any]] = [json.loads(line) for line in (CORPUS / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
SEED_CITY = jianyi.Profile.preset("seed-city")


@pytest.fixture(scope="module")
def base() -> jianyi.Ledger:
    return jianyi.Ledger.from_jsonl((CORPUS / "base-ledger.jsonl").read_text(encoding="utf-8"), profile=SEED_CITY)


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 80
    assert {c["kind"] for c in CASES} == {"ledger", "command", "profile"}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_bad_input_gives_its_code(base: jianyi.Ledger, case: dict[str, Any]) -> None:
    kind, text, code = case["kind"], case["input"], case["code"]
    with pytest.raises(jianyi.JianyiError) as info:
        if kind == "ledger":
            jianyi.Ledger.from_jsonl(text, profile=SEED_CITY)
        elif kind == "profile":
            jianyi.Profile.from_json(text)
        else:
            before = base.to_jsonl()
            try:
                base.execute(text)
            finally:
                assert base.to_jsonl() == before, "a refused command changed the ledger"
    assert info.value.code == code, f"{case['name']}: {info.value}"
