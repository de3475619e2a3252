"""examples/python/analyst.py runs and its pandas tables agree with the core's figures."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

import pytest

import jianyi

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "examples" / "python" / "analyst.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("analyst", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["analyst"] = module
    spec.loader.exec_module(module)
    return module


def test_the_analyst_script_prints_the_summary_and_tables(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    analyst = load_script()
    png = tmp_path / "classes.png"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert analyst.main(["--png", str(png)]) == 0
    printed = out.getvalue()
    assert printed.startswith("关于") or "代表建议" in printed.splitlines()[0]
    assert "satisfaction by system" in printed and "政府系统" in printed
    if importlib.util.find_spec("matplotlib") is not None:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert "plot skipped" in printed


def test_the_pandas_tables_agree_with_the_core_figures() -> None:
    pytest.importorskip("pandas")
    analyst = load_script()
    ledger = jianyi.Ledger.load(analyst.SAMPLE)
    figures = ledger.year_figures(analyst.YEAR, dt.date(2022, 12, 31))
    items = analyst.items_frame(ledger)
    classes = analyst.classes_by_system(items)
    by_system = {analyst.SYSTEM_ZH[s["system"]]: s["items"] for s in figures["by_system"]}
    assert classes.sum(axis=1).to_dict() == by_system
    satisfaction = analyst.satisfaction_by_system(items)
    # An item handled by two systems is rated once but counted in each of them.
    pairs = items.dropna(subset=["latest_rating"])
    assert int(satisfaction["rated"].sum()) == len(pairs)
    assert pairs["id"].nunique() == figures["rated"]
