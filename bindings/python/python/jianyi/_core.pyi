"""Type stubs of the native module ``jianyi._core`` (checked by ``mypy.stubtest``)."""

import datetime
import os
from typing import Any, Iterator, Optional, Union, final

from typing_extensions import TypeAlias

DateLike: TypeAlias = Union[datetime.date, str]
"""A ``datetime.date`` (not a ``datetime.datetime``) or ISO text ``"YYYY-MM-DD"``."""
JsonDict: TypeAlias = dict[str, Any]
"""A dict in the shape of the JSON wire format; every date in it is a ``datetime.date``."""
Command: TypeAlias = Union[JsonDict, str]
"""A command as a dict (dates as ``datetime.date`` or ISO text) or as JSON text."""
StrPath: TypeAlias = Union[str, "os.PathLike[str]"]

__all__ = [
    "Profile",
    "Calendar",
    "Ledger",
    "Outcome",
    "Table",
    "Screener",
    "__version__",
    "ERROR_CODES",
    "PanicException",
    "audit_report_text",
    "verify_ledger",
    "upcast_ledger_v1",
    "_debug_panic",
]

__version__: str
ERROR_CODES: list[str]
"""Every error code the core can return, in the committed order (``docs/error-codes.md``)."""

class PanicException(BaseException):
    """pyo3's exception for a Rust panic that escaped jianyi's own guard (should not happen)."""

@final
class Profile:
    """A validated rules profile (SPEC §2). Immutable; ``==`` compares content."""

    @staticmethod
    def preset(name: str = "seed-city") -> Profile:
        """A bundled preset: ``seed-city``, ``shanghai``, ``chongqing`` or ``npc``.

        Raises ``ProfileError`` (``profile.unknown_preset``) for any other name.
        """
    @staticmethod
    def presets() -> list[str]: ...
    @staticmethod
    def from_json(text: str) -> Profile:
        """Reads and validates a profile; ``ProfileError`` names the offending key."""
    def to_json(self) -> str: ...
    def to_dict(self) -> JsonDict: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def reference(self) -> JsonDict: ...
    def diff(self, other: Profile) -> list[JsonDict]:
        """Keys that differ: ``[{"key", "before", "after"}]``, values as JSON text or ``None``."""
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class Calendar:
    """China's official holiday calendar with 调休 working weekends. Immutable."""

    @staticmethod
    def china() -> Calendar: ...
    @staticmethod
    def from_json(text: str) -> Calendar: ...
    def to_json(self) -> str: ...
    def with_years(self, other: Calendar) -> Calendar: ...
    def with_weekend_fallback(self, on: bool) -> Calendar: ...
    @property
    def version(self) -> str: ...
    @property
    def first_year(self) -> Optional[int]: ...
    @property
    def last_year(self) -> Optional[int]: ...
    def day_kind(self, date: DateLike) -> str: ...
    def is_working_day(self, date: DateLike) -> bool: ...
    def add_working_days(self, date: DateLike, n: int) -> datetime.date:
        """The ``n``-th working day after ``date`` (调休 working weekends count)."""
    def working_days_between(self, a: DateLike, b: DateLike) -> int:
        """Working days in ``(a, b]``; negative when ``b < a``."""
    def due_date(
        self, anchor: DateLike, amount: int, unit: str, roll_forward: bool = True
    ) -> JsonDict:
        """The due date of ``amount`` ``unit`` (``calendar_days``, ``working_days``, ``months``)
        from ``anchor`` (not itself counted), with Civil Code Art. 203 roll-forward.

        Returns ``{"anchor", "window", "due", "holidays_skipped", "weekend_days_skipped",
        "adjusted_workdays_counted", "rolled_forward_from", "calendar_version", "explain_zh",
        "explain_en"}`` with dates as ``datetime.date``.
        """
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class Outcome:
    """What ``Ledger.execute`` did; iterates over the event dicts."""

    @property
    def events(self) -> list[JsonDict]: ...
    @property
    def duplicate(self) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[JsonDict]: ...
    def __getitem__(self, key: int, /) -> JsonDict: ...

@final
class Table:
    """Named columns of equal length, held in Rust.

    Python lists are made only when asked for (``columns``, ``column``, ``to_records``,
    ``to_pandas``). Arrow consumers (``to_polars``, ``to_arrow``, or any library that reads
    the Arrow PyCapsule interface: ``polars.DataFrame(t)``, ``pyarrow.table(t)``, duckdb)
    read the columns as Arrow buffers, without a Python object per field.
    """

    @property
    def columns(self) -> dict[str, list[Any]]:
        """``{name: list}`` (new lists: changing them leaves the table as it is)."""
    @property
    def names(self) -> list[str]: ...
    @property
    def dtypes(self) -> dict[str, str]:
        """``{name: dtype}``; dtype is ``str``, ``category`` (a value of a closed vocabulary:
        a class, a status, a kind; ``str`` in lists, a dictionary in Arrow), ``int``,
        ``float``, ``date``, ``bool``, ``list[str]`` or ``list[int]``. Values may be ``None``
        except in ``bool`` and list columns."""
    def column(self, name: str) -> list[Any]: ...
    def to_records(self) -> list[dict[str, Any]]: ...
    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame``: date columns as ``datetime64``, integer columns with gaps as
        ``Int64``, categories as ``category``; a list cell reads as a Python list. Read
        through the Arrow stream when pyarrow is installed. Raises ``ImportError`` naming
        pandas when it is not installed."""
    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` read through the Arrow stream (``Date``, ``Int64``,
        ``String``, ``Categorical``, ``Boolean``, ``List``). Raises ``ImportError`` naming polars when it is
        not installed."""
    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` read through the Arrow stream. Raises ``ImportError`` naming
        pyarrow when it is not installed."""
    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The Arrow PyCapsule interface: an ``ArrowArrayStream`` capsule (one batch;
        ``str`` → ``utf8``, ``category`` → ``dictionary<int32, utf8>``, ``int`` →
        ``int64``, ``float`` → ``float64``, ``date`` → ``date32``, ``bool`` → ``bool``,
        lists → ``list``)."""
    def __len__(self) -> int: ...

@final
class Ledger:
    """The ledger (台账): directory, items and the event log under one profile and calendar."""

    def __new__(
        cls, profile: Optional[Profile] = None, calendar: Optional[Calendar] = None
    ) -> Ledger: ...
    @staticmethod
    def from_jsonl(
        text: str,
        profile: Optional[Profile] = None,
        calendar: Optional[Calendar] = None,
        what_if: bool = False,
        keep_log: bool = True,
    ) -> Ledger:
        """Reads a ledger from JSON Lines. ``keep_log=False`` keeps the state only (every line
        checked the same): ``holds_log`` is then false and ``to_jsonl``, ``events_table``,
        what-if replays and views of an earlier day raise ``LedgerError``
        (``ledger.log_not_held``)."""
    @staticmethod
    def replay_jsonl(
        text: str,
        profile: Optional[Profile] = None,
        calendar: Optional[Calendar] = None,
        what_if: bool = False,
    ) -> tuple[Ledger, Optional[Exception]]:
        """Like ``from_jsonl`` but keeps everything before the first bad line: returns the
        ledger and that line's ``LedgerError`` (``None`` when every line applied)."""
    @staticmethod
    def load(
        path: StrPath,
        profile: Optional[Profile] = None,
        calendar: Optional[Calendar] = None,
        what_if: bool = False,
        keep_log: bool = True,
    ) -> Ledger: ...
    @staticmethod
    def import_table(
        table: Any,
        year: int,
        profile: Optional[Profile] = None,
        calendar: Optional[Calendar] = None,
        sheet: Optional[str] = None,
        mapping: Optional[Union[StrPath, dict[str, str]]] = None,
        keep_going: bool = False,
    ) -> tuple[Ledger, list[str]]:
        """An office's 台账 as a ledger (``jianyi import``): ``table`` is a ``.xlsx`` / ``.csv``
        path, a pandas or polars ``DataFrame``, or rows of plain values with the header first.
        Every fact carries its file and row and the facts the row does not give; the figures
        report those as unknown. Any bad row raises ``InputError`` (one line per row, naming
        its row and column; ``details["errors"]``) unless ``keep_going``. Returns the ledger
        and the skipped rows' lines (empty unless ``keep_going``)."""
    @staticmethod
    def reopen(
        path: StrPath,
        snapshot: StrPath,
        profile: Optional[Profile] = None,
        calendar: Optional[Calendar] = None,
    ) -> tuple[Ledger, Optional[Exception]]:
        """Reopens a ledger file from a snapshot of it: the snapshot's state, then only the
        lines after it. A refused snapshot comes back as a ``LedgerError`` (``snapshot.*``)
        beside the ledger read in full."""
    def snapshot(self) -> bytes: ...
    @property
    def holds_log(self) -> bool: ...
    def to_jsonl(self) -> str: ...
    def save(self, path: StrPath) -> None: ...
    def execute(self, command: Command) -> Outcome:
        """Decides and records a command (a dict or JSON text); returns the events.

        A retry under the same id with the same content records nothing and returns the
        original events with ``duplicate=True``. A refusal raises ``CommandError`` (or
        ``InputError`` / ``CalendarError``) and changes nothing.
        """
    def decide(self, command: Command) -> list[JsonDict]:
        """The facts a command would record, without recording anything."""
    def execute_json(self, command: str) -> str: ...
    def decide_json(self, command: str) -> str: ...
    @property
    def profile(self) -> Profile: ...
    @property
    def calendar(self) -> Calendar: ...
    def set_calendar(self, calendar: Calendar) -> None: ...
    @property
    def header(self) -> JsonDict: ...
    @property
    def event_count(self) -> int: ...
    def events(self) -> list[JsonDict]: ...
    def directory(self) -> JsonDict: ...
    def items(self) -> list[str]: ...
    def item(self, id: str) -> Optional[JsonDict]:
        """The item's full state (``None`` for an unknown id)."""
    def timeline(self, id: str) -> list[JsonDict]: ...
    def holder(self, id: str) -> Optional[JsonDict]:
        """Who has the item now: ``{"kind": "units", "units": [...]}``, ``{"kind": "office"}``, …"""
    def obligations(self, id: str, as_of: DateLike) -> list[JsonDict]:
        """The item's obligations with their status as of ``as_of``; each due date is explained
        (``["due"]["deadline"]["explain_zh"]``)."""
    def open_obligations_of_unit(self, unit: str, as_of: DateLike) -> list[JsonDict]: ...
    def open_obligations_of_committee(
        self, committee: str, as_of: DateLike
    ) -> list[JsonDict]: ...
    def open_obligations_of_deputy(self, deputy: str, as_of: DateLike) -> list[JsonDict]: ...
    def open_obligations_of_office(self, as_of: DateLike) -> list[JsonDict]: ...
    def overdue(self, as_of: DateLike) -> list[JsonDict]: ...
    def due_soon(self, as_of: DateLike) -> list[JsonDict]: ...
    def work_list(self, year: int) -> JsonDict: ...
    def year_figures(self, year: int, as_of: DateLike) -> JsonDict:
        """The year in figures (totals, classes, satisfaction, timeliness) for work year ``year``."""
    def under(self, profile: Profile, calendar: Optional[Calendar] = None) -> Ledger:
        """What-if: the same events replayed under another profile (its rate definitions,
        windows and rounding); this ledger is unchanged. ``LedgerError``
        (``ledger.inconsistent``) when the profile lacks one of the ledger's result classes
        or feedback levels."""
    def annual_summary(self, year: int, as_of: DateLike) -> JsonDict:
        """The annual summary of work year ``year``: ``{"figures": …, "facts": …}``."""
    def summary_text(
        self, year: int, as_of: DateLike, lang: str = "zh", format: str = "text"
    ) -> str:
        """The annual summary in the seed's structure: ``lang`` ``"zh"`` or ``"en"``,
        ``format`` ``"text"``, ``"md"`` or ``"html"`` (``ValueError`` for any other)."""
    def summary_docx(self, year: int, as_of: DateLike, lang: str = "zh") -> bytes:
        """The annual summary and its figures' appendix (charts as pictures, tables as Word
        tables) as a Word document: the ``.docx`` file's bytes (``ValueError`` for an
        unknown ``lang``, ``ReportError`` if it cannot be written)."""
    @staticmethod
    def generate(suggestions: Optional[int] = None, seed: int = 2022) -> Ledger:
        """A synthetic city-year from the core's seeded generator (``None``: the bundled
        sample city-year; a number: the same shape at that size). Deterministic."""
    def report_tables(self, year: int, as_of: DateLike) -> dict[str, Any]:
        """Every table of the year's report (SPEC §10) as ``{id: Table}`` (``by_kind``,
        ``by_period``, ``by_origin``, ``by_system``, ``by_unit``, ``by_topic``,
        ``by_committee``, ``classes_first_reply``, ``classes_second_round``,
        ``classes_final``, ``satisfaction_first``, ``satisfaction_latest``, ``timeliness``,
        ``contact_before_reply``, ``rollover``, and when the ledger holds them
        ``key_supervision``, ``leader_led``, ``third_party``, ``excellence``,
        ``excellent_deputies``, ``unit_assessment``), plus ``"not_in_ledger"``: the ids of
        the sections the ledger holds no facts for."""
    def year_tables(self, year: int, as_of: DateLike) -> JsonDict:
        """The same tables as one dict in the JSON shape of ``Ledger::year_tables``."""
    def evaluation_candidates(self, year: int, seed: int) -> list[JsonDict]:
        """Third-party candidates of ``year`` (dissatisfied, a basically-satisfied sample
        drawn with ``seed``, raised in several years, requested): ``item``, ``title``,
        ``reasons``."""
    def evaluation_figures(self, year: int) -> JsonDict:
        """The year's third-party evaluation: recommended, selected, areas, dates,
        outcomes, and last year's reopened items followed up."""
    def unit_assessment(self, year: int, as_of: DateLike) -> JsonDict:
        """The unit assessment with every explanation: dimensions, indicators and the items
        that cost points, deductions, vetoes, bands, ranks within groups."""
    def unit_assessment_table(self, year: int, as_of: DateLike) -> Table:
        """One row per unit assessed: group, items, one column per dimension, subtotal,
        deductions, total, band_by_points, band, band_zh, rank_in_group, vetoes, cost_by."""
    def excellence(self, year: int) -> dict[str, Any]:
        """``{"suggestions": Table, "deputies": Table, "quotas": {...}}``: each candidate's
        score, rank, standing (selected / tied_at_cut / below / ineligible), honoured and
        the lines of its score."""
    def deputy_points_table(self, year: int) -> Table:
        """Every deputy's points for ``year`` (履职积分) and the lines that make them."""
    def items_table(self) -> Table:
        """One row per item: id, kind, year, period, origin, session, lead, cosigners, topic,
        status, holder, lead/co units, systems, reply dates and classes, ratings, closing…"""
    def events_table(self) -> Table:
        """One row per event: seq, on, command, actor_role, actor, type, item, unit, fact (JSON)."""
    def obligations_table(self, as_of: DateLike) -> Table:
        """One row per obligation of every item, with its status as of ``as_of``."""
    def to_parquet(
        self, dir: StrPath, year: Optional[int] = None, as_of: Optional[DateLike] = None
    ) -> list[dict[str, Any]]:
        """Writes items, events and obligations as of ``as_of``, the figures and every report
        table of ``year`` as Parquet files into ``dir`` (``jianyi export --to parquet``);
        one ``{"path", "rows", "bytes"}`` per file."""
    def _debug_panic_while_changing(self) -> None:
        """Test wheels only (feature ``test-panic``): panics mid-change, poisoning the ledger."""

@final
class Screener:
    """A profile's screening rules (SPEC §5) compiled once: classification, routing with
    reasons, motion qualification, exclusion flags, the draft check and similar items."""

    def __new__(cls, profile: Optional[Profile] = None) -> Screener: ...
    @staticmethod
    def for_ledger(ledger: Ledger) -> Screener:
        """Routes to the ledger's directory (each unit's department kind recognised from its
        name) and learns from its history which units handled earlier items."""
    def learning_from(self, past: list[tuple[str, str, list[str]]]) -> Screener:
        """A new screener that has also learnt from earlier items kept outside the ledger:
        ``(title, body, [final lead unit ids])`` each. Items naming no unit it routes to
        teach nothing."""
    def history_terms(self) -> int:
        """Duty terms the history holds evidence for (0 unless ``for_ledger`` or
        ``learning_from``)."""
    def unit_kind(self, name: str) -> Optional[str]:
        """The department kind (部门类型) of a unit so named, e.g. ``water``."""
    def units(self) -> list[tuple[str, str, Optional[str]]]:
        """The units routed to: ``(id, name, kind)``."""
    def classify(
        self, title: str, body: str = "", proposed_unit: Optional[str] = None, signers: int = 1, by_delegation: bool = False
    ) -> JsonDict:
        """The topic (``top``: topic, label, score, terms) and every topic ranked."""
    def route(
        self, title: str, body: str = "", proposed_unit: Optional[str] = None, signers: int = 1, by_delegation: bool = False
    ) -> JsonDict:
        """``classification``, ``lead``, ``co``, ``candidates`` (unit, name, system, score,
        terms, reasons), ``systems`` and ``difficulty`` (疑难件) when no unit or a tie."""
    def route_actions(
        self,
        item: str,
        title: str,
        body: str = "",
        proposed_unit: Optional[str] = None,
        signers: int = 1,
        by_delegation: bool = False,
    ) -> list[JsonDict]:
        """The answer as command actions for ``item``: ``pre_assign`` or ``raise_dispute``."""
    def qualify_motion(
        self, title: str, body: str = "", proposed_unit: Optional[str] = None, signers: int = 1, by_delegation: bool = False
    ) -> JsonDict:
        """Whether the text qualifies as a motion (议案), with reasons."""
    def exclusions(self, title: str, body: str = "") -> list[JsonDict]:
        """Exclusion flags (不作为建议) with their evidence."""
    def check_draft(self, title: str, body: str = "") -> JsonDict:
        """A 0–100 draft score with fixes in Chinese and English."""
    def route_table(self, items: list[tuple[str, str, str]]) -> Table:
        """Routes ``(id, title, body)`` items: item, topic, lead, lead_score, co, difficulty."""
    def similar(self, items: list[tuple[str, int, str]]) -> list[JsonDict]:
        """Similar pairs among ``(id, year, text)`` items: a, b, kind, score, shared n-grams."""

def verify_ledger(text: str) -> JsonDict:
    """Checks a ledger text's chain without replaying it: ``version``, ``lines``, ``head``
    and ``broken`` (``line``, ``expected``, ``found``) or ``None``."""

def upcast_ledger_v1(text: str) -> str:
    """A format-version-1 ledger text rewritten as version 2 (every event line linked)."""

def audit_report_text(text: str) -> list[JsonDict]:
    """Report audit (SPEC §10): for each "N件，占P%" table in a Chinese report's text, the
    conventions that reproduce it (``reproduced_by``), the best one, and every figure with
    ``reproducible`` and the ``nearest`` correct value."""

def _debug_panic() -> None:
    """Present only in wheels built with the ``test-panic`` feature: panics inside Rust."""
