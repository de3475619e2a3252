"""A small city for the scenarios, mirroring core/tests/common/mod.rs (`Scenario::new`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import pytest

import jianyi

OFFICE = {"role": "deputy_affairs_office"}


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def as_unit(unit: str) -> dict[str, Any]:
    return {"role": "unit", "id": unit}


def as_deputy(deputy: str) -> dict[str, Any]:
    return {"role": "deputy", "id": deputy}


def lead_only(unit: str) -> dict[str, Any]:
    return {"mode": "lead_with_co", "leads": [unit], "co": []}


class City:
    """A ledger plus a command counter (ids `c00001`, … as in the Rust harness)."""

    def __init__(self, profile: Optional[jianyi.Profile] = None) -> None:
        self.ledger = jianyi.Ledger(profile or jianyi.Profile.preset("seed-city"))
        self.n = 0
        on = "2021-01-01"
        for cid, name in [("C-FIN", "财经委"), ("C-SOC", "社会建设委")]:
            self.ok(on, OFFICE, {"type": "register_committee", "committee": {"id": cid, "name": name}})
        self.ok(
            on,
            OFFICE,
            {"type": "register_delegation", "delegation": {"id": "DL-EAST", "name": "东区代表团"}},
        )
        for uid, name, system, committee in [
            ("U-FIN", "市财政局", "government", "C-FIN"),
            ("U-EDU", "市教育局", "government", "C-SOC"),
            ("U-HOUSE", "市住建局", "government", "C-SOC"),
            ("U-AGRI", "市农业农村局", "government", "C-FIN"),
            ("U-YOUTH", "团市委", "party_mass", "C-SOC"),
            ("U-COURT", "市中级人民法院", "court", "C-SOC"),
            ("U-PROC", "市检察院", "procuratorate", "C-SOC"),
        ]:
            self.ok(
                on,
                OFFICE,
                {
                    "type": "register_unit",
                    "unit": {"id": uid, "name": name, "system": system, "liaison_committee": committee},
                },
            )
        for i in range(1, 13):
            self.ok(
                on,
                OFFICE,
                {
                    "type": "register_deputy",
                    "deputy": {
                        "id": f"D{i:02}",
                        "name": f"代表{i}",
                        "delegation": "DL-EAST",
                        "office_holder": i == 1,
                    },
                },
            )
        for sid, term, number, opens, closes in [
            ("8-5", 8, 5, d("2021-01-10"), d("2021-01-14")),
            ("9-1", 9, 1, d("2022-02-21"), d("2022-02-25")),
        ]:
            self.ok(
                on,
                OFFICE,
                {
                    "type": "register_session",
                    "session": {"id": sid, "term": term, "number": number, "opens": opens, "closes": closes},
                },
            )

    def command(self, on: str, actor: dict[str, Any], action: dict[str, Any]) -> dict[str, Any]:
        self.n += 1
        return {"id": f"c{self.n:05}", "on": d(on), "actor": actor, "action": action}

    def ok(self, on: str, actor: dict[str, Any], action: dict[str, Any]) -> list[dict[str, Any]]:
        outcome = self.ledger.execute(self.command(on, actor, action))
        assert not outcome.duplicate
        return [e["fact"] for e in outcome]

    def refused(self, on: str, actor: dict[str, Any], action: dict[str, Any], code: str) -> jianyi.JianyiError:
        before = self.ledger.to_jsonl()
        with pytest.raises(jianyi.JianyiError) as info:
            self.ledger.execute(self.command(on, actor, action))
        assert info.value.code == code, str(info.value)
        assert self.ledger.to_jsonl() == before, "a refused command changed the ledger"
        return info.value

    # ---- common steps ----

    def submit(self, on: str, item: str, lead: str, cosigners: tuple[str, ...] = ()) -> None:
        self.ok(
            on,
            as_deputy(lead),
            {
                "type": "submit_suggestion",
                "item": item,
                "lead": lead,
                "cosigners": list(cosigners),
                "text": {"title": f"关于{item}的建议", "body": "问题：……分析：……建议：……"},
            },
        )

    def register(self, on: str, item: str) -> None:
        self.ok(on, OFFICE, {"type": "register", "item": item, "topic": "social"})

    def assign(self, on: str, item: str, plan: dict[str, Any]) -> None:
        self.ok(on, OFFICE, {"type": "assign", "item": item, "plan": plan})

    def contact(self, on: str, item: str, unit: str) -> None:
        self.ok(on, as_unit(unit), {"type": "record_contact", "item": item, "method": "meeting"})

    def reply(self, on: str, item: str, unit: str, cls: str, promised: Optional[str] = None) -> None:
        action: dict[str, Any] = {
            "type": "issue_reply",
            "item": item,
            "class": cls,
            "signed_by_head": True,
            "copied_to": ["人事代表工委"],
        }
        if promised:
            action["promised_by"] = d(promised)
        self.ok(on, as_unit(unit), action)

    def rate(self, on: str, item: str, by: str, level: str) -> None:
        self.ok(on, as_deputy(by), {"type": "give_feedback", "item": item, "level": level})

    def assigned(self, item: str, lead: str, unit: str) -> None:
        """Submit (in session), register and assign to one lead unit."""
        self.submit("2022-02-23", item, lead)
        self.register("2022-03-01", item)
        self.assign("2022-03-31", item, lead_only(unit))


@pytest.fixture
def city() -> City:
    return City()


@pytest.fixture
def busy_city() -> City:
    """Two items assigned; one replied and rated."""
    c = City()
    c.assigned("J001", "D02", "U-FIN")
    c.assigned("J002", "D03", "U-EDU")
    c.contact("2022-04-20", "J001", "U-FIN")
    c.reply("2022-04-21", "J001", "U-FIN", "resolved")
    c.rate("2022-05-10", "J001", "D02", "satisfied")
    return c
