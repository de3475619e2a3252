"""Every exception family with its stable code, produced for real; panics never crash."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import OFFICE, City, as_deputy, d

import jianyi
from jianyi import _core


def codes_are_known(err: jianyi.JianyiError) -> None:
    assert err.code in jianyi.ERROR_CODES, err.code
    assert err.details.get("error"), err.details


def test_the_hierarchy() -> None:
    for cls in [
        jianyi.InputError,
        jianyi.ProfileError,
        jianyi.CalendarError,
        jianyi.CommandError,
        jianyi.LedgerError,
        jianyi.InternalError,
    ]:
        assert issubclass(cls, jianyi.JianyiError)
    assert issubclass(jianyi.JianyiError, Exception)
    assert issubclass(jianyi.PanicException, BaseException)
    assert not issubclass(jianyi.PanicException, Exception)


def test_profile_errors() -> None:
    with pytest.raises(jianyi.ProfileError) as info:
        jianyi.Profile.preset("atlantis")
    assert info.value.code == "profile.unknown_preset"
    codes_are_known(info.value)
    with pytest.raises(jianyi.ProfileError) as info:
        jianyi.Profile.from_json("{")
    assert info.value.code == "profile.parse"
    text = jianyi.Profile.preset().to_json().replace('"id": "seed-city"', '"id": "seed-city", "colour": 1', 1)
    with pytest.raises(jianyi.ProfileError) as info:
        jianyi.Profile.from_json(text)
    assert info.value.code == "profile.unknown_key"
    assert "colour" in str(info.value)


def test_input_errors(city: City) -> None:
    ledger = city.ledger
    with pytest.raises(jianyi.InputError) as info:
        ledger.execute("{")
    assert info.value.code == "input.malformed"
    assert info.value.details["what"] == "command"
    codes_are_known(info.value)
    bad_action = city.command("2022-01-05", OFFICE, {"type": "launch_rocket"})
    with pytest.raises(jianyi.InputError, match="launch_rocket") as info:
        ledger.execute(bad_action)
    assert info.value.code == "input.malformed"
    with pytest.raises(jianyi.InputError) as info:
        ledger.execute({"id": "x", "on": {1, 2}})
    assert info.value.code == "input.malformed" and "set" in str(info.value)
    with pytest.raises(jianyi.InputError) as info:
        ledger.execute({"id": "x", "on": dt.datetime(2022, 1, 5, 8, 0)})
    assert "datetime" in str(info.value)
    with pytest.raises(jianyi.InputError) as info:
        ledger.item("has space")
    assert info.value.code == "input.invalid_id"
    codes_are_known(info.value)
    with pytest.raises(jianyi.InputError) as info:
        jianyi.Calendar.china().is_working_day("2022-13-01")
    assert info.value.code == "input.malformed" and info.value.details["what"] == "date"
    with pytest.raises(jianyi.InputError) as info:
        jianyi.Calendar.china().due_date(d("2022-01-01"), 3, "fortnights")
    assert info.value.code == "input.malformed"
    # Oversized text is an input error even when it arrives inside a command.
    huge = {"title": "长" * 100_000, "body": ""}
    with pytest.raises(jianyi.InputError) as info:
        city.ledger.execute(
            city.command(
                "2022-02-23",
                as_deputy("D02"),
                {"type": "submit_suggestion", "item": "J001", "lead": "D02", "text": huge},
            )
        )
    assert info.value.code == "input.oversized_text"


def test_command_errors_are_refusals_that_change_nothing(city: City) -> None:
    err = city.refused(
        "2022-01-05",
        as_deputy("D01"),
        {"type": "register_committee", "committee": {"id": "C-Z", "name": "z"}},
        "permission.role_not_allowed",
    )
    assert isinstance(err, jianyi.CommandError)
    assert err.details == {"error": "role_not_allowed", "action": "register_committee", "role": "deputy"}
    codes_are_known(err)
    err = city.refused("2022-03-01", OFFICE, {"type": "register", "item": "J404", "topic": "social"}, "item.unknown")
    assert isinstance(err, jianyi.CommandError) and err.details["item"] == "J404"
    err = city.refused(
        "2022-01-05",
        OFFICE,
        {"type": "register_committee", "committee": {"id": "C-FIN", "name": "财经委"}},
        "directory.duplicate_entry",
    )
    assert err.family == "directory"


def test_calendar_errors(busy_city: City) -> None:
    with pytest.raises(jianyi.CalendarError) as info:
        jianyi.Calendar.china().is_working_day(dt.date(2199, 1, 1))
    err = info.value
    assert err.code == "calendar.out_of_range"
    assert err.details["date"] == dt.date(2199, 1, 1)
    assert err.details["first_year"] == 2004
    codes_are_known(err)
    with pytest.raises(jianyi.CalendarError) as info:
        busy_city.ledger.obligations("J002", dt.date(2199, 1, 1))
    assert info.value.code == "calendar.out_of_range"
    with pytest.raises(jianyi.CalendarError) as info:
        jianyi.Calendar.from_json('{"format": "jianyi-calendar"}')
    assert info.value.code == "calendar.invalid_data"


def test_ledger_errors_name_the_line(busy_city: City) -> None:
    lines = busy_city.ledger.to_jsonl().splitlines()
    lines[2] = lines[2][:-5]  # line 3: truncated JSON
    text = "\n".join(lines) + "\n"
    with pytest.raises(jianyi.LedgerError) as info:
        jianyi.Ledger.from_jsonl(text)
    err = info.value
    assert err.code == "ledger.parse"
    assert err.details["line"] == 3
    assert "line 3" in str(err)
    codes_are_known(err)
    # The state before the bad line stays usable.
    ledger, error = jianyi.Ledger.replay_jsonl(text)
    assert ledger.event_count == 1
    assert isinstance(error, jianyi.LedgerError) and error.details["line"] == 3
    ok, none = jianyi.Ledger.replay_jsonl(busy_city.ledger.to_jsonl())
    assert none is None and ok.event_count == busy_city.ledger.event_count
    with pytest.raises(jianyi.LedgerError) as info:
        jianyi.Ledger.from_jsonl("not a header\n")
    assert info.value.code == "ledger.missing_header"


def test_a_missing_file_is_an_os_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        jianyi.Ledger.load(tmp_path / "none.jsonl")


def test_a_panic_inside_rust_is_an_exception_not_a_crash() -> None:
    with pytest.raises(jianyi.InternalError) as info:
        _core._debug_panic()
    assert info.value.code == "internal.panic"
    assert isinstance(info.value, Exception)
    assert "deliberate panic" in info.value.details["message"]
    # The interpreter and the library go on working.
    assert jianyi.Calendar.china().is_working_day(dt.date(2022, 4, 2))
    with pytest.raises(jianyi.InternalError):
        _core._debug_panic()


def test_a_ledger_a_panic_interrupted_refuses_further_calls(busy_city: City) -> None:
    ledger = busy_city.ledger
    with pytest.raises(jianyi.InternalError) as info:
        ledger._debug_panic_while_changing()
    assert info.value.code == "internal.panic"
    for call in [ledger.to_jsonl, ledger.items, lambda: ledger.item("J001"), ledger.items_table]:
        with pytest.raises(jianyi.InternalError) as poisoned:
            call()
        assert poisoned.value.code == "internal.poisoned"
    assert "poisoned" in repr(ledger)
    # Other ledgers are unaffected.
    assert City().ledger.event_count > 0


def test_the_ledger_chain_is_verified_and_a_version_1_ledger_upcast() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    v1 = (root / "core" / "tests" / "data" / "ledger-v1.jsonl").read_text(encoding="utf-8")
    with pytest.raises(jianyi.LedgerError) as info:
        jianyi.verify_ledger(v1)
    assert info.value.code == "ledger.unsupported_version"
    v2 = jianyi.upcast_ledger_v1(v1)
    report = jianyi.verify_ledger(v2)
    assert report["broken"] is None and report["version"] == 2
    assert jianyi.Ledger.from_jsonl(v1).to_jsonl() == v2
    lines = v2.splitlines()
    lines[7] = lines[7].replace('"seq":7', '"seq": 7', 1)
    broken = jianyi.verify_ledger("\n".join(lines))["broken"]
    assert broken["line"] == 9
    with pytest.raises(jianyi.LedgerError) as info:
        jianyi.Ledger.from_jsonl("\n".join(lines))
    assert info.value.code == "ledger.chain_broken"
    assert info.value.details["line"] == 9
