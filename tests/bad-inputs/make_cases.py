"""Writes tests/bad-inputs/cases.jsonl: the language-neutral bad-input corpus (issue 9).

Every case is one JSON line: ``name``, ``kind`` (``ledger``: a whole ledger text read under
the seed-city preset; ``command``: one command JSON executed on ``base-ledger.jsonl``;
``profile``: a profile JSON text), ``input`` (text) and ``code``, the stable error code every
language must give. The Rust test (core/tests/bad_inputs.rs), pytest
(bindings/python/tests/test_bad_inputs.py) and the uniffi runners (Kotlin and Python, in
scripts/uniffi-tests) read the same file; each also checks that a refused command leaves the
ledger as it was.

    python3 tests/bad-inputs/make_cases.py     # rewrites cases.jsonl from base-ledger.jsonl
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = (HERE / "base-ledger.jsonl").read_text(encoding="utf-8").splitlines()
PROFILE = json.loads((HERE.parents[1] / "fuzz" / "corpus" / "profile_json" / "seed-city.json").read_text(encoding="utf-8"))

cases: list[dict[str, str]] = []


def case(name: str, kind: str, text: str, code: str) -> None:
    cases.append({"name": name, "kind": kind, "input": text, "code": code})


def link(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def event_of(line: str) -> dict:
    return json.loads(line)


def chain(header: str, events: list[dict]) -> list[str]:
    """Header and events written as version 2 (each line linked to the one before)."""
    out = [header]
    for e in events:
        e = {k: v for k, v in e.items() if k != "prev"}
        body = json.dumps(e, ensure_ascii=False, separators=(",", ":"))
        out.append('{"prev":"' + link(out[-1]) + '",' + body[1:])
    return out


HEADER = BASE[0]
EVENTS = [event_of(l) for l in BASE[1:41]]  # directory lines: committees, leaders, units …


def ledger(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


def with_last(fact_edit=None, event_edit=None, raw=None) -> str:
    """The first 40 events, the last one edited (so no later link can break first)."""
    events = [dict(e) for e in EVENTS]
    last = json.loads(json.dumps(events[-1]))
    if event_edit:
        event_edit(last)
    if fact_edit:
        fact_edit(last["fact"])
    events[-1] = last
    lines = chain(HEADER, events)
    if raw is not None:
        lines[-1] = '{"prev":"' + link(lines[-2]) + '",' + raw
    return ledger(lines)


GOOD = ledger(chain(HEADER, EVENTS))

# ---- ledger: header -------------------------------------------------------------------
header = json.loads(HEADER)
case("empty text", "ledger", "", "ledger.missing_header")
case("not json", "ledger", "not json\n", "ledger.missing_header")
case("header is an array", "ledger", "[1,2,3]\n", "ledger.missing_header")
case("byte order mark before the header", "ledger", "\ufeff" + GOOD, "ledger.missing_header")
case("other format name", "ledger", GOOD.replace('"format":"jianyi-ledger"', '"format":"other-ledger"', 1), "ledger.missing_header")
case("header without profile", "ledger", json.dumps({"format": "jianyi-ledger", "version": 2}) + "\n", "ledger.missing_header")
case("header with an unknown field", "ledger", GOOD.replace('"version":2,', '"version":2,"extra":true,', 1), "ledger.missing_header")
case("format version 4", "ledger", GOOD.replace('"version":2', '"version":4', 1), "ledger.unsupported_version")
case("format version 0", "ledger", GOOD.replace('"version":2', '"version":0', 1), "ledger.unsupported_version")
case("profile hash of another profile", "ledger", GOOD.replace(header["profile"]["hash"], "sha256:" + "0" * 64, 1), "ledger.profile_mismatch")
case("profile id of another preset", "ledger", GOOD.replace('"id":"seed-city"', '"id":"shanghai"', 1), "ledger.profile_mismatch")

# ---- ledger: event lines --------------------------------------------------------------
good_lines = GOOD.splitlines()
case("truncated mid-line", "ledger", "\n".join(good_lines[:-1] + [good_lines[-1][: len(good_lines[-1]) // 2]]), "ledger.parse")
case("truncated inside the link", "ledger", "\n".join(good_lines[:-1] + [good_lines[-1][:30]]), "ledger.chain_broken")
case("unknown field in an event", "ledger", with_last(event_edit=lambda e: e.update(extra=1)), "ledger.parse")
case("unknown field in a fact", "ledger", with_last(fact_edit=lambda f: f.update(extra=1)), "ledger.parse")
case("unknown fact type", "ledger", with_last(fact_edit=lambda f: f.update(type="launched_rocket")), "ledger.parse")
case("unknown actor role", "ledger", with_last(event_edit=lambda e: e.update(actor={"role": "emperor"})), "ledger.parse")
case("impossible date", "ledger", with_last(event_edit=lambda e: e.update(on="2022-02-30")), "ledger.parse")
case("date as a number", "ledger", with_last(event_edit=lambda e: e.update(on=20220101)), "ledger.parse")
case("seq as text", "ledger", with_last(event_edit=lambda e: e.update(seq="40")), "ledger.parse")
case("negative seq", "ledger", with_last(event_edit=lambda e: e.update(seq=-1)), "ledger.parse")
case("seq skips one", "ledger", with_last(event_edit=lambda e: e.update(seq=e["seq"] + 1)), "ledger.out_of_order")
case("seq repeats", "ledger", with_last(event_edit=lambda e: e.update(seq=e["seq"] - 1)), "ledger.out_of_order")
case("event line is an array", "ledger", with_last(raw="[1]}"), "ledger.parse")
case("missing fact", "ledger", with_last(event_edit=lambda e: e.pop("fact")), "ledger.parse")
case("missing command id", "ledger", with_last(event_edit=lambda e: e.pop("command")), "ledger.parse")
case("command id with a space", "ledger", with_last(event_edit=lambda e: e.update(command="c 1")), "ledger.parse")
case("empty command id", "ledger", with_last(event_edit=lambda e: e.update(command="")), "ledger.parse")
case("a unit registered twice", "ledger", with_last(fact_edit=lambda f: f.update(EVENTS[-2]["fact"])), "ledger.inconsistent")
case("command id reused with another digest", "ledger", with_last(event_edit=lambda e: e.update(command=EVENTS[0]["command"])), "ledger.inconsistent")
case("an event for an unknown item", "ledger", with_last(fact_edit=lambda f: (f.clear(), f.update({"type": "registered", "item": "J9999-0001", "topic": "social"}))), "ledger.inconsistent")
changed = list(good_lines)
changed[10] = changed[10].replace("代表团", "代表组", 1)
assert changed[10] != good_lines[10]
case("a changed line breaks the next link", "ledger", ledger(changed), "ledger.chain_broken")
case("a removed line", "ledger", ledger(good_lines[:15] + good_lines[16:]), "ledger.chain_broken")
case("two lines swapped", "ledger", ledger(good_lines[:20] + [good_lines[21], good_lines[20]] + good_lines[22:]), "ledger.chain_broken")
case("a line without its link", "ledger", ledger(good_lines[:5] + ["{" + good_lines[5].split('",', 1)[1]] + good_lines[6:]), "ledger.chain_broken")
case("a link that is not hex", "ledger", ledger(good_lines[:5] + ['{"prev":"' + "z" * 64 + '",' + good_lines[5].split('",', 1)[1]] + good_lines[6:]), "ledger.chain_broken")
v1_lines = [HEADER.replace('"version":2', '"version":1', 1)] + ["{" + l.split('",', 1)[1] for l in good_lines[1:]]
case("version 1 with a line out of order", "ledger", ledger(v1_lines[:3] + [v1_lines[4], v1_lines[3]] + v1_lines[5:]), "ledger.out_of_order")
case("version 1 line carrying a link", "ledger", ledger(v1_lines[:4] + [good_lines[4]] + v1_lines[5:]), "ledger.parse")

# ---- commands on the base ledger (last fact 2022-02-25) ------------------------------
def cmd(action: dict, actor: dict | None = None, on: str = "2022-03-01", cid: str = "bad-1") -> str:
    return json.dumps({"id": cid, "on": on, "actor": actor or {"role": "deputy_affairs_office"}, "action": action}, ensure_ascii=False)


OFFICE = {"role": "deputy_affairs_office"}
DEP = {"role": "deputy", "id": "D000359"}  # lead of J2022-000003
text = {"title": "关于加强社区养老服务的建议", "body": "建议……"}
submit = {"type": "submit_suggestion", "item": "J2022-900001", "lead": "D000359", "cosigners": [], "text": text}
register = {"type": "register", "item": "J2022-000003", "topic": "social"}

case("empty command", "command", "", "input.malformed")
case("command is not json", "command", "{\"id\":", "input.malformed")
case("command is an array", "command", "[]", "input.malformed")
case("unknown action type", "command", cmd({"type": "launch_rocket"}), "input.malformed")
case("unknown field in the action", "command", cmd({**register, "priority": "high"}), "input.malformed")
case("unknown field in the command", "command", json.dumps({**json.loads(cmd(register)), "extra": 1}), "input.malformed")
case("unknown actor role in a command", "command", cmd(register, actor={"role": "emperor"}), "input.malformed")
case("missing command id in a command", "command", json.dumps({k: v for k, v in json.loads(cmd(register)).items() if k != "id"}), "input.malformed")
case("command id with a space in a command", "command", cmd(register, cid="bad 1"), "input.malformed")
case("missing date", "command", json.dumps({k: v for k, v in json.loads(cmd(register)).items() if k != "on"}), "input.malformed")
case("impossible date in a command", "command", cmd(register, on="2022-02-30"), "input.malformed")
case("date in another format", "command", cmd(register, on="01/03/2022"), "input.malformed")
case("missing item id", "command", cmd({"type": "register", "topic": "social"}), "input.malformed")
case("empty item id", "command", cmd({**register, "item": ""}), "input.malformed")
case("item id too long", "command", cmd({**register, "item": "J" * 300}), "input.malformed")
case("unknown enum value (contact method)", "command", cmd({"type": "record_contact", "item": "P2021-00010", "method": "telepathy"}, actor={"role": "unit", "id": "U-TZB"}), "input.malformed")
case("unknown enum value (handling mode)", "command", cmd({"type": "assign", "item": "J2022-000003", "plan": {"mode": "alone", "leads": ["U-FGW"], "co": []}}), "input.malformed")
case("points as text", "command", cmd({"type": "record_assessment_score", "year": 2022, "unit": "U-FGW", "indicator": "staff", "points": "ten"}, actor={"role": "assessor"}), "input.malformed")
case("a deputy may not register items", "command", cmd(register, actor=DEP), "permission.role_not_allowed")
case("a unit may not assign", "command", cmd({"type": "assign", "item": "J2022-000003", "plan": {"mode": "lead_with_co", "leads": ["U-FGW"], "co": []}}, actor={"role": "unit", "id": "U-FGW"}), "permission.role_not_allowed")
case("the office may not reply", "command", cmd({"type": "issue_reply", "item": "P2021-00010", "class": "resolved", "signed_by_head": True, "copied_to": [], "leader_reviewed": False}), "permission.role_not_allowed")
case("a unit not assigned may not reply", "command", cmd({"type": "issue_reply", "item": "P2021-00010", "class": "resolved", "signed_by_head": True, "copied_to": [], "leader_reviewed": False}, actor={"role": "unit", "id": "U-FGW"}), "permission.unit_not_assigned")
case("a stranger may not withdraw", "command", cmd({"type": "withdraw", "item": "J2022-000003", "agreed_by": ["D000001"]}, actor={"role": "deputy", "id": "D000001"}), "permission.not_signer")
case("a stranger may not rate", "command", cmd({"type": "give_feedback", "item": "P2021-00010", "level": "satisfied"}, actor={"role": "deputy", "id": "D000001"}), "permission.not_evaluator")
case("a command id reused for another command", "command", cmd(register, cid="c00000001"), "command.id_reused")
case("dated before the item's latest fact", "command", cmd(register, on="2022-02-01"), "command.date_out_of_order")
case("an unknown item", "command", cmd({**register, "item": "J2099-000001"}), "item.unknown")
case("an item submitted twice", "command", cmd({**submit, "item": "J2022-000003"}, actor=DEP, on="2022-02-25"), "item.duplicate_id")
case("an unknown topic", "command", cmd({**register, "topic": "astronomy"}), "assign.unknown_topic")
case("an unknown unit", "command", cmd({"type": "assign", "item": "J2022-000003", "plan": {"mode": "lead_with_co", "leads": ["U-NOPE"], "co": []}}), "item.wrong_state")
case("a lead-with-co plan without a lead", "command", cmd({"type": "pre_assign", "item": "J2022-000003", "units": []}), "assign.no_lead_unit")
case("an unknown deputy as lead", "command", cmd({**submit, "lead": "D999999"}, actor={"role": "deputy", "id": "D999999"}, on="2022-02-25"), "directory.unknown_entry")
case("a signer twice", "command", cmd({**submit, "cosigners": ["D000359"]}, actor=DEP, on="2022-02-25"), "submit.duplicate_signer")
case("a motion outside the session", "command", cmd({"type": "submit_motion", "item": "M2022-900", "session": "9-1", "lead": "D000359", "cosigners": [f"D{n:06d}" for n in range(1, 10)], "text": text}, actor=DEP, on="2022-06-01"), "submit.motion_outside_session")
case("a motion with too few signers", "command", cmd({"type": "submit_motion", "item": "M2022-901", "session": "9-1", "lead": "D000359", "cosigners": ["D000001"], "text": text}, actor=DEP, on="2022-02-25"), "submit.too_few_signers")
case("an empty title", "command", cmd({**submit, "text": {"title": "  ", "body": "x"}}, actor=DEP, on="2022-02-25"), "input.empty_text")
case("an oversized title", "command", cmd({**submit, "text": {"title": "长" * 201, "body": "x"}}, actor=DEP, on="2022-02-25"), "input.oversized_text")
case("an oversized body", "command", cmd({**submit, "text": {"title": "关于某事的建议", "body": "长" * 20001}}, actor=DEP, on="2022-02-25"), "input.oversized_text")
case("a reply with an unknown class", "command", cmd({"type": "issue_reply", "item": "P2021-00010", "class": "maybe", "signed_by_head": True, "copied_to": [], "leader_reviewed": False}, actor={"role": "unit", "id": "U-TZB"}), "reply.unknown_class")
case("a planned reply without a promised date", "command", cmd({"type": "issue_reply", "item": "P2021-00010", "class": "planned", "signed_by_head": True, "copied_to": [], "leader_reviewed": False}, actor={"role": "unit", "id": "U-TZB"}), "reply.promised_date_required")
case("a key item chosen by a vice-mayor", "command", cmd({"type": "select_key_item", "item": "P2021-00010", "supervisor": "L-VM1", "committee": "C-CJ"}, actor={"role": "directors_meeting"}), "supervision.wrong_leader_post")
case("a supervision activity on no item", "command", cmd({"type": "log_supervision_activity", "items": [], "kind": "seminar"}), "supervision.no_items")
case("an unanswered item recommended for evaluation", "command", cmd({"type": "recommend_for_evaluation", "seed": 1, "items": ["J2022-000003"]}), "item.wrong_state")
case("an evaluation concluded twice", "command", cmd({"type": "conclude_evaluation", "item": "P2021-00001", "outcome": "continue", "finding": "x"}, actor={"role": "directors_meeting"}), "evaluation.wrong_stage")
case("a computed indicator scored by hand", "command", cmd({"type": "record_assessment_score", "year": 2022, "unit": "U-FGW", "indicator": "on_time", "points": 1}, actor={"role": "assessor"}), "assessment.unknown_indicator")
case("points above the indicator", "command", cmd({"type": "record_assessment_score", "year": 2022, "unit": "U-FGW", "indicator": "staff", "points": 10.5}, actor={"role": "assessor"}), "assessment.points_out_of_range")
case("a rollover into the same year", "command", cmd({"type": "rollover", "from_year": 2022, "into_year": 2022}), "followup.invalid_years")

# ---- profiles ----------------------------------------------------------------------------
def profile(edit) -> str:
    p = json.loads(json.dumps(PROFILE))
    edit(p)
    return json.dumps(p, ensure_ascii=False)


case("profile is not json", "profile", "{", "profile.parse")
case("profile is an array", "profile", "[]", "profile.parse")
case("profile with an unknown key", "profile", profile(lambda p: p.update(extra=1)), "profile.unknown_key")
case("profile without its id", "profile", profile(lambda p: p.pop("id")), "profile.parse")
case("profile with an empty id", "profile", profile(lambda p: p.update(id=" ")), "profile.invalid_value")
case("a zero reply deadline", "profile", profile(lambda p: p["handling"]["reply_deadline"].update(amount=0)), "profile.invalid_value")
case("a ratio above one", "profile", profile(lambda p: p["excellence"].update(suggestion_ratio=1.5)), "profile.parse")
case("an undefined rollover class", "profile", profile(lambda p: p["rollover"].update(classes=["maybe"])), "profile.undefined_reference")
case("a class defined twice", "profile", profile(lambda p: p["results"]["classes"].append(p["results"]["classes"][0])), "profile.invalid_value")
case("no grant for an action", "profile", profile(lambda p: p["authorization"].pop()), "profile.invalid_value")
case("an unknown role in a grant", "profile", profile(lambda p: p["authorization"][0].update(roles=["emperor"])), "profile.parse")
case("bands not descending", "profile", profile(lambda p: p["assessment"]["bands"].reverse()), "profile.invalid_value")
case("a veto capping at an unknown band", "profile", profile(lambda p: p["assessment"]["vetoes"][0].update(cap="platinum")), "profile.undefined_reference")
case("points with four decimals", "profile", profile(lambda p: p["assessment"]["deductions"][0].update(per_item=0.0001)), "profile.parse")
case("a system in no ranking group", "profile", profile(lambda p: p["assessment"]["groups"].pop()), "profile.invalid_value")
case("a deputy point scored twice", "profile", profile(lambda p: p["deputy_points"].append(p["deputy_points"][0])), "profile.invalid_value")
case("a merit on an unknown level", "profile", profile(lambda p: p["excellence"]["suggestion_merits"].append({"merit": {"when": "rated", "level": "ecstatic"}, "points": 1})), "profile.undefined_reference")
case("no third-party outcome", "profile", profile(lambda p: p["third_party"].update(outcomes=[])), "profile.invalid_value")
case("a cut-off on 30 February", "profile", profile(lambda p: p["rollover"].update(cutoff={"month": 2, "day": 30})), "profile.invalid_value")
case("statistics with five decimals", "profile", profile(lambda p: p["statistics"].update(decimals=5)), "profile.invalid_value")

names = [c["name"] for c in cases]
assert len(names) == len(set(names)), "case names must be unique"
(HERE / "cases.jsonl").write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
print(f"wrote {len(cases)} cases")
