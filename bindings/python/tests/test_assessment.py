"""Third-party evaluation, unit assessment, deputy points and excellence (SPEC §8–§9)
through the Python binding, on the bundled sample city-year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import jianyi

ROOT = Path(__file__).resolve().parents[3]
AS_OF = dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def sample() -> jianyi.Ledger:
    return jianyi.Ledger.load(ROOT / "examples" / "data" / "sample-city-2022.jsonl")


def test_the_third_party_cycle_is_in_the_sample(sample: jianyi.Ledger) -> None:
    f = sample.evaluation_figures(2022)
    assert f["recommended_months"] == [7]
    assert f["selected_months"] == [8]
    assert f["deployed_on"] == [dt.date(2022, 9, 7)]
    assert f["concluded_on"] == [dt.date(2022, 10, 21)]
    outcomes = {o["outcome"]: o["items"] for o in f["outcomes"]}
    assert outcomes["continue"] > 0 and outcomes["basically_resolved"] > 0
    assert f["follow_up"]["items"] == 4
    assert sum(outcomes.values()) == f["selected"]


def test_unit_assessment_table_adds_up_and_explains(sample: jianyi.Ledger) -> None:
    table = sample.unit_assessment_table(2022, AS_OF)
    records = table.to_records()
    assert records, "units are assessed"
    dims = ["institution", "staffing", "communication", "replies", "results"]
    assert [n for n in table.names if n in dims] == dims
    for r in records:
        assert r["subtotal"] == pytest.approx(sum(r[d] for d in dims))
        assert r["total"] == pytest.approx(max(0.0, min(100.0, r["subtotal"] - r["deductions"])))
        if r["vetoes"]:
            assert r["band"] in ("fair", "poor")
        if r["total"] < 100:
            assert r["cost_by"] or r["subtotal"] < 100, r["unit"]
    detail = sample.unit_assessment(2022, AS_OF)
    assert len(detail["units"]) == len(records)
    assert detail["max"] == 100


def test_excellence_quotas_and_deputy_points(sample: jianyi.Ledger) -> None:
    ex = sample.excellence(2022)
    q = ex["quotas"]
    assert q["suggestions"]["quota"] == q["suggestions"]["pool"] // 10
    assert q["deputies"]["quota"] == q["deputies"]["pool"] * 6 // 100
    sug = ex["suggestions"].to_records()
    honoured = [r for r in sug if r["honoured"]]
    assert len(honoured) == q["suggestions"]["allowed"]
    assert all(r["standing"] in ("selected", "tied_at_cut") for r in honoured)
    points = sample.deputy_points_table(2022).to_records()
    assert len(points) == q["deputies"]["pool"]
    assert all(r["total"] >= 0 for r in points)


def test_evaluation_commands_refuse_with_codes(sample: jianyi.Ledger) -> None:
    ledger = jianyi.Ledger.from_jsonl(sample.to_jsonl())
    events = ledger.events_table().to_records()
    concluded = next(e["item"] for e in events if e["type"] == "evaluation_concluded")
    before = ledger.to_jsonl()
    with pytest.raises(jianyi.CommandError) as info:
        ledger.execute(
            {
                "id": "py-eval-1",
                "on": "2023-01-05",
                "actor": {"role": "directors_meeting"},
                "action": {"type": "conclude_evaluation", "item": concluded, "outcome": "continue", "finding": ""},
            }
        )
    assert info.value.code == "evaluation.wrong_stage"
    assert info.value.details["stage"] == "concluded"
    with pytest.raises(jianyi.CommandError) as info:
        ledger.execute(
            {
                "id": "py-score-1",
                "on": "2023-01-05",
                "actor": {"role": "assessor"},
                "action": {
                    "type": "record_assessment_score",
                    "year": 2022,
                    "unit": "U-ZZB",
                    "indicator": "on_time",
                    "points": 1,
                },
            }
        )
    assert info.value.code == "assessment.unknown_indicator"
    assert ledger.to_jsonl() == before
