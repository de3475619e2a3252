"""`Ledger.to_parquet` (issue 18): the same files as `jianyi export --to parquet`, read back by
DuckDB, whose SQL gives the figures `year_figures` gives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import jianyi

SAMPLE = Path(__file__).resolve().parents[3] / "examples" / "data" / "sample-city-2022.jsonl"


def test_to_parquet_writes_every_table_and_duckdb_reads_the_figures(tmp_path: Path) -> None:
    import duckdb  # installed by scripts/python-tests
    ledger = jianyi.Ledger.load(SAMPLE)
    written = ledger.to_parquet(tmp_path)
    names = {Path(w["path"]).relative_to(tmp_path).as_posix(): w for w in written}
    assert {"items.parquet", "events.parquet", "obligations.parquet"} <= set(names)
    assert "report/figures.parquet" in names and "report/classes_final.parquet" in names
    assert names["items.parquet"]["rows"] == len(ledger.items_table())
    assert all(w["bytes"] > 0 for w in written)

    figures = ledger.year_figures(2022, dt.date(2022, 12, 31))
    con = duckdb.connect()
    row = con.execute(
        f"""select count(*), count(latest_rating),
                   count(*) filter (where latest_rating <> 'dissatisfied')
            from read_parquet('{tmp_path}/items.parquet')
            where kind = 'suggestion' and year = 2022"""
    ).fetchone()
    assert row is not None
    total, rated, satisfied = row
    assert total == figures["suggestions_total"]
    assert rated == figures["rated"]
    assert satisfied == figures["satisfaction_rate"]["count"]
    # Dates are dates, not text.
    assert con.execute(
        f"select typeof(submitted_on) from read_parquet('{tmp_path}/items.parquet') limit 1"
    ).fetchone() == ("DATE",)


def test_to_parquet_as_of_a_day_exports_what_the_ledger_knew_then(tmp_path: Path) -> None:
    ledger = jianyi.Ledger.load(SAMPLE)
    written = ledger.to_parquet(tmp_path, year=2022, as_of=dt.date(2022, 1, 31))
    rows = {Path(w["path"]).name: w["rows"] for w in written}
    assert 0 < rows["items.parquet"] < len(ledger.items_table())


def test_to_parquet_names_a_path_it_cannot_write(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    with pytest.raises(OSError, match="a-file.*export.io"):
        jianyi.Ledger.load(SAMPLE).to_parquet(blocked)
