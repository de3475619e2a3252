"""Tests of the uniffi-generated Python module `jianyi_uniffi` (the same library Kotlin and
Swift load). Run by scripts/uniffi-tests with plain python3:

    python3 bindings/uniffi/tests/python/test_uniffi.py target/uniffi/python

The directory holds the generated `jianyi_uniffi.py` and `libjianyi_uniffi.so` (built with
`--features test-panic`). Prints `N passed, N failed`; exits non-zero on any failure or when
no test ran.
"""

import json
import sys
import traceback

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "target/uniffi/python")

import jianyi_uniffi as j  # noqa: E402

OFFICE = {"role": "deputy_affairs_office"}


def unit(u):
    return {"role": "unit", "id": u}


def deputy(d):
    return {"role": "deputy", "id": d}


def lead_only(u):
    return {"mode": "lead_with_co", "leads": [u], "co": []}


class City:
    """The test city of core/tests/common/mod.rs (Scenario::seed_city), built from JSON."""

    def __init__(self, preset="seed-city"):
        self.ledger = j.Ledger(preset)
        self.n = 0
        on = "2021-01-01"
        for cid, name in [("C-FIN", "财经委"), ("C-SOC", "社会建设委")]:
            self.ok(on, OFFICE, {"type": "register_committee", "committee": {"id": cid, "name": name}})
        self.ok(on, OFFICE, {"type": "register_delegation",
                             "delegation": {"id": "DL-EAST", "name": "东区代表团"}})
        for uid, name, system, c in [
            ("U-FIN", "市财政局", "government", "C-FIN"),
            ("U-EDU", "市教育局", "government", "C-SOC"),
            ("U-HOUSE", "市住建局", "government", "C-SOC"),
            ("U-AGRI", "市农业农村局", "government", "C-FIN"),
            ("U-YOUTH", "团市委", "party_mass", "C-SOC"),
            ("U-COURT", "市中级人民法院", "court", "C-SOC"),
            ("U-PROC", "市检察院", "procuratorate", "C-SOC"),
        ]:
            self.ok(on, OFFICE, {"type": "register_unit", "unit": {
                "id": uid, "name": name, "system": system, "liaison_committee": c}})
        for i in range(1, 13):
            self.ok(on, OFFICE, {"type": "register_deputy", "deputy": {
                "id": f"D{i:02}", "name": f"代表{i}", "delegation": "DL-EAST", "office_holder": i == 1}})
        for sid, term, number, opens, closes in [
            ("8-5", 8, 5, "2021-01-10", "2021-01-14"),
            ("9-1", 9, 1, "2022-02-21", "2022-02-25"),
        ]:
            self.ok(on, OFFICE, {"type": "register_session", "session": {
                "id": sid, "term": term, "number": number, "opens": opens, "closes": closes}})

    def command(self, on, actor, action):
        self.n += 1
        return json.dumps({"id": f"c{self.n:05}", "on": on, "actor": actor, "action": action},
                          ensure_ascii=False)

    def ok(self, on, actor, action):
        return self.ledger.execute(self.command(on, actor, action))

    def refused(self, on, actor, action, code):
        before = self.ledger.to_jsonl()
        try:
            self.ledger.execute(self.command(on, actor, action))
        except j.JianyiError.Rejected as e:
            assert e.code == code, f"expected {code}, got {e.code}: {e.detail}"
            assert self.ledger.to_jsonl() == before, "a refused command changed the ledger"
            return e
        raise AssertionError(f"expected {code}, the command was accepted")

    def assigned(self, item, lead, u):
        self.ok("2022-02-23", deputy(lead), {
            "type": "submit_suggestion", "item": item, "lead": lead, "cosigners": [],
            "text": {"title": f"关于{item}的建议", "body": "问题：……分析：……建议：……"}})
        self.ok("2022-03-01", OFFICE, {"type": "register", "item": item, "topic": "social"})
        self.ok("2022-03-31", OFFICE, {"type": "assign", "item": item, "plan": lead_only(u)})


def ret(item):
    return {"type": "request_return", "item": item, "reason": "不属于本单位职责"}


# ---------------------------------------------------------------------------------------
# The Rust scenario `a_return_inside_its_window_is_reassigned_and_one_outside_is_refused`
# (core/tests/scenarios.rs), step for step, with the same answers.
# ---------------------------------------------------------------------------------------

def test_return_window_scenario_has_the_rust_answers():
    s = City()
    s.assigned("J001", "D02", "U-FIN")
    s.assigned("J002", "D03", "U-FIN")
    # 7 working days from receipt (31 Mar 2022): 2 Apr is a 调休 working Saturday, 3–5 Apr
    # are 清明 holidays, so the window closes on 12 Apr.
    out = s.ok("2022-04-12", unit("U-FIN"), ret("J001"))
    assert not out.duplicate
    assert [json.loads(e)["fact"]["type"] for e in out.events_json] == ["return_requested"]
    e = s.refused("2022-04-13", unit("U-FIN"), ret("J002"), "assign.return_window_closed")
    details = json.loads(e.details_json)
    assert details["closed_on"] == "2022-04-12", details
    assert details["item"] == "J002" and details["unit"] == "U-FIN", details
    s.refused("2022-04-12", unit("U-EDU"), ret("J002"), "permission.unit_not_assigned")
    s.refused("2022-04-12", unit("U-FIN"), ret("J001"), "assign.return_pending")
    # The unit keeps the item until the office approves.
    assert s.ledger.holder("J001") == j.Holder(kind=j.HolderKind.UNITS, units=["U-FIN"], deputies=[])
    s.ok("2022-04-13", OFFICE, {"type": "decide_return", "item": "J001", "unit": "U-FIN", "approved": True})
    assert s.ledger.holder("J001").kind == j.HolderKind.OFFICE
    obligations = s.ledger.obligations("J001", "2022-04-14")
    assert any(o.kind == "reassignment" and o.status in (j.ObligationStatus.OPEN, j.ObligationStatus.DUE_SOON,
                                                         j.ObligationStatus.OVERDUE)
               for o in obligations), obligations
    s.ok("2022-04-15", OFFICE, {"type": "reassign", "item": "J001", "plan": lead_only("U-HOUSE")})
    item = json.loads(s.ledger.item_json("J001"))
    assert len(item["assignments"]) == 2, "history kept"
    assert item["assignments"][1]["reassignment"] is True
    # The reply clock restarts at reassignment: 15 Apr + 3 months = 15 Jul.
    reply = [o for o in s.ledger.obligations("J001", "2022-04-15")
             if o.kind == "reply" and o.status in (j.ObligationStatus.OPEN, j.ObligationStatus.DUE_SOON)]
    assert len(reply) == 1, reply
    assert reply[0].party_kind == j.PartyKind.UNIT and reply[0].party_id == "U-HOUSE"
    assert reply[0].due == "2022-07-15", reply[0]
    assert reply[0].anchor == "2022-04-15"
    assert "2022年7月15日" in reply[0].explanation_zh, reply[0].explanation_zh
    s.refused("2022-04-16", unit("U-FIN"),
              {"type": "record_contact", "item": "J001", "method": "phone"},
              "permission.unit_not_assigned")
    # The timeline tells the same story.
    facts = [t.fact_type for t in s.ledger.timeline("J001")]
    assert facts == ["suggestion_submitted", "registered", "assigned", "return_requested",
                     "return_decided", "assigned"], facts
    last = s.ledger.timeline("J001")[-1]
    assert (last.date, last.actor_role, last.actor_id) == ("2022-04-15", "deputy_affairs_office", None)
    assert json.loads(last.fact_json)["reassignment"] is True


def test_the_return_window_itself_on_the_calendar():
    cal = j.HolidayCalendar.china()
    assert cal.add_working_days("2022-03-31", 7) == "2022-04-12"
    assert cal.day_kind("2022-04-02") == j.DayKind.ADJUSTED_WORKDAY
    assert cal.day_kind("2022-04-04") == j.DayKind.HOLIDAY
    d = cal.due_date("2022-03-31", 7, j.WindowUnit.WORKING_DAYS, True)
    assert d.due == "2022-04-12"
    assert d.adjusted_workdays_counted == ["2022-04-02"]
    assert d.holidays_skipped == ["2022-04-03", "2022-04-04", "2022-04-05"], d.holidays_skipped
    assert "调休" in d.explanation_zh and "2022年4月12日" in d.explanation_zh
    assert cal.working_days_between("2022-03-31", "2022-04-12") == 7
    assert cal.working_days_between("2022-04-12", "2022-03-31") == -7
    assert cal.add_months("2022-01-31", 1) == "2022-02-28"


def test_worklists_and_figures():
    s = City()
    s.assigned("J001", "D02", "U-FIN")
    s.assigned("J002", "D03", "U-EDU")
    fin = s.ledger.open_obligations_of_unit("U-FIN", "2022-04-01")
    assert {o.item for o in fin} == {"J001"}
    assert {o.kind for o in fin} >= {"first_contact", "reply"}, fin
    reply = next(o for o in fin if o.kind == "reply")
    assert reply.due == "2022-06-30" and reply.hard_maximum is not None
    assert reply.working_days_left > 0 and reply.status == j.ObligationStatus.OPEN
    assert {o.item for o in s.ledger.open_obligations_of_deputy("D03", "2022-04-01")} == {"J002"}
    assert {o.item for o in s.ledger.open_obligations_of_committee("C-SOC", "2022-04-01")} == {"J002"}
    late = s.ledger.overdue("2022-08-01")
    assert {o.item for o in late} == {"J001", "J002"}
    assert all(o.working_days_left < 0 for o in late)
    assert s.ledger.work_list(2022) == j.WorkList(year=2022, new_items=["J001", "J002"], rolled_over=[])
    figures = json.loads(s.ledger.year_figures_json(2022, "2022-08-01"))
    assert figures["suggestions_total"] == 2 and figures["suggestions_at_session"] == 2
    rows = s.ledger.items()
    assert [(r.id, r.status, r.title) for r in rows] == [
        ("J001", j.ItemStatus.HANDLING, "关于J001的建议"), ("J002", j.ItemStatus.HANDLING, "关于J002的建议")]


def test_ledger_round_trip_decide_retry_and_apply_events():
    s = City()
    s.assigned("J001", "D02", "U-FIN")
    text = s.ledger.to_jsonl()
    again = j.Ledger.from_jsonl(text, "seed-city")
    assert again.to_jsonl() == text
    assert again.event_count() == s.ledger.event_count()
    # decide checks without recording.
    contact = s.command("2022-04-01", unit("U-FIN"), {"type": "record_contact", "item": "J001", "method": "meeting"})
    facts = s.ledger.decide(contact)
    assert [json.loads(f)["type"] for f in facts] == ["contact_made"]
    assert s.ledger.to_jsonl() == text
    # execute, then a retry under the same id is a duplicate with the same events.
    first = s.ledger.execute(contact)
    retry = s.ledger.execute(contact)
    assert retry.duplicate and retry.events_json == first.events_json
    # the server's events reach the phone's copy.
    assert again.apply_events(first.events_json) == 1
    assert again.to_jsonl() == s.ledger.to_jsonl()
    # a bad batch applies nothing.
    n = again.event_count()
    try:
        again.apply_events(first.events_json)
        raise AssertionError("an event applied twice")
    except j.JianyiError.Ledger as e:
        assert e.code == "ledger.out_of_order", e.code
    assert again.event_count() == n


# ---------------------------------------------------------------------------------------
# Every error family, with its code.
# ---------------------------------------------------------------------------------------

def expect(family, code, fn, *args):
    try:
        fn(*args)
    except family as e:
        assert e.code == code, f"expected {code}, got {e.code}: {e.detail}"
        assert isinstance(e, j.JianyiError), type(e)
        assert "\n" not in e.detail and e.detail, e.detail
        json.loads(e.details_json)
        return e
    raise AssertionError(f"expected {family.__name__} {code}, nothing was raised")


def test_input_errors():
    s = City()
    expect(j.JianyiError.Input, "input.malformed", s.ledger.execute, '{"id":')
    expect(j.JianyiError.Input, "input.malformed", s.ledger.execute,
           s.command("2022-01-05", OFFICE, {"type": "launch_rocket"}))
    e = expect(j.JianyiError.Input, "input.malformed", s.ledger.obligations, "J001", "2022-13-01")
    assert "as_of" in e.detail, e.detail
    expect(j.JianyiError.Input, "input.invalid_id", s.ledger.timeline, "J 001")
    expect(j.JianyiError.Input, "input.malformed", j.HolidayCalendar.china().add_working_days, "31/03/2022", 7)
    expect(j.JianyiError.Input, "input.malformed", j.HolidayCalendar.china().add_working_days, "2022-03-31", -1)


def test_profile_errors():
    expect(j.JianyiError.Profile, "profile.unknown_preset", j.Ledger, "atlantis")
    expect(j.JianyiError.Profile, "profile.unknown_preset", j.preset_json, "atlantis")
    expect(j.JianyiError.Profile, "profile.parse", j.validate_profile_json, "{")
    profile = json.loads(j.preset_json("shanghai"))
    profile["surprise"] = 1
    e = expect(j.JianyiError.Profile, "profile.unknown_key", j.validate_profile_json, json.dumps(profile))
    assert "surprise" in e.detail
    good = j.validate_profile_json(j.preset_json("shanghai"))
    assert good.id == "shanghai" and good.hash.startswith("sha256:")
    assert j.preset_names() == ["seed-city", "shanghai", "chongqing", "npc"]


def test_calendar_errors():
    cal = j.HolidayCalendar.china()
    expect(j.JianyiError.Calendar, "calendar.out_of_range", cal.day_kind, "2003-12-31")
    expect(j.JianyiError.Calendar, "calendar.out_of_range", cal.due_date, "2026-12-01", 30,
           j.WindowUnit.WORKING_DAYS, True)
    expect(j.JianyiError.Calendar, "calendar.invalid_data", j.HolidayCalendar.from_json, '{"format":"x"}')
    expect(j.JianyiError.Calendar, "calendar.invalid_data", j.Ledger, "seed-city", '{"format":"x"}')
    assert cal.with_weekend_fallback(True).day_kind("2028-01-03") == j.DayKind.WORKDAY


def test_rejected_errors():
    s = City()
    e = expect(j.JianyiError.Rejected, "permission.role_not_allowed", s.ledger.execute,
               s.command("2022-01-05", deputy("D01"), {"type": "register_committee",
                                                       "committee": {"id": "C-X", "name": "x"}}))
    assert json.loads(e.details_json)["role"] == "deputy"
    expect(j.JianyiError.Rejected, "item.unknown", s.ledger.decide,
           s.command("2022-04-01", unit("U-FIN"), {"type": "record_contact", "item": "J404", "method": "phone"}))


def test_ledger_errors():
    expect(j.JianyiError.Ledger, "ledger.missing_header", j.Ledger.from_jsonl, "garbage\n", "seed-city")
    s = City()
    text = s.ledger.to_jsonl()
    expect(j.JianyiError.Ledger, "ledger.profile_mismatch", j.Ledger.from_jsonl, text, "shanghai")
    lines = text.splitlines()
    lines[3] = lines[3][:75] + "not json"  # the link kept, the event unreadable
    e = expect(j.JianyiError.Ledger, "ledger.parse", j.Ledger.from_jsonl, "\n".join(lines), "seed-city")
    assert json.loads(e.details_json)["line"] == 4


def test_internal_error_family():
    expect(j.JianyiError.Internal, "internal.serialization", j.debug_internal_error)


def test_a_panic_is_a_caught_internal_error():
    try:
        j.debug_panic()
    except j.InternalError as e:
        assert "debug_panic" in str(e), str(e)
    else:
        raise AssertionError("no InternalError")
    # The library keeps working after the panic.
    assert j.HolidayCalendar.china().add_working_days("2022-03-31", 7) == "2022-04-12"


def test_error_codes_are_the_core_list():
    codes = j.error_codes()
    assert "assign.return_window_closed" in codes and len(codes) == len(set(codes))
    assert j.ledger_format_version() == 2


def test_a_ledgers_chain_is_verified_and_a_changed_line_found():
    ledger_text = City().ledger.to_jsonl()
    ok = json.loads(j.verify_ledger(ledger_text))
    assert ok["broken"] is None and ok["version"] == 2 and len(ok["head"]) == 64
    lines = ledger_text.splitlines()
    lines[3] = lines[3].replace('"seq":3', '"seq": 3', 1)
    broken = json.loads(j.verify_ledger("\n".join(lines)))["broken"]
    assert broken["line"] == 5, broken
    expect(j.JianyiError.Ledger, "ledger.missing_header", j.verify_ledger, "not a ledger")


def test_the_bad_input_corpus_gives_the_rust_codes():
    import pathlib
    corpus = pathlib.Path(__file__).resolve().parents[4] / "tests" / "bad-inputs"
    cases = [json.loads(l) for l in (corpus / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(cases) >= 80
    base = j.Ledger.from_jsonl((corpus / "base-ledger.jsonl").read_text(encoding="utf-8"), "seed-city")
    before = base.to_jsonl()
    wrong = []
    for case in cases:
        kind, text = case["kind"], case["input"]
        try:
            if kind == "ledger":
                j.Ledger.from_jsonl(text, "seed-city")
            elif kind == "profile":
                j.validate_profile_json(text)
            else:
                base.execute(text)
            got = "accepted"
        except j.JianyiError as e:
            got = e.code
        assert base.to_jsonl() == before, case["name"]
        if got != case["code"]:
            wrong.append(f"{case['name']}: {got}, expected {case['code']}")
    assert not wrong, "\n".join(wrong)


def main():
    tests = [(name, fn) for name, fn in sorted(globals().items())
             if name.startswith("test_") and callable(fn)]
    passed = failed = 0
    for name, fn in tests:
        try:
            fn()
        except Exception:  # noqa: BLE001 - report every failure, then go on
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc()
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    if failed or not passed:
        sys.exit(1)


if __name__ == "__main__":
    main()
