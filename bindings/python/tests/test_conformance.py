"""The Rust scenario tests, replayed through the Python surface: identical answers.

``core/tests/scenarios.rs`` records every command its scenarios run, with the core's answer
(the events, or the error code and details), in ``core/tests/golden/scenarios/*.jsonl``
(``core/tests/common/transcript.rs``). Here each file is replayed through ``Ledger.execute``
on a ledger under the same profile; every answer must be the same.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import jianyi

GOLDEN = Path(__file__).resolve().parents[3] / "core" / "tests" / "golden" / "scenarios"
TRANSCRIPTS = sorted(GOLDEN.glob("*.jsonl"))


def as_json(value: Any) -> Any:
    """The wire shape of a Python result: dates back to ISO text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    return value


def test_the_transcripts_are_there() -> None:
    # One file per Rust scenario (19 tests, two of which run two scenarios).
    assert len(TRANSCRIPTS) >= 19, GOLDEN


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=[p.stem for p in TRANSCRIPTS])
def test_a_rust_scenario_gives_the_same_answers_in_python(path: Path) -> None:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    header, steps = lines[0], lines[1:]
    ledger = jianyi.Ledger(jianyi.Profile.from_json(json.dumps(header["profile"])))
    refusals = 0
    for number, step in enumerate(steps, start=2):
        then = step["then"]
        where = f"{path.name} line {number}"
        if "events" in then:
            outcome = ledger.execute(step["command"])
            assert not outcome.duplicate, where
            assert as_json(outcome.events) == then["events"], where
        else:
            refusals += 1
            before = ledger.event_count
            with pytest.raises(jianyi.JianyiError) as caught:
                ledger.execute(step["command"])
            assert caught.value.code == then["error"], where
            assert as_json(caught.value.details) == then["details"], where
            assert ledger.event_count == before, where
    # The JSON-text surface agrees with the dict surface, line for line.
    assert ledger.to_jsonl() == replay_as_text(header, steps).to_jsonl()


def replay_as_text(header: dict[str, Any], steps: list[dict[str, Any]]) -> jianyi.Ledger:
    ledger = jianyi.Ledger(jianyi.Profile.from_json(json.dumps(header["profile"])))
    for step in steps:
        command = json.dumps(step["command"], ensure_ascii=False)
        if "events" in step["then"]:
            answer = json.loads(ledger.execute_json(command))
            assert answer["events"] == step["then"]["events"]
        else:
            with pytest.raises(jianyi.JianyiError):
                ledger.execute_json(command)
    return ledger
