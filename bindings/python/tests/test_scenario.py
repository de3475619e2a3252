"""Scenarios that must give the same answers as the Rust core's own tests."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import OFFICE, City, as_unit, d, lead_only

import jianyi


def test_a_return_inside_its_window_is_reassigned_and_one_outside_is_refused(city: City) -> None:
    # Mirrors core/tests/scenarios.rs, same name.
    s = city
    s.assigned("J001", "D02", "U-FIN")
    s.assigned("J002", "D03", "U-FIN")

    # Shanghai Art 14: 7 working days from receipt (31 Mar 2022). 2 Apr (Sat) is a 调休
    # working day, 3–5 Apr 清明 are off: the window closes on 12 Apr.
    def ret(item: str) -> dict:
        return {"type": "request_return", "item": item, "reason": "不属于本单位职责"}

    s.ok("2022-04-12", as_unit("U-FIN"), ret("J001"))
    err = s.refused("2022-04-13", as_unit("U-FIN"), ret("J002"), "assign.return_window_closed")
    assert isinstance(err, jianyi.CommandError)
    assert err.details == {
        "error": "return_window_closed",
        "item": "J002",
        "unit": "U-FIN",
        "closed_on": d("2022-04-12"),
    }
    s.refused("2022-04-12", as_unit("U-EDU"), ret("J002"), "permission.unit_not_assigned")
    s.refused("2022-04-12", as_unit("U-FIN"), ret("J001"), "assign.return_pending")

    # The unit keeps the item until the office approves.
    assert s.ledger.holder("J001") == {"kind": "units", "units": ["U-FIN"]}
    s.ok("2022-04-13", OFFICE, {"type": "decide_return", "item": "J001", "unit": "U-FIN", "approved": True})
    assert s.ledger.holder("J001") == {"kind": "office"}
    obligations = s.ledger.obligations("J001", d("2022-04-14"))
    assert any(
        o["kind"] == {"kind": "reassignment"} and o["status"] in ("open", "due_soon", "overdue")
        for o in obligations
    )
    s.ok("2022-04-15", OFFICE, {"type": "reassign", "item": "J001", "plan": lead_only("U-HOUSE")})
    j = s.ledger.item("J001")
    assert j is not None
    assert len(j["assignments"]) == 2, "history kept"
    assert j["assignments"][1]["reassignment"] is True

    # The reply clock restarts at reassignment: 15 Apr + 3 months = 15 Jul.
    reply = next(
        o
        for o in s.ledger.obligations("J001", d("2022-04-15"))
        if o["kind"]["kind"] == "reply" and o["status"] in ("open", "due_soon", "overdue")
    )
    assert reply["party"] == {"kind": "unit", "id": "U-HOUSE"}
    assert reply["due"]["deadline"]["due"] == d("2022-07-15")
    s.refused(
        "2022-04-16",
        as_unit("U-FIN"),
        {"type": "record_contact", "item": "J001", "method": "phone"},
        "permission.unit_not_assigned",
    )


def test_the_return_window_is_explained_with_the_qingming_holidays() -> None:
    deadline = jianyi.Calendar.china().due_date(d("2022-03-31"), 7, "working_days")
    assert deadline["due"] == d("2022-04-12")
    assert deadline["holidays_skipped"] == [d("2022-04-03"), d("2022-04-04"), d("2022-04-05")]
    assert deadline["adjusted_workdays_counted"] == [d("2022-04-02")]
    assert "2022年4月12日" in deadline["explain_zh"]
    assert "2022-04-12" in deadline["explain_en"]


def test_readme_flow_contact_before_reply_and_the_three_month_deadline(city: City) -> None:
    s = city
    s.assigned("J001", "D02", "U-EDU")
    reply = {"type": "issue_reply", "item": "J001", "class": "resolved", "signed_by_head": True}
    s.refused("2022-04-20", as_unit("U-EDU"), reply, "handle.contact_required")
    s.contact("2022-04-20", "J001", "U-EDU")
    s.ok("2022-04-21", as_unit("U-EDU"), reply)
    obligations = s.ledger.obligations("J001", d("2022-04-21"))
    first_reply = next(o for o in obligations if o["kind"] == {"kind": "reply", "round": "first"})
    assert first_reply["due"]["deadline"]["due"] == d("2022-06-30")
    assert first_reply["done_on"] == d("2022-04-21")
    assert first_reply["status"] == "done"
    assert s.ledger.holder("J001") == {"kind": "deputies", "deputies": ["D02"]}


def test_a_jsonl_round_trip_rebuilds_the_same_ledger(busy_city: City, tmp_path) -> None:
    ledger = busy_city.ledger
    text = ledger.to_jsonl()
    again = jianyi.Ledger.from_jsonl(text)
    assert again.to_jsonl() == text
    assert again.items() == ledger.items() == ["J001", "J002"]
    assert again.item("J001") == ledger.item("J001")
    assert again.year_figures(2022, d("2022-12-31")) == ledger.year_figures(2022, d("2022-12-31"))
    assert again.items_table().to_records() == ledger.items_table().to_records()

    path = tmp_path / "ledger.jsonl"
    ledger.save(path)
    loaded = jianyi.Ledger.load(str(path), profile=jianyi.Profile.preset("seed-city"))
    assert loaded.to_jsonl() == text
    assert loaded.event_count == ledger.event_count


def test_loading_without_a_profile_uses_the_preset_the_header_names() -> None:
    city = City(jianyi.Profile.preset("shanghai"))
    text = city.ledger.to_jsonl()
    again = jianyi.Ledger.from_jsonl(text)
    assert again.profile == jianyi.Profile.preset("shanghai")
    assert again.header["profile"]["id"] == city.ledger.profile.id


def test_a_ledger_under_another_profile_is_refused_unless_what_if(busy_city: City) -> None:
    text = busy_city.ledger.to_jsonl()
    other = jianyi.Profile.preset("shanghai")
    try:
        jianyi.Ledger.from_jsonl(text, profile=other)
    except jianyi.LedgerError as e:
        assert e.code == "ledger.profile_mismatch"
    else:  # pragma: no cover
        raise AssertionError("expected ledger.profile_mismatch")
    what_if = jianyi.Ledger.from_jsonl(text, profile=other, what_if=True)
    assert what_if.event_count == busy_city.ledger.event_count
    assert what_if.profile == other


def test_execute_is_idempotent_by_command_id(city: City) -> None:
    command = city.command(
        "2022-01-05", OFFICE, {"type": "register_committee", "committee": {"id": "C-X", "name": "监察司法委"}}
    )
    first = city.ledger.execute(command)
    again = city.ledger.execute(command)
    assert not first.duplicate and again.duplicate
    assert first.events == again.events
    assert len(again) == 1 and again[0]["fact"]["type"] == "committee_registered"
    command["action"]["committee"]["name"] = "别的"
    try:
        city.ledger.execute(command)
    except jianyi.CommandError as e:
        assert e.code == "command.id_reused"
    else:  # pragma: no cover
        raise AssertionError("expected command.id_reused")


def test_decide_records_nothing_and_json_surface_agrees(city: City) -> None:
    n = city.ledger.event_count
    command = city.command(
        "2022-01-05", OFFICE, {"type": "register_committee", "committee": {"id": "C-X", "name": "监察司法委"}}
    )
    facts = city.ledger.decide(command)
    assert facts == [{"type": "committee_registered", "committee": {"id": "C-X", "name": "监察司法委"}}]
    assert city.ledger.event_count == n
    import json

    text = json.dumps({**command, "on": command["on"].isoformat()}, ensure_ascii=False)
    assert json.loads(city.ledger.decide_json(text)) == facts
    assert city.ledger.decide(text) == facts
    out = json.loads(city.ledger.execute_json(text))
    assert out["duplicate"] is False and out["events"][0]["fact"] == facts[0]
    assert city.ledger.event_count == n + 1


def test_queries_by_unit_committee_deputy_office(busy_city: City) -> None:
    ledger = busy_city.ledger
    as_of = d("2022-04-22")
    of_edu = ledger.open_obligations_of_unit("U-EDU", as_of)
    assert {o["item"] for o in of_edu} == {"J002"}
    assert all(o["party"] == {"kind": "unit", "id": "U-EDU"} for o in of_edu)
    assert {o["item"] for o in ledger.open_obligations_of_committee("C-SOC", as_of)} == {"J002"}
    assert {o["item"] for o in ledger.open_obligations_of_committee("C-FIN", as_of)} == set()
    # A deputy sees the open obligations on items they signed. On 22 April J001 is replied
    # and its rating (given on 10 May) is still owed: "as of" reads nothing after the day.
    assert {o["item"] for o in ledger.open_obligations_of_deputy("D03", as_of)} == {"J002"}
    owed = ledger.open_obligations_of_deputy("D02", as_of)
    assert [(o["item"], o["kind"]["kind"]) for o in owed] == [("J001", "feedback")]
    assert ledger.open_obligations_of_deputy("D02", d("2022-05-10")) == []
    assert ledger.open_obligations_of_office(as_of) == []
    late = d("2022-12-01")
    assert {o["item"] for o in ledger.overdue(late)} == {"J002"}
    soon = ledger.due_soon(d("2022-06-28"))
    assert all(o["status"] == "due_soon" for o in soon)
    for o in of_edu:
        assert isinstance(o["due"]["deadline"]["due"], type(as_of))
        assert o["due"]["deadline"]["explain_zh"]
    assert ledger.work_list(2022) == {"year": 2022, "new_items": ["J001", "J002"], "rolled_over": []}
    timeline = ledger.timeline("J001")
    assert [e["fact"]["type"] for e in timeline] == [
        "suggestion_submitted",
        "registered",
        "assigned",
        "contact_made",
        "reply_issued",
        "feedback_given",
    ]
    assert ledger.timeline("J999") == [] and ledger.item("J999") is None and ledger.holder("J999") is None


def test_year_figures_are_a_dict_with_dates(busy_city: City) -> None:
    figures = busy_city.ledger.year_figures(2022, d("2022-12-31"))
    assert figures["year"] == 2022
    assert figures["as_of"] == d("2022-12-31")
    assert figures["suggestions_total"] == 2
    assert figures["replied"] == 1 and figures["rated"] == 1
    resolved = next(c for c in figures["classes_first_reply"] if c["id"] == "resolved")
    assert resolved["count"] == 1 and resolved["share"] == {"numerator": 1, "denominator": 1}
    assert figures["satisfaction_rate"]["percent"] in ("100", "100.0", "100.00")
    assert figures["calendar_version"] == busy_city.ledger.calendar.version


def test_everything_is_deterministic() -> None:
    def run() -> tuple:
        c = City()
        c.assigned("J001", "D02", "U-FIN")
        c.assigned("J002", "D03", "U-EDU")
        ledger = c.ledger
        return (
            ledger.to_jsonl(),
            ledger.items_table().to_records(),
            ledger.obligations_table(d("2022-05-01")).to_records(),
            ledger.year_figures(2022, d("2022-05-01")),
        )

    assert run() == run()


def test_what_if_under_another_rate_definition() -> None:
    import json
    from pathlib import Path

    sample = Path(__file__).resolve().parents[3] / "examples" / "data" / "sample-city-2022.jsonl"
    ledger = jianyi.Ledger.load(sample)
    as_of = dt.date(2022, 12, 31)
    before = ledger.year_figures(2022, as_of)["rates"][0]
    spec = ledger.profile.to_dict()
    for rate in spec["statistics"]["rates"]:
        if rate["kind"] == "result_share":
            rate["classes"].append("planned")
    spec["statistics"]["decimals"] = 2
    other = jianyi.Profile.from_json(json.dumps(spec, default=str))
    after = ledger.under(other).year_figures(2022, as_of)["rates"][0]
    assert after["share"]["numerator"] > before["share"]["numerator"]
    assert len(after["percent"].split(".")[-1]) <= 2
    assert ledger.year_figures(2022, as_of)["rates"][0] == before  # unchanged
    with pytest.raises(jianyi.LedgerError) as info:
        ledger.under(jianyi.Profile.preset("npc"))
    assert info.value.code == "ledger.inconsistent"
    assert "not defined by profile `npc`" in str(info.value)


def test_the_summary_in_both_languages_and_three_formats_equals_the_rust_golden_files() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    ledger = jianyi.Ledger.load(root / "examples" / "data" / "sample-city-2022.jsonl")
    golden = root / "core" / "tests" / "golden" / "summary"
    for lang in ("zh", "en"):
        for fmt, ext in (("text", "txt"), ("md", "md"), ("html", "html")):
            expected = (golden / f"summary-2022.{lang}.{ext}").read_text(encoding="utf-8")
            assert ledger.summary_text(2022, dt.date(2022, 12, 31), lang, fmt) == expected
    with pytest.raises(ValueError, match="unknown lang `fr`"):
        ledger.summary_text(2022, dt.date(2022, 12, 31), lang="fr")
    with pytest.raises(ValueError, match="unknown format `pdf`"):
        ledger.summary_text(2022, dt.date(2022, 12, 31), format="pdf")
