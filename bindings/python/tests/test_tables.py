"""Columnar tables for analysts: to_records, pandas, polars."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest
from conftest import City, d

import jianyi


def test_items_table(busy_city: City) -> None:
    table = busy_city.ledger.items_table()
    assert isinstance(table, jianyi.Table)
    assert len(table) == 2
    cols = table.columns
    assert list(cols) == table.names
    for required in [
        "id", "kind", "year", "period", "origin", "session", "lead", "n_cosigners", "topic",
        "status", "first_class", "latest_class", "first_rating", "latest_rating", "lead_units",
        "systems", "replied_on",
    ]:
        assert required in cols, required
    assert all(len(v) == 2 for v in cols.values())
    assert cols["id"] == ["J001", "J002"]
    assert cols["kind"] == ["suggestion", "suggestion"]
    assert cols["year"] == [2022, 2022]
    assert cols["period"] == ["session", "session"]
    assert cols["origin"] == ["direct", "direct"]
    assert cols["lead"] == ["D02", "D03"]
    assert cols["n_cosigners"] == [0, 0]
    assert cols["topic"] == ["social", "social"]
    assert cols["status"] == ["replied", "handling"]
    assert cols["first_class"] == ["resolved", None]
    assert cols["latest_rating"] == ["satisfied", None]
    assert cols["lead_units"] == [["U-FIN"], ["U-EDU"]]
    assert cols["systems"] == [["government"], ["government"]]
    assert cols["replied_on"] == [dt.date(2022, 4, 21), None]
    assert cols["submitted_on"] == [dt.date(2022, 2, 23)] * 2
    assert table.dtypes["replied_on"] == "date" and table.dtypes["lead_units"] == "list[str]"
    # .columns hands out copies.
    cols["id"].append("X")
    assert table.column("id") == ["J001", "J002"]
    with pytest.raises(KeyError):
        table.column("nope")


def test_records_match_columns(busy_city: City) -> None:
    table = busy_city.ledger.items_table()
    records = table.to_records()
    assert len(records) == len(table)
    cols = table.columns
    for i, record in enumerate(records):
        assert list(record) == table.names
        assert record == {name: cols[name][i] for name in table.names}


def test_events_table(busy_city: City) -> None:
    ledger = busy_city.ledger
    table = ledger.events_table()
    assert len(table) == ledger.event_count
    cols = table.columns
    assert cols["seq"] == list(range(1, ledger.event_count + 1))
    assert all(type(on) is dt.date for on in cols["on"])
    replies = [i for i, t in enumerate(cols["type"]) if t == "reply_issued"]
    assert len(replies) == 1
    i = replies[0]
    assert cols["item"][i] == "J001" and cols["unit"][i] == "U-FIN"
    assert cols["actor_role"][i] == "unit" and cols["actor"][i] == "U-FIN"
    import json

    assert json.loads(cols["fact"][i])["class"] == "resolved"


def test_obligations_table(busy_city: City) -> None:
    as_of = d("2022-05-01")
    table = busy_city.ledger.obligations_table(as_of)
    cols = table.columns
    assert len(table) == sum(len(busy_city.ledger.obligations(i, as_of)) for i in ["J001", "J002"])
    reply = [i for i, k in enumerate(cols["kind"]) if k == "reply"]
    assert {cols["item"][i] for i in reply} == {"J001", "J002"}
    for i in reply:
        assert cols["due"][i] == dt.date(2022, 6, 30)
        assert cols["party"][i] == "unit"
    j1 = next(i for i in reply if cols["item"][i] == "J001")
    assert cols["status"][j1] == "done" and cols["done_on"][j1] == dt.date(2022, 4, 21)
    j2 = next(i for i in reply if cols["item"][i] == "J002")
    assert cols["status"][j2] == "open" and cols["working_days_left"][j2] > 0


def test_to_pandas(busy_city: City) -> None:
    pd = pytest.importorskip("pandas")
    df = busy_city.ledger.items_table().to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == busy_city.ledger.items_table().names
    assert df.shape[0] == 2
    assert str(df["replied_on"].dtype).startswith("datetime64")
    assert df.loc[0, "replied_on"] == pd.Timestamp("2022-04-21")
    assert pd.isna(df.loc[1, "replied_on"])
    assert df["year"].tolist() == [2022, 2022]
    assert df.groupby("status").size().to_dict() == {"handling": 1, "replied": 1}
    events = busy_city.ledger.events_table().to_pandas()
    assert len(events) == busy_city.ledger.event_count
    empty = jianyi.Ledger().items_table().to_pandas()
    assert empty.shape == (0, len(busy_city.ledger.items_table().names))


def test_to_pandas_reads_the_same_through_arrow_as_through_lists(busy_city: City, monkeypatch) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    for table in (busy_city.ledger.items_table(), busy_city.ledger.obligations_table(d("2022-05-01"))):
        through_arrow = table.to_pandas()
        with monkeypatch.context() as m:
            m.setitem(sys.modules, "pyarrow", None)
            through_lists = table.to_pandas()
        assert list(through_arrow.columns) == list(through_lists.columns) == table.names

        def cells(series: Any, kind: str) -> list[Any]:
            if kind.startswith("list"):
                return [list(v) for v in series]
            return [None if pd.isna(v) else v for v in series.tolist()]

        for name, kind in table.dtypes.items():
            a, b = through_arrow[name], through_lists[name]
            assert cells(a, kind) == cells(b, kind) == [
                None if v is None else (pd.Timestamp(v) if kind == "date" else v) for v in table.column(name)
            ], name
            assert isinstance(a.dtype, pd.CategoricalDtype) == isinstance(b.dtype, pd.CategoricalDtype) == (
                kind == "category"
            ), name
            if kind == "int":
                assert str(a.dtype) == str(b.dtype), name
            if kind == "date":
                assert str(a.dtype).startswith("datetime64") and str(b.dtype).startswith("datetime64"), name
        lists = [n for n, k in table.dtypes.items() if k.startswith("list")]
        if len(table) and lists:
            assert isinstance(through_arrow.loc[0, lists[0]], list)


def test_to_polars(busy_city: City) -> None:
    pl = pytest.importorskip("polars")
    df = busy_city.ledger.items_table().to_polars()
    assert isinstance(df, pl.DataFrame)
    assert df.height == 2
    assert df.schema["replied_on"] == pl.Date
    assert df.schema["lead_units"] == pl.List(pl.String)
    assert df["replied_on"].to_list() == [dt.date(2022, 4, 21), None]
    ob = busy_city.ledger.obligations_table(d("2022-05-01")).to_polars()
    assert ob.height > 0
    assert jianyi.Ledger().events_table().to_polars().height == 0


def test_arrow_stream_carries_every_column_with_its_type(busy_city: City) -> None:
    pa = pytest.importorskip("pyarrow")
    table = busy_city.ledger.items_table()
    arrow = table.to_arrow()
    assert isinstance(arrow, pa.Table)
    assert arrow.num_rows == len(table) == 2
    assert arrow.column_names == table.names
    types = {"str": pa.string(), "category": pa.dictionary(pa.int32(), pa.string()),
             "int": pa.int64(), "float": pa.float64(), "date": pa.date32(), "bool": pa.bool_(),
             "list[str]": pa.list_(pa.string()), "list[int]": pa.list_(pa.int64())}
    for name, dtype in table.dtypes.items():
        assert arrow.schema.field(name).type == types[dtype], name
    # Same values as the Python lists, dates included.
    assert arrow.to_pydict() == table.columns
    # Any PyCapsule consumer reads it; a table without rows keeps its columns.
    assert pa.table(jianyi.Ledger().items_table()).num_columns == len(table.names)
    ob = busy_city.ledger.obligations_table(d("2022-05-01"))
    assert pa.table(ob).to_pydict() == ob.columns


def test_a_large_table_reaches_polars_through_arrow() -> None:
    pl = pytest.importorskip("polars")
    ledger = jianyi.Ledger.generate(3000, seed=7)
    items = ledger.items_table()
    df = pl.DataFrame(items)  # the PyCapsule interface, no Python lists in between
    assert df.height == len(items) > 3000
    assert df.equals(items.to_polars())
    assert df["id"].to_list() == items.column("id")
    assert df.filter(pl.col("kind") == "suggestion").height == items.column("kind").count("suggestion")


@pytest.mark.parametrize(
    "package, method", [("pandas", "to_pandas"), ("polars", "to_polars"), ("pyarrow", "to_arrow")]
)
def test_a_missing_package_is_a_clear_import_error(busy_city: City, monkeypatch, package: str, method: str) -> None:
    monkeypatch.setitem(sys.modules, package, None)
    table = busy_city.ledger.items_table()
    with pytest.raises(ImportError, match=package) as info:
        getattr(table, method)()
    assert info.value.name == package


def test_every_report_table_is_a_table_whose_shares_recompute_from_its_counts() -> None:
    import json
    from fractions import Fraction
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    ledger = jianyi.Ledger.load(root / "examples" / "data" / "sample-city-2022.jsonl")
    as_of = dt.date(2022, 12, 31)
    tables = ledger.report_tables(2022, as_of)
    assert tables.pop("not_in_ledger") == []
    assert {"third_party", "excellence", "excellent_deputies", "unit_assessment"} <= set(tables)
    assert {"by_topic", "by_unit", "by_system", "classes_final", "timeliness"} <= set(tables)
    assert tables["key_supervision"].column("count") and tables["leader_led"].column("count")
    golden = json.loads((root / "core" / "tests" / "golden" / "summary" / "tables-2022.json").read_text(encoding="utf-8"))
    for name, table in tables.items():
        assert isinstance(table, jianyi.Table), name
        records = table.to_records()
        if "percent" in table.names:
            rows = golden[name]["table"]["rows"] if "status" in golden[name] else golden[name]["rows"]
            assert [r["count"] for r in records] == [r["count"] for r in rows], name
            for r in records:
                if r["denominator"]:
                    exact = Fraction(100 * r["numerator"], r["denominator"])
                    assert abs(float(exact) - float(r["percent"])) <= 0.05, (name, r)
    assert tables["by_unit"].column("unit")[:3] == [u["unit"] for u in golden["by_unit"][:3]]
    assert ledger.year_tables(2022, as_of)["by_topic"]["denominator"] == 447
