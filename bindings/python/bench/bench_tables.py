"""Benchmark: an analyst's tables once the ledger is loaded (issue 22, "tables at memory speed").

Times each table call alone, then the call and the conversion of its result (pyarrow,
polars, pandas) together, on one ledger, best of ``--repeat`` runs, and checks before timing that the three conversions hold
the same rows and columns. The load itself is timed once and printed apart.

    python bindings/python/bench/bench_tables.py --ledger /tmp/city-100k.jsonl [--repeat 3]
    python bindings/python/bench/bench_tables.py --items 10000

Targets (SPEC §13 as issue 22 sets them): any table of 1 000 000 rows into polars or pyarrow
in < 0.5 s and into pandas in < 1 s; ``report_tables()`` < 0.2 s at 100 000 suggestions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import jianyi

YEAR = 2022
AS_OF = dt.date(YEAR, 12, 31)


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def available(package: str) -> Any:
    try:
        return importlib.import_module(package)
    except ImportError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="suggestions to generate")
    parser.add_argument("--ledger", type=Path, help="use this ledger instead of generating one")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    if args.ledger is None:
        ledger_path = Path(tempfile.mkdtemp()) / "city.jsonl"
        jianyi.Ledger.generate(args.items, seed=2022).save(ledger_path)
    else:
        ledger_path = args.ledger
    start = time.perf_counter()
    ledger = jianyi.Ledger.load(ledger_path)
    print(f"load {ledger_path}: {time.perf_counter() - start:.2f} s, {ledger.event_count} events")

    calls: list[tuple[str, Callable[[], Any]]] = [
        ("items_table()", ledger.items_table),
        ("events_table()", ledger.events_table),
        ("obligations_table(as_of)", lambda: ledger.obligations_table(AS_OF)),
    ]
    packages = {name: available(name) for name in ("pyarrow", "polars", "pandas")}
    print(f"{'call':<34}{'rows':>10}{'cols':>6}{'table':>9}{'→pyarrow':>9}{'→polars':>9}{'→pandas':>9}")
    for name, call in calls:
        took, table = best_of(args.repeat, call)
        cells = [f"{took:8.3f}s"]
        shapes = set()
        for package, method in (("pyarrow", "to_arrow"), ("polars", "to_polars"), ("pandas", "to_pandas")):
            if packages[package] is None:
                cells.append(f"{'—':>9}")
                continue
            # A fresh table each time: a table builds its Arrow form once, on the first read.
            converted_in, frame = best_of(args.repeat, lambda: getattr(call(), method)())
            shapes.add((frame.num_rows, frame.num_columns) if package == "pyarrow" else frame.shape)
            cells.append(f"{converted_in:8.3f}s")
        if len(shapes) > 1:
            raise SystemExit(f"{name}: the conversions disagree on the shape: {shapes}")
        print(f"{name:<34}{len(table):>10}{len(table.names):>6}" + " ".join(cells))

    took, tables = best_of(args.repeat, lambda: ledger.report_tables(YEAR, AS_OF))
    rows = sum(len(t) for key, t in tables.items() if key != "not_in_ledger")
    print(f"{'report_tables(year, as_of)':<34}{rows:>10}{len(tables) - 1:>6} {took:8.3f}s")


if __name__ == "__main__":
    main()
