"""Benchmark: the year's figures from a ledger file, jianyi against idiomatic pandas and DuckDB SQL.

SPEC §13 asks the Python binding to be at least 20 times faster than computing the same report
figures with pandas. Both sides start from the same JSON Lines ledger on disk (what an analyst
has) and end with the same figures: suggestions of the year, replied items, result classes
after the first and the latest reply, rated items and latest satisfaction, items per system.
The same figures also come from DuckDB SQL straight over the file (``DUCKDB_FIGURES``), the
query an analyst would write without pandas (issue 22 asks jianyi to be ahead of it). The script
checks that all three agree before it prints any timing.

    python bindings/python/bench/bench_figures.py --items 100000 [--repeat 3]

The ledger is written by the core's seeded generator (``jianyi.Ledger.generate``); generating
it is not timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import jianyi

YEAR = 2022
# The seed-city profile's result classes, most resolved first (its report order).
CLASS_ORDER = {"resolved": 0, "in_progress": 1, "planned": 2, "reference": 3}
# The figures as of the end of the next year, when every line of the city-year is in the file
# (the generator's last events fall in January): a ledger reopened from a snapshot holds no
# log to look back to an earlier day, so every tool is asked for the state the file ends in.
AS_OF = dt.date(YEAR + 1, 12, 31)


def with_jianyi(path: Path) -> dict[str, Any]:
    ledger = jianyi.Ledger.load(path)
    return figures_of(ledger.year_figures(YEAR, AS_OF))


def with_jianyi_state(path: Path) -> dict[str, Any]:
    """Cold, keeping the state only (``keep_log=False``): every line checked, no event held."""
    ledger = jianyi.Ledger.load(path, keep_log=False)
    return figures_of(ledger.year_figures(YEAR, AS_OF))


def with_jianyi_warm(path: Path, snapshot: Path) -> dict[str, Any]:
    """A host that keeps a snapshot beside its ledger (``Ledger.snapshot``) reopens from it:
    the state at the snapshot, then only the lines after it (none here)."""
    ledger, refused = jianyi.Ledger.reopen(path, snapshot)
    if refused is not None:
        raise SystemExit(f"the snapshot was refused: {refused}")
    return figures_of(ledger.year_figures(YEAR, AS_OF))


def figures_of(f: dict[str, Any]) -> dict[str, Any]:
    """The compared subset of ``year_figures``."""
    return {
        "suggestions_total": f["suggestions_total"],
        "replied": f["replied"],
        "classes_first_reply": {r["id"]: r["count"] for r in f["classes_first_reply"] if r["count"]},
        "classes_final": {r["id"]: r["count"] for r in f["classes_final"] if r["count"]},
        "rated": f["rated"],
        "satisfaction_latest": {r["id"]: r["count"] for r in f["satisfaction_latest"] if r["count"]},
        "by_system": {s["system"]: s["items"] for s in f["by_system"] if s["items"]},
    }


def with_pandas(path: Path) -> dict[str, Any]:
    """The same figures the way an analyst would compute them with pandas."""
    import pandas as pd

    events = pd.read_json(path, lines=True, dtype=False).iloc[1:]  # line 1 is the header
    events = events[events["on"].astype(str) <= AS_OF.isoformat()]  # as the ledger knew it then
    facts = pd.json_normalize(events["fact"].tolist())
    facts["seq"] = events["seq"].to_numpy()

    def of(kind: str) -> Any:
        return facts[facts["type"] == kind]

    # Items of the year: submitted suggestions, plus motions converted into suggestions.
    submitted = of("suggestion_submitted")[["item", "year"]]
    motions = of("motion_submitted")[["item", "year"]].rename(columns={"item": "motion"})
    converted = of("motion_decided")
    converted = converted[converted["decision.kind"] == "convert_to_suggestion"]
    converted = converted[["item", "decision.suggestion"]].rename(
        columns={"item": "motion", "decision.suggestion": "suggestion"}
    )
    converted = converted.merge(motions, on="motion")[["suggestion", "year"]]
    items = pd.concat([submitted, converted.rename(columns={"suggestion": "item"})])
    items = items[items["year"] == YEAR][["item"]]

    replies = of("reply_issued").sort_values("seq")
    replies = replies[replies["item"].isin(items["item"])]
    # A split item (分办) takes the least-resolved of its parts' classes (SPEC §4): each part
    # is a unit; any other item answers as one.
    assigned = of("assigned").sort_values("seq")
    mode = assigned.groupby("item")["plan.mode"].last()
    part = replies["unit"].where(replies["item"].map(mode).eq("split").to_numpy(), "")
    replies = replies.assign(part=part.to_numpy(), rank=replies["class"].map(CLASS_ORDER).to_numpy())

    def least_resolved(per_part: Any) -> Any:
        return per_part.sort_values("rank").groupby("item")["class"].last()

    first = least_resolved(replies.groupby(["item", "part"]).head(1))
    latest = least_resolved(replies.groupby(["item", "part"]).tail(1))

    feedback = pd.concat([of("feedback_given"), of("feedback_lapsed")]).sort_values("seq")
    feedback = feedback[feedback["item"].isin(items["item"])]
    latest_level = feedback.groupby("item")["level"].last().dropna()

    units = of("unit_registered")[["unit.id", "unit.system"]]
    assigned = assigned[assigned["item"].isin(items["item"])]
    plan = assigned.groupby("item")["plan.leads"].last().explode().rename("unit.id").reset_index()
    systems = plan.merge(units, on="unit.id")[["item", "unit.system"]].drop_duplicates()

    def counts(series: Any) -> dict[str, int]:
        return {k: int(v) for k, v in series.value_counts().items()}

    return {
        "suggestions_total": len(items),
        "replied": len(first),
        "classes_first_reply": counts(first),
        "classes_final": counts(latest),
        "rated": len(latest_level),
        "satisfaction_latest": counts(latest_level),
        "by_system": counts(systems["unit.system"]),
    }


# The same figures in DuckDB SQL straight over the JSON Lines file: the query a strong analyst
# writes without pandas. Line 1 (the header) has neither `seq` nor `fact` and drops out; the
# events after the day the figures are as of drop out too (the second reply of a rollover).
DUCKDB_FIGURES = """
CREATE OR REPLACE TEMP TABLE f AS
  SELECT seq, fact->>'$.type' AS type, fact->>'$.item' AS item, fact
  FROM read_json($path, format = 'newline_delimited', columns = {seq: 'BIGINT', "on": 'DATE', fact: 'JSON'})
  WHERE fact IS NOT NULL AND "on" <= $as_of;
CREATE OR REPLACE TEMP TABLE items AS
  SELECT item FROM f
  WHERE type = 'suggestion_submitted' AND CAST(fact->>'$.year' AS INT) = $year
  UNION ALL
  SELECT d.fact->>'$.decision.suggestion' FROM f d JOIN f m ON m.type = 'motion_submitted' AND m.item = d.item
  WHERE d.type = 'motion_decided' AND d.fact->>'$.decision.kind' = 'convert_to_suggestion'
    AND CAST(m.fact->>'$.year' AS INT) = $year;
CREATE OR REPLACE TEMP TABLE last_plan AS
  SELECT item, arg_max(fact->'$.plan', seq) AS plan FROM f WHERE type = 'assigned' GROUP BY item;
CREATE OR REPLACE TEMP TABLE replies AS
  SELECT r.seq, r.item, r.fact->>'$.class' AS class, o.rank,
         CASE WHEN p.plan->>'$.mode' = 'split' THEN r.fact->>'$.unit' ELSE '' END AS part
  FROM f r SEMI JOIN items USING (item)
  LEFT JOIN last_plan p USING (item)
  JOIN (VALUES ('resolved', 0), ('in_progress', 1), ('planned', 2), ('reference', 3)) o(class, rank)
    ON o.class = r.fact->>'$.class'
  WHERE r.type = 'reply_issued';
"""
DUCKDB_COUNTS = {
    "suggestions_total": "SELECT 'all', count(*) FROM items",
    # A split item takes the least-resolved of its parts' classes (the highest rank).
    "classes_first_reply": """SELECT arg_max(class, rank), 1 FROM (
        SELECT item, arg_min(class, seq) AS class, arg_min(rank, seq) AS rank FROM replies GROUP BY item, part
      ) GROUP BY item""",
    "classes_final": """SELECT arg_max(class, rank), 1 FROM (
        SELECT item, arg_max(class, seq) AS class, arg_max(rank, seq) AS rank FROM replies GROUP BY item, part
      ) GROUP BY item""",
    "satisfaction_latest": """SELECT level, 1 FROM (
        SELECT item, arg_max(fact->>'$.level', seq) AS level FROM f SEMI JOIN items USING (item)
        WHERE type IN ('feedback_given', 'feedback_lapsed') GROUP BY item
      ) WHERE level IS NOT NULL""",
    # Items per system of their lead units (an item led by two systems counts in both).
    "by_system": """SELECT system, 1 FROM (SELECT DISTINCT l.item, u.system FROM (
        SELECT item, unnest(CAST(plan->'$.leads' AS VARCHAR[])) AS unit FROM last_plan SEMI JOIN items USING (item)
      ) l JOIN (
        SELECT fact->>'$.unit.id' AS unit, fact->>'$.unit.system' AS system FROM f WHERE type = 'unit_registered'
      ) u USING (unit))""",
}


def with_duckdb(path: Path) -> dict[str, Any]:
    """The same figures in DuckDB SQL over the file (``DUCKDB_FIGURES``, ``DUCKDB_COUNTS``)."""
    import duckdb

    con = duckdb.connect()
    for statement in filter(str.strip, DUCKDB_FIGURES.split(";")):
        params = {k: v for k, v in {"path": str(path), "year": YEAR, "as_of": AS_OF}.items() if f"${k}" in statement}
        con.execute(statement, params)

    def counts(query: str) -> dict[str, int]:
        rows = con.execute(f"SELECT k, CAST(sum(n) AS BIGINT) FROM ({query}) t(k, n) GROUP BY k").fetchall()
        return dict(rows)

    figures = {name: counts(query) for name, query in DUCKDB_COUNTS.items()}
    con.close()
    return {
        "suggestions_total": figures["suggestions_total"].get("all", 0),
        "replied": sum(figures["classes_first_reply"].values()),
        "classes_first_reply": figures["classes_first_reply"],
        "classes_final": figures["classes_final"],
        "rated": sum(figures["satisfaction_latest"].values()),
        "satisfaction_latest": figures["satisfaction_latest"],
        "by_system": figures["by_system"],
    }


def best_of(repeat: int, run: Callable[[], dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    times, result = [], {}
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="suggestions to generate")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ledger", type=Path, help="use this ledger instead of generating one")
    parser.add_argument("--no-pandas", action="store_true", help="leave pandas out (it takes minutes at 1 000 000)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.ledger
        if path is None:
            start = time.perf_counter()
            path = Path(tmp) / f"city-{args.items}.jsonl"
            jianyi.Ledger.generate(args.items).save(path)
            print(f"generated {args.items} suggestions in {time.perf_counter() - start:.1f} s")
        print(f"figures of {YEAR} as of {AS_OF}")
        size = path.stat().st_size / 2**20
        lines = sum(1 for _ in path.open("rb"))
        print(f"ledger: {path.name}, {lines} lines, {size:.0f} MiB")

        t_jianyi, ours = best_of(args.repeat, lambda: with_jianyi(path))
        t_state, state = best_of(args.repeat, lambda: with_jianyi_state(path))
        ledger = jianyi.Ledger.load(path)
        t_query, _ = best_of(args.repeat, lambda: figures_of(ledger.year_figures(YEAR, AS_OF)))
        snapshot = Path(tmp) / "ledger.snapshot"
        snapshot.write_bytes(ledger.snapshot())
        del ledger
        t_warm, warm = best_of(args.repeat, lambda: with_jianyi_warm(path, snapshot))
        t_duckdb, sql = best_of(args.repeat, lambda: with_duckdb(path))
        t_pandas, theirs = (0.0, ours) if args.no_pandas else best_of(args.repeat, lambda: with_pandas(path))
        for name, other in (("pandas", theirs), ("DuckDB", sql), ("jianyi from its snapshot", warm), ("jianyi state only", state)):
            if ours != other:
                raise SystemExit(
                    f"{name} and jianyi disagree:\n"
                    + json.dumps({"jianyi": ours, name: other}, indent=1, sort_keys=True)
                )
        print(f"figures agree: {json.dumps(ours, sort_keys=True)}")
        print(f"jianyi  load + year_figures: {t_jianyi:8.3f} s")
        print(f"jianyi  load(keep_log=False) + year_figures: {t_state:8.3f} s (cold, state only)")
        print(f"jianyi  year_figures only:   {t_query:8.3f} s (ledger already loaded)")
        print(f"jianyi  reopen from snapshot + year_figures: {t_warm:8.3f} s (warm)")
        print(f"DuckDB  SQL over the file:   {t_duckdb:8.3f} s")
        if not args.no_pandas:
            print(f"pandas  read_json + figures: {t_pandas:8.3f} s")
            print(f"speed-up, file to figures:   {t_pandas / t_jianyi:8.1f}x pandas (cold)")
            print(f"speed-up, warm from snapshot: {t_pandas / t_warm:8.1f}x pandas")
        print(f"against DuckDB, file to figures: {t_duckdb / t_jianyi:8.2f}x (above 1: jianyi ahead; cold)")
        print(f"against DuckDB, state only:  {t_duckdb / t_state:8.2f}x (above 1: jianyi ahead; cold)")
        print(f"against DuckDB, warm from snapshot: {t_duckdb / t_warm:8.2f}x (above 1: jianyi ahead)")
        if not args.no_pandas:
            print(f"speed-up, loaded ledger vs pandas from file: {t_pandas / t_query:8.1f}x")


if __name__ == "__main__":
    main()
