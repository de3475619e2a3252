"""Writes the sample 台账 (the office's spreadsheet, one row per suggestion) of the sample
city-year from examples/data/sample-city-2022.jsonl, with the column names offices use and
the mess real ones have: a title row, a two-row header with merged group cells, full-width
digits, blank rows, dates typed as 2022.3.5, 2022年3月5日, 2022/3/5 or real date cells, and
result classes as A类, A or 解决采纳.

    target/py-venv/bin/python scripts/make-sample-taizhang.py   # needs jianyi and openpyxl

Writes examples/data/sample-city-2022-taizhang.xlsx and .csv (the CSV as Excel saves
"CSV UTF-8": a byte-order mark, one header row, since CSV has no merged cells). For the
benchmarks, another ledger's 台账 as CSV only:

    target/py-venv/bin/python scripts/make-sample-taizhang.py LEDGER.jsonl OUT_STEM
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import jianyi
import openpyxl
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parents[1]
LEDGER = ROOT / "examples" / "data" / "sample-city-2022.jsonl"
OUT = ROOT / "examples" / "data" / "sample-city-2022-taizhang"

FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")
MODES = {"lead_with_co": "主协办", "split": "分办", "joint": "合办"}
LETTERS = {"resolved": "A", "in_progress": "B", "planned": "C", "reference": "D"}
GROUPS = [("答复情况", 10, 12), ("二次答复", 13, 14)]
SINGLE = ["建议号", "案由", "领衔代表", "附议代表", "代表团", "提出方式", "专业分类",
          "主办单位", "协办单位", "办理方式"]
LOWER = ["答复日期", "办理结果", "代表意见", "日期", "类别"]


def date_as_typed(n: int, day: dt.date | None) -> object:
    if day is None:
        return None
    return [day, f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日",
            f"{day.year}/{day.month}/{day.day}"][n % 4]


def class_as_typed(n: int, cls: str | None, labels: dict[str, str]) -> str | None:
    if cls is None:
        return None
    return [f"{LETTERS[cls]}类", labels[cls], LETTERS[cls]][n % 3]


def main() -> None:
    ledger_path, out = (Path(sys.argv[1]), Path(sys.argv[2])) if len(sys.argv) > 2 else (LEDGER, OUT)
    csv_only = len(sys.argv) > 2
    ledger = jianyi.Ledger.load(ledger_path)
    d = ledger.directory()
    name = lambda kind, i: d[kind][i]["name"]  # noqa: E731
    tables = ledger.report_tables(2022, dt.date(2022, 12, 31))
    class_labels = {r["id"]: r["label_zh"] for r in tables["classes_final"].to_records()}
    level_labels = {r["id"]: r["label_zh"] for r in tables["satisfaction_latest"].to_records()}
    topic_labels = {r["id"]: r["label_zh"] for r in tables["by_topic"].to_records()}
    # A second reply (二次答复) is a reply of a later round (a follow-up, a rehandling): a
    # split item's parts each give a first reply, which is not a second one.
    later_rounds: dict[str, dt.date] = {}
    with open(ledger_path, encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            fact = e.get("fact", {})
            if fact.get("type") == "reply_issued" and fact["round"] != "first":
                later_rounds[fact["item"]] = dt.date.fromisoformat(e["on"])
    rows = []
    items = [r for r in ledger.items_table().to_records()
             if r["kind"] == "suggestion" and r["year"] == 2022]
    for n, it in enumerate(items):
        lead = it["lead"]
        delegation = it["delegation"] or d["deputies"][lead].get("delegation")
        second = it["id"] in later_rounds
        number = it["id"].translate(FULL) if n % 7 == 3 else it["id"]
        rows.append([
            number,
            it["title"],
            name("deputies", lead),
            "、".join(name("deputies", c) for c in it["cosigners"]) or None,
            name("delegations", delegation) if delegation else None,
            "闭会期间" if it["period"] == "recess" else "会议期间",
            topic_labels.get(it["topic"] or "", None),
            "、".join(name("units", u) for u in it["lead_units"]) or None,
            "、".join(name("units", u) for u in it["co_units"]) or None,
            MODES.get(it["handling_mode"] or "", None),
            date_as_typed(n, it["replied_on"]),
            class_as_typed(n, it["first_class"], class_labels),
            level_labels.get(it["latest_rating"] or "", None),
            date_as_typed(n + 1, later_rounds.get(it["id"])) if second else None,
            class_as_typed(n + 1, it["latest_class"], class_labels) if second else None,
        ])

    if csv_only:
        write_csv(rows, out)
        return
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2022年建议台账"
    sheet.append(["某市人大代表建议办理情况台账（2022年）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=15)
    sheet.append(SINGLE + ["答复情况", None, None, "二次答复", None])
    sheet.append([None] * 10 + LOWER)
    for col in range(1, 11):  # single headers span both header rows
        sheet.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    for title, first, last in GROUPS:
        sheet.merge_cells(start_row=2, start_column=first + 1, end_row=2, end_column=last + 1)
    for row in sheet.iter_rows(min_row=1, max_row=3):
        for c in row:
            c.font = Font(bold=True)
            c.alignment = Alignment(horizontal="center", vertical="center")
    for n, row in enumerate(rows):
        if n % 40 == 39:
            sheet.append([])  # a blank row, as when a section is left for later
        sheet.append(row)
        for c in sheet[sheet.max_row]:
            if isinstance(c.value, dt.date):
                c.number_format = "yyyy-mm-dd"
    book.save(out.with_suffix(".xlsx"))
    write_csv(rows, out)


def write_csv(rows: list[list[object]], out: Path) -> None:
    header = SINGLE + ["答复日期", "办理结果", "代表意见", "二次答复日期", "二次答复类别"]
    with open(out.with_suffix(".csv"), "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for n, row in enumerate(rows):
            if n % 50 == 49:
                w.writerow([])
            w.writerow([v.isoformat() if isinstance(v, dt.date) else v for v in row])
    print(f"wrote {out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
