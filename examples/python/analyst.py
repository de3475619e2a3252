"""An analyst's look at the sample city-year (SPEC §0: analysts).

Loads the bundled ledger, prints the annual summary in Chinese, builds a
satisfaction-by-system table with pandas and plots the result classes per system to a PNG
(when matplotlib is installed).

    python examples/python/analyst.py [LEDGER.jsonl] [--png result-classes.png]

Every figure comes from the Rust core through ``import jianyi``; pandas only reshapes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any, Optional

import jianyi

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-city-2022.jsonl"
YEAR = 2022
AS_OF = dt.date(2022, 12, 31)

SYSTEM_ZH = {
    "government": "政府系统",
    "party_mass": "党群系统",
    "court": "法院",
    "procuratorate": "检察院",
    "congress": "人大机关",
}
RATING_ORDER = ["satisfied", "basically_satisfied", "dissatisfied"]
CLASS_ORDER = ["resolved", "in_progress", "planned", "reference"]


def items_frame(ledger: jianyi.Ledger) -> Any:
    """This year's suggestions, one row per (item, system): a joint item counts in each of
    its systems, as the summary counts it ("including N jointly handled")."""
    items = ledger.items_table().to_pandas()
    items = items[(items["kind"] == "suggestion") & (items["year"] == YEAR)]
    return items.explode("systems").dropna(subset=["systems"])


def satisfaction_by_system(items: Any) -> Any:
    """Rows: systems; columns: latest rating counts and the satisfied share in per cent."""
    import pandas as pd

    rated = items.dropna(subset=["latest_rating"])
    table = pd.crosstab(rated["systems"], rated["latest_rating"])
    table = table.reindex(columns=[r for r in RATING_ORDER if r in table.columns], fill_value=0)
    table["rated"] = table.sum(axis=1)
    table["satisfied_pct"] = (100 * table.get("satisfied", 0) / table["rated"]).round(1)
    table.index = [SYSTEM_ZH.get(s, s) for s in table.index]
    return table


def classes_by_system(items: Any) -> Any:
    """Rows: systems; columns: the latest result class counts."""
    import pandas as pd

    replied = items.dropna(subset=["latest_class"])
    table = pd.crosstab(replied["systems"], replied["latest_class"])
    table = table.reindex(columns=[c for c in CLASS_ORDER if c in table.columns], fill_value=0)
    table.index = [SYSTEM_ZH.get(s, s) for s in table.index]
    return table


def plot_classes(table: Any, path: Path) -> bool:
    """Stacked bars of result classes per system; False when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    plotted = table.copy()
    # The bundled fonts have no CJK glyphs: label the bars with the English system names.
    english = {zh: en for en, zh in SYSTEM_ZH.items()}
    plotted.index = [english.get(s, s) for s in plotted.index]
    ax = plotted.plot(kind="bar", stacked=True, figsize=(7, 4), rot=0)
    ax.set_title(f"Result classes per system, {YEAR} (latest reply)")
    ax.set_ylabel("suggestions")
    ax.figure.tight_layout()
    ax.figure.savefig(path, dpi=100)
    plt.close(ax.figure)
    return True


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--png", type=Path, default=Path("result-classes.png"))
    args = parser.parse_args(argv)

    ledger = jianyi.Ledger.load(args.ledger)
    print(ledger.summary_text(YEAR, AS_OF))

    items = items_frame(ledger)
    print("\n满意度（按系统，最新评价）/ satisfaction by system (latest rating)")
    print(satisfaction_by_system(items).to_string())
    classes = classes_by_system(items)
    print("\n办理结果（按系统，最新答复）/ result classes by system (latest reply)")
    print(classes.to_string())

    if plot_classes(classes, args.png):
        print(f"\nplot: {args.png}")
    else:
        print("\nplot skipped: matplotlib is not installed (pip install matplotlib)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
