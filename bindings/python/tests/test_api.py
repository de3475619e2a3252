"""The shape of the Python API: classes, properties, date conversion."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from conftest import City, d

import jianyi
from jianyi import _core


def test_module_exports() -> None:
    for name in ["Ledger", "Profile", "Calendar", "Table", "Outcome", "JianyiError", "ERROR_CODES"]:
        assert hasattr(jianyi, name), name
    assert jianyi.__version__ == _core.__version__
    assert "assign.return_window_closed" in jianyi.ERROR_CODES
    assert jianyi.Ledger.__module__ == "jianyi._core"


def test_profile() -> None:
    p = jianyi.Profile.preset()
    assert p.id == "seed-city"
    assert p == jianyi.Profile.preset("seed-city")
    assert p.version
    assert p.content_hash.startswith("sha256:")
    assert p.reference == {"id": p.id, "version": p.version, "hash": p.content_hash}
    assert jianyi.Profile.from_json(p.to_json()) == p
    assert sorted(jianyi.Profile.presets()) == ["chongqing", "npc", "seed-city", "shanghai"]
    assert p.to_dict()["id"] == "seed-city"
    changes = p.diff(jianyi.Profile.preset("shanghai"))
    assert changes and all(set(c) == {"key", "before", "after"} for c in changes)
    assert any(c["key"] == "id" for c in changes)
    assert p.diff(p) == []
    assert "seed-city" in repr(p)


def test_calendar_dates() -> None:
    cal = jianyi.Calendar.china()
    assert cal.version.startswith("cn-")
    assert cal.first_year == 2004 and cal.last_year is not None and cal.last_year >= 2026
    # 2 Apr 2022 was a 调休 working Saturday; 3–5 Apr were 清明 holidays.
    assert cal.is_working_day(dt.date(2022, 4, 2)) is True
    assert cal.is_working_day(dt.date(2022, 4, 4)) is False
    assert cal.day_kind(dt.date(2022, 4, 2)) == "adjusted_workday"
    assert cal.day_kind("2022-04-04") == "holiday"
    nxt = cal.add_working_days(dt.date(2022, 3, 31), 7)
    assert type(nxt) is dt.date and nxt == dt.date(2022, 4, 12)
    assert cal.working_days_between(dt.date(2022, 3, 31), dt.date(2022, 4, 12)) == 7
    assert cal.working_days_between("2022-04-12", "2022-03-31") == -7
    months = cal.due_date(dt.date(2022, 8, 31), 1, "months", roll_forward=False)
    assert months["due"] == dt.date(2022, 9, 30)
    assert months["window"] == {"amount": 1, "unit": "months"}
    assert set(months) >= {"anchor", "due", "explain_zh", "explain_en", "calendar_version"}
    # Civil Code Art 203: 2 Oct 2022 (National Day) rolls forward to the next working day.
    rolled = cal.due_date(dt.date(2022, 9, 30), 2, "calendar_days")
    assert rolled["rolled_forward_from"] == dt.date(2022, 10, 2)
    assert rolled["due"] == dt.date(2022, 10, 8)
    assert cal.with_years(cal) == cal
    assert jianyi.Calendar.from_json(cal.to_json()) == cal
    assert cal.with_weekend_fallback(True).is_working_day(dt.date(2100, 1, 4)) is True


def test_a_datetime_is_not_a_date() -> None:
    with pytest.raises(TypeError, match="datetime"):
        jianyi.Calendar.china().is_working_day(dt.datetime(2022, 4, 2, 9, 0))
    with pytest.raises(TypeError):
        jianyi.Calendar.china().is_working_day(20220402)  # type: ignore[arg-type]


def test_result_dates_are_dates_and_text_stays_text(city: City) -> None:
    # A title that looks like a date stays a string: only real date fields become dates.
    city.ok(
        "2022-02-23",
        {"role": "deputy", "id": "D02"},
        {
            "type": "submit_suggestion",
            "item": "J001",
            "lead": "D02",
            "text": {"title": "2022-02-23", "body": ""},
        },
    )
    item = city.ledger.item("J001")
    assert item is not None
    assert item["text"]["title"] == "2022-02-23"
    assert item["submitted_on"] == dt.date(2022, 2, 23)
    event = city.ledger.timeline("J001")[0]
    assert type(event["on"]) is dt.date
    assert city.ledger.directory()["sessions"]["9-1"]["opens"] == dt.date(2022, 2, 21)


def test_commands_accept_dates_iso_text_tuples_and_json_text(city: City) -> None:
    base = {"actor": {"role": "deputy_affairs_office"}}
    city.ledger.execute(
        {**base, "id": "x1", "on": "2022-01-05", "action": {"type": "register_committee", "committee": {"id": "C-1", "name": "一"}}}
    )
    city.ledger.execute(
        '{"id":"x2","on":"2022-01-05","actor":{"role":"deputy_affairs_office"},'
        '"action":{"type":"register_committee","committee":{"id":"C-2","name":"二"}}}'
    )
    city.ledger.execute(
        {
            **base,
            "id": "x3",
            "on": dt.date(2022, 1, 5),
            "action": {
                "type": "register_unit",
                "unit": {"id": "U-T", "name": "t", "system": "government", "liaison_committee": None},
            },
        }
    )
    directory = city.ledger.directory()
    assert {"C-1", "C-2"} <= set(directory["committees"])
    assert "U-T" in directory["units"]


def test_ledger_properties(busy_city: City) -> None:
    ledger = busy_city.ledger
    assert isinstance(ledger.profile, jianyi.Profile) and ledger.profile.id == "seed-city"
    assert isinstance(ledger.calendar, jianyi.Calendar)
    assert ledger.event_count == len(ledger.events()) == len(ledger.to_jsonl().splitlines()) - 1
    assert ledger.header["format"] == "jianyi-ledger"
    assert ledger.items() == ["J001", "J002"]
    assert "items=2" in repr(ledger)
    ledger.set_calendar(jianyi.Calendar.china())
    assert ledger.obligations("J002", d("2022-04-01"))


def test_exceptions_pickle_and_carry_code_and_details() -> None:
    with pytest.raises(jianyi.ProfileError) as info:
        jianyi.Profile.preset("atlantis")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is jianyi.ProfileError
    assert again.code == "profile.unknown_preset" and again.details == {"error": "unknown_preset", "name": "atlantis"}
    assert str(again) == str(info.value) and "atlantis" in str(again)
    assert again.family == "profile"


def test_the_report_audit_catches_a_figure_no_convention_prints() -> None:
    text = "445件建议中，解决采纳的325件，占73%；计划解决的62件，占14.9%；留作参考的58件，占13%。"
    [table] = jianyi.audit_report_text(text)
    assert table["denominator"] == 445
    wrong = [(f["label"], f["printed"], f["nearest"]) for f in table["figures"] if not f["reproducible"]]
    assert wrong == [("计划解决", "14.9", "13.9")]
    assert jianyi.audit_report_text("没有表格。") == []
