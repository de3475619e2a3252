"""The benchmark's pandas implementation computes the same figures as jianyi, so the
speed-up it reports compares like with like (bench/bench_figures.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import jianyi

ROOT = Path(__file__).resolve().parents[3]


def load_bench() -> ModuleType:
    path = ROOT / "bindings" / "python" / "bench" / "bench_figures.py"
    spec = importlib.util.spec_from_file_location("bench_figures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_figures"] = module
    spec.loader.exec_module(module)
    return module


def test_pandas_and_jianyi_agree_on_the_sample_year() -> None:
    pytest.importorskip("pandas")
    bench = load_bench()
    sample = ROOT / "examples" / "data" / "sample-city-2022.jsonl"
    ours = bench.with_jianyi(sample)
    assert ours["suggestions_total"] == 447
    assert bench.with_pandas(sample) == ours


def test_pandas_and_jianyi_agree_on_a_generated_city(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    bench = load_bench()
    path = tmp_path / "city.jsonl"
    jianyi.Ledger.generate(4000, seed=11).save(path)
    assert bench.with_pandas(path) == bench.with_jianyi(path)


def test_duckdb_sql_over_the_file_agrees_with_jianyi(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    bench = load_bench()
    sample = ROOT / "examples" / "data" / "sample-city-2022.jsonl"
    assert bench.with_duckdb(sample) == bench.with_jianyi(sample)
    path = tmp_path / "city.jsonl"
    jianyi.Ledger.generate(4000, seed=11).save(path)
    assert bench.with_duckdb(path) == bench.with_jianyi(path)


def test_jianyi_warm_from_a_snapshot_agrees_with_jianyi_cold(tmp_path: Path) -> None:
    bench = load_bench()
    path = tmp_path / "city.jsonl"
    ledger = jianyi.Ledger.generate(4000, seed=11)
    ledger.save(path)
    snapshot = tmp_path / "city.snapshot"
    snapshot.write_bytes(ledger.snapshot())
    assert bench.with_jianyi_warm(path, snapshot) == bench.with_jianyi(path)
