"""`Ledger.import_table` (issue 18): the office's 台账 as a ledger, from a file or a DataFrame,
through the same Rust import as `jianyi import`."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

import jianyi

DATA = Path(__file__).resolve().parents[3] / "examples" / "data"
CSV = DATA / "sample-city-2022-taizhang.csv"
XLSX = DATA / "sample-city-2022-taizhang.xlsx"
DAY = dt.date(2022, 12, 31)


def test_a_file_imports_with_the_figures_it_carries_and_the_others_unknown() -> None:
    original = jianyi.Ledger.load(DATA / "sample-city-2022.jsonl").year_figures(2022, DAY)
    for path in (CSV, XLSX):
        ledger, skipped = jianyi.Ledger.import_table(path, 2022)
        assert skipped == []
        f = ledger.year_figures(2022, DAY)
        for key in ("suggestions_total", "replied", "rated", "satisfaction_rate", "classes_final"):
            assert f[key] == original[key], key
        unknown = {u["fact"]: u for u in f["unknown"]}
        assert unknown["date"]["items"] == 447
        assert "on_time_rate" in unknown["date"]["figures"]
        assert f["on_time_rate"]["percent"] == "—"
        assert ledger.header["version"] == 3


def test_a_dataframe_imports_like_the_file() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(CSV, dtype=str, encoding="utf-8-sig")
    ledger, _ = jianyi.Ledger.import_table(frame, 2022)
    from_file, _ = jianyi.Ledger.import_table(CSV, 2022)
    assert ledger.year_figures(2022, DAY)["classes_final"] == from_file.year_figures(2022, DAY)[
        "classes_final"
    ]
    # Rows of plain values, the header first, with real dates.
    rows = [["建议号", "案由", "领衔代表", "专业分类", "主办单位", "答复日期", "办理结果"],
            ["J1", "关于加快老旧小区改造的建议", "张三", "环资城建", "市住建局", dt.date(2022, 5, 6), "A"]]
    ledger, _ = jianyi.Ledger.import_table(rows, 2022)
    assert ledger.year_figures(2022, DAY)["replied"] == 1
    assert ledger.events()[-1]["source"]["row"] == 2


def test_a_bad_row_names_its_row_and_column_and_nothing_is_imported(tmp_path: Path) -> None:
    with open(CSV, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[4][11] = "Z类"
    broken = tmp_path / "broken.csv"
    with open(broken, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    with pytest.raises(jianyi.InputError) as e:
        jianyi.Ledger.import_table(broken, 2022)
    assert e.value.code == "import.bad_cell"
    assert "row 5 column L（办理结果）" in str(e.value)
    ledger, skipped = jianyi.Ledger.import_table(broken, 2022, keep_going=True)
    assert len(skipped) == 1 and "row 5" in skipped[0]
    assert ledger.year_figures(2022, DAY)["suggestions_total"] == 446
