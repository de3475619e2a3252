"""Benchmark: the year's figures from a ledger file, jianyi against idiomatic pandas.

SPEC §13 asks the Python binding to be at least 20 times faster than computing the same report
figures with pandas. Both sides start from the same JSON Lines ledger on disk (what an analyst
has) and end with the same figures: suggestions of the year, replied items, result classes
after the first and the latest reply, rated items and latest satisfaction, items per system.
The script checks that both sides agree before it prints any timing.

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
AS_OF = dt.date(YEAR, 12, 31)


def with_jianyi(path: Path) -> dict[str, Any]:
    ledger = jianyi.Ledger.load(path)
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
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = args.ledger
        if path is None:
            start = time.perf_counter()
            path = Path(tmp) / f"city-{args.items}.jsonl"
            jianyi.Ledger.generate(args.items).save(path)
            print(f"generated {args.items} suggestions in {time.perf_counter() - start:.1f} s")
        size = path.stat().st_size / 2**20
        lines = sum(1 for _ in path.open("rb"))
        print(f"ledger: {path.name}, {lines} lines, {size:.0f} MiB")

        t_jianyi, ours = best_of(args.repeat, lambda: with_jianyi(path))
        ledger = jianyi.Ledger.load(path)
        t_query, _ = best_of(args.repeat, lambda: figures_of(ledger.year_figures(YEAR, AS_OF)))
        t_pandas, theirs = best_of(args.repeat, lambda: with_pandas(path))
        if ours != theirs:
            raise SystemExit(
                "pandas and jianyi disagree:\n"
                + json.dumps({"jianyi": ours, "pandas": theirs}, indent=1, sort_keys=True)
            )
        print(f"figures agree: {json.dumps(ours, sort_keys=True)}")
        print(f"jianyi  load + year_figures: {t_jianyi:8.3f} s")
        print(f"jianyi  year_figures only:   {t_query:8.3f} s (ledger already loaded)")
        print(f"pandas  read_json + figures: {t_pandas:8.3f} s")
        print(f"speed-up, file to figures:   {t_pandas / t_jianyi:8.1f}x")
        print(f"speed-up, loaded ledger vs pandas from file: {t_pandas / t_query:8.1f}x")


if __name__ == "__main__":
    main()
