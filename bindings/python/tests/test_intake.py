"""The intake checks (SPEC §5) through `jianyi.Screener`: the same 64 cases the Rust intake
test reads (`core/tests/data/intake-cases.json`) give the same topics, lead units, flags and
verdicts, and routing answers become commands the ledger accepts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import jianyi

ROOT = Path(__file__).resolve().parents[3]
CASES: list[dict[str, Any]] = json.loads((ROOT / "core" / "tests" / "data" / "intake-cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def screener() -> jianyi.Screener:
    return jianyi.Screener(jianyi.Profile.preset("seed-city"))


def kwargs(case: dict[str, Any]) -> dict[str, Any]:
    return {
        "body": case["body"],
        "proposed_unit": case.get("proposed_unit"),
        "signers": case.get("signers") or 1,
        "by_delegation": case.get("by_delegation", False),
    }


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_the_rust_intake_cases_give_the_same_answers(screener: jianyi.Screener, case: dict[str, Any]) -> None:
    answer = screener.route(case["title"], **kwargs(case))
    assert answer["classification"]["top"]["topic"] == case["topic"]
    lead = answer["lead"]["unit"] if answer["lead"] else None
    assert lead == case.get("unit")
    assert (answer["difficulty"] is not None) == case.get("difficult", False)
    flags = {f["reason"] for f in screener.exclusions(case["title"], case["body"])}
    assert flags == set(case["flags"])
    if case.get("kind") == "motion":
        verdict = screener.qualify_motion(case["title"], **kwargs(case))["verdict"]
        assert verdict == case["verdict"]


def test_route_actions_and_the_batch_table(screener: jianyi.Screener) -> None:
    routed = [c for c in CASES if c.get("unit") and not c.get("difficult")]
    case = routed[0]
    actions = screener.route_actions("J2022-900001", case["title"], **kwargs(case))
    assert actions[0]["type"] == "pre_assign"
    assert actions[0]["units"][0] == case["unit"]
    table = screener.route_table([(c["id"], c["title"], c["body"]) for c in CASES])
    records = table.to_records()
    assert [r["item"] for r in records] == [c["id"] for c in CASES]
    assert [r["topic"] for r in records] == [screener.classify(c["title"], c["body"])["top"]["topic"] for c in CASES]
    difficult = next(c for c in CASES if c.get("difficult"))
    dispute = screener.route_actions("J2022-900002", difficult["title"], **kwargs(difficult))
    assert dispute[0]["type"] == "raise_dispute"


def test_draft_check_and_similar_items(screener: jianyi.Screener) -> None:
    report = screener.check_draft("关于某事的建议", "")
    assert 0 <= report["score"] < 50
    assert report["fixes"]
    a = CASES[0]
    pairs = screener.similar([("A1", 2021, a["title"] + a["body"]), ("B1", 2022, a["title"] + a["body"]), ("C1", 2022, "关于加强校园周边交通安全管理的建议")])
    assert [(p["a"], p["b"], p["kind"]) for p in pairs] == [("B1", "A1", "earlier_year")]
    with pytest.raises(jianyi.InputError):
        screener.similar([(" ", 2022, "x")])
    assert repr(screener) == 'Screener(profile="seed-city")'


def test_a_ledgers_own_directory_routes_by_department_kind_with_history() -> None:
    """Issue 21: the sample ledger's directory routes without its keyword table, with reasons
    from the units' duties and from the ledger's own history."""
    ledger = jianyi.Ledger.load(ROOT / "examples" / "data" / "sample-city-2022.jsonl")
    screener = jianyi.Screener.for_ledger(ledger)
    assert screener.unit_kind("某县水务局") == "water"
    assert screener.unit_kind("某市公安局交通警察支队") == "traffic_police"
    kinds = {kind for (_, _, kind) in screener.units()}
    assert {"education", "water", "public_security"} <= kinds
    answer = screener.route("关于解决山区人畜饮水困难的建议", "")
    lead = answer["lead"]
    assert lead is not None and lead["kind"] == "water"
    codes = {r["code"] for r in lead["reasons"]}
    assert "unit.duties" in codes
    assert "unit.history" in codes


def test_records_kept_outside_the_ledger_teach_a_new_screener() -> None:
    """Issue 21: a host's earlier records (not in the ledger) teach routing as the ledger's
    history does; the screener they were given to is unchanged."""
    screener = jianyi.Screener(jianyi.Profile.preset("seed-city"))
    assert screener.history_terms() == 0
    units = {kind: uid for (uid, _, kind) in screener.units() if kind}
    water = units["water"]
    past = [(f"关于修缮某村蓄水池的建议（{i}）", "", [water]) for i in range(4)]
    past.append(("关于修缮某村蓄水池的建议", "", ["NO-SUCH-UNIT"]))
    learnt = screener.learning_from(past)
    assert learnt.history_terms() > 0
    assert screener.history_terms() == 0
    lead = learnt.route("关于修缮某村蓄水池的建议", "")["lead"]
    assert lead is not None and lead["unit"] == water
    history = [r["en"] for r in lead["reasons"] if r["code"] == "unit.history"]
    assert len(history) == 1 and "4 of 4 earlier items" in history[0], lead["reasons"]
