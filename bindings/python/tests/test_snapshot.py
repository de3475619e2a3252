"""Snapshots through the Python binding (issue 22): an analyst reopens a ledger file from a
snapshot taken earlier, reading only the lines appended since; a snapshot that cannot stand
for the file is refused with its code and the file is read in full."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import jianyi

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "examples" / "data" / "sample-city-2022.jsonl"
DAY = dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The sample, its first 3 000 lines, and a snapshot of those."""
    tmp = tmp_path_factory.mktemp("snapshot")
    early = tmp / "early.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    early.write_text("".join(lines[:3000]), encoding="utf-8")
    snap = tmp / "early.snap"
    snap.write_bytes(jianyi.Ledger.load(early).snapshot())
    return early, snap, tmp


def test_a_reopened_ledger_gives_the_figures_of_the_full_read(files: tuple[Path, Path, Path]) -> None:
    _, snap, _ = files
    whole = jianyi.Ledger.load(SAMPLE)
    reopened, refused = jianyi.Ledger.reopen(SAMPLE, snap)
    assert refused is None
    assert not reopened.holds_log
    assert whole.holds_log
    assert reopened.event_count == whole.event_count
    assert len(reopened.events()) == whole.event_count - 2999
    assert reopened.year_figures(2022, DAY) == whole.year_figures(2022, DAY)
    # The year before, as of its end: its events are before the snapshot, whose statistics
    # keep that year's figures.
    assert whole.annual_summary(2022, DAY)["previous"] is not None
    assert reopened.annual_summary(2022, DAY) == whole.annual_summary(2022, DAY)
    assert reopened.summary_text(2022, DAY) == whole.summary_text(2022, DAY)
    assert reopened.snapshot() == whole.snapshot()
    assert reopened.items_table().to_pandas().equals(whole.items_table().to_pandas())


def test_what_needs_the_log_says_so(files: tuple[Path, Path, Path]) -> None:
    _, snap, _ = files
    reopened, _ = jianyi.Ledger.reopen(SAMPLE, snap)
    for call in (reopened.to_jsonl, reopened.events_table):
        with pytest.raises(jianyi.LedgerError) as raised:
            call()
        assert raised.value.code == "ledger.log_not_held"
        assert raised.value.details["held_from"] == 3000


def test_a_ledger_loaded_without_its_log_is_the_full_read_without_its_events() -> None:
    whole = jianyi.Ledger.load(SAMPLE)
    state = jianyi.Ledger.load(SAMPLE, keep_log=False)
    assert whole.holds_log and not state.holds_log
    assert state.event_count == whole.event_count
    assert state.events() == []
    assert state.snapshot() == whole.snapshot()
    assert state.year_figures(2022, DAY) == whole.year_figures(2022, DAY)
    assert state.summary_text(2022, DAY) == whole.summary_text(2022, DAY)
    for call in (state.to_jsonl, state.events_table):
        with pytest.raises(jianyi.LedgerError) as raised:
            call()
        assert raised.value.code == "ledger.log_not_held"
        assert raised.value.details["held_from"] == whole.event_count + 1
    # A bad line is the same error on the same line either way.
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[40] = lines[40].replace('"seq":', '"seq":9', 1)
    bad = "".join(lines[:100])
    errors = []
    for keep_log in (True, False):
        with pytest.raises(jianyi.LedgerError) as raised:
            jianyi.Ledger.from_jsonl(bad, keep_log=keep_log)
        errors.append((raised.value.code, str(raised.value)))
    assert errors[0] == errors[1]
    assert "line 41" in errors[0][1]


def test_a_snapshot_of_another_ledger_or_a_damaged_one_is_refused(files: tuple[Path, Path, Path]) -> None:
    early, snap, tmp = files
    whole = jianyi.Ledger.load(SAMPLE)
    damaged = tmp / "damaged.snap"
    # One byte of the body changed (its last): the body no longer hashes to its header's digest.
    body = bytearray(snap.read_bytes())
    body[-1] ^= 1
    damaged.write_bytes(bytes(body))
    of_the_whole = tmp / "whole.snap"
    of_the_whole.write_bytes(whole.snapshot())
    for ledger_file, snapshot, code in [
        (SAMPLE, damaged, "snapshot.corrupt"),
        # The snapshot stands after the last line of the early file: the sample's whole text
        # is needed, the early one ends before it.
        (early, of_the_whole, "snapshot.head_mismatch"),
    ]:
        ledger, refused = jianyi.Ledger.reopen(ledger_file, snapshot)
        assert isinstance(refused, jianyi.LedgerError)
        assert refused.code == code
        assert ledger.holds_log
        assert ledger.to_jsonl() == ledger_file.read_text(encoding="utf-8")


def test_only_the_end_of_a_large_file_is_read(
    files: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A national ledger's file runs to gigabytes: `reopen` reads its end first (64 MiB; here
    `JIANYI_TAIL_BYTES` makes the sample "large": its last 100 KiB, then 800 KiB, which hold the
    snapshot's head line). Bytes that are not text before the end show that it was not read in
    full: the full read refuses them."""
    _, snap, tmp = files
    whole = jianyi.Ledger.load(SAMPLE)
    text = SAMPLE.read_bytes()
    first_line_end = text.index(b"\n") + 1
    # The second line (an event well before the snapshot's head) made unreadable.
    damaged = tmp / "damaged-start.jsonl"
    damaged.write_bytes(text[:first_line_end] + b"\xff\xfe" + text[first_line_end + 2 :])
    monkeypatch.setenv("JIANYI_TAIL_BYTES", str(100 * 1024))
    reopened, refused = jianyi.Ledger.reopen(damaged, snap)
    assert refused is None
    assert reopened.snapshot() == whole.snapshot()
    assert reopened.year_figures(2022, DAY) == whole.year_figures(2022, DAY)
    # Read in full (the end is as large as the file), the same bytes are refused.
    monkeypatch.setenv("JIANYI_TAIL_BYTES", str(len(text) + 1))
    with pytest.raises(OSError, match="UTF-8"):
        jianyi.Ledger.reopen(damaged, snap)
