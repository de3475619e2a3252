"""The README's Python quick start runs as written, against the bundled sample ledger."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def python_blocks(markdown: str, heading: str) -> list[str]:
    section = markdown.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_quick_start_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = python_blocks((ROOT / "README.md").read_text(encoding="utf-8"), "## Quick start (Python")
    assert len(blocks) == 1
    monkeypatch.chdir(ROOT)  # the snippet names the sample ledger relative to the repository
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], "README.md", "exec"), {})
    printed = out.getvalue()
    assert "二、坚持多方督办" in printed  # the summary's second section heading
    assert printed.splitlines()[-1] == "permission.role_not_allowed"
    assert re.search(r"^447 ", printed, flags=re.M), printed[-2000:]


def test_the_package_readme_snippet_names_only_real_methods() -> None:
    import jianyi

    text = (ROOT / "bindings" / "python" / "README.md").read_text(encoding="utf-8")
    for name in set(re.findall(r"ledger\.(\w+)\(", text)):
        assert hasattr(jianyi.Ledger, name), name
    for name in set(re.findall(r"screener\.(\w+)\(", text)):
        assert hasattr(jianyi.Screener, name), name
    assert os.path.exists(ROOT / "examples" / "data" / "sample-city-2022.jsonl")
