"""`jianyi export --to parquet` read back by DuckDB (issue 18): the year's main figures
computed in SQL from the exported items equal the library's (`jianyi report --format json`),
the columns have their types, and the README's many-years query runs over two exports.

Run by scripts/cli-tests with JIANYI (the binary) and SAMPLE (the sample ledger) set.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

JIANYI = os.environ["JIANYI"]
SAMPLE = os.environ["SAMPLE"]
YEAR, AS_OF = 2022, "2022-12-31"


def run(*args: str) -> str:
    out = subprocess.run([JIANYI, *args], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"jianyi {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return out.stdout


def check(what: str, got: object, want: object) -> None:
    if got != want:
        sys.exit(f"FAIL {what}: SQL gives {got!r}, the library {want!r}")
    print(f"ok   {what}: {got!r}")


def percent(n: int, d: int) -> float:
    return round(100.0 * n / d, 1)


report = json.loads(run("report", SAMPLE, "--format", "json", "--year", str(YEAR), "--as-of", AS_OF))
figures = report["summary"]["figures"]
tables = report["tables"]

with tempfile.TemporaryDirectory() as tmp:
    out = Path(tmp) / "seed-city-2022"
    run("export", SAMPLE, "--to", "parquet", str(out), "--year", str(YEAR), "--as-of", AS_OF)
    con = duckdb.connect()
    con.execute(f"create view items as select * from read_parquet('{out}/items.parquet')")
    con.execute(
        f"create view year_items as select * from items where kind = 'suggestion' and year = {YEAR}"
    )

    def one(sql: str):
        return con.execute(sql).fetchone()[0]

    # Types: ids as strings, dates as DATE, classes stored as dictionary strings.
    types = dict(con.execute("select column_name, column_type from (describe items)").fetchall())
    check("items.id type", types["id"], "VARCHAR")
    check("items.submitted_on type", types["submitted_on"], "DATE")
    check("items.replied_on type", types["replied_on"], "DATE")
    check("items.lead_units type", types["lead_units"], "VARCHAR[]")
    # (That classes are Arrow dictionaries in the file's schema is checked in Rust:
    # export/tests/parquet.rs reads the schema back.)

    # The year's main figures, in SQL.
    check("suggestions_total", one("select count(*) from year_items"), figures["suggestions_total"])
    check(
        "suggestions_in_recess",
        one("select count(*) from year_items where period = 'recess'"),
        figures["suggestions_in_recess"],
    )
    check(
        "suggestions_at_session (direct)",
        one("select count(*) from year_items where period = 'session' and origin = 'direct'"),
        figures["suggestions_at_session"],
    )
    replied = one("select count(*) from year_items where replied_on <= DATE '2022-12-31'")
    check("replied", replied, figures["replied"])
    by_class = dict(
        con.execute(
            "select latest_class, count(*) from year_items where replied_on is not null group by 1"
        ).fetchall()
    )
    for row in figures["classes_final"]:
        got = by_class.get(row["id"], 0)
        check(f"final class {row['id']}", got, row["count"])
        check(f"final class {row['id']} %", percent(got, replied), float(row["percent"]))
    rated = one("select count(*) from year_items where latest_rating is not null")
    check("rated", rated, figures["rated"])
    satisfied = one(
        "select count(*) from year_items where latest_rating in ('satisfied', 'basically_satisfied')"
    )
    check("satisfied", satisfied, figures["satisfaction_rate"]["count"])
    check(
        "satisfaction rate %",
        percent(satisfied, rated),
        float(figures["satisfaction_rate"]["percent"]),
    )
    by_topic = dict(
        con.execute(
            "select coalesce(topic, 'unclassified'), count(*) from year_items group by 1"
        ).fetchall()
    )
    for row in tables["by_topic"]["rows"]:
        check(f"topic {row['id']}", by_topic.get(row["id"], 0), row["count"])
    # An item is late when any of its parts' first replies was (a split item has several).
    late = one(
        f"select count(distinct o.item) from read_parquet('{out}/obligations.parquet') o "
        "join year_items i "
        "on o.item = i.id where o.kind = 'reply' and o.status = 'done_late'"
    )
    on_time = figures["on_time_rate"]
    check("on-time first replies", replied - late, on_time["count"])

    # The exported report tables are the library's tables.
    for t in ("classes_final", "by_topic", "timeliness"):
        rows = con.execute(
            f"select id, count, denominator, percent from read_parquet('{out}/report/{t}.parquet')"
        ).fetchall()
        want = [
            (r["id"], r["count"], r["share"]["denominator"], r["percent"])
            for r in tables[t]["rows"]
        ]
        check(f"report/{t}.parquet", [tuple(r) for r in rows], want)
    exported = dict(
        con.execute(
            f"select id, count from read_parquet('{out}/report/figures.parquet')"
        ).fetchall()
    )
    for name in ("suggestions_total", "replied", "rated", "replies_late", "overdue_obligations"):
        check(f"report/figures.parquet {name}", exported[name], figures[name])

    # The README's query: many years (and localities) as one dataset.
    run("export", SAMPLE, "--to", "parquet", str(Path(tmp) / "seed-city-2021"), "--year", "2021")
    readme_sql = f"""
        select profile, year, count(*) as suggestions,
               count(*) filter (where latest_class = 'resolved') as resolved,
               round(100.0 * count(*) filter (where latest_rating <> 'dissatisfied')
                     / count(latest_rating), 1) as satisfaction
        from read_parquet('{tmp}/*/items.parquet', union_by_name = true)
        where kind = 'suggestion'
        group by profile, year order by profile, year
    """
    years = con.execute(readme_sql).fetchall()
    check("many-years query, 2022 row", years[-1][:3], ("seed-city", 2022, figures["suggestions_total"]))

print("parquet_duckdb: all checks passed")
